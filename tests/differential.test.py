"""Differential test of the incremental build against clean builds.

A copy of the sample portal is built once with its cache; then a
sequence of changes, drawn with a fixed seed from many kinds, is made to
it, and after each one the portal is built incrementally (the cache
beside content/, the spare beside the site, a random -j) and, of a copy
of the same content, by a clean build in a directory of its own (no
cache, no spare).  After every step:

- the incremental build exits as the clean build does, with the same
  errors, and says the same counts of cases and withheld items;
- when it succeeds, the two portals hold the same files, byte for byte,
  and the same case pages, which are those the records call for (every
  closed or withdrawn case whose publication date has come);
- when it fails, the portal is left exactly as it was (every file, its
  bytes, its inode and mtime);
- a change undone to the very bytes there were before gives again the
  very portal there was before.

Every kind of change is made at least once, in an order the seed picks.
DIFF_SEED picks another seed and DIFF_EXTRA=N adds N more changes drawn
at random, to search further by hand:
    DIFF_SEED=7 DIFF_EXTRA=60 python3 tests/differential.test.py
"""
import datetime
import difflib
import glob
import hashlib
import os
import random
import re
import shutil
import time

from testlib import CONTENT, EPOCH, TAP, TEMPLATES, run, tmpdir, tree

SEED = int(os.environ.get("DIFF_SEED", "20261125"))
EXTRA = int(os.environ.get("DIFF_EXTRA", "0"))
rng = random.Random(SEED)
t = TAP()
print("# seed %d, %d extra changes" % (SEED, EXTRA))

work = tmpdir("disclose-diff-")
content = os.path.join(work, "content")
templates = os.path.join(work, "templates")
out = os.path.join(work, "site")
out_internal = os.path.join(work, "site-internal")
out_second = os.path.join(work, "site-second")
shutil.copytree(CONTENT, content)
shutil.copytree(TEMPLATES, templates)
TZ = datetime.timezone(datetime.timedelta(hours=8))   # site.yaml's +08:00

state = {"epoch": int(EPOCH), "audience": "public"}
CASE_PAGE = re.compile(r"^cases/([A-Z][A-Z0-9]*-\d{4}-\d{3,})/index\.html$")


# --- Files, with a journal of what each change replaced ----------------

