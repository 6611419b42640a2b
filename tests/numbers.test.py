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


def audiences(content, tag, what, values):
    """Build content for each audience into TAG-AUDIENCE; check that it
    builds and that no output file holds any of values {what: value};
    yield (audience, output, result) for the section's own checks."""
    for aud in ("internal", "public"):
        out = os.path.join(os.path.dirname(content), tag + "-" + aud)
        r = build(content, out, "-a", aud)
        t.ok(r.returncode == 0, "%s: the portal builds with %s" % (aud, what),
             r.stderr[-800:])
        for w, v in values.items():
            t.ok(r.returncode == 0 and not holding(out, v),
                 "%s: %s (%s) is in no output file" % (aud, w, v),
                 holding(out, v)[:5])
        yield aud, out, r


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
    "digits after an order's label, then the same as a mobile in a later "
    "paragraph": "17744409126",
    "a mobile number, then the same digits after an order's label in a "
    "later paragraph": "16655501937",
}
body = ("\n\n核查中发现，其身份证号码%s的复印件未按规定保管；另一份材料仅写有%s号。"
        "\n\n当事人手机%sx，另留宅电：%s、%s。"
        "\n\n补助款已打入其银行卡（编号%s %s %s %s）。"
        "\n\n举报人邮箱%s艾特163点com，备用邮箱%s@qq com。"
        "\n\n%s副局长对处理意见表示认可。"
        "\n\n其联系电话%s；后查明订单号%s系冒用。"
        "\n\n经查，订单号%s已核销。\n\n另查明，其手机%s仍在使用。"
        "\n\n其另一手机%s已停用。\n\n据合同编号%s，货款已结清。\n"
        % (idx[:-1] + "x", id17, mobile, mobile2, home, card[:4], card[4:8],
           card[8:12], card[12:], mail1, mail2, given, mobile3, mobile3,
           "17744409126", "17744409126", "16655501937", "16655501937"))
write(rec, text.rstrip("\n") + body)
# Both audiences: the internal one masks what the public one withholds.
for aud, out, r in audiences(content, "site", "the numbers in a body",
                             values):
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

# --- Lists and tables under a telephone's label; numbers run together ---
# A local number of 7 or 8 digits is a telephone's only under its label:
# the header of a table's column, the cell before it in a row, the
# paragraph before a list (联系电话如下：), or the label before the lines
# of a list parted by line breaks.  Numbers of a person's typed with
# nothing between them (two mobiles, an identity number and a mobile, a
# landline and a mobile) are withheld whole.
content = copy_content()
rec = os.path.join(content, "cases", "2024", "CL-2024-007.md")
text = read(rec)
local = ["5%03d %04d" % (300 + i, 4100 + 37 * i) for i in range(7)]
mob = ["1%d%09d" % (5 + i % 5, 210004300 + 7919 * i) for i in range(7)]
local2 = ["6%03d %04d" % (410 + i, 2200 + 53 * i) for i in range(6)]
SUMS = dict(zip("0123456789", "零壹贰叁肆伍陆柒捌玖"))
idm = id_with("7")
kept = "4%03d %04d" % (812, 6639)
# Ordinary numbers near the words of a telephone, which stay.
plain = ["%d" % (2345000 + 611 * i) for i in range(6)]
values = {
    "a local number under a 联系电话 column": local[0],
    "the second item of a list in a cell of that column": local[1],
    "a local number after a 办公电话 cell in its row": local[2],
    "an item of a list after 联系电话如下：": local[3],
    "another item of that list": local[4],
    "the first line after 宅电 and a line break": local[5],
    "the second line after it": local[6],
    "two mobiles run together (first)": mob[0],
    "two mobiles run together (second)": mob[1],
    "a mobile after an identity number run together": mob[2],
    "that identity number": idm,
    "a mobile after a landline run together": mob[3],
    "a local number after 电话为": local2[0],
    "a local number after 座机号码：": local2[1],
    "a local number after a label and words in brackets": local2[2],
    "the second of two numbers joined by 或": local2[3],
    "the second of two numbers parted by a slash": local2[4],
    "a landline with the country's code and no 0": "+86 27 " + local2[5],
    "three mobiles run together (the third)": mob[6],
    "a mobile in the numerals of sums": mob[4],
}
body = ("\n\n| 姓名 | 联系电话 |\n| --- | --- |\n| 甲 | %s |\n"
        "| 乙 | 0999-66120001、%s |\n"
        "\n\n| 项目 | 内容 |\n| --- | --- |\n| 办公电话 | %s |\n"
        "| 核减金额 | %s |\n"
        "\n\n相关人员联系电话如下：\n\n- 丙：%s\n- 丁，%s\n"
        "\n\n另留宅电\n%s\n%s\n"
        "\n\n两人手机连写为%s%s；其身份证号与手机号连写为%s%s；"
        "座机和手机连写为0999661200%s。\n"
        "\n\n其电话为%s，座机号码：%s；办公电话（见附件二）：%s。"
        "\n\n宅电：%s 或 %s；传真：%s / %s。\n\n另留电话+86 27 %s。"
        "\n\n手机：%s%s%s；另一手机号为%s。\n"
        "\n\n县纪委监委已与当事人电话联系。\n\n整改资金%s元，惠及%s户。"
        "\n\n全年受理来电%s件，热线为%s名群众解决诉求。"
        "\n\n| 项目 | 电话费（元） |\n| --- | --- |\n| 2024年 | %s |\n"
        "\n\n| 受理渠道 | 数量 |\n| --- | --- |\n| 12345热线 | %s |\n"
        % ((local[0], local[1], local[2], kept, local[3], local[4], local[5],
           local[6], mob[0], mob[1], idm, mob[2], mob[3], local2[0],
           local2[1], local2[2], local[0], local2[3], local[1], local2[4],
           local2[5], mob[4], mob[5], mob[6],
           "".join(SUMS[c] for c in mob[4])) + tuple(plain)))
