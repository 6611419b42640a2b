"""Chinese has no spaces between words: a line break of the source between
two wide characters (CJK, full-width punctuation) renders as nothing, in
a body, in its excerpts and in site.yaml's introduction; a break next to
Latin text stays a break, and a hard break stays a <br>.
"""
import os
import re

from testlib import TAP, build, copy_content, read, tmpdir, write

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
src = read(os.path.join(content, "cases", "2023", "CL-2023-001.md"))
head, body = src.split("\n---\n", 1)
head = head.replace("CL-2023-001", "CL-2023-950")
head = re.sub(r"\nsummary:.*", "", head)
write(os.path.join(content, "cases", "2023", "CL-2023-950.md"),
      head + "\n---\n" + "项目组在推进过程中\n发现前期测算有误，\n及时报告并\n"
      "纠正。\n\nThe plan was\nrevised 当日\n生效。\n\n末行硬换行  \n第二行。\n")
siteyaml = os.path.join(content, "site.yaml")
y = read(siteyaml)
y = re.sub(r"(?m)^intro:.*(\n[ \t]+.*)*", "intro: |\n  本门户公开容错纠错\n  案件的处理结果。", y)
write(siteyaml, y)
site = os.path.join(work, "site")
r = build(content, site)
t.ok(r.returncode == 0, "the portal builds", r.stderr)
page = read(os.path.join(site, "cases", "CL-2023-950", "index.html"))
t.ok("项目组在推进过程中发现前期测算有误，及时报告并纠正。" in page,
     "a body's line breaks between Chinese characters render as nothing",
     re.findall(r"项目组.{0,40}", page, re.S))
t.ok("The plan was\nrevised 当日生效。" in page,
     "a break next to Latin text stays; one between Chinese goes",
     re.findall(r"The plan.{0,30}", page, re.S))
t.ok("末行硬换行<br />\n第二行。" in page, "a hard break stays a <br>",
     re.findall(r"末行.{0,30}", page, re.S))
home = read(os.path.join(site, "index.html"))
t.ok("本门户公开容错纠错案件的处理结果。" in home,
     "site.yaml's introduction too", re.findall(r"本门户.{0,30}", home, re.S))
from searchindex import Index
ix = Index(site)
doc = [ix.doc(i) for i in range(ix.meta["cases"])
       if ix.doc(i)["id"] == "CL-2023-950"]
t.ok(doc and doc[0]["summary"].startswith(
    "项目组在推进过程中发现前期测算有误，及时报告并纠正。"),
     "the excerpt of a case without a summary has no space either",
     doc and doc[0]["summary"])
t.done()