class Change:
    """The files one change touches, with the bytes they held before
    (None: there was no such file), so that it can be undone exactly."""

    def __init__(self):
        self.old = {}

    def keep(self, path):
        if path not in self.old:
            self.old[path] = (open(path, "rb").read()
                              if os.path.exists(path) else None)

    def write(self, path, text):
        self.keep(path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode() if isinstance(text, str) else text
        with open(path, "wb") as fh:
            fh.write(data)

    def remove(self, path):
        self.keep(path)
        os.unlink(path)

    def move(self, src, dst):
        self.keep(src)
        self.keep(dst)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        os.rename(src, dst)

    def undo(self):
        for path, data in self.old.items():
            if data is None:
                if os.path.exists(path):
                    os.unlink(path)
            else:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as fh:
                    fh.write(data)


def read(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()


# --- Records -----------------------------------------------------------

def split(text):
    """(front matter with its opening ---, the rest from the closing ---)"""
    i = text.index("\n---\n", 4)
    return text[:i + 1], text[i + 1:]


def field(text, key):
    m = re.search(r"(?m)^%s: ?(.*)$" % re.escape(key), split(text)[0])
    return m.group(1).strip() if m else None


def set_field(text, key, value):
    front, rest = split(text)
    new, n = re.subn(r"(?m)^%s:.*$" % re.escape(key),
                     lambda m: "%s: %s" % (key, value), front, 1)
    assert n == 1, key
    return new + rest


def records():
    """{id: path} of every record under cases/, wherever it is filed."""
    out_ = {}
    for p in sorted(glob.glob(os.path.join(content, "cases", "**", "*.md"),
                              recursive=True)):
        out_[os.path.basename(p)[:-3]] = p
    return out_


def today():
    return datetime.datetime.fromtimestamp(state["epoch"], TZ).date()


def day(s):
    return datetime.date.fromisoformat(s)


def closed(published_only=True):
    """Ids of the closed cases (published ones only, by default)."""
    ids = []
    for cid, p in records().items():
        text = read(p)
        if field(text, "status") != "closed":
            continue
        if published_only and day(field(text, "published")) > today():
            continue
        ids.append(cid)
    return ids


def expected_pages():
    """The case pages the records call for: every closed or withdrawn
    case whose publication date has come."""
    want = set()
    for cid, p in records().items():
        text = read(p)
        pub = field(text, "published")
        if field(text, "status") in ("closed", "withdrawn") and pub and \
                day(pub) <= today():
            want.add(cid)
    return want


def pick(ids=None):
    ids = ids if ids is not None else closed()
    return rng.choice(sorted(ids))


def free_id(year):
    have = set(records())
    while True:
        cid = "CL-%d-%03d" % (year, rng.randrange(100, 900))
        if cid not in have:
            return cid


def site_list(key):
    """[(name, slug)] of site.yaml's units or categories."""
    sec = read(os.path.join(content, "site.yaml")).split("\n%s:\n" % key,
                                                         1)[1]
    items = []
    for line in sec.splitlines():
        m = re.match(r"  - \{name: ([^,]+), slug: ([a-z0-9-]+)\}$", line)
        if not m:
            break
        items.append(m.groups())
    return items


SENTENCES = ["整改工作已全部完成。", "相关材料已移交县档案馆归档。",
             "县纪委监委对处理情况进行了回访。", "该单位已建立健全相关制度。",
             "案件办理情况已向上级纪委监委报备。",
             "申请人对处理决定无异议。"]
FRESH_NAMES = ["石文博", "鲍思远", "祁明轩", "苗婉清", "邝志诚"]


# --- Builds and the comparison -----------------------------------------

def stats(root):
    res = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            st = os.lstat(p)
            res[os.path.relpath(p, root)] = (st.st_ino, st.st_mtime_ns)
    return res


def build(c, o, jobs, tpl=None):
    return run("build", "-C", c, "-t", tpl or templates, "-o", o, "-j",
               str(jobs), "-a", state["audience"],
               env={"SOURCE_DATE_EPOCH": str(state["epoch"])})


def clean_build():
    """A clean build of a copy of the content and the theme, in a
    directory of its own: (tree or None, CompletedProcess)."""
    d = tmpdir("disclose-diff-clean-")
    c = os.path.join(d, "content")
    tp = os.path.join(d, "templates")
    shutil.copytree(content, c, symlinks=True)
    shutil.copytree(templates, tp, symlinks=True)
    r = build(c, os.path.join(d, "site"), 2, tpl=tp)
    got = tree(os.path.join(d, "site")) if r.returncode == 0 else None
    r.stdout = r.stdout.replace(d + "/", "")
    r.stderr = r.stderr.replace(d + "/", "")
    shutil.rmtree(d, True)
    return got, r


def tree_diff(got, want, limit=8):
    """What differs between two trees, as lines; [] when they are one."""
    only_got = sorted(set(got) - set(want))
    only_want = sorted(set(want) - set(got))
    differ = sorted(p for p in set(got) & set(want) if got[p] != want[p])
    lines = []
    if only_got:
        lines.append("only in the incremental build (%d): %s"
                     % (len(only_got), ", ".join(only_got[:limit])))
    if only_want:
        lines.append("only in the clean build (%d): %s"
                     % (len(only_want), ", ".join(only_want[:limit])))
    if differ:
        lines.append("differ (%d): %s" % (len(differ),
                                          ", ".join(differ[:limit])))
        p = differ[0]
        a = got[p].decode("utf-8", "replace").splitlines()
        b = want[p].decode("utf-8", "replace").splitlines()
        d = list(difflib.unified_diff(b, a, "clean/" + p,
                                      "incremental/" + p, n=0, lineterm=""))
        lines += [x[:300] for x in d[:14]]
    return lines


def errors(stderr):
    return sorted(x[x.index("cases/"):] if "cases/" in x else x
                  for x in (y.replace(work + "/", "") for y in
                            stderr.splitlines()) if ": error: " in x)


def counts(stdout):
    """What the summary line says of cases and withheld items."""
    m = re.search(r"audience: (.*?); \d+ files", stdout)
    return m and m.group(1)


def digest(tr):
    h = hashlib.sha256()
    for p in sorted(tr):
        h.update(p.encode() + b"\0" + hashlib.sha256(tr[p]).digest())
    return h.hexdigest()


history = []       # (Change, digest of the portal before it, epoch, audience)
live = {}        # output directory: the portal its last good build left


def step(name, expect_fail=False, post=None, before=None, o=None,
         may_fail=False):
    """Build incrementally and cleanly; one TAP line.  expect_fail: the
    change makes the content invalid (a check of this test itself);
    may_fail: it may, or not (the two builds must agree).
    post(tree) returns a list of problems the change's own effect shows.
    before: a portal digest the build must give again (a change undone)."""
    o = o or out
    old_tree, old_stats = live.get(o), stats(o)
    jobs = rng.choice([1, 2, 3])
    name = "%s [-j %d%s]" % (name, jobs, "" if state["audience"] == "public"
                             else ", internal")
    r = build(content, o, jobs)
    want, rc = clean_build()
    got = tree(o)
    bad = []
    if r.returncode != rc.returncode:
        bad.append("exit status %d, a clean build's %d"
                   % (r.returncode, rc.returncode))
    if expect_fail and rc.returncode == 0:
        bad.append("(test) the change was to make the content invalid, "
                   "but a clean build succeeds")
    if not expect_fail and not may_fail and rc.returncode != 0:
        bad.append("(test) a clean build fails: " + rc.stderr[-600:])
    if errors(r.stderr) != errors(rc.stderr):
        bad.append("errors differ from a clean build's:")
        bad += ["  incremental: " + x for x in errors(r.stderr)[:4]]
        bad += ["  clean:       " + x for x in errors(rc.stderr)[:4]]
    if r.returncode != 0:
        if got != old_tree:
            bad.append("a failed build changed the portal:")
            bad += tree_diff(got, old_tree)
        elif stats(o) != old_stats:
            bad.append("a failed build replaced files of the portal: " +
                       ", ".join(sorted(p for p in old_stats if
                                        stats(o).get(p) != old_stats[p]
                                        )[:8]))
    if want is not None:
        bad += tree_diff(got, want)
        pages = {m.group(1) for p in got for m in [CASE_PAGE.match(p)] if m}
        cpages = {m.group(1) for p in want for m in [CASE_PAGE.match(p)]
                  if m}
        if pages != cpages:
            bad.append("case pages: missing %s, extra %s"
                       % (sorted(cpages - pages), sorted(pages - cpages)))
        exp = expected_pages()
        if cpages != exp:
            bad.append("the published cases are not those the records call "
                       "for: missing %s, extra %s"
                       % (sorted(exp - cpages), sorted(cpages - exp)))
        if "up to date" not in r.stdout and counts(r.stdout) != \
                counts(rc.stdout):
            bad.append("summary: %r, a clean build's %r"
                       % (counts(r.stdout), counts(rc.stdout)))
        if post:
            bad += post(got)
    if before is not None and digest(got) != before:
        bad.append("the change undone: the portal is not the one there "
                   "was before the change")
    if r.returncode == 0:
        live[o] = got
    t.ok(not bad, name, "\n".join(bad + ["incremental: " + (
        r.stdout + r.stderr).strip()[-400:]] if bad else []))
    return not bad


# --- Kinds of change ---------------------------------------------------
# Each makes its change (recording what it replaces in a Change) and
# builds; those that can be undone return the Change.

def record_change(fn, label):
    """A change to one closed, published case: fn(text, ch, id, path)
    returns (new text, description) or None."""
    def kind():
        for _ in range(20):
            cid = pick()
            p = records()[cid]
            ch = Change()
            res = fn(read(p), ch, cid, p)
            if res is not None:
                text, what = res
                if text is not None:
                    ch.write(p, text)
                return ch, "%s: %s %s" % (label, cid, what)
        raise NotNow(label)
    return kind


class NotNow(Exception):
    """The kind of change cannot be made to the content as it is."""


def plain(kind):
    """A change made and built on its own."""
    def go():
        ch, what = kind()
        step(what)
        return ch
    return go


def k_body(text, ch, cid, p):
    return text.rstrip("\n") + "\n\n" + rng.choice(SENTENCES) + "\n", \
        "body given a sentence"


def k_title(text, ch, cid, p):
    title = field(text, "title")
    new = rng.choice(["（更正）" + title, title + "（复核）",
                      "阿" + title[1:], title[:-1] + "甲"])
    return set_field(text, "title", new), "title to %s" % new


def k_unit(text, ch, cid, p):
    units = [n for n, _ in site_list("units") if n != field(text, "unit")]
    u = rng.choice(units)
    return set_field(text, "unit", u), "unit to %s" % u


def k_category(text, ch, cid, p):
    cats = [n for n, _ in site_list("categories")
            if n != field(text, "category")]
    c = rng.choice(cats)
    return set_field(text, "category", c), "category to %s" % c


def k_outcome(text, ch, cid, p):
    cur = field(text, "outcome")
    new = rng.choice([o for o in ("exempted", "mitigated", "accountable")
                      if o != cur])
    text = set_field(text, "outcome", new)
    front, rest = split(text)
    if new == "accountable":
        front = re.sub(r"(?m)^basis:.*\n", "", front)
    elif field(text, "basis") is None:
        front = front.replace("\nfactors:\n", "\nbasis: [1]\nfactors:\n", 1)
    return front + rest, "outcome %s to %s" % (cur, new)


def shift_dates(text, days):
    front, rest = split(text)
    front = re.sub(r"\b(20\d\d-\d\d-\d\d)\b", lambda m: (
        day(m.group(1)) + datetime.timedelta(days=days)).isoformat(), front)
    return front + rest


def k_dates(text, ch, cid, p):
    """Every date of the record moved forward: the year of the decision,
    the listing order, the pages of the list all may change, and a case
    whose publication passes today is embargoed."""
    days = rng.randrange(150, 420)
    text = shift_dates(text, days)
    return text, "every date %d days later (decided %s, published %s)" % (
        days, field(text, "decided"), field(text, "published"))


def k_published(text, ch, cid, p):
    """The publication date alone, between the decision and the first
    revision (or today): the order of every listing and feed."""
    lo = day(field(text, "decided"))
    revs = re.findall(r"(?m)^  - \{date: (\S+), note:", split(text)[0])
    hi = min([today() - datetime.timedelta(days=2)] + [day(x) for x in revs])
    if hi <= lo:
        return None
    new = lo + datetime.timedelta(days=rng.randrange((hi - lo).days + 1))
    return set_field(text, "published", new.isoformat()), \
        "published %s to %s" % (field(text, "published"), new)


def k_embargo(text, ch, cid, p):
    """Publication moved past today: the case leaves the portal until
    the clock passes it."""
    if "\nrevisions:\n" in text:
        return None
    new = today() + datetime.timedelta(days=rng.randrange(5, 60))
    return set_field(text, "published", new.isoformat()), \
        "published in the future, %s (embargoed)" % new


def k_revision(text, ch, cid, p):
    pub = day(field(text, "published"))
    if "\nrevisions:\n" in text:
        return None
    d = pub + datetime.timedelta(days=rng.randrange(1, 60))
    if d > today():
        return None
    front, rest = split(text)
    front += "revisions:\n  - {date: %s, note: 更正处理结果表述}\n" % d
    return front + rest, "a revision of %s" % d


def k_withdraw(text, ch, cid, p):
    pub = day(field(text, "published"))
    d = min(today(), pub + datetime.timedelta(days=30))
    text = set_field(text, "status", "withdrawn")
    front, rest = split(text)
    front += "withdrawn:\n  date: %s\n  reason: 申请人主动撤回申请\n" % d
    return front + rest, "withdrawn"


def k_protected(text, ch, cid, p):
    """A value the policy withholds put in the body: the case's own
    phone or identity number, a number the detectors find, text marked
    by hand, or another case's protected name."""
    front, rest = split(text)
    choices = []
    m = re.search(r'(?m)^  phone: "?(\d+)"?$', front)
    if m:
        choices.append(("its subject's phone", "联系电话%s。" % m.group(1)))
    m = re.search(r'(?m)^  id_number: "?(\w+)"?$', front)
    if m:
        choices.append(("its subject's identity number",
                        "身份证号%s。" % m.group(1)))
    choices.append(("a mobile number", "经办人电话13912345678。"))
    choices.append(("an e-mail address", "来信请寄xiao.li@example.com。"))
    choices.append(("marked text", "{--内部讨论意见不予公开--}。"))
    other = pick([x for x in closed() if x != cid])
    m = re.search(r"(?m)^  name: (.+)$", read(records()[other]))
    choices.append(("the subject's name of %s" % other,
                    "另经核实，%s未参与此事。" % m.group(1)))
    what, s = rng.choice(choices)
    return text.rstrip("\n") + "\n\n" + s + "\n", "body given %s" % what


def k_touch(text, ch, cid, p):
    ch.keep(p)
    st = os.stat(p)
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 5 * 10**9))
    return None, "touched (mtime only)"


