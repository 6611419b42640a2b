"""Incremental builds: the cache in .disclose-cache/ beside content/.

A rebuild with nothing changed writes nothing.  After each kind of
change (a record edited, added, removed or withdrawn, an embargo that
ends, a template, policy.yaml or site.yaml edited) the rebuilt portal is
byte for byte the portal that a clean build of the same content makes,
and the files that did not change are the very files that were there
(same inode, same mtime).  A file of the portal changed by hand is not
trusted.  --full ignores the cache, and two builds of one output wait
for each other.
"""
import datetime
import fcntl
import glob
import os
import re
import shutil
import subprocess
import time

from testlib import (CONTENT, DISCLOSE, EPOCH, TAP, TEMPLATES, read, run,
                     tmpdir, tree, write)

t = TAP()


def ibuild(content, out, *args, templates=TEMPLATES, epoch=EPOCH):
    return run("build", "-C", content, "-t", templates, "-o", out, "-j",
               "2", *args, env={"SOURCE_DATE_EPOCH": epoch})


def stats(root):
    """{path: (inode, mtime, ctime)} of every file under root."""
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            st = os.lstat(p)
            out[os.path.relpath(p, root)] = (st.st_ino, st.st_mtime_ns,
                                             st.st_ctime_ns)
    return out


def clean_build(content, templates=TEMPLATES, epoch=EPOCH):
    """The portal a clean build makes of a copy of content (its own
    cache, in a directory of its own)."""
    d = tmpdir()
    c = os.path.join(d, "content")
    shutil.copytree(content, c, symlinks=True)
    r = ibuild(c, os.path.join(d, "site"), templates=templates, epoch=epoch)
    if r.returncode != 0:
        return None, r
    return tree(os.path.join(d, "site")), r


def case_file(content, cid):
    return glob.glob(os.path.join(content, "cases", "*", cid + ".md"))[0]


def page(cid):
    return os.path.join("cases", cid, "index.html")


work = tmpdir()
content = os.path.join(work, "content")
shutil.copytree(CONTENT, content)
templates = os.path.join(work, "templates")
shutil.copytree(TEMPLATES, templates)
out = os.path.join(work, "site")

r = ibuild(content, out, templates=templates)
t.ok(r.returncode == 0, "the first build", r.stderr)
t.ok(glob.glob(os.path.join(work, ".disclose-cache", "*.state")),
     "the cache is beside content/, in .disclose-cache/")


def whole_spare(what):
    """A build that had no spare leaves one: every file of the portal,
    the very same file (a hard link), and nothing else."""
    held, live = stats(os.path.join(work, ".site.spare")), stats(out)
    t.ok(len(live) > 100 and set(held) == set(live) and
         all(live[p][0] == held[p][0] for p in live),
         "%s leaves a spare of every file of the portal, the very same "
         "ones (%d of %d)" % (what, len(held), len(live)),
         sorted(set(held) ^ set(live))[:5] +
         [p for p in held if p in live and live[p][0] != held[p][0]][:5])


whole_spare("the first build")

# --- Nothing changed ---------------------------------------------------
before = stats(out)
t0 = time.monotonic()
r = ibuild(content, out, templates=templates)
t.ok(r.returncode == 0 and "up to date" in r.stdout,
     "nothing changed: the build says the portal is up to date",
     r.stdout + r.stderr)
t.ok(stats(out) == before, "nothing changed: no file of the portal is "
     "written, moved or touched (%d files)" % len(before))
t.eq(sorted(os.listdir(work)), [".disclose-cache", ".site.spare",
                                "content", "site", "templates"],
     "nothing changed: no staging directory was made")


def check(name, epoch=EPOCH, expect_changed=(), expect_kept=(),
          untrusted=()):
    """Rebuild incrementally; compare with a clean build.  The files
    untrusted were touched since (their ctime moved): they may be
    written anew."""
    old = stats(out)
    # Every published file held open: whatever the rebuild takes from
    # the portal, it never writes through to a file that was published.
    held = {p: os.open(os.path.join(out, p), os.O_RDONLY)
            for p in sorted(old)[:900]}
    r = ibuild(content, out, templates=templates, epoch=epoch)
    through = []
    for p, fd in held.items():
        if os.pread(fd, len(prev[p]) + 1, 0) != prev[p]:
            through.append(p)
        os.close(fd)
    t.ok(held and not through, "%s: none of the %d published files was "
         "written through" % (name, len(held)), through[:10])
    if not t.ok(r.returncode == 0 and "up to date" not in r.stdout,
                "%s: the rebuild builds" % name, r.stdout + r.stderr):
        return
    want, rc = clean_build(content, templates, epoch)
    got = tree(out)
    diff = sorted(p for p in set(got) | set(want or {})
                  if got.get(p) != (want or {}).get(p))
    t.ok(want is not None and not diff,
         "%s: byte for byte the portal of a clean build (%d files)"
         % (name, len(got)), diff[:10] if want else rc.stderr)
    new = stats(out)
    same = [p for p in new if p in old and got[p] == prev.get(p)
            and p not in untrusted]
    kept = [p for p in same if new[p][:2] == old[p][:2]]
    t.ok(same and len(kept) == len(same),
         "%s: each of the %d unchanged files is the file that was there "
         "(inode and mtime)" % (name, len(same)),
         sorted(set(same) - set(kept))[:10])
    for p in expect_changed:
        t.ok(p in new and (p not in old or new[p][:2] != old[p][:2]),
             "%s: %s is written anew" % (name, p))
    for p in expect_kept:
        t.ok(p in new and new[p][:2] == old[p][:2],
             "%s: %s is kept" % (name, p))


prev = tree(out)

# --- A record edited ---------------------------------------------------
f = case_file(content, "CL-2024-003")
text = read(f)
write(f, text.rstrip("\n") + "\n\n补充说明：整改工作已全部完成。\n")
check("a record edited", expect_changed=[page("CL-2024-003"), "feed.xml"],
      expect_kept=[page("CL-2024-004"), page("CL-2023-001")])
