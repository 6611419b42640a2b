"""The command line: usage for every command through `disclose help`,
`disclose help CMD` and `disclose CMD --help` (or -h), each printed on
standard output with exit 0; an unknown command or option is a usage
error (exit 2) with the usage on standard error.
"""
import os
import re

from testlib import (TAP, TEMPLATES, build, copy_content, read, run, tmpdir,
                     tree)

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
          os.path.join(tmpdir(), "s")), "snapshot: no theme"),
        (("new", "-C", nowhere, "CL-2025-013"), "new: no content")):
    r = run(*args)
    lines = r.stderr.strip().splitlines()
    t.ok(r.returncode == 3 and len(lines) == 1 and
         (nowhere in lines[0] or afile in lines[0]),
         "%s: one message naming the directory, exit 3" % what, r.stderr)
t.ok(os.path.exists(os.path.join(site, "index.html")),
     "the portal built before is still there")
t.ok(not os.path.exists(nowhere), "new made no content directory")

# disclose new ID: the id by the rule of records, the record filed under
# the year the id names (whatever the year is today), its comments in the
# portal's language, and the next steps printed.
HAN = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = "YYYY-MM-DD"


def files(d):
    return sorted(os.path.relpath(os.path.join(p, f), d)
                  for p, _, fs in os.walk(d) for f in fs)


def comments(text):
    """The comments of a record's front matter, one per line."""
    out = []
    for line in text.split("\n---\n")[0].splitlines()[1:]:
        if line.lstrip().startswith("#"):
            out.append(line.lstrip()[1:].strip())
        elif " # " in line:
            out.append(line.split(" # ", 1)[1].strip())
    return out


zh = copy_content(os.path.join(tmpdir(), "content"))
before = files(zh)
for bad, why in (("foo", "its prefix is not in capital letters"),
                 ("cl-2025-100", "its prefix is not in capital letters"),
                 ("Cl-2025-100", "its prefix is not in capital letters"),
                 ("CL-2025-01", "its number has fewer than three digits"),
                 ("CL-2025-1000a", "its number is not digits only"),
                 ("CL-1999-001", "its year is not from 2000 to 2099"),
                 ("CL-25-001", "no year of four digits"),
                 ("CL-2025", "it has no number after its year"),
                 ("../CL-2025-001", "a character other than"),
                 ("CL-2025-001.md", "a character other than")):
    r = run("new", "-C", zh, bad)
    first = r.stderr.splitlines()[0] if r.stderr else ""
    t.ok(r.returncode == 2 and not r.stdout and
         first.startswith("disclose: new: invalid id \"%s\": " % bad) and
         why in first and "PREFIX-YEAR-NUMBER" in first and
         "e.g. CL-2024-007" in first,
         "new %s: refused, with what is wrong and what an id is, exit 2"
         % bad, r.stdout + r.stderr)
t.eq(files(zh), before, "new with a bad id writes nothing")

for cid, year in (("CL-2031-004", "2031"), ("ZX9-2019-1234", "2019")):
    r = run("new", "-C", zh, cid)
    rel = os.path.join("cases", year, cid + ".md")
    path = os.path.join(zh, rel)
    t.ok(r.returncode == 0 and files(zh) == sorted(before + [rel]),
         "new %s: the record, and only it, under cases/%s/" % (cid, year),
         r.stderr + "\n".join(sorted(set(files(zh)) - set(before))))
    before = files(zh)
    out = r.stdout
    t.ok(path in out and PLACEHOLDER in out and "status: closed" in out and
         "disclose check -C %s" % zh in out and
         "disclose build -C %s" % zh in out,
         "new %s: prints the file and the next steps: fill in, the dates, "
         "close, check, build" % cid, out)
text = read(os.path.join(zh, "cases", "2031", "CL-2031-004.md"))
notes = comments(text)
t.ok(len(notes) >= 20 and all(HAN.search(c) for c in notes),
     "a zh-CN portal's new record is commented in Chinese (%d comments)"
     % len(notes), "\n".join(c for c in notes if not HAN.search(c)))
t.ok(re.search(r"(?m)^id: CL-2031-004 ", text) and
     re.search(r"(?m)^status: open ", text),
     "the new record has its id and is open", text[:300])
r = run("check", "-C", zh)
t.ok(r.returncode == 0 and not r.stderr,
     "left open, the new records pass check", r.stderr)

# Closed as it was written: every placeholder date is an error at its
# line and column.
path = os.path.join(zh, "cases", "2031", "CL-2031-004.md")
closed = text.replace("status: open ", "status: closed", 1)
with open(path, "w", encoding="utf-8") as f:
    f.write(closed)
