{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li aria-current="page">{{HEADING}}</li>
</ol>
</nav>
<h1>{{HEADING}}</h1>
<div class="scroll" role="region" tabindex="0" aria-label="{{HEADING}}">
<table class="terms">
<thead>
<tr><th scope="col">{{HEADING}}</th><th scope="col">{{L_CASES_COL}}</th><th scope="col">{{L_OUTCOME_EXEMPTED}}</th><th scope="col">{{L_OUTCOME_MITIGATED}}</th><th scope="col">{{L_OUTCOME_ACCOUNTABLE}}</th></tr>
</thead>
<tbody>
{{#TERM}}<tr><th scope="row"><a href="{{HREF}}">{{NAME}}</a></th><td>{{COUNT}}</td>{{#OUTCOME}}<td>{{COUNT}}</td>{{/OUTCOME}}</tr>
{{/TERM}}</tbody>
</table>
</div>
