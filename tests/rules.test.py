"""The declared list of exemptible situations (content/rules.yaml).

On the sample portal: each item's page lists exactly the cases whose
basis names it, with its own feeds; each case page quotes the items it
relied on; data/rules.json is rules.yaml with the counts; the oversight
page and data/oversight.json count each item's cases by unit, as the
test counts them from the records.  Then every validation error of a
basis and of rules.yaml, each with its message and its position, and
basis_required_from turning a missing basis into a warning.
"""
import glob
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET

import yaml

from testlib import TAP, build, copy_content, read, run, tree, write

t = TAP()
content = copy_content()
out = os.path.join(os.path.dirname(content), "site")
r = build(content, out)
t.ok(r.returncode == 0, "the sample portal builds with its rules.yaml",
     r.stderr)

rules = yaml.safe_load(read(os.path.join(content, "rules.yaml")))
records = {}
for f in glob.glob(os.path.join(content, "cases", "*", "*.md")):
    fm = yaml.safe_load(read(f).split("\n---\n", 1)[0].lstrip("-\n"))
    records[fm["id"]] = fm
closed = {i: fm for i, fm in records.items() if fm["status"] == "closed"
          and str(fm["published"]) <= "2026-11-25"}
units = {u["name"]: u["slug"] for u in
         yaml.safe_load(read(os.path.join(content, "site.yaml")))["units"]}

# --- Each item's page and feeds -----------------------------------------
bad = []
for it in rules["items"]:
    n = it["number"]
    want = sorted(i for i, fm in closed.items() if n in fm.get("basis", []))
    page = read(os.path.join(out, "rules", str(n), "index.html"))
    got = sorted(set(re.findall(r'href="\.\./\.\./cases/([^/]+)/index\.html"',
                                page)))
    if got != want or it["text"] not in page:
        bad.append((n, got, want))
    feed = os.path.join(out, "rules", str(n), "feed.xml")
    if want:
        links = sorted(l.rstrip("/").rsplit("/", 1)[1] for l in (
            e.text for e in ET.parse(feed).getroot().iter("link"))
            if "/cases/" in l)
        if sorted(set(links)) != want or not os.path.exists(
                os.path.join(out, "rules", str(n), "atom.xml")):
            bad.append((n, "feed", links, want))
    elif os.path.exists(feed):
        bad.append((n, "a feed of no case"))
t.ok(not bad, "each item's page (%d) lists the cases whose basis names it, "
     "quotes the item, and has feeds of those cases" % len(rules["items"]),
     bad[:3])
t.ok(all(re.search(r'rules/%d/feed\.xml' % it["number"],
                   read(os.path.join(out, "feeds.opml"))) for it in
         rules["items"] if any(it["number"] in fm.get("basis", [])
                               for fm in closed.values())),
     "feeds.opml lists the feed of every item relied on")

# --- Case pages quote their basis ---------------------------------------
bad = []
items = {it["number"]: it for it in rules["items"]}
for i, fm in closed.items():
    page = read(os.path.join(out, "cases", i, "index.html"))
    sec = re.search(r'<section class="basis".*?</section>', page, re.S)
    for n in fm.get("basis", []):
        if not sec or items[n]["text"] not in sec.group(0) or \
                items[n]["source"] not in sec.group(0) or \
                'href="../../rules/%d/index.html"' % n not in sec.group(0):
            bad.append((i, n))
    if not fm.get("basis") and sec:
        bad.append((i, "a basis section of nothing"))
t.ok(not bad, "each case page quotes the items it relied on, with their "
     "sources and links (%d cases with a basis)" %
     sum(1 for fm in closed.values() if fm.get("basis")), bad[:5])

# --- rules.json, the rules page, oversight ------------------------------
rj = json.load(open(os.path.join(out, "data", "rules.json"),
                    encoding="utf-8"))
