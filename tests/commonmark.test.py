"""The 652 examples of the CommonMark 0.30 spec (npm commonmark-spec@0.30.0,
installed by this test into build/npm, which git ignores), and examples of
our own of GFM's pipe tables and strikethrough, go through the whole
pipeline, one record each, and each case page's body is compared with what
Debian's `cmark-gfm` makes of the same Markdown with the extensions and
options the portal uses.  They must be identical but for the documented
differences: the body's headings stand one level down (h1 becomes h2 ...
h5 and h6 both h6), personal data is withheld (a withheld span is drawn as
the theme's marker), and a table stands in the theme's scrolling box with
scope="col" on its header cells.

cmark-gfm (0.29.0.gfm.6) is a fork of cmark 0.29: on two examples of the
0.30 spec it differs from Debian's `cmark` (0.30.2), the reference
implementation of that spec.  These are listed in BEHIND with the reason,
and the test fails if the list is no longer exact.
"""
import json
import os
import re
import subprocess

from testlib import TAP, build, copy_content, npm_module, tmpdir, write

t = TAP()
spec = npm_module(t, "commonmark-spec@0.30.0", "commonmark-spec")
p = subprocess.run(["node", "-e", "process.stdout.write(JSON.stringify("
                    "require(%s).tests))" % json.dumps(spec)],
                   capture_output=True, text=True)
tests = json.loads(p.stdout) if p.returncode == 0 else []
t.eq(len(tests), 652, "the spec has its 652 examples")

work = tmpdir()
content = copy_content(os.path.join(work, "content"), cases=False)
HEAD = """---
id: SPEC-2024-%04d
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
# Where cmark-gfm 0.29 is behind the 0.30 spec, which cmark 0.30.2 follows.
BEHIND = {
    28: "0.30 reads a numeric character reference of at most 7 digits; "
        "cmark-gfm reads &#87654321; as one, U+FFFD",
    171: "0.30 made <textarea> start an HTML block that runs to "
         "</textarea>; in cmark-gfm it ends at the blank line, so the "
         "Markdown inside is rendered (the raw HTML stays omitted)",
}
# The portal's Markdown: the table and strikethrough extensions, two
# tildes only (generator/util.c, md_parse).
GFM = ["cmark-gfm", "-e", "table", "-e", "strikethrough",
       "--strikethrough-double-tilde"]

# Our own examples of the two extensions (not from GFM's spec).
OWN = [
    # alignment, and cells trimmed
    "| 项目 | 金额 | 日期 |\n| :--- | ---: | :---: |\n"
    "|  改造投入  | 45万元 | 2022-03-01 |\n| 租金 | 9.6万元 | 2023-06-30 |\n",
    # no outer pipes; inline Markdown, code and an escaped pipe in cells
    "事项 | 说明\n--- | ---\n**资金** | `a\\|b` 与 *c*\n"
    "预算 \\| 决算 | [链接](https://example.gov.cn/)\n",
    # a short row is filled, a long row cut; a blank line ends the table
    "| 甲 | 乙 | 丙 |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n\n段落。\n",
    # a paragraph line ends the table only after a blank line
    "| 甲 | 乙 |\n| -- | -- |\n| 1 | 2 |\n后续文字\n",
    # header and delimiter rows of different widths: no table
    "| 甲 | 乙 |\n| --- |\n| 1 | 2 |\n",
    # a table needs its delimiter row right under the header
    "| 甲 | 乙 |\n\n| --- | --- |\n",
    # strikethrough with two tildes; one tilde is text (a range)
    "原定~~15万元~~调整为12万元，工期3~5个月，~单个~不划线。\n",
    # strikethrough nested with emphasis, and in a heading
    "## 已~~撤销~~的事项\n\n**~~作废~~**与~~*保留*~~\n",
    # a table in a list item and in a block quote
    "- 清单\n\n  | 甲 | 乙 |\n  | - | - |\n  | 1 | 2 |\n\n"
    "> | 丙 |\n> | :-: |\n> | 3 |\n",
    # raw HTML in a cell stays omitted; struck-through text in a cell
    "| 甲 | 乙 |\n| --- | --- |\n| <b>粗</b> | ~~删~~ |\n"
    "| <script>x</script> | &lt;b&gt; |\n",
    # an empty cell, and a table of one column
    "| 甲 |\n| --- |\n|  |\n| 丙 |\n",
]
OWN_BASE = 10000

examples = {}
for i, md in enumerate(OWN):
    examples[OWN_BASE + i] = md
    write(os.path.join(content, "cases", "2024", "SPEC-2024-%04d.md" %
                       (OWN_BASE + i)), HEAD % (OWN_BASE + i, OWN_BASE + i)
          + md)
for x in tests:
    md = x["markdown"].replace("\u2192", "\t")
    examples[x["number"]] = md
    write(os.path.join(content, "cases", "2024", "SPEC-2024-%04d.md" %
                       x["number"]), HEAD % (x["number"], x["number"]) + md)
out = os.path.join(work, "site")
r = build(content, out)
t.ok(r.returncode == 0, "every example builds as a record, and the audit "
     "passes", r.stderr[-3000:])

# The marker, with its link to the note of its ground in the notice.
MARKER = re.compile(r'<span class="withheld" title="[^"]*"><span '
                    r'aria-hidden="true">■■■</span><span class="vh">'
                    r'依法不予公开</span></span><sup class="ref"><a '
                    r'href="#ground-(\d+)" id="ground-ref-\d+" '
                    r'aria-describedby="ground-\1-text"><span class="vh">'
                    r'依据见本页说明第</span>\1<span class="vh">条</span>'
                    r'</a></sup>')


def demote(html):
    """The body's headings one level down, as the portal sets them."""
    return re.sub(r"<(/?)h([1-6])\b",
                  lambda m: "<%sh%d" % (m.group(1), min(int(m.group(2)) + 1,
                                                        6)), html)


