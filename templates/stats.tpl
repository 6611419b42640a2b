{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li aria-current="page">{{L_STATS}}</li>
</ol>
</nav>
<h1>{{L_STATS}}</h1>
<p>{{L_TOTAL}}{{L_COLON}}{{TOTAL}}{{L_COUNT_SUFFIX}}</p>
<ul class="legend" aria-label="{{L_LEGEND}}">
{{#HEAD}}<li><span class="swatch o-{{CODE}}"></span>{{LABEL}}</li>
{{/HEAD}}</ul>
{{#BY_YEAR}}<section aria-labelledby="h-by-year">
<h2 id="h-by-year">{{L_STATS_BY_YEAR}}</h2>
{{#CHART}}<figure>
<svg class="chart" viewBox="0 0 {{W}} {{H}}" role="img" aria-labelledby="t-by-year">
<title id="t-by-year">{{L_STATS_BY_YEAR}}</title>
{{#GRID}}<line class="grid" x1="{{X1}}" y1="{{Y}}" x2="{{X2}}" y2="{{Y}}"></line><text class="axis" x="34" y="{{TY}}" text-anchor="end">{{V}}</text>
{{/GRID}}{{#BAR}}<rect class="o-{{CODE}}" x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}"><title>{{LABEL}}</title></rect>
{{/BAR}}{{#XLABEL}}<text class="axis" x="{{X}}" y="{{Y}}" text-anchor="middle">{{TEXT}}</text>
{{/XLABEL}}</svg>
<figcaption>{{L_CHART_NOTE}}</figcaption>
</figure>{{/CHART}}
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-1">
<table>
<caption id="t-1">{{L_STATS_BY_YEAR}}</caption>
<thead><tr><th scope="col">{{L_YEAR}}</th>{{#HEAD}}<th scope="col">{{LABEL}}</th>{{/HEAD}}<th scope="col">{{L_TOTAL_COL}}</th></tr></thead>
<tbody>
{{#ROW}}<tr><th scope="row">{{NAME}}</th>{{#CELL}}<td>{{V}}</td>{{/CELL}}<td>{{TOTAL}}</td></tr>
{{/ROW}}</tbody>
<tfoot><tr><th scope="row">{{L_TOTAL_COL}}</th>{{#FOOT}}<td>{{V}}</td>{{/FOOT}}<td>{{TOTAL}}</td></tr></tfoot>
</table>
</div>
</section>{{/BY_YEAR}}
{{#BY_UNIT}}<section aria-labelledby="h-by-unit">
<h2 id="h-by-unit">{{L_STATS_BY_UNIT}}</h2>
{{#CHART}}<figure>
<svg class="chart" viewBox="0 0 {{W}} {{H}}" role="img" aria-labelledby="t-by-unit">
<title id="t-by-unit">{{L_STATS_BY_UNIT}}</title>
{{#BAR}}<rect class="o-{{CODE}}" x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}"><title>{{LABEL}}</title></rect>
{{/BAR}}{{#YLABEL}}<text class="axis" x="{{X}}" y="{{Y}}" text-anchor="end" dominant-baseline="middle">{{TEXT}}</text>
{{/YLABEL}}{{#VLABEL}}<text class="axis" x="{{X}}" y="{{Y}}" dominant-baseline="middle">{{V}}</text>
{{/VLABEL}}</svg>
<figcaption>{{L_CHART_NOTE}}</figcaption>
</figure>{{/CHART}}
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-2">
<table>
<caption id="t-2">{{L_STATS_BY_UNIT}}</caption>
<thead><tr><th scope="col">{{L_UNIT}}</th>{{#HEAD}}<th scope="col">{{LABEL}}</th>{{/HEAD}}<th scope="col">{{L_TOTAL_COL}}</th></tr></thead>
<tbody>
{{#ROW}}<tr><th scope="row">{{NAME}}</th>{{#CELL}}<td>{{V}}</td>{{/CELL}}<td>{{TOTAL}}</td></tr>
{{/ROW}}</tbody>
<tfoot><tr><th scope="row">{{L_TOTAL_COL}}</th>{{#FOOT}}<td>{{V}}</td>{{/FOOT}}<td>{{TOTAL}}</td></tr></tfoot>
</table>
</div>
</section>{{/BY_UNIT}}
{{#DAYS}}<section aria-labelledby="h-days">
<h2 id="h-days">{{L_STATS_DAYS}}</h2>
<p>{{L_STATS_DAYS_NOTE}}{{#UNKNOWN}} {{N}}{{L_STATS_DAYS_UNKNOWN}}{{/UNKNOWN}}</p>
{{#CHART}}<figure>
<svg class="chart" viewBox="0 0 {{W}} {{H}}" role="img" aria-labelledby="t-days">
<title id="t-days">{{L_STATS_DAYS}}</title>
{{#GRID}}<line class="grid" x1="{{X1}}" y1="{{Y}}" x2="{{X2}}" y2="{{Y}}"></line><text class="axis" x="34" y="{{TY}}" text-anchor="end">{{V}}</text>
{{/GRID}}{{#BAR}}<rect class="o-{{CODE}}" x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}"><title>{{LABEL}}</title></rect>
{{/BAR}}{{#XLABEL}}<text class="axis" x="{{X}}" y="{{Y}}" text-anchor="middle">{{TEXT}}</text>
{{/XLABEL}}</svg>
<figcaption>{{L_CHART_NOTE}}</figcaption>
</figure>{{/CHART}}
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-3">
<table>
<caption id="t-3">{{L_STATS_DAYS}}</caption>
<thead><tr><th scope="col">{{L_DAYS}}</th><th scope="col">{{L_CASES_COL}}</th></tr></thead>
<tbody>
{{#BUCKET}}<tr><th scope="row">{{RANGE}}</th><td>{{N}}</td></tr>
{{/BUCKET}}</tbody>
</table>
</div>
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-4">
<table>
<caption id="t-4">{{L_STATS_DAYS}}{{L_COLON}}{{L_MEDIAN}}</caption>
<thead><tr><th scope="col">{{L_YEAR}}</th><th scope="col">{{L_CASES_COL}}</th><th scope="col">{{L_MEDIAN}}</th><th scope="col">{{L_SHORTEST}}</th><th scope="col">{{L_LONGEST}}</th></tr></thead>
<tbody>
{{#YEAR}}<tr><th scope="row">{{YEAR}}</th><td>{{N}}</td><td>{{MEDIAN}}</td><td>{{MIN}}</td><td>{{MAX}}</td></tr>
{{/YEAR}}</tbody>
{{#ALL}}<tfoot><tr><th scope="row">{{L_ALL_YEARS}}</th><td>{{N}}</td><td>{{MEDIAN}}</td><td>{{MIN}}</td><td>{{MAX}}</td></tr></tfoot>{{/ALL}}
</table>
</div>
</section>{{/DAYS}}