RECORD_KINDS = {
    "body": k_body, "title": k_title, "unit": k_unit,
    "category": k_category, "outcome": k_outcome, "dates": k_dates,
    "published": k_published, "embargo": k_embargo,
    "revision": k_revision, "withdraw": k_withdraw,
    "protected": k_protected, "touch": k_touch,
}


def g_add():
    src = records()[pick()]
    text = read(src)
    year = int(field(text, "id").split("-")[1])
    cid = free_id(year)
    ch = Change()
    ch.write(os.path.join(content, "cases", str(year), cid + ".md"),
             set_field(text, "id", cid))
    return ch, "a record added: %s, a copy of %s" % (cid, field(text, "id"))


def g_remove():
    cid = pick()
    ch = Change()
    ch.remove(records()[cid])
    return ch, "a record removed: %s" % cid


def g_rename():
    """A record renamed: its file and its id, so its permalink."""
    cid = pick()
    p = records()[cid]
    year = int(cid.split("-")[1])
    new = free_id(year)
    ch = Change()
    text = set_field(read(p), "id", new)
    ch.remove(p)
    ch.write(os.path.join(os.path.dirname(p), new + ".md"), text)
    return ch, "a record renamed: %s to %s" % (cid, new)


def g_move():
    """A record moved to a directory that is no year: accepted."""
    cid = pick()
    p = records()[cid]
    dst = os.path.join(content, "cases", rng.choice(["archive", "misc"]),
                       cid + ".md")
    if p == dst:
        dst = os.path.join(content, "cases", cid[3:7], cid + ".md")
    ch = Change()
    ch.move(p, dst)
    return ch, "a record moved: %s to %s" % (
        os.path.relpath(p, content), os.path.relpath(dst, content))


