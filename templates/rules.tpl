{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li><a href="{{ROOT}}oversight/index.html">{{L_OVERSIGHT}}</a></li>
<li aria-current="page">{{L_RULES}}</li>
</ol>
</nav>
<h1>{{L_RULES}}</h1>
<p>{{L_RULES_ABOUT}}</p>
<ol class="rules">
{{#ITEM}}<li id="item-{{SLUG}}"><h2><a href="{{SLUG}}/index.html">{{NAME}}</a></h2>
<p>{{TEXT}}</p>
<p class="meta">{{SOURCE}}{{L_SEMI}}{{L_RULES_VALID_FROM}}{{FROM}}{{#TO}}{{L_RULES_VALID_TO}}{{V}}{{/TO}}</p>
<p><a href="{{SLUG}}/index.html">{{L_RULES_CASES}}{{L_COLON}}{{COUNT}}{{L_COUNT_SUFFIX}}</a></p></li>
{{/ITEM}}</ol>
{{#HAS_LINES}}<section aria-labelledby="h-red-lines">
<h2 id="h-red-lines">{{L_RED_LINES}}</h2>
<p>{{L_RED_LINES_ABOUT}}</p>
<ul>
{{#LINE}}<li>{{TEXT}}<br><span class="meta">{{SOURCE}}</span></li>
{{/LINE}}</ul>
</section>{{/HAS_LINES}}
