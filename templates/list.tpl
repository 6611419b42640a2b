{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li aria-current="page">{{HEADING}}</li>
</ol>
</nav>
<h1>{{HEADING}} <span class="count">{{COUNT}}{{L_COUNT_SUFFIX}}</span></h1>
{{#ABOUT}}<p class="about">{{V}}</p>
{{/ABOUT}}{{#FEEDS}}<p class="feeds">{{L_SUBSCRIBE}}{{L_COLON}}<a href="{{ROOT}}{{DIR}}feed.xml">{{L_RSS}}</a> · <a href="{{ROOT}}{{DIR}}atom.xml">{{L_ATOM}}</a> · <a href="{{ROOT}}{{DIR}}feed.json">{{L_JSON_FEED}}</a></p>{{/FEEDS}}
{{#EMPTY}}<p>{{L_NO_CASES}}</p>{{/EMPTY}}

<ul class="rows">
{{#CASE}}{{>ROW}}
{{/CASE}}</ul>
{{#NOTICE}}<aside class="notice">
<p>{{L_LIST_WITHHELD_BEFORE}}{{COUNT}}{{L_LIST_WITHHELD_AFTER}}</p>
<ul>
{{#GROUND}}<li>{{TEXT}}{{L_LPAREN}}{{COUNT}}{{L_WITHHELD_ITEMS}}{{L_RPAREN}}</li>
{{/GROUND}}</ul>
</aside>{{/NOTICE}}
{{#PAGER}}<nav class="pager" aria-label="{{L_PAGES}}">
<ul>
{{#PREV}}<li><a href="{{HREF}}" rel="prev">{{L_PREV}}</a></li>
{{/PREV}}{{#N}}{{#CURRENT}}<li><span aria-current="page">{{NUM}}</span></li>
{{/CURRENT}}{{#OTHER}}<li><a href="{{HREF}}">{{NUM}}</a></li>
{{/OTHER}}{{#GAP}}<li><span class="gap" aria-hidden="true">…</span></li>
{{/GAP}}{{/N}}{{#NEXT}}<li><a href="{{HREF}}" rel="next">{{L_NEXT}}</a></li>
{{/NEXT}}</ul>
</nav>{{/PAGER}}