def g_two():
    """Two changes at once, to two cases."""
    a, b = rng.sample(sorted(RECORD_KINDS), 2)
    ch1, w1 = record_change(RECORD_KINDS[a], a)()
    ch2, w2 = record_change(RECORD_KINDS[b], b)()
    ch = Change()
    ch.old = dict(ch2.old)
    ch.old.update(ch1.old)      # the older bytes win
    return ch, "two at once: %s; %s" % (w1, w2)


def file_change(rel, fn, label):
    def kind():
        p = os.path.join(work, rel)
        ch = Change()
        res = fn(read(p))
        if res is None:
            raise NotNow(label)
        text, what = res
        ch.write(p, text)
        return ch, "%s: %s" % (label, what)
    return kind


def site_title(s):
    return re.sub(r"(?m)^title: (.+)$", r"title: \1（试运行）", s, 1), \
        "the title"


def site_per_page(s):
    n = rng.choice([5, 7, 13])
    return re.sub(r"(?m)^per_page: \d+$", "per_page: %d" % n, s, 1), \
        "per_page %d" % n


def site_feed(s):
    if rng.random() < 0.5:
        n = rng.choice([3, 10, 30])
        return re.sub(r"(?m)^feed_items: \d+$", "feed_items: %d" % n, s,
                      1), "feed_items %d" % n
    if "feed_summary_only: false" in s:
        return s.replace("feed_summary_only: false",
                         "feed_summary_only: true"), "feed_summary_only true"
    return s.replace("feed_summary_only: true", "feed_summary_only: false"
                     ), "feed_summary_only false"


def site_limits(s):
    n = rng.choice([20, 30, 45])
    return re.sub(r"(?m)^  decision: \d+$", "  decision: %d" % n, s, 1), \
        "time_limits.decision %d" % n


def site_slug(s):
    units = site_list("units")
    name, slug = rng.choice(units)
    return s.replace("{name: %s, slug: %s}" % (name, slug),
                     "{name: %s, slug: %s-x}" % (name, slug), 1), \
        "the slug of %s to %s-x" % (name, slug)


