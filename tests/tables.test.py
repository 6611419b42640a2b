"""Pipe tables and strikethrough in a case's body (cmark-gfm's extensions):
the table stands in a box that scrolls on a narrow screen, its header cells
have scope="col", alignment is an attribute and never a style; every cell,
the header row's too, and struck-through text are redacted as a paragraph
is, in the page, the feeds, the search index and the redaction report; the
audit passes, and catches a value planted into a cell of the built page.
One tilde stays text (a range: 3~5月); raw HTML in a cell stays omitted; a
hand mark must close in its own cell.
"""
import html
import os
import random
import re
import shutil

from searchindex import Index
from testlib import TAP, build, copy_content, read, run, tmpdir, tree, write

t = TAP()
rnd = random.Random(os.environ.get("TABLES_SEED", "tables"))


def idnumber(birth):
    """A valid 18-digit identity number (ISO 7064 check digit)."""
    body = "99%04d%s%03d" % (rnd.randrange(1000, 9999), birth,
                             rnd.randrange(100, 999))
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * k for c, k in
                                    zip(body, w)) % 11]


def phone():
    return "139%08d" % rnd.randrange(10 ** 7, 10 ** 8)


NAME = rnd.choice(["欧阳", "诸葛", "司马"]) + rnd.choice("立新卫东晓琳")
WITNESS = rnd.choice("蒋韩杨秦尤许") + rnd.choice("秀云保国春梅")
HEADNAME = rnd.choice("魏陶姜戚谢邹") + rnd.choice("志强文静")
PHONE, LOOSE = phone(), phone()
IDNO = idnumber("19%02d0%d1%d" % (rnd.randrange(60, 99), rnd.randrange(1, 9),
                                  rnd.randrange(0, 9)))
STRUCK = phone()
AMOUNT = "%d.%d万元" % (rnd.randrange(10, 99), rnd.randrange(1, 9))
WORD = "研学基地改造"

REC = """---
id: TB-2024-001
title: 研学基地改造资金容错案
status: closed
unit: 澄岚县财政局
category: 改革创新
subject:
  name: {name}
  position: 科员
  id_number: "{idno}"
  phone: "{phone}"
witnesses:
  - name: {witness}
    position: 村委会主任
  - name: {headname}
    position: 出纳
outcome: exempted
basis: [1]
factors:
  degree: 工作失误
  motive: 为公
  conditions: 客观条件不具备
  procedure: 经集体决策
  policy: 上级无明令禁止
  consequence: 损失已挽回
procedure:
  - {{step: 申请, date: 2024-03-02}}
  - {{step: 决定, date: 2024-05-10}}
decided: 2024-05-10
published: 2024-06-01
---
资金往来如下表。

| 事项 | 金额 | 日期 | 经手：{headname} |
| :--- | ---: | :---: | --- |
| {word} | {amount} | 2022-03-01 | {name} |
| 拖欠租金 | 9.6万元 | 3~5月 | {witness}（{phone}） |
| ~~原定年租金 {struck}~~ | ~~15万元~~ | 2023-06-30 | 身份证 {idno} |
| 联系 {loose} | <b>12万元</b> | 2024-01-02 | {{--内部编号--}} |

合计见上表，~~作废的说明~~。
"""
content = copy_content(os.path.join(tmpdir(), "content"))
src = REC.format(name=NAME, witness=WITNESS, headname=HEADNAME, phone=PHONE,
                 idno=IDNO, struck=STRUCK, loose=LOOSE, amount=AMOUNT,
                 word=WORD)
path = os.path.join(content, "cases", "2024", "TB-2024-001.md")
write(path, src)
lines = src.split("\n")


def lineof(s):
    """The file line (1-based) of the first table row that holds s."""
    return next(i + 1 for i, l in enumerate(lines)
                if s in l and l.startswith("|"))


site = os.path.join(tmpdir(), "site")
report = os.path.join(tmpdir(), "report.csv")
r = build(content, site, "--report", report)
t.ok(r.returncode == 0, "a record with a pipe table builds, and the audit "
     "passes", r.stderr[-2000:])
