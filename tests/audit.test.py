"""The audit catches a leak planted by hand into a built site, one test per
encoding a reader could decode; it raises no false alarm for a short value
in another case; a leak that reaches the staging directory fails the build
and leaves the published site as it was; the redaction report is private.
"""
import bz2
import csv
import io
import json
import os
import re
import shutil
import stat
import sys
import time
import unicodedata

from testlib import TAP, build, copy_content, read, run, tmpdir, tree, write

t = TAP()
work = tmpdir()
content = copy_content(os.path.join(work, "content"))
site = os.path.join(work, "site")
r = build(content, site)
t.ok(r.returncode == 0, "the sample portal builds", r.stderr)
a = run("audit", "-C", content, site)
t.ok(a.returncode == 0, "the sample portal passes the audit", a.stderr)


def record(cid):
    """The front matter values of a sample record we plant from."""
    year = cid.split("-")[1]
    text = read(os.path.join(content, "cases", year, cid + ".md"))
    vals = {}
    for line in text.split("---")[1].splitlines():
        line = line.strip()
        if line.startswith("name:") and "name" not in vals:
            vals["name"] = line.split(":", 1)[1].strip()
        if line.startswith("phone:") and "phone" not in vals:
            vals["phone"] = line.split(":", 1)[1].strip().strip('"')
        if line.startswith("id_number:") and "id" not in vals:
            vals["id"] = line.split(":", 1)[1].strip().strip('"')
    return vals


CASE = "CL-2024-007"
OTHER = "CL-2024-001"
v = record(CASE)
NAME, PHONE, IDNO = v["name"], v["phone"], v["id"]
t.ok(len(NAME) == 3 and len(PHONE) == 11 and len(IDNO) == 18,
     "the planted values are a name, a phone and an identity number")
PAGE = "cases/%s/index.html" % CASE
ANCHOR = "<footer class=\"cite\">"


def planted(rel, old, new, expect, name, built=None):
    """Copy the site (or built, a pair of content and site), replace old
    by new in rel, audit; expect a finding (or none) whose message names
    the file and not the value."""
    src, site_ = built if built else (content, site)
    d = os.path.join(tmpdir(), "site")
    shutil.copytree(site_, d)
    p = os.path.join(d, rel)
    text = read(p)
    if not t.ok(old in text, "%s: the anchor exists in %s" % (name, rel)):
        return
    write(p, text.replace(old, new, 1))
    r = run("audit", "-C", src, d)
    errors = [l for l in r.stderr.splitlines() if ": error: " in l]
    # The lines the planted text spans: each finding is told there.
    first = text[:text.index(old)].count("\n") + 1
    last = first + new.count("\n")
    if expect:
        t.ok(r.returncode == 1 and errors, "%s: found" % name,
             r.stdout + r.stderr)
        lines = [int(m.group(1)) for m in
                 (re.match(re.escape(p) + r":(\d+):\d+: ", l)
                  for l in errors) if m]
        t.ok(lines and len(lines) == len(errors) and
             all(first <= n <= last for n in lines),
             "%s: the finding gives the line of the planted text "
             "(%d to %d)" % (name, first, last), "\n".join(errors))
        t.ok(errors and all(l.startswith(p) for l in errors) and
             not any(x in "\n".join(errors) for x in (NAME, PHONE, IDNO)),
             "%s: the finding names the file, not the value" % name,
             "\n".join(errors))
        t.ok(expect in "\n".join(errors), "%s: the finding names %s" %
             (name, expect), "\n".join(errors))
    else:
        t.ok(r.returncode == 0 and not errors, "%s: no false alarm" % name,
             r.stderr)


def ncr(s, hexa=False):
    return "".join(("&#x%x;" if hexa else "&#%d;") % ord(c) for c in s)


def pct(s):
    return "".join("%%%02X" % b for b in s.encode())


def gbk(s):
    return "".join("%%%02X" % b for b in s.encode("gb18030"))


def jsonu(s):
    return "".join("\\u%04x" % ord(c) for c in s)


def fullwidth(s):
    return "".join(chr(ord(c) + 0xfee0) for c in s)


P = "<p>%s</p>" + ANCHOR
planted(PAGE, ANCHOR, P % NAME, "subject.name", "plain text")
planted(PAGE, ANCHOR, P % ncr(NAME), "subject.name",
        "decimal character references")
planted(PAGE, ANCHOR, P % ncr(NAME, True), "subject.name",
        "hexadecimal character references")
planted(PAGE, ANCHOR, P % ncr(NAME).replace("&", "&amp;"), "subject.name",
        "double-escaped references")
planted(PAGE, ANCHOR, P % (NAME[0] + "<b>" + NAME[1] + "</b>" + NAME[2]),
        "subject.name", "markup between characters")
planted(PAGE, ANCHOR, P % (NAME[0] + " \u200b" + NAME[1] + "\n" + NAME[2]),
        "subject.name", "whitespace and zero-width space between characters")
for sep in ("＊", "*", "～", "~", "｜", "+"):
    planted(PAGE, ANCHOR, P % sep.join(NAME), "subject.name",
            "a name split by %s" % sep)
# Any one mark, the same between each two characters; and a name of
# another case so written.
for sep in ("=", "#", "^", "ー", "，", "&amp;", "\"", "%"):
    planted(PAGE, ANCHOR, P % sep.join(NAME), "subject.name",
            "a name with %s between each two characters" % sep)
planted("cases/%s/index.html" % OTHER, ANCHOR, P % "#".join(NAME),
        "subject.name", "another case's name with # between each two "
        "characters")
# One blot, a symbol or a mark that ends no clause, between two of its
# characters: a reader reads the name through it.
for sep in ("#", "=", "@", "&amp;", "$", "■", "★", "※", "ˉ", "×", "＃"):
    planted(PAGE, ANCHOR, P % (NAME[0] + sep + NAME[1:]), "subject.name",
            "a name with one %s after its surname" % sep)
planted(PAGE, ANCHOR, P % (NAME[:-1] + "●" + NAME[-1]), "subject.name",
        "a name with one ● before its last character")
for sep in ("##", "-#", "■_"):
    planted(PAGE, ANCHOR, P % (NAME[0] + sep + NAME[1:]), "subject.name",
            "a name with %s after its surname" % sep)
planted("cases/%s/index.html" % OTHER, ANCHOR, P % (NAME[0] + "^" +
        NAME[1:]), "subject.name", "another case's name with one ^ after "
        "its surname")
# A Chinese character drawn as a stroke or a dot, between characters.
for sep in ("丨", "丶"):
    planted(PAGE, ANCHOR, P % (NAME[0] + sep + NAME[1:]), "subject.name",
            "a name with one %s after its surname" % sep)
    planted(PAGE, ANCHOR, P % sep.join(NAME), "subject.name",
            "a name with %s between each two characters" % sep)
planted(PAGE, ANCHOR, P % "新闻丨标题丨副标题", None,
        "丨 between words that are no name")
# A given name after its surname and an office: one person.
for text in (NAME[0] + "副局长" + NAME[1:], NAME[0] + "主任" + NAME[1:] + "签字",
             NAME[0] + "常务副县长" + NAME[1:]):
    planted(PAGE, ANCHOR, P % text, "subject.name",
            "a given name after its surname and an office (%s)" % text)
planted("cases/%s/index.html" % OTHER, ANCHOR, P % (NAME[0] + "局长" +
        NAME[1:]), "subject.name", "another case's given name after its "
        "surname and an office")
surname2 = "刘" if NAME[0] != "刘" else "陈"
planted(PAGE, ANCHOR, P % ("经%s局长%s批准" % (surname2, NAME[1:])), None,
        "a given name after another surname and an office")
# Brackets or quotes around a part of a name.
for text in (NAME[0] + "（" + NAME[1] + "）" + NAME[2:],
             "".join("「%s」" % c for c in NAME),
             NAME[0] + "【" + NAME[1:] + "】"):
    planted(PAGE, ANCHOR, P % text, "subject.name",
            "a name with a part in brackets (%s)" % text)
planted(PAGE, ANCHOR, P % "他说（是）对的，市（县）区两级", None,
        "a character in brackets that is no name's")
# One mark that ends a clause between two characters may part two words.
planted(PAGE, ANCHOR, P % "甲、乙、丙三类；上#下", None,
        "single characters of a list")
planted(PAGE, "href=\"../../index.html\"",
        "href=\"../../index.html?q=%s\"" % pct(NAME), "subject.name",
        "percent-encoding in a URL")
planted(PAGE, "<code>", "<code title=\"%s\">" % NAME, "subject.name",
        "an attribute value")
# Many Chinese sites percent-encode their addresses in GBK: the name
# so, in capitals or not, of this case and of another, is read too.
for text, who, how in (
        ('<a href="../../list.asp?xm=%s">x</a>' % gbk(NAME), "subject.name",
         "GBK percent-encoding in a URL"),
        ('<a href="q.asp?lx=2&amp;xm=%s&amp;y=1">x</a>' % gbk(NAME).lower(),
         "subject.name", "GBK percent-encoding in lower case"),
        ("<p>%s</p>" % gbk(record(OTHER)["name"]), "subject.name",
         "another case's person in GBK percent-encoding")):
    planted(PAGE, ANCHOR, text + ANCHOR, who, how)
planted(PAGE, ANCHOR, P % "q.asp?x=%E7%8E%8B%41%CD", None,
        "percent-encoding that is neither UTF-8 nor GBK: no false alarm")
planted(PAGE, ANCHOR, "<!-- %s -->" % NAME + ANCHOR, "subject.name",
        "an HTML comment")
planted(PAGE, ANCHOR, P % (NAME[0] + "&shy;" + NAME[1] + "&zwj;" + NAME[2]),
        "subject.name", "named references of invisible characters")
planted(PAGE, ANCHOR, P % (NAME[0] + "&ZeroWidthSpace;" + NAME[1:]),
        "subject.name", "an HTML 5 named reference of an invisible "
        "character")
