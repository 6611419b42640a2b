"""Faults on the way of a build, and what the build owes in each.

A disk that fills up stops the build at the first write that fails,
with one message and exit 3, and the portal that was there stays as it
was.  A record file that is a symbolic link out of the content directory
is refused with an error naming it, and not read.  And the number of
jobs never changes a byte of the output.
"""
import glob
import os
import resource
import shutil
import signal
import subprocess
import tempfile

from testlib import TAP, build, copy_content, read, tmpdir, tree, write

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
t.ok(r.returncode == EXIT_CONTENT and len(refused) == n,
     "a directory linked from outside: each of its %d records refused" % n,
     r.stderr[-2000:])

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