def body(n):
    path = os.path.join(out, "cases", "SPEC-2024-%04d" % n, "index.html")
    if not os.path.exists(path):
        return None
    page = open(path, encoding="utf-8").read()
    i = page.find('<h2 id="h-details">')
    if i < 0:
        return ""     # an empty body has no section
    i = page.index("\n", i) + 1
    return page[i:page.index("</section>", i)]


BOX = re.compile(r'<div class="scroll" role="group" tabindex="0" '
                 r'aria-label="[^"<>]+">\n(<table>.*?</table>)\n</div>',
                 re.S)


def untheme(html):
    """The body without the theme's tables: each table out of its box,
    its header cells without their scope (checked on their own below)."""
    return BOX.sub(lambda m: re.sub(r'<th scope="col"', "<th",
                                    m.group(1)), html)


def cli(args, md):
    return subprocess.run(args, input=md, capture_output=True,
                          text=True).stdout


behind = sorted(n for n, md in examples.items() if n < OWN_BASE and
                cli(["cmark"], md) != cli(GFM, md))
t.eq(behind, sorted(BEHIND), "cmark-gfm renders every example of the 0.30 "
     "spec as cmark 0.30.2 does, but for those listed with their reason")

same, withheld, other = [], [], []
for n, md in sorted(examples.items()):
    want = cli(GFM, md)
    got = body(n)
    if got is None:
        other.append("%d: no page" % n)
        continue
    if untheme(got).strip() == demote(want).strip():
        same.append(n)
    elif MARKER.search(got):
        withheld.append(n)
    else:
        other.append("%d:\n  markdown: %r\n  cmark-gfm: %r\n  portal:    %r"
                     % (n, md, demote(want), got))
print("# %d of %d examples identical to cmark-gfm's HTML; %d differ where "
      "personal data is withheld (%s)" % (len(same), len(examples),
                                          len(withheld), withheld))
t.ok(not other, "every example's body is cmark-gfm's HTML, but for "
     "headings one level down, withheld personal data and the theme's "
     "tables", "\n".join(other[:10]))
t.ok(len(same) + len(withheld) == len(examples) and len(same) > 0,
     "%d examples identical, %d with data withheld" % (len(same),
                                                      len(withheld)))
own = [n for n in examples if n >= OWN_BASE]
t.ok(all(n in same for n in own), "our own table and strikethrough "
     "examples are among the identical ones", [n for n in own
                                               if n not in same])

# Our examples as written by hand, the theme included.
b = body(OWN_BASE)
m = BOX.search(b or "")
t.eq(b.strip() if b else b, m.group(0) if m else "",
     "a table is the whole body of its example, in the theme's box")
t.eq(m.group(1) if m else None,
     '<table>\n<thead>\n<tr>\n'
     '<th scope="col" align="left">项目</th>\n'
     '<th scope="col" align="right">金额</th>\n'
     '<th scope="col" align="center">日期</th>\n'
     '</tr>\n</thead>\n<tbody>\n<tr>\n'
     '<td align="left">改造投入</td>\n<td align="right">45万元</td>\n'
     '<td align="center">2022-03-01</td>\n</tr>\n<tr>\n'
     '<td align="left">租金</td>\n<td align="right">9.6万元</td>\n'
     '<td align="center">2023-06-30</td>\n</tr>\n</tbody>\n</table>',
     "a pipe table: header cells with scope=\"col\", alignment as align")
t.eq((body(OWN_BASE + 6) or "").strip(),
     "<p>原定<del>15万元</del>调整为12万元，工期3~5个月，~单个~不划线。</p>",
     "two tildes strike through, one is text")
t.eq((body(OWN_BASE + 4) or "").strip(),
     "<p>| 甲 | 乙 |\n| --- |\n| 1 | 2 |</p>",
     "a delimiter row narrower than the header makes no table")
b = body(OWN_BASE + 9) or ""
t.ok("<b>" not in b and "<script>" not in b and
     b.count("<!-- raw HTML omitted -->") == 4 and "<td><del>删</del></td>"
     in b and "<td>&lt;b&gt;</td>" in b, "raw HTML in a cell is omitted",
     b)
t.done()
