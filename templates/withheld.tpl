{{%AUTOESCAPE context="HTML"}}<span class="withheld" title="{{GROUND}}"><span aria-hidden="true">■■■</span><span class="vh">{{L_WITHHELD}}</span></span>{{>REF}}
