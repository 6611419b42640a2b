"""Expected-output tests in the sblg/lowdown way: each tests/expected/NAME.md
is built alone with tests/expected/config/{site,policy}.yaml, and its case
page must equal tests/expected/NAME.html byte for byte.  Then the three
records are built together as one portal, and each file under
tests/expected/portal/ (one feature each: a feed of each format, the
corrections feed, a listing page, a term page, cases.json, cases.csv) must
equal the built file of the same path.  `make regen` (this script with
--regen) rewrites the expectations for review.
"""
import glob
import os
import shutil
import sys
import difflib

from testlib import TAP, build, tmpdir

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected")
regen = "--regen" in sys.argv
t = TAP()
for md in sorted(glob.glob(os.path.join(HERE, "*.md"))):
    name = os.path.basename(md)[:-3]
    work = tmpdir()
    content = os.path.join(work, "content")
    shutil.copytree(os.path.join(HERE, "config"), content)
    os.makedirs(os.path.join(content, "cases", "2024"))
    shutil.copy(md, os.path.join(content, "cases", "2024"))
    out = os.path.join(work, "site")
    r = build(content, out)
    if not t.ok(r.returncode == 0, "%s builds" % name, r.stderr):
        continue
    with open(os.path.join(out, "cases", name, "index.html"), "rb") as f:
        got = f.read()
    want_path = os.path.join(HERE, name + ".html")
    if regen:
        with open(want_path, "wb") as f:
            f.write(got)
    want = open(want_path, "rb").read() if os.path.exists(want_path) else b""
    diff = "\n".join(difflib.unified_diff(
        want.decode().splitlines(), got.decode().splitlines(),
        "expected", "got", lineterm="", n=1))
    t.ok(got == want, "%s: the case page equals %s.html" % (name, name), diff)

def compare(got, want_path, what):
    if regen:
        os.makedirs(os.path.dirname(want_path), exist_ok=True)
        with open(want_path, "wb") as f:
            f.write(got)
    want = open(want_path, "rb").read() if os.path.exists(want_path) else b""
    diff = "\n".join(difflib.unified_diff(
        want.decode().splitlines(), got.decode().splitlines(),
        "expected", "got", lineterm="", n=1))
    t.ok(got == want, what, diff)


# The portal of the three records: its feeds, listings and open data.
PORTAL = ["feed.xml", "atom.xml", "feed.json", "corrections.xml",
          "cases/index.html", "units/caizheng/index.html",
          "units/caizheng/feed.xml", "data/cases.json", "data/cases.csv"]
work = tmpdir()
content = os.path.join(work, "content")
shutil.copytree(os.path.join(HERE, "config"), content)
os.makedirs(os.path.join(content, "cases", "2024"))
for md in sorted(glob.glob(os.path.join(HERE, "*.md"))):
    shutil.copy(md, os.path.join(content, "cases", "2024"))
out = os.path.join(work, "site")
r = build(content, out)
if t.ok(r.returncode == 0, "the three records build as one portal",
        r.stderr):
    for rel in PORTAL:
        with open(os.path.join(out, rel), "rb") as f:
            got = f.read()
        compare(got, os.path.join(HERE, "portal", rel),
                "portal: %s equals portal/%s" % (rel, rel))
t.done()
