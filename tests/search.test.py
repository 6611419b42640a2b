"""The search index: made from the public records only, every published
case in it and nothing else, every key of a case's public text leading to
the case and no key leading to a case without it, numbers written so
that no list reads as a name or a number, the facets of each case as its
pages show them, queries answered as the page answers them (by phrase,
by a single character, by filters, title hits first, then the newest),
bytes fetched per query within the budget, and the audit reading the
index like any other output.
"""
import json
import os
import re
import shutil

from testlib import TAP, build, copy_content, read, run, tmpdir, write
from searchindex import Index, fnv, query_keys, text_keys

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
# One more case, whose body holds long numbers that are no personal data.
src = read(os.path.join(content, "cases", "2023", "CL-2023-001.md"))
write(os.path.join(content, "cases", "2023", "CL-2023-901.md"),
      src.replace("CL-2023-001", "CL-2023-901") +
      "\n项目涉及资金16000000000元，合同编号6228480012345678903。\n"
      "\n字符引用 &#87654321; 与 R&D 12345678 照录。\n")
site = os.path.join(work, "site")
r = build(content, site)
t.ok(r.returncode == 0, "the sample portal builds, with a case whose text "
     "has long numbers and an ampersand before digits", r.stderr)
ix = Index(site)

with open(os.path.join(site, "data", "cases.json"), encoding="utf-8") as f:
    data = json.load(f)
cases = data["cases"] if isinstance(data, dict) else data
closed = [c for c in cases if c["status"] == "closed"]
others = [c for c in cases if c["status"] != "closed"]
n = ix.meta["cases"]
docs = [ix.doc(i) for i in range(n)]
ids = [d["id"] for d in docs]

# Every case that has a page of its own, once; nothing else.
t.eq(sorted(ids), sorted(c["id"] for c in closed),
     "the index holds every published case once, and only those")
t.ok(len(others) > 0 and not any(c["id"] in ids for c in others),
     "withdrawn cases are not in the index (%d)" % len(others))
t.eq(len(os.listdir(os.path.join(site, "search", "d"))), n,
     "one file of text per case")
dates = [d["date"] for d in docs]
t.ok(dates == sorted(dates), "cases are numbered from the oldest to the newest")

# Every case's text as its public record holds it.
bycase = {c["id"]: c for c in closed}
bad = [d["id"] for d in docs
       if d["title"] != bycase[d["id"]]["title"]
       or d["unit"] != bycase[d["id"]]["unit"]
       or d["summary"] not in (bycase[d["id"]]["summary"], None)
       and bycase[d["id"]]["summary"] is not None]
t.ok(not bad, "each case's title, unit and summary are those of the open data", bad)
page = read(os.path.join(site, "cases", ids[0], "index.html"))
body = re.sub(r"<[^>]+>", "", page)
t.ok(len(docs[0]["text"]) > 3 and
     all(line.strip()[:12] in body for line in docs[0]["text"]
         if len(line.strip()) >= 12),
     "a case's text is the text of its page, a block a string")

# Keys: complete and sound.
def fields(d):
    return [d["title"], d["id"], d["unit"], d["category"], d["outcome"],
            d["date"], d["decided"], d["summary"]] + d["factors"] + d["text"]


missing, wrongtitle = [], []
for i, d in enumerate(docs):
    keys = set()
    for x in fields(d):
        keys |= text_keys(x or "")
    for k in keys:
        got, title = ix.postings(k)
        if i not in got:
            missing.append((d["id"], k))
    for k in text_keys(d["title"] or ""):
        if i not in ix.postings(k)[1]:
            wrongtitle.append((d["id"], k))
t.ok(not missing, "every key of every case's public text leads to the case",
     missing[:10])
t.ok(not wrongtitle, "every key of a title is marked as a title hit",
     wrongtitle[:10])
# Every line of every shard, by the keys of the cases' text it names.
names = {}
textkeys = []
for d in docs:
    keys = set()
    for x in fields(d):
        keys |= text_keys(x or "")
    textkeys.append(keys)
    for k in keys:
        names.setdefault((ix.shard_of(k), ix.name(k)), set()).add(k)
