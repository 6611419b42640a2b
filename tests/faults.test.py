"""Faults on the way of a build, and what the build owes in each.

A disk that fills up stops the build at the first write that fails,
with one message and exit 3, and the portal that was there stays as it
was.  A record file that is a symbolic link out of the content directory
is refused with an error naming it, and not read.  And the number of
jobs never changes a byte of the output.
"""
import fcntl
import glob
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import time

from testlib import (DISCLOSE, EPOCH, TAP, TEMPLATES, build, copy_content,
                     read, run, tmpdir, tree, write)

t = TAP()
EXIT_CONTENT, EXIT_SYSTEM = 1, 3


def cases(content):
    return sorted(glob.glob(os.path.join(content, "cases", "*", "*.md")))


def errlines(r):
    return [l for l in r.stderr.splitlines() if l.strip()]


# --- A full disk -------------------------------------------------------

content = copy_content()
base = tmpdir()
out = os.path.join(base, "site")
r = build(content, out)
t.ok(r.returncode == 0, "the sample portal builds", r.stderr)
before = tree(out)
stamps = {p: os.stat(os.path.join(out, p)).st_mtime_ns for p in before}


def limited(limit):
    def pre():
        # A file may not grow past limit bytes: a write that would fails
        # with EFBIG, as on a full disk (SIGXFSZ ignored, as a build run
        # by a service would have it).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


def build_limited(content, out, limit):
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1795564800")
    from testlib import DISCLOSE, TEMPLATES
    return subprocess.run([DISCLOSE, "build", "-q", "--full", "-C", content,
                           "-t", TEMPLATES, "-o", out], capture_output=True,
                          text=True, env=env, preexec_fn=limited(limit))


# A limit below the size of a case page: the writes of the pages fail
# one after another, and only the first is told.
r = build_limited(content, out, 4096)
lines = errlines(r)
written = [l for l in lines if "cannot be written" in l]
t.eq(r.returncode, EXIT_SYSTEM, "a failed write: exit 3")
t.ok(len(written) == 1, "a failed write: one message, not one per file "
     "(%d lines on stderr)" % len(lines), r.stderr[-3000:])
t.ok(len(lines) <= 3, "a failed write: at most three lines in all (the "
     "write, and that the build failed)", r.stderr[-3000:])
t.ok(written and ("File too large" in written[0] or
                  "No space" in written[0]),
     "the message names the file and the reason", r.stderr[-600:])
t.ok(tree(out) == before and all(
    os.stat(os.path.join(out, p)).st_mtime_ns == stamps[p] for p in before),
    "after a failed write the portal is the one that was there, untouched")
t.ok(not [d for d in os.listdir(base) if d != "site"],
     "no staging directory is left beside the portal",
     os.listdir(base))

# The same on a real file system that fills up, where it can be mounted.
mnt = tempfile.mkdtemp(prefix="disclose-full-")
mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k",
                          "tmpfs", mnt], capture_output=True).returncode == 0
try:
    if mounted:
        r = build(content, os.path.join(mnt, "site"))
        lines = errlines(r)
        t.eq(r.returncode, EXIT_SYSTEM, "a full disk (tmpfs of 400 KiB): "
             "exit 3")
        t.ok(len([l for l in lines if "cannot be written" in l]) == 1
             and len(lines) <= 3 and "No space left" in r.stderr,
             "a full disk: one message, which says the disk is full",
             r.stderr[-3000:])
        t.eq(os.listdir(mnt), [], "a full disk: nothing is left on it")
    else:
        # Without the right to mount, the limit above stands for it.
        t.skip("a full disk (tmpfs)", "mounting is not allowed here; the "
               "file size limit above stood for it")
finally:
    if mounted:
        subprocess.run(["umount", mnt])
    os.rmdir(mnt)

# --- Symbolic links ----------------------------------------------------

content = copy_content()
outside = tmpdir()
src = cases(content)[0]
text = read(src)
one = os.path.basename(src)
victim = os.path.join(outside, one)
shutil.move(src, victim)
os.symlink(victim, src)
out = os.path.join(tmpdir(), "site")
r = build(content, out)
t.eq(r.returncode, EXIT_CONTENT, "a record linked from outside content/: "
     "the build fails")
t.ok(any(":1:1: error: a symbolic link to " in l and
         victim in l and "outside the content directory" in l
         for l in r.stderr.splitlines()),
     "the error gives file:line:col, where the link leads and why",
     r.stderr[-2000:])
t.ok(not os.path.exists(out), "nothing is published")

# A directory of cases linked from elsewhere is refused the same way.
content = copy_content()
year = os.path.dirname(cases(content)[0])
away = os.path.join(tmpdir(), "elsewhere")
shutil.move(year, away)
os.symlink(away, year)
r = build(content, os.path.join(tmpdir(), "site"))
n = len(glob.glob(os.path.join(away, "*.md")))
refused = [l for l in r.stderr.splitlines()
           if "outside the content directory" in l]
