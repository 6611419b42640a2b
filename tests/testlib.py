"""Helpers shared by the Python test suites: TAP output and builds.

Every suite prints TAP lines ("ok N - name" / "not ok N - name"), which
tests/run totals.  DISCLOSE names the program under test (set by
tests/run; by default build/disclose).
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DISCLOSE = os.environ.get("DISCLOSE", os.path.join(ROOT, "build", "disclose"))
if not os.path.isabs(DISCLOSE):
    DISCLOSE = os.path.join(ROOT, DISCLOSE)
CONTENT = os.path.join(ROOT, "content")
TEMPLATES = os.path.join(ROOT, "templates")
# A fixed "today" so that embargoes in the sample content hold forever.
EPOCH = "1795564800"  # 2026-11-25T00:00:00Z


class TAP:
    """Numbered TAP lines; done() exits 1 if anything failed."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, detail=None):
        self.n += 1
        if cond:
            print("ok %d - %s" % (self.n, name))
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, name))
            if detail:
                for line in str(detail).splitlines()[:40]:
                    print("#   " + line)
        sys.stdout.flush()
        return bool(cond)

    def skip(self, name, why):
        """A check that cannot run here: reported as skipped, with its
        reason, and never counted as passed (tests/run)."""
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, why))
        sys.stdout.flush()

    def eq(self, got, want, name):
        return self.ok(got == want, name,
                       "got:  %r\nwant: %r" % (got, want))

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)


def tmpdir(prefix="disclose-test-"):
    """A fresh temporary directory, removed when the process exits."""
    d = tempfile.mkdtemp(prefix=prefix)
    import atexit
    atexit.register(shutil.rmtree, d, True)
    return d


NPM = os.path.join(ROOT, "build", "npm")


def npm_module(t, package, module):
    """The path of module under build/npm/node_modules, installing package
    there first when it is missing (make test installs it before the
    suites start).  Suites run side by side: one installs at a time."""
    path = os.path.join(NPM, "node_modules", module)
    if os.path.isdir(path):
        return path
    import fcntl
    os.makedirs(NPM, exist_ok=True)
    with open(os.path.join(NPM, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.isdir(path):
            p = subprocess.run(["npm", "install", "--no-audit", "--no-fund",
                                "--prefix", NPM, package],
                               capture_output=True, text=True)
            t.ok(p.returncode == 0, "npm installs " + package,
                 p.stderr[-800:])
    return path


def copy_content(dst=None, cases=True):
    """A copy of the sample content; without its cases if cases is False."""
    dst = dst or os.path.join(tmpdir(), "content")
    if cases:
        shutil.copytree(CONTENT, dst)
    else:
        os.makedirs(os.path.join(dst, "cases"))
        for f in ("site.yaml", "policy.yaml"):
            shutil.copy(os.path.join(CONTENT, f), dst)
    return dst


def run(*args, env=None, cwd=None):
    """Run disclose with args; returns the CompletedProcess (text)."""
    e = dict(os.environ)
    e.setdefault("SOURCE_DATE_EPOCH", EPOCH)
    e["ASAN_OPTIONS"] = e.get("ASAN_OPTIONS", "detect_leaks=1")
    if env:
        e.update(env)
    return subprocess.run([DISCLOSE] + list(args), capture_output=True,
                          text=True, env=e, cwd=cwd)


def build(content, out, *args, env=None, cwd=None):
    return run("build", "-q", "-C", content, "-t", TEMPLATES, "-o", out,
               *args, env=env, cwd=cwd)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def tree(root):
    """{relative path: bytes} of every file under root."""
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out
