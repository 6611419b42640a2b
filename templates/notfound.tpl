{{%AUTOESCAPE context="HTML"}}<h1>{{L_NOT_FOUND}}</h1>
<p>{{L_NOT_FOUND_TEXT}}</p>
<ul>
<li><a href="{{ROOT}}index.html">{{L_HOME}}</a></li>
<li><a href="{{ROOT}}cases/index.html">{{L_ALL_CASES}}</a></li>
</ul>