t.ok("整改工作已全部完成" in read(os.path.join(out, page("CL-2024-003"))),
     "a record edited: its page shows the edit")
prev = tree(out)

# --- A record's title edited -------------------------------------------
# The pages of other cases that link to it show its new title.
f = case_file(content, "CL-2024-004")
text = read(f)
old_title = re.search(r"(?m)^title: (.+)$", text).group(1)
write(f, text.replace("title: " + old_title, "title: " + old_title +
                      "（更正）", 1))
linking = [p for p, v in prev.items() if p.startswith("cases/CL-")
           and p != page("CL-2024-004") and
           b"cases/CL-2024-004/index.html" in v]
check("a record's title edited", expect_changed=[page("CL-2024-004")])
t.ok(linking and all((old_title + "（更正）").encode() in tree(out)[p]
                     for p in linking),
     "a record's title edited: the %d pages of cases that link to it show "
     "the new title" % len(linking))
prev = tree(out)

# --- A record added ----------------------------------------------------
src = case_file(content, "CL-2024-004")
dst = os.path.join(os.path.dirname(src), "CL-2024-090.md")
text = read(src).replace("id: CL-2024-004", "id: CL-2024-090", 1)
write(dst, text)
check("a record added", expect_changed=[page("CL-2024-090")],
      expect_kept=[page("CL-2023-001")])
prev = tree(out)

# --- A record removed --------------------------------------------------
os.unlink(dst)
check("a record removed", expect_kept=[page("CL-2023-001")])
t.ok(not os.path.exists(os.path.join(out, page("CL-2024-090"))),
     "a record removed: its page is gone")
prev = tree(out)

# --- The spare ---------------------------------------------------------
# The portal swapped out is kept beside the new one as .site.spare, once
# it holds only what the portal holds too: the very same files.  The
# next build takes it for its staging directory and brings it up to
# date; whatever else it finds there is not published.
spare = os.path.join(work, ".site.spare")
f = case_file(content, "CL-2023-001")
write(f, read(f).rstrip("\n") + "\n\n补充说明：已向当事人送达。\n")
r = ibuild(content, out, templates=templates)
held, live = stats(spare), stats(out)
t.ok(r.returncode == 0 and len(held) > 100 and all(
    p in live and live[p][0] == held[p][0] for p in held),
     "the spare holds only files of the portal, the very same ones (%d of "
     "%d)" % (len(held), len(live)),
     [p for p in held if p not in live or live[p][0] != held[p][0]][:10])
t.ok(page("CL-2023-001") not in held and page("CL-2024-090") not in held,
     "the spare holds neither the page as it was before the edit nor the "
     "page of the record removed")
prev = tree(out)
# What the spare holds that the build would not make: a page of no case,
# a page that is not the published one, a directory where a file goes,
# with a file in it.
# (Taking a file out of the spare moves the ctime of the published file
# it was linked to: that file is no longer trusted, and is written anew.)
os.makedirs(os.path.join(spare, "cases", "ZZ-2099-999"))
write(os.path.join(spare, "cases", "ZZ-2099-999", "index.html"),
      "<p>PLANTED-IN-SPARE</p>")
os.unlink(os.path.join(spare, "index.html"))
write(os.path.join(spare, "index.html"), "<p>PLANTED-IN-SPARE</p>")
os.unlink(os.path.join(spare, "robots.txt"))
os.makedirs(os.path.join(spare, "robots.txt", "x"))
write(os.path.join(spare, "robots.txt", "x", "index.html"),
      "<p>PLANTED-IN-SPARE</p>")
spare_ino = os.stat(spare).st_ino
write(f, read(f).rstrip("\n") + "\n\n又：已归档。\n")
check("a record edited once more, the spare taken up",
      expect_changed=[page("CL-2023-001")],
      expect_kept=[page("CL-2024-004")],
      untrusted=("index.html", "robots.txt"))
t.eq(os.stat(out).st_ino, spare_ino,
     "the portal is the spare brought up to date")
t.ok(not any(b"PLANTED-IN-SPARE" in v for v in tree(out).values()),
     "nothing that lay in the spare and that the build did not make is "
     "published")
prev = tree(out)

# --- A record withdrawn ------------------------------------------------
f = case_file(content, "CL-2024-005")
text = read(f)
text = re.sub(r"(?m)^status: closed$", "status: withdrawn", text, 1)
text = re.sub(r"(?m)^(published: .*)$",
              r"\1\nwithdrawn:\n  date: 2025-01-10\n  reason: 申请人主动撤回",
              text, 1)
write(f, text)
check("a record withdrawn", expect_changed=[page("CL-2024-005")])
prev = tree(out)

# --- An embargo ends ---------------------------------------------------
late = [p for p in glob.glob(os.path.join(content, "cases", "*", "*.md"))
        if re.search(r"(?m)^published: 2030-", read(p))
        and re.search(r"(?m)^status: closed", read(p))]
cid = os.path.basename(late[0])[:-3]
day = re.search(r"(?m)^published: (\S+)", read(late[0])).group(1)
after = datetime.datetime.fromisoformat(day).replace(
    tzinfo=datetime.timezone.utc) + datetime.timedelta(days=2)
later = str(int(after.timestamp()))
r = ibuild(content, out, templates=templates)
t.ok("up to date" in r.stdout, "before the embargo ends the portal is up "
     "to date", r.stdout + r.stderr)
check("the embargo of %s ends" % cid, epoch=later,
      expect_changed=[page(cid)])
t.ok(os.path.exists(os.path.join(out, page(cid))),
     "the embargo ends: the case is published")
prev = tree(out)

# --- A template edited -------------------------------------------------
tpl = os.path.join(templates, "case.tpl")
write(tpl, read(tpl).replace("</article>", "<p class=\"note\">本页内容"
                             "以正式文件为准。</p></article>", 1))
