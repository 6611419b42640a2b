"""Snapshots that archivists can verify: SHA256SUMS accepted by sha256sum -c,
a WARC/1.1 file read back by an independent reader (the npm package warcio,
installed by this test into build/npm, which git ignores) and checked
record by record against the site's files, a minisign signature verified
by Debian's minisign, never an overwritten snapshot, and archive.html.
"""
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import zlib

import html5lib

from testlib import (EPOCH, NPM, ROOT, TAP, TEMPLATES, build, copy_content,
                     npm_module, read, run, tmpdir, tree, write)

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
site = os.path.join(work, "site")
r = build(content, site)
t.ok(r.returncode == 0, "the sample portal builds", r.stderr)
BASE = "https://rczc.example.gov.cn/"
DATE = "2026-11-25"
WARCDATE = "2026-11-25T00:00:00Z"
snaps = os.path.join(work, "snapshots")


def snapshot(*args, env=None):
    return run("snapshot", "-C", content, "-t", TEMPLATES, "-o", site,
               "-d", snaps, *args, env=env)


# A key pair made by minisign itself, without a password.
key, pub = os.path.join(work, "k.key"), os.path.join(work, "k.pub")
p = subprocess.run(["minisign", "-G", "-W", "-s", key, "-p", pub],
                   capture_output=True, text=True)
t.ok(p.returncode == 0, "minisign -G -W makes a key pair", p.stderr)

r = snapshot("--sign", key)
t.ok(r.returncode == 0, "disclose snapshot --sign", r.stderr)
snap = os.path.join(snaps, DATE)
t.ok(os.path.isdir(os.path.join(snap, "site")), "the snapshot is named "
     "after its date and holds the site")
t.eq(tree(os.path.join(snap, "site")), tree(site),
     "the snapshot's files are the site's files")

# SHA256SUMS.
p = subprocess.run(["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=snap,
                   capture_output=True, text=True)
t.ok(p.returncode == 0, "sha256sum -c accepts SHA256SUMS", p.stdout[-500:]
     + p.stderr)
sums = read(os.path.join(snap, "SHA256SUMS")).splitlines()
t.eq(len(sums), len(tree(site)) + 1, "SHA256SUMS lists every file and "
     "the WARC file")

# The signature.
p = subprocess.run(["minisign", "-Vm", "SHA256SUMS", "-p", pub], cwd=snap,
                   capture_output=True, text=True)
t.ok(p.returncode == 0, "minisign -V verifies SHA256SUMS.minisig",
     p.stdout + p.stderr)
t.ok("portal:" + BASE in p.stdout and "date:" + DATE in p.stdout,
     "the trusted comment names the portal and the date", p.stdout)

# The WARC file, read by warcio.
npm_module(t, "warcio@2", "warcio")
# Beside node_modules, where an ES module's import of warcio looks.
shutil.copy(os.path.join(ROOT, "tests", "warc-read.mjs"), NPM)
warc = os.path.join(snap, "portal.warc.gz")
p = subprocess.run(["node", os.path.join(NPM, "warc-read.mjs"), warc],
                   capture_output=True, text=True)
t.ok(p.returncode == 0, "warcio reads the WARC file", p.stderr[-800:])
recs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
files = tree(site)
t.ok(recs and recs[0]["type"] == "warcinfo", "the first record is warcinfo")
t.eq(len([x for x in recs if x["type"] == "response"]), len(files),
     "one response record per file")
seen = {}
problems = []
for x in recs:
    h = x["headers"]
    if h.get("warc-date") != WARCDATE:
        problems.append("date %s" % h.get("warc-date"))
    if not h.get("warc-record-id", "").startswith("<urn:uuid:"):
        problems.append("record id %s" % h.get("warc-record-id"))
    if h.get("warc-block-digest") != "sha256:" + x["block"]:
        problems.append("block digest of %s" % h.get("warc-target-uri"))
    if x["type"] != "response":
        continue
    uri = h["warc-target-uri"]
    rel = uri[len(BASE):]
    seen[rel] = seen.get(rel, 0) + 1
    if not uri.startswith(BASE) or rel not in files:
        problems.append("target %s" % uri)
        continue
    want = hashlib.sha256(files[rel]).hexdigest()
    if x["payload"] != want or h.get("warc-payload-digest") != \
            "sha256:" + want:
        problems.append("payload of %s" % rel)
    if h.get("content-type") != "application/http; msgtype=response":
        problems.append("content type of the record %s" % rel)
    ctype = [l.split(": ", 1)[1] for l in x["http"].split("\r\n")
             if l.lower().startswith("content-type:")]
    expect = ("text/html" if rel.endswith(".html") else
              "text/css" if rel.endswith(".css") else
              "text/javascript" if rel.endswith(".js") else
              "application/rss+xml" if rel.endswith(("feed.xml",
                                                     "corrections.xml")) else
              "application/atom+xml" if rel.endswith("atom.xml") else
              "application/feed+json" if rel.endswith("feed.json") else
              "application/xml" if rel.endswith(".xml") else
              "application/json" if rel.endswith(".json") else
              "text/csv" if rel.endswith(".csv") else
              "text/x-opml" if rel.endswith(".opml") else "text/plain")
    if not ctype or not ctype[0].startswith(expect):
        problems.append("HTTP content type of %s: %s" % (rel, ctype))
    if not x["http"].startswith("HTTP/1.1 200 OK"):
        problems.append("status of %s" % rel)
t.ok(not problems, "every record: date, id, target, content types and "
     "digests match the site's files", "\n".join(problems[:20]))
t.eq(sorted(seen), sorted(files), "every file of the site is in the WARC, "
     "once")

# One gzip member per record.
data = open(warc, "rb").read()
members = 0
while data:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    d.decompress(data)
    data = d.unused_data
    members += 1
t.eq(members, len(recs), "the WARC file has one gzip member per record")
t.ok(gzip.decompress(open(warc, "rb").read()).startswith(b"WARC/1.1\r\n"),
     "records are WARC/1.1")

# Tampering is caught.
victim = os.path.join(snap, "site", "cases", "CL-2024-007", "index.html")
orig = open(victim, "rb").read()
open(victim, "wb").write(orig.replace(b"2024", b"2025", 1))
p = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=snap,
                   capture_output=True, text=True)