def toggle(s, a, b):
    """s with a put for b, or b for a."""
    return s.replace(a, b, 1) if a in s else s.replace(b, a, 1)


def site_contact(s):
    return toggle(s, "email: jubao@example.gov.cn",
                  "email: xinfang@example.gov.cn"), "the contact e-mail"


def site_language(s):
    s = toggle(s, "language: zh-CN", "language: en")
    return s, "language " + re.search(r"(?m)^language: (.+)$", s).group(1)


def policy_op(s):
    # (Fields whose values no other text of the portal shares: withheld,
    # they do not make the audit fail.)
    fields = [(f, op) for f, op in [
        ("procedure[].note", "{op: withhold, ground: default}"),
        ("factors.consequence", "{op: withhold, ground: default}"),
        ("factors.conditions", "{op: withhold, ground: default}"),
        ("revisions[].note", "{op: withhold, ground: default}"),
        ("basis[]", "{op: withhold, ground: default}"),
        ("third_parties[].name", "{op: withhold, ground: third_party}")]
        if "\n  %s: keep\n" % f in s]
    if not fields:
        return None
    field_, op = rng.choice(fields)
    return s.replace("\n  %s: keep\n" % field_,
                     "\n  %s: %s\n" % (field_, op), 1), \
        "%s withheld" % field_


def policy_audience(s):
    """The rule of one audience for the subject's name: withheld for the
    public, or pseudonymized for internal readers."""
    if rng.random() < 0.5:
        new = toggle(s, "subject.name:\n    public: {op: pseudonym, ground: "
                     "privacy}", "subject.name:\n    public: {op: withhold, "
                     "ground: privacy}")
        what = "subject.name for the public: pseudonym or withheld"
    else:
        new = toggle(s, "subject.name:\n    public: {op: pseudonym, ground: "
                     "privacy}\n    internal: keep", "subject.name:\n    "
                     "public: {op: pseudonym, ground: privacy}\n    "
                     "internal: {op: pseudonym, ground: privacy}")
        what = "subject.name for internal readers: kept or pseudonym"
    if new == s:
        return None
    return new, what


def policy_ground(s):
    return toggle(s, "privacy: 《中华人民共和国政府信息公开条例》第十五条（涉及"
                     "个人隐私）", "privacy: 《中华人民共和国政府信息公开条例》"
                     "第十五条（涉及个人隐私，经审查）"), \
        "the text of the ground privacy"


def rules_text(s):
    n = rng.randrange(1, 11)
    new = re.sub(r"(?m)^(  - number: %d\n    text: )(.+)$" % n,
                 r"\1\2（修订）", s, 1)
    assert new != s
    return new, "the text of item %d" % n


def rules_add(s):
    n = max(int(x) for x in re.findall(r"(?m)^  - number: (\d+)$", s)) + 1
    return s.replace("red_lines:\n", "  - number: %d\n    text: 在疫情防控等"
                     "工作中为保障群众生活先行处置的\n    source: 《澄岚县容错纠错"
                     "实施办法》（澄纪发〔2023〕2号）第九条第（十）项\n"
                     "    valid_from: 2023-03-01\n" "red_lines:\n" % n, 1), \
        "item %d added" % n


def tpl_edit(s):
    return s.replace("</article>", "<p class=\"note\">本页内容以正式文件为准。"
                     "</p></article>", 1), "case.tpl edited"


def css_edit(s):
    return s + "\n.note { color: #333; }\n", "style.css edited"


def js_edit(s):
    return s + "\n// search tuned\n", "search.js edited"


def archive_css(s):
    return s + "\n/* archive */\n", "archive.css edited (snapshots only)"


def strings_edit(s):
    return toggle(s, "  home: 首页\n", "  home: 首页（主页）\n"), \
        "strings.yaml: the word for home"


def g_tpl_add():
    ch = Change()
    name = "extra-%d.tpl" % rng.randrange(1000)
    ch.write(os.path.join(templates, name),
             "{{%AUTOESCAPE context=\"HTML\"}}<p>{{L_HOME}}</p>\n")
    return ch, "a template added that no page uses (%s)" % name


FILE_KINDS = {
    "site-title": ("content/site.yaml", site_title),
    "site-per-page": ("content/site.yaml", site_per_page),
    "site-feed": ("content/site.yaml", site_feed),
    "site-limits": ("content/site.yaml", site_limits),
    "site-slug": ("content/site.yaml", site_slug),
    "site-contact": ("content/site.yaml", site_contact),
    "site-language": ("content/site.yaml", site_language),
    "policy-op": ("content/policy.yaml", policy_op),
    "policy-audience": ("content/policy.yaml", policy_audience),
    "policy-ground": ("content/policy.yaml", policy_ground),
    "rules-text": ("content/rules.yaml", rules_text),
    "rules-add": ("content/rules.yaml", rules_add),
    "template": ("templates/case.tpl", tpl_edit),
    "css": ("templates/style.css", css_edit),
    "js": ("templates/search.js", js_edit),
    "archive-css": ("templates/archive.css", archive_css),
    "strings": ("templates/strings.yaml", strings_edit),
}


# --- Kinds that build more than once -----------------------------------

