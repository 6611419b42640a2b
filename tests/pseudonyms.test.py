"""One name, many cases: each page speaks of its own person.

Several records name a person of the same name; in some of them another
person shares the surname, so that the pseudonyms differ from case to
case (萧某 here, 萧某甲 there).  Wherever a record's body names its own
person, its page must show the pseudonym its own people list shows, never
the one another case gives a namesake; and the full name appears on no
page.  Built with one job and with several.
"""
import os
import re
import shutil


def tree_files(root):
    return [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs]

from testlib import CONTENT, TAP, build, copy_content, read, tmpdir, write

t = TAP()

BASE = read(os.path.join(CONTENT, "cases", "2024", "CL-2024-003.md"))
NAME = "萧雅琴"
SAME = ["萧志远", "萧立新", "萧德明"]   # namesakes of the surname

content = copy_content(cases=False)
# The records name items of the sample's declared list.
write(os.path.join(content, "rules.yaml"),
      read(os.path.join(CONTENT, "rules.yaml")))
ids = []
for i in range(9):
    cid = "CL-2024-%03d" % (101 + i)
    ids.append(cid)
    text = BASE.replace("id: CL-2024-003", "id: " + cid, 1)
    if i % 3 != 0:
        # A witness of the same surname: the subject's pseudonym changes.
        other = SAME[i % len(SAME)]
        text = text.replace("  - name: 顾成林", "  - name: %s" % other, 1)
        text = text.replace("顾成林", other)
    write(os.path.join(content, "cases", "2024", cid + ".md"), text)

for jobs in ("1", "3"):
    out = os.path.join(tmpdir(), "site")
    r = build(content, out, "-j", jobs)
    if not t.ok(r.returncode == 0, "-j %s: the portal builds" % jobs,
                r.stderr[-2000:]):
        continue
    wrong, shown = [], set()
    for cid in ids:
        page = read(os.path.join(out, "cases", cid, "index.html"))
        people = set(re.findall(r'<span class="changed"[^>]*>([^<]+)</span>',
                                page))
        body = page[page.find('<section class="body"'):]
        used = set(re.findall(r"萧某[甲乙丙丁戊己庚辛壬癸]?", body))
        shown |= used
        if not used or not used <= people or NAME in page:
            wrong.append((cid, sorted(used), sorted(people)))
    t.ok(not wrong, "-j %s: each of %d pages names its own person by its "
         "own pseudonym" % (jobs, len(ids)), wrong)
    t.ok(len(shown) >= 2, "-j %s: the cases give the name different "
         "pseudonyms (%s)" % (jobs, ", ".join(sorted(shown))))

# A given name before a title (雅琴同志, 立新主任) names its person as the
# whole name does: in the person's own case and in another, it is
# replaced by the pseudonym of the person's own case.  Before another
# surname it is another person's name, whom the build asks to declare;
# with no title it stays (建立新制度).
given = copy_content(cases=False)
shutil.rmtree(os.path.join(given, "cases"))
shutil.copytree(os.path.join(content, "cases"), os.path.join(given, "cases"))
write(os.path.join(given, "rules.yaml"), read(os.path.join(content, "rules.yaml")))
own = os.path.join(given, "cases", "2024", "CL-2024-101.md")
write(own, read(own) + "\n\n会后，雅琴同志补充了材料。\n\n据雅琴本人陈述，"
      "材料已补齐；雅琴表示认可，同事都叫她雅琴姐。\n")
third = os.path.join(given, "cases", "2024", "CL-2024-103.md")
write(third, read(third) + "\n\n座谈会上，镇里的立新主任和德明老师先后发言，"
      "随后学校建立新制度。\n")
out = os.path.join(tmpdir(), "site")
r = build(given, out)
if t.ok(r.returncode == 0, "given names before titles: the portal builds",
        r.stderr[-2000:]):
    pages = {cid: read(os.path.join(out, "cases", cid, "index.html"))
             for cid in ids}

    def pseud(cid, name):
        m = re.search(r'<span class="changed"[^>]*>(萧某[甲乙丙丁]?)</span>'
                      r'[^<]*%s' % name, pages[cid])
        return m.group(1) if m else None

    body = pages["CL-2024-101"]
    t.ok("雅琴" not in body and "萧某同志补充了材料" in body,
         "a given name before a title in its own case: the pseudonym",
         body[body.find("补充了材料") - 300:body.find("补充了材料")])
    body = pages["CL-2024-103"]
    seg = body[body.find("座谈会上"):body.find("先后发言")]
    lixin = [cid for cid in ids if "萧立新" in read(os.path.join(
        given, "cases", "2024", cid + ".md"))]
    deming = [cid for cid in ids if "萧德明" in read(os.path.join(
        given, "cases", "2024", cid + ".md"))]
    t.ok(lixin and deming and "立新主任" not in seg and "德明老师" not in seg
         and re.search(r"镇里的萧某[甲乙]?主任和萧某[甲乙]?老师", seg),
         "a given name of another case's person before a title: replaced",
         seg)
    t.ok("建立新制度" in body, "a given name with no title stays")
    leaked = [p for p in tree_files(out) if "立新主任" in read(p) or
              "雅琴同志" in read(p) or "德明老师" in read(p)]
    t.ok(not leaked, "no file of the portal holds a given name before its "
         "title", leaked[:5])
    said = [p for p in tree_files(out) if any(
        w in read(p) for w in ("雅琴本人", "雅琴表示", "雅琴姐"))]
    t.ok(not said and "萧某本人陈述" in pages["CL-2024-101"],
         "a given name before 本人, 表示 or a word of family (姐) is the "
         "person's: no file of the portal holds it", said[:5])
write(third, read(third).replace("德明老师", "刘德明老师"))
r = build(given, os.path.join(tmpdir(), "site"))
t.ok(r.returncode == 1 and "\"刘德明\" looks like the name of a person" in
     r.stderr, "before another surname, a given name is another person's: "
     "the build asks to declare them", r.stderr[-2000:])
write(third, read(third).replace("镇里的立新主任", "镇里的刘立新主任"))
write(polpath := os.path.join(given, "policy.yaml"),
      read(polpath).replace("ordinary: []", "ordinary: [刘德明老师]"))
r = build(given, out)
page = read(os.path.join(out, "cases", "CL-2024-103", "index.html"))
t.ok(r.returncode == 0 and "镇里的刘立新主任和刘德明老师" in page,
     "and once it is settled, it stays, and the audit passes it",
     r.stderr[-2000:])

t.done()
