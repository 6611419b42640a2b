"""The command line: usage for every command through `disclose help`,
`disclose help CMD` and `disclose CMD --help` (or -h), each printed on
standard output with exit 0; an unknown command or option is a usage
error (exit 2) with the usage on standard error.
"""
from testlib import TAP, run

t = TAP()
COMMANDS = ["build", "check", "audit", "new", "serve", "snapshot"]

r = run("help")
t.ok(r.returncode == 0 and r.stdout.startswith("usage:") and not r.stderr,
     "disclose help: the usage on standard output, exit 0", r.stderr)
t.ok(all("disclose %s" % c in r.stdout for c in COMMANDS),
     "disclose help names every command", r.stdout)
for c in COMMANDS:
    outs = []
    for args in (("help", c), (c, "--help"), (c, "-h"), (c, "-C", "x",
                                                         "--help")):
        r = run(*args)
        outs.append(r.stdout)
        t.ok(r.returncode == 0 and r.stdout.startswith("usage: disclose %s"
                                                       % c)
             and not r.stderr,
             "disclose %s: the usage of %s alone, exit 0"
             % (" ".join(args), c), r.stdout + r.stderr)
    t.ok(len(set(outs)) == 1 and "-C content" in outs[0] and
         len(outs[0].splitlines()) >= 3,
         "%s: the same short usage every way, with its options" % c, outs[0])
    t.ok(all("disclose %s " % o not in outs[0] for o in COMMANDS if o != c),
         "%s: its usage names no other command" % c, outs[0])
r = run("help", "nosuch")
t.ok(r.returncode == 2 and "unknown command" in r.stderr and
     "usage:" in r.stderr and not r.stdout,
     "disclose help nosuch: a usage error, exit 2", r.stdout + r.stderr)
r = run("nosuch")
t.ok(r.returncode == 2 and "unknown command" in r.stderr,
     "disclose nosuch: a usage error, exit 2", r.stderr)
r = run("build", "--nosuch")
t.ok(r.returncode == 2 and "usage:" in r.stderr and not r.stdout,
     "disclose build --nosuch: a usage error, exit 2", r.stdout + r.stderr)
r = run("-V")
t.ok(r.returncode == 0 and r.stdout.startswith("disclose "),
     "disclose -V prints the version", r.stdout)
t.done()
