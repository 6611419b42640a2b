/*
 * The large-type switch (大字版) of a disclose portal: a button in the
 * masthead sets the class "large" on the page, and the choice is kept for
 * the next pages.  Loaded in the head, so that a page opens at the chosen
 * size; without JavaScript the button stays hidden and the page says to
 * use the browser's zoom.
 */
(function () {
	"use strict";

	var KEY = "disclose-large", root = document.documentElement, on;

	function get() {
		try {
			return window.localStorage.getItem(KEY) === "1";
		} catch (e) {
			return false;
		}
	}

	function set(v) {
		try {
			window.localStorage.setItem(KEY, v ? "1" : "0");
		} catch (e) {
			/* Not kept: this page only. */
		}
	}

	function show(button) {
		root.classList.toggle("large", on);
		if (button)
			button.setAttribute("aria-pressed", on ? "true" : "false");
	}

	on = get();
	show(null);
	document.addEventListener("DOMContentLoaded", function () {
		var button = document.getElementById("large");
		if (!button)
			return;
		button.hidden = false;
		show(button);
		button.addEventListener("click", function () {
			on = !on;
			set(on);
			show(button);
		});
	});
})();
