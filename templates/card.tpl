{{%AUTOESCAPE context="HTML"}}<article class="card" data-case="{{ID}}">
{{#H2}}<h2>{{/H2}}{{#H3}}<h3>{{/H3}}<a href="{{HREF}}">{{>TITLE}}</a>{{#H2}}</h2>{{/H2}}{{#H3}}</h3>{{/H3}}
<p class="meta"><span class="case-id">{{ID}}</span>{{#HAS_UNIT}} · {{>UNIT}}{{/HAS_UNIT}}{{#HAS_CATEGORY}} · {{>CATEGORY}}{{/HAS_CATEGORY}}{{#HAS_PUBLISHED}} · {{L_PUBLISHED}} {{>PUBLISHED}}{{/HAS_PUBLISHED}}{{#CORRECTED}} · <a class="corrected" href="{{HREF}}">{{L_CORRECTED_ROW}}{{>DATE}}</a>{{/CORRECTED}}</p>
{{#HAS_OUTCOME}}<p><span class="badge o-{{OUTCOME_CODE}}">{{OUTCOME}}</span></p>{{/HAS_OUTCOME}}
{{#HAS_SUMMARY}}<p class="summary">{{SUMMARY}}</p>{{/HAS_SUMMARY}}
</article>
