"""The 652 examples of the CommonMark 0.30 spec (npm commonmark-spec@0.30.0,
installed by this test into build/npm, which git ignores) go through the
whole pipeline, one record each, and each case page's body is compared
with what Debian's `cmark` makes of the same Markdown.  They must be
identical but for the documented differences: the body's headings stand
one level down (h1 becomes h2 ... h5 and h6 both h6), and personal data
is withheld (a withheld span is drawn as the theme's marker).
"""
import json
import os
import re
import shutil
import subprocess

from testlib import ROOT, TAP, build, copy_content, tmpdir, write

t = TAP()
npm = os.path.join(ROOT, "build", "npm")
spec = os.path.join(npm, "node_modules", "commonmark-spec")
if not os.path.isdir(spec):
    os.makedirs(npm, exist_ok=True)
    p = subprocess.run(["npm", "install", "--no-audit", "--no-fund",
                        "--prefix", npm, "commonmark-spec@0.30.0"],
                       capture_output=True, text=True)
    t.ok(p.returncode == 0, "npm installs commonmark-spec@0.30.0",
         p.stderr[-800:])
p = subprocess.run(["node", "-e", "process.stdout.write(JSON.stringify("
                    "require(%s).tests))" % json.dumps(spec)],
                   capture_output=True, text=True)
tests = json.loads(p.stdout) if p.returncode == 0 else []
t.eq(len(tests), 652, "the spec has its 652 examples")

work = tmpdir()
content = copy_content(os.path.join(work, "content"), cases=False)
HEAD = """---
id: SPEC-%04d
title: CommonMark 示例 %d
status: closed
unit: 澄岚县财政局
category: 改革创新
subject:
  name: 王测试
  position: 科员
outcome: exempted
factors:
  degree: 工作失误
  motive: 为公
  conditions: 客观条件不具备
  procedure: 经集体决策
  policy: 上级无明令禁止
  consequence: 损失已挽回
procedure:
  - {step: 申请, date: 2024-03-02}
  - {step: 决定, date: 2024-05-10}
decided: 2024-05-10
published: 2024-06-01
---
"""
examples = {}
for x in tests:
    md = x["markdown"].replace("\u2192", "\t")
    examples[x["number"]] = md
    write(os.path.join(content, "cases", "2024", "SPEC-%04d.md" %
                       x["number"]), HEAD % (x["number"], x["number"]) + md)
out = os.path.join(work, "site")
r = build(content, out)
t.ok(r.returncode == 0, "every example builds as a record, and the audit "
     "passes", r.stderr[-3000:])

MARKER = re.compile(r'<span class="withheld" title="[^"]*"><span '
                    r'aria-hidden="true">■■■</span><span class="vh">'
                    r'依法不予公开</span></span>')


def demote(html):
    """The body's headings one level down, as the portal sets them."""
    return re.sub(r"<(/?)h([1-6])\b",
                  lambda m: "<%sh%d" % (m.group(1), min(int(m.group(2)) + 1,
                                                        6)), html)


def body(n):
    path = os.path.join(out, "cases", "SPEC-%04d" % n, "index.html")
    if not os.path.exists(path):
        return None
    page = open(path, encoding="utf-8").read()
    i = page.find('<h2 id="h-details">')
    if i < 0:
        return ""     # an empty body has no section
    i = page.index("\n", i) + 1
    return page[i:page.index("</section>", i)]


same, withheld, other = [], [], []
for n, md in sorted(examples.items()):
    want = subprocess.run(["cmark"], input=md, capture_output=True,
                          text=True).stdout
    got = body(n)
    if got is None:
        other.append("%d: no page" % n)
        continue
    if got.strip() == demote(want).strip():
        same.append(n)
    elif MARKER.search(got):
        withheld.append(n)
    else:
        other.append("%d:\n  markdown: %r\n  cmark:    %r\n  portal:   %r"
                     % (n, md, demote(want), got))
print("# %d of %d examples identical to cmark's HTML; %d differ where "
      "personal data is withheld (%s)" % (len(same), len(examples),
                                          len(withheld), withheld))
t.ok(not other, "every example's body is cmark's HTML, but for headings "
     "one level down and withheld personal data", "\n".join(other[:10]))
t.ok(len(same) + len(withheld) == len(examples) and len(same) > 0,
     "%d examples identical, %d with data withheld" % (len(same),
                                                      len(withheld)))
t.done()
