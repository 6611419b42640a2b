"""Feeds that journalists can trust, checked with a real client
(python3-feedparser) and xmllint: every feed parses without the bozo flag,
lists the expected entries with their titles, links, tag-URI ids and dates
in the site's offset; corrections and withdrawals are entries of their
own; feed_items and feed_summary_only work; adding one case changes only
the feeds it belongs to and no existing entry's id.
"""
import json
import os
import re
import shutil
import subprocess

import feedparser

from testlib import CONTENT, TAP, build, copy_content, read, tmpdir, tree, write

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
TODAY = "2026-11-25"
BASE = "https://rczc.example.gov.cn/"
TAG = "tag:example.gov.cn,2022:"


def front(path):
    """A small reader of the front matter the sample records use."""
    text = read(path).split("\n---\n", 1)[0].split("---\n", 1)[1]
    rec, key = {"revisions": [], "withdrawn": {}}, None
    for line in text.splitlines():
        m = re.match(r"^(\w+):\s*(.*)$", line)
        if m:
            key, val = m.group(1), m.group(2).strip()
            if val and key not in ("revisions", "withdrawn"):
                rec[key] = val.strip('"')
            continue
        m = re.match(r"^\s+- \{date: (\S+), note: (.*)\}$", line)
        if m and key == "revisions":
            rec["revisions"].append((m.group(1), m.group(2)))
        m = re.match(r"^\s+(date|reason): (.*)$", line)
        if m and key == "withdrawn":
            rec["withdrawn"][m.group(1)] = m.group(2)
    return rec


def records(content):
    out = []
    for d, _, fs in os.walk(os.path.join(content, "cases")):
        out += [front(os.path.join(d, f)) for f in fs if f.endswith(".md")]
    return out


def expected_entries(recs, unit=None):
    """(date, id, kind, title) of every entry, newest first."""
    es = []
    for r in recs:
        if r["status"] == "open" or r.get("published", "9") > TODAY:
            continue
        if unit and r.get("unit") != unit:
            continue
        if r["status"] == "closed":
            es.append((r["published"], r["id"], 0, r["title"]))
        else:
            es.append((r["withdrawn"]["date"], r["id"], 2,
                       "撤回：" + r["title"]))
        for i, (d, note) in enumerate(r["revisions"]):
            es.append((d, r["id"], 1, "更正：" + r["title"]))
    es.sort(key=lambda e: (e[0], e[1], e[2]), reverse=True)
    return es


site = os.path.join(work, "site")
r = build(content, site)
t.ok(r.returncode == 0, "the sample portal builds", r.stderr)
recs = records(content)

# Every XML feed: xmllint and feedparser.
feeds = sorted(os.path.relpath(os.path.join(d, f), site)
               for d, _, fs in os.walk(site) for f in fs
               if f in ("feed.xml", "atom.xml", "corrections.xml"))
t.ok(len(feeds) > 40, "there are feeds for the portal and its terms "
     "(%d)" % len(feeds))
bad = [f for f in feeds if subprocess.run(
    ["xmllint", "--noout", os.path.join(site, f)],
    capture_output=True).returncode != 0]
t.ok(not bad, "every feed passes xmllint", bad)
parsed = {f: feedparser.parse(os.path.join(site, f)) for f in feeds}
t.ok(all(not p.bozo for p in parsed.values()), "feedparser parses every "
     "feed without the bozo flag",
     [(f, str(p.get("bozo_exception"))) for f, p in parsed.items()
      if p.bozo])

# The main feeds: the expected entries, in order, up to feed_items.
FEED_ITEMS = int(re.search(r"(?m)^feed_items: (\d+)",
                           read(os.path.join(CONTENT, "site.yaml"))).group(1))
