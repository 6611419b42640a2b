"""Oversight: oversight/ and data/oversight.json and .csv on a fixture
portal whose shares, durations and flags the test computes itself.

Fisher's exact test is computed here in exact fractions (math.comb), and
Holm's correction from its definition, independently of the generator;
the medians, 90th percentiles, limits and shares from the fixture's own
dates and values.  Then: the page shows the same figures and flags, is
linked from every page's navigation and from stats/, names no person,
and site.yaml's time_limits is checked with file:line:col errors.
"""
import csv
import datetime
import io
import json
import os
import random
import re
from fractions import Fraction
from math import comb

import html5lib

from testlib import TAP, build, copy_content, read, write

t = TAP()

UNITS = {
    # slug: (name, [outcome per case])
    "qingshi": ("澄岚县青石镇人民政府", ["exempted"] * 15 + ["mitigated"]),
    "caizheng": ("澄岚县财政局", ["exempted"] * 2 + ["mitigated"] * 6 +
                 ["accountable"] * 5),
    "jiaoyu": ("澄岚县教育局", ["exempted"] * 4 + ["mitigated"] * 2 +
               ["accountable"] * 3),
    "fagai": ("澄岚县发展和改革局", ["exempted"] * 4),
    "liuxi": ("澄岚县柳溪乡人民政府", ["exempted"] * 2 + ["mitigated"] * 2 +
              ["accountable"]),
}
LIMIT_DECISION, LIMIT_PUBLICATION = 60, 30
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜"


def fisher(a, b, c, d):
    """Two-sided p of the table (a b / c d), in exact fractions."""
    n1, k, n = a + b, a + c, a + b + c + d
    den = comb(n, n1)

    def pr(x):
        return Fraction(comb(k, x) * comb(n - k, n1 - x), den)
    p0 = pr(a)
    return float(sum(pr(x) for x in range(max(0, n1 + k - n),
                                          min(k, n1) + 1) if pr(x) <= p0))


def holm(ps):
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    adj, run_max = [0.0] * len(ps), 0.0
    for rank, i in enumerate(order):
        run_max = max(run_max, min(1.0, (len(ps) - rank) * ps[i]))
        adj[i] = run_max
    return adj


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2] + 1) // 2