unsound, unknown, lines = [], [], 0
for sh in range(ix.meta["shards"]):
    for nm, (got, title) in ix.shard(sh).items():
        lines += 1
        keys = names.get((sh, nm))
        if not keys:
            unknown.append((sh, nm))
            continue
        for i in got:
            if not keys & textkeys[i]:
                unsound.append((sorted(keys), ids[i]))
        for i in title:
            if not keys & text_keys(docs[i]["title"] or ""):
                unsound.append(("title", sorted(keys), ids[i]))
t.ok(lines > 1000 and not unsound and not unknown,
     "every line of the shards names a key of the cases' text, in the shard "
     "its hash names, and leads only to cases that hold it (%d lines)" % lines,
     (unsound + unknown)[:10])
allkeys = set().union(*textkeys)
t.ok(any(len(k) == 1 and ord(k) >= 0x2E80 for k in allkeys) and
     any(len(k) == 2 and ord(k[0]) >= 0x2E80 for k in allkeys) and
     any(k.isascii() and k.isalnum() for k in allkeys),
     "keys are single characters, pairs of characters and words")

# The shards are punctuation: no text, no letter, no digit.
stray = []
for k in range(ix.meta["shards"]):
    text = read(os.path.join(site, "search", "s", "%d.js" % k))
    body = json.loads(text[text.index(", ") + 2:text.rindex(")")])
    for line in body.split("\n"):
        if line and re.search(r"[^\W_]", line):
            stray.append(line[:40])
t.ok(not stray, "the shards hold no letter and no digit", stray[:5])
longs = set()
for d in docs:
    for x in fields(d):
        longs |= set(re.findall(r"[0-9a-z]*[0-9]{7,}[0-9a-z]*", (x or "").lower()))
t.ok(not [w for w in longs if ix.postings(w[:24])[0]],
     "no word with a run of seven digits is a key (%d such words)" % len(longs),
     sorted(longs))
t.ok(len(longs) >= 2, "the case with long numbers shows them (%s)" % sorted(longs))

# The facets of each case, as its page shows them.
names = [x["name"] for x in ix.meta["terms"]]
t.eq(names, ["year", "unit", "category", "outcome"],
     "the facets are year, unit, category and outcome")
wrong = []
for i, d in enumerate(docs):
    got = []
    for j, x in enumerate(ix.meta["terms"]):
        v = ix.term(i, j)
        got.append(x["values"][v - 1]["value"] if v > 0 else None)
    want = [d["date"][:4], d["unit"], d["category"], d["oc"]]
    if got != want:
        wrong.append((d["id"], got, want))
t.ok(not wrong, "each case's year, unit, category and outcome in the table "
     "are those of its text", wrong[:5])
hrefs = [v["href"] for x in ix.meta["terms"] for v in x["values"]
         if v["href"] is not None]
t.ok(hrefs and all(os.path.exists(os.path.join(site, h)) for h in hrefs),
     "every term of the facets links to its page (%d)" % len(hrefs))

# Queries.
def phrase_of(text, k=6):
    m = re.search(r"[\u4e00-\u9fff]{%d}" % (k + 6), "\n".join(text))
    return m.group(0)[3:3 + k] if m else None


