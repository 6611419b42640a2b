{{%AUTOESCAPE context="HTML"}}<nav class="crumbs" aria-label="{{L_BREADCRUMB}}">
<ol>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li aria-current="page">{{L_PRIVACY}}</li>
</ol>
</nav>
<h1>{{L_PRIVACY}}</h1>
<div class="statement">
{{#OWN}}{{TEXT:none}}{{/OWN}}{{#THEME}}<p>{{L_PRIVACY_1}}</p>
<p>{{L_PRIVACY_2}}</p>
<p>{{L_PRIVACY_3}}</p>
<p>{{L_PRIVACY_4}}</p>{{/THEME}}
</div>
