"""The legal ground of every withheld, pseudonymized or masked item of a
case page is a numbered note of the page's notice, which a link from the
item reaches (no hovering): equal grounds share a number, the numbers run
1..k in the order the page first refers to them, each note holds only the
ground's public text and links back.  No page links to a note (or any
other fragment) it lacks; listings and feeds keep their markers plain.
Checked on the sample portal in Chinese, in English and for the internal
audience, and on a case whose first withheld item is not on the policy's
first ground.
"""
import csv
import os
import re

import html5lib
import yaml

from testlib import CONTENT, TAP, build, copy_content, read, run, tmpdir, write

t = TAP()
work = tmpdir()

# A case whose title repeats its third party's phone: its first reference
# (in the heading) is to the third party's ground, listed after privacy in
# policy.yaml, and its subject's items come after it.
ORDER_CASE = """---
id: GR-2024-001
title: 溪口镇茶园合作社（联系电话13800007801）土地流转容错案
status: closed
unit: 澄岚县青石镇人民政府
category: 乡村振兴
summary: 茶园流转合同条款疏漏致租金纠纷，经认定属探索性失误，减轻处理。
subject:
  name: 司马青云
  position: 溪口镇副镇长
  phone: "13900001234"
  address: 澄岚县溪口镇幸福路8号
third_parties:
  - name: 澄岚县溪口茶园专业合作社
    phone: "13800007801"
outcome: mitigated
basis: [10]
factors:
  degree: 工作失误
  motive: 为公
  conditions: 合同范本缺少租金调整条款
  procedure: 经镇党委会集体研究
  policy: 符合盘活闲置茶园政策导向
  consequence: 已补签协议
procedure:
  - {step: 申请, date: 2024-01-10}
  - {step: 决定, date: 2024-03-01}
third_party_review: false
hearing: false
decided: 2024-03-01
published: 2024-04-01
---
司马青云牵头推进茶园流转。合作社（电话13800007801）对租金提出异议。
"""

POLICY = yaml.safe_load(read(os.path.join(CONTENT, "policy.yaml")))
GROUND_TEXTS = set(POLICY["grounds"].values())
STRINGS = yaml.safe_load(read(os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "..", "templates", "strings.yaml")))