found = []
for i in range(0, n, max(1, n // 8)):
    p = phrase_of(docs[i]["text"])
    hits, _ = ix.search(p)
    found.append((ids[i], p, i in hits))
t.ok(all(f[2] for f in found), "a phrase of a body finds its case (%d cases)"
     % len(found), found)
hits, _ = ix.search(docs[-1]["title"][:4])
titled = [h for h in hits if docs[-1]["title"][:4] in docs[h]["title"]]
t.ok(hits and hits[:len(titled)] == sorted(titled, reverse=True),
     "title hits come first, the newest first", hits[:10])
rest = hits[len(titled):]
t.ok(rest == sorted(rest, reverse=True), "then the other hits, newest first")
one = docs[0]["title"][0]
hits, _ = ix.search(one)
t.ok(0 in hits and all(one in "".join(x or "" for x in fields(docs[h]))
                       for h in hits),
     "a query of one character (%s) finds the cases that hold it" % one)
unit = docs[0]["unit"]
hits, _ = ix.search("", {"unit": unit})
t.eq(sorted(hits), sorted(i for i, d in enumerate(docs) if d["unit"] == unit),
     "a unit alone finds exactly its cases")
year = docs[-1]["date"][:4]
p = phrase_of(docs[-1]["text"], 4)
hits, _ = ix.search(p, {"year": year, "unit": docs[-1]["unit"]})
t.ok(n - 1 in hits and all(docs[h]["date"].startswith(year) and
                           docs[h]["unit"] == docs[-1]["unit"] for h in hits),
     "a phrase, a year and a unit together narrow the results")
hits, _ = ix.search("龘靐齉")
t.eq(hits, [], "a query of characters no case holds finds nothing")
hits, _ = ix.search(ids[3])
t.ok(3 in hits, "a case id finds its case")
keys, terms = query_keys("招商引资 2023 从轻")
t.eq(keys, ["招商", "引资", "2023", "从轻"],
     "a query is cut into the pairs of characters that cover it, and words")
t.eq(query_keys("退役军人事务局")[0], ["退役", "军人", "事务", "务局"],
     "a run of an odd number of characters ends with an overlapping pair")

# Bytes fetched per query, the script included.
for q in ("招商引资 2023 从轻", docs[0]["unit"], phrase_of(docs[5]["text"])):
    hits, fetched = ix.search(q)
    size = ix.size(fetched)
    t.ok(size < 300 * 1024, "query %s: %d files, %d bytes fetched (< 300 kB)"
         % (q, len(fetched), size))

# The index holds nothing the records withhold.
secret = set()
for d, _, files in os.walk(os.path.join(content, "cases")):
    for f in files:
        for line in read(os.path.join(d, f)).split("---")[1].splitlines():
            m = re.match(r"\s*-?\s*(phone|id_number|email|credit_code):\s*(.+)",
                         line)
            if m:
                secret.add(m.group(2).strip().strip('"'))
everything = ""
for d, _, files in os.walk(os.path.join(site, "search")):
    for f in files:
        everything += read(os.path.join(d, f))
t.ok(len(secret) > 20 and not [s for s in secret if s in everything],
     "no phone, identity number, e-mail or credit code of the records is in "
     "the index (%d values)" % len(secret))

# The audit reads the index like any other output.
name = None
for line in read(os.path.join(content, "cases", "2024",
                              "CL-2024-007.md")).splitlines():
    if line.strip().startswith("name:"):
        name = line.split(":", 1)[1].strip()
        break
for rel, what in (("search/d/%d.js" % (n // 2), "a case's text"),
                  ("search/s/0.js", "a shard"), ("search/meta.js", "the facets")):
    d = os.path.join(tmpdir(), "site")
    shutil.copytree(site, d)
    p = os.path.join(d, rel)
    text = read(p)
    i = text.rindex('"')
    write(p, text[:i] + "，13900002008" + name + text[i:])
    r = run("audit", "-C", content, d)
    errors = [l for l in r.stderr.splitlines() if ": error: " in l]
    t.ok(r.returncode == 1 and errors and all(l.startswith(p) for l in errors),
         "the audit finds a phone number and a name planted in %s" % what,
         r.stderr)
a = run("audit", "-C", content, site)
t.ok(a.returncode == 0, "the index as built passes the audit", a.stderr)

# Byte-reproducible.
again = os.path.join(work, "again")
r = build(content, again, "--full")
same = all(read(os.path.join(site, "search", x)) ==
           read(os.path.join(again, "search", x))
           for x in ["meta.js", "search.js"] +
           ["s/%d.js" % k for k in range(ix.meta["shards"])] +
           ["d/%d.js" % k for k in range(n)])
t.ok(r.returncode == 0 and same, "a second build writes the same index")

t.done()