t.ok(r.returncode == EXIT_CONTENT and n > 0 and len(refused) == 1 and
     refused[0].startswith(year + ":1:1: error: a symbolic link to " + away),
     "a directory linked from outside (of %d records) is refused, named, "
     "and not walked" % n, r.stderr[-2000:])

# A link that stays inside content/ is an ordinary record.
content = copy_content()
src = cases(content)[0]
keep = os.path.join(content, "kept", os.path.basename(src))
os.makedirs(os.path.dirname(keep))
shutil.move(src, keep)
os.symlink(os.path.relpath(keep, os.path.dirname(src)), src)
out = os.path.join(tmpdir(), "site")
r = build(content, out)
t.ok(r.returncode == 0, "a record linked from inside content/ builds",
     r.stderr[-2000:])
t.ok("changed while it was read" not in r.stderr,
     "a record linked from inside content/ is no input that changed",
     r.stderr[-2000:])

# Such a link does not cost the cache: the next build has nothing to do,
# and one after the file it leads to is edited shows the edit, as a
# clean build does.
r = run("build", "-C", content, "-t", TEMPLATES, "-o", out)
t.ok(r.returncode == 0 and "up to date" in r.stdout,
     "a record linked from inside content/: the next build has nothing to "
     "do", r.stdout + r.stderr[-2000:])
cid = os.path.basename(src)[:-3]
text = read(keep)
title = re.search(r"^title: *(.+)$", text, re.M).group(1).strip()
write(keep, text.replace(title, title + "（修订）", 1))
r = build(content, out, "-v")
clean = os.path.join(tmpdir(), "site")
rc = build(content, clean)
t.ok(r.returncode == 0 and "changed while it was read" not in r.stderr and
     (title + "（修订）") in read(os.path.join(out, "cases", cid,
                                              "index.html")) and
     rc.returncode == 0 and tree(out) == tree(clean),
     "the file a linked record leads to, edited: the rebuild shows the "
     "edit and is the portal a clean build makes", r.stderr[-2000:])
# The link led out of content/, to a file of the very same bytes: the
# build is no "up to date" but refuses it.
away = os.path.join(tmpdir(), os.path.basename(src))
shutil.copy(keep, away)
os.unlink(src)
os.symlink(away, src)
r = build(content, out)
t.ok(r.returncode == EXIT_CONTENT and "up to date" not in r.stdout and any(
    ":1:1: error: a symbolic link to " + away in l for l in errlines(r)) and
    not any("changed while it was read" in l for l in errlines(r)),
    "a linked record led out of content/ to the same bytes: the next build "
    "refuses it, with no other message", r.stderr[-2000:] + r.stdout)

# --- What is no regular file ------------------------------------------

content = copy_content()
os.symlink("/", os.path.join(content, "cases", "root"))
out = os.path.join(tmpdir(), "site")
try:
    r = subprocess.run([DISCLOSE, "build", "-q", "-C", content, "-t",
                        TEMPLATES, "-o", out], capture_output=True,
                       text=True, timeout=120,
                       env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH))
    t.ok(r.returncode == EXIT_CONTENT and any(
        "cases/root:1:1: error: a symbolic link to /," in l
        for l in errlines(r)), "a directory under cases/ linked to / is "
        "refused, not walked", r.stderr[-600:])
except subprocess.TimeoutExpired:
    t.ok(False, "a directory under cases/ linked to / is refused, not "
         "walked", "still walking after 120 s")

content = copy_content()
fifo = os.path.join(content, "cases", "2024", "CL-2024-099.md")
os.mkfifo(fifo)
out = os.path.join(tmpdir(), "site")
r = build(content, out)
t.ok(r.returncode == EXIT_CONTENT and any(
    "CL-2024-099.md:1:1: error: not a regular file but a FIFO" in l
    for l in errlines(r)) and not os.path.exists(out),
    "a FIFO named like a record is an error, not a case silently lost",
    r.stderr[-600:])
os.unlink(fifo)

