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
<li><a href="oversight.csv">oversight.csv</a>{{L_COLON}}{{L_DATA_OVERSIGHT_CSV_ABOUT}}</li>
<li><a href="oversight.json">oversight.json</a>{{L_COLON}}{{L_DATA_OVERSIGHT_JSON_ABOUT}}</li>
{{#RULES}}<li><a href="rules.json">rules.json</a>{{L_COLON}}{{L_DATA_RULES_JSON_ABOUT}}</li>{{/RULES}}
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
{{/TABLE}}<section aria-labelledby="h-oversight-fields">
<h2 id="h-oversight-fields">{{L_DATA_OVERSIGHT_HEADING}}</h2>
<p>{{L_DATA_OVERSIGHT_ABOUT}} <a href="{{ROOT}}oversight/index.html">{{L_OVERSIGHT}}</a></p>
<div class="scroll" role="group" tabindex="0" aria-labelledby="c-oversight-fields">
<table id="oversight-fields">
<caption id="c-oversight-fields">{{L_DATA_OVERSIGHT_HEADING}}</caption>
<thead><tr><th scope="col">oversight.csv</th><th scope="col">oversight.json</th><th scope="col">{{L_DATA_MEANING}}</th></tr></thead>
<tbody>
<tr><th scope="row"><code>scope</code></th><td><code>portal</code>, <code>units</code>, <code>years</code></td><td>{{L_DATA_OV_SCOPE}}</td></tr>
<tr><th scope="row"><code>name</code>, <code>slug</code></th><td><code>name</code>, <code>slug</code></td><td>{{L_DATA_OV_NAME}}</td></tr>
<tr><th scope="row"><code>cases</code>, <code>exempted</code>, <code>mitigated</code>, <code>accountable</code></th><td><code>cases</code>, <code>exempted</code>, <code>mitigated</code>, <code>accountable</code></td><td>{{L_DATA_OV_CASES}}</td></tr>
<tr><th scope="row"><code>p</code>, <code>p_adjusted</code></th><td><code>tested</code>, <code>p</code>, <code>p_adjusted</code></td><td>{{L_DATA_OV_P}}</td></tr>
<tr><th scope="row"><code>flag</code></th><td><code>flag</code></td><td>{{L_DATA_OV_FLAG}}</td></tr>
<tr><th scope="row"><code>decision_cases</code>, <code>decision_median</code>, <code>decision_p90</code>, <code>decision_beyond_limit</code></th><td><code>days_to_decision</code>: <code>cases</code>, <code>median</code>, <code>p90</code>, <code>beyond_limit</code></td><td>{{L_DATA_OV_DECISION}}</td></tr>
<tr><th scope="row"><code>publication_cases</code>, <code>publication_median</code>, <code>publication_p90</code>, <code>publication_beyond_limit</code></th><td><code>days_to_publication</code>: <code>cases</code>, <code>median</code>, <code>p90</code>, <code>beyond_limit</code></td><td>{{L_DATA_OV_PUBLICATION}}</td></tr>
<tr><th scope="row"><code>hearing_cases</code>, <code>hearing_yes</code></th><td><code>hearing</code>: <code>cases</code>, <code>yes</code></td><td>{{L_DATA_OV_HEARING}}</td></tr>
<tr><th scope="row"><code>third_party_review_cases</code>, <code>third_party_review_yes</code></th><td><code>third_party_review</code>: <code>cases</code>, <code>yes</code></td><td>{{L_DATA_OV_REVIEW}}</td></tr>
<tr><th scope="row"><code>scope</code> = <code>item</code>, <code>item_unit</code></th><td><code>items</code>: <code>number</code>, <code>cases</code>, <code>exempted</code>, <code>mitigated</code>, <code>accountable</code>, <code>units</code>, <code>cases_of_no_public_unit</code></td><td>{{L_DATA_OV_ITEMS}}</td></tr>
<tr><th scope="row">–</th><td><code>method</code>, <code>time_limits</code></td><td>{{L_DATA_OV_METHOD}}</td></tr>
<tr><th scope="row">–</th><td><code>beyond_limits</code>: <code>id</code>, <code>days_to_decision</code>, <code>days_to_publication</code>, <code>beyond_decision_limit</code>, <code>beyond_publication_limit</code></td><td>{{L_DATA_OV_LATE}}</td></tr>
</tbody>
</table>
</div>
</section>
{{#RULES}}<section aria-labelledby="h-rules-fields">
<h2 id="h-rules-fields">{{L_DATA_RULES_HEADING}}</h2>
<div class="scroll" role="group" tabindex="0" aria-labelledby="c-rules-fields">
<table id="rules-fields">
<caption id="c-rules-fields">{{L_DATA_RULES_HEADING}}</caption>
<thead><tr><th scope="col">rules.json</th><th scope="col">{{L_DATA_MEANING}}</th></tr></thead>
<tbody>
<tr><th scope="row"><code>items</code>: <code>number</code>, <code>text</code>, <code>source</code>, <code>valid_from</code>, <code>valid_to</code></th><td>{{L_DATA_RULES_ITEM}}</td></tr>
<tr><th scope="row"><code>items</code>: <code>cases</code>, <code>url</code></th><td>{{L_DATA_RULES_CASES}}</td></tr>
<tr><th scope="row"><code>red_lines</code>: <code>text</code>, <code>source</code></th><td>{{L_DATA_RULES_LINES}}</td></tr>
</tbody>
</table>
</div>
</section>{{/RULES}}
