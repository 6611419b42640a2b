{{%AUTOESCAPE context="HTML"}}{{#CASE}}<p>{{L_UNIT}}：{{>UNIT}}；{{L_CATEGORY}}：{{>CATEGORY}}{{#OUTCOME}}；{{L_OUTCOME}}：{{V}}{{/OUTCOME}}；{{L_DECIDED}}：{{>DECIDED}}</p>
{{BODY:none}}
{{/CASE}}{{#CORRECTION}}<p>{{L_CORRECTION_ENTRY}}（{{>DATE}}）：{{>NOTE}}</p>
<p><a href="{{HREF}}">{{L_READ_CASE}}</a></p>
{{/CORRECTION}}{{#WITHDRAWAL}}<p>{{L_WITHDRAWAL_ENTRY}}（{{>DATE}}）：{{>REASON}}</p>
<p><a href="{{HREF}}">{{L_READ_CASE}}</a></p>
{{/WITHDRAWAL}}