def invalid():
    """The content made invalid: the build fails as a clean build does
    and leaves the portal as it was; then put right (the very bytes)."""
    cid = pick()
    p = records()[cid]
    text = read(p)
    ch = Change()
    how = rng.choice(["outcome", "year", "date", "unit", "dup", "name",
                      "yaml", "template", "policy"])
    if how == "outcome":
        ch.write(p, set_field(text, "outcome", "exempt"))
        what = "%s outcome: exempt" % cid
    elif how == "year":
        y = int(cid[3:7])
        other = str(y - 1 if y > 2022 else y + 1)
        ch.move(p, os.path.join(content, "cases", other, cid + ".md"))
        what = "%s filed under cases/%s/" % (cid, other)
    elif how == "date":
        ch.write(p, set_field(text, "decided", "2024-02-30"))
        what = "%s decided: 2024-02-30" % cid
    elif how == "unit":
        ch.write(p, set_field(text, "unit", "澄岚县不存在局"))
        what = "%s an unknown unit" % cid
    elif how == "dup":
        q = os.path.join(content, "cases", "dup", cid + ".md")
        ch.write(q, text)
        what = "a second record with id %s (cases/dup/)" % cid
    elif how == "name":
        front, rest = split(text)
        front = re.sub(r"(?m)^(  name: )(.+)$", r"\1\2同志", front, 1)
        ch.write(p, front + rest)
        what = "%s a title in the subject's name" % cid
    elif how == "yaml":
        ch.write(p, text.replace("\nstatus: closed\n",
                                 "\nstatus: [closed\n", 1))
        what = "%s front matter that is no YAML" % cid
    elif how == "template":
        victim = rng.choice(["ref.tpl", "row.tpl", "card.tpl"])
        ch.remove(os.path.join(templates, victim))
        what = "the template %s removed" % victim
    else:
        pol = os.path.join(content, "policy.yaml")
        ch.write(pol, read(pol).replace("  title: keep\n",
                                        "  title: {op: shred}\n", 1))
        what = "policy.yaml: an unknown operator"
    step("invalid, %s: the build fails, the portal stays" % what,
         expect_fail=True)
    ch.undo()
    step("invalid, put right again: %s" % what)
    return None


def witness():
    """A name that another case's body mentions, plain, becomes a
    witness of a case: protected portal-wide, the other case's page
    changes."""
    names = [n for n in FRESH_NAMES
             if not any(n in read(p) for p in records().values())]
    if not names:
        return nothing()
    name = rng.choice(names)
    b, a = rng.sample(sorted(closed()), 2)
    pb, pa = records()[b], records()[a]
    ch = Change()
    ch.write(pb, read(pb).rstrip("\n") + "\n\n本案卷宗由%s整理。\n" % name)
    step("a name, %s, mentioned in the body of %s" % (name, b),
         post=lambda tr: [] if name.encode() in tr[
             "cases/%s/index.html" % b] else ["%s is not on %s's page"
                                               % (name, b)])
    text = read(pa)
    entry = "  - name: %s\n    position: 县档案馆馆员\n" % name
    if "\nwitnesses:\n" in text:
        text = text.replace("\nwitnesses:\n", "\nwitnesses:\n" + entry, 1)
    else:
        text = text.replace("\noutcome:", "\nwitnesses:\n" + entry +
                            "outcome:", 1)
    ch.write(pa, text)
    step("%s made a witness of %s: %s's page withholds the name"
         % (name, a, b), post=lambda tr: [] if name.encode() not in tr[
             "cases/%s/index.html" % b] else ["%s still on %s's page"
                                              % (name, b)])
    return ch


def clock():
    """The clock moved forward: past the earliest embargo there is, if
    any is within reach, else by some weeks."""
    future = sorted(day(field(read(p), "published"))
                    for p in records().values()
                    if field(read(p), "status") in ("closed", "withdrawn")
                    and field(read(p), "published")
                    and day(field(read(p), "published")) > today())
    if future and future[0] - today() < datetime.timedelta(days=120):
        target = future[0] + datetime.timedelta(days=1)
        why = "past the embargo ending %s" % future[0]
    elif future and rng.random() < 0.3:
        target = future[-1] + datetime.timedelta(days=1)
        why = "past every embargo (the last ends %s)" % future[-1]
    else:
        target = today() + datetime.timedelta(days=rng.randrange(7, 40))
        why = "by some weeks"
    state["epoch"] = at(target)
    step("the clock moved to %s, %s" % (target, why))
    return None


def at(d):
    """The epoch of noon of day d, in the site's time zone."""
    return int(datetime.datetime.combine(d, datetime.time(12),
                                         TZ).timestamp())


def clock_back():
    """The clock moved back: a build for a day before the publication of
    a case published now (SOURCE_DATE_EPOCH of an earlier day, or a
    clock put right), or a preview of the portal as it will be after
    every embargo, then a build for today again.  The case published in
    between is embargoed again."""
    future = sorted(day(field(read(p), "published"))
                    for p in records().values()
                    if field(read(p), "status") in ("closed", "withdrawn")
                    and day(field(read(p), "published")) > today())
    if future and rng.random() < 0.5:
        now = state["epoch"]
        state["epoch"] = at(future[-1] + datetime.timedelta(days=1))
        step("a preview of the portal as it will be on %s, past every "
             "embargo" % today())
        state["epoch"] = now
        step("the clock back to today, %s: %d cases embargoed again"
             % (today(), len(future)))
        return None
    pubs = sorted(day(field(read(records()[c]), "published"))
                  for c in closed())
    d = rng.choice(pubs[-8:])
    state["epoch"] = at(d - datetime.timedelta(days=1))
    step("the clock moved back to %s, the day before %s was published"
         % (today(), d))
    return None