want = expected_entries(recs)[:FEED_ITEMS]
for name in ("feed.xml", "atom.xml"):
    p = parsed[name]
    got = [(e.title, e.id) for e in p.entries]
    exp = [(e[3], TAG + e[1] + ("/correction/" + e[0] if e[2] == 1 else
                                "/withdrawn" if e[2] == 2 else ""))
           for e in want]
    t.eq(len(got), len(exp), "%s has %d entries" % (name, len(exp)))
    t.ok(got == exp, "%s: the expected titles and ids, newest first" %
         name, "\n".join("%s | %s" % (g, x) for g, x in zip(got, exp)
                         if g != x)[:2000])
    t.ok(all(e.link == BASE + "cases/%s/" % e.id.split(":")[-1].split(
        "/")[0] for e in p.entries), "%s: every entry links to its "
         "case's permalink" % name)
raw = read(os.path.join(site, "feed.xml"))
t.ok(re.findall(r"<pubDate>\w{3}, \d\d \w{3} \d{4} 00:00:00 \+0800"
                r"</pubDate>", raw) and "GMT" not in raw,
     "RSS dates carry the site's offset +0800 in English names")
atom = read(os.path.join(site, "atom.xml"))
t.ok(re.search(r"<published>\d{4}-\d\d-\d\dT00:00:00\+08:00</published>",
               atom), "Atom dates carry the site's offset +08:00")
newest = max(e[0] for e in want)
t.ok("<updated>%sT00:00:00+08:00</updated>" % newest in atom.split(
    "<entry>")[0], "Atom <updated> of the feed is the newest entry's date")
import datetime
nd = datetime.date(*(int(x) for x in newest.split("-")))
t.ok("<lastBuildDate>%s 00:00:00 +0800</lastBuildDate>" %
     nd.strftime("%a, %d %b %Y") in raw,
     "RSS lastBuildDate is the newest entry's date, not the clock")
ids = [e.id for e in parsed["feed.xml"].entries]
t.eq(ids, [e.id for e in parsed["atom.xml"].entries],
     "RSS guids and Atom ids are the same tag URIs")
jf = json.loads(read(os.path.join(site, "feed.json")))
t.eq([i["id"] for i in jf["items"]], ids, "JSON Feed ids are the same")
t.eq(jf["version"], "https://jsonfeed.org/version/1.1",
     "JSON Feed version 1.1")

# A unit's feeds list exactly its entries.
unit = "澄岚县财政局"
uw = expected_entries(recs, unit)[:50]
p = parsed["units/caizheng/atom.xml"]
t.eq([e.title for e in p.entries], [e[3] for e in uw],
     "the unit's Atom feed lists exactly the unit's entries")

# Corrections: their own entries everywhere, and corrections.xml.
corr = [(r["id"], d, note, r["title"]) for r in recs
        if r["status"] != "open" and r.get("published", "9") <= TODAY
        for d, note in r["revisions"]]
t.ok(len(corr) >= 6, "the sample has corrections (%d)" % len(corr))
p = parsed["corrections.xml"]
t.eq(sorted((e.id) for e in p.entries),
     sorted(TAG + c[0] + "/correction/" + c[1] for c in corr),
     "corrections.xml lists every correction")
for e in p.entries:
    cid = e.id.split(":")[-1].split("/")[0]
    c = [x for x in corr if x[0] == cid][0]
    t.ok(e.title == "更正：" + c[3] and any(x[2] in e.summary for x in corr
                                          if x[0] == cid)
         and e.link == BASE + "cases/%s/" % cid,
         "corrections.xml: %s has its title, note and link" % e.id)
for cid, d, note, title in corr:
    page = read(os.path.join(site, "cases", cid, "index.html"))
    t.ok("更正记录" in page and note in page and
         '<time datetime="%s">' % d in page,
         "%s: the page shows the correction of %s" % (cid, d))
    rec = [r for r in recs if r["id"] == cid][0]
    unit_slug = re.search(r'units/([a-z0-9-]+)/index.html', page).group(1)
    ua = feedparser.parse(os.path.join(site, "units", unit_slug,
                                       "atom.xml"))
    ent = [e for e in ua.entries if e.id == TAG + cid]
    last = max(x[0] for x in rec["revisions"])
    t.ok(any(e.id == TAG + cid + "/correction/" + d for e in ua.entries),
         "%s: the correction is an entry of the unit's feed" % cid)
    t.ok(not ent or ent[0].updated.startswith(last),
         "%s: the case's Atom <updated> moved to %s" % (cid, last))

