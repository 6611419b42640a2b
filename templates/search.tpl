{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li aria-current="page">{{L_SEARCH}}</li>
</ol>
</nav>
<h1>{{L_SEARCH}}</h1>
<noscript><p class="notice">{{L_SEARCH_NOSCRIPT}}</p></noscript>
<form class="search" id="search" role="search" action="index.html" method="get" hidden data-root="{{ROOT}}" data-found="{{L_SEARCH_FOUND}}" data-none="{{L_SEARCH_NONE}}" data-loading="{{L_SEARCH_LOADING}}" data-failed="{{L_SEARCH_FAILED}}" data-hint="{{L_SEARCH_HINT}}" data-published="{{L_PUBLISHED}}" data-count="{{L_SEARCH_COUNT}}">
<p class="query"><label for="q">{{L_SEARCH_LABEL}}</label>
<input type="search" id="q" name="q" autocomplete="off">
<button type="submit">{{L_SEARCH_GO}}</button></p>
<fieldset>
<legend>{{L_SEARCH_FILTERS}}</legend>
{{#FACET}}<p><label for="f-{{NAME}}">{{LABEL}}</label>
<select id="f-{{NAME}}" name="{{NAME}}">
<option value="">{{L_SEARCH_ANY}}</option>
{{#V}}<option value="{{VALUE}}">{{LABEL}}</option>
{{/V}}</select></p>
{{/FACET}}</fieldset>
</form>
<p id="search-status" class="status" role="status" aria-live="polite"></p>
<ol id="search-results" class="results"></ol>
<p class="more"><button id="search-more" type="button" hidden>{{L_SEARCH_MORE}}</button></p>
<section class="browse" aria-labelledby="browse">
<h2 id="browse">{{L_SEARCH_BROWSE}}</h2>
<ul>
{{#TAX}}<li><a href="{{ROOT}}{{DIR}}index.html">{{LABEL}}</a></li>
{{/TAX}}</ul>
</section>
<script src="{{ROOT}}search/search.js"></script>