# A record saved with its extension in capitals is an error that names
# it, not a case silently lost: on a first build, and on a build after
# one that the cache could take for nothing changed.
for ext in (".MD", ".Md"):
    content = copy_content()
    src = read(os.path.join(content, "cases", "2024", "CL-2024-007.md"))
    rec = os.path.join(content, "cases", "2024", "CL-2024-098" + ext)
    write(rec, src.replace("id: CL-2024-007", "id: CL-2024-098", 1))
    out = os.path.join(tmpdir(), "site")
    r = build(content, out)
    t.ok(r.returncode == EXIT_CONTENT and any(
        l.startswith(rec + ":1:1: error: ") and "CL-2024-098.md" in l
        for l in errlines(r)) and not os.path.exists(out),
        "a record named %s is an error that names it, and nothing is "
        "published" % ext, r.stderr[-600:])
    os.unlink(rec)
    r = build(content, out)
    t.ok(r.returncode == 0, "the portal builds once it is gone (%s)" % ext,
         r.stderr[-600:])
    before = read(os.path.join(out, "index.html"))
    write(rec, src.replace("id: CL-2024-007", "id: CL-2024-098", 1))
    r = build(content, out)
    t.ok(r.returncode == EXIT_CONTENT and any(
        l.startswith(rec + ":1:1: error: ") for l in errlines(r)) and
        read(os.path.join(out, "index.html")) == before,
        "a record named %s added after a build is an error on the next "
        "build, and the portal stays as it was" % ext, r.stderr[-600:])
    os.unlink(rec)

# A record saved beside cases/ rather than under it (in content/, or in
# a year's directory without cases/) is an error that names it, on a
# first build and after one; a README there is no record.
content = copy_content()
src = read(os.path.join(content, "cases", "2024", "CL-2024-007.md"))
write(os.path.join(content, "README.md"), "# 说明\n\n本目录存放案件记录。\n")
out = os.path.join(tmpdir(), "site")
r = build(content, out)
t.ok(r.returncode == 0, "a README beside cases/ is no record", r.stderr[-600:])
before = read(os.path.join(out, "index.html"))
for rel in (("CL-2024-097.md",), ("2024", "CL-2024-096.md")):
    rec = os.path.join(content, *rel)
    os.makedirs(os.path.dirname(rec), exist_ok=True)
    cid = rel[-1][:-3]
    write(rec, "\ufeff" + src.replace("id: CL-2024-007", "id: " + cid, 1))
    r = build(content, out)
    t.ok(r.returncode == EXIT_CONTENT and any(
        l.startswith(rec + ":1:1: error: ") and "cases/" in l
        for l in errlines(r)) and
        read(os.path.join(out, "index.html")) == before,
        "a record at %s is an error that names it, and the portal stays "
        "as it was" % "/".join(rel), r.stderr[-600:])
    r = run("check", "-C", content)
    t.ok(r.returncode == EXIT_CONTENT and rec + ":1:1: error: " in r.stderr,
         "disclose check names the record at %s" % "/".join(rel),
         r.stderr[-600:])
    os.unlink(rec)
pol = os.path.join(content, "policy.yaml")
os.unlink(pol)
os.mkfifo(pol)
try:
    r = subprocess.run([DISCLOSE, "check", "-C",
                        content], capture_output=True, text=True,
                       timeout=60)
    t.ok(r.returncode == EXIT_CONTENT and "policy.yaml:1:1: error: not a "
         "regular file but a FIFO" in r.stderr, "policy.yaml as a FIFO is "
         "an error, not a wait without end", r.stderr[-600:])
except subprocess.TimeoutExpired:
    t.ok(False, "policy.yaml as a FIFO is an error, not a wait without end",
         "still waiting after 60 s")

# A record swapped for a link out of content/, with the same bytes: the
# build that follows refuses it as a clean one does.
content = copy_content()
out = os.path.join(tmpdir(), "site")
r = build(content, out)
src = cases(content)[3]
away = os.path.join(tmpdir(), os.path.basename(src))
shutil.move(src, away)
os.symlink(away, src)
r = build(content, out)
t.ok(r.returncode == EXIT_CONTENT and any(
    ":1:1: error: a symbolic link to " in l for l in errlines(r)),
    "after a build, a record swapped for a link out of content/ (the same "
    "bytes) is refused by the next build too", r.stderr[-600:] + r.stdout)

# --- The spare holds only what a build makes -----------------------------

content = copy_content()
base = tmpdir()
out = os.path.join(base, "site")
victim = os.path.join(base, "victim")
os.makedirs(os.path.join(victim, "sub"))
write(os.path.join(victim, "a.txt"), "keep\n")
write(os.path.join(victim, "sub", "b.txt"), "keep\n")
r = build(content, out)
t.ok(r.returncode == 0 and os.path.isdir(os.path.join(base, ".site.spare")),
     "(test) a build leaves a spare", r.stderr)
spare = os.path.join(base, ".site.spare")
# A directory the build writes into, and one it does not make, linked
# out; a FIFO; a link in the published portal, by hand.
shutil.rmtree(os.path.join(spare, "rules"), ignore_errors=True)
os.symlink(content, os.path.join(spare, "rules"))
os.symlink(victim, os.path.join(spare, "docs"))
os.mkfifo(os.path.join(spare, "fifo"))
os.symlink(victim, os.path.join(out, "linked"))
ncases = len(cases(content))
for k in range(2):
    if len(cases(content)) <= k:
        t.ok(False, "a build after a spare or portal was given links and a "
             "FIFO (%d)" % (k + 1), "the records are gone")
        break
    rec = cases(content)[k]
    write(rec, read(rec).rstrip("\n") + "\n\n补充说明%d。\n" % k)
    r = build(content, out)
    t.ok(r.returncode == 0, "a build after a spare or portal was given "
         "links and a FIFO (%d)" % (k + 1), r.stderr[-600:])
