{{%AUTOESCAPE context="HTML"}}<h1>{{SITE_TITLE}}</h1>
<div class="intro">
{{INTRO:none}}
</div>
<section class="headline" aria-labelledby="h-total">
<h2 id="h-total">{{L_TOTAL}}{{L_COLON}}<a href="cases/index.html">{{TOTAL}}{{L_COUNT_SUFFIX}}</a></h2>
<ul class="tiles">
{{#OUTCOME}}<li class="tile o-{{CODE}}"><a href="outcomes/{{CODE}}/index.html"><span class="n">{{COUNT}}</span> <span class="l">{{LABEL}}</span> <span class="p">{{PERCENT}}%</span></a></li>
{{/OUTCOME}}</ul>
<p><a href="stats/index.html">{{L_STATS}}</a></p>
</section>
<section class="newest" aria-labelledby="h-newest">
<h2 id="h-newest">{{L_NEWEST}}</h2>
{{#NOTICE}}<aside class="notice">
<p>{{L_LIST_WITHHELD_BEFORE}}{{COUNT}}{{L_LIST_WITHHELD_AFTER}}</p>
<ul>
{{#GROUND}}<li>{{TEXT}}{{L_LPAREN}}{{COUNT}}{{L_WITHHELD_ITEMS}}{{L_RPAREN}}</li>
{{/GROUND}}</ul>
</aside>{{/NOTICE}}
<div class="cards">
{{#CASE}}{{>CARD}}
{{/CASE}}</div>
<p><a href="cases/index.html">{{L_MORE}}</a></p>
</section>
<section class="browse" aria-labelledby="h-browse">
<h2 id="h-browse">{{L_BROWSE}}</h2>
{{#BROWSE}}<div class="group">
<h3><a href="{{HREF}}">{{HEADING}}</a></h3>
<ul>
{{#TERM}}<li><a href="{{DIR}}index.html">{{NAME}}</a> <span class="count">{{COUNT}}</span></li>
{{/TERM}}</ul>
</div>
{{/BROWSE}}</section>
<section class="subscribe" aria-labelledby="h-feeds">
<h2 id="h-feeds">{{L_FEEDS}}</h2>
<p><a href="feed.xml">{{L_RSS}}</a> · <a href="atom.xml">{{L_ATOM}}</a> · <a href="feed.json">{{L_JSON_FEED}}</a> · <a href="corrections.xml">{{L_CORRECTIONS_FEED}}</a> · <a href="feeds.opml">{{L_FEEDS_ALL}}</a></p>
<p>{{L_DATA_TEXT}} <a href="data/cases.csv">{{L_DATA_CSV}}</a> · <a href="data/cases.json">{{L_DATA_JSON}}</a> · <a href="data/index.html">{{L_DATA_MORE}}</a></p>
</section>
