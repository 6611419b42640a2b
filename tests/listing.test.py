"""Long listings: one case per page, so that cases/ has one page per case.

A page of a listing links the first and the last page and two pages on
each side of its own, with a gap for the rest: its size does not grow
with the number of pages.  Following "next" from the first page visits
every page once and meets every published case once.
"""
import os
import re

from testlib import TAP, build, copy_content, read, tmpdir

t = TAP()

content = copy_content()
cfg = os.path.join(content, "site.yaml")
text = read(cfg)
with open(cfg, "w", encoding="utf-8") as f:
    f.write(re.sub(r"(?m)^per_page: \d+$", "per_page: 1", text))
out = os.path.join(tmpdir(), "site")
r = build(content, out)
t.ok(r.returncode == 0, "the portal builds with per_page: 1", r.stderr)

pages = sorted(os.path.relpath(os.path.join(d, f), out)
               for d, _, fs in os.walk(os.path.join(out, "cases"))
               for f in fs if f == "index.html"
               and re.fullmatch(r"cases/(page/\d+/)?index\.html",
                                os.path.relpath(os.path.join(d, f), out)))
n = len(pages)
t.ok(n > 20, "cases/ has one page per case (%d pages)" % n)

widest, gaps = 0, 0
for p in pages:
    html = read(os.path.join(out, p))
    m = re.search(r'<nav class="pager".*?</nav>', html, re.S)
    items = re.findall(r"<li>", m.group(0)) if m else []
    numbered = [x for x in re.findall(r"<li>(.*?)</li>", m.group(0), re.S)
                if "rel=" not in x] if m else []
    widest = max(widest, len(numbered))
    gaps += m.group(0).count('class="gap"') if m else 0
t.ok(widest <= 9, "no pager shows more than 9 places (first, gap, five "
     "around, gap, last): at most %d of %d pages" % (widest, n))
t.ok(gaps > 0, "pages far from both ends show gaps (%d)" % gaps)

seen, cases, here = [], [], "cases/index.html"
while here is not None and here not in seen and len(seen) <= n:
    seen.append(here)
    html = read(os.path.join(out, here))
    cases += re.findall(r'href="[./]*cases/([A-Z]+-\d{4}-\d+)/', html)
    m = re.search(r'<a href="([^"]+)" rel="next"', html)
    here = os.path.normpath(os.path.join(os.path.dirname(here),
                                         m.group(1))) if m else None
t.ok(len(seen) == n and here is None, "following next from the first "
     "page visits all %d pages once (%d)" % (n, len(seen)))
t.ok(len(set(cases)) == n, "and meets %d different cases (%d)" %
     (n, len(set(cases))))

t.done()