left = sorted(os.path.relpath(os.path.join(d, f), victim)
              for d, _, fs in os.walk(victim) for f in fs)
t.ok(left == ["a.txt", os.path.join("sub", "b.txt")],
     "what a link in the spare or the portal leads to is not touched", left)
t.ok(len(cases(content)) == ncases and os.path.exists(
    os.path.join(content, "site.yaml")), "the content directory a link in "
    "the spare led to is whole", sorted(os.listdir(content)))
odd = [os.path.relpath(os.path.join(d, f), out)
       for d, ds, fs in os.walk(out) for f in fs + ds
       if not (os.path.isfile(os.path.join(d, f)) or
               os.path.isdir(os.path.join(d, f))) or
       os.path.islink(os.path.join(d, f))]
t.ok(not odd, "the portal holds only regular files and directories", odd)

# --- Two builds of one output --------------------------------------------

def start(content, out, *args):
    e = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.Popen([DISCLOSE, "build", "-q", "-C", content, "-t",
                             TEMPLATES, "-o", out] + list(args),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=e)


def held(lock):
    """Whether some process holds the lock of the directory lock."""
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def paused_first(first, second):
    """Start build first, stop it once it holds the output's lock, run
    second, then let first go on.  Returns (first, second, whether the
    second waited while the first was stopped)."""
    a = start(*first)
    lock = os.path.dirname(first[1])
    for _ in range(2000):
        if held(lock) or a.poll() is not None:
            break
        time.sleep(0.005)
    a.send_signal(signal.SIGSTOP)
    b = start(*second)
    time.sleep(1.5)
    waited = b.poll() is None
    a.send_signal(signal.SIGCONT)
    a.communicate(timeout=120)
    b.communicate(timeout=120)
    return a, b, waited


base = tmpdir()
x = copy_content(os.path.join(base, "x", "content"))
y = copy_content(os.path.join(base, "y", "content"))
out = os.path.join(base, "site")
a, b, waited = paused_first((x, out, "--full"), (y, out))
pages = glob.glob(os.path.join(out, "cases", "*", "index.html"))
want = len(glob.glob(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "content", "cases",
    "*", "*.md")))
t.ok(waited and a.returncode == 0 and b.returncode == 0 and
     len(pages) >= want - 3, "two builds of one output from two content "
     "directories: the second waits for the first, and the portal is whole "
     "(%d case pages)" % len(pages), "%s %s %s" % (waited, a.returncode,
                                                   b.returncode))

base = tmpdir()
content = copy_content(os.path.join(base, "content"))
out = os.path.join(base, "site")
a, b, waited = paused_first((content, out, "-a", "internal"),
                            (content, out))
aud = read(os.path.join(out, "index.html"))
t.ok(waited and a.returncode == 0 and b.returncode == EXIT_SYSTEM and
     'content="internal"' in aud, "an internal and a public build of one "
     "output at once: the second waits, then refuses to replace the "
     "first's portal", "%s %s %s" % (waited, a.returncode, b.returncode))

# --- Jobs --------------------------------------------------------------

adversarial = copy_content(cases=False)
shutil.rmtree(os.path.join(adversarial, "cases"))
shutil.copytree(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "adversarial", "cases"),
                os.path.join(adversarial, "cases"))
for name, content in (("the sample portal", copy_content()),
                      ("the adversarial cases", adversarial)):
    trees, reports = [], []
    for j in ("1", "2", "3", "8"):
        d = tmpdir()
        r = build(content, os.path.join(d, "site"), "-j", j, "--report",
                  os.path.join(d, "report.csv"))
        if r.returncode != 0:
            t.ok(False, "%s builds with -j %s" % (name, j), r.stderr[-2000:])
            break
        trees.append(tree(os.path.join(d, "site")))
        reports.append(read(os.path.join(d, "report.csv")))
    else:
        diff = sorted(p for p in set(trees[0]) | set(trees[1]) |
                      set(trees[2]) | set(trees[3])
                      if len({tr.get(p) for tr in trees}) > 1)
        t.ok(not diff and len(trees[0]) > 40,
             "%s: the same %d files, byte for byte, with -j 1, 2, 3 and 8"
             % (name, len(trees[0])), diff[:10])
        t.ok(len(set(reports)) == 1 and reports[0].count("\n") > 10,
             "%s: the same redaction report with -j 1, 2, 3 and 8" % name)

t.done()
