"""End to end: the sample portal, built once, checked as its readers see it.

Every expected value is derived from the records themselves (their front
matter, read by the small YAML reader below), never hard-coded:

 1. one page per published case (closed and withdrawn, published on or
    before the build's date) and no trace anywhere of the open and embargoed
    cases (ids and titles in no file of any kind);
 2. every HTML page parses without error (html5lib, strict) and declares
    <!DOCTYPE html>, a language and a charset;
 3. every internal link and asset resolves to a file of the output tree, all
    relative; no script and no external resource;
 4. feeds: RSS, Atom, JSON Feed, OPML and sitemap are well-formed; the main
    and per-term feeds list the expected entries, in order, with tag-URI ids
    shared by the three formats and dates from the records, not the clock;
 5. open data: CSV and JSON with one row per published case and no
    identity or phone number of any record;
 6. listings and term pages list exactly their closed cases, newest first,
    per_page a page; the statistics add up;
 7. sitemap.xml, robots.txt, style.css;
 8. byte-identical builds across directories, jobs, time zones and locales;
 9. a broken record fails the build with path:line:col and leaves the
    published portal as it was, with no staging directory left behind.
"""
import concurrent.futures
import csv
import datetime
import email.utils
import html
import io
import json
import os
import posixpath
import re
import subprocess
import traceback
import urllib.parse
import xml.etree.ElementTree as ET

import feedparser
import html5lib

from testlib import (CONTENT, DISCLOSE, EPOCH, TAP, TEMPLATES, copy_content,
                     read, tmpdir, tree)

t = TAP()
work = tmpdir("disclose-e2e-")


# ---------------------------------------------------------------------------
# A small YAML reader, enough for the front matter of the records and for
# site.yaml (PyYAML is not among the test dependencies).  Every scalar stays
# a string: dates as "2024-05-31", booleans as "false".

def _unquote(s):
    s = s.strip()
    if s.startswith('"'):
        end = 1
        while end < len(s) and s[end] != '"':
            end += 2 if s[end] == "\\" else 1
        return json.loads(s[:end + 1])
    if s.startswith("'"):
        end = 1
        while end < len(s):
            if s[end] == "'" and s[end + 1:end + 2] == "'":
                end += 2
                continue
            if s[end] == "'":
                break
            end += 1
        return s[1:end].replace("''", "'")
    return None


def _plain(s):
    s = re.split(r"\s+#", s, 1)[0].strip()
    return s


def _split_flow(s):
    """Split the inside of a flow collection on commas at depth 0."""
    parts, depth, cur, q = [], 0, "", None
    for ch in s:
        if q:
            cur += ch
            if ch == q:
                q = None
            continue
        if ch in "\"'":
            q = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        cur += ch
    if cur.strip():
        parts.append(cur)
    return [p.strip() for p in parts]


def _keysplit(s):
    """'key: value' -> (key, value); None when s is not a key line."""
    if s.startswith('"') or s.startswith("'"):
        k = _unquote(s)
        m = re.match(r"""^(["']).*?\1\s*:(\s|$)""", s)
        if not m:
            return None
        return k, s[m.end():].strip()
    m = re.match(r"^([^\s:#{}\[\],][^:]*?)\s*:(\s+|$)(.*)$", s)
    if not m:
        return None
    return m.group(1), m.group(3)


def _scalar(s):
    s = s.strip()
    if s.startswith("{") or s.startswith("["):
        close = "}" if s[0] == "{" else "]"
        inner = s[1:s.rindex(close)]
        if s[0] == "[":
            return [_scalar(p) for p in _split_flow(inner)]
        out = {}
        for p in _split_flow(inner):
            kv = _keysplit(p)
            if kv is None:
                out[p] = None
            else:
                out[kv[0]] = _scalar(kv[1]) if kv[1] != "" else None
        return out
    q = _unquote(s)
    if q is not None:
        return q
    return _plain(s)


class _Reader:
    def __init__(self, text):
        self.lines = text.split("\n")
        self.i = 0

    def indent(self):
        """The indentation of the next meaningful line, -1 at the end."""
        while self.i < len(self.lines):
            s = self.lines[self.i]
            if s.strip() == "" or s.lstrip().startswith("#"):
                self.i += 1
                continue
            return len(s) - len(s.lstrip(" "))
        return -1

    def isitem(self):
        s = self.lines[self.i].lstrip()
        return s == "-" or s.startswith("- ")

    def node(self, ind):
        k = self.indent()
        if k < ind or k == -1:
            return None
        return self.seq(k) if self.isitem() else self.map(k)

    def map(self, ind):
        out = {}
        while self.indent() == ind and not self.isitem():
            line = self.lines[self.i].strip()
            kv = _keysplit(line)
            if kv is None:
                raise ValueError("line %d: not a key: %r" % (self.i + 1, line))
            self.i += 1
            out[kv[0]] = self.value(kv[1], ind)
        return out

    def value(self, rest, ind):
        rest = rest.strip()
        if rest and rest[0] in "|>":
            return self.block_scalar(ind, rest)
        if _plain(rest) == "":
            k = self.indent()
            if k > ind or (k == ind and k != -1 and self.isitem()):
                return self.node(k)
            return None
        return _scalar(rest)

    def block_scalar(self, ind, style):
        body = []
        while self.i < len(self.lines):
            s = self.lines[self.i]
            if s.strip() and len(s) - len(s.lstrip(" ")) <= ind:
                break
            body.append(s)
            self.i += 1
        while body and not body[-1].strip():
            body.pop()
        strip = min((len(s) - len(s.lstrip(" ")) for s in body if s.strip()),
                    default=0)
        text = "\n".join(s[strip:] for s in body)
        return text if style.startswith("|-") else text + "\n"

    def seq(self, ind):
        out = []
        while self.indent() == ind and self.isitem():
            line = self.lines[self.i]
            pos = line.index("-") + 1
            while pos < len(line) and line[pos] == " ":
                pos += 1
            item = line[pos:]
            if item.strip() == "":
                self.i += 1
                out.append(self.node(ind + 1))
            elif item[0] in "{[\"'" or _keysplit(item.strip()) is None:
                self.i += 1
                out.append(_scalar(item))
            else:
                self.lines[self.i] = " " * pos + item
                out.append(self.map(pos))
        return out


def yaml_load(text):
    r = _Reader(text)
    v = r.node(0)
    if r.indent() != -1:
        raise ValueError("line %d: unexpected indentation" % (r.i + 1))
    return v if v is not None else {}


def front_matter(path):
    """The front matter of a record as a dict, and its lines (1-based)."""
    lines = read(path).split("\n")
    assert lines[0] == "---", path
    end = lines.index("---", 1)
    return yaml_load("\n".join(lines[1:end])), lines



# ---------------------------------------------------------------------------
# What the records say the portal must hold.

site_cfg = yaml_load(read(os.path.join(CONTENT, "site.yaml")))
BASE = site_cfg["base_url"]
PER_PAGE = int(site_cfg["per_page"])
FEED_ITEMS = int(site_cfg["feed_items"])
TAG = "tag:%s,%s:" % (site_cfg["tag_authority"], site_cfg["tag_date"])
SITE_OFFSET = site_cfg.get("timezone", "+00:00")
_m = re.match(r"^([+-])(\d\d):(\d\d)$", SITE_OFFSET)
TZMIN = (1 if _m.group(1) == "+" else -1) * (
    int(_m.group(2)) * 60 + int(_m.group(3)))