a = run("audit", "-C", content, site)
t.ok(a.returncode == 0, "disclose audit passes the built portal", a.stderr)

page = read(os.path.join(site, "cases", "TB-2024-001", "index.html"))
body = page[page.find('id="h-details"'):]
body = body[:body.find("</section>")]
m = re.search(r'<div class="scroll" role="group" tabindex="0" '
              r'aria-label="([^"]+)">\s*<table>(.*?)</table>\s*</div>',
              body, re.S)
t.ok(m and m.group(1).strip(), "the table stands in a labelled box that "
     "scrolls on its own and takes the focus", body[:1500])
table = m.group(2) if m else ""
heads = re.findall(r"<th\b[^>]*>", table)
t.eq(len(heads), 4, "the header row has its four cells")
t.ok(heads and all('scope="col"' in h for h in heads),
     "every header cell has scope=\"col\"", heads)
t.eq(re.findall(r'align="(\w+)"', " ".join(heads)),
     ["left", "right", "center"], "alignment is the cells' align attribute")
t.ok("style=" not in body, "no inline style in the body (the CSP forbids "
     "it)")
rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
t.eq(len(rows), 5, "a header row and four rows")
cells = [re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row, re.S)
         for row in rows]
t.ok(all(len(c) == 4 for c in cells), "every row has four cells", cells)
MARK = re.compile(r'<span class="withheld" title="[^"]+"><span '
                  r'aria-hidden="true">■■■</span><span class="vh">[^<]+'
                  r"</span></span>")


def cell(r, c):
    return cells[r][c] if r < len(cells) and c < len(cells[r]) else ""


t.ok(HEADNAME not in cell(0, 3) and cell(0, 3).startswith("经手：") and
     cell(0, 3) != "经手：", "a protected name in the header row is replaced",
     cell(0, 3))
t.ok(cell(1, 0) == WORD and cell(1, 1) == AMOUNT and
     cell(1, 2) == "2022-03-01", "plain cells are kept as written", cells[1])
t.ok(NAME not in cell(1, 3) and cell(1, 3).startswith(NAME[:2]) and
     "某" in cell(1, 3), "the subject's name in a cell is its pseudonym",
     cell(1, 3))
t.ok(WITNESS not in cell(2, 3) and MARK.search(cell(2, 3)) and
     cell(2, 3).endswith("）"), "a phone number in a cell is the theme's "
     "withheld marker, and the text after it stays", cell(2, 3))
t.eq(cell(2, 2), "3~5月", "one tilde is text, not strikethrough")
t.ok(cell(3, 0).startswith("<del>") and STRUCK not in cell(3, 0) and
     MARK.search(cell(3, 0)), "struck-through text is <del> and its phone "
     "number is withheld", cell(3, 0))
t.eq(cell(3, 1), "<del>15万元</del>", "two tildes strike through")
t.ok(IDNO not in cell(3, 3) and MARK.search(cell(3, 3)),
     "an identity number in a cell is withheld", cell(3, 3))
t.ok(LOOSE not in cell(4, 0) and MARK.search(cell(4, 0)),
     "a phone number no field declares is found in a cell and withheld",
     cell(4, 0))
t.ok("<b>" not in cell(4, 1) and "raw HTML omitted" in cell(4, 1),
     "raw HTML in a cell is omitted", cell(4, 1))
t.ok(MARK.search(cell(4, 3)) and "内部编号" not in page,
     "a hand mark in a cell is withheld", cell(4, 3))
t.ok("<del>作废的说明</del>" in body, "strikethrough in a paragraph")

SECRETS = [PHONE, LOOSE, STRUCK, IDNO, NAME, WITNESS, HEADNAME, "内部编号"]
files = tree(site)
leaks = [(f, s) for f, b in files.items() for s in SECRETS
         if s.encode() in b]
