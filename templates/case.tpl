{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li><a href="{{ROOT}}cases/index.html">{{L_ALL_CASES}}</a></li>
<li aria-current="page">{{ID}}</li>
</ol>
</nav>
<article class="case" data-case="{{ID}}">
<header class="case-head">
<p class="case-id">{{L_CASE_ID}}{{L_COLON}}{{ID}}</p>
<h1>{{>TITLE}}</h1>
{{#HAS_OUTCOME}}<p class="verdict">{{L_OUTCOME}}{{L_COLON}}<span class="badge{{#HAS_OUTCOME_CODE}} o-{{OUTCOME_CODE}}{{/HAS_OUTCOME_CODE}}">{{>OUTCOME}}</span></p>{{/HAS_OUTCOME}}
{{#HAS_SUMMARY}}<p class="lead">{{>SUMMARY}}</p>{{/HAS_SUMMARY}}
{{#CORRECTED}}<p class="corrected"><a href="{{HREF}}">{{L_CORRECTED_BEFORE}}{{COUNT}}{{L_CORRECTED_MID}}{{>DATE}}{{L_CORRECTED_AFTER}}</a></p>{{/CORRECTED}}
</header>
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
{{#HAS_OUTCOME}}<dt>{{L_OUTCOME}}</dt><dd>{{#OUTCOME_LINK}}<a href="{{HREF}}">{{/OUTCOME_LINK}}{{>OUTCOME}}{{#OUTCOME_LINK}}</a>{{/OUTCOME_LINK}}</dd>{{/HAS_OUTCOME}}
{{#HAS_DECIDED}}<dt>{{L_DECIDED}}</dt><dd>{{>DECIDED}}{{#YEAR_LINK}} · <a href="{{HREF}}">{{NAME}}</a>{{/YEAR_LINK}}</dd>{{/HAS_DECIDED}}
{{#HAS_PUBLISHED}}<dt>{{L_PUBLISHED}}</dt><dd>{{>PUBLISHED}}</dd>{{/HAS_PUBLISHED}}
{{#DURATION}}<dt>{{L_DURATION}}</dt><dd>{{#KIND}}{{#SEP}}{{L_SEMI}}{{/SEP}}{{LABEL}}{{V}}{{L_DAYS_SUFFIX}}{{#BEYOND}} <strong class="late">{{L_BEYOND_LIMIT}}{{L_LPAREN}}{{LIMIT}}{{L_DAYS_SUFFIX}}{{L_RPAREN}}</strong>{{/BEYOND}}{{/KIND}}</dd>{{/DURATION}}
<dt>{{L_THIRD_PARTY_REVIEW}}</dt><dd>{{>THIRD_PARTY_REVIEW}}</dd>
<dt>{{L_HEARING}}</dt><dd>{{>HEARING}}</dd>
</dl>
</section>
{{#BASIS}}<section class="basis" aria-labelledby="h-basis">
<h2 id="h-basis">{{L_BASIS}}</h2>
<ul>
{{#ITEM}}<li>{{#RULE}}<a href="{{HREF}}">{{NAME}}</a>{{L_COLON}}{{TEXT}}<br><span class="source">{{SOURCE}}</span>{{/RULE}}{{#OTHER}}{{>V}}{{/OTHER}}</li>
{{/ITEM}}</ul>
</section>
{{/BASIS}}{{#SUBJECT}}<section class="people" aria-labelledby="h-subject">
<h2 id="h-subject">{{L_SUBJECT}}</h2>
<dl>
{{#HAS_NAME}}<dt>{{L_NAME}}</dt><dd>{{>NAME}}</dd>{{/HAS_NAME}}
{{#HAS_POSITION}}<dt>{{L_POSITION}}</dt><dd>{{>POSITION}}</dd>{{/HAS_POSITION}}
{{#HAS_ID_NUMBER}}<dt>{{L_ID_NUMBER}}</dt><dd>{{>ID_NUMBER}}</dd>{{/HAS_ID_NUMBER}}
{{#HAS_PHONE}}<dt>{{L_PHONE}}</dt><dd>{{>PHONE}}</dd>{{/HAS_PHONE}}
{{#HAS_EMAIL}}<dt>{{L_EMAIL}}</dt><dd>{{>EMAIL}}</dd>{{/HAS_EMAIL}}
{{#HAS_ADDRESS}}<dt>{{L_ADDRESS}}</dt><dd>{{>ADDRESS}}</dd>{{/HAS_ADDRESS}}
</dl>
</section>{{/SUBJECT}}
{{#HAS_WITNESSES}}<section class="people" aria-labelledby="h-witnesses">
<h2 id="h-witnesses">{{L_WITNESSES}}</h2>
<ul>
{{#WITNESS}}<li>{{>NAME}}{{#HAS_POSITION}}{{L_COMMA}}{{>POSITION}}{{/HAS_POSITION}}{{#HAS_ID_NUMBER}}{{L_SEMI}}{{L_ID_NUMBER}} {{>ID_NUMBER}}{{/HAS_ID_NUMBER}}{{#HAS_PHONE}}{{L_SEMI}}{{L_PHONE}} {{>PHONE}}{{/HAS_PHONE}}{{#HAS_EMAIL}}{{L_SEMI}}{{L_EMAIL}} {{>EMAIL}}{{/HAS_EMAIL}}{{#HAS_ADDRESS}}{{L_SEMI}}{{L_ADDRESS}} {{>ADDRESS}}{{/HAS_ADDRESS}}</li>
{{/WITNESS}}</ul>
</section>{{/HAS_WITNESSES}}
{{#HAS_PARTIES}}<section class="people" aria-labelledby="h-parties">
<h2 id="h-parties">{{L_THIRD_PARTIES}}</h2>
<ul>
{{#PARTY}}<li>{{>NAME}}{{#HAS_CREDIT_CODE}}{{L_SEMI}}{{L_CREDIT_CODE}} {{>CREDIT_CODE}}{{/HAS_CREDIT_CODE}}{{#HAS_PHONE}}{{L_SEMI}}{{L_PHONE}} {{>PHONE}}{{/HAS_PHONE}}{{#HAS_EMAIL}}{{L_SEMI}}{{L_EMAIL}} {{>EMAIL}}{{/HAS_EMAIL}}{{#HAS_ADDRESS}}{{L_SEMI}}{{L_ADDRESS}} {{>ADDRESS}}{{/HAS_ADDRESS}}</li>
{{/PARTY}}</ul>
</section>{{/HAS_PARTIES}}
{{#HAS_FACTORS}}<section class="factors" aria-labelledby="h-factors">
<h2 id="h-factors">{{L_FACTORS}}</h2>
<dl>
{{#FACTOR}}<dt>{{LABEL}}</dt><dd>{{>V}}</dd>
{{/FACTOR}}</dl>
</section>{{/HAS_FACTORS}}
{{#HAS_STEPS}}<section class="procedure" aria-labelledby="h-procedure">
<h2 id="h-procedure">{{L_PROCEDURE}}</h2>
<ol class="timeline">
{{#STEP}}<li><span class="when">{{>DATE}}</span> <span class="what">{{>STEP}}</span>{{#HAS_NOTE}}{{L_COLON}}{{>NOTE}}{{/HAS_NOTE}}</li>
{{/STEP}}</ol>
</section>{{/HAS_STEPS}}
{{#HAS_BODY}}<section class="body" aria-labelledby="h-details">
<h2 id="h-details">{{L_DETAILS}}</h2>
{{>BODY}}
</section>{{/HAS_BODY}}
{{#BODY_WITHHELD}}<section class="body" aria-labelledby="h-details">
<h2 id="h-details">{{L_DETAILS}}</h2>
<p>{{>MARKER}} {{L_BODY_WITHHELD}}</p>
</section>{{/BODY_WITHHELD}}
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
{{#HAS_SAME_UNIT}}<section class="related" aria-labelledby="h-same-unit">
<h2 id="h-same-unit">{{L_SAME_UNIT}}</h2>
<ul>
{{#SAME_UNIT}}<li><a href="{{HREF}}">{{TITLE}}</a> <span class="case-id">{{ID}}</span></li>
{{/SAME_UNIT}}</ul>
</section>{{/HAS_SAME_UNIT}}
<nav class="prevnext" aria-label="{{L_PREVNEXT}}">
<ul>
{{#PREV_CASE}}<li class="prev"><a href="{{HREF}}" rel="prev">{{L_PREV_CASE}}{{TITLE}}</a></li>
{{/PREV_CASE}}{{#NEXT_CASE}}<li class="next"><a href="{{HREF}}" rel="next">{{L_NEXT_CASE}}{{TITLE}}</a></li>
{{/NEXT_CASE}}</ul>
</nav>
<footer class="cite">
<p>{{L_PERMALINK}}{{L_COLON}}<code>{{PERMALINK}}</code></p>
{{#DIGEST}}<p>{{L_VERSION}}{{L_COLON}}<code title="{{FULL}}">{{SHORT}}</code> <span class="hint">{{L_VERSION_NOTE}}</span></p>{{/DIGEST}}
</footer>
</article>
