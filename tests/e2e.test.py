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
import shutil
import subprocess
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
BASE_PATH = urllib.parse.urlsplit(BASE).path or "/"
PER_PAGE = int(site_cfg["per_page"])
FEED_ITEMS = int(site_cfg["feed_items"])
TAG = "tag:%s,%s:" % (site_cfg["tag_authority"], site_cfg["tag_date"])
_tzm = re.match(r"^([+-])(\d\d):(\d\d)$", site_cfg.get("timezone", "+00:00"))
TZMIN = (1 if _tzm.group(1) == "+" else -1) * (
    int(_tzm.group(2)) * 60 + int(_tzm.group(3)))
SITE_TZ = datetime.timezone(datetime.timedelta(minutes=TZMIN))
TODAY = datetime.datetime.fromtimestamp(int(EPOCH), SITE_TZ).date().isoformat()
UNIT_SLUG = {u["name"]: u["slug"] for u in site_cfg["units"]}
CAT_SLUG = {c["name"]: c["slug"] for c in site_cfg["categories"]}
OUTCOMES = ["exempted", "mitigated", "accountable"]
TAXES = ["years", "units", "categories", "outcomes"]


def outcome_labels():
    """The outcome labels of the site's language, from strings.yaml."""
    text = read(os.path.join(TEMPLATES, "strings.yaml"))
    lang = site_cfg.get("language", "zh-CN")
    labels, inlang = {}, False
    for line in text.split("\n"):
        if re.match(r"^\S", line) and not line.startswith("#"):
            inlang = line.split(":")[0].strip().strip('"') == lang
        m = re.match(r"^\s+outcome_(\w+):\s*(.+)$", line)
        if inlang and m and m.group(1) in OUTCOMES:
            labels[m.group(1)] = _scalar(m.group(2))
    return labels


LABELS = outcome_labels()

records = []
for d, _, fs in sorted(os.walk(os.path.join(CONTENT, "cases"))):
    for f in sorted(fs):
        if f.endswith(".md"):
            rec, _lines = front_matter(os.path.join(d, f))
            rec["_path"] = os.path.join(d, f)
            records.append(rec)


def is_published(r):
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


def terms_of(r):
    """{taxonomy: term slug} of a published record."""
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
term_cases = {}         # (tax, slug) -> closed ids, newest first
for r in closed:
    for tax, slug in terms_of(r).items():
        term_cases.setdefault((tax, slug), []).append(r["id"])


def entries():
    """Every feed entry: (date, id, kind, rev, title, guid), newest first."""
    es = []
    for r in published:
        title = r["title"]
        if r["status"] == "closed":
            es.append((str(r["published"]), r["id"], 0, 0, title,
                       TAG + r["id"]))
        elif (r.get("withdrawn") or {}).get("date"):
            es.append((str(r["withdrawn"]["date"]), r["id"], 2, 0,
                       "撤回：" + title, TAG + r["id"] + "/withdrawn"))
        seen = {}
        for k, v in enumerate(r.get("revisions") or []):
            d = str(v["date"])
            seen[d] = seen.get(d, 0) + 1
            suffix = "" if seen[d] == 1 else "-%d" % seen[d]
            es.append((d, r["id"], 1, k, "更正：" + title,
                       TAG + r["id"] + "/correction/" + d + suffix))
    es.sort(key=lambda e: (e[0], e[1], e[2], e[3]), reverse=True)
    return es


ALL_ENTRIES = entries()


def term_entries(tax, slug):
    return [e for e in ALL_ENTRIES
            if terms_of(by_id[e[1]]).get(tax) == slug][:FEED_ITEMS]


PII_KEYS = ("id_number", "phone", "credit_code", "email", "address")


def pii_values(node, keys=PII_KEYS):
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
               "LC_TIME", "LC_NUMERIC", "LC_MESSAGES")