t.ok(not leaks, "no value of a cell is anywhere in the built portal", leaks)
feed = read(os.path.join(site, "feed.xml"))
t.ok(html.escape(WORD) in feed and "scope=&quot;col&quot;" in feed,
     "the feed carries the table as the page does")

ix = Index(site)
n = ix.meta["cases"]
docs = {ix.doc(i)["id"]: i for i in range(n)}
doc = ix.doc(docs.get("TB-2024-001", 0))
text = doc.get("text", "")
if isinstance(text, list):
    text = "\n".join(text)
t.ok(WORD in text and AMOUNT in text, "the search index has the cells' "
     "text", text[:400])
t.ok(not any(s in text for s in SECRETS), "and none of their withheld "
     "values", text[:400])
hits, _ = ix.search(WORD)
t.ok(docs.get("TB-2024-001") in hits, "a word of a cell finds the case")

rep = read(report)
rows = [l for l in rep.splitlines() if l.startswith("TB-2024-001,")]
for s, what in ((PHONE, "the subject's phone"), (IDNO, "the identity "
                "number"), (LOOSE, "a found phone"), (STRUCK, "a struck "
                "phone"), (HEADNAME, "a name in the header")):
    want = ",body,%d," % lineof(s)
    t.ok(any(want in l and s in l for l in rows), "the report names %s at "
         "its row's line %d" % (what, lineof(s)), "\n".join(rows[-12:]))

internal = os.path.join(tmpdir(), "internal")
r = build(content, internal, "-a", "internal")
ipage = read(os.path.join(internal, "cases", "TB-2024-001", "index.html"))
t.ok(r.returncode == 0 and '<mark class="hand"' in ipage and "内部编号" in
     ipage, "for internal readers a hand mark in a cell is highlighted",
     r.stderr[-800:])


def planted(old, new, name):
    """Copy the site, put new into the table's cells in place of old,
    audit: the leak must be found, in that page."""
    d = os.path.join(tmpdir(), "site")
    shutil.copytree(site, d)
    p = os.path.join(d, "cases", "TB-2024-001", "index.html")
    text = read(p)
    if not t.ok(old in text, "%s: the cell is there" % name):
        return
    write(p, text.replace(old, new, 1))
    r = run("audit", "-C", content, d)
    errors = [l for l in r.stderr.splitlines() if ": error: " in l]
    t.ok(r.returncode != 0 and errors and all(l.startswith(p)
                                              for l in errors),
         "%s: the audit finds it in the page" % name, r.stderr[-1500:])


planted("<td>%s</td>" % cell(1, 3), "<td>%s</td>" % NAME,
        "a name planted into a cell")
planted('<td align="right">%s</td>' % AMOUNT,
        '<td align="right">%s %s</td>' % (AMOUNT, PHONE),
        "a phone number planted into a cell")
planted(">%s</th>" % cell(0, 3), ">%s %s</th>" % (cell(0, 3), IDNO),
        "an identity number planted into a header cell")

# A page built without redaction: the internal build's page in the
# public portal.
d = os.path.join(tmpdir(), "site")
shutil.copytree(site, d)
shutil.copy(os.path.join(internal, "cases", "TB-2024-001", "index.html"),
            os.path.join(d, "cases", "TB-2024-001", "index.html"))
r = run("audit", "-C", content, d)
t.ok(r.returncode != 0 and "TB-2024-001" in r.stderr,
     "an unredacted page with the table fails the public audit",
     r.stderr[-1500:])

# A hand mark opened in one cell and closed in the next.
bad = src.replace("| 2024-01-02 | {--内部编号--} |",
                  "| {--2024-01-02 | 内部编号--} |")
write(path, bad)
r = run("check", "-C", content)
want = "%s:%d:" % (path, lineof(LOOSE))
t.ok(r.returncode != 0 and want in r.stderr and "table cell" in r.stderr
     and bad.count("|") == src.count("|"),
     "a hand mark that leaves its cell is an error at its line",
     r.stderr[-800:])
t.done()