TODAY = datetime.datetime.fromtimestamp(int(EPOCH), datetime.timezone(
    datetime.timedelta(minutes=TZMIN))).date().isoformat()
UNIT_SLUG = {u["name"]: u["slug"] for u in site_cfg["units"]}
CAT_SLUG = {c["name"]: c["slug"] for c in site_cfg["categories"]}
OUTCOMES = ["exempted", "mitigated", "accountable"]
TAXES = ["years", "units", "categories", "outcomes"]


def outcome_labels():
    """{label: code} of the outcomes in the site's language (strings.yaml)."""
    lang = site_cfg.get("language", "zh-CN")
    labels, inlang = {}, False
    for line in read(os.path.join(TEMPLATES, "strings.yaml")).split("\n"):
        if re.match(r"^[^\s#]", line):
            inlang = line.split(":")[0].strip().strip('"') == lang
        m = re.match(r"^\s+outcome_(\w+):\s*(.+)$", line)
        if inlang and m and m.group(1) in OUTCOMES:
            labels[_scalar(m.group(2))] = m.group(1)
    return labels


LABEL_CODE = outcome_labels()

records = []
for d, _, fs in sorted(os.walk(os.path.join(CONTENT, "cases"))):
    for f in sorted(fs):
        if f.endswith(".md"):
            rec, _lines = front_matter(os.path.join(d, f))
            rec["_path"] = os.path.join(d, f)
            records.append(rec)


def is_published(r):
    """Closed or withdrawn, and not embargoed on the build's date."""
    return (r.get("status") in ("closed", "withdrawn") and
            str(r.get("published", "9999")) <= TODAY)


published = sorted((r for r in records if is_published(r)),
                   key=lambda r: r["id"])
hidden = [r for r in records if not is_published(r)]
closed = sorted((r for r in published if r["status"] == "closed"),
                key=lambda r: (str(r["published"]), r["id"]), reverse=True)
closed_ids = [r["id"] for r in closed]
pub_ids = [r["id"] for r in published]
by_id = {r["id"]: r for r in records}
count = {o: sum(r.get("outcome") == o for r in closed) for o in OUTCOMES}


def terms_of(r):
    """{taxonomy: term slug} of a record; the year is the decision's."""
    out = {}
    if r.get("decided"):
        out["years"] = str(r["decided"])[:4]
    if r.get("unit") in UNIT_SLUG:
        out["units"] = UNIT_SLUG[r["unit"]]
    if r.get("category") in CAT_SLUG:
        out["categories"] = CAT_SLUG[r["category"]]
    if r.get("outcome") in OUTCOMES:
        out["outcomes"] = r["outcome"]
    return out


# The terms that have pages and feeds: those that list a closed case.
term_cases = {}         # (taxonomy, slug) -> closed ids, newest first
for r in closed:
    for tax, slug in terms_of(r).items():
        term_cases.setdefault((tax, slug), []).append(r["id"])
term_dirs = sorted("%s/%s/" % k for k in term_cases)


def all_entries():
    """Every feed entry, newest first (ties: case id descending):
    (date, case id, kind 0 case / 1 correction / 2 withdrawal, revision,
    title, tag URI)."""
    es = []
    for r in published:
        if r["status"] == "closed":
            es.append((str(r["published"]), r["id"], 0, 0, r["title"],
                       TAG + r["id"]))
        elif (r.get("withdrawn") or {}).get("date"):
            es.append((str(r["withdrawn"]["date"]), r["id"], 2, 0,
                       "撤回：" + r["title"], TAG + r["id"] + "/withdrawn"))
        seen = {}
        for k, v in enumerate(r.get("revisions") or []):
            d = str(v["date"])
            seen[d] = seen.get(d, 0) + 1
            suffix = "" if seen[d] == 1 else "-%d" % seen[d]
            es.append((d, r["id"], 1, k, "更正：" + r["title"],
                       TAG + r["id"] + "/correction/" + d + suffix))
    es.sort(key=lambda e: (e[0], e[1], e[2], e[3]), reverse=True)
    return es


ENTRIES = all_entries()


def term_entries(tax, slug):
    return [e for e in ENTRIES
            if terms_of(by_id[e[1]]).get(tax) == slug][:FEED_ITEMS]


def pii_values(node, keys=("id_number", "phone", "credit_code", "email",
                           "address")):
    """Every value under one of keys, anywhere in a record."""
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in keys and isinstance(v, str) and v:
                out.append(v)
            else:
                out += pii_values(v, keys)
    elif isinstance(node, list):
        for v in node:
            out += pii_values(v, keys)
    return out


# A withheld value that site.yaml itself publishes (an address that is the
# name of a unit) is no secret: leave it out rather than cry wolf.
PUBLIC = set(UNIT_SLUG) | set(CAT_SLUG) | {
    site_cfg.get(k) for k in ("title", "publisher")}
PII = sorted({v for r in records for v in pii_values(r)} - PUBLIC)
NAMES = sorted({p["name"] for r in records
                for p in [r.get("subject") or {}] + list(
                    r.get("witnesses") or []) if p.get("name")})


# ---------------------------------------------------------------------------
# Helpers for reading the output.