t.ok(p.returncode != 0 and "CL-2024-007" in p.stdout + p.stderr,
     "a changed byte in a file fails sha256sum -c")
open(victim, "wb").write(orig)
sp = os.path.join(snap, "SHA256SUMS")
s = open(sp, "rb").read()
open(sp, "wb").write(s[:10] + (b"0" if s[10:11] != b"0" else b"1") + s[11:])
p = subprocess.run(["minisign", "-Vm", "SHA256SUMS", "-p", pub], cwd=snap,
                   capture_output=True, text=True)
t.ok(p.returncode != 0, "a changed byte in SHA256SUMS fails minisign -V")
open(sp, "wb").write(s)
p = subprocess.run(["minisign", "-Vm", "SHA256SUMS", "-p", pub], cwd=snap,
                   capture_output=True, text=True)
t.ok(p.returncode == 0, "restored, it verifies again")

# Never overwritten: a second snapshot of the day gets a new name.
before = tree(snap)
# archive.html after the one signed snapshot: how to check it, by name.
arch1 = read(os.path.join(snaps, "archive.html"))
pre = re.search(r"<pre><code>(.*?)</code></pre>", arch1, re.S)
t.ok(pre and pre.group(1).split("\n") == [
    "cd " + DATE, "minisign -Vm SHA256SUMS -p disclose.pub",
    "sha256sum -c SHA256SUMS"],
     "archive.html: the check of the signed snapshot names it and its "
     "signature", pre and pre.group(1))
r = snapshot()
second = r.stdout
t.ok(r.returncode == 0 and os.path.isdir(os.path.join(snaps, DATE + "-2")),
     "a second snapshot of the same day is named %s-2" % DATE, r.stderr)
t.eq(tree(snap), before, "the first snapshot was not touched")
t.eq(read(os.path.join(snaps, DATE + "-2", "SHA256SUMS")),
     read(os.path.join(snap, "SHA256SUMS")),
     "the same portal at the same time gives the same SHA256SUMS")
r = snapshot("--sign", os.path.join(work, "content", "site.yaml"))
t.ok(r.returncode != 0 and "not a minisign secret key" in r.stderr and
     not os.path.exists(os.path.join(snaps, DATE + "-3")) and
     not [f for f in os.listdir(snaps) if f.startswith(".")],
     "a bad key leaves no snapshot behind", r.stderr)

# archive.html lists the snapshots, dates, sizes and checksums.
arch = open(os.path.join(snaps, "archive.html"), "rb").read()
try:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(arch)
    t.ok(True, "archive.html parses as HTML5 without error")