SITE = os.path.join(work, "ref", "site")
variants = {
    "ref": (SITE, ["-j", "1"], None, ()),
    "again": (os.path.join(work, "elsewhere", "out", "portal"),
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
    """Build OUT, then a broken copy of the content into the same OUT."""
    out = os.path.join(work, "pub", "site")
    r1 = disclose_build(CONTENT, out)
    before = tree(out) if r1.returncode == 0 else {}
    broken = copy_content(os.path.join(work, "broken"))
    victim = next(r for r in closed)
    path = os.path.join(broken, os.path.relpath(victim["_path"], CONTENT))
    lines = read(path).split("\n")
    end = lines.index("---", 1)
    n = next(i for i in range(1, end) if lines[i].startswith("outcome:"))
    lines[n] = "outcome: exempt"
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    r2 = disclose_build(broken, out)
    return out, r1, before, r2, path, n + 1


pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
futures = {}
futures["ref"] = pool.submit(disclose_build, CONTENT, SITE, "-j", "1")
safety = pool.submit(publish_safety)
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
t.ok(len(published) > 0 and len(hidden) > 0 and len(closed) > PER_PAGE,
     "the sample has published (%d, %d closed), unpublished (%d) cases and "
     "more closed cases than per_page (%d)" % (
         len(published), len(closed), len(hidden), PER_PAGE))

# ---------------------------------------------------------------------------
# 1. Case pages, and no trace of what is not published.

case_dirs = sorted(d for d in os.listdir(os.path.join(SITE, "cases"))
                   if os.path.isdir(os.path.join(SITE, "cases", d)) and
                   d != "page")
t.eq(case_dirs, sorted(pub_ids),
     "cases/ has one directory per published case (closed and withdrawn) "
     "and no other")
missing = [i for i in pub_ids
           if "cases/%s/index.html" % i not in files]
t.ok(not missing, "every published case has cases/<id>/index.html",
     missing)
t.ok(not [i for i in (r["id"] for r in hidden)
          if os.path.exists(os.path.join(SITE, "cases", i))],
     "no page for the open and embargoed cases (%s)" %
     ", ".join(r["id"] for r in hidden))


def texts(name, data):
    """The text of a file, and its decoded forms (entities, JSON escapes)."""
    s = data.decode("utf-8", "replace")
    out = [s, html.unescape(s), urllib.parse.unquote(s)]
    if name.endswith(".json"):
        try:
            out.append(json.dumps(json.loads(s), ensure_ascii=False))
        except ValueError:
            pass
    return out


secrets = []
for r in hidden:
    secrets += [r["id"], r["title"]]
found = []
for name, data in sorted(files.items()):
    for s in secrets:
        if s in name or any(s in x for x in texts(name, data)):
            found.append((name, s))
t.ok(not found, "the ids and titles of the %d unpublished cases appear in "
     "no output file (%d files: HTML, XML, JSON, CSV, OPML, text)" %
     (len(hidden), len(files)), found[:20])

pii = sorted({v for r in records for v in pii_values(r)})
found = [(name, v) for name, data in sorted(files.items())
         for v in pii if any(v in x for x in texts(name, data))]
t.ok(pii and not found, "no identity, phone or credit-code number, e-mail "
     "or address of any record (%d values) appears in any output file" %
     len(pii), found[:20])

names = sorted({p["name"] for r in records
                for p in [r.get("subject") or {}] + list(
                    r.get("witnesses") or []) if p.get("name")})
found = [(name, v) for name, data in sorted(files.items())
         for v in names if any(v in x for x in texts(name, data))]
t.ok(names and not found, "no real name of a subject or witness (%d "
     "names, pseudonymized for the public) appears in any output file" %
     len(names), found[:20])

# ---------------------------------------------------------------------------
# 2. Every HTML page parses strictly and declares doctype, lang, charset.

html_names = sorted(n for n in files if n.endswith(".html"))
docs, perrors = {}, []
for name in html_names:
    try:
        docs[name] = html5lib.HTMLParser(
            strict=True, namespaceHTMLElements=False).parse(files[name])
    except Exception as e:      # html5lib.html5parser.ParseError
        perrors.append("%s: %s" % (name, e))
        docs[name] = html5lib.HTMLParser(
            namespaceHTMLElements=False).parse(files[name])
t.ok(html_names and not perrors, "every HTML page (%d) parses without a "
     "single error (html5lib, strict)" % len(html_names), perrors)
t.ok(not [n for n in html_names if not re.match(
    rb"^(\xef\xbb\xbf)?<!DOCTYPE html>", files[n], re.I)],
     "every HTML page starts with <!DOCTYPE html>",
     [n for n in html_names if not re.match(
         rb"^(\xef\xbb\xbf)?<!DOCTYPE html>", files[n], re.I)])
nolang = [n for n in html_names
          if not (docs[n].get("lang") or "").strip()]
t.ok(not nolang, "every HTML page declares its language (<html lang>)",
     nolang)


def has_charset(doc):
    for m in doc.iter("meta"):
        if (m.get("charset") or "").lower() == "utf-8":
            return True
        if (m.get("http-equiv") or "").lower() == "content-type" and \
                "charset=utf-8" in (m.get("content") or "").lower():
            return True
    return False


t.ok(not [n for n in html_names if not has_charset(docs[n])],
     "every HTML page declares its charset (utf-8)",
     [n for n in html_names if not has_charset(docs[n])])

# ---------------------------------------------------------------------------
# 3. Links and assets.

SVG = "{http://www.w3.org/2000/svg}"


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else ""


ids = {}
for name, doc in docs.items():
    s = set()
    for el in doc.iter():
        if el.get("id"):
            s.add(el.get("id"))
        if local(el.tag) == "a" and el.get("name"):
            s.add(el.get("name"))
    ids[name] = s

LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src",
              "script": "src", "iframe": "src", "source": "src",
              "audio": "src", "video": "src", "embed": "src",
              "track": "src", "object": "data", "input": "src"}


def resolve(page, url, root_relative=False):
    """The problem with a relative url on page, or None when it resolves."""
    path, _, frag = url.partition("#")
    path = urllib.parse.unquote(path.partition("?")[0])
    if path == "":
        if not frag:
            return "empty link"
        return None if frag in ids[page] else "no id %r on the page" % frag
    base = "" if root_relative else posixpath.dirname(page)
    target = posixpath.normpath(posixpath.join(base, path))
    if target.startswith("../") or target == "..":
        return "leaves the output tree"
    if target not in files:
        return ("a directory, not a file" if os.path.isdir(
            os.path.join(SITE, target)) else "no such file %s" % target)
    if frag and target.endswith(".html") and frag not in ids[target]:
        return "no id %r in %s" % (frag, target)
    return None


broken, rooted, selfabs, external, scripts, badscheme = [], [], [], [], [], []
for name, doc in sorted(docs.items()):
    notfound = name == "404.html"
    for el in doc.iter():
        tag = local(el.tag)
        if tag == "script":
            scripts.append("%s: <script>" % name)
        for a in el.keys():
            if isinstance(a, str) and a.lower().startswith("on"):
                scripts.append("%s: <%s %s>" % (name, tag, a))
        style = el.get("style") or ""
        for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", style):
            external.append("%s: style url(%s)" % (name, u))
        attr = LINK_ATTRS.get(tag)
        if attr is None and tag in ("image", "use"):       # SVG
            attr = "href"
        if attr is None:
            continue
        url = el.get(attr)
        if url is None and tag in ("image", "use"):
            url = el.get("{http://www.w3.org/1999/xlink}href")
        if url is None:
            continue
        url = url.strip()
        rels = (el.get("rel") or "").lower().split()
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        where = "%s: <%s %s=%r>" % (name, tag, attr, url)
        if scheme in ("http", "https") or url.startswith("//"):
            if url.startswith(BASE) or url.startswith("//" + BASE.split(
                    "//", 1)[-1]):
                if not (tag == "link" and "canonical" in rels):
                    selfabs.append(where)
            elif tag not in ("a", "area"):
                external.append(where)
        elif scheme in ("mailto", "tel"):
            if tag not in ("a", "area"):
                badscheme.append(where)
        elif scheme:
            badscheme.append(where)
        elif url.startswith("/"):
            rooted.append(where)
        else:
            why = resolve(name, url, root_relative=notfound)
            if why:
                broken.append("%s: %s" % (where, why))
t.ok(not broken, "every internal link and asset (a, link, img, script...) "
     "resolves to a file of the output tree, fragments to an id", broken)
t.ok(not rooted, "no link or asset reference starts with /", rooted)
t.ok(not selfabs, "no link points at base_url but the canonical <link>",
     selfabs)
t.ok(not badscheme, "no javascript:, data: or other unexpected scheme",
     badscheme)
t.ok(not scripts, "no <script> and no event-handler attribute in any "
     "page", scripts)

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
            cssbad.append("%s: url(%s) is not relative" % (name, u))
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name),
                                                   u.split("#")[0]))
        if target not in files:
            cssbad.append("%s: url(%s): no such file" % (name, u))