SVG = "{http://www.w3.org/2000/svg}"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class section:
    """Run a group of checks; an exception (malformed output the checks did
    not expect) becomes a failed check instead of ending the suite."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        if et is None:
            return False
        t.ok(False, "%s: the checks ran to the end" % self.name,
             "".join(traceback.format_exception(et, ev, tb))[-2000:])
        return True


def diff(got, want):
    """Where two lists first differ."""
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return "first difference at %d: got %r, want %r (%d vs %d)" % (
                i, g, w, len(got), len(want))
    return "got %d, want %d" % (len(got), len(want))


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def text_of(el):
    return "".join(el.itertext()).strip() if el is not None else ""


def url_of(name):
    """The URL of the page at name: cases/X/index.html -> BASE/cases/X/."""
    return BASE + re.sub(r"(^|/)index\.html$", r"\1", name)


def texts(name, data):
    """The text of a file and its decoded forms (character references,
    percent-encoding, JSON escapes), joined by NULs."""
    s = data.decode("utf-8", "replace")
    out = [s]
    if "&" in s:
        out.append(html.unescape(s))
    if "%" in s:
        out.append(urllib.parse.unquote(s))
    if name.endswith(".json"):
        try:
            out.append(json.dumps(json.loads(s), ensure_ascii=False))
        except ValueError:
            pass
    return "\0".join(out)


def rfc822_date(s):
    """The date of an RFC 822 date-time in the site's offset, else a
    description of what is wrong."""
    try:
        d = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError):
        return "unparsable %r" % (s,)
    if d.utcoffset() != datetime.timedelta(minutes=TZMIN):
        return "offset %s in %r" % (d.utcoffset(), s)
    return d.date().isoformat()


def rfc3339_date(s):
    m = re.match(r"^(\d{4}-\d\d-\d\d)T\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$",
                 s or "")
    if not m:
        return "unparsable %r" % (s,)
    off = "+00:00" if m.group(2) == "Z" else m.group(2)
    return m.group(1) if off == SITE_OFFSET else "offset %s in %r" % (off, s)


# ---------------------------------------------------------------------------
# Builds.  The reference build and the others run side by side.

def disclose_build(content, out, *args, env=None, unset=()):
    e = dict(os.environ)
    e["SOURCE_DATE_EPOCH"] = EPOCH
    e["ASAN_OPTIONS"] = e.get("ASAN_OPTIONS", "detect_leaks=1")
    for k in unset:
        e.pop(k, None)
    e.update(env or {})
    return subprocess.run([DISCLOSE, "build", "-q", "-C", content, "-t",
                           TEMPLATES, "-o", out] + list(args),
                          capture_output=True, text=True, env=e)


LOCALE_VARS = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_COLLATE",
               "LC_TIME", "LC_NUMERIC", "LC_MESSAGES", "LC_MONETARY")
SITE = os.path.join(work, "ref", "site")
variants = {            # name: (output, arguments, environment, unset)
    "ref": (SITE, ["-j", "1"], None, ()),
    "again": (os.path.join(work, "elsewhere", "deeper", "portal"),
              ["-j", "1"], None, ()),
    "j4": (os.path.join(work, "j4"), ["-j", "4"], None, ()),
    "tz": (os.path.join(work, "tz"), ["-j", "1"],
           {"TZ": "America/New_York"}, ()),
    "langc": (os.path.join(work, "langc"), ["-j", "1"], {"LANG": "C"},
              LOCALE_VARS),
    "zh": (os.path.join(work, "zh"), ["-j", "1"],
           {"LC_ALL": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"}, LOCALE_VARS),
}


def publish_safety():
    """Build OUT; then break a copy of the content (outcome: exempt in the
    newest closed case) and build it into the same OUT."""
    out = os.path.join(work, "pub", "site")
    r1 = disclose_build(CONTENT, out)
    before = tree(out) if r1.returncode == 0 else {}
    broken = copy_content(os.path.join(work, "broken"))
    path = os.path.join(broken, os.path.relpath(closed[0]["_path"], CONTENT))
    lines = read(path).split("\n")
    n = next(i for i in range(1, lines.index("---", 1))
             if lines[i].startswith("outcome:"))
    lines[n] = "outcome: exempt"
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    r2 = disclose_build(broken, out)
    return out, r1, before, r2, path, n + 1


def withheld_terms():
    """Build the sample with the category of every case withheld; return
    the result and the parsed statistics page."""
    content = copy_content(os.path.join(work, "anon"))
    p = os.path.join(content, "policy.yaml")
    y = read(p)
    y = re.sub(r"(?m)^  category: keep$",
               "  category: {op: withhold, ground: default}", y)
    with open(p, "w", encoding="utf-8") as f:
        f.write(y)
    out = os.path.join(work, "anon-site")
    r = disclose_build(content, out)
    doc = html5lib.parse(read(os.path.join(out, "stats", "index.html")),
                         namespaceHTMLElements=False) \
        if r.returncode == 0 else None
    return r, doc


pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
futures = {"ref": pool.submit(disclose_build, CONTENT, SITE, "-j", "1")}
safety = pool.submit(publish_safety)
futures["stats"] = pool.submit(withheld_terms)
for k, (out, args, env, unset) in variants.items():
    if k != "ref":
        futures[k] = pool.submit(disclose_build, CONTENT, out, *args,
                                 env=env, unset=unset)

r = futures["ref"].result()
if not t.ok(r.returncode == 0, "the sample portal builds (exit 0)",
            r.stderr):
    pool.shutdown(wait=True)
    t.done()
files = tree(SITE)
blobs = {name: texts(name, data) for name, data in files.items()}
t.ok(published and hidden and len(closed) > PER_PAGE and LABEL_CODE,
     "the sample has %d published cases (%d closed), %d unpublished, more "
     "closed cases than per_page (%d)" % (len(published), len(closed),
                                          len(hidden), PER_PAGE))

# ---------------------------------------------------------------------------
# 1. Case pages, and no trace of what is not published.

with section("case pages and unpublished cases"):
    cdir = os.path.join(SITE, "cases")
    t.eq(sorted(d for d in os.listdir(cdir) if d != "page" and
                os.path.isdir(os.path.join(cdir, d))), pub_ids,
         "cases/ has one directory per published case (closed and "
         "withdrawn) and no other")
    missing = [i for i in pub_ids if "cases/%s/index.html" % i not in files]
    t.ok(not missing, "every published case has cases/<id>/index.html",
         missing)
    t.ok(not [r["id"] for r in hidden if os.path.exists(
        os.path.join(cdir, r["id"]))],
         "no page for the open and embargoed cases (%s)" %
         ", ".join(r["id"] for r in hidden))
    secrets = [s for r in hidden for s in (r["id"], r["title"])]
    found = [(name, s) for name in sorted(files) for s in secrets
             if s in name or s in blobs[name]]
    t.ok(not found, "the ids and titles of the %d unpublished cases appear "
         "in no output file (%d files: HTML, XML, JSON, CSV, OPML, text)" %
         (len(hidden), len(files)), found[:20])
    found = [(name, v) for name in sorted(files) for v in PII
             if v in blobs[name]]
    t.ok(PII and not found, "no identity, phone or credit-code number, "
         "e-mail or address of any record (%d values) appears in any output "
         "file" % len(PII), found[:20])
    found = [(name, v) for name in sorted(files) for v in NAMES
             if v in blobs[name]]
    t.ok(NAMES and not found, "no real name of a subject or witness (%d, "
         "pseudonymized for the public) appears in any output file" %
         len(NAMES), found[:20])

    cproblems = []
    for r in published:
        name = "cases/%s/index.html" % r["id"]
        if name not in files:
            continue
        body = blobs[name]
        if 'data-case="%s"' % r["id"] not in body or r["title"] not in body:
            cproblems.append("%s: does not name its case or title" % name)
        if r["status"] == "withdrawn" and (
                "tombstone" not in body or str((r.get("withdrawn") or {}).get(
                    "reason", "")) not in body):
            cproblems.append("%s: not a tombstone with the reason" % name)
    t.ok(not cproblems, "each case page shows its case's id and title; a "
         "withdrawn case keeps a tombstone page with the reason", cproblems)

# ---------------------------------------------------------------------------
# 2. Every HTML page parses strictly and declares doctype, lang, charset.

html_names = sorted(n for n in files if n.endswith(".html"))
docs = {}
with section("HTML"):
    perrors = []
    for name in html_names:
        try:
            docs[name] = html5lib.HTMLParser(
                strict=True, namespaceHTMLElements=False).parse(files[name])
        except Exception as e:      # html5lib.html5parser.ParseError
            perrors.append("%s: %s" % (name, e))
            docs[name] = html5lib.HTMLParser(
                namespaceHTMLElements=False).parse(files[name])
    t.ok(html_names and not perrors, "every HTML page (%d) parses without "
         "a single error (html5lib, strict)" % len(html_names), perrors)
    bad = [n for n in html_names if not re.match(
        rb"^(\xef\xbb\xbf)?<!DOCTYPE html>", files[n], re.I)]
    t.ok(not bad, "every HTML page starts with <!DOCTYPE html>", bad)
    bad = [n for n in html_names if not (docs[n].get("lang") or "").strip()]
    t.ok(not bad, "every HTML page declares its language (<html lang>)", bad)

    def has_charset(doc):
        for m in doc.iter("meta"):
            if (m.get("charset") or "").lower() == "utf-8":
                return True
            if (m.get("http-equiv") or "").lower() == "content-type" and \
                    "charset=utf-8" in (m.get("content") or "").lower():
                return True
        return False

    bad = [n for n in html_names if not has_charset(docs[n])]
    t.ok(not bad, "every HTML page declares its charset (utf-8)", bad)

# ---------------------------------------------------------------------------
# 3. Links and assets.

ids = {}
for name, doc in docs.items():
    ids[name] = {el.get("id") for el in doc.iter() if el.get("id")} | {
        el.get("name") for el in doc.iter("a") if el.get("name")}

LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src",
              "script": "src", "iframe": "src", "frame": "src",
              "source": "src", "audio": "src", "video": "src",
              "embed": "src", "track": "src", "input": "src",
              "object": "data", "image": "href", "use": "href"}


def resolve(page, url, root=False):
    """What is wrong with a relative url on page (None: it resolves to a
    file, and its fragment to an id).  root: resolve from the site root."""
    path, _, frag = url.partition("#")
    path = urllib.parse.unquote(path.partition("?")[0])
    if path == "":
        if not frag:
            return "an empty link"
        return None if frag in ids[page] else "no id %r on the page" % frag
    target = posixpath.normpath(posixpath.join(
        "" if root else posixpath.dirname(page), path))
    if target == ".." or target.startswith("../"):
        return "leaves the output tree"
    if target not in files:
        return ("a directory, not a file" if os.path.isdir(
            os.path.join(SITE, target)) else "no such file %s" % target)
    if frag and target in ids and frag not in ids[target]:
        return "no id %r in %s" % (frag, target)
    return None


with section("links"):
    broken, rooted, selfabs, external, scripts, schemes = [], [], [], [], \
        [], []
    for name, doc in sorted(docs.items()):
        for el in doc.iter():
            tag = local(el.tag)
            # Two scripts in the portal, files of its own: the large
            # type switch on every page, the search on its page.
            root = BASE if name == "404.html" else "../" * name.count("/")
            if tag == "script" and not (
                    not "".join(el.itertext()).strip() and
                    (el.get("src") == root + "large.js" or
                     (name == "search/index.html" and
                      el.get("src") == "../search/search.js"))):
                scripts.append("%s: <script>" % name)
            scripts += ["%s: <%s %s>" % (name, tag, a) for a in el.keys()
                        if isinstance(a, str) and a.lower().startswith("on")]
            for u in re.findall(r"url\(\s*['\"]?([^'\")]*)",
                                el.get("style") or ""):
                external.append("%s: style=url(%s)" % (name, u))
            attr = LINK_ATTRS.get(tag)
            url = el.get(attr) if attr else None
            if url is None and tag in ("image", "use"):
                url = el.get("{http://www.w3.org/1999/xlink}href")
            if url is None:
                continue
            url = url.strip()
            rels = (el.get("rel") or "").lower().split()
            scheme = urllib.parse.urlsplit(url).scheme.lower()
            where = "%s: <%s %s=%r>" % (name, tag, attr, url)
            if scheme in ("http", "https") or url.startswith("//"):
                if url.startswith(BASE) or url.startswith(
                        "//" + BASE.split("//", 1)[-1]):
                    # Only the canonical link and feed links may be
                    # absolute, and they must exist too; and the links of
                    # 404.html, which is served at any URL.
                    if name != "404.html" and (tag != "link" or not {
                            "canonical", "alternate"} & set(rels)):
                        selfabs.append(where)
                    elif url.startswith(BASE):
                        rest = url[len(BASE):]
                        if rest == "" or rest.endswith("/"):
                            rest += "index.html"
                        why = resolve(name, rest, root=True)
                        if why:
                            broken.append("%s: %s" % (where, why))
                elif tag not in ("a", "area"):
                    external.append(where)
            elif scheme in ("mailto", "tel") and tag in ("a", "area"):
                pass
            elif scheme:
                schemes.append(where)
            elif url.startswith("/"):
                rooted.append(where)
            else:
                why = resolve(name, url, root=name == "404.html")
                if why:
                    broken.append("%s: %s" % (where, why))
    t.ok(docs and not broken, "every internal link and asset (a@href, "
         "link@href, img@src, script@src...) resolves to a file of the "
         "output tree, every fragment to an id", broken)
    t.ok(not rooted, "no link or asset reference starts with /", rooted)
    t.ok(not selfabs, "no link points at base_url but the canonical and "
         "feed <link>s", selfabs)
    t.ok(not schemes, "no javascript:, data: or other unexpected URL "
         "scheme", schemes)
    t.ok(not scripts, "no <script> and no event-handler attribute in any "
         "page but the portal's own large.js and search/search.js", scripts)

    # The CSS: url() and @import resolve, nothing external.
    css_names = sorted(n for n in files if n.endswith(".css"))
    cssbad = []
    for name in css_names:
        text = files[name].decode("utf-8")
        refs = re.findall(r"url\(\s*['\"]?([^'\")]*?)['\"]?\s*\)", text)
        refs += re.findall(r"@import\s+['\"]([^'\"]+)['\"]", text)
        for u in refs:
            scheme = urllib.parse.urlsplit(u).scheme.lower()
            if scheme == "data":
                continue
            if scheme or u.startswith("/"):
                external.append("%s: url(%s)" % (name, u))
                continue
            target = posixpath.normpath(posixpath.join(
                posixpath.dirname(name), u.split("#")[0].split("?")[0]))
            if target not in files:
                cssbad.append("%s: url(%s): no such file" % (name, u))
    for name in html_names:
        for el in docs[name].iter("style"):
            for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", el.text or ""):
                external.append("%s: <style> url(%s)" % (name, u))
    t.ok(css_names and not cssbad, "every url() and @import of the CSS "
         "(%s) resolves to a file of the tree" % ", ".join(css_names),
         cssbad)
    t.ok(not external, "no external resource is loaded (no http(s) "
         "stylesheet, image, font or frame, no url() outside the CSS)",
         external)

    # 404.html is served for any path and opened from file:// too: no
    # <base> (which would send its skip link to the home page), every link
    # absolute to base_url (each resolved above), its stylesheet too.
    nf = docs.get("404.html")
    nfbad = []
    if nf is None:
        nfbad.append("no 404.html")
    else:
        nfbad += ["<base href=%r>" % el.get("href") for el in nf.iter("base")]
        for el in nf.iter():
            if local(el.tag) in ("a", "link") and el.get("href") and \
                    not el.get("href").startswith(("#", BASE)):
                nfbad.append("<%s href=%r>" % (local(el.tag), el.get("href")))
        sheets = [el.get("href") for el in nf.iter()
                  if local(el.tag) == "link" and
                  "stylesheet" in (el.get("rel") or "").split()]
        if sheets != [BASE + "style.css"]:
            nfbad.append("stylesheets %r, not base_url's style.css" % sheets)
    t.ok(not nfbad, "404.html has no <base>, links only to base_url or to "
         "its own fragments, its stylesheet at base_url", nfbad)
    inline = [name for name in html_names
              if [el for el in docs[name].iter() if local(el.tag) == "style"
                  or el.get("style") is not None]]
    t.ok(not inline, "no page has inline style (a Content-Security-Policy "
         "without 'unsafe-inline' serves them all)", inline)

    badcanon = []
    for name in html_names:
        want = [] if name == "404.html" else [url_of(name)]
        got = [el.get("href") for el in docs[name].iter("link")
               if "canonical" in (el.get("rel") or "").lower().split()]
        if got != want:
            badcanon.append("%s: %r, expected %r" % (name, got, want))
    t.ok(not badcanon, "every page but 404.html has one canonical link, to "
         "its own URL under base_url", badcanon)

# ---------------------------------------------------------------------------
# 4. Feeds.

xml_names = sorted(n for n in files if n.endswith((".xml", ".opml")))
xmls, jsonfeeds = {}, {}
with section("feeds"):
    lint = subprocess.run(["xmllint", "--noout"] + [
        os.path.join(SITE, n) for n in xml_names], capture_output=True,
        text=True)
    t.ok(xml_names and lint.returncode == 0 and not lint.stderr.strip(),
         "xmllint --noout accepts all %d XML files (RSS, Atom, OPML, "
         "sitemap)" % len(xml_names), lint.stderr)
    bad = []
    for n in xml_names:
        try:
            xmls[n] = ET.fromstring(files[n])
        except ET.ParseError as e:
            bad.append("%s: %s" % (n, e))
    t.ok(not bad, "xml.etree parses all %d XML files" % len(xml_names), bad)
    bad = []
    for n in sorted(n for n in files if n.endswith("feed.json")):
        try:
            jsonfeeds[n] = json.loads(files[n].decode("utf-8"))
            if jsonfeeds[n].get("version") != \
                    "https://jsonfeed.org/version/1.1":
                bad.append("%s: version %r" % (
                    n, jsonfeeds[n].get("version")))
        except ValueError as e:
            bad.append("%s: %s" % (n, e))
    t.ok(jsonfeeds and not bad, "every feed.json (%d) parses as JSON, "
         "version https://jsonfeed.org/version/1.1" % len(jsonfeeds), bad)

    # And one per item of the declared list that a closed case relied on.
    rule_dirs = sorted({"rules/%s/" % str(n).strip() for r in closed
                        for n in r.get("basis") or []})
    t.eq(sorted(n[:-len("feed.xml")] for n in files
                if n.endswith("feed.xml")), sorted([""] + term_dirs +
                                                   rule_dirs),
         "RSS feeds exist at the root, for every year, unit, category "
         "and outcome that lists a closed case, and for every item of the "
         "declared list a closed case relied on, and nowhere else")
    missing = [d + f for d in [""] + term_dirs
               for f in ("feed.xml", "atom.xml", "feed.json")
               if d + f not in files]
    t.ok(not missing, "each of these has feed.xml, atom.xml and feed.json",
         missing)


def rss_items(n):
    ch = xmls[n].find("channel") if n in xmls else None
    out = []
    for it in (ch.findall("item") if ch is not None else []):
        g = it.find("guid")
        out.append({"title": it.findtext("title"),
                    "id": it.findtext("guid"),
                    "permalink": g.get("isPermaLink") if g is not None
                    else None, "date": it.findtext("pubDate"),
                    "link": it.findtext("link")})
    return (ch.findtext("lastBuildDate") if ch is not None else None), out


def atom_items(n):
    f = xmls.get(n)
    out = []
    for e in (f.findall(ATOM + "entry") if f is not None else []):
        link = e.find(ATOM + "link")
        out.append({"title": e.findtext(ATOM + "title"),
                    "id": e.findtext(ATOM + "id"),
                    "date": e.findtext(ATOM + "published"),
                    "link": link.get("href") if link is not None else None})
    return (f.findtext(ATOM + "updated") if f is not None else None), out


def json_items(n):
    return [{"title": x.get("title"), "id": x.get("id"),
             "date": x.get("date_published"), "link": x.get("url")}
            for x in jsonfeeds.get(n, {}).get("items", [])]


def check_feed(d, want):
    """Compare the three feeds of directory d with the entries want:
    (problems with the entries, problems with the feed's own date)."""
    wid = [e[5] for e in want]
    wtitle = [e[4] for e in want]
    wdate = [e[0] for e in want]
    wlink = [BASE + "cases/%s/" % e[1] for e in want]
    lbd, ri = rss_items(d + "feed.xml")
    upd, ai = atom_items(d + "atom.xml")
    ji = json_items(d + "feed.json")
    problems, dates = [], []
    for fmt, got, todate in (("feed.xml", ri, rfc822_date),
                             ("atom.xml", ai, rfc3339_date),
                             ("feed.json", ji, rfc3339_date)):
        for key, w in (("id", wid), ("title", wtitle), ("link", wlink)):
            g = [x[key] for x in got]
            if g != w:
                problems.append("%s%s %ss: %s" % (d, fmt, key, diff(g, w)))
        g = [todate(x["date"]) for x in got]
        if g != wdate:
            problems.append("%s%s dates: %s" % (d, fmt, diff(g, wdate)))
    if [x["permalink"] for x in ri] != ["false"] * len(ri):
        problems.append("%sfeed.xml: a guid without isPermaLink=\"false\"" %
                        d)
    if wdate:
        if rfc822_date(lbd) != max(wdate):
            dates.append("%sfeed.xml lastBuildDate %r, newest entry %s" % (
                d, lbd, max(wdate)))
        if rfc3339_date(upd) != max(wdate):
            dates.append("%satom.xml updated %r, newest entry %s" % (
                d, upd, max(wdate)))
    return problems, dates


with section("main feeds"):
    want = ENTRIES[:FEED_ITEMS]
    t.ok(want, "the records make %d feed entries (%d publications, %d "
         "corrections, %d withdrawn); feed_items is %d" % (
             len(ENTRIES), sum(e[2] == 0 for e in ENTRIES),
             sum(e[2] == 1 for e in ENTRIES),
             sum(e[2] == 2 for e in ENTRIES), FEED_ITEMS))
    for n, got in (("feed.xml", rss_items("feed.xml")[1]),
                   ("atom.xml", atom_items("atom.xml")[1]),
                   ("feed.json", json_items("feed.json"))):
        t.eq(len(got), len(want), "%s has %d entries (every entry, at most "
             "feed_items)" % (n, len(want)))
    problems, dates = check_feed("", want)
    t.ok(not problems, "feed.xml, atom.xml and feed.json list the expected "
         "entries newest first (ties: case id descending) with their titles "
         "(更正：, 撤回：), permalinks and dates in the site's offset, and "
         "the same tag-URI ids as RSS guid, Atom id and JSON Feed id",
         problems)
    t.ok(not dates, "lastBuildDate and Atom <updated> are the newest "
         "entry's date (%s), not the build's (%s)" % (want[0][0], TODAY),
         dates)
    jf = jsonfeeds.get("feed.json", {})
    t.ok(jf.get("home_page_url") == BASE and jf.get("feed_url") ==
         BASE + "feed.json", "feed.json has home_page_url and feed_url "
         "under base_url", (jf.get("home_page_url"), jf.get("feed_url")))
    for n in ("feed.xml", "atom.xml"):
        p = feedparser.parse(files.get(n, b""))
        got = [(e.get("title"), e.get("id")) for e in p.entries]
        t.ok(not p.bozo and got == [(e[4], e[5]) for e in want],
             "feedparser reads %s without the bozo flag: %d entries, the "
             "expected titles and ids" % (n, len(want)),
             "bozo: %r; %s" % (p.get("bozo_exception"), diff(
                 got, [(e[4], e[5]) for e in want])))
    want = [e for e in ENTRIES if e[2] == 1][:FEED_ITEMS]
    got = rss_items("corrections.xml")[1]
    t.ok([(x["title"], x["id"]) for x in got] == [(e[4], e[5]) for e in want],
         "corrections.xml (linked from every page) lists the %d "
         "corrections, newest first" % len(want),
         diff([(x["title"], x["id"]) for x in got],
              [(e[4], e[5]) for e in want]))

for tax in TAXES:
    with section("%s feeds" % tax):
        problems = []
        dirs = [d for d in term_dirs if d.startswith(tax + "/")]
        for d in dirs:
            want = term_entries(tax, d.split("/")[1])
            p, q = check_feed(d, want)
            problems += p + q
            fp = feedparser.parse(files.get(d + "atom.xml", b""))
            if fp.bozo or [e.get("id") for e in fp.entries] != \
                    [e[5] for e in want]:
                problems.append("%satom.xml with feedparser: bozo %r, %d "
                                "entries" % (d, fp.get("bozo_exception"),
                                             len(fp.entries)))
        t.ok(dirs and not problems, "the feeds of the %d %s list exactly "
             "the entries of their cases (publications, corrections, "
             "withdrawals), newest first, same ids, dated by their newest "
             "entry" % (len(dirs), tax), problems)

with section("OPML"):
    opml = xmls.get("feeds.opml")
    got = [o.get("xmlUrl") for o in opml.iter("outline")
           if o.get("xmlUrl")] if opml is not None else []
    t.eq(sorted(got), sorted(BASE + n for n in files
                             if n.endswith("feed.xml") or
                             n == "corrections.xml"),
         "feeds.opml lists every RSS feed of the portal (the main one, "
         "corrections, every term), each once")

# ---------------------------------------------------------------------------
# 5. Open data.

with section("open data"):
    rows = list(csv.reader(io.StringIO(
        files["data/cases.csv"].decode("utf-8-sig"), newline="")))
    header = rows[0] if rows else []
    t.ok(header and header[0] == "id" and "title" in header and
         len(set(header)) == len(header), "data/cases.csv starts with a "
         "header row naming its columns", header)
    t.ok(all(len(x) == len(header) for x in rows), "every CSV row has as "
         "many fields as the header", [i + 1 for i, x in enumerate(rows)
                                       if len(x) != len(header)][:10])
    t.eq(sorted(x[0] for x in rows[1:] if x), pub_ids,
         "data/cases.csv has one row per published case (%d, closed and "
         "withdrawn), ids matching" % len(pub_ids))
    data = json.loads(files["data/cases.json"].decode("utf-8"))
    cases = data.get("cases") if isinstance(data, dict) else None
    t.eq(sorted(c.get("id") for c in cases or []), pub_ids,
         "data/cases.json has one entry under \"cases\" per published case, "
         "ids matching")
    found = [(n, v) for n in ("data/cases.csv", "data/cases.json")
             for v in PII if v in blobs[n]]
    t.ok(not found, "the open data hold no identity, phone or credit-code "
         "number, e-mail or address of any record", found)

    FIELDS = ("status", "title", "unit", "category", "outcome", "published",
              "decided")
    problems = []
    col = {h: i for i, h in enumerate(header)}
    csv_rows = {x[0]: x for x in rows[1:] if len(x) == len(header)}
    json_cases = {c.get("id"): c for c in cases or []}
    for r in published:
        for f in FIELDS:
            want = None if r.get(f) is None else str(r[f])
            got = json_cases.get(r["id"], {}).get(f)
            if got != want:
                problems.append("cases.json %s %s: %r, record %r" % (
                    r["id"], f, got, want))
            if f in col and r["id"] in csv_rows and \
                    csv_rows[r["id"]][col[f]] != (want or ""):
                problems.append("cases.csv %s %s: %r, record %r" % (
                    r["id"], f, csv_rows[r["id"]][col[f]], want))
    t.ok(not problems, "the open data carry each case's %s as its record "
         "has them" % ", ".join(FIELDS), problems)

# ---------------------------------------------------------------------------
# 6. Listings, term pages, statistics.


def cards(name):
    """The cases a listing shows: its rows (or a home page's cards)."""
    return [el.get("data-case") for el in docs[name].iter()
            if el.get("data-case") and
            {"card", "row"} & set((el.get("class") or "").split())]


def listing(d, want):
    """Problems of the listing at d (index.html, page/N/index.html)."""
    problems = []
    npages = max(1, -(-len(want) // PER_PAGE))
    pages = [d + "index.html"] + ["%spage/%d/index.html" % (d, i)
                                  for i in range(2, npages + 1)]
    extra = sorted(n for n in files if n.startswith(d + "page/") and
                   n not in pages)
    if extra:
        problems.append("%s: unexpected pages %s" % (d, extra))
    got = []
    for i, p in enumerate(pages):
        if p not in docs:
            problems.append("%s: missing" % p)
            continue
        c = cards(p)
        if len(c) != min(PER_PAGE, len(want) - i * PER_PAGE):
            problems.append("%s: %d cases, expected %d" % (
                p, len(c), min(PER_PAGE, len(want) - i * PER_PAGE)))
        got += c
    if got != want:
        problems.append("%s: %s" % (d, diff(got, want)))
    return problems


with section("listings"):
    problems = listing("cases/", closed_ids)
    t.ok(not problems, "cases/index.html and cases/page/N/ list each of the "
         "%d closed cases once, newest first, %d a page" % (
             len(closed_ids), PER_PAGE), problems)

for tax in TAXES:
    with section("%s pages" % tax):
        dirs = [d for d in term_dirs if d.startswith(tax + "/")]
        got = sorted(n[:-len("index.html")] for n in files
                     if n.startswith(tax + "/") and n.count("/") == 2 and
                     n.endswith("/index.html"))
        problems = [] if got == dirs else [
            "term pages %s, expected %s" % (got, dirs)]
        for d in dirs:
            problems += listing(d, term_cases[(tax, d.split("/")[1])])
        t.ok(dirs and not problems, "the %d %s pages list exactly the "
             "closed cases of their term, newest first, %d a page" % (
                 len(dirs), tax, PER_PAGE), problems)

with section("case page term links"):
    problems = []
    for r in published:
        name = "cases/%s/index.html" % r["id"]
        if name not in docs:
            continue
        hrefs = {posixpath.normpath(posixpath.join(posixpath.dirname(name),
                                                   a.get("href") or ""))
                 for a in docs[name].iter("a")}
        for tax, slug in sorted(terms_of(r).items()):
            if (tax, slug) in term_cases and \
                    "%s/%s/index.html" % (tax, slug) not in hrefs:
                problems.append("%s: no link to %s/%s/" % (name, tax, slug))
    t.ok(not problems, "each case page links to the pages of its year, "
         "unit, category and outcome", problems)

with section("home page"):
    home = docs["index.html"]
    tiles = {}
    for li in home.iter("li"):
        cls = (li.get("class") or "").split()
        num = [s.text for s in li.iter("span")
               if "n" in (s.get("class") or "").split()]
        if "tile" in cls and num:
            tiles[[c[2:] for c in cls if c.startswith("o-")][0]] = \
                int(num[0])
    headline = text_of(next((h for h in home.iter("h2")
                             if h.get("id") == "h-total"), None))
    t.ok(tiles == count and str(len(closed)) in re.findall(r"\d+",
                                                          headline),
         "the home page counts %d closed cases and %s" % (
             len(closed), ", ".join("%d %s" % (count[o], o)
                                    for o in OUTCOMES)),
         "tiles %r, headline %r" % (tiles, headline))

def classes(el):
    return (el.get("class") or "").split()


def stats_charts(doc):
    """The charts of a statistics page: per chart, its rows (name, count,
    rectangles as (code, x, width) in percent, SVG attributes) and its
    axis (tick values and their x in percent)."""
    out = []
    for ch in doc.iter("div"):
        if "chart" not in classes(ch):
            continue
        rows, ticks = [], []
        for bar in ch.findall("div"):
            svg = bar.find(SVG + "svg")
            spans = {c: text_of(sp) for sp in bar.findall("span")
                     for c in classes(sp)}
            if "axis" in classes(bar):
                ticks = [(int(text_of(x)), float(x.get("x").rstrip("%")))
                         for x in svg.iter(SVG + "text")]
                continue
            rows.append({
                "name": spans.get("name"), "count": int(spans.get("n")),
                "rects": [([c[2:] for c in classes(r) if
                            c.startswith("o-")][0],
                           float(r.get("x").rstrip("%")),
                           float(r.get("width").rstrip("%")))
                          for r in svg.iter(SVG + "rect")],
                "svg": dict(svg.attrib)})
        out.append({"rows": rows, "ticks": ticks})
    return out


def stats_tables(page, doc):
    """The tables of outcomes of a statistics page: per table, its rows
    (name, link, counts per outcome, total) and sums."""
    out = []
    for table in doc.iter("table"):
        thead = table.find("thead")
        heads = [text_of(c) for c in thead.iter() if local(c.tag) in
                 ("th", "td")] if thead is not None else []
        cols = {LABEL_CODE[h]: i for i, h in enumerate(heads)
                if h in LABEL_CODE}
        if sorted(cols) != sorted(OUTCOMES):
            continue
        rows = []
        for tr in table.findall("tbody/tr"):
            cells = [text_of(c) for c in tr]
            a = tr[0].find("a")
            href = a.get("href") if a is not None else None
            target = posixpath.normpath(posixpath.join(
                posixpath.dirname(page), href)) if href else None
            rows.append({"name": cells[0], "href": href, "target": target,
                         "n": {o: cells[i] for o, i in cols.items()},
                         "total": cells[-1]})
        foot = [text_of(c) for c in table.find("tfoot/tr")]
        out.append({"caption": text_of(table.find("caption")),
                    "rows": rows,
                    "foot": {o: foot[i] for o, i in cols.items()},
                    "all": foot[-1], "heads": [
                        (a.get("href"), text_of(a)) for a in thead.iter("a")]})
    return out


def want_rows(tax, recs):
    """The rows a table of outcomes by tax must have: a row per term with
    closed cases, in the portal's order (years newest first, units and
    categories in the order of site.yaml), then one of the cases whose term
    is not public, if any; counted from the records."""
    order = {"years": sorted({terms_of(r)["years"] for r in recs
                              if "years" in terms_of(r)}, reverse=True),
             "units": [u["slug"] for u in site_cfg["units"]],
             "categories": [c["slug"] for c in site_cfg["categories"]]}[tax]
    rows = []
    for slug in order + [None]:
        rs = [r for r in recs if terms_of(r).get(tax) == slug]
        if rs:
            rows.append({"target": slug and "%s/%s/index.html" % (tax, slug),
                         "n": {o: str(sum(r["outcome"] == o for r in rs))
                               for o in OUTCOMES},
                         "total": str(len(rs))})
    return rows


def check_stats(page, doc, recs, label, pages=None):
    """The statistics of recs (the closed cases) on page: tables that count
    them, rows that link to their terms (to pages, parsed, if given),
    charts that draw the tables."""
    problems = []
    # By year, unit and category, in this order; want_rows() checks where
    # their rows link.
    tables = stats_tables(page, doc)
    if len(tables) != 3:
        problems.append("%d tables of outcomes, expected 3" % len(tables))
    for tb, tax in zip(tables, TAXES):
        tb["tax"] = tax
    counts = {o: str(sum(r["outcome"] == o for r in recs)) for o in OUTCOMES}
    for tb in tables:
        if tb["foot"] != counts or tb["all"] != str(len(recs)):
            problems.append("%s: totals %r (all %s), expected %r (all %d)" %
                            (tb["caption"], tb["foot"], tb["all"], counts,
                             len(recs)))
        got = [{k: row[k] for k in ("target", "n", "total")}
               for row in tb["rows"]]
        want = want_rows(tb["tax"], recs)
        if got != want:
            problems.append("%s: rows %r, expected %r" % (
                tb["caption"], got, want))
        for row in tb["rows"]:
            why = resolve(page, row["href"]) if row["href"] else None
            if why:
                problems.append("%s: row %s links to %s: %s" % (
                    tb["caption"], row["name"], row["href"], why))
        heads = [h for h, _ in tb["heads"]]
        if heads != ["../outcomes/%s/index.html" % o for o in OUTCOMES]:
            problems.append("%s: the outcomes' columns link to %r" %
                            (tb["caption"], heads))
    # The charts: the first three draw the three tables, the last the
    # durations; bars are percentages of an axis to a round number.
    charts = stats_charts(doc)
    if len(charts) != len(tables) + 1:
        problems.append("%d charts for %d tables of outcomes and one of "
                        "durations" % (len(charts), len(tables)))
    for k, ch in enumerate(charts):
        vals = [v for v, _ in ch["ticks"]]
        top = vals[-1] if vals else 0
        step = vals[1] if len(vals) > 1 else 0
        biggest = max([row["count"] for row in ch["rows"]] + [0])
        m = re.match(r"^([125])0*$", str(step))
        if not (m and 2 <= len(vals) <= 5 and vals == [i * step for i in
                range(len(vals))] and top >= biggest and
                (biggest == 0 or vals[-2] < biggest)):
            problems.append("chart %d: ticks %r for a longest bar of %d" %
                            (k + 1, vals, biggest))
        for i, (v, x) in enumerate(ch["ticks"]):
            if abs(x - 100.0 * i / max(len(vals) - 1, 1)) > 0.01:
                problems.append("chart %d: tick %d at %s%%" % (k + 1, v, x))
        for row in ch["rows"]:
            if "viewBox" in row["svg"] or "width" in row["svg"]:
                problems.append("chart %d: %s: <svg %r>, not the row's "
                                "width" % (k + 1, row["name"], row["svg"]))
            at = 0.0
            for code, x, w in row["rects"]:
                if abs(x - at) > 0.011:
                    problems.append("chart %d: %s: a bar at %s%%, not %s%%"
                                    % (k + 1, row["name"], x, at))
                at = x + w
            if top and abs(at - 100.0 * row["count"] / top) > 0.011:
                problems.append("chart %d: %s: bars to %s%%, for %d of %d" %
                                (k + 1, row["name"], at, row["count"], top))
        if k < len(tables):
            tb = tables[k]
            got = [(row["name"], row["count"], [(c, round(w / 100 * top, 1))
                    for c, _, w in row["rects"]]) for row in ch["rows"]]
            want = [(row["name"], int(row["total"]),
                     [(o, float(row["n"][o])) for o in OUTCOMES
                      if row["n"][o] != "0"]) for row in tb["rows"]]
            if got != want:
                problems.append("chart %d: %r, but its table %s says %r" %
                                (k + 1, got, tb["caption"], want))
    # Every link of a table goes to the page of the term it names.
    for a in (a for table in doc.iter("table") for a in table.iter("a")
              if pages is not None):
        why = resolve(page, a.get("href"))
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page),
                                                   a.get("href")))
        h1 = pages[target].find(".//h1") if not why else None
        if why or h1 is None or (h1.text or "").strip() != text_of(a):
            problems.append("a link to %s for %r: %s" % (
                a.get("href"), text_of(a), why or "its heading is %r" %
                (h1 is not None and h1.text)))
    # The years, newest first on the whole page: in each table and chart.
    for name, seq in [(tb["caption"], [r["name"] for r in tb["rows"]])
                      for tb in tables] + [
            ("table %d" % i, [text_of(tr[0]) for tr in table.iter("tr")])
            for i, table in enumerate(doc.iter("table"))] + [
            ("chart %d" % (k + 1), [r["name"] for r in ch["rows"]])
            for k, ch in enumerate(charts)]:
        years = [int(m.group(0)) for m in (re.search(r"(?<!\d)\d{4}(?!\d)", y)
                 for y in seq) if m]
        if years != sorted(years, reverse=True) or len(set(years)) != \
                len(years):
            problems.append("%s: years in the order %r" % (name, years))
    t.ok(tables and not problems, "%s: the tables of outcomes by year, unit "
         "and category count the closed cases of each term, link each "
         "row to the term's page, sum to the cases per outcome (%s); the "
         "charts draw the same numbers to a round axis; years run newest "
         "first everywhere" % (label, ", ".join(
             "%s %s" % (o, counts[o]) for o in OUTCOMES)), problems)


