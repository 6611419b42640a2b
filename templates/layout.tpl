{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{L_LANG}}"{{#CASE}} data-case="{{ID}}"{{/CASE}}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="disclose">
<meta name="disclose:audience" content="{{AUDIENCE}}">
<title>{{PAGE_TITLE}} - {{SITE_TITLE}}</title>
{{#DESCRIPTION}}<meta name="description" content="{{TEXT}}">{{/DESCRIPTION}}
{{#DIGEST}}<meta name="disclose:sha256" content="{{V}}">{{/DIGEST}}
{{#CANONICAL}}<link rel="canonical" href="{{HREF}}">{{/CANONICAL}}
{{#STYLESHEET}}<link rel="stylesheet" href="{{ROOT}}style.css">{{/STYLESHEET}}
<script src="{{ROOT}}large.js"></script>
{{#FEED}}<link rel="alternate" type="application/rss+xml" title="{{TITLE}} (RSS)" href="{{ROOT}}{{DIR}}feed.xml">
<link rel="alternate" type="application/atom+xml" title="{{TITLE}} (Atom)" href="{{ROOT}}{{DIR}}atom.xml">
<link rel="alternate" type="application/feed+json" title="{{TITLE}} (JSON Feed)" href="{{ROOT}}{{DIR}}feed.json">{{/FEED}}
</head>
<body>
<a class="skip" href="#main">{{L_SKIP}}</a>
<header class="masthead">
<div class="wrap">
<p class="brand"><a href="{{ROOT}}index.html">{{SITE_TITLE}}</a></p>
<p class="size"><button type="button" id="large" aria-pressed="false" hidden>{{L_LARGE}}</button><noscript><span>{{L_LARGE_NOSCRIPT}}</span></noscript></p>
<nav aria-label="{{L_NAV}}">
<ul>
<li><a href="{{ROOT}}index.html"{{#NAV_HOME}} aria-current="{{V}}"{{/NAV_HOME}}>{{L_HOME}}</a></li>
<li><a href="{{ROOT}}cases/index.html"{{#NAV_CASES}} aria-current="{{V}}"{{/NAV_CASES}}>{{L_ALL_CASES}}</a></li>
<li><a href="{{ROOT}}years/index.html"{{#NAV_YEARS}} aria-current="{{V}}"{{/NAV_YEARS}}>{{L_YEARS}}</a></li>
<li><a href="{{ROOT}}units/index.html"{{#NAV_UNITS}} aria-current="{{V}}"{{/NAV_UNITS}}>{{L_UNITS}}</a></li>
<li><a href="{{ROOT}}categories/index.html"{{#NAV_CATEGORIES}} aria-current="{{V}}"{{/NAV_CATEGORIES}}>{{L_CATEGORIES}}</a></li>
<li><a href="{{ROOT}}outcomes/index.html"{{#NAV_OUTCOMES}} aria-current="{{V}}"{{/NAV_OUTCOMES}}>{{L_OUTCOMES}}</a></li>
<li><a href="{{ROOT}}stats/index.html"{{#NAV_STATS}} aria-current="{{V}}"{{/NAV_STATS}}>{{L_STATS}}</a></li>
<li><a href="{{ROOT}}oversight/index.html"{{#NAV_OVERSIGHT}} aria-current="{{V}}"{{/NAV_OVERSIGHT}}>{{L_OVERSIGHT}}</a></li>
<li><a href="{{ROOT}}search/index.html"{{#NAV_SEARCH}} aria-current="{{V}}"{{/NAV_SEARCH}}>{{L_SEARCH}}</a></li>
</ul>
</nav>
</div>
</header>
<main id="main" class="wrap">
{{CONTENT:none}}
</main>
<footer class="colophon">
<div class="wrap">
<p>{{L_PUBLISHER}}{{L_COLON}}{{PUBLISHER}}</p>
<p>{{L_FEEDS}}{{L_COLON}}<a href="{{ROOT}}feed.xml">{{L_RSS}}</a> · <a href="{{ROOT}}atom.xml">{{L_ATOM}}</a> · <a href="{{ROOT}}feed.json">{{L_JSON_FEED}}</a> · <a href="{{ROOT}}corrections.xml">{{L_CORRECTIONS_FEED}}</a> · <a href="{{ROOT}}feeds.opml">{{L_FEEDS_ALL}}</a></p>
<p>{{L_DATA}}{{L_COLON}}<a href="{{ROOT}}data/cases.csv">{{L_DATA_CSV}}</a> · <a href="{{ROOT}}data/cases.json">{{L_DATA_JSON}}</a> · <a href="{{ROOT}}data/index.html">{{L_DATA_MORE}}</a></p>
<p><a href="{{ROOT}}map/index.html">{{L_MAP}}</a> · <a href="{{ROOT}}privacy/index.html">{{L_PRIVACY}}</a></p>
{{#REGISTRY}}<p class="registry">{{#SITE_CODE}}<span>{{L_SITE_CODE}}{{L_COLON}}{{V}}</span>{{/SITE_CODE}}{{#ICP}} {{#LINK}}<a href="https://beian.miit.gov.cn/">{{/LINK}}{{V}}{{#LINK}}</a>{{/LINK}}{{/ICP}}{{#POLICE_RECORD}} <span>{{V}}</span>{{/POLICE_RECORD}}</p>{{/REGISTRY}}
</div>
</footer>
</body>
</html>
