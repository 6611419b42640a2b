"""The command line: usage for every command through `disclose help`,
`disclose help CMD` and `disclose CMD --help` (or -h), each printed on
standard output with exit 0; an unknown command or option is a usage
error (exit 2) with the usage on standard error.
"""
import os
import re

from testlib import TAP, TEMPLATES, build, copy_content, read, run, tmpdir

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
# The summary names the embargoed cases and their dates; -v lists what
# was withheld, case by case, with its ground and never its value.
content = copy_content(os.path.join(tmpdir(), "content"))
site = os.path.join(tmpdir(), "site")
r = run("build", "-v", "-C", content, "-o", site)
summary = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
t.ok(r.returncode == 0 and
     "1 embargoed (CL-2025-012 until 2030-06-30)" in summary,
     "the summary names the embargoed case and its date", summary)
m = re.search(r"; (\d+) items withheld", summary)
heads = re.findall(r"^(\S+): (\d+) items? withheld$", r.stdout, re.M)
items = [l for l in r.stdout.splitlines() if l.startswith("  ")]
t.ok(m and heads and sum(int(n) for _, n in heads) == int(m.group(1)) ==
     len(items), "-v: one line per item withheld, under its case, as many "
     "as the summary counts (%s)" % (m and m.group(1)), r.stdout[-500:])
t.ok(all(re.match(r"  \S+\.md:\d+: \S+( \([^)]*\))?: \w+, on the ground .+",
                  l)
         for l in items),
     "-v: each item gives file:line, field, operator and ground", items[:3])
secrets = set()
for d, _, fs in os.walk(os.path.join(content, "cases")):
    for f in fs:
        for line in read(os.path.join(d, f)).split("---")[1].splitlines():
            mm = re.match(r"\s*-?\s*(name|phone|id_number|email):\s*(.+)",
                          line)
            if mm:
                secrets.add(mm.group(2).strip().strip('"'))
t.ok(len(secrets) > 50 and not [x for x in secrets if x in r.stdout],
     "-v prints no withheld value (%d values)" % len(secrets))
r = run("build", "-q", "-C", content, "-o", site, "--full")
t.ok(r.returncode == 0 and r.stdout == "", "-q prints nothing", r.stdout)

# A wrong directory is one message (and exit 3), not one per file that
# cannot be found in it.
nowhere = os.path.join(tmpdir(), "nowhere")
afile = os.path.join(content, "site.yaml")
for args, what in (
        (("build", "-C", nowhere, "-t", TEMPLATES, "-o", site), "no content"),
        (("build", "-C", afile, "-t", TEMPLATES, "-o", site), "a file as content"),
        (("build", "-C", content, "-t", nowhere, "-o", site), "no theme"),
        (("check", "-C", nowhere), "check: no content"),
        (("audit", "-C", content, "-t", TEMPLATES, nowhere), "audit: no site"),
        (("audit", "-C", nowhere, "-t", TEMPLATES, site), "audit: no content"),
        (("snapshot", "-C", content, "-t", nowhere, "-o", site, "-d",
          os.path.join(tmpdir(), "s")), "snapshot: no theme")):
    r = run(*args)
    lines = r.stderr.strip().splitlines()
    t.ok(r.returncode == 3 and len(lines) == 1 and
         (nowhere in lines[0] or afile in lines[0]),
         "%s: one message naming the directory, exit 3" % what, r.stderr)
t.ok(os.path.exists(os.path.join(site, "index.html")),
     "the portal built before is still there")

r = run("-V")
t.ok(r.returncode == 0 and r.stdout.startswith("disclose "),
     "disclose -V prints the version", r.stdout)
t.done()
