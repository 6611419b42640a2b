/*
 * The search page of a disclose portal.  It reads the static index that
 * the build wrote under search/ (meta.js, the shards of the query's keys,
 * and the text of the results it shows) through script elements, which
 * work from file:// as well as from a server, and it asks nothing of
 * any other place.  A query is cut into keys as the build cut the text:
 * a character of a wide script (from U+2E80) is a unit, a run of other
 * letters and digits is a word; two wide characters side by side are a
 * key, a wide character alone is one, and so is a word.  A run of wide
 * characters is looked up by the pairs that cover it.
 */
(function () {
	"use strict";

	var form = document.getElementById("search");
	if (!form || !window.Promise || !String.prototype.normalize)
		return;
	var root = form.getAttribute("data-root") || "../";
	var status = document.getElementById("search-status");
	var list = document.getElementById("search-results");
	var more = document.getElementById("search-more");
	var WIDE = 0x2e80, WORD_MAX = 24, PAGE = 10;
	var wordch = /[\p{L}\p{M}\p{N}]/u;
	var loaded = {};

	window.disclose_search = {
		meta: function (m) { loaded["meta.js"] = m; },
		shard: function (k, t) { loaded["s/" + k + ".js"] = t; },
		doc: function (n, d) { loaded["d/" + n + ".js"] = d; }
	};

	/* A file of the index, once. */
	var asked = {};
	function load(name) {
		if (asked[name])
			return asked[name];
		asked[name] = new Promise(function (ok, fail) {
			var s = document.createElement("script");
			s.src = root + "search/" + name;
			s.onload = function () {
				if (loaded[name] !== undefined)
					ok(loaded[name]);
				else
					fail(new Error(name));
			};
			s.onerror = function () { fail(new Error(name)); };
			document.head.appendChild(s);
		});
		return asked[name];
	}

	function fold(s) {
		return s.normalize("NFKC").toLowerCase();
	}

	/* The keys of a query, and the strings to highlight. */
	function cut(q) {
		var keys = [], terms = [], word = [], wide = [];
		function endword() {
			if (word.length > 0) {
				var w = word.slice(0, WORD_MAX).join("");
				if (!/[0-9]{7}/.test(w))
					keys.push(w);
				terms.push(word.join(""));
				word = [];
			}
		}
		function endwide() {
			var i;
			/* Pairs that cover the run, the last one overlapping. */
			if (wide.length === 1)
				keys.push(wide[0]);
			for (i = 0; i + 1 < wide.length; i += 2)
				keys.push(wide[i] + wide[i + 1]);
			if (wide.length > 2 && wide.length % 2 === 1)
				keys.push(wide[wide.length - 2] +
				    wide[wide.length - 1]);
			if (wide.length > 0)
				terms.push(wide.join(""));
			wide = [];
		}
		Array.from(fold(q)).forEach(function (ch) {
			var w = wordch.test(ch);
			if (w && ch.codePointAt(0) < WIDE) {
				endwide();
				word.push(ch);
			} else if (w) {
				endword();
				wide.push(ch);
			} else {
				endword();
				endwide();
			}
		});
		endword();
		endwide();
		keys = keys.filter(function (k, i) {
			return keys.indexOf(k) === i;
		});
		return { keys: keys, terms: terms };
	}

	function fnv(s) {
		var b = new TextEncoder().encode(s), h = 2166136261, i;
		for (i = 0; i < b.length; i++) {
			h ^= b[i];
			h = Math.imul(h, 16777619) >>> 0;
		}
		return h >>> 0;
	}

	/* A key's name in its shard: another hash, written in ten digits. */
	function name(meta, s) {
		var b = new TextEncoder().encode(s), h = 0x9e3779b9, i, out = "";
		for (i = b.length - 1; i >= 0; i--) {
			h ^= b[i];
			h = Math.imul(h, 16777619) >>> 0;
		}
		for (i = 0; i < 10; i++) {
			out += meta.digits[h % 11];
			h = Math.floor(h / 11);
		}
		return out;
	}

	/* Numbers written with the index's digits. */
	function numbers(meta, s) {
		var out = [], v = 0, mul = 1, i, d;
		for (i = 0; i < s.length; i++) {
			d = meta.more.indexOf(s[i]);
			if (d >= 0) {
				v += d * mul;
				mul *= 11;
				continue;
			}
			out.push(v + meta.digits.indexOf(s[i]) * mul);
			v = 0;
			mul = 1;
		}
		return out;
	}

	/* The cases holding a key, ascending, and those in their title. */
	function postings(meta, text, key) {
		var id = name(meta, key), line, parts;
		var at = ("\n" + text).indexOf("\n" + id + " ");
		var docs = [], title = new Set(), i, prev = -1, lt = 0, v;
		if (at < 0)
			return { docs: docs, title: title };
		line = text.slice(at + id.length + 1, text.indexOf("\n", at));
		parts = line.split(" ");
		v = numbers(meta, parts[0]);
		for (i = 0; i < v.length; i++) {
			prev = prev < 0 ? v[i] : prev + v[i] + 1;
			docs.push(prev);
		}
		v = parts.length > 1 ? numbers(meta, parts[1]) : [];
		for (i = 0; i < v.length; i++) {
			title.add(docs[v[i] + lt]);
			lt = v[i] + lt + 1;
		}
		return { docs: docs, title: title };
	}

	/* The terms of case n, one a taxonomy: index + 1, 0 for none. */
	function termsof(meta, n) {
		var digits = meta.digits + meta.more, code = 0, mul = 1, i;
		var out = [], r;
		for (i = 0; i < meta.width; i++) {
			code += digits.indexOf(meta.table[n * meta.width + i]) * mul;
			mul *= 22;
		}
		for (i = 0; i < meta.terms.length; i++) {
			r = meta.terms[i].values.length + 1;
			out.push(code % r);
			code = Math.floor(code / r);
		}
		return out;
	}

	/* Marks around every place of the terms in s, as nodes in el. */
	function highlight(el, s, terms) {
		var f = "", at = [], marks = [], i, j, k, c, cs = Array.from(s);
		var pos = 0;
		for (i = 0; i < cs.length; i++) {
			c = fold(cs[i]);
			for (j = 0; j < c.length; j++)
				at.push(pos);
			f += c;
			pos += cs[i].length;
		}
		at.push(s.length);
		terms.forEach(function (t) {
			if (t.length === 0)
				return;
			for (k = f.indexOf(t); k >= 0; k = f.indexOf(t, k + 1))
				marks.push([at[k], at[k + t.length]]);
		});
		marks.sort(function (a, b) { return a[0] - b[0]; });
		pos = 0;
		marks.forEach(function (m) {
			var mk;
			if (m[1] <= pos)
				return;
			if (m[0] > pos)
				el.appendChild(document.createTextNode(
				    s.slice(pos, m[0])));
			mk = document.createElement("mark");
			mk.textContent = s.slice(Math.max(pos, m[0]), m[1]);
			el.appendChild(mk);
			pos = m[1];
		});
		if (pos < s.length)
			el.appendChild(document.createTextNode(s.slice(pos)));
		return marks.length > 0;
	}

	/* Where in s a term first stands, or -1. */
	function first(s, terms) {
		var f = fold(s), best = -1;
		terms.forEach(function (t) {
			var k = t.length > 0 ? f.indexOf(t) : -1;
			if (k >= 0 && (best < 0 || k < best))
				best = k;
		});
		return best;
	}

	/* Some 120 characters of s around its first match. */
	function window_(s, terms) {
		var cs = Array.from(s), k = first(s, terms), start, end;
		if (k < 0 || cs.length <= 120)
			return s;
		k = Array.from(fold(s).slice(0, k)).length;
		start = Math.max(0, k - 30);
		end = Math.min(cs.length, start + 120);
		return (start > 0 ? "…" : "") + cs.slice(start, end).join("") +
		    (end < cs.length ? "…" : "");
	}

	function row(d, terms) {
		var li = document.createElement("li"), h = document.createElement("h2");
		var a = document.createElement("a"), p = document.createElement("p");
		var x = document.createElement("p"), parts, b, text = null;
		li.className = "result";
		/* The cases are Chinese; an English page says so. */
		if (!/^zh/.test(document.documentElement.lang)) {
			h.lang = "zh-CN";
			x.lang = "zh-CN";
		}
		a.href = root + "cases/" + d.id + "/index.html";
		highlight(a, d.title || d.id, terms);
		h.appendChild(a);
		li.appendChild(h);
		p.className = "meta";
		parts = [d.id, d.unit, d.category].filter(Boolean);
		parts.forEach(function (t, i) {
			if (i > 0)
				p.appendChild(document.createTextNode(" · "));
			highlight(p, t, terms);
		});
		if (d.date)
			p.appendChild(document.createTextNode(" · " +
			    form.getAttribute("data-published") + " " + d.date));
		if (d.outcome) {
			p.appendChild(document.createTextNode(" "));
			b = document.createElement("span");
			b.className = "badge o-" + d.oc;
			b.textContent = d.outcome;
			p.appendChild(b);
		}
		li.appendChild(p);
		[d.summary].concat(d.factors || [], d.text || []).some(function (t) {
			if (t && first(t, terms) >= 0) {
				text = window_(t, terms);
				return true;
			}
			return false;
		});
		x.className = "excerpt";
		highlight(x, text !== null ? text : (d.summary || ""), terms);
		li.appendChild(x);
		return li;
	}

	function say(text) {
		status.textContent = text;
	}

	function params() {
		var u = new URLSearchParams(location.search), f = {}, i;
		var sel = form.querySelectorAll("select");
		document.getElementById("q").value = u.get("q") || "";
		for (i = 0; i < sel.length; i++) {
			f[sel[i].name] = u.get(sel[i].name) || "";
			sel[i].value = f[sel[i].name];
			if (sel[i].value !== f[sel[i].name])
				sel[i].value = "";
		}
		return { q: u.get("q") || "", f: f };
	}

	/* Each option's count among the cases the other filters leave. */
	function counts(meta, cands, want) {
		var sel = form.querySelectorAll("select"), i, k, j, t;
		var n = meta.terms.map(function (x) {
			return new Array(x.values.length + 1).fill(0);
		});
		/* A case counts for a term when every other filter keeps it. */
		for (k = 0; k < cands.length; k++) {
			var v = termsof(meta, cands[k]), miss = -1, misses = 0;
			for (j = 0; j < want.length; j++)
				if (want[j] > 0 && v[j] !== want[j]) {
					miss = j;
					misses++;
				}
			for (t = 0; t < want.length; t++)
				if (misses === 0 || (misses === 1 && miss === t))
					n[t][v[t]]++;
		}
		for (i = 0; i < sel.length; i++) {
			t = tax(meta, sel[i].name);
			if (t < 0)
				continue;
			for (k = 0; k < sel[i].options.length; k++) {
				var o = sel[i].options[k], c;
				if (!o.hasAttribute("data-label"))
					o.setAttribute("data-label", o.textContent);
				if (o.value === "")
					continue;
				c = meta.terms[t].values.findIndex(function (x) {
					return x.value === o.value;
				});
				o.textContent = o.getAttribute("data-label") +
				    form.getAttribute("data-count").replace("{n}",
				    c >= 0 ? n[t][c + 1] : 0);
			}
		}
	}

	function tax(meta, name) {
		var t;
		for (t = 0; t < meta.terms.length; t++)
			if (meta.terms[t].name === name)
				return t;
		return -1;
	}

	function intersect(a, b) {
		var out = [], i = 0, j = 0;
		while (i < a.length && j < b.length) {
			if (a[i] === b[j]) {
				out.push(a[i]);
				i++;
				j++;
			} else if (a[i] < b[j])
				i++;
			else
				j++;
		}
		return out;
	}

	function show(hits, terms) {
		var shown = 0;
		function next() {
			var part = hits.slice(shown, shown + PAGE);
			more.hidden = true;
			return Promise.all(part.map(function (n) {
				return load("d/" + n + ".js");
			})).then(function (docs) {
				docs.forEach(function (d) {
					list.appendChild(row(d, terms));
				});
				shown += part.length;
				more.hidden = shown >= hits.length;
			});
		}
		more.onclick = function () {
			var at = list.children.length;
			next().then(function () {
				var a = list.children[at] &&
				    list.children[at].querySelector("a");
				if (a)
					a.focus();
			});
		};
		return next();
	}

	function run() {
		var p = params(), c = cut(p.q), filtered = false, t;
		form.hidden = false;
		for (t in p.f)
			if (p.f[t] !== "")
				filtered = true;
		if (c.keys.length === 0 && !filtered) {
			say(form.getAttribute("data-hint"));
			return;
		}
		say(form.getAttribute("data-loading"));
		load("meta.js").then(function (meta) {
			var want = meta.terms.map(function (tx) {
				var k = tx.values.findIndex(function (v) {
					return v.value === p.f[tx.name];
				});
				return k + 1;
			});
			return Promise.all(c.keys.map(function (k) {
				return load("s/" + (fnv(k) % meta.shards) + ".js");
			})).then(function (shards) {
				var cands = null, titled = null, hits, i;
				c.keys.forEach(function (k, j) {
					var ps = postings(meta, shards[j], k);
					cands = cands === null ? ps.docs :
					    intersect(cands, ps.docs);
					if (titled === null)
						titled = ps.title;
					else
						titled = new Set(Array.from(titled).
						    filter(function (d) {
							return ps.title.has(d);
						    }));
				});
				if (cands === null) {
					cands = [];
					for (i = 0; i < meta.cases; i++)
						cands.push(i);
					titled = new Set();
				}
				counts(meta, cands, want);
				hits = cands.filter(function (n) {
					var v = termsof(meta, n);
					return want.every(function (w, j) {
						return w === 0 || v[j] === w;
					});
				});
				/* Title hits first, then the newest. */
				hits.sort(function (a, b) {
					var ta = titled.has(a), tb = titled.has(b);
					if (ta !== tb)
						return ta ? -1 : 1;
					return b - a;
				});
				if (hits.length === 0) {
					say(form.getAttribute("data-none"));
					return;
				}
				say(form.getAttribute("data-found").
				    replace("{n}", hits.length));
				return show(hits, c.terms);
			});
		}).catch(function () {
			say(form.getAttribute("data-failed"));
		});
	}

	run();
})();