want = [{"number": it["number"], "text": it["text"], "source": it["source"],
         "valid_from": str(it["valid_from"]),
         "valid_to": str(it["valid_to"]) if it.get("valid_to") else None,
         "cases": sum(1 for fm in closed.values()
                      if it["number"] in fm.get("basis", [])),
         "url": "https://rczc.example.gov.cn/rules/%d/" % it["number"]}
        for it in rules["items"]]
t.eq(rj["items"], want, "data/rules.json: every item, its source, dates, "
     "cases and page")
t.eq(rj["red_lines"], rules["red_lines"], "data/rules.json: the red lines")
rp = read(os.path.join(out, "rules", "index.html"))
t.ok(all(l["text"] in rp for l in rules["red_lines"]) and
     all(it["source"] in rp for it in rules["items"]),
     "rules/ shows every item with its source, and the red lines")
ov = json.load(open(os.path.join(out, "data", "oversight.json"),
                    encoding="utf-8"))
bad = []
for it, got in zip(rules["items"], ov["items"]):
    by = {}
    for fm in closed.values():
        if it["number"] in fm.get("basis", []):
            by[units[fm["unit"]]] = by.get(units[fm["unit"]], 0) + 1
    if got["number"] != it["number"] or \
            {u["slug"]: u["cases"] for u in got["units"]} != by:
        bad.append((it["number"], got, by))
t.ok(not bad and len(ov["items"]) == len(rules["items"]),
     "oversight.json: each item's cases by unit", bad[:2])
op = read(os.path.join(out, "oversight", "index.html"))
t.ok('href="../rules/index.html"' in op and all(
    'href="../rules/%d/index.html"' % it["number"] in op
    for it in rules["items"]), "the oversight page links the list and "
     "each item's page")
cj = json.load(open(os.path.join(out, "data", "cases.json"),
                    encoding="utf-8"))["cases"]
t.ok(all(c["basis"] == closed[c["id"]].get("basis", []) for c in cj
         if c["id"] in closed),
     "cases.json: each case's basis, as its record says")

# --- An edit of rules.yaml, incrementally -------------------------------
rpath = os.path.join(content, "rules.yaml")
before = read(rpath)
write(rpath, before.replace(rules["items"][2]["text"],
                            rules["items"][2]["text"] + "（修订）", 1))
r = build(content, out)
clean = os.path.join(os.path.dirname(content), "clean")
shutil.copytree(content, os.path.join(clean, "content"))
r2 = build(os.path.join(clean, "content"), os.path.join(clean, "site"))
t.ok(r.returncode == 0 and r2.returncode == 0 and
     tree(out) == tree(os.path.join(clean, "site")) and
     "（修订）" in read(os.path.join(out, "rules", "3", "index.html")),
     "an item's text edited: the rebuild is the portal of a clean build",
     r.stderr + r2.stderr)
write(rpath, before)
r = build(content, out)