want = set()
for n, line in enumerate(closed.split("\n---\n")[0].splitlines(), 1):
    i = line.find(PLACEHOLDER)
    if i >= 0 and not line.lstrip().startswith("#"):
        want.add((n, i + 1))
r = run("check", "-C", zh)
got = set()
for line in r.stderr.splitlines():
    m = re.match(re.escape(path) + r":(\d+):(\d+): error: [\w.\[\]]+: "
                 r"still the placeholder YYYY-MM-DD of disclose new", line)
    if m:
        got.add((int(m.group(1)), int(m.group(2))))
t.ok(r.returncode == 1 and len(want) >= 4 and got == want,
     "closed with its placeholder dates, the record fails check at each "
     "(%d dates)" % len(want), "got %s\nwant %s\n%s" % (sorted(got),
                                                         sorted(want),
                                                         r.stderr))

r = run("new", "-C", zh, "CL-2031-004")
t.ok(r.returncode == 3 and "File exists" in r.stderr and
     "never overwrites" in r.stderr and read(path) == closed,
     "new never overwrites a record, exit 3", r.stderr)

en = copy_content(os.path.join(tmpdir(), "content"), cases=False)
y = read(os.path.join(en, "site.yaml"))
with open(os.path.join(en, "site.yaml"), "w", encoding="utf-8") as f:
    f.write(re.sub(r"(?m)^language:.*\n", "", y) + "language: en\n")
r = run("new", "-C", en, "CL-2026-001")
text = read(os.path.join(en, "cases", "2026", "CL-2026-001.md"))
notes = comments(text)
t.ok(r.returncode == 0 and len(notes) >= 20 and
     not [c for c in notes if HAN.search(c) or not re.search("[a-z]", c)],
     "an English portal's new record is commented in English",
     r.stderr + "\n".join(notes))
r = run("check", "-C", en)
t.ok(r.returncode == 0, "and it passes check, open", r.stderr)

with open(os.path.join(en, "site.yaml"), "w", encoding="utf-8") as f:
    f.write(re.sub(r"(?m)^language:.*\n", "", y) + "language: fr\n")
r = run("new", "-C", en, "CL-2026-002")
t.ok(r.returncode == 1 and re.search(r"site\.yaml:\d+:\d+: error: "
                                     r"language: unknown value", r.stderr)
     and not os.path.exists(os.path.join(en, "cases", "2026",
                                         "CL-2026-002.md")),
     "new on a portal whose site.yaml is wrong: its error, exit 1, no "
     "record", r.stderr)

# --timings: one line per step on standard error, each with its cost;
# the portal is the same as without it.
tc = copy_content(os.path.join(tmpdir(), "content"))
plain, timed = os.path.join(tmpdir(), "plain"), os.path.join(tmpdir(), "timed")
r0 = run("build", "-q", "-C", tc, "-o", plain)
r = run("build", "-q", "--timings", "-C", tc, "-o", timed)
steps = re.findall(r"^disclose: (\S.*?) +(\d+\.\d\d) s wall +(\d+\.\d\d) "
                   r"s CPU, peak (\d+) MiB$", r.stderr, re.M)
t.ok(r0.returncode == 0 and r.returncode == 0 and
     [s[0] for s in steps] == ["inputs hashed",
                               "read, validated, people checked",
                               "redacted", "rendered",
                               "feeds, data, sitemap, search", "audited",
                               "swapped in", "cache kept"] and
     all(int(s[3]) > 0 for s in steps) and
     int(steps[-1][3]) >= max(int(s[3]) for s in steps),
     "--timings: each step of the build, in order, with its wall and CPU "
     "time and a peak memory that never falls", r.stderr)
t.ok(tree(plain) == tree(timed), "--timings changes nothing in the portal")

r = run("-V")
t.ok(r.returncode == 0 and r.stdout.startswith("disclose "),
     "disclose -V prints the version", r.stdout)

# A clock that is no number of seconds, or beyond the year 9999.
content = copy_content()
for bad in ("soon", " 1795564800", "-86400", "1795564800x",
            "253402300800", "9223372036854775807"):
    out = os.path.join(tmpdir(), "site")
    r = build(content, out, env={"SOURCE_DATE_EPOCH": bad})
    t.ok(r.returncode == 2 and "SOURCE_DATE_EPOCH: expected seconds since "
         "1970" in r.stderr and not os.path.exists(out),
         "SOURCE_DATE_EPOCH=%r: a usage error, nothing built" % bad,
         r.stderr[-300:])
t.done()
