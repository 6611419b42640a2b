"""A reader of the search index that disclose writes under search/, written
from its description (generator/search.c), not from its code: it cuts
text into keys, finds a key's shard, decodes the lists of cases, and
answers a query as search/search.js does, counting the bytes a browser
would fetch for it.  Used by tests/search.test.py and by the bench.

As a program: searchindex.py SITE QUERY... prints the index's size and,
for each query, its results and the bytes fetched.
"""
import json
import os
import sys
import unicodedata

WIDE = 0x2E80
WORD_MAX = 24
PAGE = 10


def fold(s):
    return unicodedata.normalize("NFKC", s).casefold()


def isword(ch):
    return unicodedata.category(ch)[0] in "LMN"


def units(text):
    """The units of folded text, in runs: [[(unit, wide), ...], ...]."""
    runs, run, word = [], [], ""
    for ch in fold(text) + " ":
        if isword(ch) and ord(ch) < WIDE:
            word += ch
            continue
        if word:
            run.append((word, False))
            word = ""
        if isword(ch):
            run.append((ch, True))
        elif run:
            runs.append(run)
            run = []
    return runs


def wordkey(w):
    w = w[:WORD_MAX]
    digits = 0
    for c in w:
        digits = digits + 1 if "0" <= c <= "9" else 0
        if digits >= 7:
            return None
    return w


def text_keys(text):
    """Every key the build makes of a text."""
    out = set()
    for run in units(text):
        prev = None
        for u, wide in run:
            if not wide:
                k = wordkey(u)
                if k:
                    out.add(k)
                prev = None
                continue
            out.add(u)
            if prev is not None:
                out.add(prev + u)
            prev = u
    return out


def query_keys(q):
    """The keys of a query (bigrams where two wide characters meet) and
    the strings it highlights."""
    keys, terms = [], []
    for run in units(q):
        wide = []

        def endwide():
            if len(wide) == 1:
                keys.append(wide[0])
            # The pairs that cover the run, the last one overlapping.
            keys.extend(wide[i] + wide[i + 1]
                        for i in range(0, len(wide) - 1, 2))
            if len(wide) > 2 and len(wide) % 2 == 1:
                keys.append(wide[-2] + wide[-1])
            if wide:
                terms.append("".join(wide))
            wide.clear()
        for u, w in run:
            if w:
                wide.append(u)
                continue
            endwide()
            k = wordkey(u)
            if k:
                keys.append(k)
            terms.append(u)
        endwide()
    seen = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    return seen, terms


def fnv(s):
    h = 2166136261
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def name(key, digits):
    """A key's name in its shard: a second hash, in ten digits."""
    h = 0x9E3779B9
    for b in reversed(key.encode("utf-8")):
        h ^= b
        h = (h * 16777619) & 0xFFFFFFFF
    out = ""
    for _ in range(10):
        out += digits[h % 11]
        h //= 11
    return out


