"""Version on every page: each case page carries the SHA-256 of its public
record, short on the page and in full in a <meta>, and the open data carry
the same; it changes when what is published changes, and only then (a
withheld value may change without changing it).
"""
import csv
import io
import json
import os
import re

from testlib import TAP, build, copy_content, read, tmpdir, write

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
site = os.path.join(work, "site")
r = build(content, site)
t.ok(r.returncode == 0, "the sample portal builds", r.stderr)

data = {c["id"]: c for c in json.loads(read(os.path.join(site,
                                                         "data/cases.json")))["cases"]}
rows = {x["id"]: x for x in csv.DictReader(io.StringIO(read(
    os.path.join(site, "data/cases.csv"))))}
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
t.done()