for name in html_names:
    for el in docs[name].iter("style"):
        for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", el.text or ""):
            cssbad.append("%s: <style> url(%s)" % (name, u))
t.ok(css_names and not cssbad, "every url() and @import of the CSS (%s) "
     "resolves to a file of the tree" % ", ".join(css_names), cssbad)
t.ok(not external, "no external resource is loaded (stylesheet, image, "
     "font, frame)", external)

# 404.html: served from any path, so its links go through <base href>.
nf = docs.get("404.html")
bases = [el.get("href") for el in nf.iter("base")] if nf is not None else []
t.ok(bases == [BASE_PATH], "404.html has one <base href> (%r), the path of "
     "base_url, and its links resolve from the site root" % BASE_PATH,
     bases)

# Canonical links: each page names its own URL.
badcanon = []
for name in html_names:
    want = None if name == "404.html" else BASE + re.sub(
        r"(^|/)index\.html$", r"\1", name)
    got = [el.get("href") for el in docs[name].iter("link")
           if "canonical" in (el.get("rel") or "").split()]
    if got != ([want] if want else []):
        badcanon.append("%s: %r, expected %r" % (name, got, want))
t.ok(not badcanon, "every page but 404.html has one canonical link to its "
     "own URL under base_url", badcanon)

# ---------------------------------------------------------------------------
# 4. Feeds.