planted(PAGE, ANCHOR, P % (NAME[0] + "&NegativeThinSpace;" + NAME[1] +
                           "&InvisibleTimes;" + NAME[2]), "subject.name",
        "HTML 5 named references of invisible characters")
# Every name of HTML 5, and the names a browser reads without their
# semicolon.
planted(PAGE, ANCHOR, P % "wang&commat;example&period;org", "e-mail address",
        "an e-mail address with @ and . as HTML 5 references")
for text in ("邮箱wang.q{at}example{dot}org", "邮箱 wang.q[at]163[.]com",
             "邮箱：wang.q at 163.com"):
    planted(PAGE, ANCHOR, P % text, "e-mail address",
            "an e-mail address written out (%s)" % text)
# Letters written for digits among digits (O for 0, l for 1).
lk = PHONE.replace("0", "O")
planted(PAGE, ANCHOR, P % ("手机" + lk), "mobile number",
        "the subject's phone with O for 0 (%s)" % lk)
planted(PAGE, ANCHOR, P % "联系人手机l39 OO55 8821", "mobile number",
        "a mobile with l for 1 and O for 0 in groups")
planted(PAGE, ANCHOR, P % "&nbsp".join((PHONE[:3], PHONE[3:7], PHONE[7:])),
        "subject.phone", "a phone with &nbsp without semicolons")
planted(PAGE, ANCHOR, P % (NAME[0] + "&middot" + NAME[1:]), "subject.name",
        "a name with &middot without a semicolon")
planted(PAGE, ANCHOR, P % (NAME[0] + "&hyphen;" + NAME[1:]), "subject.name",
        "a name split by &hyphen;")
# Values parted only by raw HTML, which the page omits as a comment: a
# reader sees them run together, but the comment may stand where the
# writer put a <br>, so each is found.
OMIT = "<!-- raw HTML omitted -->"
for text, expect, what in (
        (OMIT.join(("手机13877001122", "13977001133")), "mobile number",
         "two mobiles"),
        (OMIT.join(("值班电话0571-66240301", "0571-66240302",
                    "0571-66240303")), "landline number",
         "three landlines"),
        (OMIT.join(("电话" + PHONE, "0571-66240305")), "subject.phone",
         "the subject's phone before a landline"),
        (OMIT.join(("邮箱wang.q@163.com", "li.s@qq.com")),
         "e-mail address", "two e-mail addresses"),
        (OMIT.join(("身份证号" + IDNO, "990102198605123016")),
         "subject.id_number", "the subject's identity number before "
         "another")):
    planted(PAGE, ANCHOR, P % text, expect,
            "%s parted by an omitted tag only" % what)
# Words parted by an omitted tag hold nothing the audit would find apart.
planted(PAGE, ANCHOR, P % OMIT.join(("共12个栏目", "2024年3月")), None,
        "a count and a date parted by an omitted tag")
# Groups parted by a character of Chinese or Japanese text drawn as a
# mark, the same one between each two groups.
for sep in ("丶", "丨", "ー", "ｰ", "ˉ", "ˇ", "ˋ"):
    planted(PAGE, ANCHOR, P % sep.join(("联系人手机139", "0055", "8821")),
            "mobile number", "a mobile's groups parted by %s" % sep)
for sep in ("丶", "丨", "ー", "ˉ"):
    planted(PAGE, ANCHOR, P % ("办公室电话0571%s86631207" % sep),
            "landline number", "a landline, one %s between its area code "
            "and its local number" % sep)
# The local number in groups after the mark; the area code in brackets
# before it, also as an item of a list.
for text in ("服务站020丨8663 1208", "街道办0571丶8663-1209",
             "物业(0571)丶86631210", "水站13877001177，（0571）ー86631211"):
    planted(PAGE, ANCHOR, P % text, "landline number", "a landline, one "
            "drawn mark after its area code (%s)" % text)
planted(PAGE, ANCHOR, P % "共0571丶8888户，第1571丶66312070号", None,
        "a count and a number parted by one character")
planted(PAGE, ANCHOR, P % "共020丨8888 66户，(2024)丶12345678", None,
        "a count after an area code's shape and a year in brackets")
planted(PAGE, ANCHOR, P % "ˉ".join(("身份证号" + IDNO[:6], IDNO[6:14],
                                    IDNO[14:])),
        "subject.id_number", "the subject's identity number parted by ˉ")
planted(PAGE, ANCHOR, P % "第1组2组3组，1380次0013次8000次", None,
        "counts parted by one word")
# Numbers in circles that number a list's items, right before its
# numbers (they fold to digits).
planted(PAGE, ANCHOR, P % "联络员①13877001144②13977001155③13677001166",
        "mobile number", "mobiles after circled item numbers")
planted(PAGE, ANCHOR, P % ("⑪" + PHONE), "subject.phone",
        "the subject's phone after ⑪")
planted(PAGE, ANCHOR, P % "名单共列①至⑪号联络员", None,
        "circled item numbers in text")
# Numeric references as a browser reads them: any number of zeros first,
# 128 to 159 as Windows-1252's characters.
planted(PAGE, ANCHOR, P % (PHONE[:-1] + "&#%011d;" % ord(PHONE[-1])),
        "subject.phone", "a phone ending in a reference with leading zeros")
planted(PAGE, ANCHOR, P % (NAME[0] + "&#150;" + NAME[1:]), "subject.name",
        "a name split by &#150; (an en dash in Windows-1252)")
# A name no browser knows is shown as written: what it holds is read,
# and of letters only, it stands between a value's characters as a mark.
planted(PAGE, ANCHOR, P % (NAME[0] + "&x;" + NAME[1:]), "subject.name",
        "a name split by an unknown named reference")
planted(PAGE, ANCHOR, P % (PHONE[:3] + "&shy" + PHONE[3:] + "a" * 40),
        "subject.phone", "a phone split by &shy without a semicolon, before "
        "a long word")
planted(PAGE, ANCHOR, P % ("电话&x%s;" % PHONE), "subject.phone",
        "a phone inside an unknown named reference")
planted(PAGE, ANCHOR, P % ("&%s;" % "".join("abcdefghij"[int(c)]
                                            for c in PHONE) + PHONE),
        "subject.phone", "a phone after an unknown named reference")
planted(PAGE, ANCHOR, P % (NAME[0] + "&CenterDot;" + NAME[1:]),
        "subject.name", "an interpunct by an HTML 5 name")
planted(PAGE, ANCHOR, P % "&thinsp;".join((PHONE[:3], PHONE[3:7], PHONE[7:])),
        "subject.phone", "a phone with named references of spaces")
planted(PAGE, ANCHOR, P % "AT&amp;T 2023&rarr;2024 &copy; &frac12;", None,
        "named references between numbers")
planted(PAGE, ANCHOR, P % PHONE, "subject.phone", "a withheld phone")
planted(PAGE, ANCHOR, P % fullwidth(PHONE), "subject.phone",
        "full-width digits")
planted(PAGE, ANCHOR, P % (PHONE[:4] + fullwidth(PHONE[4:8]) + PHONE[8:]),
        "subject.phone", "ASCII and full-width digits in one number")
planted(PAGE, ANCHOR, P % (PHONE[:6] + "".join(chr(0x660 + int(c))
                                               for c in PHONE[6:])),
        "subject.phone", "ASCII and Arabic-Indic digits in one number")
planted(PAGE, ANCHOR, P % (NAME[0] + "\u00ad" + NAME[1] + "\U000e0100" +
                           NAME[2]), "subject.name",
        "a soft hyphen and a variation selector between characters")
planted(PAGE, ANCHOR, P % ("ab" + NAME + "\uff21"), "subject.name",
        "a name between ASCII and a full-width letter")
planted(PAGE, ANCHOR, P % "-".join((PHONE[:3], PHONE[3:7], PHONE[7:])),
        "mobile number", "a phone with dashes")
planted(PAGE, ANCHOR, P % " ".join((IDNO[:6], IDNO[6:14], IDNO[14:])),
        "subject.id_number", "an identity number with spaces")
planted(PAGE, ANCHOR, P % "13912345678", "mobile number",
        "a phone of no record (detector)")
planted(PAGE, ANCHOR, P % "11010519491231002x", "identity number",
        "an identity number of no record (detector)")
planted(PAGE, ANCHOR, P % "someone@example.org", "e-mail address",
        "an e-mail address (detector)")
planted(PAGE, ANCHOR, P % "4111 1111 1111 1111", "bank card number",
        "a bank card (detector)")
planted(PAGE, ANCHOR, P % "91350100M000100Y43", "social credit code",
        "a social credit code (detector)")
planted(PAGE, ANCHOR, P % "0571-87654321", "landline number",
        "a landline (detector)")


def credit_codes(cid):
    """The credit codes a sample record gives its third parties."""
    year = cid.split("-")[1]
    text = read(os.path.join(content, "cases", year, cid + ".md"))
    return re.findall(r'credit_code:\s*"?([0-9A-Z]{18})', text)


# The organization's code inside a withheld credit code (its characters
# 9 to 17) names the organization too: found in another case's page, in
# the forms a reader writes it, whether the code has letters or not.
for cid in ("CL-2023-002", "CL-2022-001"):
    for cc in credit_codes(cid):
        org = cc[8:16] + "-" + cc[16]
        planted(PAGE, ANCHOR, P % ("组织机构代码" + org), "credit_code",
                "the organization code %s of %s's credit code" % (org, cid))
        planted(PAGE, ANCHOR, P % fullwidth(cc[8:17]), "credit_code",
                "the organization code of %s in full-width digits" % cid)

# The portal's dates side by side (a card's date and its correction's,
# with a word of the theme or nothing but a space between) hold no
# withheld number, though their digits read as one run: a credit code
# whose organization code is 14202412-0 against 2024-06-14 and
# 2024-12-06.  The same code written out is still found.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "adversarial"))
import checksums  # noqa: E402

