{{%AUTOESCAPE context="HTML"}}{{#CASE}}<p>{{L_UNIT}}{{L_COLON}}{{>UNIT}}{{L_SEMI}}{{L_CATEGORY}}{{L_COLON}}{{>CATEGORY}}{{#OUTCOME}}{{L_SEMI}}{{L_OUTCOME}}{{L_COLON}}{{V}}{{/OUTCOME}}{{L_SEMI}}{{L_DECIDED}}{{L_COLON}}{{>DECIDED}}</p>
{{BODY:none}}
{{/CASE}}{{#CORRECTION}}<p>{{L_CORRECTION_ENTRY}}{{L_LPAREN}}{{>DATE}}{{L_RPAREN}}{{L_COLON}}{{>NOTE}}</p>
<p><a href="{{HREF}}">{{L_READ_CASE}}</a></p>
{{/CORRECTION}}{{#WITHDRAWAL}}<p>{{L_WITHDRAWAL_ENTRY}}{{L_LPAREN}}{{>DATE}}{{L_RPAREN}}{{L_COLON}}{{>REASON}}</p>
<p><a href="{{HREF}}">{{L_READ_CASE}}</a></p>
{{/WITHDRAWAL}}
