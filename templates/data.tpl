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
<section aria-labelledby="h-data-rules">
<h2 id="h-data-rules">{{L_DATA_RULES}}</h2>
<ul>
<li>{{L_DATA_RULE_WITHHELD}}</li>
<li>{{L_DATA_RULE_FORMULA}}</li>
<li>{{L_DATA_RULE_DIGEST}}</li>
</ul>
</section>
<section aria-labelledby="h-data-columns">
<h2 id="h-data-columns">{{L_DATA_COLUMNS}}</h2>
<div class="scroll">
<table>
<caption>{{L_DATA_COLUMNS}}</caption>
<thead><tr><th scope="col">{{L_DATA_COLUMN}}</th><th scope="col">{{L_DATA_MEANING}}</th></tr></thead>
<tbody>
{{#COLUMN}}<tr><th scope="row"><code>{{NAME}}</code></th><td>{{TEXT}}</td></tr>
{{/COLUMN}}</tbody>
</table>
</div>
</section>