write(rec, text.rstrip("\n") + body)
for aud, out, r in audiences(content, "lists",
                             "lists and tables of numbers", values):
    page = texts(out).get(os.path.join("cases", "CL-2024-007",
                                       "index.html"), "")
    t.ok(r.returncode == 0 and kept in page, "%s: eight digits in a row "
         "with no telephone's label (%s) stay" % (aud, kept))
    gone = [v for v in plain if v not in page]
    t.ok(r.returncode == 0 and not gone, "%s: amounts and counts after a "
         "paragraph that ends with 电话联系, after 来电 or 热线为, under a "
         "电话费 header and after a 12345热线 cell stay" % aud, gone)

# --- Digits and Chinese numerals in one number --------------------------
# A number typed partly in digits and partly in Chinese numerals (its
# year of birth in words, a phone's last group in 大写) is one number;
# a date so written, or a count, stays.
CN = dict(zip("0123456789", "〇一二三四五六七八九"))


def words(d, sums=False):
    return "".join((SUMS if sums else CN)[c] for c in d)


content = copy_content()
rec = os.path.join(content, "cases", "2024", "CL-2024-007.md")
text = read(rec)
idm = id_with("7")
mobm = "1%d%09d" % (7, 536201948)
mobs = "1%d%09d" % (9, 804417263)
mixed = {
    "an identity number, its date of birth in words":
        (idm, idm[:6] + words(idm[6:10]) + idm[10:14] + words(idm[14:])),
    "a mobile number, its first and last groups in words":
        (mobm, words(mobm[:3]) + " " + mobm[3:7] + " " + words(mobm[7:])),
    "a mobile number, its last group in the numerals of sums":
        (mobs, mobs[:7] + words(mobs[7:], sums=True)),
}
stays = ["二〇二四年3月1日", "2023年五月", "第3批一二三号"]
body = ("\n\n另查明，当事人的身份证号码为%s，联系方式%s；其亲属手机%s。"
        "\n\n该款于%s、%s分%s拨付。\n"
        % (mixed["an identity number, its date of birth in words"][1],
           mixed["a mobile number, its first and last groups in words"][1],
           mixed["a mobile number, its last group in the numerals of sums"]
           [1], stays[0], stays[1], stays[2]))
