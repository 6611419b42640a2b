{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li aria-current="page">{{L_MAP}}</li>
</ol>
</nav>
<h1>{{L_MAP}}</h1>
<section class="sitemap" aria-labelledby="h-sections">
<h2 id="h-sections">{{L_MAP_SECTIONS}}</h2>
<ul>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li><a href="{{ROOT}}cases/index.html">{{L_ALL_CASES}}</a> {{L_LPAREN}}{{TOTAL}}{{L_COUNT_SUFFIX}}{{L_RPAREN}}</li>
<li><a href="{{ROOT}}stats/index.html">{{L_STATS}}</a></li>
<li><a href="{{ROOT}}oversight/index.html">{{L_OVERSIGHT}}</a></li>
{{#RULES}}<li><a href="{{ROOT}}rules/index.html">{{L_RULES}}</a></li>{{/RULES}}
<li><a href="{{ROOT}}search/index.html">{{L_SEARCH}}</a></li>
<li><a href="{{ROOT}}data/index.html">{{L_DATA}}</a></li>
<li><a href="{{ROOT}}feeds.opml">{{L_FEEDS_ALL}}</a></li>
<li><a href="{{ROOT}}privacy/index.html">{{L_PRIVACY}}</a></li>
</ul>
</section>
{{#TAX}}<section class="sitemap" aria-labelledby="h-{{KEY}}">
<h2 id="h-{{KEY}}"><a href="{{ROOT}}{{KEY}}/index.html">{{HEADING}}</a></h2>
<ul>
{{#TERM}}<li><a href="{{HREF}}">{{NAME}}</a> {{L_LPAREN}}{{COUNT}}{{L_RPAREN}}</li>
{{/TERM}}</ul>
</section>
{{/TAX}}