check("a template edited", epoch=later, expect_changed=[
    page("CL-2023-001")])
t.ok("以正式文件为准" in read(os.path.join(out, page("CL-2023-001"))),
     "a template edited: the pages show it")
prev = tree(out)

# --- policy.yaml edited ------------------------------------------------
# The public now sees the identity numbers of subjects masked, not
# withheld: every page that shows one changes.
pol = os.path.join(content, "policy.yaml")
text = read(pol)
new = re.sub(r"(?m)^(  subject\.id_number:\n    public:) \{op: withhold, "
             r"ground: privacy\}$",
             r"\1 {op: mask, first: 2, last: 1, ground: privacy}", text, 1)
t.ok(new != text, "policy.yaml: subject.id_number is now masked")
write(pol, new)
number = re.search(r'(?m)^  id_number: "?([0-9Xx]+)"?$',
                   read(case_file(content, "CL-2024-003"))).group(1)
check("policy.yaml edited", epoch=later,
      expect_changed=[page("CL-2024-003")])
shown = read(os.path.join(out, page("CL-2024-003")))
t.ok(number not in shown and number[:2] + "*" in shown.replace(
    "\u2217", "*"), "policy.yaml edited: the page shows the number masked")
prev = tree(out)

# --- site.yaml edited --------------------------------------------------
cfg = os.path.join(content, "site.yaml")
text = read(cfg)
title = re.search(r"(?m)^title: (.+)$", text).group(1)
write(cfg, text.replace("title: " + title, "title: " + title + "（试行）", 1))
check("site.yaml edited", epoch=later,
      expect_changed=["index.html", page("CL-2023-001")])
prev = tree(out)

# --- The protected set changes ----------------------------------------
# The records redacted before are kept in the cache, each under the key
# of the record, the program, site.yaml, policy.yaml and every protected
# person: a name that another case comes to protect is withheld in a
# record that did not change.
NAME = "司马青禾"
f2 = case_file(content, "CL-2024-004")
write(f2, read(f2).rstrip("\n") + "\n\n会议由%s记录。\n" % NAME)
check("a record's text names someone no case declares", epoch=later,
      expect_changed=[page("CL-2024-004")])
t.ok(NAME in read(os.path.join(out, page("CL-2024-004"))),
     "a name no case declares is shown")
prev = tree(out)
f3 = case_file(content, "CL-2022-001")
text = read(f3)
t.ok("\nwitnesses:\n" in text, "CL-2022-001 has witnesses")
write(f3, text.replace("\nwitnesses:\n", "\nwitnesses:\n  - name: %s\n"
                       "    position: 村民\n" % NAME, 1))
check("another case comes to protect the name", epoch=later,
      expect_changed=[page("CL-2024-004")])
t.ok(NAME not in read(os.path.join(out, page("CL-2024-004"))),
     "another case comes to protect the name: the unchanged record's "
     "page withholds it")
prev = tree(out)

# --- The people a record names, checked once ---------------------------
# A record whose every person is declared passed its check in silence:
# it is not checked again while neither it nor the declared names
# change.  Once the declaration it relied on goes, the record that did
# not change fails the build, as in a clean build.
WHO = "龚雪梅"
f4 = case_file(content, "CL-2023-001")
body4 = read(f4)
write(f4, body4.rstrip("\n") + "\n\n核查组询问了村民%s。\n" % WHO)
decl = read(f3)
write(f3, decl.replace("\nwitnesses:\n", "\nwitnesses:\n  - name: %s\n"
                       "    position: 村民\n" % WHO, 1))
r = ibuild(content, out, templates=templates, epoch=later)
t.ok(r.returncode == 0, "a record names a person another declares",
     r.stderr)
write(f2, read(f2) + "\n补充：已通知当事人。\n")
r = ibuild(content, out, "--timings", templates=templates, epoch=later)
m = re.search(r"(?m)(\d+) of (\d+) records' people as checked before",
              r.stderr)
t.ok(r.returncode == 0 and m and int(m.group(1)) > 10 and
     int(m.group(1)) < int(m.group(2)),
     "another record edited: the people of the others are not checked "
     "again (%s)" % (m and m.group(0)), r.stderr)
shown = tree(out)
write(f3, decl)
r = ibuild(content, out, templates=templates, epoch=later)
want = clean_build(content, templates, later)[1]
errs = sorted(x for x in r.stderr.splitlines() if ": error: " in x)
t.ok(r.returncode != 0 and errs and any(WHO in x and "CL-2023-001" in x
                                        for x in errs),
     "the declaration goes: the record that did not change fails", r.stderr)
t.eq([x[x.index("cases/"):] for x in errs],
     sorted(x[x.index("cases/"):] for x in want.stderr.splitlines()
            if ": error: " in x),
     "with the very errors of a clean build")
t.ok(tree(out) == shown, "and the portal stays as it was")
pol = os.path.join(content, "policy.yaml")
strict = read(pol)
write(pol, strict.replace("undeclared: error", "undeclared: warn", 1))
r = ibuild(content, out, templates=templates, epoch=later)
write(f2, read(f2) + "\n补充：已再次通知。\n")
r2 = ibuild(content, out, templates=templates, epoch=later)
t.ok(r.returncode == 0 and r2.returncode == 0 and
     WHO in r.stderr and WHO in r2.stderr,
     "a record that was warned of is warned of again by the next build",
     r.stderr + r2.stderr)
write(pol, strict)
write(f4, body4)
r = ibuild(content, out, templates=templates, epoch=later)
t.ok(r.returncode == 0, "the record put back builds", r.stderr)
prev = tree(out)

# One record edited: every other is taken as redacted before, and the
# page of every case that shows nothing of it as it was made before.
write(f2, read(f2) + "\n补充：会议纪要已归档。\n")
r = ibuild(content, out, "--timings", templates=templates, epoch=later)
m = re.search(r"(?m)^disclose: (\d+) of (\d+) records as redacted before",
              r.stderr)
