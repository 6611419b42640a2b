"""Hostile values come out escaped everywhere: a title with <script>, quotes
and ampersands, raw HTML and javascript: links in the body, markup in a
summary and in a revision note.  Every HTML page must still parse without
error, every feed must be well-formed, open data must carry the value as
text, and no page may carry a live <script> or javascript: URL.
"""
import csv
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import html5lib

from testlib import TAP, build, copy_content, tmpdir, tree

t = TAP()

TITLE = 'A <script>alert("t")</script> "quoted" & \'single\' </title>'
RECORD = """---
id: H-2024-001
title: '%s'
status: closed
unit: 澄岚县财政局
category: 改革创新
summary: "<img src=x onerror=alert(1)> & </textarea>"
subject:
  name: 王建国
  position: "<b>局长</b>"
outcome: exempted
factors:
  degree: "]]> <!-- --> &amp;"
  motive: 为公
  conditions: 客观条件不具备
  procedure: 经集体决策
  policy: 上级无明令禁止
  consequence: 损失已挽回
procedure:
  - {step: "申请\\u0000", date: 2024-03-02}
  - {step: 决定, date: 2024-05-10}
decided: 2024-05-10
published: 2024-06-01
revisions:
  - {date: 2024-07-01, note: "<script>alert('note')</script>"}
---
## 基本情况

<script>alert("body")</script>

[click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)
and ![img](javascript:alert(2) "t\\"x") and <a href="javascript:alert(3)">raw</a>.

<iframe src="https://evil.example/"></iframe>

`<script>in code</script>`
""" % TITLE.replace("'", "''")

work = tmpdir()
content = copy_content(os.path.join(work, "content"), cases=False)
os.makedirs(os.path.join(content, "cases", "2024"))
with open(os.path.join(content, "cases/2024/H-2024-001.md"), "w",
          encoding="utf-8") as f:
    f.write(RECORD.replace('"申请\\u0000"', '申请'))
out = os.path.join(work, "site")
r = build(content, out)
t.ok(r.returncode == 0, "the hostile record builds", r.stderr)
files = tree(out)

page = files.get("cases/H-2024-001/index.html", b"").decode()
t.ok(page, "the hostile record has a page")

# No live script, no javascript:/data: URL, no raw iframe in any HTML page.
for name, data in sorted(files.items()):
    if not name.endswith(".html"):
        continue
    text = data.decode("utf-8")
    doc = html5lib.parse(text, namespaceHTMLElements=False)
    # The portal's own script files, no inline script: the large type
    # switch on every page, the search on its page.
    root = "../" * name.count("/")
    scripts = [el for el in doc.findall(".//script")
               if "".join(el.itertext()).strip() or not (
                   el.get("src") == root + "large.js" or
                   (name == "404.html" and
                    el.get("src", "").endswith("/large.js")) or
                   (name == "search/index.html" and
                    el.get("src") == "../search/search.js"))]
    iframes = doc.findall(".//iframe")
    bad = [el.get(a) for el in doc.iter() for a in ("href", "src")
           if el.get(a) and re.match(r"\s*(javascript|data|vbscript):",
                                     el.get(a), re.I)]
    handlers = [(el.tag, a) for el in doc.iter() for a in el.keys()
                if a.lower().startswith("on")]
    t.ok(not scripts and not iframes and not bad and not handlers,
         "%s: no script, iframe, event handler or javascript: URL" % name,
         "scripts=%d iframes=%d urls=%r handlers=%r" %
         (len(scripts), len(iframes), bad, handlers))
    try:
        html5lib.HTMLParser(strict=True,
                            namespaceHTMLElements=False).parse(data)
        t.ok(True, "%s: parses as HTML5 without error" % name)
    except Exception as e:  # html5lib raises ParseError
        t.ok(False, "%s: parses as HTML5 without error" % name, e)

# The title is shown as text, exactly.
doc = html5lib.parse(page, namespaceHTMLElements=False)
h1 = "".join(doc.find(".//h1").itertext())
t.eq(h1, TITLE, "the title reads as written in <h1>")
t.eq(doc.find(".//title").text.split(" - ")[0], TITLE.split(" - ")[0],
     "the title reads as written in <title>")
t.ok("&lt;script&gt;alert(&#34;t&#34;)" in page or
     "&lt;script&gt;alert(&quot;t&quot;)" in page,
     "the title's markup is escaped in the source")
desc = doc.find(".//meta[@name='description']").get("content")
t.eq(desc, "<img src=x onerror=alert(1)> & </textarea>",
     "the summary reads as written in the description attribute")
t.ok("<b>局长</b>" not in page and "&lt;b&gt;局长&lt;/b&gt;" in page,
     "a position with markup is escaped")
t.ok("alert(&#39;note&#39;)" in page or "alert(&#x27;note&#x27;)" in page or
     "alert('note')" in "".join(doc.find(".//table").itertext()),
     "a revision note with markup reads as text")
body = doc.find(".//section[@class='body']")
t.ok(body is not None and "in code" in "".join(body.itertext()),
     "code spans survive as text")