with section("statistics"):
    check_stats("stats/index.html", docs["stats/index.html"], closed,
                "stats/index.html", docs)
    r, statdoc = futures["stats"].result()
    anon = [dict(rec, category=None) for rec in closed]
    if t.ok(r.returncode == 0 and "category: {op: withhold" in read(
            os.path.join(work, "anon", "policy.yaml")), "the sample builds "
            "with the categories withheld", r.stderr):
        check_stats("stats/index.html", statdoc, anon, "categories "
                    "withheld: one row of them all, not public")

# ---------------------------------------------------------------------------
# 7. Sitemap, robots.txt, style.css.

with section("sitemap"):
    sm = xmls["sitemap.xml"]
    locs = [(el.text or "").strip() for el in sm.iter(SITEMAP + "loc")]
    t.ok(locs and all(u.startswith(BASE) for u in locs),
         "every URL of sitemap.xml is absolute under base_url",
         [u for u in locs if not u.startswith(BASE)])
    want = sorted(url_of(n) for n in html_names if n != "404.html")
    t.eq(sorted(locs), want, "sitemap.xml lists every HTML page but "
         "404.html (%d), each once" % len(want))
    robots = files.get("robots.txt", b"").decode("utf-8")
    t.ok(re.search(r"(?mi)^Sitemap:[ \t]*%s[ \t]*$" % re.escape(
        BASE + "sitemap.xml"), robots), "robots.txt names %ssitemap.xml" %
        BASE, robots)
    t.eq(sorted(n for n in files if n.endswith(".css")), ["style.css"],
         "one stylesheet, style.css, at the root")

