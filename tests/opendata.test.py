"""Open data: data/cases.csv opens in a spreadsheet as it is (UTF-8 with a
byte order mark) and carries each case's summary as data/cases.json does;
data/index.html documents every CSV column and every JSON field with its
type and meaning, the encoding, how a withheld value appears, and the
licence of the data: site.yaml's data_license, or the theme's default in
the portal's language.
"""
import csv
import io
import json
import os
import re

import html5lib

from testlib import TAP, build, copy_content, read, run, tmpdir, tree, write

t = TAP()
work = tmpdir()

BOM = b"\xef\xbb\xbf"
MARK = {"zh-CN": "[依法不予公开]", "en": "[withheld by law]"}
# The types as data/index.html names them, and the suffix of a field
# that may be null in JSON.
TYPES = {
    "zh-CN": {"文本": "string", "日期": "date", "整数": "integer",
              "布尔值（true、false）": "boolean", "数组": "array",
              "对象": "object"},
    "en": {"text": "string", "date": "date", "integer": "integer",
           "boolean (true, false)": "boolean", "array": "array",
           "object": "object"},
}
ORNULL = {"zh-CN": "，或 null", "en": " or null"}
LICENCE = {"zh-CN": "依法公开的政府信息，可自由使用，请注明来源",
           "en": "Government information published by law; free to reuse "
                 "with attribution"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FORMULA = "=+-@\t\r"


def text(el):
    return "".join(el.itertext()).strip() if el is not None else ""


def tables(html):
    """{table id: [(name, type text, meaning)]} of data/index.html."""
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    out = {}
    for tb in doc.iter("table"):
        rows = []
        for tr in tb.iter("tr"):
            th, tds = tr.find("th"), tr.findall("td")
            if th is None or th.get("scope") != "row" or len(tds) != 2:
                continue
            rows.append((text(th), text(tds[0]), text(tds[1])))
        out[tb.get("id")] = rows
    return doc, out


def doctype(typetext, lang):
    """(kind, may be null) of a documented type, or (None, ...)."""
    null = typetext.endswith(ORNULL[lang])
    if null:
        typetext = typetext[:-len(ORNULL[lang])]
    return TYPES[lang].get(typetext), null


def fits(kind, v):
    """Whether a JSON value is of a documented kind (null aside)."""
    return {"string": lambda: isinstance(v, str),
            "date": lambda: isinstance(v, str) and bool(DATE.match(v)),
            "integer": lambda: isinstance(v, int) and
            not isinstance(v, bool),
            "boolean": lambda: isinstance(v, bool),
            "array": lambda: isinstance(v, list),
            "object": lambda: isinstance(v, dict)}[kind]()


def paths(obj, prefix=""):
    """(path, value) of every field of obj and of the objects in it, in
    data/index.html's notation: a.b, a[].b."""
    for k, v in obj.items():
        yield prefix + k, v
        if isinstance(v, dict):
            yield from paths(v, prefix + k + ".")
        elif isinstance(v, list):
            for item in v:
                if isinstance(item, dict):
                    yield from paths(item, prefix + k + "[].")


def csvcell(v):
    """A text as a CSV cell of the portal holds it."""
    return "'" + v if v and v[0] in FORMULA else v


def opendata(out, lang, what):
    """Check a built portal's open data and their page; return
    (header, rows by id, JSON cases by id, page text)."""
    files = tree(out)
    raw = files.get("data/cases.csv", b"")
    t.ok(raw.startswith(BOM) and not raw.startswith(BOM + BOM),
         "%s: cases.csv begins with one UTF-8 byte order mark" % what,
         repr(raw[:8]))
    try:
        body = raw[len(BOM):].decode("utf-8")
    except UnicodeDecodeError as e:
        body = ""
        t.ok(False, "%s: cases.csv is UTF-8" % what, e)
    t.ok("\ufeff" not in body, "%s: the mark is only at the start" % what)
    rows = list(csv.reader(io.StringIO(body, newline="")))
    header = rows[0] if rows else []
    t.ok("title" in header and "summary" in header and
         header.index("summary") == header.index("title") + 1,
         "%s: the header has a summary column, next to title" % what, header)
    t.ok(all(len(r) == len(header) for r in rows),
         "%s: every row has as many cells as the header" % what)
    byid = {r[0]: dict(zip(header, r)) for r in rows[1:]}
    data = json.loads(files.get("data/cases.json", b"{}").decode("utf-8"))
    cases = {c.get("id"): c for c in data.get("cases", [])}
    t.eq(sorted(byid), sorted(cases), "%s: cases.csv and cases.json hold "
         "the same cases" % what)

    # The summary: as cases.json has it, the marker where it is null
    # because withheld, empty where the record has none.
    bad = []
    for cid, c in sorted(cases.items()):
        got = byid.get(cid, {}).get("summary")
        s = c.get("summary")
        if (s is not None and got != csvcell(s)) or \
                (s is None and got not in ("", MARK[lang])):
            bad.append("%s: csv %r, json %r" % (cid, got, s))
    t.ok(cases and not bad, "%s: each row's summary is its case's summary "
         "in cases.json (%d cases)" % (what, len(cases)), "\n".join(bad))

    html = files.get("data/index.html", b"")
    doc, tabs = tables(html)
    page = text(doc.find(".//main")) or text(doc)

    # cases.csv: every column, in order, with a type and a meaning; the
    # cells are of that type.
    col = tabs.get("data-csv", [])
    t.eq([n for n, _, _ in col], header, "%s: data/index.html lists the "
         "columns of cases.csv in their order" % what)
    bad = []
    for name, ty, meaning in col:
        kind, _ = doctype(ty, lang)
        # A cell that may be unknown (null in cases.json) is empty.
        nullable = any(n == name and doctype(jt, lang)[1]
                       for n, jt, _ in tabs.get("data-json-case", []))
        if kind is None or not meaning or \
                re.match(r"^(col|json|type)_", meaning):
            bad.append("%s: type %r, meaning %r" % (name, ty, meaning))
            continue
        for cid, r in byid.items():
            v = r.get(name, "")
            ok = {"integer": lambda: v == "" or v.isdigit(),
                  "date": lambda: v in ("", MARK[lang]) or DATE.match(v),
                  "boolean": lambda: v in ("true", "false", MARK[lang]) or
                  (nullable and v == "")
                  }.get(kind, lambda: True)()
            if not ok:
                bad.append("%s %s: %r is no %s" % (cid, name, v, kind))
    t.ok(col and not bad, "%s: each column has a type and a meaning, and "
         "its cells are of that type" % what, "\n".join(bad[:20]))

    # cases.json: the file's own fields, and every field of a case, the
    # fields inside its objects and arrays too.
    doc_file = {n: (ty, m) for n, ty, m in tabs.get("data-json-file", [])}
    doc_case = {n: (ty, m) for n, ty, m in tabs.get("data-json-case", [])}
    t.eq(list(doc_file), list(data), "%s: data/index.html lists the fields "
         "of cases.json, in their order" % what)
    keys = []
    for c in cases.values():
        keys += [k for k in c if k not in keys]
    t.ok(keys and all(k in doc_case for k in keys),
         "%s: every field of a case in cases.json is on data/index.html"
         % what, [k for k in keys if k not in doc_case])
    t.ok(all(n in keys for n in doc_case if "." not in n),
         "%s: data/index.html lists no field of a case that cases.json "
         "lacks" % what, [n for n in doc_case if "." not in n and
                          n not in keys])
    bad = []
    values = [(doc_case, n, v) for c in cases.values()
              for n, v in paths(c)] + [(doc_file, n, v)
                                       for n, v in data.items()]
    for docs, name, v in values:
        ty, meaning = docs.get(name, ("", ""))
        kind, null = doctype(ty, lang)
        if kind is None or not meaning or re.match(r"^(col|json|type)_",
                                                   meaning):
            bad.append("%s: type %r, meaning %r" % (name, ty, meaning))
        elif v is None and not null:
            bad.append("%s: null, but documented as %r" % (name, ty))
        elif v is not None and not fits(kind, v):
            bad.append("%s: %r is no %s" % (name, v, kind))
    t.ok(not bad, "%s: every field of cases.json, inner ones too, is on "
         "data/index.html with its type and meaning, and its values are of "
         "that type (null only where it says so)" % what,
         "\n".join(sorted(set(bad))[:20]))

    t.ok("UTF-8" in page and "BOM" in page and MARK[lang] in page and
         "null" in page, "%s: data/index.html states the encoding, the "
         "byte order mark, and how a withheld value appears (null, %s)"
         % (what, MARK[lang]), page[:400])
    return header, byid, cases, page


# ---------------------------------------------------------------------------
# The sample portal, in Chinese, with the default licence.

content = copy_content(os.path.join(work, "content"))
out = os.path.join(work, "site")
r = build(content, out)
t.ok(r.returncode == 0, "the sample portal builds", r.stderr)
header, rows, cases, page = opendata(out, "zh-CN", "sample portal")
t.ok(LICENCE["zh-CN"] in page, "the sample portal's data page states the "
     "default licence", page[:400])
a = run("audit", "-C", content, out)
t.ok(a.returncode == 0, "the sample portal with its summaries in cases.csv "
     "passes the audit", a.stderr)

# ---------------------------------------------------------------------------
# Summaries that redaction changes, none, one like a formula, one with
# CSV's special characters; in English, with the default licence.

RECORD = """---
id: %(id)s
title: 开放数据测试案件%(n)s
status: closed
unit: 澄岚县财政局
category: 改革创新
%(summary)s
subject:
  name: 司马建国
  position: 局长
  phone: "13800001234"
outcome: exempted
factors:
  degree: 工作失误
  motive: 为公
  conditions: 客观条件不具备
  procedure: 经集体决策
  policy: 上级无明令禁止
  consequence: 损失已挽回
procedure:
  - {step: 申请, date: 2024-03-02}
  - {step: 决定, date: 2024-05-10}
third_party_review: false
hearing: false
decided: 2024-05-10
published: 2024-06-01
---
## 基本情况

司马建国在改革试点中出现失误，已及时纠正。
"""
SUMMARIES = {
    "OD-2024-001": "司马建国在试点中出现失误，联系电话13800001234。",
    "OD-2024-002": None,
    "OD-2024-003": "=1+1 不是公式",
    "OD-2024-004": '含有,逗号、"引号"\n和换行',
}


def small(name, language, license=None, withhold=False):
    c = copy_content(os.path.join(work, name), cases=False)
    for n, (cid, s) in enumerate(sorted(SUMMARIES.items())):
        write(os.path.join(c, "cases", "2024", cid + ".md"), RECORD % {
            "id": cid, "n": n + 1,
            "summary": "summary: %s" % json.dumps(s, ensure_ascii=False)
            if s is not None else ""})
    sy = read(os.path.join(c, "site.yaml"))
    sy = sy.replace("language: zh-CN", "language: %s" % language)
    if license is not None:
        sy += "data_license: %s\n" % json.dumps(license, ensure_ascii=False)
    write(os.path.join(c, "site.yaml"), sy)
    if withhold:
        pol = read(os.path.join(c, "policy.yaml"))
        t.ok("\n  summary: keep\n" in pol, "%s: the policy keeps summaries"
             % name)
        write(os.path.join(c, "policy.yaml"), pol.replace(
            "\n  summary: keep\n",
            "\n  summary: {op: withhold, ground: default}\n"))
    o = os.path.join(work, name + "-site")
    r = build(c, o)
    t.ok(r.returncode == 0, "%s builds" % name, r.stderr)
    return c, o


c, o = small("en", "en")
header, rows, cases, page = opendata(o, "en", "English portal")
s1 = (cases.get("OD-2024-001") or {}).get("summary") or ""
t.ok("司马某" in s1 and MARK["en"] in s1 and "司马建国" not in s1 and
     "13800001234" not in s1, "a summary's protected name is its pseudonym "
     "and its withheld phone the marker, in cases.json", s1)
t.eq(rows.get("OD-2024-001", {}).get("summary"), s1,
     "and the same in cases.csv")
t.eq((rows.get("OD-2024-002", {}).get("summary"),
      (cases.get("OD-2024-002") or {}).get("summary", "absent")), ("", None),
     "no summary: an empty cell in cases.csv, null in cases.json")
t.eq((rows.get("OD-2024-003", {}).get("summary"),
      (cases.get("OD-2024-003") or {}).get("summary")),
     ("'=1+1 不是公式", "=1+1 不是公式"), "a summary that begins like a "
     "formula gets the apostrophe in cases.csv, not in cases.json")
t.eq(rows.get("OD-2024-004", {}).get("summary"), SUMMARIES["OD-2024-004"],
     "a summary with a comma, quotes and a line break reads back whole")
t.ok(LICENCE["en"] in page and LICENCE["zh-CN"] not in page,
     "an English portal states the default licence in English", page[:400])
t.ok("Columns of cases.csv" in page and "Summary, as on the case's page"
     in page, "an English portal documents the data in English", page[:400])
a = run("audit", "-C", c, o)
t.ok(a.returncode == 0, "the English portal passes the audit", a.stderr)

# ---------------------------------------------------------------------------
# A policy that withholds summaries, and a licence of site.yaml's.

OWN = "本数据依据知识共享署名 4.0 国际许可协议（CC BY 4.0）提供，转载请注明：澄岚县纪委监委。"
c, o = small("withheld", "zh-CN", license=OWN, withhold=True)
header, rows, cases, page = opendata(o, "zh-CN", "summaries withheld")
t.eq([(cid, rows.get(cid, {}).get("summary"),
       (cases.get(cid) or {}).get("summary", "absent"))
      for cid in sorted(SUMMARIES)],
     [(cid, MARK["zh-CN"] if s is not None else "", None)
      for cid, s in sorted(SUMMARIES.items())],
     "a withheld summary is the marker in cases.csv and null in cases.json; "
     "no summary stays empty")
doc = html5lib.parse(tree(o).get("data/index.html", b""),
                     namespaceHTMLElements=False)
lic = doc.find(".//*[@id='data-license']")
t.eq(text(lic), OWN, "site.yaml's data_license is the licence on "
     "data/index.html")
t.ok(LICENCE["zh-CN"] not in page, "and replaces the default", page[:400])
a = run("audit", "-C", c, o)
t.ok(a.returncode == 0, "a portal with withheld summaries passes the audit",
     a.stderr)

# ---------------------------------------------------------------------------
# data_license in site.yaml: a text; written blank, it is absent (as any
# optional setting is), and the theme's licence stands.

c = copy_content(os.path.join(work, "blank-licence"), cases=False)
sy = read(os.path.join(c, "site.yaml"))
write(os.path.join(c, "site.yaml"), sy + 'data_license: ""\n')
o = os.path.join(work, "blank-licence-site")
r = build(c, o)
page = read(os.path.join(o, "data", "index.html")) if r.returncode == 0 else ""
t.ok(r.returncode == 0 and LICENCE["zh-CN"] in page,
     "a blank data_license is no licence: the theme's stands", r.stderr)
c = copy_content(os.path.join(work, "bad-list"), cases=False)
sy = read(os.path.join(c, "site.yaml"))
write(os.path.join(c, "site.yaml"), sy + "data_license: [a, b]\n")
line = sy.count("\n") + 1
r = run("check", "-C", c)
t.ok(r.returncode == 1 and re.search(
    r"site\.yaml:%d:\d+: error: data_license" % line, r.stderr),
    "disclose check refuses a data_license that is a list, at its line",
    r.stderr)
t.done()
