{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li aria-current="page">{{L_STATS}}</li>
</ol>
</nav>
<h1>{{L_STATS}}</h1>
<p>{{L_TOTAL}}{{L_COLON}}{{TOTAL}}{{L_COUNT_SUFFIX}} · <a href="{{ROOT}}oversight/index.html">{{L_OVERSIGHT}}</a></p>
<ul class="legend" aria-label="{{L_LEGEND}}">
{{#HEAD}}<li><span class="swatch o-{{CODE}}"></span>{{LABEL}}</li>
{{/HEAD}}</ul>
{{#GROUP}}<section aria-labelledby="h-{{KEY}}">
<h2 id="h-{{KEY}}">{{HEADING}}</h2>
{{#CHART}}<figure>
<div class="chart" role="img" aria-labelledby="c-{{KEY}}">
{{#ROW}}<div class="bar"><span class="name">{{NAME}}</span><svg>{{#GRID}}<line class="grid" x1="{{X}}" y1="0" x2="{{X}}" y2="100%"></line>{{/GRID}}{{#SEG}}<rect class="o-{{CODE}}" x="{{X}}" y="0" width="{{W}}" height="100%"><title>{{LABEL}}</title></rect>{{/SEG}}</svg><span class="n">{{SUM}}</span></div>
{{/ROW}}<div class="bar axis"><span class="name"></span><svg>{{#TICK}}<text x="{{X}}" y="1em" text-anchor="{{ANCHOR}}">{{V}}</text>{{/TICK}}</svg><span class="n"></span></div>
</div>
<figcaption id="c-{{KEY}}">{{HEADING}}{{L_COLON}}{{L_CHART_NOTE}}</figcaption>
</figure>{{/CHART}}
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-{{KEY}}">
<table>
<caption id="t-{{KEY}}">{{HEADING}}</caption>
<thead><tr><th scope="col">{{COLUMN}}</th>{{#HEAD}}<th scope="col"><a href="{{HREF}}">{{LABEL}}</a></th>{{/HEAD}}<th scope="col">{{L_TOTAL_COL}}</th></tr></thead>
<tbody>
{{#TROW}}<tr><th scope="row">{{#LINK}}<a href="{{HREF}}">{{/LINK}}{{NAME}}{{#LINK}}</a>{{/LINK}}</th>{{#CELL}}<td>{{V}}</td>{{/CELL}}<td>{{SUM}}</td></tr>
{{/TROW}}</tbody>
<tfoot><tr><th scope="row">{{L_TOTAL_COL}}</th>{{#FOOT}}<td>{{V}}</td>{{/FOOT}}<td>{{ALL}}</td></tr></tfoot>
</table>
</div>
</section>
{{/GROUP}}{{#DAYS}}<section aria-labelledby="h-days">
<h2 id="h-days">{{L_STATS_DAYS}}</h2>
<p>{{L_STATS_DAYS_NOTE}}{{#UNKNOWN}} {{N}}{{L_STATS_DAYS_UNKNOWN}}{{/UNKNOWN}}</p>
{{#CHART}}<figure>
<div class="chart" role="img" aria-labelledby="c-days">
{{#ROW}}<div class="bar"><span class="name">{{NAME}}</span><svg>{{#GRID}}<line class="grid" x1="{{X}}" y1="0" x2="{{X}}" y2="100%"></line>{{/GRID}}{{#SEG}}<rect class="o-{{CODE}}" x="{{X}}" y="0" width="{{W}}" height="100%"><title>{{LABEL}}</title></rect>{{/SEG}}</svg><span class="n">{{SUM}}</span></div>
{{/ROW}}<div class="bar axis"><span class="name"></span><svg>{{#TICK}}<text x="{{X}}" y="1em" text-anchor="{{ANCHOR}}">{{V}}</text>{{/TICK}}</svg><span class="n"></span></div>
</div>
<figcaption id="c-days">{{L_STATS_DAYS}}{{L_COLON}}{{L_CHART_NOTE}}</figcaption>
</figure>{{/CHART}}
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-days">
<table>
<caption id="t-days">{{L_STATS_DAYS}}</caption>
<thead><tr><th scope="col">{{L_DAYS}}</th><th scope="col">{{L_CASES_COL}}</th></tr></thead>
<tbody>
{{#BUCKET}}<tr><th scope="row">{{RANGE}}</th><td>{{N}}</td></tr>
{{/BUCKET}}</tbody>
</table>
</div>
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-median">
<table>
<caption id="t-median">{{L_STATS_DAYS}}{{L_COLON}}{{L_MEDIAN}}</caption>
<thead><tr><th scope="col">{{L_YEAR}}</th><th scope="col">{{L_CASES_COL}}</th><th scope="col">{{L_MEDIAN}}</th><th scope="col">{{L_SHORTEST}}</th><th scope="col">{{L_LONGEST}}</th></tr></thead>
<tbody>
{{#YEAR}}<tr><th scope="row">{{#LINK}}<a href="{{HREF}}">{{/LINK}}{{NAME}}{{#LINK}}</a>{{/LINK}}</th><td>{{N}}</td><td>{{MEDIAN}}</td><td>{{MIN}}</td><td>{{MAX}}</td></tr>
{{/YEAR}}</tbody>
{{#ALL}}<tfoot><tr><th scope="row">{{L_ALL_YEARS}}</th><td>{{N}}</td><td>{{MEDIAN}}</td><td>{{MIN}}</td><td>{{MAX}}</td></tr></tfoot>{{/ALL}}
</table>
</div>
</section>{{/DAYS}}