# ---------------------------------------------------------------------------
# 8. Determinism.

results = {}
for k, f in futures.items():
    results[k] = f.result()
if "zh_CN.utf8" not in subprocess.run(["locale", "-a"], capture_output=True,
                                      text=True).stdout:
    print("# note: the zh_CN.UTF-8 locale is not installed here; "
          "LC_ALL=zh_CN.UTF-8 falls back on C")


def same(a, b, name):
    ra, rb = results[a], results[b]
    if not t.ok(ra.returncode == 0 and rb.returncode == 0,
                "%s: both builds succeed" % name, ra.stderr + rb.stderr):
        return
    ta = files if a == "ref" else tree(variants[a][0])
    tb = files if b == "ref" else tree(variants[b][0])
    d = sorted(k for k in set(ta) | set(tb) if ta.get(k) != tb.get(k))
    t.ok(ta and not d, "%s: byte-identical trees" % name,
         "differing files: %s" % d[:10])


with section("determinism"):
    same("ref", "again", "two builds into different directories")
    same("ref", "j4", "-j 4 against -j 1")
    same("ref", "tz", "TZ=America/New_York against the default")
    same("langc", "zh", "LANG=C against LC_ALL=zh_CN.UTF-8")
    left = []
    for out, _, _, _ in variants.values():
        parent, base = os.path.split(out)
        left += [x for x in os.listdir(parent)
                 if x.startswith(".%s.stage" % base)]
    t.ok(not left, "the successful builds leave no staging directory", left)

