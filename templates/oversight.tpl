{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li aria-current="page">{{L_OVERSIGHT}}</li>
</ol>
</nav>
<h1>{{L_OVERSIGHT}}</h1>
<p>{{L_OVERSIGHT_ABOUT}}</p>
<p>{{L_TOTAL}}{{L_COLON}}{{TOTAL}}{{L_COUNT_SUFFIX}} · <a href="{{ROOT}}stats/index.html">{{L_STATS}}</a> · <a href="{{ROOT}}data/oversight.csv">oversight.csv</a> · <a href="{{ROOT}}data/oversight.json">oversight.json</a></p>
{{#UNITS}}<section aria-labelledby="h-units">
<h2 id="h-units">{{L_OVERSIGHT_UNITS}}</h2>
<p class="finding">{{L_OVERSIGHT_TESTED_1}}{{TESTED}}{{L_OVERSIGHT_TESTED_2}}{{FLAGGED}}{{L_OVERSIGHT_TESTED_3}}</p>
<ul class="legend" aria-label="{{L_LEGEND}}">
<li><span class="swatch o-exempted"></span>{{L_OUTCOME_EXEMPTED}}</li>
<li><span class="swatch o-mitigated"></span>{{L_OUTCOME_MITIGATED}}</li>
<li><span class="swatch o-accountable"></span>{{L_OUTCOME_ACCOUNTABLE}}</li>
<li><span class="swatch mark"></span>{{L_OVERSIGHT_MARK}}</li>
</ul>
{{#CHART}}<figure>
<div class="chart" role="img" aria-labelledby="c-units">
{{#ROW}}<div class="bar"><span class="name">{{NAME}}</span><svg>{{#SEG}}<rect class="o-{{CODE}}" x="{{X}}" y="0" width="{{W}}" height="100%"><title>{{LABEL}}</title></rect>{{/SEG}}{{#MARK}}<line class="mark" x1="{{X}}" y1="0" x2="{{X}}" y2="100%"></line>{{/MARK}}</svg><span class="n">{{V}}</span></div>
{{/ROW}}</div>
<figcaption id="c-units">{{L_OVERSIGHT_UNITS}}{{L_COLON}}{{L_OVERSIGHT_CHART_NOTE}}</figcaption>
</figure>{{/CHART}}
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-units">
<table>
<caption id="t-units">{{L_OVERSIGHT_UNITS}}</caption>
<thead><tr><th scope="col">{{L_UNIT}}</th><th scope="col">{{L_CASES_COL}}</th><th scope="col">{{L_OUTCOME_EXEMPTED}}</th><th scope="col">{{L_OUTCOME_MITIGATED}}</th><th scope="col">{{L_OUTCOME_ACCOUNTABLE}}</th><th scope="col">{{L_OVERSIGHT_P}}</th><th scope="col">{{L_OVERSIGHT_PADJ}}</th><th scope="col">{{L_OVERSIGHT_FINDING}}</th></tr></thead>
<tbody>
{{#TROW}}<tr{{#FLAG}} class="flag-{{DIR}}"{{/FLAG}}><th scope="row"><a href="{{HREF}}">{{NAME}}</a></th><td>{{N}}</td><td>{{S0}} ({{C0}})</td><td>{{S1}} ({{C1}})</td><td>{{S2}} ({{C2}})</td><td>{{#P}}{{V}}{{/P}}{{#UNTESTED}}–{{/UNTESTED}}</td><td>{{#PADJ}}{{V}}{{/PADJ}}{{#UNTESTED}}–{{/UNTESTED}}</td><td>{{#FLAG}}<strong>{{/FLAG}}{{FINDING}}{{#FLAG}}</strong>{{/FLAG}}</td></tr>
{{/TROW}}</tbody>
<tfoot><tr><th scope="row">{{L_OVERSIGHT_PORTAL}}</th><td>{{N}}</td><td>{{S0}} ({{C0}})</td><td>{{S1}} ({{C1}})</td><td>{{S2}} ({{C2}})</td><td>–</td><td>–</td><td></td></tr></tfoot>
</table>
</div>
</section>{{/UNITS}}
<section aria-labelledby="h-method">
<h2 id="h-method">{{L_OVERSIGHT_METHOD}}</h2>
<p>{{L_OVERSIGHT_METHOD_1}}</p>
<p>{{L_OVERSIGHT_METHOD_2}}</p>
<p>{{L_OVERSIGHT_METHOD_3}}{{MINCASES}}{{L_OVERSIGHT_METHOD_4}}{{ALPHA}}{{L_OVERSIGHT_METHOD_5}}</p>
<p>{{L_OVERSIGHT_METHOD_6}}</p>
</section>
{{#ITEMS}}<section aria-labelledby="h-items">
<h2 id="h-items">{{L_OVERSIGHT_ITEMS}}</h2>
<p>{{L_OVERSIGHT_ITEMS_NOTE}} <a href="{{ROOT}}rules/index.html">{{L_RULES}}</a></p>
{{#CHART}}<figure>
<div class="chart" role="img" aria-labelledby="c-items">
{{#ROW}}<div class="bar"><span class="name">{{NAME}}</span><svg>{{#GRID}}<line class="grid" x1="{{X}}" y1="0" x2="{{X}}" y2="100%"></line>{{/GRID}}{{#SEG}}<rect class="o-{{CODE}}" x="{{X}}" y="0" width="{{W}}" height="100%"><title>{{LABEL}}</title></rect>{{/SEG}}</svg><span class="n">{{V}}</span></div>
{{/ROW}}<div class="bar axis"><span class="name"></span><svg>{{#TICK}}<text x="{{X}}" y="1em" text-anchor="{{ANCHOR}}">{{V}}</text>{{/TICK}}</svg><span class="n"></span></div>
</div>
<figcaption id="c-items">{{L_OVERSIGHT_ITEMS}}{{L_COLON}}{{L_CHART_NOTE}}</figcaption>
</figure>{{/CHART}}
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-items">
<table>
<caption id="t-items">{{L_OVERSIGHT_ITEMS}}</caption>
<thead><tr><th scope="col">{{L_OVERSIGHT_ITEM}}</th><th scope="col">{{L_OVERSIGHT_ITEM_TEXT}}</th><th scope="col">{{L_CASES_COL}}</th><th scope="col">{{L_OUTCOME_EXEMPTED}}</th><th scope="col">{{L_OUTCOME_MITIGATED}}</th><th scope="col">{{L_OVERSIGHT_ITEM_UNITS}}</th></tr></thead>
<tbody>
{{#IROW}}<tr><th scope="row"><a href="{{HREF}}">{{NAME}}</a></th><td>{{TEXT}}</td><td>{{N}}</td><td>{{C0}}</td><td>{{C1}}</td><td>{{#UNIT}}<a href="{{HREF}}">{{NAME}}</a> {{N}}{{#UNIT_separator}}{{L_ENUM}}{{/UNIT_separator}}{{/UNIT}}{{#OTHER}} {{L_STATS_NOT_PUBLIC}} {{N}}{{/OTHER}}{{#UNUSED}}{{L_OVERSIGHT_UNUSED}}{{/UNUSED}}</td></tr>
{{/IROW}}</tbody>
</table>
</div>
</section>{{/ITEMS}}
{{#DAYS}}<section aria-labelledby="h-days">
<h2 id="h-days">{{L_OVERSIGHT_DAYS}}</h2>
<p>{{L_OVERSIGHT_DAYS_NOTE}}</p>
{{#LIMITS}}<p>{{L_OVERSIGHT_LIMITS}}{{L_COLON}}{{#DECISION}}{{L_OVERSIGHT_LIMIT_DECISION}}{{V}}{{L_DAYS_SUFFIX}}{{/DECISION}}{{#PUBLICATION}} {{L_OVERSIGHT_LIMIT_PUBLICATION}}{{V}}{{L_DAYS_SUFFIX}}{{/PUBLICATION}}</p>{{/LIMITS}}
{{#NO_LIMITS}}<p>{{L_OVERSIGHT_NO_LIMITS}}</p>{{/NO_LIMITS}}
{{#CHART}}<figure>
<div class="chart" role="img" aria-labelledby="c-days">
{{#ROW}}<div class="bar"><span class="name">{{NAME}}</span><svg>{{#GRID}}<line class="grid" x1="{{X}}" y1="0" x2="{{X}}" y2="100%"></line>{{/GRID}}{{#SEG}}<rect class="o-days" x="{{X}}" y="0" width="{{W}}" height="100%"><title>{{LABEL}}</title></rect>{{/SEG}}{{#P90}}<line class="p90" x1="{{X}}" y1="0" x2="{{X}}" y2="100%"><title>{{LABEL}}</title></line>{{/P90}}</svg><span class="n">{{V}}</span></div>
{{/ROW}}<div class="bar axis"><span class="name"></span><svg>{{#TICK}}<text x="{{X}}" y="1em" text-anchor="{{ANCHOR}}">{{V}}</text>{{/TICK}}</svg><span class="n"></span></div>
</div>
<figcaption id="c-days">{{L_OVERSIGHT_DAYS_CHART}}</figcaption>
</figure>{{/CHART}}
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-days-units">
<table>
<caption id="t-days-units">{{L_OVERSIGHT_DAYS}}{{L_COLON}}{{L_UNITS}}</caption>
<thead><tr><th scope="col" rowspan="2">{{L_UNIT}}</th><th scope="colgroup" colspan="{{#HAS_LIMITS}}4{{/HAS_LIMITS}}{{#NO_LIMITS}}3{{/NO_LIMITS}}">{{L_OVERSIGHT_TO_DECISION}}</th><th scope="colgroup" colspan="{{#HAS_LIMITS}}4{{/HAS_LIMITS}}{{#NO_LIMITS}}3{{/NO_LIMITS}}">{{L_OVERSIGHT_TO_PUBLICATION}}</th></tr>
<tr><th scope="col">{{L_CASES_COL}}</th><th scope="col">{{L_MEDIAN}}</th><th scope="col">{{L_OVERSIGHT_P90}}</th>{{#HAS_LIMITS}}<th scope="col">{{L_OVERSIGHT_BEYOND}}</th>{{/HAS_LIMITS}}<th scope="col">{{L_CASES_COL}}</th><th scope="col">{{L_MEDIAN}}</th><th scope="col">{{L_OVERSIGHT_P90}}</th>{{#HAS_LIMITS}}<th scope="col">{{L_OVERSIGHT_BEYOND}}</th>{{/HAS_LIMITS}}</tr></thead>
<tbody>
{{#UROW}}<tr><th scope="row"><a href="{{HREF}}">{{NAME}}</a></th>{{#KIND}}<td>{{N}}</td><td>{{MEDIAN}}</td><td>{{P90}}</td>{{#BEYOND}}<td>{{V}}</td>{{/BEYOND}}{{/KIND}}</tr>
{{/UROW}}</tbody>
{{#ALL}}<tfoot><tr><th scope="row">{{L_OVERSIGHT_PORTAL}}</th>{{#KIND}}<td>{{N}}</td><td>{{MEDIAN}}</td><td>{{P90}}</td>{{#BEYOND}}<td>{{V}}</td>{{/BEYOND}}{{/KIND}}</tr></tfoot>{{/ALL}}
</table>
</div>
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-days-years">
<table>
<caption id="t-days-years">{{L_OVERSIGHT_DAYS}}{{L_COLON}}{{L_YEARS}}</caption>
<thead><tr><th scope="col" rowspan="2">{{L_YEAR}}</th><th scope="colgroup" colspan="{{#HAS_LIMITS}}4{{/HAS_LIMITS}}{{#NO_LIMITS}}3{{/NO_LIMITS}}">{{L_OVERSIGHT_TO_DECISION}}</th><th scope="colgroup" colspan="{{#HAS_LIMITS}}4{{/HAS_LIMITS}}{{#NO_LIMITS}}3{{/NO_LIMITS}}">{{L_OVERSIGHT_TO_PUBLICATION}}</th></tr>
<tr><th scope="col">{{L_CASES_COL}}</th><th scope="col">{{L_MEDIAN}}</th><th scope="col">{{L_OVERSIGHT_P90}}</th>{{#HAS_LIMITS}}<th scope="col">{{L_OVERSIGHT_BEYOND}}</th>{{/HAS_LIMITS}}<th scope="col">{{L_CASES_COL}}</th><th scope="col">{{L_MEDIAN}}</th><th scope="col">{{L_OVERSIGHT_P90}}</th>{{#HAS_LIMITS}}<th scope="col">{{L_OVERSIGHT_BEYOND}}</th>{{/HAS_LIMITS}}</tr></thead>
<tbody>
{{#YROW}}<tr><th scope="row"><a href="{{HREF}}">{{NAME}}</a></th>{{#KIND}}<td>{{N}}</td><td>{{MEDIAN}}</td><td>{{P90}}</td>{{#BEYOND}}<td>{{V}}</td>{{/BEYOND}}{{/KIND}}</tr>
{{/YROW}}</tbody>
</table>
</div>
{{#LATE}}<div class="scroll" role="group" tabindex="0" aria-labelledby="t-late">
<table>
<caption id="t-late">{{L_OVERSIGHT_LATE}}</caption>
<thead><tr><th scope="col">{{L_CASE_ID}}</th><th scope="col">{{L_UNIT}}</th><th scope="col">{{L_OVERSIGHT_TO_DECISION}}</th><th scope="col">{{L_OVERSIGHT_TO_PUBLICATION}}</th></tr></thead>
<tbody>
{{/LATE}}{{#LATE_CASE}}<tr><th scope="row"><a href="{{HREF}}">{{ID}}</a></th><td>{{#UNIT}}<a href="{{HREF}}">{{NAME}}</a>{{/UNIT}}{{#UNIT_NOT_PUBLIC}}{{L_STATS_NOT_PUBLIC}}{{/UNIT_NOT_PUBLIC}}</td>{{#DEC}}<td>{{V}}{{#BEYOND}} <strong class="late">{{L_OVERSIGHT_OVER}}</strong>{{/BEYOND}}</td>{{/DEC}}{{#PUB}}<td>{{V}}{{#BEYOND}} <strong class="late">{{L_OVERSIGHT_OVER}}</strong>{{/BEYOND}}</td>{{/PUB}}</tr>
{{/LATE_CASE}}{{#LATE}}</tbody>
</table>
</div>{{/LATE}}
{{#NONE_LATE}}<p>{{L_OVERSIGHT_NONE_LATE}}</p>{{/NONE_LATE}}
</section>{{/DAYS}}
{{#PROC}}<section aria-labelledby="h-proc">
<h2 id="h-proc">{{L_OVERSIGHT_PROC}}</h2>
<p>{{L_OVERSIGHT_PROC_NOTE}}</p>
{{#CHART}}<figure>
<div class="chart" role="img" aria-labelledby="c-{{KEY}}">
{{#ROW}}<div class="bar"><span class="name">{{NAME}}</span><svg>{{#SEG}}<rect class="o-{{CODE}}" x="{{X}}" y="0" width="{{W}}" height="100%"><title>{{LABEL}}</title></rect>{{/SEG}}{{#MARK}}<line class="mark" x1="{{X}}" y1="0" x2="{{X}}" y2="100%"></line>{{/MARK}}</svg><span class="n">{{V}}</span></div>
{{/ROW}}</div>
<figcaption id="c-{{KEY}}">{{HEADING}}{{L_COLON}}{{L_OVERSIGHT_CHART_NOTE}}</figcaption>
</figure>{{/CHART}}
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-proc-units">
<table>
<caption id="t-proc-units">{{L_OVERSIGHT_PROC}}{{L_COLON}}{{L_UNITS}}</caption>
<thead><tr><th scope="col">{{L_UNIT}}</th><th scope="col">{{L_OVERSIGHT_PROC_CASES}}</th><th scope="col">{{L_OVERSIGHT_HEARING}}</th><th scope="col">{{L_OVERSIGHT_PROC_CASES}}</th><th scope="col">{{L_OVERSIGHT_REVIEW}}</th></tr></thead>
<tbody>
{{#UROW}}<tr><th scope="row"><a href="{{HREF}}">{{NAME}}</a></th><td>{{HN}}</td><td>{{HS}} ({{HY}})</td><td>{{RN}}</td><td>{{RS}} ({{RY}})</td></tr>
{{/UROW}}</tbody>
{{#ALL}}<tfoot><tr><th scope="row">{{L_OVERSIGHT_PORTAL}}</th><td>{{HN}}</td><td>{{HS}} ({{HY}})</td><td>{{RN}}</td><td>{{RS}} ({{RY}})</td></tr></tfoot>{{/ALL}}
</table>
</div>
<div class="scroll" role="group" tabindex="0" aria-labelledby="t-proc-years">
<table>
<caption id="t-proc-years">{{L_OVERSIGHT_PROC}}{{L_COLON}}{{L_YEARS}}</caption>
<thead><tr><th scope="col">{{L_YEAR}}</th><th scope="col">{{L_OVERSIGHT_PROC_CASES}}</th><th scope="col">{{L_OVERSIGHT_HEARING}}</th><th scope="col">{{L_OVERSIGHT_PROC_CASES}}</th><th scope="col">{{L_OVERSIGHT_REVIEW}}</th></tr></thead>
<tbody>
{{#YROW}}<tr><th scope="row"><a href="{{HREF}}">{{NAME}}</a></th><td>{{HN}}</td><td>{{HS}} ({{HY}})</td><td>{{RN}}</td><td>{{RS}} ({{RY}})</td></tr>
{{/YROW}}</tbody>
</table>
</div>
</section>{{/PROC}}