def call(path):
    """The arguments of the one call a file of the index makes."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, _, rest = text.partition("(")
    assert head.startswith("disclose_search."), path
    rest = rest.rstrip()
    assert rest.endswith(");"), path
    return head[len("disclose_search."):], json.loads("[" + rest[:-2] + "]")


class Index:
    def __init__(self, site):
        self.site = site
        self.dir = os.path.join(site, "search")
        kind, (self.meta,) = call(os.path.join(self.dir, "meta.js"))
        assert kind == "meta"
        self.digits = self.meta["digits"]
        self.more = self.meta["more"]
        self.shards = {}

    def numbers(self, s):
        out, v, mul = [], 0, 1
        for c in s:
            d = self.more.find(c)
            if d >= 0:
                v += d * mul
                mul *= 11
                continue
            d = self.digits.find(c)
            assert d >= 0, "a character of no digit: %r" % c
            out.append(v + d * mul)
            v, mul = 0, 1
        return out

    def shard_of(self, key):
        return fnv(key) % self.meta["shards"]

    def shard(self, k):
        """{name: (cases ascending, set of title hits)} of shard k."""
        if k not in self.shards:
            kind, (num, text) = call(os.path.join(self.dir, "s", "%d.js" % k))
            assert kind == "shard" and num == k
            keys = {}
            for line in text.split("\n"):
                if not line:
                    continue
                parts = line.split(" ")
                docs, prev = [], -1
                for v in self.numbers(parts[1]):
                    prev = v if prev < 0 else prev + v + 1
                    docs.append(prev)
                title, last = set(), 0
                for v in self.numbers(parts[2]) if len(parts) > 2 else []:
                    title.add(docs[v + last])
                    last = v + last + 1
                keys[parts[0]] = (docs, title)
            self.shards[k] = keys
        return self.shards[k]

    def name(self, key):
        return name(key, self.digits)

    def postings(self, key):
        return self.shard(self.shard_of(key)).get(self.name(key), ([], set()))

    def term(self, n, t):
        """Term + 1 of taxonomy t of case n (0: none)."""
        digits = self.digits + self.more
        w = self.meta["width"]
        code = sum(digits.index(c) * 22 ** i
                   for i, c in enumerate(self.meta["table"][n * w:(n + 1) * w]))
        for x in self.meta["terms"][:t]:
            code //= len(x["values"]) + 1
        return code % (len(self.meta["terms"][t]["values"]) + 1)

    def doc(self, n):
        kind, (num, d) = call(os.path.join(self.dir, "d", "%d.js" % n))
        assert kind == "doc" and num == n
        return d

    def search(self, q, filters=None):
        """The cases a query finds, in order, and the files fetched to
        show its first page of results (paths under the site)."""
        filters = filters or {}
        keys, _ = query_keys(q)
        fetched = ["search/search.js", "search/meta.js"]
        cands, titled = None, None
        for k in keys:
            fetched.append("search/s/%d.js" % self.shard_of(k))
            docs, title = self.postings(k)
            cands = docs if cands is None else sorted(set(cands) & set(docs))
            titled = title if titled is None else titled & title
        if cands is None:
            cands, titled = list(range(self.meta["cases"])), set()
        want = []
        for t in self.meta["terms"]:
            vals = [v["value"] for v in t["values"]]
            f = filters.get(t["name"], "")
            want.append(vals.index(f) + 1 if f in vals else 0)
        hits = [n for n in cands if all(w == 0 or self.term(n, j) == w
                                        for j, w in enumerate(want))]
        hits.sort(key=lambda n: (n not in titled, -n))
        fetched += ["search/d/%d.js" % n for n in hits[:PAGE]]
        fetched = list(dict.fromkeys(fetched))
        return hits, fetched

    def size(self, files):
        return sum(os.path.getsize(os.path.join(self.site, f)) for f in files)

    def index_bytes(self):
        total = 0
        for d, _, files in os.walk(self.dir):
            total += sum(os.path.getsize(os.path.join(d, f)) for f in files)
        return total


def main(argv):
    if len(argv) >= 2 and argv[1] == "--bench":
        # One line for the bench: cases, index bytes, then per query
        # its results and the bytes fetched for its first page.
        ix = Index(argv[2])
        out = [str(ix.meta["cases"]), str(ix.index_bytes())]
        for q in argv[3:]:
            hits, fetched = ix.search(q)
            out += [str(len(hits)), str(ix.size(fetched))]
        print(" ".join(out))
        return
    if len(argv) < 2:
        sys.exit("usage: searchindex.py [--bench] SITE QUERY...")
    ix = Index(argv[1])
    print("index: %d cases, %d shards, %d bytes in search/"
          % (ix.meta["cases"], ix.meta["shards"], ix.index_bytes()))
    for q in argv[2:]:
        hits, fetched = ix.search(q)
        print("query %s: %d cases, %d files fetched, %d bytes"
              % (q, len(hits), len(fetched), ix.size(fetched)))


if __name__ == "__main__":
    main(sys.argv)