# Feeds: well-formed, and the title comes back exactly.
for name in ("feed.xml", "atom.xml", "feeds.opml", "sitemap.xml",
             "units/caizheng/feed.xml", "units/caizheng/atom.xml"):
    try:
        root = ET.fromstring(files[name])
        ok = True
    except (ET.ParseError, KeyError) as e:
        ok, root = False, e
    t.ok(ok, "%s is well-formed XML" % name, root)
    p = subprocess.run(["xmllint", "--noout", os.path.join(out, name)],
                       capture_output=True, text=True)
    t.ok(p.returncode == 0, "%s passes xmllint" % name, p.stderr)
rss = ET.fromstring(files["feed.xml"])
titles = [i.findtext("title") for i in rss.iter("item")]
t.ok(TITLE in titles, "the RSS item title reads as written", titles)
t.ok("更正：" + TITLE in titles, "the correction entry's title reads as "
     "written", titles)
enc = [i.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
       for i in rss.iter("item")]
t.ok(all("<script" not in (e or "") and "javascript:" not in (e or "")
         for e in enc), "RSS full text carries no script or javascript: "
     "URL", enc)
feed = json.loads(files["feed.json"])
t.ok(TITLE in [i["title"] for i in feed["items"]],
     "the JSON Feed title reads as written")
t.ok(all("<script" not in i.get("content_html", "") for i in feed["items"]),
     "JSON Feed content_html carries no script")

# Open data carries the value as text.
data = json.loads(files["data/cases.json"])
t.eq(data["cases"][0]["title"], TITLE, "open data JSON: the title as text")
rows = list(csv.DictReader(io.StringIO(
    files["data/cases.csv"].decode("utf-8-sig"))))
t.eq(rows[0]["title"], TITLE, "open data CSV: the title as text")

# A spreadsheet runs a cell that begins with = + - @, a tab or a carriage
# return as a formula: in every CSV the portal publishes such a cell
# begins with an apostrophe, and JSON keeps the value as it is.
LEADS = {"=": '=HYPERLINK("http://evil.example/","点击")', "+": "+1+1",
         "-": "-2+3", "@": "@SUM(1,2)", "tab": "\t=1+1", "cr": "\r=1+1"}
content2 = copy_content(os.path.join(work, "content2"), cases=False)
base = RECORD.replace('"申请\\u0000"', '申请')
for k, (name, v) in enumerate(sorted(LEADS.items())):
    rec = base.replace("H-2024-001", "H-2024-1%02d" % k).replace(
        "title: '%s'" % TITLE.replace("'", "''"), "title: %s" % json.dumps(v))
    rec = rec.replace('position: "<b>局长</b>"', "position: %s" %
                      json.dumps(v + "局长"))
    write_to = os.path.join(content2, "cases", "2024", "H-2024-1%02d.md" % k)
    os.makedirs(os.path.dirname(write_to), exist_ok=True)
    with open(write_to, "w", encoding="utf-8") as f:
        f.write(rec)
# A value with = inside, not first, stays as it is.
with open(os.path.join(content2, "cases", "2024", "H-2024-199.md"), "w",
          encoding="utf-8") as f:
    f.write(base.replace("H-2024-001", "H-2024-199").replace(
        "title: '%s'" % TITLE.replace("'", "''"), "title: 'a=1+1 @x'"))
out2 = os.path.join(work, "site2")
r = build(content2, out2)
t.ok(r.returncode == 0, "records whose values begin like formulas build",
     r.stderr)
files2 = tree(out2) if r.returncode == 0 else {}
csvtext = files2.get("data/cases.csv", b"").decode("utf-8-sig")
rows = {x["id"]: x for x in csv.DictReader(io.StringIO(csvtext,
                                                        newline=""))}
cases = {x["id"]: x for x in json.loads(
    files2.get("data/cases.json", b'{"cases": []}'))["cases"]}
for k, (name, v) in enumerate(sorted(LEADS.items())):
    cid = "H-2024-1%02d" % k
    row = rows.get(cid, {})
    t.eq(row.get("title"), "'" + v, "CSV: a title beginning with %s is "
         "written with a leading apostrophe" % name)
    t.eq(row.get("subject_position"), "'" + v + "局长", "CSV: a position "
         "beginning with %s too" % name)
    t.eq(cases.get(cid, {}).get("title"), v, "JSON: a title beginning "
         "with %s keeps its value" % name)
t.eq(rows.get("H-2024-199", {}).get("title"), "a=1+1 @x",
     "CSV: a value with = elsewhere than first is as written")
formulas = [c for x in rows.values() for c in x.values()
            if c and c[0] in "=+-@\t\r"]
t.eq(formulas, [], "no cell of cases.csv begins like a formula")
doc = "".join(html5lib.parse(files2.get("data/index.html", b""),
                             namespaceHTMLElements=False).itertext())
t.ok("cases.csv" in doc and "（'）" in doc and "sha256" in doc and
     all(c in doc for c in "=+-@"),
     "data/index.html documents the files, the columns and the apostrophe")
t.done()
