"""Version on every page: each case page carries the SHA-256 of its public
record, short on the page and in full in a <meta>, and the open data carry
the same; it changes when what is published changes, and only then (a
withheld value may change without changing it).
"""
import csv
import json
import os
import re

import shutil

from testlib import (TAP, TEMPLATES, build, copy_content, read, run, tmpdir,
                     write)

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
site = os.path.join(work, "site")
r = build(content, site)
t.ok(r.returncode == 0, "the sample portal builds", r.stderr)

data = {c["id"]: c for c in json.loads(read(os.path.join(site,
                                                         "data/cases.json")))["cases"]}
with open(os.path.join(site, "data/cases.csv"), encoding="utf-8-sig",
          newline="") as f:
    rows = {x["id"]: x for x in csv.DictReader(f)}
META = re.compile(r'<meta name="disclose:sha256" content="([0-9a-f]{64})">')


def digest(site, cid):
    page = read(os.path.join(site, "cases", cid, "index.html"))
    m = META.search(page)
    return (m.group(1) if m else None), page


bad = []
for cid in sorted(data):
    d, page = digest(site, cid)
    if d is None:
        bad.append("%s: no meta" % cid)
        continue
    if '<code title="%s">%s</code>' % (d, d[:12]) not in page:
        bad.append("%s: no short form" % cid)
    if data[cid].get("sha256") != d or rows[cid]["sha256"] != d:
        bad.append("%s: open data differ" % cid)
t.ok(data and not bad, "every case page (%d) has its SHA-256 in a <meta>, "
     "shown short, and the open data carry the same" % len(data),
     "\n".join(bad))
t.eq(len(set(digest(site, c)[0] for c in data)), len(data),
     "every case has a digest of its own")

CASE, REL = "CL-2024-007", "cases/2024/CL-2024-007.md"
before = digest(site, CASE)[0]
others = {c: digest(site, c)[0] for c in data if c != CASE}
path = os.path.join(content, REL)
orig = read(path)

# A withheld value changes: what is published does not, nor the digest.
write(path, orig.replace('phone: "13800009615"', 'phone: "13800009616"'))
r = build(content, site)
t.ok(r.returncode == 0 and digest(site, CASE)[0] == before,
     "a change to a withheld value leaves the digest as it was", r.stderr)

# A published value changes: the digest changes, the others' do not.
write(path, orig.replace("不符合容错条件", "不符合容错的条件"))
r = build(content, site)
after = digest(site, CASE)[0]
t.ok(r.returncode == 0 and after != before,
     "a change to the published body changes the digest", r.stderr)
t.ok(all(digest(site, c)[0] == d for c, d in others.items()),
     "the other cases keep their digests")
write(path, orig)
r = build(content, site)
t.eq(digest(site, CASE)[0], before, "the same record gives the same digest")

# The digest is taken before any theme: another withheld marker, other
# strings and other styles change the pages, never a digest.  A record
# with withheld spans in its body and in kept fields shows it.
MARKED = "CL-2024-011"
p = os.path.join(content, "cases/2024/%s.md" % MARKED)
write(p, read(p).replace("title: ", "title: 违规{--办理--}", 1))
r = build(content, site)
t.ok(r.returncode == 0, "a record with hand marks in a field builds",
     r.stderr)
theme = os.path.join(work, "theme")
shutil.copytree(TEMPLATES, theme)
w = os.path.join(theme, "withheld.tpl")
write(w, read(w).replace("■■■", "[此处删除]"))
sy = os.path.join(theme, "strings.yaml")
write(sy, read(sy).replace("withheld: 依法不予公开", "withheld: 已删除"))
css = os.path.join(theme, "style.css")
write(css, read(css) + "\n.withheld { background: red; }\n")
other = os.path.join(work, "other")
r = run("build", "-q", "-C", content, "-t", theme, "-o", other)
t.ok(r.returncode == 0, "the portal builds with another theme", r.stderr)
a, pa = digest(site, MARKED)
b, pb = digest(other, MARKED)
t.ok(pa != pb and "[此处删除]" in pb and "■■■" in pa,
     "the other theme draws another withheld marker")
t.ok(a is not None and a == b and all(digest(site, c)[0] ==
                                      digest(other, c)[0] for c in data),
     "no digest changes with the theme (withheld.tpl, strings, style)")
t.done()