t.ok(r.returncode == 0 and m and int(m.group(2)) > 10 and
     int(m.group(1)) == int(m.group(2)) - 1,
     "one record edited: all the others are taken from the cache (%s)"
     % (m and m.group(0)), r.stderr)
m = re.search(r"(?m)^disclose: (\d+) of (\d+) pages of cases, (\d+) of "
              r"(\d+) pages of listings as made before", r.stderr)
t.ok(m and int(m.group(1)) >= int(m.group(2)) - 8 and
     int(m.group(1)) < int(m.group(2)),
     "one record edited: the pages of the cases that show nothing of it "
     "are not made again (%s)" % (m and m.group(0)), r.stderr)
# The listings that list it: every page of a list of all cases, or of
# its year, unit, category or outcome, that holds its row.
cid = os.path.basename(f2)[:-3]
lists = [p for p, v in tree(out).items()
         if ('class="row" data-case="%s"' % cid).encode() in v]
t.ok(m and int(m.group(4)) > 10 and
     int(m.group(3)) + len(lists) >= int(m.group(4)) and
     int(m.group(3)) < int(m.group(4)),
     "one record edited: the pages of the listings that do not list it "
     "are not made again (%s; %d list it)" % (m and m.group(0), len(lists)),
     r.stderr)
m = re.search(r"(?m)^disclose: (\d+) of (\d+) cases of open data, ",
              r.stderr)
t.ok(m and int(m.group(2)) > 10 and int(m.group(1)) == int(m.group(2)) - 1,
     "one record edited: the open data takes every other case's JSON and "
     "CSV as made before (%s)" % (m and m.group(0)), r.stderr)
# The feeds that list it (the portal's, its terms', the corrections')
# are made again; every other is published as it was, not made.
m = re.search(r"(?m)^disclose: (\d+) of (\d+) feeds of entries as made "
              r"before", r.stderr)
listing = [p for p, v in tree(out).items()
           if re.search(r"(^|/)(feed\.xml|atom\.xml|feed\.json|"
                        r"corrections\.xml)$", p) and cid.encode() in v]
t.ok(m and int(m.group(2)) > 10 and listing and
     int(m.group(2)) - int(m.group(1)) == len(listing),
     "one record edited: only the %d feeds that list it are made again "
     "(%s)" % (len(listing), m and m.group(0)), r.stderr)
m = re.search(r"(?m)cases of open data, (\d+) of (\d+) cases' entries of "
              r"the search index as made before", r.stderr)
t.ok(m and int(m.group(2)) > 10 and int(m.group(1)) == int(m.group(2)) - 1,
     "one record edited: the search index takes every other case's keys "
     "and text as made before (%s)" % (m and m.group(0)), r.stderr)
m = re.search(r"(?m)^disclose: (\d+) of (\d+) files, (\d+) of (\d+) cases "
              r"of open data as audited before", r.stderr)
t.ok(m and int(m.group(2)) - int(m.group(1)) < int(m.group(2)) / 4 and
     int(m.group(4)) > 40 and 0 < int(m.group(4)) - int(m.group(3)) <= 12,
     "one record edited: the audit reads only the files that changed, and "
     "of the open data only the cases it has not passed as they are (%s)"
     % (m and m.group(0)), r.stderr)
d = re.search(r"disclose_search\.doc\((\d+)", "".join(
    v.decode() for k, v in tree(out).items()
    if k.startswith("search/d/") and "会议纪要已归档" in v.decode()))
t.ok(d is not None, "and the edited case's text in the index is the new "
     "one (search/d/%s.js)" % (d and d.group(1)))
m = re.search(r"(?m)^disclose: (\d+) of (\d+) records as read before",
              r.stderr)
t.ok(m and int(m.group(1)) == int(m.group(2)) - 1,
     "one record edited: every other record is taken as read and "
     "validated before (%s)" % (m and m.group(0)), r.stderr)
want, rc = clean_build(content, templates, later)
t.ok(want is not None and tree(out) == want,
     "and the portal is that of a clean build")
prev = tree(out)

# A record read before is validated again when site.yaml changes: a unit
# it names that site.yaml no longer lists fails it, as in a clean build.
cfg = os.path.join(content, "site.yaml")
kept_cfg = read(cfg)
unit = re.search(r"(?m)^unit: (.+)$", read(f2)).group(1)
gone = re.sub(r"(?m)^  - \{name: %s, slug: [a-z]+\}\n" % re.escape(unit),
              "", kept_cfg, 1)
t.ok(gone != kept_cfg, "site.yaml lists the unit of CL-2024-004")
write(cfg, gone)
shown = tree(out)
r = ibuild(content, out, templates=templates, epoch=later)
want = clean_build(content, templates, later)[1]
errs = sorted(x[x.index("cases/"):] for x in r.stderr.splitlines()
              if ": error: " in x and "cases/" in x)
t.ok(r.returncode != 0 and errs and errs == sorted(
    x[x.index("cases/"):] for x in want.stderr.splitlines()
    if ": error: " in x and "cases/" in x),
     "a unit site.yaml no longer lists: the records read before that name "
     "it fail, with the errors of a clean build (%d)" % len(errs),
     r.stderr[-1500:])
t.ok(tree(out) == shown, "and the portal stays as it was")
write(cfg, kept_cfg)
r = ibuild(content, out, templates=templates, epoch=later)
t.ok(r.returncode == 0, "site.yaml put back: the portal builds", r.stderr)
prev = tree(out)