def portal(lang, audience="public"):
    content = copy_content(os.path.join(work, lang, "content"))
    write(os.path.join(content, "cases", "2024", "GR-2024-001.md"),
          ORDER_CASE)
    if lang == "en":
        p = os.path.join(content, "site.yaml")
        write(p, re.sub(r"(?m)^language:.*\n", "", read(p)) +
              "language: en\n")
    site = os.path.join(work, lang, "site")
    report = os.path.join(work, lang, "report.csv")
    r = build(content, site, "--report", report, "-a", audience)
    t.ok(r.returncode == 0, "%s: the sample and GR-2024-001 build" % lang,
         r.stderr[-2000:])
    rows = []
    if os.path.exists(report):
        with open(report, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    return site, rows


def classes(el):
    return (el.get("class") or "").split()


def text(el):
    return "".join(el.itertext())


def visible(el):
    """The text of el but for what only screen readers get (.vh)."""
    s = el.text or ""
    for c in el:
        if "vh" not in classes(c):
            s += visible(c)
        s += c.tail or ""
    return s


def pages(site):
    for d, _, files in os.walk(site):
        for f in files:
            yield os.path.relpath(os.path.join(d, f), site)


def fragments(doc):
    """(ids with their counts, hrefs to fragments, ARIA id references)."""
    ids, hrefs, arias = {}, [], []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("id") is not None:
            ids[el.get("id")] = ids.get(el.get("id"), 0) + 1
        h = el.get("href")
        if el.tag == "a" and h is not None and h.startswith("#") and h != "#":
            hrefs.append(h[1:])
        for a in ("aria-describedby", "aria-labelledby", "aria-controls"):
            arias.extend((el.get(a) or "").split())
    return ids, hrefs, arias


def markers(doc):
    """[(marker, its reference <a> or None, inside a link)] in page order:
    each withheld span and each pseudonymized, masked or generalized
    value, with the reference that follows it."""
    parent = {c: p for p in doc.iter() for c in p}
    out = []
    for el in doc.iter():
        if not isinstance(el.tag, str) or not (
                "withheld" in classes(el) or "changed" in classes(el)):
            continue
        inlink, p = False, parent.get(el)
        while p is not None:
            inlink = inlink or p.tag == "a"
            p = parent.get(p)
        sib = list(parent[el])
        nxt = sib[sib.index(el) + 1] if sib.index(el) + 1 < len(sib) else None
        ref = None
        if nxt is not None and nxt.tag == "sup" and "ref" in classes(nxt):
            links = [a for a in nxt.iter("a")]
            ref = links[0] if links else None
        out.append((el, ref, inlink))
    return out


def notes(doc):
    """{number: (li, text of its ground, count)} of the notice."""
    out = {}
    for li in doc.iter("li"):
        m = re.fullmatch(r"ground-(\d+)", li.get("id") or "")
        if not m:
            continue
        span = [s for s in li.iter("span")
                if s.get("id") == "ground-%s-text" % m.group(1)]
        out[int(m.group(1))] = (li, text(span[0]) if span else None,
                                int(re.search(r"(\d+)", text(li)[
                                    len(text(span[0])) if span else 0:])
                                    .group(1)))
    return out


def check(lang, site, rows):
    L = STRINGS["en" if lang.startswith("en") else "zh-CN"]
    broken, stray, dup = [], [], []
    case_pages = 0
    for rel in pages(site):
        data = open(os.path.join(site, rel), "rb").read()
        if not rel.endswith(".html"):
            if b"ground-ref-" in data or b"#ground-" in data:
                stray.append(rel)
            continue
        doc = html5lib.parse(data, namespaceHTMLElements=False)
        ids, hrefs, arias = fragments(doc)
        dup += ["%s: id %s twice" % (rel, i) for i, n in ids.items() if n > 1]
        broken += ["%s: #%s" % (rel, h) for h in hrefs + arias
                   if h not in ids]
        if re.fullmatch(r"cases/[^/]+/index\.html", rel):
            case_pages += 1
            check_case(lang, L, rel, doc, rows)
        elif any("ref" in classes(s) for s in doc.iter("sup")):
            stray.append(rel)
    t.ok(case_pages > 40, "%s: %d case pages checked" % (lang, case_pages))
    t.ok(not broken, "%s: every link to a fragment, every aria-describedby "
         "and aria-labelledby, finds its id on the same page" % lang,
         "\n".join(broken[:20]))
    t.ok(not dup, "%s: no id is used twice on a page" % lang,
         "\n".join(dup[:20]))
    t.ok(not stray, "%s: listings, feeds and data refer to no note: their "
         "markers are plain" % lang, "\n".join(stray[:20]))


problems = {}


def problem(lang, kind, msg):
    problems.setdefault((lang, kind), []).append(msg)


def check_case(lang, L, rel, doc, rows):
    cid = rel.split("/")[1]
    ms = markers(doc)
    ns = notes(doc)
    firsts = []
    by_number = {}
    for el, ref, inlink in ms:
        ground = el.get("title")
        if inlink:
            if ref is not None:
                problem(lang, "nested", "%s: a reference inside a link"
                        % cid)
            continue
        if ref is None:
            problem(lang, "ref", "%s: %r has no reference to a note"
                    % (cid, text(el)))
            continue
        m = re.fullmatch(r"#ground-(\d+)", ref.get("href") or "")
        if not m:
            problem(lang, "ref", "%s: reference %r" % (cid, ref.get("href")))
            continue
        n = int(m.group(1))
        if n not in firsts:
            firsts.append(n)
            by_number[n] = ref.get("id")
        shown = visible(ref)
        if shown != str(n):
            problem(lang, "ref", "%s: reference to %d shows %r" %
                    (cid, n, shown))
        if ref.get("aria-describedby") != "ground-%d-text" % n:
            problem(lang, "ref", "%s: reference to %d describedby %r" %
                    (cid, n, ref.get("aria-describedby")))
        vh = "".join(text(s) for s in ref.iter("span") if "vh" in classes(s))
        if vh != L["ground_ref_before"] + L["ground_ref_after"]:
            problem(lang, "ref", "%s: the reference's words %r" % (cid, vh))
        if n not in ns:
            problem(lang, "note", "%s: no note %d" % (cid, n))
        elif ns[n][1] != ground:
            problem(lang, "note", "%s: %r on ground %r refers to note %d, "
                    "%r" % (cid, text(el), ground, n, ns[n][1]))
    if firsts != list(range(1, len(firsts) + 1)):
        problem(lang, "order", "%s: first references in the order %r"
                % (cid, firsts))
    if sorted(ns) != list(range(1, len(ns) + 1)) or \
            sorted(ns)[:len(firsts)] != sorted(firsts):
        problem(lang, "order", "%s: notes %r for references %r"
                % (cid, sorted(ns), firsts))
    for n, (li, g, count) in ns.items():
        if g not in GROUND_TEXTS and g != L["ground_default"]:
            problem(lang, "text", "%s: note %d is %r, no ground of the "
                    "policy" % (cid, n, g))
        if li.get("value") != str(n):
            problem(lang, "order", "%s: note %d has value %r"
                    % (cid, n, li.get("value")))
        back = [a for a in li.iter("a") if "back" in classes(a)]
        if n in by_number:
            if len(back) != 1 or back[0].get("href") != "#" + by_number[n]:
                problem(lang, "back", "%s: note %d links back to %r, not "
                        "to its first reference %r" % (cid, n, [
                            a.get("href") for a in back], by_number[n]))
        elif back:
            problem(lang, "back", "%s: note %d, referred to nowhere, "
                    "links back" % (cid, n))
    # Each ground the redaction report gives this case's withheld items
    # is a note, and a note's ground is one of the report's for the case.
    reported = {r["ground"] for r in rows if r["case"] == cid}
    if ns and not {g for _, g, _ in ns.values()} <= reported:
        problem(lang, "report", "%s: notes %r, report %r" % (
            cid, sorted(g for _, g, _ in ns.values()), sorted(reported)))
    # The subject's withheld items by field: their note is the ground the
    # report gives that field.
    for sec in doc.iter("section"):
        if sec.get("aria-labelledby") != "h-subject":
            continue
        dts = list(sec.iter("dt"))
        dds = list(sec.iter("dd"))
        for dt, dd in zip(dts, dds):
            field = [k for k in ("name", "position", "id_number", "phone",
                                 "email", "address") if L[k] == text(dt)]
            want = [r["ground"] for r in rows if r["case"] == cid and
                    r["location"] == "subject." + (field[0] if field
                                                   else "?")]
            for a in dd.iter("a"):
                m = re.fullmatch(r"#ground-(\d+)", a.get("href") or "")
                if m and want and ns.get(int(m.group(1)), (0, 0))[1] != \
                        want[0]:
                    problem(lang, "report", "%s: subject.%s refers to %r, "
                            "the report says %r" % (cid, field[0], ns.get(
                                int(m.group(1)), (0, 0))[1], want[0]))


def verdicts(lang):
    for kind, what in (
            ("ref", "every withheld or changed item of a case page is "
             "followed by a link to a note, its number shown and its "
             "words said"),
            ("nested", "no reference stands inside another link"),
            ("note", "each reference's note exists and holds the ground of "
             "its item"),
            ("order", "notes are numbered 1..k in the order the page first "
             "refers to them, equal grounds sharing a number"),
            ("text", "a note holds only the public text of a ground"),
            ("back", "each note links back to its first reference"),
            ("report", "the notes are the grounds the redaction report "
             "gives the case's items")):
        got = problems.get((lang, kind), [])
        t.ok(not got, "%s: %s" % (lang, what), "\n".join(got[:20]))


# The internal audience sees masked values, each with its note.
site, rows = portal("internal", "internal")
check("internal", site, rows)
verdicts("internal")

for lang in ("zh", "en"):
    site, rows = portal(lang)
    check(lang, site, rows)
    verdicts(lang)

    path = os.path.join(site, "cases", "GR-2024-001", "index.html")
    if not t.ok(os.path.exists(path), "%s: GR-2024-001 has a page" % lang):
        continue
    page = read(path)
    doc = html5lib.parse(page, namespaceHTMLElements=False)
    ns = notes(doc)
    priv = POLICY["grounds"]["privacy"]
    third = POLICY["grounds"]["third_party"]
    t.eq([ns[n][1] for n in sorted(ns)], [third, priv],
         "%s: GR-2024-001: the third party's ground, first referred to in "
         "the heading, is note 1, privacy note 2" % lang)
    h1 = [h for h in doc.iter("h1")][0]
    t.eq([a.get("href") for a in h1.iter("a")], ["#ground-1"],
         "%s: GR-2024-001: the withheld phone in the heading refers to "
         "note 1" % lang)
    refs = [a.get("href") for el, a, _ in markers(doc) if a is not None]
    t.ok(refs.count("#ground-2") >= 3 and refs.count("#ground-1") >= 2,
         "%s: GR-2024-001: markers on one ground share its note" % lang,
         refs)
    leaks = [v for v in ("13800007801", "13900001234", "司马青云",
                         "幸福路8号") if v in page]
    t.ok(not leaks, "%s: GR-2024-001: the notes and references hold no "
         "withheld value" % lang, leaks)


# Every operator on fields of prose and of dates builds the sample: a
# withheld summary or position shares phrases with the rules' texts and
# the units the portal shows of its own, and a generalized date falls on
# the day another case was decided; none of that is a leak, and the
# value itself appears nowhere in its case.  (The dates of the steps are
# generalized with the day of the decision, which is the last step's.)
def field_of(case, key):
    text = read(os.path.join(CONTENT, "cases", case[3:7], case + ".md"))
    return yaml.safe_load(text.split("---")[1])[key]


for field, rule, case, value in (
        ("summary", "{op: withhold, ground: default}", "CL-2022-001",
         field_of("CL-2022-001", "summary")),
        ("subject.position", "{op: withhold, ground: privacy}", "CL-2023-008",
         field_of("CL-2023-008", "subject")["position"]),
        ("decided", "{op: generalize, to: year, ground: default}",
         "CL-2023-006", str(field_of("CL-2023-006", "decided"))),
        ("procedure[].date", "{op: generalize, ground: default}",
         "CL-2024-001", str(field_of("CL-2024-001", "procedure")[1]["date"]))):
    content = copy_content(os.path.join(work, "op-" + field, "content"))
    p = os.path.join(content, "policy.yaml")
    text = read(p)
    for f, r in [(field, rule)] + ([("decided", rule)]
                                   if field == "procedure[].date" else []):
        old = re.search(r"(?m)^  %s: keep$" % re.escape(f), text)
        if old is not None:
            text = text[:old.start()] + "  %s: %s" % (f, r) + \
                text[old.end():]
    if not t.ok("  %s: %s" % (field, rule) in text,
                "policy.yaml keeps %s, to change" % field):
        continue
    write(p, text)
    site = os.path.join(work, "op-" + field, "site")
    r = build(content, site)
    t.ok(r.returncode == 0, "%s: %s builds, its audit passing" %
         (field, rule), r.stderr[-1500:])
    page = os.path.join(site, "cases", case, "index.html")
    t.ok(os.path.exists(page) and value not in read(page),
         "%s: %s: %s's %r is not on its page" % (field, rule, case, value))
    r = run("audit", "-C", content, "-t", os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "templates"), site)
    t.ok(r.returncode == 0, "%s: %s: disclose audit passes the portal" %
         (field, rule), r.stdout[-500:] + r.stderr[-1500:])

t.done()