xml_names = sorted(n for n in files
                   if n.endswith(".xml") or n.endswith(".opml"))
lint = subprocess.run(["xmllint", "--noout"] + [os.path.join(SITE, n)
                                                 for n in xml_names],
                      capture_output=True, text=True)
t.ok(lint.returncode == 0 and not lint.stderr.strip(), "xmllint --noout "
     "accepts all %d XML files (feeds, OPML, sitemap)" % len(xml_names),
     lint.stderr)
xml, xbad = {}, []
for n in xml_names:
    try:
        xml[n] = ET.fromstring(files[n])
    except ET.ParseError as e:
        xbad.append("%s: %s" % (n, e))
t.ok(not xbad, "xml.etree parses all %d XML files" % len(xml_names), xbad)

A = "{http://www.w3.org/2005/Atom}"
jsonfeeds, jbad = {}, []
for n in sorted(n for n in files if n.endswith("feed.json")):
    try:
        jsonfeeds[n] = json.loads(files[n].decode("utf-8"))
        if jsonfeeds[n].get("version") != "https://jsonfeed.org/version/1.1":
            jbad.append("%s: version %r" % (n, jsonfeeds[n].get("version")))
    except ValueError as e:
        jbad.append("%s: %s" % (n, e))
t.ok(jsonfeeds and not jbad, "every feed.json (%d) parses as JSON with "
     "version https://jsonfeed.org/version/1.1" % len(jsonfeeds), jbad)

# Where feeds must be: the root and every term with a page.
term_dirs = sorted("%s/%s/" % k for k in term_cases)
feed_dirs = sorted(n[:-len("feed.xml")] for n in files
                   if n.endswith("feed.xml"))
t.eq(feed_dirs, sorted([""] + term_dirs),
     "RSS feeds exist at the root and for every year, unit, category and "
     "outcome that lists a closed case, and nowhere else")
missing = [d + f for d in [""] + term_dirs
           for f in ("feed.xml", "atom.xml", "feed.json") if d + f not in files]
t.ok(not missing, "each of these has feed.xml, atom.xml and feed.json",
     missing)


def rss_items(n):
    ch = xml[n].find("channel")
    out = []
    for it in ch.findall("item"):
        g = it.find("guid")
        out.append({"title": it.findtext("title"), "id": it.findtext("guid"),
                    "permalink": g.get("isPermaLink") if g is not None
                    else None, "date": it.findtext("pubDate"),
                    "link": it.findtext("link")})
    return ch, out


def atom_items(n):
    f = xml[n]
    out = []
    for e in f.findall(A + "entry"):
        link = e.find(A + "link")
        out.append({"title": e.findtext(A + "title"),
                    "id": e.findtext(A + "id"),
                    "date": e.findtext(A + "published"),
                    "link": link.get("href") if link is not None else None})
    return f, out


def rfc822_date(s):
    try:
        d = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError):
        return None
    if d.utcoffset() != datetime.timedelta(minutes=TZMIN):
        return "offset %s" % d.utcoffset()
    return d.date().isoformat()


def rfc3339_date(s):
    m = re.match(r"^(\d{4}-\d\d-\d\d)T\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$",
                 s or "")
    if not m:
        return None
    off = "+00:00" if m.group(2) == "Z" else m.group(2)
    return m.group(1) if off == site_cfg.get("timezone", "+00:00") else \
        "offset " + off


