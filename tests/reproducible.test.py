"""Reproducible to the byte: with SOURCE_DATE_EPOCH set, builds of the same
input are identical whatever the number of jobs, the time zone, the locale,
the order in which the file system lists the records, and the paths of the
content and output directories.  Each factor is varied alone against a
reference build, and the trees are compared file by file.
"""
import os
import shutil
import subprocess

from testlib import CONTENT, DISCLOSE, EPOCH, TAP, TEMPLATES, tmpdir, tree

t = TAP()
base = tmpdir()


def build(content, out, cwd=None, env=None, jobs="1"):
    e = dict(os.environ)
    e["SOURCE_DATE_EPOCH"] = EPOCH
    e.update(env or {})
    return subprocess.run([DISCLOSE, "build", "-q", "-C", content, "-t",
                           TEMPLATES, "-o", out, "-j", jobs],
                          capture_output=True, text=True, env=e, cwd=cwd)


def same(a, b, name):
    ta, tb = tree(a), tree(b)
    diff = sorted(k for k in set(ta) | set(tb) if ta.get(k) != tb.get(k))
    t.ok(ta and not diff, name, "differing files: %s" % diff[:10])


def copy_in_order(dst, reverse):
    """Copy the content, creating the record files in one order or the
    other, so that a file system that lists in creation order lists them
    differently."""
    os.makedirs(dst)
    for f in ("site.yaml", "policy.yaml", "rules.yaml"):
        shutil.copy(os.path.join(CONTENT, f), dst)
    files = []
    for d, _, fs in os.walk(os.path.join(CONTENT, "cases")):
        files += [os.path.relpath(os.path.join(d, f), CONTENT) for f in fs]
    for rel in sorted(files, reverse=reverse):
        os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
        shutil.copy(os.path.join(CONTENT, rel), os.path.join(dst, rel))


ref = os.path.join(base, "ref")
r = build(CONTENT, ref)
t.ok(r.returncode == 0, "the reference build", r.stderr)

# Jobs.
for jobs in ("2", "8"):
    out = os.path.join(base, "j" + jobs)
    r = build(CONTENT, out, jobs=jobs)
    t.ok(r.returncode == 0, "-j %s builds" % jobs, r.stderr)
    same(ref, out, "-j %s gives the same bytes as -j 1" % jobs)

# Time zones.
for tz in ("America/New_York", "Asia/Kathmandu", "UTC"):
    out = os.path.join(base, "tz" + tz.replace("/", "_"))
    r = build(CONTENT, out, env={"TZ": tz})
    t.ok(r.returncode == 0, "TZ=%s builds" % tz, r.stderr)
    same(ref, out, "TZ=%s gives the same bytes" % tz)

# Locales.
for env in ({"LANG": "C", "LC_ALL": "C"},
            {"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"},
            {"LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8",
             "LC_NUMERIC": "de_DE.UTF-8"}):
    out = os.path.join(base, "lc" + env["LANG"].split(".")[0])
    r = build(CONTENT, out, env=env)
    t.ok(r.returncode == 0, "LC_ALL=%s builds" % env["LC_ALL"], r.stderr)
    same(ref, out, "LC_ALL=%s gives the same bytes" % env["LC_ALL"])

# The order of the file system: on tmpfs, a directory lists its entries
# in the reverse order of their creation.
shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else base
orders = []
for rev in (False, True):
    d = os.path.join(tmpdir(), "c")
    if shm != base:
        d = os.path.join(shm, "disclose-order-%d-%d" % (os.getpid(), rev))
        import atexit
        atexit.register(shutil.rmtree, d, True)
    copy_in_order(d, rev)
    orders.append((d, os.listdir(os.path.join(d, "cases", "2024"))))
t.ok(orders[0][1] != orders[1][1] or shm == base,
     "the two copies are listed in different orders by the file system",
     "%s\n%s" % (orders[0][1][:5], orders[1][1][:5]))
outs = []
for d, _ in orders:
    out = os.path.join(base, "order%d" % len(outs))
    r = build(d, out)
    t.ok(r.returncode == 0, "a copy in another order builds", r.stderr)
    outs.append(out)
same(outs[0], outs[1], "the order of the file system does not matter")
same(ref, outs[0], "and gives the reference bytes")

# Paths: relative and absolute, deep and shallow, another working
# directory.
deep = os.path.join(base, "a", "much", "deeper", "place")
os.makedirs(deep)
shutil.copytree(CONTENT, os.path.join(deep, "content"))
out = os.path.join(base, "elsewhere", "output")
r = build("content", os.path.relpath(out, deep), cwd=deep)
t.ok(r.returncode == 0, "a build from another directory with relative "
     "paths", r.stderr)
same(ref, out, "the paths of content and output do not matter")

# And the same command twice gives the same bytes.
again = os.path.join(base, "again")
build(CONTENT, again)
same(ref, again, "a second build gives the same bytes")
t.done()
