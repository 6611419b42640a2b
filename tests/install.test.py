"""make install PREFIX=DIR gives a program that finds the theme installed
beside it, from any directory; make uninstall removes what install wrote.
"""
import os
import subprocess

from testlib import EPOCH, ROOT, TAP, copy_content, read, tmpdir, write

t = TAP()
work = tmpdir()
prefix = os.path.join(work, "some", "where")


def make(*args):
    return subprocess.run(["make", "-s", "-C", ROOT] + list(args),
                          capture_output=True, text=True)


r = make("install", "PREFIX=" + prefix)
prog = os.path.join(prefix, "bin", "disclose")
theme = os.path.join(prefix, "share", "disclose", "templates")
t.ok(r.returncode == 0 and os.access(prog, os.X_OK) and
     os.path.exists(os.path.join(theme, "layout.tpl")) and
     os.path.exists(os.path.join(prefix, "share", "man", "man1",
                                 "disclose.1")),
     "make install PREFIX=%s installs the program, its theme and its manual"
     % prefix, r.stdout + r.stderr)

# The installed theme, marked, is the one the installed program uses.
layout = os.path.join(theme, "layout.tpl")
write(layout, read(layout).replace("</footer>",
                                   "<!-- installed theme --></footer>", 1))
content = copy_content(os.path.join(work, "content"))
elsewhere = os.path.join(work, "elsewhere")
os.makedirs(elsewhere)
env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
p = subprocess.run([prog, "build", "-q", "-C", content, "-o",
                    os.path.join(work, "site")], capture_output=True,
                   text=True, cwd=elsewhere, env=env)
t.ok(p.returncode == 0, "the installed program builds the sample from "
     "another directory", p.stderr)
home = os.path.join(work, "site", "index.html")
t.ok(os.path.exists(home) and "<!-- installed theme -->" in read(home),
     "it uses the theme installed beside it")

r = make("uninstall", "PREFIX=" + prefix)
left = [os.path.join(d, f) for d, _, fs in os.walk(prefix) for f in fs]
t.ok(r.returncode == 0 and not left, "make uninstall removes every file "
     "install wrote", r.stderr + "\n".join(left))
t.done()
