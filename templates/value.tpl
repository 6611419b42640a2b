{{%AUTOESCAPE context="HTML"}}{{#KEPT}}{{V}}{{/KEPT}}{{#CHANGED}}<span class="changed" title="{{GROUND}}">{{V}}</span>{{/CHANGED}}{{#WITHHELD}}{{>MARKER}}{{/WITHHELD}}
