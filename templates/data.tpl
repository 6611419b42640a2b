{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li aria-current="page">{{L_DATA}}</li>
</ol>
</nav>
<h1>{{L_DATA}}</h1>
<p>{{L_DATA_ABOUT}}</p>
<ul>
<li><a href="cases.csv">cases.csv</a>{{L_COLON}}{{L_DATA_CSV_ABOUT}}</li>
<li><a href="cases.json">cases.json</a>{{L_COLON}}{{L_DATA_JSON_ABOUT}}</li>
</ul>
<section aria-labelledby="h-data-license">
<h2 id="h-data-license">{{L_DATA_LICENSE_TITLE}}</h2>
<p id="data-license">{{LICENSE}}</p>
</section>
<section aria-labelledby="h-data-rules">
<h2 id="h-data-rules">{{L_DATA_RULES}}</h2>
<ul>
<li>{{L_DATA_RULE_ENCODING}}</li>
<li>{{L_DATA_RULE_WITHHELD}}{{L_COLON}}<code>{{MARKER}}</code></li>
<li>{{L_DATA_RULE_ABSENT}}</li>
<li>{{L_DATA_RULE_DATES}}</li>
<li>{{L_DATA_RULE_FORMULA}}</li>
<li>{{L_DATA_RULE_DIGEST}}</li>
</ul>
</section>
{{#TABLE}}<section aria-labelledby="h-{{ID}}">
<h2 id="h-{{ID}}">{{HEADING}}</h2>
<p>{{ABOUT}}</p>
<div class="scroll" role="group" tabindex="0" aria-labelledby="c-{{ID}}">
<table id="{{ID}}">
<caption id="c-{{ID}}">{{HEADING}}</caption>
<thead><tr><th scope="col">{{NAME_HEAD}}</th><th scope="col">{{L_DATA_TYPE}}</th><th scope="col">{{L_DATA_MEANING}}</th></tr></thead>
<tbody>
{{#FIELD}}<tr><th scope="row"><code>{{NAME}}</code></th><td>{{TYPE}}{{#NULL}}{{L_DATA_OR_NULL}}{{/NULL}}</td><td>{{TEXT}}</td></tr>
{{/FIELD}}</tbody>
</table>
</div>
</section>
{{/TABLE}}