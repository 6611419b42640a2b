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

t.done()