write(rec, text.rstrip("\n") + body)
for aud, out, r in audiences(content, "mixed", "numbers in digits and "
                             "numerals", {w: v for w, (v, _) in
                                          mixed.items()}):
    page = texts(out).get(os.path.join("cases", "CL-2024-007",
                                       "index.html"), "")
    written = [m for _, m in mixed.values() if m in page]
    t.ok(r.returncode == 0 and not written, "%s: no number in digits and "
         "numerals stands on the case page as written" % aud, written)
    gone = [v for v in stays if v not in page]
    t.ok(r.returncode == 0 and not gone, "%s: a date, a month and a count "
         "in digits and numerals stay" % aud, gone)

# --- 号码 alone; addresses of mail in Chinese ---------------------------
# A local number after 号码 (他的号码是, 区号…，号码) is a telephone's,
# but not after the name of a document (发票号码, 批准号码).  An address
# of mail whose local part or domain is in Chinese is withheld whole,
# and the words that introduce it stay.
content = copy_content()
rec = os.path.join(content, "cases", "2024", "CL-2024-007.md")
text = read(rec)
local3 = ["7%03d %04d" % (520 + i, 3300 + 71 * i) for i in range(5)]
docs = ["%d" % (83140000 + 977 * i) for i in range(2)]
mails = {
    "an address with a local part in Chinese": "岚山居士@qq.com",
    "an address under a domain in Chinese": "lanshan.ju@澄岚政务.中国",
    "an address with a top-level domain in Chinese (traditional)":
        "lsju77@chenglan.中國",
    "a local part in Chinese before a provider alone": "岚风霁月@163",
    "an address with a label in Chinese and letters":
        "秋水长天@xx政务.gov.cn",
}
body = ("\n\n他的号码是%s。\n\n区号0999，号码%s。\n\n其留下的号码：%s。"
        "\n\n宅电：%s（白天）、%s（晚上）。"
        "\n\n发票号码%s，批准号码%s，均已核对。"
        "\n\n如需联系，请发邮件至%s或%s。\n\n备用邮箱为%s，另见%s（已注销）；"
        "电子邮箱：%s。\n\n通知已转发@各乡镇。\n"
        "\n\n另有邮箱竹影清风＠qq.com，及松间明月小老鼠163.com。\n"
        % tuple(local3 + docs + list(mails.values())))
# Written with a full-width at, or an at said in Chinese: their local
# parts.
spoken = ["竹影清风", "松间明月"]
write(rec, text.rstrip("\n") + body)
for aud, out, r in audiences(
        content, "mail", "号码 and addresses in Chinese",
        dict(zip(["a local number after 号码是", "after 区号 and 号码",
                  "after 号码：", "the first of a list with notes in "
                  "brackets", "the second of it, after （白天）、"],
                 local3))):
    got = texts(out)
    for what, v in mails.items():
        # The address, and its local part (in the internal audience's
        # mask, not three characters of a name either).
        local = v.split("@")[0]
        parts = [v, local, local[:3] if local[0] > "~" else local]
        held = sorted(p for p, s in got.items()
                      if any(x in s for x in parts))
        t.ok(r.returncode == 0 and not held, "%s: %s (%s) is in no output "
             "file" % (aud, what, v), held[:5])
    for local in spoken:
        held = sorted(p for p, s in got.items()
                      if local in s or local[:3] in s)
        t.ok(r.returncode == 0 and not held, "%s: a local part in Chinese "
             "before ＠ or 小老鼠 (%s) is in no output file" % (aud, local),
             held[:5])
    page = got.get(os.path.join("cases", "CL-2024-007", "index.html"), "")
    stay = docs + ["请发邮件至", "备用邮箱为", "电子邮箱：", "转发@各乡镇"]
    gone = [v for v in stay if v not in page]
    t.ok(r.returncode == 0 and not gone, "%s: numbers after 发票号码 and "
         "批准号码, the words before an address and a mention (@各乡镇) "
         "stay" % aud, gone)