# Damaged entries are not trusted: they are redacted anew.
packs = glob.glob(os.path.join(work, ".disclose-cache", "*.records"))
idxs = glob.glob(os.path.join(work, ".disclose-cache", "*.index"))
nent = sum(os.path.getsize(i) // 48 for i in idxs)
t.ok(packs and nent > 10, "the cache holds the redacted records (%d)"
     % nent)
t.ok(all(os.stat(x).st_mode & 0o777 == 0o600 for x in packs + idxs),
     "they hold withheld values: the pack and its index are 0600")
for x in packs:
    data = bytearray(open(x, "rb").read())
    for i in range(0, len(data), 97):
        data[i] ^= 0x5a
    with open(x, "wb") as fh:
        fh.write(data)
write(f2, read(f2) + "\n再补充：已报上级备案。\n")
r = ibuild(content, out, "--timings", templates=templates, epoch=later)
m = re.search(r"(?m)^disclose: (\d+) of (\d+) records as redacted before",
              r.stderr)
t.ok(r.returncode == 0 and m and m.group(1) == "0",
     "every entry damaged: none is used (%s)" % (m and m.group(0)),
     r.stderr)
want, rc = clean_build(content, templates, later)
t.ok(want is not None and tree(out) == want,
     "damaged entries: the portal is that of a clean build")
prev = tree(out)

# --- An input edited while the build reads it --------------------------
# The keys are made of the bytes hashed before the build reads its
# inputs; if policy.yaml changes in between, nothing of that build may
# be kept under them.  gdb stops the build just before it reads the
# policy, and the policy is loosened then; once it is put back, the
# next build must withhold what it withholds.
rw = tmpdir()
rc_ = os.path.join(rw, "content")
shutil.copytree(CONTENT, rc_)
rout = os.path.join(rw, "site")
rpol = os.path.join(rc_, "policy.yaml")
strict = read(rpol)
loose = strict.replace("  subject.address: {op: withhold, ground: privacy}",
                       "  subject.address: keep", 1)
t.ok(loose != strict, "policy.yaml withholds subject.address")
rf = case_file(rc_, "CL-2022-001")
address = re.search(r"(?m)^  address: (.+)$", read(rf)).group(1)
r = ibuild(rc_, rout)
t.ok(r.returncode == 0 and address not in read(os.path.join(
    rout, page("CL-2022-001"))), "the address is withheld", r.stderr)
write(rf, read(rf) + "\n补充说明。\n")
script = os.path.join(rw, "gdb")
write(script, "set pagination off\nbreak policy_read\nrun\n"
      "shell cp %s.loose %s\ndelete\ncontinue\n" % (rpol, rpol))
write(rpol + ".loose", loose)
g = subprocess.run(["gdb", "-q", "-batch", "-x", script, "--args",
                    DISCLOSE, "build", "-C", rc_, "-t", TEMPLATES, "-o",
                    rout, "-j", "2"], capture_output=True, text=True,
                   env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
                   timeout=600)
t.ok("an input changed while it was read" in g.stdout + g.stderr,
     "policy.yaml changed while the build read it: the build says that "
     "nothing of it is kept", (g.stdout + g.stderr)[-2000:])
write(rpol, strict)
f4 = case_file(rc_, "CL-2023-001")
write(f4, read(f4) + "\n另有说明。\n")
r = ibuild(rc_, rout)
want, rc = clean_build(rc_)
t.ok(r.returncode == 0 and want is not None and tree(rout) == want and
     address not in read(os.path.join(rout, page("CL-2022-001"))),
     "the policy put back: the next build withholds the address, as a "
     "clean build does", r.stdout + r.stderr)

# The same for the templates: the pages of cases made under their key
# must be what they make.  gdb stops the build just before it loads the
# theme, and a template is changed then; once it is put back, the next
# build must not take a page of the changed one.
rtpl = os.path.join(rw, "templates")
shutil.copytree(TEMPLATES, rtpl)
ctpl = os.path.join(rtpl, "case.tpl")
kept_tpl = read(ctpl)
odd = kept_tpl.replace("</article>", "<p>TEMPLATE-CHANGED-MIDWAY</p>"
                       "</article>", 1)
t.ok(odd != kept_tpl, "case.tpl has an </article> to change")
r = ibuild(rc_, rout, templates=rtpl)
write(f4, read(f4) + "\n再说明。\n")
write(ctpl + ".odd", odd)
write(script, "set pagination off\nbreak theme_load\nrun\n"
      "shell cp %s.odd %s\ndelete\ncontinue\n" % (ctpl, ctpl))
g = subprocess.run(["gdb", "-q", "-batch", "-x", script, "--args",
                    DISCLOSE, "build", "-C", rc_, "-t", rtpl, "-o",
                    rout, "-j", "2"], capture_output=True, text=True,
                   env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
                   timeout=600)
t.ok("the templates changed while the portal was rendered" in
     g.stdout + g.stderr and "TEMPLATE-CHANGED-MIDWAY" in
     read(os.path.join(rout, page("CL-2022-001"))),
     "a template changed while the build ran: the build says that nothing "
     "of it is kept", (g.stdout + g.stderr)[-2000:])
write(ctpl, kept_tpl)
os.unlink(ctpl + ".odd")
write(f4, read(f4) + "\n又说明。\n")
r = ibuild(rc_, rout, templates=rtpl)
want, rc = clean_build(rc_, rtpl)
t.ok(r.returncode == 0 and want is not None and tree(rout) == want and
     "TEMPLATE-CHANGED-MIDWAY" not in read(os.path.join(
         rout, page("CL-2022-001"))),
     "the template put back: the next build makes its pages of it, as a "
     "clean build does", r.stdout + r.stderr)

# --- A build that fails, and one that was killed ----------------------
# A failed build took files from the portal (hard links, then removed):
# the next build still finds them as they were.  What a killed build
# left beside the portal is removed by the next one.
js = os.path.join(templates, "large.js")
kept_js = read(js)
os.unlink(js)
write(f2, read(f2) + "\n又补充：已完成回访。\n")
r = ibuild(content, out, templates=templates, epoch=later)
t.ok(r.returncode != 0 and "large.js" in r.stderr,
     "a build whose theme lacks large.js fails", r.stdout + r.stderr)
write(js, kept_js)
old = stats(out)
r = ibuild(content, out, templates=templates, epoch=later)
got = tree(out)
new = stats(out)
same = [p for p in new if p in old and got[p] == prev.get(p)]
kept = [p for p in same if new[p][:2] == old[p][:2]]
t.ok(r.returncode == 0 and len(same) > 150 and kept == same,
     "after a failed build, each of the %d unchanged files is still the "
     "file that was there (inode and mtime), taken again" % len(same),
     sorted(set(same) - set(kept))[:10])
want, rc = clean_build(content, templates, later)
t.ok(want is not None and tree(out) == want,
     "and the portal is that of a clean build")
prev = tree(out)
dead = os.path.join(work, ".site.stage-dead01")
os.makedirs(os.path.join(dead, "cases"))
os.link(os.path.join(out, "index.html"), os.path.join(dead, "index.html"))
write(f2, read(f2) + "\n再又补充：材料已移交档案室。\n")
r = ibuild(content, out, templates=templates, epoch=later)
t.ok(r.returncode == 0 and not os.path.exists(dead),
     "a killed build's staging directory is removed by the next build",
     r.stderr)
prev = tree(out)

# --- A file of the portal changed by hand ------------------------------
victim = os.path.join(out, page("CL-2023-001"))
data = open(victim, "rb").read()
st = os.stat(victim)
forged = data.replace("首页".encode(), "首頁".encode(), 1)
assert len(forged) == len(data) and forged != data
with open(victim, "r+b") as fh:
    fh.write(forged)
os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
r = ibuild(content, out, templates=templates, epoch=later)
t.ok(r.returncode == 0 and "up to date" not in r.stdout,
     "a page changed by hand (same size and mtime): not up to date",
     r.stdout)
t.ok(open(victim, "rb").read() == data,
     "a page changed by hand is built again, not kept")

# --- --full ------------------------------------------------------------
# The portal it replaces becomes its spare: a file put there by hand must
# not stay in it, and a link put there by hand is not followed.
with open(os.path.join(out, "by-hand.html"), "w") as fh:
    fh.write("<p>put here by hand</p>\n")
aside = tmpdir()
os.makedirs(os.path.join(aside, "sub"))
with open(os.path.join(aside, "index.html"), "w") as fh:
    fh.write("outside\n")
os.symlink(aside, os.path.join(out, "cases", "by-hand"))
shutil.rmtree(os.path.join(out, "privacy"))
os.symlink(aside, os.path.join(out, "privacy"))
old = stats(out)
dirs = {d: os.stat(os.path.join(out, d)).st_ino for d in ("cases", "data")}
r = ibuild(content, out, "--full", templates=templates, epoch=later)
new = stats(out)
t.ok(r.returncode == 0 and all(new[p][0] != old[p][0] for p in new
                               if p in old),
     "--full: every file is written anew (%d files)" % len(new), r.stderr)
whole_spare("--full")
t.ok(not ({v[0] for v in old.values()} &
            {v[0] for v in stats(spare).values()}),
     "--full: the spare it leaves holds none of the files of the portal "
     "before it")
t.eq(sorted(os.listdir(work)), [".disclose-cache", ".site.spare",
                                "content", "site", "templates"],
     "--full: the spare and the portal before it are gone when it ends, "
     "the directories they were moved to as well")
t.eq({d: os.stat(os.path.join(spare, d)).st_ino for d in dirs}, dirs,
     "--full: the spare is the portal before it, its directories kept "
     "(not removed to be made again)")
t.ok(sorted(os.listdir(aside)) == ["index.html", "sub"] and
     read(os.path.join(aside, "index.html")) == "outside\n" and
     os.stat(os.path.join(aside, "index.html")).st_nlink == 1,
     "--full: a directory that a link in the portal pointed at is left as "
     "it was, nothing written, linked or removed through the link")
r = ibuild(content, out, templates=templates, epoch=later)
t.ok("up to date" in r.stdout, "after --full the cache holds again",
     r.stdout + r.stderr)
write(f2, read(f2) + "\n全量重建后补充：复核完毕。\n")
r = ibuild(content, out, templates=templates, epoch=later)
want, rc = clean_build(content, templates, later)
t.ok(r.returncode == 0 and want is not None and tree(out) == want,
     "an edit after --full, from the spare it left: the portal is that of "
     "a clean build", r.stderr)

# --- The search index made by its changes -----------------------------
# A rebuild after a few cases changed makes again only the shards of the
# index that hold keys those cases gained or lost; the others stay as
# published.  Whatever it takes (a shard changed by hand, a part of the
# index in the cache that no longer reads), the portal is a clean
# build's.
import struct
import sys
gw = tmpdir()
gc = os.path.join(gw, "content")
subprocess.run([sys.executable, os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "gencorpus.py"), "300", gc], check=True)
gout = os.path.join(gw, "site")
r = ibuild(gc, gout, "--timings")
m = re.search(r"(?m)^disclose: (\d+) of (\d+) shards of the search index "
              r"as made before", r.stderr)
