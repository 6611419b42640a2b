{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li><a href="{{ROOT}}cases/index.html">{{L_ALL_CASES}}</a></li>
<li aria-current="page">{{ID}}</li>
</ol>
</nav>
<article class="case tombstone" data-case="{{ID}}">
<header class="case-head">
<p class="case-id">{{L_CASE_ID}}{{L_COLON}}{{ID}}</p>
<h1>{{>TITLE}}</h1>
<p class="verdict"><span class="badge o-withdrawn">{{L_WITHDRAWN}}</span></p>
</header>
<aside class="notice">
<h2>{{L_WITHDRAWN_TITLE}}</h2>
<p>{{L_WITHDRAWN_TEXT}}</p>
<dl>
{{#HAS_WITHDRAWN_DATE}}<dt>{{L_WITHDRAWN_DATE}}</dt><dd>{{>WITHDRAWN_DATE}}</dd>{{/HAS_WITHDRAWN_DATE}}
{{#HAS_WITHDRAWN_REASON}}<dt>{{L_WITHDRAWN_REASON}}</dt><dd>{{>WITHDRAWN_REASON}}</dd>{{/HAS_WITHDRAWN_REASON}}
</dl>
</aside>
{{#WITHHELD_NOTE}}<aside class="notice">
<p>{{L_WITHHELD_BEFORE}}{{COUNT}}{{L_WITHHELD_AFTER}}</p>
<ol class="grounds">
{{#GROUND}}<li id="ground-{{N}}" value="{{N}}"><span id="ground-{{N}}-text">{{TEXT}}</span>{{L_LPAREN}}{{COUNT}}{{L_WITHHELD_ITEMS}}{{L_RPAREN}}{{#BACK}} <a class="back" href="#ground-ref-{{REF}}"><span aria-hidden="true">↩</span><span class="vh">{{L_GROUND_BACK}}</span></a>{{/BACK}}</li>
{{/GROUND}}</ol>
</aside>{{/WITHHELD_NOTE}}
<section class="facts" aria-labelledby="h-facts">
<h2 id="h-facts">{{L_FACTS}}</h2>
<dl>
{{#HAS_UNIT}}<dt>{{L_UNIT}}</dt><dd>{{#UNIT_LINK}}<a href="{{HREF}}">{{/UNIT_LINK}}{{>UNIT}}{{#UNIT_LINK}}</a>{{/UNIT_LINK}}</dd>{{/HAS_UNIT}}
{{#HAS_CATEGORY}}<dt>{{L_CATEGORY}}</dt><dd>{{#CATEGORY_LINK}}<a href="{{HREF}}">{{/CATEGORY_LINK}}{{>CATEGORY}}{{#CATEGORY_LINK}}</a>{{/CATEGORY_LINK}}</dd>{{/HAS_CATEGORY}}
{{#HAS_PUBLISHED}}<dt>{{L_PUBLISHED}}</dt><dd>{{>PUBLISHED}}</dd>{{/HAS_PUBLISHED}}
</dl>
</section>
{{#HAS_BODY}}<section class="body" aria-labelledby="h-details">
<h2 id="h-details">{{L_DETAILS}}</h2>
{{>BODY}}
</section>{{/HAS_BODY}}
{{#HAS_REVISIONS}}<section class="revisions" aria-labelledby="h-revisions">
<h2 id="h-revisions">{{L_REVISIONS}}</h2>
<table>
<thead><tr><th scope="col">{{L_REVISION_DATE}}</th><th scope="col">{{L_REVISION_NOTE}}</th></tr></thead>
<tbody>
{{#REVISION}}<tr><td>{{>DATE}}</td><td>{{>NOTE}}</td></tr>
{{/REVISION}}</tbody>
</table>
</section>{{/HAS_REVISIONS}}
<section class="object" aria-labelledby="h-object">
<h2 id="h-object">{{L_OBJECT}}</h2>
<p>{{L_OBJECT_TEXT}}</p>
<ul>
{{#CONTACT}}{{#EMAIL}}<li>{{L_CONTACT_EMAIL}}{{L_COLON}}<a href="mailto:{{V}}?subject={{ID}}">{{V}}</a></li>
{{/EMAIL}}{{#URL}}<li>{{L_CONTACT_URL}}{{L_COLON}}<a href="{{V}}">{{V}}</a></li>
{{/URL}}{{#PHONE}}<li>{{L_CONTACT_PHONE}}{{L_COLON}}{{V}}</li>
{{/PHONE}}{{/CONTACT}}</ul>
</section>
<footer class="cite">
<p>{{L_PERMALINK}}{{L_COLON}}<code>{{PERMALINK}}</code></p>
{{#DIGEST}}<p>{{L_VERSION}}{{L_COLON}}<code title="{{FULL}}">{{SHORT}}</code> <span class="hint">{{L_VERSION_NOTE}}</span></p>{{/DIGEST}}
</footer>
</article>
