"""Ways around the portal: the main navigation marks the section a page is
in (aria-current="page" on the section's own page, "true" below it); a case
page links to the previous (older) and next (newer) case, so that the links
walk every case once in order, and to up to five other cases of its unit.
"""
import json
import os
import re

import html5lib

from testlib import TAP, build, copy_content, read, tmpdir, write

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
site = os.path.join(work, "site")
r = build(content, site)
t.ok(r.returncode == 0, "the sample portal builds", r.stderr)


def parse(rel):
    return html5lib.parse(read(os.path.join(site, rel)),
                          namespaceHTMLElements=False)


SECTIONS = ["index.html", "cases/index.html", "years/index.html",
            "units/index.html", "categories/index.html",
            "outcomes/index.html", "stats/index.html",
            "oversight/index.html", "search/index.html"]
bad = []
pages = 0
for d, _, fs in os.walk(site):
    for f in fs:
        rel = os.path.relpath(os.path.join(d, f), site)
        if not f.endswith(".html") or rel in ("404.html", "data/index.html",
                                              "map/index.html",
                                              "privacy/index.html"):
            continue
        pages += 1
        nav = parse(rel).find(".//header//nav")
        marked = [(a.get("href"), a.get("aria-current"))
                  for a in nav.iter("a") if a.get("aria-current")]
        root = "../" * rel.count("/")
        want = [s for s in SECTIONS[1:] if rel.startswith(s.split("/")[0] + "/")]
        # The declared list and its items are pages of oversight.
        if rel.startswith("rules/"):
            want = ["oversight/index.html"]
        want = want[0] if want else "index.html"
        kind = "page" if rel == want else "true"
        if marked != [(root + want, kind)]:
            bad.append((rel, marked))
t.ok(pages > 50 and not bad, "every page (%d) marks its section in the main "
     "navigation, and only it" % pages, bad[:10])
for rel in ("map/index.html", "privacy/index.html", "data/index.html"):
    nav = parse(rel).find(".//header//nav")
    t.ok(not [a for a in nav.iter("a") if a.get("aria-current")],
         "%s, in no section of the navigation, marks none" % rel)

cases = json.loads(read(os.path.join(site, "data", "cases.json")))["cases"]
closed = [c for c in cases if c["status"] == "closed"]
order = [c["id"] for c in sorted(closed, key=lambda c: c["published"])]


def links(cid):
    doc = parse("cases/%s/index.html" % cid)
    out = {}
    for rel in ("prev", "next"):
        a = [x for x in doc.iter("a") if x.get("rel") == rel]
        out[rel] = re.search(r"cases/([^/]+)/", a[0].get("href")).group(1) \
            if a else None
    sec = doc.find(".//section[@class='related']")
    out["unit"] = [re.search(r"cases/([^/]+)/", a.get("href")).group(1)
                   for a in sec.iter("a")] if sec is not None else []
    return out


walk, cid = [], None
first = [c for c in order if links(c)["prev"] is None]
t.eq(first, [order[0]], "only the oldest case has no previous case")
cid = first[0] if first else None
while cid is not None and len(walk) <= len(order):
    walk.append(cid)
    cid = links(cid)["next"]
t.eq(len(walk), len(order), "following next from the oldest visits every case once")
pub = {c["id"]: c["published"] for c in closed}
t.ok(set(walk) == set(order) and
     all(pub[walk[i]] <= pub[walk[i + 1]] for i in range(len(walk) - 1)),
     "in the order of publication")
back = all(links(walk[i + 1])["prev"] == walk[i] for i in range(len(walk) - 1))
t.ok(back, "previous is the inverse of next")
unit = {c["id"]: c["unit"] for c in closed}
wrong = []
for c in order:
    same = links(c)["unit"]
    others = [x for x in order if unit[x] == unit[c] and x != c]
    if len(same) != min(5, len(others)) or c in same or \
            any(unit[x] != unit[c] for x in same):
        wrong.append((c, same))
t.ok(not wrong, "each case links to up to five other cases of its unit, "
     "and to none of another unit", wrong[:5])
withdrawn = [c["id"] for c in cases if c["status"] == "withdrawn"]
t.ok(withdrawn and all(links(w)["prev"] is None and links(w)["next"] is None
                       for w in withdrawn),
     "a withdrawn case's tombstone has no previous or next case")
# A corrected case says so at the top of its page and on its rows, each
# linking to its corrections.
bad = []
ncorr = 0
for c in cases:
    page = read(os.path.join(site, "cases", c["id"], "index.html"))
    top = re.search(r'<p class="corrected"><a href="#h-revisions">(.*?)</a>',
                    page)
    if c["revisions"]:
        ncorr += 1
        last = max(x["date"] for x in c["revisions"])
        if not top or str(len(c["revisions"])) not in top.group(1) or \
                last not in top.group(1) or 'id="h-revisions"' not in page or \
                page.index('class="corrected"') > page.index('id="h-facts"'):
            bad.append((c["id"], top and top.group(1)))
    elif top or 'class="corrected"' in page:
        bad.append((c["id"], "marked but not corrected"))
t.ok(ncorr > 0 and not bad, "each corrected case (%d) says so above its facts, "
     "with the number and the last date, linking to its corrections; no other "
     "case does" % ncorr, bad[:5])
rows, wrong = 0, []
for c in closed:
    year = os.path.join(site, "years", c["published"][:4])
    for d, _, fs in os.walk(year):
        for f in fs:
            if not f.endswith(".html"):
                continue
            text = read(os.path.join(d, f))
            card = re.search(r'<li class="row" data-case="%s">(.*?)'
                             r'</li>' % re.escape(c["id"]), text, re.S)
            if not card:
                continue
            rows += 1
            link = re.search(r'<a class="corrected" href="([^"]+)"',
                             card.group(1))
            if bool(link) != bool(c["revisions"]) or (link and not
                    link.group(1).endswith("cases/%s/index.html#h-revisions"
                                           % c["id"])):
                wrong.append((c["id"], link and link.group(1)))