t.ok(r.returncode == 0 and m and m.group(1) == "0" and
     int(m.group(2)) > 20, "300 generated records: a first build makes "
     "every shard of the search index (%s)" % (m and m.group(0)), r.stderr)
gcases = sorted(os.path.join(dp, f) for dp, _, fs in
                os.walk(os.path.join(gc, "cases")) for f in fs
                if "status: closed" in read(os.path.join(dp, f)) and
                "withdrawn:" not in read(os.path.join(dp, f)))


def shards_line(stderr):
    m = re.search(r"(?m)^disclose: (\d+) of (\d+) shards of the search "
                  r"index as made before", stderr)
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


def same_as_clean(what):
    want, rc = clean_build(gc)
    t.ok(want is not None and tree(gout) == want,
         "%s: the portal is that of a clean build" % what,
         rc.stderr if want is None else "")


g1 = gcases[len(gcases) // 2]
write(g1, read(g1) + "\n复核意见：程序合规，结论维持。\n")
r = ibuild(gc, gout, "--timings")
kept, of = shards_line(r.stderr)
t.ok(r.returncode == 0 and kept is not None and of > 20 and
     of // 2 < kept < of, "one record given a sentence: only the shards "
     "that hold its new keys are made again (%s of %s kept)" % (kept, of),
     r.stderr)
same_as_clean("one record given a sentence")

# Words moved from the end of the body into the title, and two records
# edited at once, one of them losing a paragraph.
g2 = gcases[len(gcases) // 5]
text2 = read(g2)
write(g2, re.sub(r"(?m)^title: (.+)$", r"title: \1（复核）", text2, count=1))
g3 = gcases[-3]
text3 = read(g3)
paras = text3.split("\n\n")
write(g3, "\n\n".join(paras[:-2] + paras[-1:]))
r = ibuild(gc, gout, "--timings")
kept, of = shards_line(r.stderr)
t.ok(r.returncode == 0 and kept is not None and 0 < kept < of,
     "two records edited, a title and a paragraph: the other shards are "
     "kept (%s of %s)" % (kept, of), r.stderr)
same_as_clean("a title changed and a paragraph removed")

# A record removed, and one added: the cases after it are numbered anew.
# (Out of the content directory: a record file renamed in place under
# cases/ is refused, never left out in silence.)
away = os.path.join(tmpdir(), os.path.basename(g3))
shutil.move(g3, away)
r = ibuild(gc, gout)
t.ok(r.returncode == 0, "a record removed: the portal builds", r.stderr)
same_as_clean("a record removed")
shutil.move(away, g3)
r = ibuild(gc, gout)
t.ok(r.returncode == 0, "and put back: the portal builds", r.stderr)
same_as_clean("a record put back")

# Every shard of the published index changed by hand: none is trusted;
# each is made again of what the cache keeps of it.
shard_files = glob.glob(os.path.join(gout, "search", "s", "*.js"))
for x in shard_files:
    write(x, read(x).replace("\\n", "\\n ", 1))
write(g1, read(g1) + "\n二次复核：结论维持。\n")
r = ibuild(gc, gout, "--timings")
kept, of = shards_line(r.stderr)
t.ok(r.returncode == 0 and kept == 0,
     "every shard changed by hand: none is taken as published (%s of %s)"
     % (kept, of), r.stderr)
same_as_clean("every shard changed by hand")


def is_part(text):
    """Whether text reads as a part of a shard, as the cache keeps it:
    per key a name, three counts, then cases and title hits written with
    the marks of search.c alone."""
    marks = set(b"!#$()*+,-/:;=?[]^_{|}~")
    at = 0
    if not text:
        return False
    while at < len(text):
        if len(text) - at < 20:
            return False
        n, dl, tl = struct.unpack_from("<III", text, at + 8)
        at += 20
        if n == 0 or dl == 0 or at + dl + tl > len(text):
            return False
        if not set(text[at:at + dl + tl]) <= marks:
            return False
        at += dl + tl
    return True


# Every part of the index in the cache damaged, and every shard changed
# by hand, with an edit that changes no key of the index (a phrase of
# the body put in bold): no shard can be taken or made of its part, so
# each is made again of every case's keys.
gpacks = glob.glob(os.path.join(gw, ".disclose-cache", "*.records"))
gidx = glob.glob(os.path.join(gw, ".disclose-cache", "*.index"))
damaged = 0
for pk, ix in zip(sorted(gpacks), sorted(gidx)):
    data = bytearray(open(pk, "rb").read())
    ents = open(ix, "rb").read()
    for i in range(0, len(ents) - 47, 48):
        at, ln = struct.unpack_from("<QQ", ents, i + 32)
        if is_part(bytes(data[at + 8:at + ln])):
            data[at + 8] ^= 0x5a
            damaged += 1
    with open(pk, "wb") as fh:
        fh.write(data)
t.ok(damaged >= of, "the cache holds a part for each shard (%d damaged)"
     % damaged)
for x in glob.glob(os.path.join(gout, "search", "s", "*.js")):
    write(x, read(x).replace("\\n", "\\n ", 1))
text1 = read(g1)
body = text1.index("\n---\n", 4) + 5
para = re.search(r"(?m)^([^\s#|>*\-0-9][^\n*_`]{8,})$", text1[body:])
t.ok(para is not None, "a plain paragraph to put in bold")
write(g1, text1[:body] + text1[body:].replace(
    para.group(1), "**%s**" % para.group(1), 1))
r = ibuild(gc, gout, "--timings")
kept, of = shards_line(r.stderr)
t.ok(r.returncode == 0 and kept == 0,
     "every part damaged and every shard changed: each shard is made "
     "again (%s of %s)" % (kept, of), r.stderr)
same_as_clean("every part damaged and every shard changed by hand")

# --- Record files not read again --------------------------------------
# A record file that stands as the last build hashed it (size, mtime,
# ctime, inode), changed well before that build began, is not read
# again.  One rewritten to the same size with its mtime put back has a
# new ctime: it is read, and the portal shows the change.
time.sleep(1.2)
g5 = gcases[len(gcases) // 9]
write(g5, read(g5) + "\n附注：材料已归档。\n")
time.sleep(1.2)
r = ibuild(gc, gout)
t.ok(r.returncode == 0, "a record edited, a second after the others",
     r.stderr)
g4 = gcases[len(gcases) // 7]
text4 = read(g4)
m = re.search(r"(?m)^title: (.+)$", text4)
title4 = m.group(1)
new4 = title4[:-1] + ("甲" if title4[-1] != "甲" else "乙")
t.ok(len(new4.encode()) == len(title4.encode()),
     "a title changed by one character of the same size")
before = os.stat(g4)
write(g4, text4.replace("title: " + title4, "title: " + new4, 1))
os.utime(g4, ns=(before.st_atime_ns, before.st_mtime_ns))
after = os.stat(g4)
t.ok(after.st_size == before.st_size and
     after.st_mtime_ns == before.st_mtime_ns and
     after.st_ctime_ns != before.st_ctime_ns,
     "the file keeps its size and mtime; its ctime moved")
r = ibuild(gc, gout, "--timings")
m = re.search(r"(?m)^disclose: (\d+) of (\d+) record files as hashed "
              r"before", r.stderr)
t.ok(r.returncode == 0 and m and int(m.group(2)) == 300 and
     int(m.group(1)) == 299,
     "every record file but the one changed is taken as hashed before (%s)"
     % (m and m.group(0)), r.stderr)
t.ok(any(new4.encode() in v for v in tree(gout).values()),
     "and the changed title is published")
same_as_clean("a record changed with its size and mtime kept")
r = ibuild(gc, gout, "--full", "--timings")
m = re.search(r"(?m)^disclose: (\d+) of (\d+) record files as hashed "
              r"before", r.stderr)
t.ok(r.returncode == 0 and m and m.group(1) == "0",
     "--full hashes every record file (%s)" % (m and m.group(0)), r.stderr)
packsize = sum(os.path.getsize(x) for x in glob.glob(
    os.path.join(gw, ".disclose-cache", "*.records")))
r = ibuild(gc, gout, "--full")
packsize2 = sum(os.path.getsize(x) for x in glob.glob(
    os.path.join(gw, ".disclose-cache", "*.records")))
t.ok(r.returncode == 0 and packsize2 == packsize,
     "--full starts the cache's pack anew: two in a row leave it the same "
     "size (%d and %d bytes)" % (packsize, packsize2), r.stderr)
r = ibuild(gc, gout)
t.ok("up to date" in r.stdout, "and the build after them is up to date",
     r.stdout + r.stderr)

# --- Texts the cache keeps apart -------------------------------------
# A record's body and a public body's HTML are kept apart from the
# record, and read only when a case is redacted or its page made again.
# Damaged, they are not trusted, and the build does not fail: a body is
# read again from its file (whose bytes are still those it was taken
# for), a redaction whose HTML does not read is made again.
def asides(kind):
    """Damage the entries of the pack that hold a text kept apart: the
    bodies of the records (kind "body") or their HTML ("html")."""
    bodies = [read(x).encode() for x in gcases]
    n = 0
    for pk in glob.glob(os.path.join(gw, ".disclose-cache", "*.records")):
        ix = pk[:-len(".records")] + ".index"
        data = bytearray(open(pk, "rb").read())
        ents = open(ix, "rb").read()
        for i in range(0, len(ents) - 47, 48):
            at, ln = struct.unpack_from("<QQ", ents, i + 32)
            text = bytes(data[at + 8:at + ln])
            if len(text) < 40 or b"\0" in text:
                continue
            if (kind == "html" and text.startswith(b"<")) or (
                    kind == "body" and any(text in b for b in bodies)):
                data[at + ln - 1] ^= 0x5a
                n += 1
        with open(pk, "wb") as fh:
            fh.write(data)
    return n


n = asides("body")
t.ok(n >= len(gcases) // 2, "the bodies kept apart, damaged (%d)" % n)
g6 = [x for x in gcases if "\nwitnesses:\n" in read(x)][0]
write(g6, read(g6).replace("\nwitnesses:\n", "\nwitnesses:\n"
                           "  - name: 欧阳明远\n    position: 县档案馆馆员\n", 1))
r = ibuild(gc, gout, "--timings")
m = re.search(r"(?m)^disclose: (\d+) of (\d+) records as read before",
              r.stderr)
m2 = re.search(r"(?m)^disclose: (\d+) of (\d+) records as redacted before",
               r.stderr)
t.ok(r.returncode == 0 and m and int(m.group(1)) > 250 and m2 and
     m2.group(1) == "0", "a witness added: every case redacted again, "
     "of records read before (%s; %s), their bodies read again from their "
     "files" % (m and m.group(0), m2 and m2.group(0)), r.stderr)
same_as_clean("the bodies kept apart damaged, every case redacted again")
n = asides("html")
t.ok(n >= len(gcases) // 2, "the HTML kept apart, damaged (%d)" % n)
gt = os.path.join(gw, "templates")
shutil.copytree(TEMPLATES, gt)
tp = os.path.join(gt, "case.tpl")
write(tp, read(tp) + "\n<!-- -->\n")
r = ibuild(gc, gout, "--timings", templates=gt)
m2 = re.search(r"(?m)^disclose: (\d+) of (\d+) records as redacted before",
               r.stderr)
t.ok(r.returncode == 0 and m2 and m2.group(1) == "0", "a template "
     "changed, the HTML damaged: every case redacted again (%s)"
     % (m2 and m2.group(0)), r.stderr)
want, rc = clean_build(gc, templates=gt)
t.ok(want is not None and tree(gout) == want,
     "the HTML kept apart damaged: the portal is that of a clean build",
     rc.stderr if want is None else "")

# --- Two builds of one output -----------------------------------------
write(f, read(f) + "\n再次补充。\n")
lock = glob.glob(os.path.join(work, ".disclose-cache", "*.lock"))
with open(lock[0]) as held:
    fcntl.flock(held, fcntl.LOCK_EX)
    env = dict(os.environ, SOURCE_DATE_EPOCH=later)
    p = subprocess.Popen([DISCLOSE, "build", "-q", "-C", content, "-t",
                          templates, "-o", out], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
    # Its first line says it waits, however long it takes to get there
    # on a busy machine; it must still be running then.
    first = p.stderr.readline()
    waiting = "another build" in first and p.poll() is None
    fcntl.flock(held, fcntl.LOCK_UN)
so, se = p.communicate(timeout=300)
se = first + se
t.ok(waiting and p.returncode == 0 and "another build" in se,
     "a second build of the same output waits for the first, says so, "
     "then builds", se)

t.done()