def at(text, needle, nth=0):
    """(line, column) of the nth needle in text, 1-based, columns in
    characters."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    line = text.count("\n", 0, i) + 1
    return line, i - (text.rfind("\n", 0, i) + 1) + 1


# --- A policy that withholds the basis ---------------------------------
# Only keep and withhold apply.  Withheld, a basis is shown as withheld
# and lists its case on no item's page, but its numbers are those of a
# public list, not secrets: the text keeps them.
ppath = os.path.join(content, "policy.yaml")
pol = read(ppath)
write(ppath, pol.replace("  basis[]: keep\n", "  basis[]: {op: mask, first: "
                         "1, last: 0, ground: default}\n", 1))
rr = run("check", "-C", content)
line, col = at(read(ppath), "{op: mask")
t.ok(rr.returncode == 1 and re.search(
    r"policy\.yaml:%d:\d+: error: .*basis\[\]: the items of a basis can only "
    r"be kept or withheld" % line, rr.stderr),
     "policy: basis[] masked is an error at its rule", rr.stderr)
write(ppath, pol.replace("  basis[]: keep\n", "", 1))
out3 = out + "3"
r = build(content, out3)
t.ok(re.search(r"policy\.yaml:1:1: warning: fields: basis\[\] is not named, "
               r"so the items of rules\.yaml each case relied on are "
               r"withheld", r.stderr),
     "a policy that does not name basis[] is warned of", r.stderr)
two = [(i, fm) for i, fm in closed.items()
       if any(n >= 10 for n in fm.get("basis", []))]
kept = []
for i, fm in two:
    body = read(glob.glob(os.path.join(content, "cases", "*", i + ".md"))[0]
                ).split("\n---\n", 1)[1]
    page = read(os.path.join(out3, "cases", i, "index.html"))
    for n in fm["basis"]:
        if str(n) in body:
            kept.append(str(n) in page.split('class="body"')[-1])
withheld = []
for i, fm in closed.items():
    page = read(os.path.join(out3, "cases", i, "index.html"))
    sec = re.search(r'<section class="basis".*?</section>', page, re.S)
    withheld.append(not fm.get("basis") or (
        sec is not None and "rules/" not in sec.group(0)))
cj3 = json.load(open(os.path.join(out3, "data", "cases.json"),
                     encoding="utf-8"))["cases"]
t.ok(r.returncode == 0 and all(withheld) and kept and all(kept) and
     all(c["basis"] == [None] * len(closed[c["id"]].get("basis", []))
         for c in cj3 if c["id"] in closed) and
     not re.search(r'href="\.\./\.\./cases/[A-Z]',
                   read(os.path.join(out3, "rules", "1", "index.html"))),
     "a policy that does not name basis[] withholds it: no item is shown or "
     "linked, cases.json says null, no item's page lists a case, and the "
     "numbers stay in the text (%d of %d)" % (sum(kept), len(kept)),
     r.stderr)
write(ppath, pol)

# --- Validation of a basis ----------------------------------------------
src = os.path.join(content, "cases", "2024", "CL-2024-001.md")
orig = read(src)
decided = str(records["CL-2024-001"]["decided"])


def check(text, want, name, warn=False, rules_text=None, site_extra=""):
    """Build with the record's text; want is (regex of the message,
    line, column) in CL-2024-001.md, or in rules.yaml with rules_text."""
    write(src, text)
    rpath = os.path.join(content, "rules.yaml")
    keep = read(rpath)
    spath = os.path.join(content, "site.yaml")
    site = read(spath)
    if rules_text is not None:
        write(rpath, rules_text)
    write(spath, site + site_extra)
    try:
        rr = run("check", "-C", content)
    finally:
        write(src, orig)
        write(rpath, keep)
        write(spath, site)
    msg, line, col = want
    where = "rules.yaml" if rules_text is not None else "CL-2024-001.md"
    kind = "warning" if warn else "error"
    pat = r"%s:%d:%d: %s: %s" % (re.escape(where), line, col, kind, msg)
    t.ok((rr.returncode == 0) == warn and re.search(pat, rr.stderr),
         name, "want %s\n%s" % (pat, rr.stderr))


base = re.search(r"(?m)^basis: \[.*\]$", orig).group(0)
txt = orig.replace(base, "basis: [1, 99]")
check(txt, (r"basis\[2\]: rules\.yaml has no item 99",) + at(txt, "99]"),
      "an unknown item: error at the item")
txt = orig.replace(base, "basis: [1, 1]")
check(txt, (r"basis\[2\]: item 1 is named twice",) + at(txt, "1]"),
      "an item named twice: error at the second")
txt = orig.replace(base, "basis: [第一项]")
check(txt, (r'basis\[1\]: expected the number of an item of rules\.yaml, '
            r'got "第一项"',) + at(txt, "第一项"),
      "an item that is no number: error at it")
txt = orig.replace(base + "\n", "")
check(txt, (r"outcome: an exempted case names the items of rules\.yaml it "
            r"relied on",) + at(txt, "exempted", 0),
      "an exemption without a basis: error at its outcome")
check(txt, (r"outcome: an exempted case names the items of rules\.yaml it "
            r"relied on .*basis_required_from",) + at(txt, "exempted", 0),
      "an exemption without a basis decided before basis_required_from: "
      "a warning, and the record is published", warn=True,
      site_extra="basis_required_from: 2025-01-01\n")
txt = orig.replace("outcome: exempted", "outcome: accountable")
check(txt, (r"basis: a case held accountable relies on no exemptible "
            r"situation",) + at(txt, "basis:"),
      "a basis on a case held accountable: error at its key")

# The item's own dates, in rules.yaml: not yet valid, no longer valid.
rtext = read(os.path.join(content, "rules.yaml"))
cur = orig.replace(base, "basis: [1]")
for dates, msg, name in (
        ("valid_from: 2025-01-01", "is valid from 2025-01-01, after",
         "an item not yet valid on the decision date"),
        ("valid_from: 2021-07-01\n    valid_to: 2022-12-31",
         "was valid until 2022-12-31, before", "an item no longer valid "
         "on the decision date")):
    write(src, cur)
    write(os.path.join(content, "rules.yaml"), rtext.replace(
        "valid_from: 2021-07-01", dates, 1))
    rr = run("check", "-C", content)
    write(os.path.join(content, "rules.yaml"), rtext)
    write(src, orig)
    line, col = at(cur, "1]")
    t.ok(rr.returncode == 1 and re.search(
        r"CL-2024-001\.md:%d:%d: error: basis\[1\]: item 1 of rules\.yaml "
        r"%s the decision of %s" % (line, col, msg, decided), rr.stderr),
         "%s: error at the item" % name, rr.stderr)

# --- rules.yaml itself ---------------------------------------------------
one = ("items:\n  - number: 1\n    text: 先行先试出现探索性失误的\n"
       "    source: 《某办法》第八条\n    valid_from: 2021-07-01\n")
for text, (msg, needle, nth), name in (
        (one + "  - number: 1\n    text: 又一项\n    source: 同上\n"
         "    valid_from: 2021-07-01\n",
         (r"items\[2\]\.number: item 1 is numbered twice",
          "1\n    text: 又一项", 0),
         "two items of one number"),
        (one.replace("    source: 《某办法》第八条\n", ""),
         (r'missing required field "source"', "number", 0),
         "an item without its source"),
        (one + "    valid_to: 2020-01-01\n",
         (r"items\[1\]\.valid_to: 2020-01-01 is before valid_from, "
          r"2021-07-01", "2020-01-01", 0),
         "an item that ends before it begins"),
        (one.replace("valid_from: 2021-07-01", "valid_from: 七月"),
         (r'items\[1\]\.valid_from: expected a date such as 2024-01-01, '
          r'got "七月"', "七月", 0), "a date that is no date"),
        (one + "    article: 8\n", (r"items\[1\].*article", "article", 0),
         "an unknown key"),
        (one.replace("number: 1", "number: one"),
         (r'items\[1\]\.number: expected a number from 1 to 9999, got "one"',
          "one", 0), "a number that is no number")):
    check(orig, (msg,) + at(text, needle, nth),
          "rules.yaml: %s is an error at its place" % name, rules_text=text)

# --- No rules.yaml --------------------------------------------------------
os.unlink(os.path.join(content, "rules.yaml"))
rr = run("check", "-C", content)
t.ok(rr.returncode == 1 and re.search(
    r"CL-2024-001\.md:%d:1: error: basis: the portal declares no list" %
    at(orig, "basis:")[0], rr.stderr),
     "a basis without rules.yaml is an error at its key", rr.stderr)
for f in glob.glob(os.path.join(content, "cases", "*", "*.md")):
    write(f, re.sub(r"(?m)^basis: \[.*\]\n", "", read(f)))
out2 = out + "2"
r = build(content, out2)
t.ok(r.returncode == 0 and not os.path.exists(os.path.join(out2, "rules"))
     and not os.path.exists(os.path.join(out2, "data", "rules.json")) and
     'rules/index.html' not in read(os.path.join(out2, "map",
                                                 "index.html")),
     "without rules.yaml nor bases: the portal builds, with no list",
     r.stderr)

t.done()