# ---------------------------------------------------------------------------
# 9. A broken record: nothing is published, nothing is left behind.

with section("publishing"):
    out, r1, before, r2, bpath, bline = safety.result()
    pool.shutdown(wait=True)
    t.ok(r1.returncode == 0 and before, "the portal builds into OUT",
         r1.stderr)
    t.eq(r2.returncode, 1, "a record with outcome: exempt fails the next "
         "build into OUT with exit status 1")
    errs = list(re.finditer(r"(?m)^(.+?):(\d+):(\d+): error: (.*)$",
                            r2.stderr))
    t.ok(errs, "stderr has a path:line:col: error: line", r2.stderr)
    col = len("outcome: ") + 1
    t.ok([x for x in errs if os.path.realpath(x.group(1)) ==
          os.path.realpath(bpath) and int(x.group(2)) == bline and
          int(x.group(3)) == col],
         "the error names the broken record, the line of its outcome (%d) "
         "and the column of the value (%d)" % (bline, col), r2.stderr)
    after = tree(out)
    d = sorted(k for k in set(before) | set(after)
               if before.get(k) != after.get(k))
    t.ok(before and not d, "OUT is byte-identical to the previous build",
         d[:10])
    parent, base = os.path.split(out)
    left = [x for x in os.listdir(parent)
            if x.startswith(".%s.stage" % base)]
    t.ok(not left, "no staging directory (.%s.stage-*) is left beside OUT" %
         base, left)

t.done()
