{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="{{L_LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{L_ARCHIVE_TITLE}} - {{TITLE}}</title>
<link rel="stylesheet" href="archive.css">
</head>
<body>
<main>
<h1>{{L_ARCHIVE_TITLE}}{{L_COLON}}{{TITLE}}</h1>
<p>{{L_ARCHIVE_TEXT}} <a href="{{BASE_URL}}">{{BASE_URL}}</a></p>
{{#VERIFY}}<p>{{#SIGNED}}{{L_ARCHIVE_VERIFY}}{{/SIGNED}}{{#UNSIGNED}}{{L_ARCHIVE_VERIFY_UNSIGNED}}{{/UNSIGNED}}</p>
<pre><code>cd {{NAME}}
{{#SIGNED}}minisign -Vm SHA256SUMS -p disclose.pub
{{/SIGNED}}sha256sum -c SHA256SUMS</code></pre>{{/VERIFY}}
<div class="scroll" role="region" tabindex="0" aria-labelledby="snapshots">
<table>
<caption id="snapshots">{{L_ARCHIVE_COUNT_BEFORE}}{{COUNT}}{{L_ARCHIVE_COUNT_AFTER}}</caption>
<thead>
<tr><th scope="col">{{L_DATE}}</th><th scope="col">{{L_ARCHIVE_CONTENTS}}</th><th scope="col">{{L_ARCHIVE_FILES}}</th><th scope="col">{{L_ARCHIVE_SIZE}}</th><th scope="col">{{L_ARCHIVE_CHECKSUM}}</th><th scope="col">{{L_ARCHIVE_SIGNED}}</th></tr>
</thead>
<tbody>
{{#SNAPSHOT}}<tr><th scope="row"><time datetime="{{DATE}}">{{NAME}}</time>{{#INTERNAL}}<br><strong>{{L_ARCHIVE_INTERNAL}}</strong>{{/INTERNAL}}</th><td><a href="{{NAME}}/site/index.html">{{L_ARCHIVE_BROWSE}}</a> · <a href="{{NAME}}/SHA256SUMS">SHA256SUMS</a> · <a href="{{NAME}}/portal.warc.gz">WARC</a>{{#SIGNED}} · <a href="{{NAME}}/SHA256SUMS.minisig">{{L_ARCHIVE_SIGNATURE}}</a>{{/SIGNED}}</td><td>{{FILES}}</td><td>{{MIB}} MiB ({{BYTES}} B)</td><td><code>{{SHA256}}</code></td><td>{{#SIGNED}}{{L_YES}}{{/SIGNED}}{{#UNSIGNED}}{{L_NO}}{{/UNSIGNED}}</td></tr>
{{/SNAPSHOT}}</tbody>
</table>
</div>
</main>
</body>
</html>
