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
    m = re.search(r"镇里的(?:<[^>]*>)*(萧某[甲乙丙丁]?)(?:<[^>]*>)*主任和"
                  r"(?:<[^>]*>)*(萧某[甲乙丙丁]?)(?:<[^>]*>)*老师", seg)
    t.ok(lixin and deming and "立新主任" not in seg and "德明老师" not in seg
         and m, "a given name of another case's person before a title: "
         "replaced", seg)
    # 德明 is this case's own person; 立新, another case's, of the same
    # surname: two people, two pseudonyms.
    t.ok(m and m.group(1) != m.group(2),
         "and told apart from the case's own person of the surname", seg)
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

# Two people of one surname on one page never read alike, wherever they
# come from.  A person of another case keeps that case's pseudonym,
# unless the page names someone else of the surname who would read the
# same (its own person, or a person of a third case): then the page
# gives all of that surname theirs, 甲, 乙, …, its own people first.
# Two sets of names: surnames of one character and compound ones.
PSEUD = r"((?:%s)某[甲乙丙丁]?)"
for sa, sc, sd, other in (("邵", "聂", "柯", "钟"),
                          ("司马", "欧阳", "上官", "诸葛")):
    cast = copy_content(cases=False)
    write(os.path.join(cast, "rules.yaml"),
          read(os.path.join(CONTENT, "rules.yaml")))
    people = {
        # id: (subject, [witnesses])
        "CL-2024-201": (sa + "振华", [other + "淑珍"]),
        "CL-2024-202": (sa + "立国", [other + "文博"]),
        "CL-2024-203": (other + "海宁", [other + "秀梅"]),
        "CL-2024-204": (sc + "红霞", [other + "国庆"]),
        "CL-2024-205": (sc + "德胜", [other + "建英"]),
        "CL-2024-206": (other + "春生", [other + "兰芳"]),
        "CL-2024-207": (sd + "明远", [sd + "桂香"]),
    }
    said = {
        # another case's people, named in this case's body
        "CL-2024-202": ("甲方" + people["CL-2024-201"][0] + "；乙方" +
                        people["CL-2024-202"][0] + "。"),
        "CL-2024-203": ("甲方" + people["CL-2024-204"][0] + "；乙方" +
                        people["CL-2024-205"][0] + "。"),
        "CL-2024-206": ("甲方" + people["CL-2024-207"][1][0] + "；乙方" +
                        people["CL-2024-207"][0] + "。"),
    }
    for cid, (subj, wits) in people.items():
        text = BASE.replace("id: CL-2024-003", "id: " + cid, 1)
        text = text.replace("萧雅琴", subj)
        text = text.replace("顾成林", wits[0]).replace(
            "  - name: 戴素芬\n    position: 县教育局督导室主任\n"
            "    phone: \"13900003707\"\n", "").replace("、局督导室主任戴素芬", "")
        if cid in said:
            text += "\n\n核查记录：" + said[cid] + "\n"
        write(os.path.join(cast, "cases", "2024", cid + ".md"), text)
    sites = []
    for jobs in ("1", "2"):
        out = os.path.join(tmpdir(), "site")
        r = build(cast, out, "-j", jobs)
        t.ok(r.returncode == 0, "%s, %s, %s: the portal builds (-j %s)" %
             (sa, sc, sd, jobs), r.stderr[-2000:])
        sites.append(out)
    pages = {cid: read(os.path.join(sites[0], "cases", cid, "index.html"))
             for cid in people}
    t.ok(all(pages[cid] == read(os.path.join(sites[1], "cases", cid,
                                             "index.html"))
             for cid in people),
         "%s, %s, %s: the pages read the same for -j 1 and -j 2" %
         (sa, sc, sd))

    def named(cid, sur):
        """The pseudonyms after 甲方 and 乙方 in the case's record."""
        page = pages[cid]
        seg = page[page.find("核查记录"):]
        out = []
        for mark in ("甲方", "乙方"):
            m = re.search(re.escape(mark) + r"(?:<[^>]*>)*" + PSEUD % sur,
                          seg)
            out.append(m.group(1) if m else None)
        return out

    def listed(cid, sur):
        """The pseudonyms the case's list of people shows."""
        return re.findall(r'<span class="changed"[^>]*>' + PSEUD % sur +
                          r"</span>", pages[cid][:pages[cid].find(
                              '<section class="body"')])

    x, own = named("CL-2024-202", sa)
    t.ok(x and own and x != own and own in listed("CL-2024-202", sa),
         "a person of another case beside the page's own person of the "
         "surname %s: told apart (%s, %s), the own person as listed (%s)" %
         (sa, x, own, listed("CL-2024-202", sa)))
    t.ok(own == sa + "某甲" and x == sa + "某乙",
         "the page's own person first (%s某甲), then the other (%s某乙)" %
         (sa, sa), (own, x))
    t.ok(listed("CL-2024-201", sa) == [sa + "某"],
         "in the other person's own case, the pseudonym stays %s某" % sa,
         listed("CL-2024-201", sa))
    a, b = named("CL-2024-203", sc)
    t.ok(a and b and a != b and {a, b} == {sc + "某甲", sc + "某乙"},
         "two people of other cases, %s某 each in theirs: told apart on a "
         "third page (%s, %s)" % (sc, a, b))
    w, s_ = named("CL-2024-206", sd)
    home = listed("CL-2024-207", sd)
    t.ok(home == [sd + "某甲", sd + "某乙"] and (w, s_) == (home[1], home[0]),
         "two people of one other case, told apart there: they keep its "
         "pseudonyms (%s, %s)" % (s_, w), (home, w, s_))
    full = [n for subj, wits in people.values() for n in [subj] + wits]
    leaked = [(p, n) for p in tree_files(sites[0]) for n in full
              if n in read(p)]
    t.ok(not leaked, "no file of the portal holds a full name",
         leaked[:5])

t.done()