# --- A word that turns to the next telephone ----------------------------
# After a telephone, a joiner and a word that turns to another number
# (现用, 改为, 备用 …) introduce a telephone too, perhaps with 为 or a
# colon after it; a count, a date or a document's number after such a
# word stays.
content = copy_content()
rec = os.path.join(content, "cases", "2024", "CL-2024-007.md")
text = read(rec)
firsts = ["5%03d %04d" % (731 + 17 * i, 4410 + 53 * i) for i in range(4)]
turned = ["5%03d%04d" % (812 + 19 * i, 6120 + 37 * i) for i in range(4)]
body = ("\n\n当事人宅电%s；现用%s。\n\n其办公电话为%s，后改为：%s。"
        "\n\n联系电话：%s，备用号码%s。\n\n其座机%s，另有%s可联系。"
        "\n\n联系电话：%s，另有%s件投诉已办结；还有2023年12月的记录，"
        "以及编号%s的文件。\n"
        % (firsts[0], turned[0], firsts[1], turned[1], firsts[2], turned[2],
           firsts[3], turned[3], "6123 4077", "12345678", "20240731"))
write(rec, text.rstrip("\n") + body)
for aud, out, r in audiences(
        content, "turn", "words that turn to another telephone",
        dict(zip(["after ；现用", "after ，后改为：", "after ，备用号码",
                  "after ，另有"], turned))):
    page = texts(out).get(os.path.join("cases", "CL-2024-007",
                                       "index.html"), "")
    stay = ["12345678件", "2023年12月", "编号20240731"]
    gone = [v for v in stay if v not in page]
    t.ok(r.returncode == 0 and not gone, "%s: a count, a date and a "
         "document's number after 另有, 还有 and 以及 stay" % aud, gone)

# --- Seven digits of a phone in a date or a document's number -----------
# Redaction withholds seven digits of a record's phone in a row, read
# across separators; a date or a document's number whose digits hold
# them, but cut a group of digits to do so, is no part of the phone and
# stays (the audit then has nothing to find elsewhere in it).  Seven
# digits that stand as groups of their own are a part of it still.
content = copy_content()
rec = os.path.join(content, "cases", "2024", "CL-2024-007.md")
text = read(rec)
y, mo, d = 2019 + 3 % 5, 4 + 7 % 8, 13 + 11 % 15
date = "%d-%02d-%02d" % (y, mo, d)
dated = "17" + date.replace("-", "")[1:] + "62"     # its digits 2..8
docy, docn = 2020 + 2 % 4, 6000 + 379 * 3
doc = "〔%d〕%d号" % (docy, docn)
docd = "19" + ("%d%d" % (docy, docn))[:7] + "52"    # the first 7 of them
ends = "1" + "53" + ("%d%d" % (docy, docn + 2))     # ends in docy, docn + 2
assert len(dated) == len(docd) == len(ends) == 11
entry = ("third_parties:\n  - name: 澄岚县惠民粮油商店\n    phone: \"%s\"\n"
         "  - name: 澄岚县顺达物流有限公司\n    phone: \"%s\"\n"
         "  - name: 澄岚县安居物业服务中心\n    phone: \"%s\"\n"
         % (dated, docd, ends))
text = text.replace("\noutcome:", "\n" + entry + "outcome:", 1)
tail = "%d-%d" % (docy, docn + 2)
# The subject's identity number in groups, its check digit typed wrong:
# the part up to the last whole group is withheld.
idn = re.search(r'(?m)^  id_number: "([0-9]{17}[0-9X])"$', text).group(1)
wrong = idn[:17] + ("4" if idn[17] != "4" else "6")
typo = "-".join((wrong[:6], wrong[6:10], wrong[10:14], wrong[14:]))
body = ("\n\n该商店于%s提交整改报告，依据%s文件办理。"
        "\n\n该中心电话尾号为%s。"
        "\n\n其申辩材料将身份证号码误写为%s。\n" % (date, doc, tail, typo))
write(rec, text.rstrip("\n") + body)
for aud, out, r in audiences(
        content, "parts", "seven digits of a phone in a date and a "
        "document's number", {"a phone whose digits hold a date's": dated,
                              "a phone whose digits hold a document "
                              "number's": docd,
                              "a phone whose last eight digits stand as two "
                              "groups": "".join(tail.split("-")),
                              "an identity number in groups, its check digit "
                              "wrong, by its first 14 digits": idn[:14]}):
    page = texts(out).get(os.path.join("cases", "CL-2024-007",
                                       "index.html"), "")
    stay = [date, doc]
    gone = [v for v in stay if v not in page]
    t.ok(r.returncode == 0 and not gone, "%s: a date and a document's "
         "number that cut a group of digits to hold seven of a phone's stay"
         % aud, gone)

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