except Exception as e:
    t.ok(False, "archive.html parses as HTML5 without error", e)
doc = html5lib.parse(arch, namespaceHTMLElements=False)
rows = doc.findall(".//tbody/tr")
t.eq(len(rows), 2, "archive.html lists both snapshots")
text = arch.decode()
for name in (DATE, DATE + "-2"):
    d = os.path.join(snaps, name)
    fp = hashlib.sha256(open(os.path.join(d, "SHA256SUMS"), "rb").read()
                        ).hexdigest()
    size = sum(os.path.getsize(os.path.join(a, f)) for a, _, fs in
               os.walk(d) for f in fs)
    t.ok(fp in text and "(%d B)" % size in text and
         'href="%s/site/index.html"' % name in text,
         "archive.html gives %s its checksum, size and link" % name)
t.ok('href="%s/SHA256SUMS.minisig"' % DATE in text,
     "archive.html links the signature")
pre = re.search(r"<pre><code>(.*?)</code></pre>", text, re.S)
t.ok(pre and pre.group(1).split("\n") == ["cd %s-2" % DATE,
                                           "sha256sum -c SHA256SUMS"],
     "archive.html: the newest snapshot, unsigned, is checked by name and "
     "without minisign", pre and pre.group(1))
m = re.search(r"(\d+) files", second)
counts = [int("".join(r.itertext()).strip()) for r in
          [row.findall("td")[1] for row in rows]]
t.ok(m and counts == [int(m.group(1))] * 2 and
     counts[0] == len(tree(site)),
     "archive.html's file counts are the command's (%s) and the portal's"
     % (m and m.group(1)), (counts, second))
links = [a.get("href") for a in doc.iter("a")]
t.ok(BASE in links, "archive.html links back to the portal (%s)" % BASE,
     links[:5])

# A snapshot archives what passed the audit, now: a leak that reached
# the site is refused before anything is written or signed.
before = sorted(os.listdir(snaps))
page = os.path.join(site, "cases", "CL-2024-007", "index.html")
orig = read(page)
write(page, orig.replace("</main>", "<p>13912345678</p></main>"))
r = snapshot("--sign", key)
t.ok(r.returncode == 1 and "mobile number" in r.stderr and
     "nothing was archived or signed" in r.stderr and
     sorted(os.listdir(snaps)) == before,
     "a site that fails the audit is not archived, nor signed", r.stderr)
write(page, orig)

# The internal portal is archived only when asked for by name, and its
# archive says so, in the signature's trusted comment and archive.html.
internal = os.path.join(work, "internal")
r = build(content, internal, "-a", "internal")
t.ok(r.returncode == 0, "the internal portal builds", r.stderr)
r = run("snapshot", "-C", content, "-t", TEMPLATES, "-o", internal, "-d",
        snaps, "--sign", key)
t.ok(r.returncode == 2 and "internal audience" in r.stderr and
     "-a internal" in r.stderr and sorted(os.listdir(snaps)) == before,
     "an internal portal is refused without -a internal", r.stderr)
r = run("snapshot", "-C", content, "-t", TEMPLATES, "-o", site, "-d",
        snaps, "-a", "internal")
t.ok(r.returncode == 2 and sorted(os.listdir(snaps)) == before,
     "and -a internal refuses the public portal", r.stderr)
r = run("snapshot", "-C", content, "-t", TEMPLATES, "-o", internal, "-d",
        snaps, "-a", "internal", "--sign", key)
t.ok(r.returncode == 0, "snapshot -a internal archives the internal portal",
     r.stderr)
isnap = os.path.join(snaps, DATE + "-3")
p = subprocess.run(["minisign", "-Vm", "SHA256SUMS", "-p", pub], cwd=isnap,
                   capture_output=True, text=True)
t.ok(p.returncode == 0 and "audience:internal" in p.stdout,
     "its trusted comment names the internal audience", p.stdout + p.stderr)
doc = html5lib.parse(open(os.path.join(snaps, "archive.html"), "rb").read(),
                     namespaceHTMLElements=False)
marks = ["".join(r.itertext()) for r in doc.findall(".//tbody/tr")]
t.ok(len(marks) == 3 and sum("内部版本" in m for m in marks) == 1 and
     any(DATE + "-3" in m and "内部版本" in m for m in marks),
     "archive.html marks the internal snapshot, and only it", marks)
t.done()