def check_feed(d, want, problems):
    """Compare the three feeds of directory d with the entries want."""
    wid = [e[5] for e in want]
    wtitle = [e[4] for e in want]
    wdate = [e[0] for e in want]
    wlink = [BASE + "cases/%s/" % e[1] for e in want]
    newest = max(wdate) if wdate else None
    ch, ri = rss_items(d + "feed.xml")
    fa, ai = atom_items(d + "atom.xml")
    ji = jsonfeeds[d + "feed.json"].get("items", [])
    for fmt, got in (("RSS", ri), ("Atom", ai)):
        if [x["id"] for x in got] != wid:
            problems.append("%s%s ids: %s" % (d, fmt, diff(
                [x["id"] for x in got], wid)))
        if [x["title"] for x in got] != wtitle:
            problems.append("%s%s titles: %s" % (d, fmt, diff(
                [x["title"] for x in got], wtitle)))
        if [x["link"] for x in got] != wlink:
            problems.append("%s%s links differ" % (d, fmt))
    if [x.get("id") for x in ji] != wid:
        problems.append("%sfeed.json ids: %s" % (d, diff(
            [x.get("id") for x in ji], wid)))
    if [x.get("title") for x in ji] != wtitle:
        problems.append("%sfeed.json titles differ" % d)
    if [x.get("url") for x in ji] != wlink:
        problems.append("%sfeed.json urls differ" % d)
    if [rfc822_date(x["date"]) for x in ri] != wdate:
        problems.append("%sfeed.xml pubDate: %s" % (d, diff(
            [x["date"] for x in ri], wdate)))
    if [rfc3339_date(x["date"]) for x in ai] != wdate:
        problems.append("%satom.xml published: %s" % (d, diff(
            [x["date"] for x in ai], wdate)))
    if [rfc3339_date(x.get("date_published")) for x in ji] != wdate:
        problems.append("%sfeed.json date_published differ" % d)
    if [x["permalink"] for x in ri] != ["false"] * len(ri):
        problems.append("%sfeed.xml: a guid is not isPermaLink=false" % d)
    if newest is not None:
        lbd = rfc822_date(ch.findtext("lastBuildDate"))
        if lbd != newest:
            problems.append("%sfeed.xml lastBuildDate %r, newest entry %s" %
                            (d, ch.findtext("lastBuildDate"), newest))
        up = rfc3339_date(fa.findtext(A + "updated"))
        if up != newest:
            problems.append("%satom.xml updated %r, newest entry %s" %
                            (d, fa.findtext(A + "updated"), newest))


def diff(got, want):
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return "first difference at %d: got %r, want %r (%d vs %d)" % (
                i, g, w, len(got), len(want))
    return "got %d, want %d" % (len(got), len(want))


main_want = ALL_ENTRIES[:FEED_ITEMS]
t.ok(len(ALL_ENTRIES) > FEED_ITEMS or len(main_want) == len(ALL_ENTRIES),
     "the records make %d feed entries (%d publications, %d corrections, "
     "%d withdrawals); feed_items is %d" % (
         len(ALL_ENTRIES), sum(e[2] == 0 for e in ALL_ENTRIES),
         sum(e[2] == 1 for e in ALL_ENTRIES),
         sum(e[2] == 2 for e in ALL_ENTRIES), FEED_ITEMS))
for fmt, got in (("feed.xml", len(rss_items("feed.xml")[1])),
                 ("atom.xml", len(atom_items("atom.xml")[1])),
                 ("feed.json", len(jsonfeeds["feed.json"].get("items", [])))):
    t.eq(got, len(main_want), "%s has %d entries (all entries, at most "
         "feed_items)" % (fmt, len(main_want)))
problems = []
check_feed("", main_want, problems)
t.ok(not problems, "the main RSS, Atom and JSON feeds list the expected "
     "entries newest first (ties by id descending): titles (更正：, 撤回：), "
     "tag-URI ids shared by guid/id/id, permalinks, dates in the site's "
     "offset", problems)
t.ok(not [p for p in problems if "lastBuildDate" in p or "updated" in p],
     "lastBuildDate and Atom <updated> are the newest entry's date (%s), "
     "not the build date (%s)" % (main_want[0][0] if main_want else None,
                                  TODAY),
     [p for p in problems if "lastBuildDate" in p or "updated" in p])