def audience():
    """Another portal of the same content, built into a directory of its
    own with the same cache (the internal one, or a second public one),
    brought up to date with whatever changed since it was last built;
    then the first one again."""
    if rng.random() < 0.5:
        state["audience"] = "internal"
        step("the internal portal (its own output, the same cache)",
             o=out_internal)
        state["audience"] = "public"
    else:
        step("a second public portal (its own output, the same cache)",
             o=out_second)
    step("and the first portal again")
    return None


def tamper():
    """What the last build left changed by hand: a published file edited
    in place (its size and mtime kept), one removed, one added, the
    spare or the output removed, the cache damaged or removed."""
    how = rng.choice(["edit", "delete", "add", "spare", "site", "cache",
                      "cache-damaged"])
    files = sorted(live[out])
    victim = rng.choice(files)
    p = os.path.join(out, victim)
    cache = os.path.join(work, ".disclose-cache")
    if how == "edit":
        st = os.stat(p)
        data = bytearray(open(p, "rb").read())
        i = rng.randrange(len(data))
        data[i] = data[i] ^ 0x20 if 0x41 <= data[i] <= 0x7a else data[i]
        if bytes(data) == open(p, "rb").read():
            data[-1:] = b" " if data[-1:] != b" " else b"\n"
        with open(p, "r+b") as fh:
            fh.write(data)
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
        what = "%s edited in place, its size and mtime kept" % victim
    elif how == "delete":
        os.unlink(p)
        what = "%s removed" % victim
    elif how == "add":
        with open(os.path.join(out, "cases", "stray.html"), "w") as fh:
            fh.write("<p>stray</p>")
        what = "a stray file added to the portal"
    elif how == "spare":
        shutil.rmtree(os.path.join(work, ".site.spare"), True)
        what = "the spare removed"
    elif how == "site":
        shutil.rmtree(out)
        what = "the whole portal removed"
    elif how == "cache":
        shutil.rmtree(cache, True)
        what = "the cache removed"
    else:
        for x in sorted(glob.glob(os.path.join(cache, "*.records")) +
                        glob.glob(os.path.join(cache, "*.state"))):
            data = bytearray(open(x, "rb").read())
            for i in range(rng.randrange(50), len(data), 211):
                data[i] ^= 0x5a
            with open(x, "wb") as fh:
                fh.write(data)
        what = "the cache's records and state damaged"
    step("by hand: " + what)
    return None


def cross():
    """A protected name of one case mentioned in another case's body;
    then the first case changed: removed, withdrawn, embargoed, its
    person's name changed, or the policy's operator for names."""
    a, b = rng.sample(sorted(closed()), 2)
    pa, pb = records()[a], records()[b]
    name = re.search(r"(?m)^  name: (.+)$", read(pa)).group(1)
    ch = Change()
    ch.write(pb, read(pb).rstrip("\n") + "\n\n%s同志的材料另案处理。\n"
             % name)
    step("%s's subject, %s, mentioned in the body of %s" % (a, name, b),
         post=lambda tr: [] if name.encode() not in tr[
             "cases/%s/index.html" % b] else ["%s shown on %s's page"
                                              % (name, b)])
    how = rng.choice(["remove", "withdraw", "embargo", "rename", "policy"])
    # Removed, or renamed, the case may no longer declare the name that
    # the other body names next to a title: whether a build then refuses
    # is the check of undeclared names' to say, the same for both builds;
    # the case is put back after.
    back = how in ("remove", "rename")
    chb = Change() if back else ch
    text = read(pa)
    if how == "remove":
        chb.remove(pa)
    elif how == "withdraw":
        ch.write(pa, k_withdraw(text, ch, a, pa)[0])
    elif how == "embargo":
        ch.write(pa, set_field(re.sub(r"(?m)^revisions:\n(  - .*\n)+", "",
                                      text), "published", (today(
            ) + datetime.timedelta(days=rng.randrange(5, 60))).isoformat()))
    elif how == "rename":
        chb.write(pa, re.sub(r"(?m)^(  name: )(.+)$", r"\1\2华", text, 1))
    else:
        pol = os.path.join(content, "policy.yaml")
        ch.write(pol, toggle(read(pol), "subject.name:\n    public: {op: "
                             "pseudonym, ground: privacy}", "subject.name:"
                             "\n    public: {op: withhold, ground: "
                             "privacy}"))
    step("and %s: %s" % (a, {"remove": "removed", "withdraw": "withdrawn",
                             "embargo": "embargoed", "rename":
                             "its subject's name changed", "policy":
                             "the policy's operator for subjects' names "
                             "changed"}[how]), may_fail=back)
    if back:
        chb.undo()
        step("and %s put back" % a)
    return ch