t.ok(rows >= len(closed) and not wrong, "on the year pages, the row of a "
     "corrected case links to its corrections, and only such rows (%d rows)"
     % rows, wrong[:5])
# Listings are compact rows: the title, then unit, outcome and date on
# one line, without the term the page is of; the home page keeps cards;
# a listing's notice of what is withheld stands once, below the list.
bycase = {c["id"]: c for c in closed}
bad = []
for tax, field in (("units", "unit"), ("outcomes", "outcome_label"),
                   ("years", None), ("categories", None), ("cases", None)):
    for d, _, fs in os.walk(os.path.join(site, tax)):
        for f in fs:
            rel = os.path.relpath(os.path.join(d, f), site)
            if f != "index.html" or (d == os.path.join(site, tax) and
                                     tax != "cases") or \
                    re.match(r"cases/(?!page/)[^/]+/", rel):
                continue
            doc = parse(rel)
            rows = [li for li in doc.iter("li")
                    if "row" in (li.get("class") or "").split()]
            if doc.findall(".//article") or not rows:
                bad.append((rel, "cards or no rows"))
                continue
            for li in rows:
                c = bycase[li.get("data-case")]
                text = "".join(li.itertext())
                want = [c["title"], c["published"]]
                if field is None:
                    want += [c["unit"], c["outcome_label"]]
                if not all(w in text for w in want if w):
                    bad.append((rel, c["id"], "missing", text))
                if field is not None and c[field] in text:
                    bad.append((rel, c["id"], "repeats its term", text))
            main = read(os.path.join(d, f))
            if main.count('class="notice"') > 1 or ('class="notice"' in main
                    and main.index('class="notice"') < main.index('class="rows"')):
                bad.append((rel, "notice"))
t.ok(not bad, "list and term pages show compact rows (title, unit, outcome, "
     "date), a term page without its own term, the notice once below the "
     "list", bad[:5])
home = parse("index.html")
t.ok(home.findall(".//article") and not [li for li in home.iter("li") if
                                         "row" in (li.get("class") or "")],
     "the home page keeps its cards")
cut = []
for m in re.finditer(r'<p class="summary">([^<]*)</p>',
                     read(os.path.join(site, "index.html"))):
    s_ = m.group(1)
    if not s_.endswith(("。", "！", "？", "…")):
        cut.append(s_)
t.ok(not cut, "the home page's summaries and excerpts end at the end of a "
     "sentence", cut)

# The foot of every page: the site map, the statement on personal
# information, and the site's registration numbers from site.yaml.
yaml = read(os.path.join(content, "site.yaml"))
regs = [re.search(r"(?m)^%s: *\"?([^\"\n]+)" % k, yaml).group(1)
        for k in ("site_code", "icp", "police_record")]
missing = []
count = 0
for d, _, fs in os.walk(site):
    for f in fs:
        rel = os.path.relpath(os.path.join(d, f), site)
        if not f.endswith(".html") or rel == "404.html":
            continue
        count += 1
        foot = parse(rel).find(".//footer[@class='colophon']")
        text = "".join(foot.itertext())
        hrefs = [a.get("href") for a in foot.iter("a")]
        root = "../" * rel.count("/")
        if not all(r in text for r in regs) or \
                root + "map/index.html" not in hrefs or \
                root + "privacy/index.html" not in hrefs:
            missing.append(rel)
t.ok(count > 50 and not missing, "every page's foot (%d) shows the site's "
     "registration numbers (%s) and links the site map and the statement on "
     "personal information" % (count, ", ".join(regs)), missing[:5])
mp = read(os.path.join(site, "map", "index.html"))
terms = 0
for tax in ("years", "units", "categories", "outcomes"):
    idx = parse("%s/index.html" % tax)
    for row in idx.findall(".//table[@class='terms']/tbody/tr"):
        a = row.find(".//a")
        n = "".join(row.findall("td")[0].itertext()).strip()
        href = "../" + a.get("href").replace("../", "", 1)
        terms += 1
        if not re.search(r'<a href="%s">[^<]*</a> *[（(]%s[）)]'
                         % (re.escape(href), n), mp):
            missing.append((tax, href, n))
t.ok(terms > 20 and not missing, "the site map lists every term page (%d) "
     "with its count" % terms, missing[:5])
pv = read(os.path.join(site, "privacy", "index.html"))
t.ok("Cookie" in pv and "个人信息" in pv, "the statement on personal "
     "information is the theme's when site.yaml gives none")

other = copy_content(os.path.join(work, "content2"))
y = read(os.path.join(other, "site.yaml"))
y = re.sub(r"(?m)^(site_code|icp|police_record):.*\n", "", y)
y += "privacy: |\n  本门户的个人信息\n  处理说明由**本单位**制定。\n"
write(os.path.join(other, "site.yaml"), y)
site2 = os.path.join(work, "site2")
r = build(other, site2)
home = read(os.path.join(site2, "index.html"))
pv = read(os.path.join(site2, "privacy", "index.html"))
t.ok(r.returncode == 0 and 'class="registry"' not in home and
     "本门户的个人信息处理说明由<strong>本单位</strong>制定。" in pv,
     "without numbers in site.yaml the foot shows none; site.yaml's own "
     "statement (Markdown) replaces the theme's", r.stderr)
t.done()