jf = jsonfeeds["feed.json"]
t.ok(jf.get("home_page_url") == BASE and jf.get("feed_url") ==
     BASE + "feed.json", "feed.json names home_page_url and feed_url under "
     "base_url", (jf.get("home_page_url"), jf.get("feed_url")))

# With a real client.
for n in ("feed.xml", "atom.xml"):
    p = feedparser.parse(files[n])
    t.ok(not p.bozo and [e.title for e in p.entries] ==
         [e[4] for e in main_want] and [e.id for e in p.entries] ==
         [e[5] for e in main_want],
         "feedparser reads %s without the bozo flag: %d entries, the "
         "expected titles and ids" % (n, len(main_want)),
         "bozo: %r; %s" % (p.get("bozo_exception"), diff(
             [e.title for e in p.entries], [e[4] for e in main_want])))

# The corrections feed.
if "corrections.xml" in xml:
    want = [e for e in ALL_ENTRIES if e[2] == 1][:FEED_ITEMS]
    _, ci = rss_items("corrections.xml")
    t.ok([x["id"] for x in ci] == [e[5] for e in want] and
         [x["title"] for x in ci] == [e[4] for e in want],
         "corrections.xml lists the %d corrections, newest first" %
         len(want), diff([x["id"] for x in ci], [e[5] for e in want]))
else:
    t.ok(False, "corrections.xml (linked from every page) exists")

# Per-term feeds.
for tax in TAXES:
    problems, bozo = [], []
    dirs = [d for d in term_dirs if d.startswith(tax + "/")]
    for d in dirs:
        slug = d.split("/")[1]
        check_feed(d, term_entries(tax, slug), problems)
        p = feedparser.parse(files[d + "atom.xml"])
        if p.bozo or len(p.entries) != len(term_entries(tax, slug)):
            bozo.append("%satom.xml: bozo %r, %d entries" % (
                d, p.get("bozo_exception"), len(p.entries)))
    t.ok(dirs and not problems and not bozo, "the feeds of the %d %s list "
         "exactly the entries of their cases (publications, corrections, "
         "withdrawals), newest first, with the same ids" % (len(dirs), tax),
         problems + bozo)

# OPML lists every RSS feed.
outl = [o.get("xmlUrl") for o in xml["feeds.opml"].iter("outline")
        if o.get("xmlUrl")]
want = sorted(BASE + n for n in files
              if n.endswith("feed.xml") or n == "corrections.xml")
t.eq(sorted(outl), want, "feeds.opml lists every RSS feed of the portal "
     "(the main one, corrections, every term), each once")

# ---------------------------------------------------------------------------
# 5. Open data.

with open(os.path.join(SITE, "data", "cases.csv"), encoding="utf-8",
          newline="") as f:
    rows = list(csv.reader(f))
header = rows[0] if rows else []
t.ok(header and header[0] == "id" and "title" in header and
     len(set(header)) == len(header), "data/cases.csv starts with a header "
     "row naming its columns", header)
t.ok(all(len(x) == len(header) for x in rows), "every CSV row has as many "
     "fields as the header", [i for i, x in enumerate(rows)
                              if len(x) != len(header)][:10])
t.eq(sorted(x[0] for x in rows[1:]), sorted(pub_ids),
     "data/cases.csv has one row per published case (%d: closed and "
     "withdrawn), ids matching" % len(pub_ids))
try:
    data = json.loads(files["data/cases.json"].decode("utf-8"))
except ValueError as e:
    data = {}
    t.ok(False, "data/cases.json parses", e)
t.eq(sorted(c.get("id") for c in data.get("cases", [])), sorted(pub_ids),
     "data/cases.json has one entry under \"cases\" per published case, "
     "ids matching")
found = []
for n in ("data/cases.csv", "data/cases.json"):
    for v in pii:
        if any(v in x for x in texts(n, files[n])):
            found.append((n, v))
t.ok(not found, "the open data hold no identity, phone or credit-code "
     "number of any record", found)

# ---------------------------------------------------------------------------
# 6. Listings, term pages, statistics.


def cards(name):
    return [el.get("data-case") for el in docs[name].iter("article")
            if "card" in (el.get("class") or "").split()]


