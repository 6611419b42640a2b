{{%AUTOESCAPE context="HTML"}}{{#OPEN}}<div class="scroll" role="group" tabindex="0" aria-label="{{L_TABLE_SCROLL}}">
{{/OPEN}}{{#CLOSE}}
</div>{{/CLOSE}}{{#HEAD}}<th scope="col"{{/HEAD}}