def ordinary():
    """A witness named 高明 in one case; 不高明 in another's body (the
    name replaced there); then 不高明 declared an ordinary phrase."""
    if any("高明" in read(p) for p in records().values()):
        raise NotNow("ordinary")
    a, b = rng.sample(sorted(closed()), 2)
    pa, pb = records()[a], records()[b]
    ch = Change()
    text = read(pa)
    entry = "  - name: 高明\n    position: 县档案馆馆员\n"
    if "\nwitnesses:\n" in text:
        text = text.replace("\nwitnesses:\n", "\nwitnesses:\n" + entry, 1)
    else:
        text = text.replace("\noutcome:", "\nwitnesses:\n" + entry +
                            "outcome:", 1)
    ch.write(pa, text)
    ch.write(pb, read(pb).rstrip("\n") + "\n\n事后看来，这一做法并不高明。\n")
    page = "cases/%s/index.html" % b
    step("高明 a witness of %s, and 不高明 in the body of %s" % (a, b),
         post=lambda tr: [] if "并不高明".encode() not in tr[page]
         else ["不高明 kept on %s's page" % b])
    pol = os.path.join(content, "policy.yaml")
    ch.write(pol, read(pol).replace("\nordinary: []\n",
                                    "\nordinary: [不高明]\n", 1))
    step("and 不高明 declared ordinary in policy.yaml",
         post=lambda tr: [] if "并不高明".encode() in tr[page]
         else ["不高明 not kept on %s's page" % b])
    return ch


def surname():
    """A second person of a case's subject's surname: 王某 becomes 王某甲
    and 王某乙 on its page."""
    cid = pick()
    p = records()[cid]
    text = read(p)
    name = re.search(r"(?m)^  name: (.+)$", text).group(1)
    other = name[0] + rng.choice(["振东", "晓梅", "立新"])
    if other in text:
        raise NotNow("surname")
    entry = "  - name: %s\n    position: 县档案馆馆员\n" % other
    if "\nwitnesses:\n" in text:
        text = text.replace("\nwitnesses:\n", "\nwitnesses:\n" + entry, 1)
    else:
        text = text.replace("\noutcome:", "\nwitnesses:\n" + entry +
                            "outcome:", 1)
    text = text.rstrip("\n") + "\n\n%s参与了材料整理。\n" % other
    ch = Change()
    ch.write(p, text)
    step("%s: a witness %s of the surname of its subject %s"
         % (cid, other, name))
    return ch


def unit_renamed():
    """A unit renamed in site.yaml and in every record that names it."""
    name, slug = rng.choice(site_list("units"))
    new = name.replace("澄岚县", "澄岚县人民政府")
    if new == name:
        raise NotNow("unit-renamed")
    ch = Change()
    cfg = os.path.join(content, "site.yaml")
    ch.write(cfg, read(cfg).replace("{name: %s, slug:" % name,
                                    "{name: %s, slug:" % new, 1))
    n = 0
    for p in records().values():
        if field(read(p), "unit") == name:
            ch.write(p, set_field(read(p), "unit", new))
            n += 1
    step("the unit %s renamed %s, in site.yaml and %d records"
         % (name, new, n))
    return ch


def nothing():
    step("nothing changed")
    return None


def revert():
    """The last change that is not undone yet, undone to its bytes: the
    portal there was before it, when the clock and audience are the
    same, and what the cache holds of the old content taken again."""
    if not history:
        return nothing()
    ch, dg, epoch, aud = history.pop()
    ch.undo()
    same = epoch == state["epoch"] and aud == state["audience"]
    step("the change of step %s undone to its very bytes" % ch.step,
         before=dg if same else None)
    return "undone"


KINDS = {}
for k, fn in RECORD_KINDS.items():
    KINDS[k] = plain(record_change(fn, k))
for k, (rel, fn) in FILE_KINDS.items():
    KINDS[k] = plain(file_change(rel, fn, k))
KINDS.update({
    "add": plain(g_add), "remove": plain(g_remove),
    "rename": plain(g_rename), "move": plain(g_move), "two": plain(g_two),
    "template-add": plain(g_tpl_add),
    "invalid": invalid, "witness": witness, "clock": clock,
    "audience": audience, "nothing": nothing, "revert": revert,
    "clock-back": clock_back, "tamper": tamper, "cross": cross,
    "ordinary": ordinary, "surname": surname, "unit-renamed": unit_renamed,
})


# --- The run -----------------------------------------------------------

t0 = time.monotonic()
r = build(content, out, 2)
t.ok(r.returncode == 0, "the first build, with the cache", r.stderr)
live[out] = tree(out)

# The comparison itself can fail: one byte changed, one file more.
probe = dict(live[out])
k = sorted(probe)[len(probe) // 2]
probe[k] = probe[k][:-1] + bytes([probe[k][-1] ^ 1])
probe2 = dict(live[out])
probe2["cases/XX-2000-000/index.html"] = b""
t.ok(tree_diff(probe, live[out]) and tree_diff(probe2, live[out])
     and not tree_diff(live[out], dict(live[out])),
     "the comparison finds one byte changed and one file more")

order = sorted(KINDS)
rng.shuffle(order)
# A few undos, so that they undo the changes before them.
for _ in range(3):
    order.insert(rng.randrange(len(order) // 3, len(order) + 1), "revert")
order += [rng.choice(sorted(KINDS)) for _ in range(EXTRA)]
print("# order: " + " ".join(order))
for k in order:
    before_digest = digest(live[out])
    epoch, aud = state["epoch"], state["audience"]
    try:
        ch = KINDS[k]()
    except NotNow:
        order.append(rng.choice(sorted(KINDS)))
        continue
    if isinstance(ch, Change) and ch.old:
        ch.step = t.n
        history.append((ch, before_digest, epoch, aud))
print("# %d steps in %.1f s" % (t.n, time.monotonic() - t0))
t.done()
