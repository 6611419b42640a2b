"""Personal numbers, addresses and names as officers write them in
ordinary case text, on the sample portal.

Values are made here (a fictional region 99, Luhn and MOD 11-2 check
characters computed), written into the body of a published case in the
ways a record is typed: an identity number's X before a Chinese word,
its first 17 digits alone, a phone with a stray x, the numbers of a list
after a telephone's label, a card number after a label in brackets, an
address of mail said in words, a person's given name before a deputy's
title, a phone number repeated after an order's label.  The portal must
build, and no output file may hold the value in any grouping, for either audience.  Then a third party's landline that shares its area code
and exchange with the office's own number: the office's number stays
on every page, the third party's is withheld.
"""
import glob
import html
import os
import re

from testlib import TAP, build, copy_content, read, write

t = TAP()


def id_check(d17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * k for c, k in zip(d17, w)) % 11]


def luhn_complete(d):
    """d with the Luhn check digit appended."""
    for c in "0123456789":
        s, dbl = 0, False
        for ch in reversed(d + c):
            v = int(ch)
            if dbl:
                v = v * 2 - 9 if v * 2 > 9 else v * 2
            s += v
            dbl = not dbl
        if s % 10 == 0:
            return d + c
    raise AssertionError


def id_with(last):
    """An identity number of region 99 whose check character is last."""
    for seq in range(100, 999):
        d17 = "999912" + "19830917" + "%03d" % seq
        if id_check(d17) == last:
            return d17 + last
    raise AssertionError


def digits(s):
    return re.sub(r"[^0-9xX]", "", s)


def texts(out):
    """{path: the text of each output file, entities decoded, tags out}."""
    got = {}
    for p in glob.glob(os.path.join(out, "**", "*"), recursive=True):
        if os.path.isfile(p):
            raw = open(p, "rb").read().decode("utf-8", "replace")
            got[os.path.relpath(p, out)] = html.unescape(
                re.sub(r"<[^>]*>", "", raw))
    return got


def holding(out, value):
    """The output files that hold the digits of value, in any grouping."""
    want = digits(value).lower()
    return sorted(p for p, s in texts(out).items()
                  if want in digits(s).lower())


content = copy_content()
rec = os.path.join(content, "cases", "2024", "CL-2024-007.md")
text = read(rec)
name = re.search(r"(?m)^  name: (.+)$", text).group(1).strip()
given = name[1:]

idx = id_with("X")
id17 = id_with("3")[:17]
mobile = "13911106072"
mobile2 = "15822207143"
home = "6671 2093"
card = luhn_complete("936655501234567890")     # 19 digits
mail1, mail2 = "qhz1987", "qhz1988"
mobile3 = "18733308254"

values = {
    "an identity number's X before a Chinese word": idx,
    "an identity number's first 17 digits alone": id17,
    "a mobile number with a stray x before a comma": mobile,
    "a mobile number in a list after 宅电": mobile2,
    "a landline of 8 digits, the next item of that list": home,
    "a card number after a label in brackets": card,
    "a mobile number, then the same digits after an order's label": mobile3,
}
body = ("\n\n核查中发现，其身份证号码%s的复印件未按规定保管；另一份材料仅写有%s号。"
        "\n\n当事人手机%sx，另留宅电：%s、%s。"
        "\n\n补助款已打入其银行卡（编号%s %s %s %s）。"
        "\n\n举报人邮箱%s艾特163点com，备用邮箱%s@qq com。"
        "\n\n%s副局长对处理意见表示认可。"
        "\n\n其联系电话%s；后查明订单号%s系冒用。\n"
        % (idx[:-1] + "x", id17, mobile, mobile2, home, card[:4], card[4:8],
           card[8:12], card[12:], mail1, mail2, given, mobile3, mobile3))
write(rec, text.rstrip("\n") + body)
# Both audiences: the internal one masks what the public one withholds.
for aud in ("internal", "public"):
    out = os.path.join(os.path.dirname(content), "site-" + aud)
    r = build(content, out, "-a", aud)
    t.ok(r.returncode == 0, "%s: the portal builds with the numbers in a "
         "body" % aud, r.stderr[-800:])
    for what, v in values.items():
        t.ok(r.returncode == 0 and not holding(out, v),
             "%s: %s (%s) is in no output file" % (aud, what, v),
             holding(out, v)[:5])
    leaked = sorted(p for p, s in texts(out).items()
                    if mail1 in s or mail2 in s)
    t.ok(r.returncode == 0 and not leaked, "%s: addresses of mail said in "
         "words or without their dot are in no output file" % aud,
         leaked[:5])
page = texts(out).get(os.path.join("cases", "CL-2024-007", "index.html"), "")
t.ok(page and given + "副局长" not in page and
     re.search("%s某[甲乙丙丁]?副局长" % name[0], page), "the subject's given "
     "name before a "
     "deputy's title reads as the pseudonym (%s)" % given,
     re.findall(r".{6}副局长", page))

# --- A landline next to the office's own ------------------------------
content = copy_content()
site = os.path.join(content, "site.yaml")
office = "0999-66120000"
theirs = "0999-66127381"
s = read(site)
s2 = re.sub(r'(?m)^(  phone: ).*$', r'\g<1>"%s"' % office, s, count=1)
t.ok(s2 != s, "(test) the office's number is set in site.yaml")
write(site, s2)
rec = os.path.join(content, "cases", "2024", "CL-2024-007.md")
text = read(rec)
entry = ("third_parties:\n  - name: 澄岚县便民百货商店\n    phone: \"%s\"\n"
         % theirs)
text = text.replace("\noutcome:", "\n" + entry + "outcome:", 1)
text = text.rstrip("\n") + ("\n\n群众可拨打%s反映问题；该商店原电话%s已停用。\n"
                            % (office, theirs))
write(rec, text)
out = os.path.join(os.path.dirname(content), "site")
r = build(content, out)
t.ok(r.returncode == 0, "a third party's landline that shares the office's "
     "area code and exchange builds (no audit finding on the office's "
     "number)", r.stderr[-800:])
pages = [p for p in glob.glob(os.path.join(out, "cases", "*", "index.html"))]
without = [p for p in pages if office not in read(p)]
t.ok(r.returncode == 0 and pages and not without, "the office's number "
     "stays on every case page (%d)" % len(pages), without[:3])
t.ok(r.returncode == 0 and not holding(out, theirs), "the third party's "
     "number is in no output file", holding(out, theirs)[:5])

t.done()