def p90(v):
    v = sorted(v)
    k = -(-9 * len(v) // 10)            # the nearest rank, ceil(0.9 n)
    return v[k - 1]


def close(x, y):
    return x is not None and abs(x - y) <= 1e-6 * max(1.0, abs(y))


# --- The fixture ----------------------------------------------------------
rng = random.Random(20261201)
content = copy_content(cases=False)
site = re.sub(r"(?m)^time_limits:.*\n(?:[ #].*\n)*", "",
              read(os.path.join(content, "site.yaml")))
write(os.path.join(content, "site.yaml"), site + "time_limits:\n"
      "  decision: %d\n  publication: %d\n" % (LIMIT_DECISION,
                                              LIMIT_PUBLICATION))
cases = []          # dicts of what each case is
people = []
n = 0
for slug, (unit, outcomes) in UNITS.items():
    for oc in outcomes:
        n += 1
        year = 2022 + n % 4
        start = datetime.date(year, 1, 1) + datetime.timedelta(
            days=rng.randrange(0, 150))
        dd = rng.randrange(20, 95)
        pd = rng.randrange(5, 45)
        decided = start + datetime.timedelta(days=dd)
        published = decided + datetime.timedelta(days=pd)
        hearing = rng.random() < 0.3
        review = rng.random() < 0.4
        name = SURNAMES[n % len(SURNAMES)] + "建" + "国民华明强"[n % 5]
        people.append(name)
        cid = "OV-%d-%03d" % (year, n)
        cases.append(dict(id=cid, slug=slug, outcome=oc, year=decided.year,
                          dd=dd, pd=pd, hearing=hearing, review=review))
        write(os.path.join(content, "cases", str(year), cid + ".md"), """---
id: %s
title: 测试单位第%d件容错案
status: closed
unit: %s
category: 改革创新
summary: 第%d件测试案件的处理结果。
subject:
  name: %s
  position: 科员
outcome: %s
factors:
  degree: 工作失误
  motive: 为公
  conditions: 客观条件不具备
  procedure: 经集体决策
  policy: 上级无明令禁止
  consequence: 损失已挽回
procedure:
  - {step: 申请, date: %s}
  - {step: 决定, date: %s}
third_party_review: %s
hearing: %s
decided: %s
published: %s
---
## 基本情况

%s在推进工作中出现失误，经调查核实，依规作出处理。
""" % (cid, n, unit, n, name, oc, start, decided,
            "true" if review else "false", "true" if hearing else "false",
            decided, published, name))

out = os.path.join(os.path.dirname(content), "site")
r = build(content, out)
t.ok(r.returncode == 0, "the fixture portal builds (%d cases)" % len(cases),
     r.stderr)
data = json.load(open(os.path.join(out, "data", "oversight.json"),
                      encoding="utf-8"))
page = read(os.path.join(out, "oversight", "index.html"))

# --- Shares, tests and flags ----------------------------------------------
total = len(cases)
ex_all = sum(c["outcome"] == "exempted" for c in cases)
t.eq((data["portal"]["cases"], data["portal"]["exempted"]), (total, ex_all),
     "the portal's cases and exemptions")
units = {u["slug"]: u for u in data["units"]}
want_p, tested = {}, []
for slug, (unit, ocs) in UNITS.items():
    a = ocs.count("exempted")
    b = len(ocs) - a
    if len(ocs) >= 5:
        want_p[slug] = fisher(a, b, ex_all - a, total - len(ocs) - (ex_all -
                                                                    a))
        tested.append(slug)
adj = dict(zip(tested, holm([want_p[s] for s in tested])))
flags = {}
for slug, (unit, ocs) in UNITS.items():
    u = units.get(slug, {})
    t.eq([u.get(k) for k in ("cases", "exempted", "mitigated",
                             "accountable")],
         [len(ocs), ocs.count("exempted"), ocs.count("mitigated"),
          ocs.count("accountable")], "%s: cases per outcome" % slug)
    if slug not in want_p:
        t.ok(u.get("tested") is False and u.get("p") is None and
             u.get("flag") is None, "%s: %d cases, fewer than 5: not "
             "tested" % (slug, len(ocs)), u)
        continue
    t.ok(u.get("tested") is True and close(u.get("p"), want_p[slug]),
         "%s: Fisher's exact test, two-sided: p = %.6g (want %.6g)" %
         (slug, u.get("p") or -1, want_p[slug]))
    t.ok(close(u.get("p_adjusted"), adj[slug]),
         "%s: Holm's correction over %d units: %.6g (want %.6g)" %
         (slug, len(tested), u.get("p_adjusted") or -1, adj[slug]))
    share = ocs.count("exempted") / len(ocs)
    rest = (ex_all - ocs.count("exempted")) / (total - len(ocs))
    flags[slug] = None if adj[slug] >= 0.05 else \
        "higher" if share > rest else "lower"
    t.eq(u.get("flag"), flags[slug], "%s: flag %s" % (slug, flags[slug]))
t.ok("higher" in flags.values() and None in flags.values(),
     "the fixture has a unit flagged above the rest and a unit not "
     "flagged (%s)" % flags)

# The page: each unit's row says what the figures say.
rows = {}
for m in re.finditer(r'<tr( class="flag-(\w+)")?><th scope="row"><a '
                     r'href="\.\./units/(\w+)/index\.html">[^<]*</a></th>'
                     r'(.*?)</tr>', page.split('id="h-days"')[0]):
    rows[m.group(3)] = (m.group(2), m.group(4))
for slug, (unit, ocs) in UNITS.items():
    fl, cells = rows.get(slug, ("?", ""))
    share = "%.1f%%" % (100 * ocs.count("exempted") / len(ocs))
    text = {None: "无明显差异", "higher": "明显高于", "lower": "明显低于"}
    want = "不作检验" if slug not in want_p else text[flags[slug]]
    t.ok(fl == flags.get(slug) and share in cells and want in cells,
         "the page, %s: %s exempted, \"%s\"" % (slug, share, want), cells)
t.ok("费希尔精确检验" in page and "霍尔姆" in page and "0.05" in page,
     "the page explains the method: Fisher's exact test, Holm, 0.05")

# --- Durations and limits -------------------------------------------------
def groups(key):
    g = {}
    for c in cases:
        g.setdefault(c[key], []).append(c)
    return g


for key, field in (("slug", "units"), ("year", "years")):
    got = {str(u["slug"]): u for u in data[field]}
    for k, cs in groups(key).items():
        u = got.get(str(k), {})
        for kind, f, lim in (("days_to_decision", "dd", LIMIT_DECISION),
                             ("days_to_publication", "pd",
                              LIMIT_PUBLICATION)):
            v = [c[f] for c in cs]
            t.eq(u.get(kind), {"cases": len(v), "median": median(v),
                               "p90": p90(v), "beyond_limit":
                               sum(x > lim for x in v)},
                 "%s %s: %s" % (field, k, kind))
        t.eq((u.get("hearing"), u.get("third_party_review")),
             ({"cases": len(cs), "yes": sum(c["hearing"] for c in cs)},
              {"cases": len(cs), "yes": sum(c["review"] for c in cs)}),
             "%s %s: hearings and third-party reviews" % (field, k))
late = sorted(c["id"] for c in cases if c["dd"] > LIMIT_DECISION or
              c["pd"] > LIMIT_PUBLICATION)
t.eq(sorted(x["id"] for x in data["beyond_limits"]), late,
     "the cases beyond a limit (%d)" % len(late))
t.eq(data["time_limits"], {"decision": LIMIT_DECISION,
                           "publication": LIMIT_PUBLICATION},
     "the limits, as site.yaml gives them")
late_rows = re.findall(r'<tr><th scope="row"><a href="\.\./cases/([^/]+)/'
                       r'index\.html">[^<]*</a></th>(.*?)</tr>', page)
t.ok(sorted(i for i, _ in late_rows) == late and all(
    "超时" in cells for _, cells in late_rows),
     "the page lists the cases beyond a limit, each marked 超时",
     late_rows[:3])

# Each case's page shows its durations, marked where beyond a limit, and
# the open data says the same.
cj = {c["id"]: c for c in json.load(open(os.path.join(
    out, "data", "cases.json"), encoding="utf-8"))["cases"]}
bad = []
for c in cases:
    cp = read(os.path.join(out, "cases", c["id"], "index.html"))
    m = re.search(r"<dt>办理时长</dt><dd>(.*?)</dd>", cp)
    want = "申请至决定\u2002%d日%s；决定至公开\u2002%d日%s" % (
        c["dd"], " <strong class=\"late\">超过规定时限（%d日）</strong>" %
        LIMIT_DECISION if c["dd"] > LIMIT_DECISION else "", c["pd"],
        " <strong class=\"late\">超过规定时限（%d日）</strong>" %
        LIMIT_PUBLICATION if c["pd"] > LIMIT_PUBLICATION else "")
    o = cj.get(c["id"], {})
    if not m or m.group(1) != want or \
            o.get("days_to_decision") != c["dd"] or \
            o.get("days_to_publication") != c["pd"] or \
            o.get("beyond_decision_limit") != (c["dd"] > LIMIT_DECISION) or \
            o.get("beyond_publication_limit") != (c["pd"] >
                                                  LIMIT_PUBLICATION):
        bad.append((c["id"], m and m.group(1), want))
t.ok(not bad, "each case page shows its days, marked 超过规定时限 where "
     "beyond a limit, as cases.json does (%d cases)" % len(cases), bad[:3])

# --- The CSV carries the JSON's figures -----------------------------------
raw = open(os.path.join(out, "data", "oversight.csv"), "rb").read()
rowsv = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
t.ok(raw.startswith(b"\xef\xbb\xbf") and len(rowsv) == 1 +
     len(data["units"]) + len(data["years"]),
     "oversight.csv: a byte order mark, a row for the portal, each unit "
     "and each year")
ok = True
for row in rowsv:
    src = data["portal"] if row["scope"] == "portal" else \
        {str(u["slug"]): u for u in data[row["scope"] + "s"]}[row["slug"]]
    ok = ok and int(row["cases"]) == src["cases"] and \
        int(row["exempted"]) == src["exempted"] and \
        int(row["decision_p90"] or -1) == (src["days_to_decision"]["p90"]
                                           or -1) and \
        (row["p_adjusted"] == "" if src.get("p_adjusted") is None else
         close(float(row["p_adjusted"]), src["p_adjusted"])) and \
        row["flag"] == (src.get("flag") or "")
t.ok(ok, "oversight.csv: each row's figures are oversight.json's")

# --- No person, valid HTML, linked everywhere -----------------------------
named = [p for p in people if p in page or p in raw.decode("utf-8-sig") or
         p in json.dumps(data, ensure_ascii=False)]
t.ok(not named, "no person is named on the page or in its data", named[:3])
try:
    html5lib.HTMLParser(strict=True).parse(page)
    t.ok(True, "oversight/index.html is valid HTML (html5lib, strict)")
except Exception as e:
    t.ok(False, "oversight/index.html is valid HTML (html5lib, strict)", e)
t.ok(page.count("<svg") >= 4 and "<table" in page,
     "the page has its charts (inline SVG) and tables")
missing = []
for d, _, files in os.walk(out):
    for f in files:
        if f.endswith(".html"):
            p = os.path.join(d, f)
            rel = os.path.relpath(out, d)
            href = ("" if rel == "." else rel + "/") + \
                "oversight/index.html"
            text = read(p)
            if 'href="%s"' % href not in text and \
                    'href="https://rczc.example.gov.cn/oversight/' \
                    'index.html"' not in text:
                missing.append(os.path.relpath(p, out))
t.ok(not missing, "every page links oversight/index.html from its "
     "navigation", missing[:5])
t.ok('href="../oversight/index.html"' in
     read(os.path.join(out, "stats", "index.html")),
     "stats/ links to oversight/")
docs = read(os.path.join(out, "data", "index.html"))
t.ok("oversight.json" in docs and "oversight.csv" in docs,
     "data/index.html documents oversight.json and oversight.csv")

# --- No limits set ---------------------------------------------------------
write(os.path.join(content, "site.yaml"), site)
out3 = out + "3"
r = build(content, out3)
d3 = json.load(open(os.path.join(out3, "data", "oversight.json"),
                    encoding="utf-8"))
p3 = read(os.path.join(out3, "oversight", "index.html"))
c3 = json.load(open(os.path.join(out3, "data", "cases.json"),
                    encoding="utf-8"))["cases"]
t.ok(r.returncode == 0 and d3["time_limits"] == {"decision": None,
                                                   "publication": None} and
     d3["beyond_limits"] == [] and "本门户未规定办理时限" in p3 and
     "超时" not in p3 and all(c["beyond_decision_limit"] is None and
                            c["beyond_publication_limit"] is None
                            for c in c3) and
     d3["units"] == [dict(u, days_to_decision=dict(
         u["days_to_decision"], beyond_limit=0), days_to_publication=dict(
         u["days_to_publication"], beyond_limit=0)) for u in data["units"]],
     "without time_limits: no case is beyond a limit, the page says there "
     "is none, and every other figure is as before", r.stderr)

# --- site.yaml's time_limits ----------------------------------------------
for text, want in (
        ("time_limits:\n  decision: soon\n",
         r"site\.yaml:%d:13: error: decision: expected a number"),
        ("time_limits:\n  decision: 30\n  deadline: 3\n",
         r"site\.yaml:%d:3: error: .*deadline"),
        ("time_limits: 30\n", r"site\.yaml:%d:\d+: error: time_limits: "
         r"expected a mapping")):
    write(os.path.join(content, "site.yaml"), site + text)
    line = site.count("\n") + 1 + (text.count("\n") - 1 if "deadline" in
                                   text else 1 if "soon" in text else 0)
    r = build(content, out + "2")
    t.ok(r.returncode == 1 and re.search(want % line, r.stderr) and
         not os.path.exists(out + "2"),
         "time_limits: %r is refused with its position" % text.strip(),
         r.stderr)

t.done()
