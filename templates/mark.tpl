{{%AUTOESCAPE context="HTML"}}{{#OPEN}}<mark class="hand" title="{{GROUND}}">{{/OPEN}}{{#CLOSE}}</mark>{{/CLOSE}}