dcontent = copy_content(os.path.join(work, "dates", "content"))
drec = os.path.join(dcontent, "cases", "2023", "CL-2023-002.md")
dcode = "91990821142024120"
dcode += checksums.uscc_check(dcode)
dtext = read(drec)
old = credit_codes("CL-2023-002")[0]
t.ok(old in dtext, "CL-2023-002 has a credit code to replace")
write(drec, dtext.replace(old, dcode, 1))
dsite = os.path.join(work, "dates", "site")
r = build(dcontent, dsite)
t.ok(r.returncode == 0, "a portal whose credit code holds 142024120 builds",
     r.stderr)
DPAGE = "cases/CL-2023-002/index.html"
for text in ("2024-06-14 已更正 2024-12-06", "2024-06-14 2024-12-06",
             "截至2024-06-14，2024-12-06"):
    planted(DPAGE, ANCHOR, P % text, None, "dates side by side (%s)" % text,
            built=(dcontent, dsite))
for text in ("组织机构代码14202412-0", "代码 1420 2412 0 号"):
    planted(DPAGE, ANCHOR, P % text, "credit_code",
            "the organization code among no dates (%s)" % text,
            built=(dcontent, dsite))

# A protected name written in Latin letters (Hanyu Pinyin), as an English
# letter or a passport writes it: found on its own case's page and on
# another's, in either order, in capitals, with a hyphen; not inside a
# longer word.  The readings are Unihan's kMandarin, read here apart
# from the generator.
def unihan_mandarin(chars):
    """{character: its first kMandarin reading without tone marks}."""
    out = {}
    with bz2.open("/usr/share/unicode/Unihan_Readings.txt.bz2", "rt",
                  encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kMandarin":
                c = chr(int(parts[0][2:], 16))
                if c in chars:
                    r = unicodedata.normalize("NFD", parts[2].split()[0])
                    out[c] = "".join(x for x in r
                                     if unicodedata.category(x) != "Mn")
    return out


def pinyin(name):
    """(surname, given syllables) of a name of three characters or two."""
    py = unihan_mandarin(set(name))
    return py[name[0]], [py[c] for c in name[1:]]


for who, cid, field in ((NAME, CASE, "subject.name"),
                        (record(OTHER)["name"], OTHER, "subject.name")):
    sur, given = pinyin(who)
    cap = lambda x: x[:1].upper() + x[1:]  # noqa: E731
    g = "".join(given)
    for form in ("%s %s" % (cap(sur), cap(g)),
                 "%s %s" % (g.upper(), sur.upper()),
                 "%s %s" % (cap(sur), "-".join(cap(x) if i == 0 else x
                                               for i, x in enumerate(given))),
                 "Mr %s %s," % (cap(g), cap(sur)),
                 # As an index, a reply and a ticket part them.
                 "%s, %s" % (cap(sur), cap(g)),
                 "%s，%s" % (g.upper(), sur.upper()),
                 "%s / %s" % (sur.upper(), g.upper())):
        for page in (PAGE, "cases/%s/index.html" % OTHER):
            planted(page, ANCHOR, P % ("Letter to %s (copy)" % form), field,
                    "%s's name in Latin letters (%s) on %s" % (cid, form,
                                                               page))
    # Chinese sets a Latin word between Han characters without spaces;
    # there, and beside kana or Hangul, it is a word of its own too, and
    # so between underscores (a file's name).
    for form, page in (("记者%s %s报道" % (cap(sur), cap(g)), PAGE),
                       ("由%s %s签收" % (g.upper(), sur.upper()),
                        "cases/%s/index.html" % OTHER),
                       ("%s %sさんへ" % (cap(g), cap(sur)), PAGE),
                       ("%s %s씨" % (sur, g), PAGE),
                       ("附件%s_%s_cv.pdf" % (sur, g), PAGE)):
        planted(page, ANCHOR, P % form, field,
                "%s's name in Latin letters as a word of its own (%s) "
                "on %s" % (cid, form, page))
    # Half in Chinese characters: the surname or the given name.
    for form, page in (("%s%s" % (who[0], cap(g)), PAGE),
                       ("%s %s" % (who[0], g.upper()),
                        "cases/%s/index.html" % OTHER),
                       ("%s%s" % (cap(sur), who[1:]), PAGE)):
        planted(page, ANCHOR, P % ("经办人%s签收" % form), field,
                "%s's name half in Latin letters (%s) on %s" % (cid, form,
                                                                page))
    planted(PAGE, ANCHOR, P % ("经办人%s%ssky签收" % (who[0], cap(g))), None,
            "%s's surname before a longer word of letters" % cid)
    # Inside a longer word of letters or digits it is no name.
    for form in ("%s%s%s" % (cap(sur), g, "sky"), "X%s %s" % (sur, g),
                 "%s %s2" % (cap(sur), g), "报道%s%s%s" % (cap(sur), g, "sky"),
                 "%s, %s%s" % (cap(sur), g, "sky"),
                 "记者X%s %s报道" % (sur, g)):
        planted(PAGE, ANCHOR, P % ("Letter to %s (copy)" % form), None,
                "%s's name in Latin letters inside a word (%s)" % (cid, form))

# A person whose name in Latin letters is a word the portal writes of its
# own (the slug of a unit: 澄岚县教育局 is units/jiaoyu/) is no leak there.
scontent = copy_content(os.path.join(work, "slug", "content"))
srec = os.path.join(scontent, "cases", "2024", CASE + ".md")
write(srec, read(srec).replace(NAME, "焦雨"))
t.ok("slug: jiaoyu" in read(os.path.join(scontent, "site.yaml")),
     "site.yaml has a unit whose slug is jiaoyu")
ssite = os.path.join(work, "slug", "site")
r = build(scontent, ssite)
t.ok(r.returncode == 0, "a person named 焦雨 (jiaoyu) builds with the unit "
     "whose slug is jiaoyu", r.stderr)
a = run("audit", "-C", scontent, ssite)
t.ok(a.returncode == 0 and os.path.isdir(os.path.join(ssite, "units",
                                                      "jiaoyu")),
     "…and its audit passes, units/jiaoyu/ published", a.stderr)

# A withheld address as a reader reads its numbers, planted into its own
# case's page: in Chinese numerals, counted or digit by digit, or with
# dashes or slashes for its units.  The sample address gets a building,
# unit and flat for the purpose.
CN = "〇一二三四五六七八九"
UNITS = "号栋单元室"


def counting(n):
    """n (below 10,000) in Chinese counting numerals: 302 三百零二."""
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        d = n // value % 10
        if d:
            out += ("零" if zero else "") + ("" if unit == "十" and d == 1
                                            and not out else CN[d]) + unit
            zero = False
        elif out:
            zero = True
    if n % 10:
        out += ("零" if zero else "") + CN[n % 10]
    return out or CN[0]


ACASE = "CL-2023-005"
acontent = copy_content(os.path.join(work, "addr", "content"))
arec = os.path.join(acontent, "cases", "2023", ACASE + ".md")
atext = read(arec)
m = re.search(r"address: *(\S*\d+号)\n", atext)
t.ok(m is not None, "%s withholds an address with a number" % ACASE)
ADDR = m.group(1) + "5栋2单元302室"
write(arec, atext.replace(m.group(0), "address: %s\n" % ADDR, 1))
asite = os.path.join(work, "addr", "site")
r = build(acontent, asite)
t.ok(r.returncode == 0, "the portal with a flat's address builds", r.stderr)
street = ADDR[ADDR.index("镇") + 1:]
nums = [int(n) for n in re.findall(r"\d+", street)]
APAGE = "cases/%s/index.html" % ACASE
for how, form in (
        ("counted", re.sub(r"\d+", lambda x: counting(int(x.group(0))),
                           street)),
        ("digit by digit", re.sub(r"\d+", lambda x: "".join(
            CN[int(c)] for c in x.group(0)), street)),
        ("with dashes for its units", "—".join(str(n) for n in nums)),
        ("with slashes, its last three numbers",
         "/".join(str(n) for n in nums[-3:])),
        ("counted, its last three numbers with units", "".join(
            counting(n) + u for n, u in zip(nums[-3:], ("栋", "单元", "室"))))):
    planted(APAGE, ANCHOR, P % ("当事人住" + form), "address",
            "a withheld address %s (%s)" % (how, form), (acontent, asite))
for text in ("该小区共有%d栋楼" % nums[1], "面积%d平方米" % nums[-1],
             "分%s个批次" % counting(nums[2])):
    planted(APAGE, ANCHOR, P % text, None,
            "a number of the address alone (%s)" % text, (acontent, asite))

# The last part of a withheld address with its number, of four
# characters or more (a village's group of 澄岚县青石镇桃坪村五组, a
# third party's of CL-2022-001), in numerals or digits; the village alone
# is no part of it.
for text in ("第三方在桃坪村五组", "第三方在桃坪村5组", "位于坪村五组"):
    planted("cases/CL-2022-001/index.html", ANCHOR, P % text, "address",
            "the last part of a withheld address with its number (%s)" % text)
planted("cases/CL-2022-001/index.html", ANCHOR, P % "途经桃坪村时", None,
        "the village of a withheld address without its group")

# The text officers write, planted as it would leak: every class of
# spelling redaction reads through, the audit reads through too.
P3 = "%s.%s.%s" % (PHONE[:3], PHONE[3:7], PHONE[7:])
planted(PAGE, ANCHOR, P % ("13912345601，" + PHONE), "subject.phone",
        "a withheld phone second in a list")
planted(PAGE, ANCHOR, P % "13912345601，13912345602，13912345603",
        "mobile number", "a list of phones of no record")
for sep in (".", "—", "～", "/", "·", "_"):
    planted(PAGE, ANCHOR, P % sep.join((PHONE[:3], PHONE[3:7], PHONE[7:])),
            "subject.phone", "a withheld phone with %s between its groups"
            % sep)
planted(PAGE, ANCHOR, P % "".join("〇一二三四五六七八九"[int(c)] for c in PHONE),
        "mobile number", "a phone in Chinese numerals")
planted(PAGE, ANCHOR, P % "".join(chr(0x2460 + int(c) - 1) if c != "0"
                                  else "\u24ea" for c in PHONE),
        "subject.phone", "a phone in circled digits")
planted(PAGE, ANCHOR, P % "".join(chr(0x1d7ce + int(c)) for c in PHONE),
        "subject.phone", "a phone in mathematical digits")
planted(PAGE, ANCHOR, P % ".".join((IDNO[:6], IDNO[6:14], IDNO[14:])),
        "subject.id_number", "an identity number with dots")
planted(PAGE, ANCHOR, P % "999904900101303", "identity number",
        "a 15-digit identity number of no record")
planted(PAGE, ANCHOR, P % "9558800012345678903", "bank card number",
        "a 19-digit card from 9")
planted(PAGE, ANCHOR, P % "6228480012345678904", "bank card number",
        "a 19-digit number that fails Luhn (the audit's net is broader)")
planted(PAGE, ANCHOR, P % "3714 496353 98431", "bank card number",
        "a 15-digit card from 37 (American Express)")
planted(PAGE, ANCHOR, P % "3614-890064-7913", "bank card number",
        "a 14-digit card from 36 (Diners Club)")
planted(PAGE, ANCHOR, P % "099986123470", "landline number",
        "a landline without separator")
# A code after the label of an account or of a document that names a
# person; the label with a word after it is none.
for text in ("联系QQ号 481736205。", "微信：lin_xh2019", "微信号 wxid_q7r3t8",
             "护照号G48172635", "港澳通行证为C71829364",
             "车牌号 闽D·3F7K2", "QQ/微信：630918274"):
    planted(PAGE, ANCHOR, P % text, "account or document number",
            "an account's or a document's code after its label (%s)" % text)
for text in ("关注微信公众号获取更新", "QQ群已解散", "护照2本已收回"):
    planted(PAGE, ANCHOR, P % text, None,
            "a label of an account with no code after it (%s)" % text)
planted(PAGE, ANCHOR, P % "someone[at]example.org", "e-mail address",
        "an e-mail address with [at]")
planted(PAGE, ANCHOR, P % "someone @ example.org", "e-mail address",
        "an e-mail address with spaces around @")
planted(PAGE, ANCHOR, P % "92999908 MA5N6P7Q8C", "social credit code",
        "a credit code with a space")
planted(PAGE, ANCHOR, P % (NAME[0] + "\u2005" + NAME[1] + "\u200e" + NAME[2]),
        "subject.name", "a name with U+2005 and U+200E inside")
planted(PAGE, ANCHOR, P % (NAME[0] + "\ufe0f" + NAME[1] + "\U000e0100" +
                           NAME[2]), "subject.name",
        "a name with variation selectors inside")
planted(PAGE, ANCHOR, P % (NAME[0] + "·" + NAME[1:]), "subject.name",
        "a name with an interpunct")
# Any dash, connector, slash or raised dot between two parts of a name
# joins them, as a reader reads 买买提-艾力; elsewhere they separate.
for sep, what in (("-", "a hyphen"), ("\u2014\u2014", "two em dashes"),
                  ("_", "an underscore"), ("／", "a full-width slash"),
                  (" / ", "a slash between spaces"),
                  ("\ua78f", "U+A78F"), ("\u318d", "U+318D"),
                  ("\u02d9", "U+02D9"), ("\u2218", "U+2218")):
    planted(PAGE, ANCHOR, P % (NAME[0] + sep + NAME[1:]), "subject.name",
            "a name split by %s" % what)
# A local number of 7 or 8 digits right after a telephone's label, and
# addresses of mail in Chinese, of no record; not a count after a label,
# nor a number after the name of a document.
for label, num in (("其电话为", "6628 3391"), ("座机号码：", "77410025"),
                   ("他的号码是", "7359-1146")):
    planted(PAGE, ANCHOR, P % (label + num + "。"), "landline number",
            "a local number after %s" % label)
planted(PAGE, ANCHOR, P % "另留电话+86 27 6415 2465。", "landline number",
        "a landline with the country's code and no 0")
# After a withheld item in a telephone's clause, a word that turns to
# another number (；现用…, ，后改为：…): the next item of that list.  Not
# without the label, nor after the end of the sentence.
MARK = re.search(r'<span class="withheld".*?</span></span>'
                 r'(?:<sup class="ref">.*?</sup>)?', read(os.path.join(
                     site, PAGE)), re.S)
if t.ok(MARK, "(test) the page shows a withheld item"):
    MARK = MARK.group(0)
    for turn, num in (("；现用", "7741 2093"), ("，后改为：", "77412094"),
                      ("、备用号码", "7741-2095")):
        planted(PAGE, ANCHOR, P % ("联系电话：" + MARK + turn + num + "。"),
                "landline number", "a local number after a withheld "
                "telephone and %s" % turn)
    planted(PAGE, ANCHOR, P % ("经审查" + MARK + "；现为7741 2096。联系电话："
                               + MARK + "。另有7741 2097"), None,
            "a number after a turn word with no telephone's label, and "
            "one in the next sentence")
planted(PAGE, ANCHOR, P % "全年受理来电7723180件，热线电话7723181次。", None,
        "counts after the words of a telephone")
planted(PAGE, ANCHOR, P % "发票号码77231831，电话：1234567890123。", None,
        "a number after 发票号码, a serial after 电话")
for addr in ("碧波居士@qq.com", "qingbo.li@云岭政务.中国", "wq77@lanxi.中國",
             "秋月春风@163（已注销）"):
    planted(PAGE, ANCHOR, P % ("请发邮件至" + addr), "e-mail address",
            "an address of mail in Chinese (%s)" % addr)
planted(PAGE, ANCHOR, P % "通知已转发@各乡镇。详见@附件一.docx", None,
        "a mention after @ and a file after @")
# Digits of a long withheld number a few characters apart, whatever the
# characters: 158和6723和4019, a birth date written as a date.
planted(PAGE, ANCHOR, P % "和".join((PHONE[:3], PHONE[3:7], PHONE[7:])),
        "subject.phone", "a phone with a Chinese character between groups")
planted(PAGE, ANCHOR, P % "（空）".join((PHONE[:3], PHONE[3:7], PHONE[7:])),
        "subject.phone", "a phone with three characters between groups")
planted(PAGE, ANCHOR, P % ("%s-%s年%s月%s日-%s" % (IDNO[:6], IDNO[6:10],
                                                 IDNO[10:12], IDNO[12:14],
                                                 IDNO[14:])),
        "subject.id_number", "an identity number with its birth date "
        "written as a date")
# An identity number whose check is X, its birth date written as a date.
XCASE = "CL-2023-005"
XID = record(XCASE)["id"]
t.ok(XID[-1] in "Xx" and len(XID) == 18, "%s's number ends in X" % XCASE)
for xid, what in (("%s-%s年%s月%s日-%s" % (XID[:6], XID[6:10], XID[10:12],
                                         XID[12:14], XID[14:]), "upper-case"),
                  ("%s %s.%s.%s %sx" % (XID[:6], XID[6:10], XID[10:12],
                                       XID[12:14], XID[14:17]), "lower-case"),
                  ("%s（%s年）%s" % (XID[:6], XID[6:10], XID[10:17] + "Ｘ"),
                   "full-width"),
                  ("%s-X" % XID[:17], "after a hyphen"),
                  ("%s（X）" % XID[:17], "in brackets"),
                  ("%s-%s年%s月%s日-%s（X）" % (XID[:6], XID[6:10], XID[10:12],
                                            XID[12:14], XID[14:17]),
                   "in brackets, after a date"),
                  ("%s-%s年%s月%s日-%s——（X）" % (XID[:6], XID[6:10],
                                              XID[10:12], XID[12:14],
                                              XID[14:17]),
                   "three characters after, after a date")):
    planted("cases/%s/index.html" % XCASE, ANCHOR, P % xid,
            "subject.id_number", "an identity number ending in X (%s), its "
            "digits apart" % what)
planted(PAGE, ANCHOR, P % "（空空空）".join((PHONE[:3], PHONE[3:7],
                                        PHONE[7:])), None,
        "groups of a phone five characters apart")
planted(PAGE, ANCHOR, P % "張海濤", "subject.name",
        "a name in traditional characters")
planted("cases/CL-2023-007/index.html", ANCHOR, P % "青石镇禾丰路18号",
        ".address", "six characters and more of a withheld address")
planted(PAGE, '<span class="what">', '<span class="what">13912345604</span>'
        '<span class="what">', "mobile number",
        "a procedure step that is only a phone")
# The strings the portal makes are never read as numbers, and what the
# report keeps is accepted exactly; anything else of a number's shape is
# a finding, wherever it stands.
digest = re.search(r'name="disclose:sha256" content="([0-9a-f]{64})"',
                   read(os.path.join(site, "cases/%s/index.html" % OTHER)))
planted("stats/index.html", "</main>", "<p>%s %s</p></main>" %
        (digest.group(1), digest.group(1)[:12]), None,
        "the digests the portal makes, on another page")
planted("stats/index.html", "</main>",
        "<p>0a13912345678b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4</p>"
        "</main>", "mobile number", "a number inside a string the portal "
        "did not make")
planted("stats/index.html", "</main>", "<p>合同编号6228480012345678903</p>"
        "</main>", "bank card number", "a number no record kept on purpose")

# The search index: the text of the case (search/d), the facets
# (search/meta.js) and a shard of keys (search/s): a browser shows the
# first two; a shard is the index's own encoding, read as text all the same.
sdoc = next(os.path.join("search", "d", f) for f in
            sorted(os.listdir(os.path.join(site, "search", "d")))
            if '"id": "%s"' % CASE in
            read(os.path.join(site, "search", "d", f)))
SUM = '"summary": "'
ONAME = record(OTHER)["name"]
for text, expect, what in (
        (NAME, "subject.name", "the name"),
        (jsonu(NAME), "subject.name", "the name as JSON \\u escapes"),
        ("=".join(NAME), "subject.name", "the name, = between each two "
         "characters"),
        ("手机" + PHONE, "subject.phone", "the phone"),
        ("ˉ".join((PHONE[:3], PHONE[3:7], PHONE[7:])), "subject.phone",
         "the phone, its groups parted by ˉ"),
        ("身份证" + IDNO[:9] + jsonu(IDNO[9:]), "subject.id_number",
         "the identity number, half in \\u escapes"),
        ("，".join(ONAME), "subject.name", "another case's subject, a comma "
         "between each two characters")):
    planted(sdoc, SUM, SUM + text + "，", expect,
            "%s in the case's text of the search index" % what)
planted(sdoc, SUM, SUM + "共1380次0013次8000次，", None,
        "counts in the case's text of the search index")
planted("search/meta.js", '"label": "', '"label": "%s ' % PHONE,
        "subject.phone", "a phone in a facet's label of the search index")
shard = os.path.join("search", "s", sorted(
    os.listdir(os.path.join(site, "search", "s")))[0])
planted(shard, "disclose_search.shard(", "disclose_search.shard(/* %s */ "
        % IDNO, "subject.id_number", "an identity number in a shard of "
        "the search index")

# Feeds and open data: in the entry or row of the case.
feed = read(os.path.join(site, "feed.json"))
i = feed.index('"id": "tag:example.gov.cn,2022:%s"' % CASE)
j = feed.index('"title": "', i)
planted("feed.json", feed[i:j + 10], feed[i:j + 10] + jsonu(NAME) + " ",
        "subject.name", "JSON \\u escapes in the case's feed item")
rss = read(os.path.join(site, "feed.xml"))
i = rss.index(">tag:example.gov.cn,2022:%s<" % CASE)
j = rss.index("<description>", i)
planted("feed.xml", rss[i:j + 13], rss[i:j + 13] +
        "&lt;b&gt;%s&lt;/b&gt;%s " % (NAME[0], NAME[1:]), "subject.name",
        "escaped markup in the case's RSS item")
planted("feed.xml", rss[i:j + 13], rss[i:j + 13] +
        "%s&lt;style&gt;b{}&lt;/style&gt;%s " % (NAME[0], NAME[1:]),
        "subject.name", "an escaped style element in the case's RSS item")
planted("feed.xml", rss[i:j + 13], rss[i:j + 13] +
        "%s&lt;?x&gt;%s " % (NAME[0], NAME[1:]), "subject.name",
        "an escaped processing instruction in the case's RSS item")
planted("feed.xml", rss[i:j + 13], rss[i:j + 13] +
        "%s&lt;![CDATA[&gt;%s " % (NAME[0], NAME[1:]), "subject.name",
        "an escaped <![CDATA[ in the case's RSS item")
# A value split by markup a reader does not see: an inline element with
# attributes, a comment, an element of no known vocabulary, a CDATA
# section; and a value in an attribute without quotes.  Elements that end
# text (table cells, feed elements) keep numbers apart.
planted(PAGE, ANCHOR, P % (NAME[0] + '<span class="n">' + NAME[1:] +
                           '</span>'), "subject.name",
        "a name split by an inline element with a quoted attribute")
planted(PAGE, ANCHOR, P % (PHONE[:3] + "<span class='d' title=\"x\">" +
                           PHONE[3:7] + "</span>" + PHONE[7:]),
        "subject.phone", "a phone split by an element with attributes")
planted(PAGE, ANCHOR, P % (NAME[0] + '<em class="e"><b id=k>' + NAME[1] +
                           '</b></em>' + NAME[2]), "subject.name",
        "a name split by nested inline elements")
planted(PAGE, ANCHOR, P % (PHONE[:3] + "<!-- 注 -->" + PHONE[3:]),
        "subject.phone", "a phone split by an HTML comment")
planted(PAGE, ANCHOR, P % (NAME[0] + "<!---->" + NAME[1] + "<!-- a\nb -->" +
                           NAME[2]), "subject.name",
        "a name split by HTML comments")
planted(PAGE, ANCHOR, P % (NAME[0] + "<!-->" + NAME[1] + "<!--->" + NAME[2]),
        "subject.name", "a name split by the empty comments <!--> and "
        "<!--->")
planted(PAGE, ANCHOR, P % (PHONE[:7] + "<!-- x --!>" + PHONE[7:]),
        "subject.phone", "a phone split by a comment closed by --!>")
planted(PAGE, ANCHOR, P % (NAME[:2] + '<span></span title=">">' + NAME[2:]),
        "subject.name", "a name split by an end tag with a quoted >")
planted(PAGE, ANCHOR, P % (NAME[0] + '<!x a=">' + NAME[1:] +
                           '<b title=">">.</b>'), "subject.name",
        "a name after a bogus comment that holds a quote")
planted(PAGE, ANCHOR, P % (NAME[0] + "<?x>" + NAME[1:]), "subject.name",
        "a name split by a processing instruction")
# Script, style and title are not shown: the text around them runs on.
planted(PAGE, ANCHOR, P % (NAME[0] + "<style>p{}</style>" + NAME[1:]),
        "subject.name", "a name split by a style element")
planted(PAGE, ANCHOR, P % (PHONE[:5] + "<script type=x>var a = '</scri'"
                           "</script >" + PHONE[5:]), "subject.phone",
        "a phone split by a script element")
planted(PAGE, ANCHOR, P % (NAME[:2] + "<TITLE>t</titlex></Title>" + NAME[2:]),
        "subject.name", "a name split by a title element")
planted(PAGE, ANCHOR, P % ("x<style>%s</style>" % PHONE), "subject.phone",
        "a phone inside a style element")
# In a page, <![CDATA[ begins a comment that ends at the first >; a <
# before no letter is text.
planted(PAGE, ANCHOR, P % (NAME[0] + "<![CDATA[>" + NAME[1:]), "subject.name",
        "a name split by <![CDATA[ read as a comment")
planted(PAGE, ANCHOR, P % ("<%s>" % PHONE), "subject.phone",
        "a phone between < and > (no tag)")
planted(PAGE, ANCHOR, P % ("<%s>%s" % (PHONE[:6], PHONE[6:])),
        "subject.phone", "a phone split by < and > (no tag)")
planted(PAGE, ANCHOR, P % (NAME[:2] + '<x-who data-k="1">' + NAME[2:] +
                           "</x-who>"), "subject.name",
        "a name split by a custom element")
planted(PAGE, "<code>", "<code title=%s>" % PHONE, "subject.phone",
        "a phone in an attribute value without quotes")
planted(PAGE, "<code>", "<code data-x = %s>" % NAME, "subject.name",
        "a name in an attribute value without quotes, spaces around =")
# A quote where a browser expects a name is part of the name; the tag
# ends at its >.
planted(PAGE, ANCHOR, P % (NAME[:2] + '<span ">' + NAME[2:] + "</span>"),
        "subject.name", "a name split by a tag with a quote for a name")
planted(PAGE, ANCHOR, P % (PHONE[:3] + '<span "a>' + PHONE[3:7] + "</span>" +
                           PHONE[7:]), "subject.phone",
        "a phone split by a tag with an open quote for a name")
# A quoted string where a browser expects a name, and a name of no
# letters, are read as values.
for tag, what, field in (
        ('<code title "%s">' % PHONE, "a quoted string after a name",
         "subject.phone"),
        ('<code "%s">' % NAME, "a quoted string for a name", "subject.name"),
        ("<code '%s 1'>" % NAME, "a quoted string with a space for a name",
         "subject.name"),
        ('<code title=a "%s">' % PHONE, "a quoted string after a value",
         "subject.phone"),
        ("<code %s>" % PHONE, "a name of digits", "subject.phone"),
        ("<code data-%s=1>" % PHONE, "digits in a name", "subject.phone"),
        ("<code x%s>" % NAME, "a name of Chinese characters",
         "subject.name")):
    planted(PAGE, "<code>", tag, field, "an attribute: %s" % what)


def timed(html):
    """Audit a copy of the site with html before PAGE's anchor: the
    result, and the seconds it took."""
    d = os.path.join(tmpdir(), "site")
    shutil.copytree(site, d)
    p = os.path.join(d, PAGE)
    write(p, read(p).replace(ANCHOR, html + ANCHOR, 1))
    t0 = time.monotonic()
    r = run("audit", "-C", content, d)
    spent = time.monotonic() - t0
    shutil.rmtree(d)
    return r, spent


# A long run of tags of no known vocabulary after a word is read once,
# not once from each tag: the audit stays linear.
r, spent = timed("<p>%s%s%s</p>" % (NAME[0], "<x-a>" * 150000, NAME[1:]))
t.ok(r.returncode == 1 and "subject.name" in r.stderr and spent < 30,
     "a name split by 150,000 unknown tags: found in %.1f s" % spent,
     r.stderr[-500:])
# The same with a quote and a comment's opening inside each tag: the run
# is read as the text's reading reads it.
r, spent = timed("<p>%s%s-->%s</p>" % (NAME[0], '<x-a "><!--">' * 120000,
                                     NAME[1:]))
t.ok(r.returncode in (0, 1) and spent < 20,
     "120,000 unknown tags holding a quote and <!--: read in %.1f s" % spent,
     r.stderr[-500:])
# A long token of letters and digits is weighed once, not once from each
# of its digits.
r, spent = timed("<p>%s</p>" % ("1x" * 60000))
t.ok(r.returncode == 0 and spent < 20,
     "a token of 120,000 letters and digits: no finding, in %.1f s" % spent,
     r.stderr[-500:])
# A stray end tag ends no element: a case's name after end tags of
# elements never opened is still in the case's page.
planted(PAGE, ANCHOR, "</x-a></span></div>" * 50 + P % NAME, "subject.name",
        "a name after stray end tags")
# And end tags holding a quoted >.
r, spent = timed("<p>%s%s%s</p>" % (NAME[0], "</x-a t='>a<b'>" * 60000,
                                   NAME[1:]))
t.ok(r.returncode == 1 and "subject.name" in r.stderr and spent < 20,
     "a name split by 60,000 end tags holding a quoted >: found in %.1f s" %
     spent, r.stderr[-500:])
# End tags as a browser's tree builder reads them: </html> and </body>
# end nothing; an end tag stops at an element a browser will not close
# for it.  A third party's address counts only in its own case: text
# after such end tags is still the case's page.
ACASE, ADDR = None, None
for y in sorted(os.listdir(os.path.join(content, "cases"))):
    for f in sorted(os.listdir(os.path.join(content, "cases", y))):
        m = re.search(r"^third_parties:\n(?:  .*\n)*?    address: (.+)$",
                      read(os.path.join(content, "cases", y, f)), re.M)
        if m and ACASE is None:
            ACASE, ADDR = f[:-3], m.group(1).strip()
t.ok(ACASE is not None and len(ADDR) >= 6,
     "a sample case withholds a third party's address")
APAGE = "cases/%s/index.html" % ACASE
for html, what in (
        ("<div><p>x</html>%s</p></div>", "</html> inside a paragraph"),
        ("<div><p>x</body></html>%s</p></div>", "</body></html>"),
        ("<section><p>x</html></section>%s", "</html> and </section>"),
        ("<div><p>x</html>%s</p></div>" + "</div>" * 20, "stray </div>s"),
        ("<table><tr><td><div>x</html></td></tr></table>%s",
         "</html> inside a table cell")):
    planted(APAGE, ANCHOR, html % ADDR + ANCHOR, "third_parties",
            "a third party's address after %s" % what)
planted(APAGE, ANCHOR, "<p>" + ADDR + "</p>" + ANCHOR, "third_parties",
        "a third party's address")
d = os.path.join(tmpdir(), "site")
shutil.copytree(site, d)
p = os.path.join(d, APAGE)
write(p, read(p).replace(ANCHOR, "<p>%s</p>" % ADDR + ANCHOR, 1))
r = run("audit", "-C", content, d)
errors = [l for l in r.stderr.splitlines() if ": error: " in l]
t.ok(errors and len(set(errors)) == len(errors) and
     sum("third_parties" in l for l in errors) == 1,
     "an address planted once is told once, not once for each of its "
     "parts", r.stderr)
planted(PAGE, ANCHOR, "<table><tr><td>139</td><td>12345604</td></tr>"
        "</table><p><x-a>139</x-a> <x-a>12345604</x-a></p>" + ANCHOR, None,
        "numbers in cells and apart")
rss = read(os.path.join(site, "feed.xml"))
i = rss.index(">tag:example.gov.cn,2022:%s<" % CASE)
k = rss.rindex("<item>", 0, i)
j = rss.index("<title>", k) + len("<title>")
for split, name in (
        (NAME[0] + "<![CDATA[" + NAME[1:] + "]]>", "a CDATA section"),
        (NAME[0] + "<!-- -->" + NAME[1:], "a comment"),
        (NAME[0] + "<x:n>" + NAME[1:] + "</x:n>", "an unknown element"),
        (NAME[0] + '<b class="k">' + NAME[1:] + "</b>",
         "an inline element"),
        (NAME[0] + "&lt;span class=&quot;n&quot;&gt;" + NAME[1:] +
         "&lt;/span&gt;", "escaped markup with an attribute"),
        (NAME[0] + "&lt;!-- x --&gt;" + NAME[1:], "an escaped comment")):
    planted("feed.xml", rss[k:j], rss[k:j] + split, "subject.name",
            "a name in the case's RSS title split by %s" % name)
planted("feed.xml", rss[k:j], rss[k:j] + PHONE[:5] + "<!-- x -->" +
        PHONE[5:], "subject.phone",
        "a phone in the case's RSS title split by a comment")
e = rss.index("</title>", j)
planted("feed.xml", rss[k:e + 8], rss[k:e + 8] +
        "<category>139</category><category>12345604</category>", None,
        "numbers in two feed elements side by side")
# In a JSON string, a quote after an odd run of backslashes does not end
# it: what follows is still the string's text, and is read.
cjson = read(os.path.join(site, "data/cases.json"))
i = cjson.index('"id": "%s"' % CASE)
j = cjson.index('"title": "', i) + len('"title": "')
planted("data/cases.json", cjson[i:j], cjson[i:j] + '引述\\"%s\\"' % NAME,
        "subject.name", "a name between escaped quotes in a JSON string")
planted("data/cases.json", cjson[i:j], cjson[i:j] +
        '路径\\\\\\"%s' % NAME, "subject.name",
        "a name after an escaped backslash and an escaped quote in a JSON "
        "string")
planted("data/cases.json", cjson[i:j], cjson[i:j] +
        '\\\\\\\\%s' % NAME, "subject.name",
        "a name after escaped backslashes in a JSON string")
planted("data/cases.json", cjson[i:j], cjson[i:j] + NAME[0] +
        '<span class=\\"n\\">' + NAME[1:] + "</span>", "subject.name",
        "a name split by markup with an attribute in a JSON string")
planted("data/cases.json", cjson[i:j], cjson[i:j] + PHONE[:4] +
        "<!-- -->" + PHONE[4:], "subject.phone",
        "a phone split by a comment in a JSON string")
planted("data/cases.csv", CASE + ",", CASE + ",%s " % NAME, "subject.name",
        "a CSV row")
# cases.csv begins with a byte order mark; a cell is read as a case's
# all the same, the first one too.
csvtext = read(os.path.join(site, "data/cases.csv"))
t.ok(csvtext.startswith("\ufeffid,"), "cases.csv begins with a byte order "
     "mark, then its header", repr(csvtext[:10]))
csvlines = csvtext[1:].split("\n")
csvhead = next(csv.reader([csvlines[0]])) if csvlines else []


def csvrow(cid, **cells):
    """The line of cid in cases.csv, and that line with cells changed."""
    line = next((x for x in csvlines if x.startswith(cid + ",")), "")
    row = next(csv.reader([line])) if line else []
    for k, v in cells.items():
        if k in csvhead and len(row) == len(csvhead):
            row[csvhead.index(k)] = v
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return line or "(no row of %s)" % cid, out.getvalue()


old, new = csvrow(CASE, summary='他说"%s"，"" ' % NAME)
planted("data/cases.csv", old, new, "subject.name",
        "a name between doubled quotes in a quoted CSV cell")
old, new = csvrow(CASE, summary=NAME)
planted("data/cases.csv", old, new, "subject.name",
        "a name in the summary cell of a CSV row")
# In place of the header, right after the mark: a hand-marked phrase is
# a leak only in its own case's row, which the audit must tell.
first = "\ufeff" + csvlines[0] + "\n"
_, new = csvrow("CL-2024-011", summary="存在近亲属关系")
planted("data/cases.csv", first, "\ufeff" + new + "\n", "body (hand mark)",
        "a hand-marked phrase in its own case's row, first after the byte "
        "order mark")
_, new = csvrow(OTHER, summary="存在近亲属关系")
planted("data/cases.csv", first, "\ufeff" + new + "\n", None,
        "a hand-marked phrase of one case in another case's row, first "
        "after the byte order mark")
planted("sitemap.xml", "</urlset>", "<!-- %s --></urlset>" % IDNO,
        "subject.id_number", "a distinctive value anywhere")

# An unpublished case must appear nowhere: its id (a title may be a
# phrase that published cases share, so it is not searched for).
planted("index.html", "</main>", "<p><a href=\"cases/CL-2025-901/\">x</a>"
        "</p></main>", "unpublished case", "the id of an open case")
planted("index.html", "</main>", "<p>CL-2025-012</p></main>",
        "unpublished case", "the id of an embargoed case")

# An unpublished id counts as a whole token only: drafts whose ids end
# published ids (L-2024-010 of CL-2024-010, L-2022-001 of CL-2022-001)
# or begin one (the draft CL-2025-901 of CL-2025-9011) stop no build;
# standing alone in a page, they are found.
dc = copy_content(os.path.join(tmpdir(), "content"))
draft = read(os.path.join(dc, "cases", "2025", "CL-2025-901.md"))
for did in ("L-2024-010", "L-2022-001"):
    write(os.path.join(dc, "cases", did.split("-")[1], did + ".md"),
          draft.replace("CL-2025-901", did))
write(os.path.join(dc, "cases", "2025", "CL-2025-9011.md"),
      read(os.path.join(dc, "cases", "2025", "CL-2025-011.md")).replace(
          "id: CL-2025-011", "id: CL-2025-9011"))
dsite = os.path.join(tmpdir(), "site")
r = build(dc, dsite)
leaks = [l for l in r.stderr.splitlines() if "leak" in l]
t.ok(r.returncode == 0 and not leaks and
     os.path.exists(os.path.join(dsite, "cases", "CL-2025-9011")),
     "drafts L-2024-010, L-2022-001 and CL-2025-901 build beside "
     "CL-2024-010, CL-2022-001 and CL-2025-9011: no leak", r.stderr[-2000:])
for did, where in (("L-2024-010", "<p>见 L-2024-010。</p>"),
                   ("L-2022-001", "<p>(L-2022-001)</p>"),
                   ("CL-2025-901", "<p>CL-2025-901</p>")):
    d = os.path.join(tmpdir(), "site")
    shutil.copytree(dsite, d)
    p = os.path.join(d, "index.html")
    write(p, read(p).replace("</main>", where + "</main>", 1))
    r = run("audit", "-C", dc, d)
    t.ok(r.returncode == 1 and "unpublished case" in r.stderr,
         "draft %s standing alone in a page: found" % did, r.stderr)

# A hidden file is audited too.
d = os.path.join(tmpdir(), "site")
shutil.copytree(site, d)
write(os.path.join(d, ".hidden"), "x %s x" % PHONE)
r = run("audit", "-C", content, d)
t.ok(r.returncode == 1 and ".hidden" in r.stderr, "a hidden file is "
     "audited", r.stderr)

# A person is protected portal-wide: the name of one case's subject in
# another case's page, or in a page of no case, is a leak.
planted("cases/%s/index.html" % OTHER, ANCHOR, P % NAME, "subject.name",
        "a name of one case in another case's page")
planted("stats/index.html", "</main>", "<p>%s</p></main>" % NAME,
        "subject.name", "a name of a case on a page of no case")
# Its given name alone is a leak before a title, as redaction reads it
# (海涛同志, 向海涛主任), with a dot between or not; with no title, or
# after another surname (another person), it is none.
GIVEN = NAME[1:]
for text, expect, name in (
        (GIVEN + "同志", "subject.name", "before 同志"),
        ("向" + GIVEN + "主任汇报", "subject.name", "before 主任"),
        ("原局长" + GIVEN + "·老师", "subject.name", "after a role, a dot "
         "before 老师"),
        (GIVEN + "等三人", None, "with no title"),
        ("刘" + GIVEN + "同志", None, "after another surname")):
    planted("cases/%s/index.html" % OTHER, ANCHOR, P % text, expect,
            "a given name of one case in another case's page, %s" % name)
planted("feed.xml", "</channel>", "<item><title>%s先生</title></item>"
        "</channel>" % GIVEN, "subject.name", "a given name before a title "
        "in a feed")
# Scoping: a short value of one case that is no name (a hand-marked
# phrase) in another case's text is no leak; in its own case it is.
MARKED = "存在近亲属关系"
planted("cases/CL-2024-011/index.html", ANCHOR, P % MARKED,
        "body (hand mark)", "a hand-marked phrase in its own case's page")
planted("cases/%s/index.html" % OTHER, ANCHOR, P % MARKED, None,
        "a hand-marked phrase of one case in another case's page")

# The audit remembers the parts of pages in which it found nothing, and
# passes over them when they come again.  A part that holds a value of
# one case is never one of those, even where the value is no leak: the
# same part in the value's own case is still found.  The other case's
# page is made the largest file, so that one worker reads it first.
for jobs in ("1", "2"):
    d = os.path.join(tmpdir(), "site")
    shutil.copytree(site, d)
    other = os.path.join(d, "cases", OTHER, "index.html")
    text = read(other)
    write(other, text.replace(ANCHOR, (P % MARKED) * 3 + "<p>%s</p>" %
                              ("填充" * 200000) + ANCHOR, 1))
    own = os.path.join(d, "cases", "CL-2024-011", "index.html")
    write(own, read(own).replace(ANCHOR, P % MARKED, 1))
    r = run("audit", "-j", jobs, "-C", content, d)
    errors = [l for l in r.stderr.splitlines() if ": error: " in l]
    t.ok(r.returncode == 1 and any(l.startswith(own) and "hand mark" in l
                                   for l in errors) and
         not any(l.startswith(other) for l in errors),
         "-j %s: a part that held a case's short value as no leak in "
         "another case's page is found again in its own" % jobs, r.stderr)
    # A part with a leak in it is found in every file it stands in.
    pages = sorted(os.path.join(d, "cases", c, "index.html")
                   for c in os.listdir(os.path.join(d, "cases"))
                   if os.path.isfile(os.path.join(d, "cases", c,
                                                  "index.html")))
    for pg in pages:
        write(pg, read(pg).replace(ANCHOR, "<p>联系电话 %s</p>" % PHONE +
                                   ANCHOR, 1))
    r = run("audit", "-j", jobs, "-C", content, d)
    hit = set(l.split(":")[0] for l in r.stderr.splitlines()
              if ": error: " in l and "subject.phone" in l)
    t.ok(len(pages) > 10 and hit == set(pages),
         "-j %s: one part with a withheld phone, planted in %d pages: "
         "found in each" % (jobs, len(pages)),
         "%d of %d\n%s" % (len(hit), len(pages), r.stderr[-2000:]))
    shutil.rmtree(d)

# A leak that reaches the staging directory fails the build, names the
# file and the field, and leaves the published site as it was.
before = tree(site)
sy = os.path.join(content, "site.yaml")
orig = read(sy)
write(sy, orig.replace("intro: |\n", "intro: |\n  咨询电话 %s。\n" % PHONE))
r = build(content, site)
t.ok(r.returncode == 1, "a leak through site.yaml fails the build",
     r.stderr)
t.ok("subject.phone" in r.stderr and "nothing was published" in r.stderr
     and PHONE not in r.stderr, "the build names the field, not the value",
     r.stderr)
t.ok(tree(site) == before, "the published site did not change")
t.ok(not [f for f in os.listdir(work) if ".stage" in f],
     "no staging directory is left behind")
write(sy, orig.replace("intro: |\n", "intro: |\n  身份证 11010519491231002X\n"))
r = build(content, site)
t.ok(r.returncode == 1 and "identity number" in r.stderr and
     tree(site) == before, "a detector hit outside any record fails the "
     "build", r.stderr)
write(sy, orig)

# The internal portal keeps names: it passes its own audit, never the
# public one.
internal = os.path.join(work, "internal")
r = build(content, internal, "-a", "internal")
t.ok(r.returncode == 0, "the internal portal builds", r.stderr)
page = read(os.path.join(internal, PAGE))
t.ok(NAME in page, "the internal portal shows the subject's name")
t.ok(PHONE not in page and PHONE[:3] + "****" + PHONE[-4:] in page,
     "the internal portal masks the phone")
r = run("audit", "-C", content, "-a", "internal", internal)
t.ok(r.returncode == 0, "the internal portal passes the internal audit",
     r.stderr)
r = run("audit", "-C", content, "-a", "public", internal)
t.ok(r.returncode == 1 and "subject.name" in r.stderr,
     "the internal portal fails the public audit", r.stderr[-300:])
before = tree(site)
r = build(content, site, "-a", "internal")
t.ok(r.returncode == 3 and "refusing to replace it with the internal one"
     in r.stderr and tree(site) == before,
     "an internal build never replaces the public portal", r.stderr)
before = tree(internal)
r = build(content, internal)
t.ok(r.returncode == 3 and tree(internal) == before,
     "nor a public build the internal one", r.stderr)

# The redaction report: one row per redaction, mode 0600, never inside
# the output directory.
rep = os.path.join(work, "report.csv")
r = build(content, site, "--report", rep)
t.ok(r.returncode == 0 and os.path.exists(rep), "--report writes the report",
     r.stderr)
mode = stat.S_IMODE(os.stat(rep).st_mode)
t.eq(oct(mode), oct(0o600), "the report has mode 0600")
import csv as _csv
rows = list(_csv.DictReader(open(rep, encoding="utf-8")))
t.ok(any(x["case"] == CASE and x["location"] == "subject.name" and
         x["operator"] == "pseudonym" and x["original"] == NAME
         for x in rows), "the report lists the pseudonymized name with its "
     "original")
t.ok(any(x["case"] == CASE and x["location"] == "body" and
         x["original"] == NAME and int(x["line"]) > 30 for x in rows),
     "the report lists the name's occurrences in the body with their line")
t.ok(all(x["ground"] for x in rows), "every row names its ground")
t.ok(all(x["original"] in x["context"] and
         (len(x["context"]) > len(x["original"]) or x["location"] != "body")
         for x in rows if x["operator"] != "kept"),
     "each replacement is shown with its context")
before = tree(site)
for bad in (os.path.join(site, "report.csv"),
            os.path.join(site, "new", "report.csv"),
            os.path.join(site, "..", os.path.basename(site), "r.csv")):
    r = build(content, site, "--report", bad)
    t.ok(r.returncode == 2 and "inside the output directory" in r.stderr and
         not os.path.exists(bad) and tree(site) == before,
         "the report is refused inside the output directory (%s)" %
         os.path.relpath(bad, work), r.stderr)
# What stays on purpose is in the report with its reason, and the audit
# accepts exactly that: a contract number after its label, an amount, a
# landline that site.yaml publishes.
kc = copy_content(os.path.join(work, "kept"))
rec = os.path.join(kc, "cases", "2024", CASE + ".md")
write(rec, read(rec).replace("## 基本情况\n", "## 基本情况\n\n合同编号6228480012345678903，"
                             "涉及资金16000000000元。\n", 1))
sy = os.path.join(kc, "site.yaml")
write(sy, read(sy).replace('phone: "12388"', 'phone: "0999-86123499"'))
write(sy, read(sy).replace("intro: |\n", "intro: |\n  举报电话 0999-86123499。\n"))
ks = os.path.join(work, "kept-site")
krep = os.path.join(work, "kept.csv")
r = build(kc, ks, "--report", krep)
t.ok(r.returncode == 0, "a contract number, an amount and a landline of "
     "site.yaml stay, and the audit passes", r.stderr)
krows = list(_csv.DictReader(open(krep, encoding="utf-8"))) \
    if os.path.exists(krep) else []
kept = {(x["original"], x["ground"]) for x in krows
        if x["operator"] == "kept"}
t.ok(("6228480012345678903", "after a label of a document") in kept and
     ("16000000000", "an amount") in kept, "the report lists what stays, "
     "with the reason", sorted(kept)[:10])
page = read(os.path.join(ks, PAGE)) if r.returncode == 0 else ""
t.ok("合同编号6228480012345678903" in page and "16000000000元" in page and
     "0999-86123499" in read(os.path.join(ks, "index.html")),
     "they are published")
d = os.path.join(tmpdir(), "site")
shutil.copytree(ks, d)
write(os.path.join(d, "stats", "index.html"),
      read(os.path.join(d, "stats", "index.html")).replace(
          "</main>", "<p>6228480012345678911</p></main>"))
r = run("audit", "-C", kc, d)
t.ok(r.returncode == 1 and "bank card number" in r.stderr,
     "a number next to one that stays is no more accepted", r.stderr)

fresh = os.path.join(work, "fresh")
r = build(content, fresh, "--report", os.path.join(fresh, "r.csv"))
t.ok(r.returncode == 2 and not os.path.exists(fresh),
     "the report is refused inside an output directory not built yet",
     r.stderr)
# The audit finds every file itself, however deep, hidden or linked: a
# leak in any of them is found, and an entry it cannot follow is an
# error of the system, never passed by.


def walked(make, name, expect, code=1):
    d = os.path.join(tmpdir(), "site")
    shutil.copytree(site, d)
    paths = make(d)
    r = run("audit", "-C", content, d)
    errors = [l for l in r.stderr.splitlines() if ": error: " in l]
    if expect:
        t.ok(r.returncode == 1 and errors and
             any(l.startswith(p) for l in errors for p in paths) and
             expect in "\n".join(errors), "%s: found" % name, r.stderr)
    elif code == 1:
        t.ok(r.returncode == 0 and not errors, "%s: no false alarm" % name,
             r.stderr)
    else:
        t.ok(r.returncode == code and any(p in r.stderr for p in paths),
             "%s: exit %d, naming the entry" % (name, code), r.stderr)


def deep(d):
    p = os.path.join(d, ".well-known", "a", "b", "c", "d", "e", "note.txt")
    write(p, "联系人 %s\n" % NAME)
    return [p]


def linked(d):
    other = os.path.join(tmpdir(), "elsewhere")
    write(os.path.join(other, "x", "page.html"), P % PHONE)
    os.symlink(other, os.path.join(d, "more"))
    return [os.path.join(d, "more", "x", "page.html")]


def manydirs(d):
    ps = []
    for i in range(300):
        p = os.path.join(d, "many", "%03d" % i, "index.html")
        write(p, "<p>%d</p>" % i)
        ps.append(p)
    write(ps[217], P % NAME)
    os.makedirs(os.path.join(d, "many", "empty", "dir"))
    write(os.path.join(d, "many", "zero.txt"), "")
    return [ps[217]]


def dangling(d):
    p = os.path.join(d, "cases", "gone")
    os.symlink(os.path.join(d, "nowhere"), p)
    return [p]


walked(deep, "a leak in a hidden file six directories deep",
       "subject.name")
walked(linked, "a leak in a file under a linked directory",
       "subject.phone")
walked(manydirs, "a leak in one of 300 directories, beside empty ones",
       "subject.name")
walked(dangling, "a link that leads nowhere", None, 3)

# Open data of many megabytes is mapped and read case by case, each
# object or row as it ends: a leak in the last of thousands of cases is
# found, and a short value stays a leak only in its own case's object or
# row, however far apart the two stand.


def bigdata(rel, grow, name, expect):
    d = os.path.join(tmpdir(), "site")
    shutil.copytree(site, d)
    p = os.path.join(d, rel)
    write(p, grow(read(p)))
    big = os.path.getsize(p) > 6 << 20
    r = run("audit", "-C", content, d)
    errors = [l for l in r.stderr.splitlines() if ": error: " in l]
    if expect:
        t.ok(big and r.returncode == 1 and errors and
             all(l.startswith(p) for l in errors) and
             expect in "\n".join(errors), "%s: found" % name,
             r.stderr[-2000:])
    else:
        t.ok(big and r.returncode == 0 and not errors,
             "%s: no false alarm" % name, r.stderr[-2000:])


def growjson(plant):
    def grow(text):
        d = json.loads(text)
        cases = d["cases"]
        many = [dict(c) for _ in range((6 << 20) // len(text) + 2)
                for c in cases]
        for where, cid, value in plant:
            k = [i for i, c in enumerate(many) if c["id"] == cid]
            obj = many[k[-1] if where == "last" else k[len(k) // 2]]
            obj["title"] = obj["title"] + value
        d["cases"] = many
        return json.dumps(d, ensure_ascii=False, indent=2)
    return grow


def growcsv(plant):
    def grow(text):
        rows = list(csv.reader(io.StringIO(text)))
        head, body = rows[0], rows[1:]
        many = [list(r) for _ in range((6 << 20) // len(text) + 2)
                for r in body]
        for where, cid, value in plant:
            k = [i for i, r in enumerate(many) if r[0] == cid]
            many[k[-1] if where == "last" else k[len(k) // 2]][1] += value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([head] + many)
        return out.getvalue()
    return grow


for rel, grow in (("data/cases.json", growjson),
                  ("data/cases.csv", growcsv)):
    bigdata(rel, grow([]), "large %s as built" % rel, None)
    bigdata(rel, grow([("last", CASE, NAME)]),
            "large %s: a name in the last of thousands of cases" % rel,
            "subject.name")
    bigdata(rel, grow([("middle", OTHER, MARKED)]),
            "large %s: a hand-marked phrase in another case's part" % rel,
            None)
    bigdata(rel, grow([("middle", "CL-2024-011", MARKED)]),
            "large %s: a hand-marked phrase in its own case's part" % rel,
            "body (hand mark)")

# Thousands of needles: the audit sorts them in parts side by side and
# merges the parts.  A value of one case planted into another case's
# page is found, and the portal as built passes, with one thread and
# with several.
import subprocess
import sys
many = os.path.join(tmpdir(), "many")
subprocess.run([sys.executable, os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "gencorpus.py"), "400", many], check=True)
mcases = sorted(os.path.join(dp, f) for dp, _, fs in
                os.walk(os.path.join(many, "cases")) for f in fs)
# One short address, withheld, in two cases far apart (the first and the
# last part of the needles): a value that counts only in its own case.
ADDR = "青石巷十二号"
pair = [p for p in mcases if "status: closed" in read(p) and
        "withdrawn:" not in read(p)]
pair = [pair[5], pair[-5]]
for p in pair:
    text = read(p)
    write(p, re.sub(r"^(subject:\n  name: [^\n]+\n)",
                    r"\g<1>  address: %s\n" % ADDR, text, count=1,
                    flags=re.M))
msite = os.path.join(tmpdir(), "msite")
r = build(many, msite, "-j", "3")
t.ok(r.returncode == 0, "400 generated records build", r.stderr)
def fm(path, key):
    m = re.search(r"^  %s: \"?([^\"\n]+)" % key, read(path), re.M)
    return m.group(1) if m else None
src = mcases[len(mcases) // 3]
host = next(p for p in reversed(mcases) if "status: closed" in read(p) and
            "withdrawn:" not in read(p) and p != src)
hid = os.path.basename(host)[:-3]
sname, sidno = fm(src, "name"), fm(src, "id_number")
t.ok(sname and sidno and len(sidno) == 18,
     "a generated subject's name and identity number to plant")
for jobs in ("1", "3"):
    a = run("audit", "-j", jobs, "-C", many, msite)
    t.ok(a.returncode == 0, "-j %s: 400 generated records pass the audit"
         % jobs, a.stderr)
    for what, value in (("subject.name", sname), ("subject.id_number",
                                                   sidno)):
        d = os.path.join(tmpdir(), "planted")
        shutil.copytree(msite, d)
        page = os.path.join(d, "cases", hid, "index.html")
        text = read(page)
        write(page, text.replace(ANCHOR, "<p>%s</p>" % value + ANCHOR, 1))
        a = run("audit", "-j", jobs, "-C", many, d)
        errors = [l for l in a.stderr.splitlines() if ": error: " in l]
        t.ok(ANCHOR in text and a.returncode == 1 and
             any(l.startswith(page) and what in l for l in errors),
             "-j %s: %s of one of 400 cases planted in another's page: "
             "found" % (jobs, what), a.stderr)
        shutil.rmtree(d)
    # The address in each of its two cases' pages is found; in a third
    # case's page, it is no leak of that case.
    for p, expect in ((pair[0], True), (pair[1], True), (host, False)):
        d = os.path.join(tmpdir(), "planted")
        shutil.copytree(msite, d)
        page = os.path.join(d, "cases", os.path.basename(p)[:-3],
                            "index.html")
        text = read(page)
        write(page, text.replace(ANCHOR, "<p>%s</p>" % ADDR + ANCHOR, 1))
        a = run("audit", "-j", jobs, "-C", many, d)
        found = a.returncode == 1 and any(
            l.startswith(page) and "subject.address" in l
            for l in a.stderr.splitlines())
        t.ok(ADDR not in text and found == expect,
             "-j %s: a short address of two cases, in the page of %s: %s"
             % (jobs, "one of them" if expect else "a third",
                "found" if expect else "no finding"), a.stderr)
        shutil.rmtree(d)


# --- A withheld value whose digits stand in a digest of the portal ----
# A digest the portal makes (a case's sha256, 64 hexadecimal digits) is
# no value's, whatever digits it holds in a row: a third party's phone
# of one case that a digest of another spells is found nowhere else, and
# the portal builds.
runs = []
for cdir in sorted(os.listdir(os.path.join(site, "cases"))):
    page = os.path.join(site, "cases", cdir, "index.html")
    if not os.path.isfile(page):
        continue
    m = re.search(r'name="disclose:sha256" content="([0-9a-f]{64})"',
                  read(page))
    if m:
        runs += [(len(g), g, cdir) for g in re.findall(r"[0-9]{7,}",
                                                       m.group(1))]
runs.sort(reverse=True)
if t.ok(runs, "(test) a digest of a case holds seven digits in a row or "
        "more", len(runs)):
    _, digits, holder = runs[0]
    dc = copy_content(os.path.join(tmpdir(), "content"))
    other = CASE if holder != CASE else OTHER
    rec = os.path.join(dc, "cases", other.split("-")[1], other + ".md")
    text = read(rec)
    entry = ("third_parties:\n  - name: 澄岚县兴旺建材经营部\n"
             "    phone: \"%s\"\n" % digits)
    write(rec, text.replace("\noutcome:", "\n" + entry + "outcome:", 1))
    d = os.path.join(tmpdir(), "site")
    r = build(dc, d)
    hp = os.path.join(d, "cases", holder, "index.html")
    spelt = read(hp) if os.path.isfile(hp) else ""
    outside = []
    for dirpath, _, files in os.walk(d):
        for f in files:
            x = open(os.path.join(dirpath, f), "rb").read().decode(
                "utf-8", "replace")
            if digits in re.sub(r"[0-9a-f]{64}", "", x):
                outside.append(os.path.relpath(os.path.join(dirpath, f), d))
    t.ok(r.returncode == 0 and digits in spelt and not outside,
         "a phone of %s whose digits a digest of %s spells: the portal "
         "builds, and the phone is nowhere but in that digest" %
         (other, holder), (r.stderr[-1500:], outside[:5]))

t.done()