def listing(d, want, problems):
    """Check the listing under d (with its pages) against want."""
    npages = max(1, -(-len(want) // PER_PAGE))
    pages = [d + "index.html"] + ["%spage/%d/index.html" % (d, i)
                                  for i in range(2, npages + 1)]
    extra = sorted(n for n in files if n.startswith(d + "page/") and
                   n not in pages and n.count("/") == d.count("/") + 2)
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
    return len(pages)


problems = []
n = listing("cases/", closed_ids, problems)
t.ok(not problems, "cases/ and its %d pages list each of the %d closed "
     "cases once, newest first, %d a page" % (n, len(closed_ids), PER_PAGE),
     problems)
for tax in TAXES:
    problems = []
    dirs = [d for d in term_dirs if d.startswith(tax + "/")]
    got_dirs = sorted(n[:-len("index.html")] for n in files
                      if n.startswith(tax + "/") and n.endswith("index.html")
                      and n.count("/") == 2)
    if got_dirs != dirs:
        problems.append("term pages %s, expected %s" % (got_dirs, dirs))
    for d in dirs:
        listing(d, term_cases[(tax, d.split("/")[1])], problems)
    t.ok(dirs and not problems, "every %s page (%d) lists exactly the closed "
         "cases of its term, newest first, %d a page" % (tax, len(dirs),
                                                         PER_PAGE), problems)

# The home page's headline numbers.
home = docs["index.html"]
count = {o: sum(r["outcome"] == o for r in closed) for o in OUTCOMES}
tiles = {}
for li in home.iter("li"):
    cls = (li.get("class") or "").split()
    if "tile" in cls:
        code = [c[2:] for c in cls if c.startswith("o-")]
        num = [s.text for s in li.iter("span")
               if "n" in (s.get("class") or "").split()]
        if code and num:
            tiles[code[0]] = int(num[0])
total = [el for el in home.iter("h2") if el.get("id") == "h-total"]
tot_text = "".join(total[0].itertext()) if total else ""
t.ok(tiles == count and str(len(closed)) in re.findall(r"\d+", tot_text),
     "the home page shows %d closed cases and the count per outcome" %
     len(closed), "tiles %r, expected %r; headline %r" % (tiles, count,
                                                          tot_text))

# Statistics: inline SVG, and tables that add up.
stats = docs.get("stats/index.html")
svgs = list(stats.iter(SVG + "svg")) if stats is not None else []
t.ok(svgs, "stats/index.html has inline <svg> charts (%d)" % len(svgs))
label_code = {v: k for k, v in LABELS.items()}
year_of = {r["id"]: terms_of(r).get("years") for r in closed}
tables, tproblems = 0, []


def cell_text(el):
    return "".join(el.itertext()).strip()


for table in (stats.iter("table") if stats is not None else []):
    thead = table.find("thead")
    if thead is None:
        continue
    heads = [cell_text(c) for c in thead.iter() if local(c.tag) in
             ("th", "td")]
    cols = {label_code[h]: i for i, h in enumerate(heads) if h in label_code}
    if sorted(cols) != sorted(OUTCOMES):
        continue
    tables += 1
    caption = cell_text(table.find("caption")) if table.find(
        "caption") is not None else "?"
    foot = table.find("tfoot")
    if foot is None:
        tproblems.append("%s: no total row" % caption)
        continue
    cells = [cell_text(c) for c in foot.find("tr")]
    got = {o: cells[i] for o, i in cols.items()}
    want = {o: str(count[o]) for o in OUTCOMES}
    if got != want or cells[-1] != str(len(closed)):
        tproblems.append("%s: totals %r (all %s), expected %r (all %d)" % (
            caption, got, cells[-1], want, len(closed)))
    # Each row: a year or a unit, counted from the records.
    for tr in table.find("tbody").findall("tr"):
        cells = [cell_text(c) for c in tr]
        name = cells[0]
        if re.search(r"\d{4}", name):
            y = re.search(r"\d{4}", name).group(0)
            rs = [r for r in closed if year_of[r["id"]] == y]
        elif name in UNIT_SLUG:
            rs = [r for r in closed if r.get("unit") == name]
        else:
            tproblems.append("%s: a row %r that is neither a year nor a "
                             "unit" % (caption, name))
            continue
        got = {o: cells[i] for o, i in cols.items()}
        want = {o: str(sum(r["outcome"] == o for r in rs)) for o in OUTCOMES}
        if got != want or cells[-1] != str(len(rs)):
            tproblems.append("%s: row %s: %r (all %s), expected %r (all %d)"
                             % (caption, name, got, cells[-1], want, len(rs)))
t.ok(tables >= 2 and not tproblems, "the statistics tables by outcome (%d: "
     "per year, per unit) have rows and totals that equal the closed cases "
     "per outcome (%s)" % (tables, ", ".join("%s %d" % (o, count[o])
                                              for o in OUTCOMES)), tproblems)

# Case pages name their case; the withdrawn one is a tombstone with reason.
cproblems = []
for r in published:
    name = "cases/%s/index.html" % r["id"]
    if name not in docs:
        continue
    arts = [a for a in docs[name].iter("article")
            if a.get("data-case") == r["id"]]
    text = "".join(docs[name].find("body").itertext())
    if not arts or r["title"] not in text:
        cproblems.append("%s: no article for the case or no title" % name)
    elif r["status"] == "withdrawn" and (
            "tombstone" not in (arts[0].get("class") or "").split() or
            str((r.get("withdrawn") or {}).get("reason", "")) not in text):
        cproblems.append("%s: not a tombstone with the reason" % name)
t.ok(not cproblems, "each case page shows its case and title; a withdrawn "
     "case keeps a tombstone page with the reason", cproblems)

# ---------------------------------------------------------------------------
# 7. Sitemap, robots.txt, style.css.

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
sm = xml.get("sitemap.xml")
locs = [el.text for el in sm.iter(SM + "loc")] if sm is not None else []
want = sorted(BASE + re.sub(r"(^|/)index\.html$", r"\1", n)
              for n in html_names if n != "404.html")
t.ok(locs and all(u.startswith(BASE) for u in locs),
     "every sitemap URL is absolute under base_url",
     [u for u in locs if not u.startswith(BASE)])
t.eq(sorted(locs), want, "sitemap.xml lists every HTML page (%d) but "
     "404.html, each once" % len(want))
robots = files.get("robots.txt", b"").decode("utf-8")
t.ok(re.search(r"(?mi)^Sitemap:\s*%s\s*$" % re.escape(BASE + "sitemap.xml"),
               robots), "robots.txt names %ssitemap.xml" % BASE, robots)
t.ok(css_names == ["style.css"], "one stylesheet, style.css, at the root",
     css_names)

# ---------------------------------------------------------------------------
# 8. Determinism.

results = {k: f.result() for k, f in futures.items()}
pool.shutdown(wait=True)


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


same("ref", "again", "two builds into different directories")
same("ref", "j4", "-j 4 against -j 1")
same("ref", "tz", "TZ=America/New_York against the reference")
same("langc", "zh", "LANG=C against LC_ALL=zh_CN.UTF-8")

# No staging directory left by the successful builds.
left = []
for k, v in variants.items():
    parent, base = os.path.split(v[0])
    left += [os.path.join(parent, x) for x in os.listdir(parent)
             if x.startswith(".%s.stage-" % base)]
t.ok(not left, "successful builds leave no staging directory", left)

# ---------------------------------------------------------------------------
# 9. A broken record: nothing is published, nothing is left behind.

out, r1, before, r2, bpath, bline = safety.result()
t.ok(r1.returncode == 0 and before, "the portal builds into OUT", r1.stderr)
t.eq(r2.returncode, 1, "a record with outcome: exempt fails the build "
     "with exit status 1")
m = [x for x in re.finditer(r"(?m)^(.+?):(\d+):(\d+): error: (.*)$",
                            r2.stderr)]
t.ok(m, "stderr has a path:line:col: error: line", r2.stderr)
hit = [x for x in m if os.path.realpath(x.group(1)) ==
       os.path.realpath(bpath) and int(x.group(2)) == bline and
       int(x.group(3)) == len("outcome: ") + 1]
t.ok(hit, "the error names the broken record, the line of its outcome "
     "(%d) and the column of the value (%d)" % (bline, len("outcome: ") + 1),
     r2.stderr)
after = tree(out)
d = sorted(k for k in set(before) | set(after)
           if before.get(k) != after.get(k))
t.ok(before and not d, "OUT is byte-identical to the previous build", d[:10])
parent, base = os.path.split(out)
left = [x for x in os.listdir(parent) if x.startswith(".%s.stage-" % base)
        or x.startswith(".%s.stage" % base)]
t.ok(not left, "no staging directory (.%s.stage-*) is left beside OUT" %
     base, left)

t.done()
