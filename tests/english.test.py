"""An English portal of Chinese cases: every run of Chinese text in its pages
is marked lang="zh-CN" (a screen reader reads it in Chinese), and the
English interface uses half-width punctuation ("Case number:", not
"Case number：").
"""
import os
import re

import html5lib

from testlib import TAP, build, copy_content, read, tmpdir, write

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
p = os.path.join(content, "site.yaml")
y = read(p)
y = re.sub(r"(?m)^language:.*\n", "", y) + "language: en\n"
write(p, y)
site = os.path.join(work, "site")
r = build(content, site)
t.ok(r.returncode == 0, "the sample builds as an English portal", r.stderr)

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
FULL = re.compile(r"[：；，（）。、]")
RAW = {"title", "option", "script", "style", "textarea"}


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def walk(el, lang, insvg, out, marks):
    tag = local(el.tag)
    lang = el.get("lang") or el.get("{http://www.w3.org/XML/1998/namespace}lang") or lang
    insvg = insvg or tag == "svg"
    skip = tag in RAW or (insvg and tag not in ("text", "tspan", "svg"))
    if el.text and not skip:
        check(el.text, lang, out, marks)
    for ch in el:
        walk(ch, lang, insvg, out, marks)
        if ch.tail and not skip:
            check(ch.tail, lang, out, marks)


def check(text, lang, out, marks):
    zh = (lang or "").startswith("zh")
    if HAN.search(text) and not zh:
        out.append(text.strip()[:40])
    # Full-width marks by Latin words: a label of the interface.
    if not zh and FULL.search(text) and re.search(r"[A-Za-z]", text):
        marks.append(text.strip()[:40])


unmarked, marks, pages = {}, {}, 0
for d, _, fs in os.walk(site):
    for f in fs:
        if not f.endswith(".html"):
            continue
        rel = os.path.relpath(os.path.join(d, f), site)
        doc = html5lib.parse(read(os.path.join(d, f)),
                             namespaceHTMLElements=False)
        pages += 1
        out, mk = [], []
        walk(doc, None, False, out, mk)
        if out:
            unmarked[rel] = out[:3]
        if mk:
            marks[rel] = mk[:3]
t.ok(pages > 50 and not unmarked, "every run of Chinese text in the %d pages "
     "is marked lang=\"zh-CN\"" % pages, list(unmarked.items())[:8])
t.ok(not marks, "the English interface has no full-width punctuation",
     list(marks.items())[:8])
# The templates write their punctuation through the UI strings, and the
# English strings use half-width punctuation.
tdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                    "templates")
full = [f for f in os.listdir(tdir) if f.endswith(".tpl") and
        FULL.search(read(os.path.join(tdir, f)))]
t.ok(not full, "no template writes full-width punctuation itself", full)
en = read(os.path.join(tdir, "strings.yaml")).split("\nen:\n", 1)[1]
t.ok(not FULL.search(en), "the English strings use half-width punctuation",
     [l for l in en.splitlines() if FULL.search(l)][:5])
page = read(os.path.join(site, "cases", "CL-2024-002", "index.html"))
t.ok("Case number: CL-2024-002" in page or
     re.search(r"Case number: *(<[^>]+>)*CL-2024-002", page),
     "a label reads \"Case number: CL-2024-002\"",
     re.findall(r"Case number.{0,20}", page))
home = read(os.path.join(site, "index.html"))
t.ok('<html lang="en"' in home, "the pages are English")

# A Chinese portal is not marked: its text is in the page's language.
zh = os.path.join(work, "zh")
r = build(copy_content(os.path.join(work, "zhcontent")), zh)
page = read(os.path.join(zh, "cases", "CL-2024-002", "index.html"))
t.ok(r.returncode == 0 and 'lang="zh-CN">' not in page.split("<body>", 1)[1]
     and "案件编号：CL-2024-002" in page,
     "a Chinese portal marks nothing and keeps its full-width colon")
t.done()