# Withdrawals: a tombstone and a feed entry.
for r in recs:
    if r["status"] != "withdrawn":
        continue
    page = read(os.path.join(site, "cases", r["id"], "index.html"))
    t.ok(r["title"] in page and r["withdrawn"]["date"] in page and
         r["withdrawn"]["reason"] in page, "%s: the tombstone shows title, "
         "date and reason of the withdrawal" % r["id"])
    t.ok(TAG + r["id"] + "/withdrawn" in ids,
         "%s: the withdrawal is an entry of the feed" % r["id"])

# feed_items and feed_summary_only from site.yaml.
c2 = copy_content(os.path.join(work, "c2"))
sy = os.path.join(c2, "site.yaml")
write(sy, re.sub(r"(?m)^feed_items: \d+", "feed_items: 5", read(sy)).replace(
    "feed_summary_only: false", "feed_summary_only: true"))
s2 = os.path.join(work, "s2")
r = build(c2, s2)
t.ok(r.returncode == 0, "a build with feed_items 5, summaries only",
     r.stderr)
p = feedparser.parse(os.path.join(s2, "feed.xml"))
t.ok(len(p.entries) == 5 and not p.bozo, "feed_items limits the feed to 5")
x = read(os.path.join(s2, "feed.xml")) + read(os.path.join(s2, "atom.xml"))
t.ok("content:encoded" not in x and "<content" not in x,
     "feed_summary_only leaves out the full text")
j = json.loads(read(os.path.join(s2, "feed.json")))
t.ok(all("content_text" in i and "content_html" not in i
         for i in j["items"]), "JSON Feed has content_text only")

# Adding one case changes only the feeds it belongs to, and no id.
c3 = copy_content(os.path.join(work, "c3"))
s3 = os.path.join(work, "s3")
build(c3, s3)
before = tree(s3)
new = read(os.path.join(c3, "cases/2025/CL-2025-011.md"))
new = new.replace("id: CL-2025-011", "id: CL-2025-099")
new = re.sub(r"(?m)^published: .*$", "published: 2026-11-20", new)
new = re.sub(r"(?m)^revisions:\n(  - .*\n)+", "", new)
write(os.path.join(c3, "cases/2025/CL-2025-099.md"), new)
nr = front(os.path.join(c3, "cases/2025/CL-2025-099.md"))
r = build(c3, s3)
t.ok(r.returncode == 0, "the portal builds with one more case", r.stderr)
after = tree(s3)
changed = sorted(f for f in set(before) | set(after)
                 if before.get(f) != after.get(f) and
                 f.endswith(("feed.xml", "atom.xml", "feed.json",
                             "corrections.xml", ".opml")))
slug = {}
for key, listname in (("unit", "units"), ("category", "categories")):
    m = re.search(r"(?m)^  - \{name: %s, slug: (\S+)\}$" % re.escape(nr[key]),
                  read(os.path.join(c3, "site.yaml")))
    slug[key] = "%s/%s/" % (listname, m.group(1))
dirs = ["", slug["unit"], slug["category"], "years/%s/" % nr["decided"][:4],
        "outcomes/%s/" % nr["outcome"]]
expect = sorted(d + f for d in dirs
                for f in ("feed.xml", "atom.xml", "feed.json"))
t.eq(changed, expect, "only the feeds of the portal and of the new case's "
     "year, unit, category and outcome changed")
for f in ("feed.xml", "atom.xml"):
    a = feedparser.parse(before[f])
    b = feedparser.parse(after[f])
    ida = {(e.title, e.link): e.id for e in a.entries}
    idb = {(e.title, e.link): e.id for e in b.entries}
    t.ok(all(idb[k] == v for k, v in ida.items() if k in idb),
         "%s: no existing entry changed its id" % f)
    t.ok(b.entries[0].id == TAG + "CL-2025-099",
         "%s: the new case is the newest entry" % f)
t.done()
