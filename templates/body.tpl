{{%AUTOESCAPE context="HTML"}}{{#SEG}}{{HTML:none}}{{>MARK}}{{>MARKER}}{{/SEG}}
