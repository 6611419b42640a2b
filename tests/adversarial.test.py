"""Adversarial redaction: a corpus of fictional records (tests/adversarial/
cases/) that tries every route by which a confidential value could reach
the published portal, built with the sample site.yaml and policy.yaml.

For the public audience the build must pass its own audit, `disclose
audit` must pass on the result, and an independent checker written here
(it shares no code with the generator) must find none of the planted
originals in any output file, in any form a reader could decode: HTML
entities (twice), percent-encoding (twice, and form encoding), JSON
escapes, markup between characters, full-width forms (NFKC), whitespace
and invisible characters between characters, separators inside numbers.
The originals are listed below by hand, not taken from the generator.

Then the other direction: what is not confidential stays readable (the
unit, positions, case numbers, dates, amounts, the hotline, the portal's
own contact address, numbers that fail their checksum), pseudonyms come
out as promised, each page says how many items were withheld and on what
ground, and the withheld marker does not depend on the original's length.
Finally the internal audience: names kept, numbers masked, hand marks
highlighted, and its audit passes too.

Each record is also built alone, so that a record that breaks the build
does not hide what the others show.
"""
import bz2
import glob
import html
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import urllib.parse

import html5lib

from testlib import TAP, build, copy_content, run, tmpdir, tree

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "adversarial"))
import checksums  # noqa: E402  (tests/adversarial/checksums.py)

CORPUS = os.path.join(HERE, "adversarial", "cases")
t = TAP()

# ---------------------------------------------------------------------
# What was planted.  (case, original, kind, route).  kind says what the
# internal audience may see: "name" and "mark" are shown to it, "kept-
# internal" is a field its policy keeps; everything else it must not see
# in full either (withheld, or masked).
# ---------------------------------------------------------------------
WJG = "王建国"
SECRETS = [
    # 001: names in the title, summary and every kept field.
    ("AD-2024-001", WJG, "name", "subject name: title, summary, factors, "
     "procedure note, witness position, revision note, heading, body"),
    ("AD-2024-001", "王丽华", "name", "witness name (same surname as the "
     "subject): summary, factor, revision note, body"),
    ("AD-2024-001", "欧阳明华", "name", "witness name, compound surname: "
     "summary, procedure note, body"),
    ("AD-2024-001", "999908197005123333", "", "subject id_number field"),
    ("AD-2024-001", "13907550001", "", "subject phone field"),
    ("AD-2024-001", "wangjg.a01@mail.example.cn", "", "subject email "
     "field"),
    ("AD-2024-001", "澄岚县青石镇幸福路18号", "", "subject address field, "
     "also in the body and a revision note"),
    # 002-008: the subject's name through Markdown.
    ("AD-2024-002", WJG, "name", "emphasis splitting the name "
     "(王**建国**, 王*建*国, ***王建国***, 王***建***国, setext heading, "
     "list, blockquote)"),
    ("AD-2024-003", WJG, "name", "link text, link URL plain and "
     "percent-encoded (upper and lower case, UTF-8 and GBK, query, "
     "fragment, <…> URL), "
     "link title, reference definitions with a title, across a link "
     "boundary"),
    ("AD-2024-004", WJG, "name", "image alt text, image title, image URL, "
     "image inside a link"),
    ("AD-2024-004", "13907550004", "", "detected mobile in image alt text"),
    ("AD-2024-005", WJG, "name", "code span, fenced and indented code"),
    ("AD-2024-005", "13907550005", "", "detected mobile in fenced and "
     "indented code"),
    ("AD-2024-006", WJG, "name", "soft and hard line breaks, space, "
     "ideographic space, ZWSP, ZWJ, BOM, soft hyphen, word joiner inside "
     "the name; listing excerpt (no summary)"),
    ("AD-2024-007", WJG, "name", "HTML character references in the "
     "Markdown source (decimal, hex, mixed), in link text and URL"),
    ("AD-2024-007", "13907550007", "", "mobile written as character "
     "references"),
    ("AD-2024-008", WJG, "name", "raw HTML block, inline HTML, HTML "
     "comments (inline and block)"),
    ("AD-2024-008", "13907550008", "", "mobile in raw HTML and comments"),
    # 009: autolinks and mailto.
    ("AD-2024-009", WJG, "name", "subject name"),
    ("AD-2024-009", "13907550009", "", "subject phone field: tel: autolink, "
     "tel: link, URL query"),
    ("AD-2024-009", "wangjg.a09@mail.example.cn", "", "subject email field: "
     "mailto autolink, e-mail autolink, mailto link with query, upper "
     "case, full-width"),
    ("AD-2024-009", "li.wen.a09@corp.example.cn", "", "detected e-mail in "
     "an autolink"),
    ("AD-2024-009", "zhou.ping.a09@corp.example.cn", "", "detected e-mail "
     "in a mailto link"),
    # 010: mobiles and landlines in the body.
    ("AD-2024-010", WJG, "name", "subject name"),
    ("AD-2024-010", "13907551234", "", "subject phone field: plain, spaces, "
     "dashes, +86, 0086, full-width, ideographic spaces, emphasis split"),
    ("AD-2024-010", "15912340001", "", "detected mobile, plain"),
    ("AD-2024-010", "18623450010", "", "detected mobile, +86 with spaces"),
    ("AD-2024-010", "15912340011", "", "detected mobile, full-width with "
     "full-width dashes"),
    ("AD-2024-010", "15912340012", "", "detected mobile split by a soft "
     "line break (159 1234⏎0012)"),
    ("AD-2024-010", "15912340013", "", "detected mobile with zero-width "
     "spaces between its groups"),
    ("AD-2024-010", "0999-86123456", "", "detected landline with dash and "
     "in parentheses"),
    ("AD-2024-010", "0999-86123457", "", "detected landline with spaces"),
    ("AD-2024-010", "0999-86123459", "", "detected landline, full-width "
     "with full-width parentheses"),
    # 011: identity numbers.
    ("AD-2024-011", WJG, "name", "subject name"),
    ("AD-2024-011", "99990219751108253X", "", "subject id_number field: "
     "plain, lower-case x, groups of 6-8-4 and 4-4-4-4-2, full-width, in a "
     "link URL"),
    ("AD-2024-011", "999901198003174129", "", "detected identity number"),
    ("AD-2024-011", "99991019950101222X", "", "detected identity number, "
     "lower-case x"),
    ("AD-2024-011", "999909198309251116", "", "detected identity number "
     "split by a soft line break (999909⏎198309251116)"),
    # 012: bank cards and credit codes.
    ("AD-2024-012", WJG, "name", "subject name"),
    ("AD-2024-012", "91999901MA1K2L3P41", "kept-internal", "third party "
     "credit_code field, also in the body, upper and lower case"),
    ("AD-2024-012", "92999902MA7Q8R9T0R", "", "detected credit code"),
    ("AD-2024-012", "6222021234567890128", "", "detected bank card, plain "
     "and in groups"),
    ("AD-2024-012", "6217001234567810", "", "detected 16-digit bank card "
     "in groups"),
    ("AD-2024-012", "0999-86123460", "", "third party phone field, also in "
     "the body"),
    # 013: numbers in kept fields.
    ("AD-2024-013", "赵立新", "name", "subject name"),
    ("AD-2024-013", "钱文斌", "name", "witness name, also in a procedure "
     "note"),
    ("AD-2024-013", "13907550013", "", "subject phone field"),
    ("AD-2024-013", "0999-86123458", "", "landline in the title"),
    ("AD-2024-013", "15912340002", "", "+86 mobile in the summary"),
    ("AD-2024-013", "18623450004", "", "mobile in a witness position"),
    ("AD-2024-013", "999907198801015059", "", "witness id_number field, "
     "also in a procedure note"),
    ("AD-2024-013", "999904198512307777", "", "identity number in "
     "factors.conditions"),
    ("AD-2024-013", "zhao.lx.a13@corp.example.cn", "", "e-mail in "
     "factors.consequence"),
    ("AD-2024-013", "15912340003", "", "full-width mobile in a procedure "
     "note"),
    ("AD-2024-013", "999905196907041384", "", "identity number in a "
     "revision note"),
    ("AD-2024-013", "6228480000111122222", "", "bank card in a revision "
     "note"),
    # 014: hand marks.
    ("AD-2024-014", WJG, "name", "subject name"),
    ("AD-2024-014", "线索来源为匿名举报人", "mark", "hand mark, plain"),
    ("AD-2024-014", "青石镇老街东侧地块", "mark", "hand mark, repeated "
     "unmarked in the body and in a revision note"),
    ("AD-2024-014", "涉及商业秘密的报价单", "mark", "hand mark containing "
     "emphasis"),
    ("AD-2024-014", "内部研判意见", "mark", "hand mark in a heading"),
    ("AD-2024-014", "列表中的证人住址信息", "mark", "hand mark in a list "
     "item"),
    ("AD-2024-014", "内部编号Q-7", "mark", "hand mark in a code span"),
    # 015: one surname, a prefix, a compound surname.
    ("AD-2024-015", "王明亮", "name", "subject name (王明 is its prefix)"),
    ("AD-2024-015", "王明", "name", "witness name, prefix of the subject's"),
    ("AD-2024-015", "欧阳晓峰", "name", "witness name, compound surname, "
     "emphasis split"),
    # 016: a withdrawn case.
    ("AD-2024-016", WJG, "name", "subject name in the withdrawal reason "
     "and the body"),
    ("AD-2024-016", "17755550123", "", "subject phone field, in the "
     "withdrawal reason with spaces, in the body"),
    ("AD-2024-016", "17755550124", "", "detected mobile in the withdrawal "
     "reason"),
    # 017: counting and the marker.
    ("AD-2024-017", "陈卫东", "name", "subject name"),
    ("AD-2024-017", "999911196606064440", "", "subject id_number field"),
    ("AD-2024-017", "13907550017", "", "subject phone field"),
    ("AD-2024-017", "密件", "mark", "2-character hand mark"),
    ("AD-2024-017", "一份十八个字符长度的内部审查意见书", "mark",
     "18-character hand mark"),
    ("AD-2024-017", "999906199208153926", "", "detected identity number"),
    # 018-020, 023, 024: routes that break the build when missed.
    ("AD-2024-018", WJG, "name", "link URL percent-encoded twice "
     "(%25E7%258E%258B…)"),
    ("AD-2024-019", WJG, "name", "info string of a fenced code block "
     "(```王建国 → class=\"language-王建国\")"),
    ("AD-2024-020", WJG, "name", "inline HTML between the characters "
     "(王<b>建</b>国, 王<!-- x -->建国) in the first paragraph, no summary "
     "(listing excerpt)"),
    ("AD-2024-021", "孙志刚", "name", "subject name"),
    ("AD-2024-022", "孙志刚", "name", "subject name"),
    ("AD-2024-023", WJG, "name", "entities escaped twice in the source "
     "(&amp;#29579;…) and percent-encoding in plain text"),
    ("AD-2024-024", "赵立新", "name", "subject name"),
    ("AD-2024-024", "15912340014", "", "mobile split by a line break in a "
     "kept field (YAML literal block in factors.policy)"),
    # 025: numbers against Latin letters.
    ("AD-2024-025", "周海涛", "name", "subject name"),
    ("AD-2024-025", "13907550025", "", "detected mobile after Latin letters "
     "(Tel13907550025)"),
    ("AD-2024-025", "13907550026", "", "detected mobile before Latin "
     "letters (13907550026ext)"),
    ("AD-2024-025", "999912197811115551", "", "detected identity number "
     "after Latin letters (ID999912197811115551)"),
    ("AD-2024-025", "6217001234567828", "", "detected bank card after Latin "
     "letters (No6217001234567828)"),
    # 2025: the text officers really write.
    ("AD-2025-001", "柏文涛", "name", "subject name"),
    ("AD-2025-001", "15800003101", "", "first of a list joined by ，"),
    ("AD-2025-001", "15800003102", "", "second of a list joined by ，"),
    ("AD-2025-001", "15800003103", "", "third of a list joined by ，"),
    ("AD-2025-001", "15800003105", "", "after a comma without space"),
    ("AD-2025-001", "15800003107", "", "after 、"),
    ("AD-2025-001", "15800003108", "", "after ；"),
    ("AD-2025-001", "15800003109", "", "after Tel."),
    ("AD-2025-001", "6214830001112225", "", "card after No."),
    ("AD-2025-001", "4367456789012344", "", "card after ，"),
    ("AD-2025-002", "15800003201", "", "groups joined by dots"),
    ("AD-2025-002", "15800003202", "", "groups joined by em dashes"),
    ("AD-2025-002", "15800003203", "", "groups joined by wave dashes"),
    ("AD-2025-002", "15800003204", "", "groups joined by slashes"),
    ("AD-2025-002", "15800003205", "", "groups joined by middle dots"),
    ("AD-2025-002", "15800003206", "", "groups joined by underscores"),
    ("AD-2025-002", "15800003207", "", "groups joined by ' | '"),
    ("AD-2025-002", "999915198207041019", "", "identity number 6.8.4 with "
     "dots"),
    ("AD-2025-003", "魏思远", "name", "subject name"),
    ("AD-2025-003", "15800003301", "", "subject phone field, in the body "
     "with dots, full-width dashes and Chinese numerals"),
    ("AD-2025-003", "15800003301", "", "subject phone field, in the body "
     "with letters written for digits (158OOOO33O1, l58 0000 3301)"),
    ("AD-2025-003", "999908197511122026", "", "subject id_number field, in "
     "the body in groups of four"),
    ("AD-2025-004", "999904900101303", "", "15-digit identity number"),
    ("AD-2025-004", "9558800012345678903", "", "19-digit card from 9"),
    ("AD-2025-004", "099986123470", "", "landline without separator"),
    ("AD-2025-004", "8612347", "", "landline without area code after 电话"),
    ("AD-2025-004", "86123471", "", "landline without area code after 传真"),
    ("AD-2025-004", "cao.lm@corp.example.cn", "", "e-mail with [at], (at) "
     "and spaces around @"),
    ("AD-2025-004", "92999908MA5N6P7Q8C", "", "credit code with a space"),
    ("AD-2025-005", "方文静", "name", "subject name with U+2005, U+200A, "
     "U+205F, U+200E/U+200F, U+034F, U+FE0F, U+E0100, and a Kangxi radical"),
    ("AD-2025-005", "15800003501", "", "subject phone in mathematical and "
     "circled digits"),
    ("AD-2025-006", "喻国栋", "name", "subject name of case A"),
    ("AD-2025-007", "喻国栋", "name", "case A's subject named in case B"),
    ("AD-2025-007", "卞志远", "name", "subject name of case B"),
    ("AD-2025-008", "阿不都·热合曼", "name", "name with • ・ . ‧ and no "
     "interpunct"),
    ("AD-2025-009", "柯小兰", "name", "other person after 村民"),
    ("AD-2025-009", "龚建平", "name", "other person after 原所长"),
    ("AD-2025-010", "黄振华", "name", "subject name in traditional "
     "characters"),
    ("AD-2025-011", "澄岚县青石镇南湖路23号", "", "subject address field"),
    ("AD-2025-011", "青石镇南湖路23号", "", "a part of the address"),
    ("AD-2025-011", "南湖路23号", "", "six characters of the address"),
    ("AD-2025-011", "杏花村三组", "", "a witness's village group, the last "
     "five characters of the address, also with a digit (杏花村3组)"),
    ("AD-2025-011", "杏花村3组", "", "a witness's village group, its number "
     "in a digit"),
    ("AD-2025-011", "滨江花园2栋", "", "a witness's building, the last six "
     "characters of the address"),
    ("AD-2025-011", "花园二栋", "", "the last four characters of the "
     "address, its number in a Chinese numeral"),
    ("AD-2025-012", "15800003601", "", "a procedure note that is only a "
     "phone, and the same phone in the body"),
    ("AD-2025-012", "6214830001112225", "", "a revision note that is only a "
     "card number"),
    ("AD-2025-012", "hu.xm@dept.example.com", "", "a paragraph that is only "
     "an e-mail address"),
    ("AD-2025-013", "土地流转合同", "mark", "hand mark in the title"),
    ("AD-2025-013", "某合作社", "mark", "hand mark in the summary"),
    ("AD-2025-013", "内部审查意见", "mark", "hand mark in a revision note"),
    ("AD-2025-014", "高明", "name", "subject name (also an ordinary word)"),
    ("AD-2025-014", "周到", "name", "witness name (also an ordinary word)"),
    ("AD-2025-015", "上官雨桐", "name", "subject name split by a hyphen, "
     "dashes, an underscore, a slash, letters drawn as a raised dot, a "
     "plus, a star, a tilde and a bar"),
    ("AD-2025-015", "岑岚", "name", "two-character witness name split by "
     "a hyphen, a slash between spaces, U+A78F, a plus and a star"),
    ("AD-2025-015", "15800003801", "", "subject phone with a Chinese "
     "character, three characters, and &nbsp without its semicolon "
     "between its groups"),
    ("AD-2025-015", "999906198503174418", "", "subject identity number with "
     "its birth date written as a date"),
    ("AD-2025-015", "99990619850317441", "", "the first 17 digits of the "
     "subject's identity number (which give the 18th), before 元"),
    ("AD-2025-015", "1580000", "", "the first seven digits of the subject's "
     "phone"),
    ("AD-2025-015", "0003801", "", "the last seven digits of the subject's "
     "phone"),
    ("AD-2025-016", "马俊华", "name", "subject name with a radical of the "
     "CJK Radicals Supplement (U+2EE2), in the summary and the body"),
    ("AD-2025-016", "高卫东", "name", "witness name in semantic variants "
     "(髙, 衞) and a traditional character, in a procedure note"),
    ("AD-2025-016", "黄长春", "name", "witness name in two radicals of the "
     "CJK Radicals Supplement (U+2EE9, U+2ED3)"),
    ("AD-2025-016", "吕值远", "name", "witness name with a z-variant (値)"),
    ("AD-2025-017", "qiyl.2019", "", "the account before the @ of the "
     "subject's withheld e-mail, alone in the body, in a procedure note "
     "and at another domain"),
    ("AD-2025-017", "573920148", "", "the QQ number before the @ of a "
     "witness's withheld e-mail, in the body (full-width, grouped) and in a "
     "revision note"),
    ("AD-2025-018", "86731301", "", "landline after 总机"),
    ("AD-2025-018", "86731302", "", "landline after 分机号"),
    ("AD-2025-018", "86731303", "", "landline after 办公室"),
    ("AD-2025-018", "86731304", "", "eight digits after 手机"),
    ("AD-2025-018", "86731305", "", "landline after 可联系, in a procedure "
     "note"),
    ("AD-2025-018", "86731306", "", "landline after 打"),
    ("AD-2025-018", "86731307", "", "landline after the country's code 86 "
     "without + or 00, its area code without the 0 (86-571-…)"),
    ("AD-2025-018", "86731308", "", "landline after 电话 with its area code "
     "without the 0 (571-…)"),
    ("AD-2025-018", "86731309", "", "landline after (86), its area code "
     "without the 0, in groups"),
    ("AD-2025-018", "86731311", "", "landline of a list after 或者"),
    ("AD-2025-018", "86731312", "", "landline of a list after 以及"),
    ("AD-2025-018", "86731314", "", "landline of a list after or"),
    ("AD-2025-019", "zhouqm01", "", "e-mail with [@]"),
    ("AD-2025-019", "zhouqm02", "", "e-mail with （艾特）"),
    ("AD-2025-019", "zhouqm03", "", "e-mail with 【@】"),
    ("AD-2025-019", "zhouqm06", "", "e-mail with {at} and {dot}"),
    ("AD-2025-019", "zhouqm07", "", "e-mail with [at] and [.]"),
    ("AD-2025-019", "zhouqm08", "", "e-mail with the word at in Chinese "
     "text before a dotted common domain"),
    ("AD-2025-019", "zhouqm04", "", "e-mail with (@)"),
    ("AD-2025-019", "zhouqm05", "", "e-mail with 圈, in a procedure note"),
    ("AD-2025-020", "荷塘路一百二十八号", "", "the subject's address with its "
     "numbers in Chinese numerals, in the body and a procedure note"),
    ("AD-2025-020", "三单元一一〇二", "", "the subject's flat in Chinese "
     "numerals, digit by digit"),
    ("AD-2025-020", "7—3—1102", "", "the subject's building, unit and "
     "flat with dashes where the address has units"),
    ("AD-2025-020", "栋4单元601", "", "the witness's flat with units "
     "where the address has dashes"),
    ("AD-2025-020", "枫林小区十二栋", "", "the witness's building in Chinese "
     "numerals"),
    ("AD-2025-021", "356281071", "kept-internal", "the organization code "
     "inside a "
     "third party's withheld credit code, in a procedure note and, "
     "full-width, in the body"),
    ("AD-2025-021", "376258103942173", "", "a card of 15 digits from 37 "
     "(American Express), grouped 4-6-5"),
    ("AD-2025-021", "36182504791363", "", "a card of 14 digits from 36 "
     "(Diners Club)"),
    ("AD-2025-022", "Shan Liping", "name", "the subject's name in Pinyin, "
     "surname first (read as a surname, not as 单 dān), upper case and with "
     "a hyphen in the given name"),
    ("AD-2025-022", "Liping Shan", "name", "the subject's name in Pinyin, "
     "given name first"),
    ("AD-2025-022", "Xuemei Lv", "name", "a witness's name with ü as v"),
    ("AD-2025-022", "Lyu Xuemei", "name", "a witness's name with ü as yu, in "
     "a procedure note"),
    ("AD-2025-022", "Lü Xuemei", "name", "a witness's name with ü"),
    ("AD-2025-022", "Shàn Lìpíng", "name", "the subject's name in Pinyin "
     "with its tone marks"),
    ("AD-2025-022", "Ouyang Wenbo", "name", "a compound surname in Pinyin, "
     "both orders, upper case"),
    ("AD-2025-022", "Lv Xuemei", "name", "a witness's name in Pinyin between "
     "Han characters, without spaces, as Chinese sets a Latin word "
     "(经办人Lv Xuemei送达)"),
    ("AD-2025-022", "Wenbo Ouyang", "name", "a compound surname in Pinyin, "
     "given name first, right before Han characters (Wenbo Ouyang知悉)"),
    ("AD-2025-029", "305728146", "", "a QQ number after its label"),
    ("AD-2025-029", "wxid_k9m2p7", "", "a WeChat ID after its label"),
    ("AD-2025-029", "zhaoyl_1983", "", "a WeChat ID after 微信 and a colon"),
    ("AD-2025-029", "2093817465", "", "a QQ number after QQ and a colon"),
    ("AD-2025-029", "1830274659", "", "a QQ number after two labels "
     "parted by a slash (QQ/微信：)"),
    ("AD-2025-029", "lyq_20170315", "", "a WeChat ID after 微信同号"),
    ("AD-2025-029", "E39281746", "", "a passport's number after its label"),
    ("AD-2025-029", "C50718293", "", "a travel permit's number after 为"),
    ("AD-2025-029", "浙A·6K2B9", "", "a private car's plate after its label"),
    ("AD-2025-029", "浙B-73M15", "", "a car's plate after 车牌 and a colon"),
    ("AD-2025-022", "Shan, Liping", "name", "the subject's name in Pinyin, "
     "surname first with a comma after it, as an index lists it"),
    ("AD-2025-022", "Ouyang, Wenbo", "name", "a compound surname in Pinyin "
     "with a full-width comma after it, upper case"),
    ("AD-2025-022", "Lv/Xuemei", "name", "a witness's name in Pinyin as a "
     "ticket writes it, surname, slash, given name"),
    ("AD-2025-022", "Wenbo, Ouyang", "name", "a compound surname in Pinyin, "
     "given name first with a comma after it"),
    ("AD-2025-022", "shan_liping", "name", "the subject's name in Pinyin "
     "joined by underscores in a file's name (shan_liping_cv.pdf)"),
    ("AD-2025-023", "康志恒", "name", "subject name"),
    ("AD-2025-023", "0571-66240301", "", "a landline before <br>, which "
     "the page omits, so the next number runs on"),
    ("AD-2025-023", "0571-66240302", "", "a landline between <br> and "
     "<br/>"),
    ("AD-2025-023", "0571-66240303", "", "the last landline of a <br> list"),
    ("AD-2025-023", "15700002301", "", "a mobile in a <span> of its own, "
     "the next one right after"),
    ("AD-2025-023", "15700002302", "", "the second <span>'s mobile"),
    ("AD-2025-023", "990102198605123016", "", "an identity number before "
     "<br>"),
    ("AD-2025-023", "990102197911234027", "", "an identity number after "
     "<br>"),
    ("AD-2025-023", "kangzh@163.com", "", "an e-mail address before <BR>, "
     "the next address running on"),
    ("AD-2025-023", "zhiheng.k@qq.com", "", "an e-mail address after <BR>"),
    ("AD-2025-023", "6214830002233442", "", "a card before <br>"),
    ("AD-2025-023", "6228480022334459", "", "a card after <br>"),
    ("AD-2025-023", "66240311", "", "a landline before a stray </td><td> "
     "after a phone label"),
    ("AD-2025-023", "66240312", "", "a landline after a stray </td><td>"),
    ("AD-2025-024", "蓝慧敏", "name", "subject name"),
    ("AD-2025-024", "15700002401", "", "a mobile's groups parted by 丶"),
    ("AD-2025-024", "15700002402", "", "a mobile's groups parted by 丨"),
    ("AD-2025-024", "15700002403", "", "a mobile's groups parted by ー"),
    ("AD-2025-024", "15700002404", "", "a mobile's groups parted by the "
     "half-width ｰ"),
    ("AD-2025-024", "15700002405", "", "a mobile's groups parted by ˉ, "
     "a modifier letter (the macron of a Chinese keyboard)"),
    ("AD-2025-024", "15700002406", "", "a mobile's groups parted by ˇ, "
     "a modifier letter (a tone mark)"),
    ("AD-2025-024", "0571-66240243", "", "a landline, one 丶 between its "
     "area code and its local number"),
    ("AD-2025-024", "0571-66240244", "", "a landline after 传真, one 丨 "
     "between its area code and its local number"),
    ("AD-2025-024", "010-6624245", "", "a landline of seven digits after a "
     "three-digit area code and one ー"),
    ("AD-2025-024", "0571-66240245", "", "a landline, one 丶 after its "
     "area code, its local number in two groups (0571丶6624 0245)"),
    ("AD-2025-024", "020-66240246", "", "a landline, one 丨 after its "
     "area code, its local number in groups with a dash"),
    ("AD-2025-024", "0571-66240247", "", "a landline, one 丶 after its "
     "area code in brackets ((0571)丶…)"),
    ("AD-2025-024", "0571-66240248", "", "a landline, one ー after its "
     "area code in full-width brackets, an item of a list after a mobile"),
    ("AD-2025-024", "13900002407", "", "a mobile before a landline with "
     "a drawn mark, in a list"),
    ("AD-2025-024", "990102198803154120", "", "an identity number's "
     "groups parted by 丨"),
    ("AD-2025-024", "6214830003344552", "", "a card's groups parted by ー"),
    ("AD-2025-025", "祁文海", "name", "the subject's name, one mark "
     "between each two characters: =, ^, 、 with spaces"),
    ("AD-2025-025", "诸葛明月", "name", "a compound surname, one mark "
     "between each two characters: #, ー"),
    ("AD-2025-025", "喻国栋", "name", "another case's subject, a comma or "
     "a colon between each two characters"),
    ("AD-2025-026", "钭建军", "name", "subject name"),
    ("AD-2025-026", "15700002601", "", "a mobile after ① (its item's number, "
     "which folds to 1)"),
    ("AD-2025-026", "15700002602", "", "a mobile between ② and ③"),
    ("AD-2025-026", "15700002603", "", "a mobile after ③, the list's last"),
    ("AD-2025-026", "15700002604", "", "a mobile after ⑩ (two digits)"),
    ("AD-2025-026", "15700002605", "", "a mobile after ⑪"),
    ("AD-2025-026", "0571-66240601", "", "a landline after ㉑"),
    ("AD-2025-026", "15700002606", "", "a mobile written in circled and "
     "plain digits mixed"),
    ("AD-2025-027", "闵晓岚", "name", "subject name"),
    ("AD-2025-027", "99010219880315506X", "", "an identity number in "
     "groups after an item's number and a space (序号7 …506X)"),
    ("AD-2025-027", "990102198803155086", "", "an identity number in "
     "groups after a label and an item's number that, with its first two "
     "groups, passes as a card (序号11：…)"),
    ("AD-2025-027", "990102198803155000", "", "an identity number in "
     "groups after a label and an item's number that, with it, passes as "
     "a card of 19 digits (序号2：…)"),
    ("AD-2025-027", "990102198803155019", "", "an identity number after "
     "an item's number and 、 (11、…)"),
    ("AD-2025-027", "990102198803155027", "", "an identity number after "
     "an item's number and 、 (12、…)"),
    ("AD-2025-028", "邝子谦", "name", "the subject's name, one mark "
     "between two of its characters: #, ■, =, ˉ; a character in brackets; "
     "丨 between its characters; ## after the surname"),
    ("AD-2025-028", "邝Ziqian", "name", "the subject's name, its given "
     "name in Latin letters"),
    ("AD-2025-028", "Ouyang春燕", "name", "a compound surname in Latin "
     "letters, the given name in Chinese characters"),
    ("AD-2025-028", "喻Guodong", "name", "another case's subject, its "
     "given name in Latin letters"),
    ("AD-2025-028", "邝委员子谦", "name", "the subject's given name after "
     "the surname and an office"),
    ("AD-2025-028", "欧阳主任春燕", "name", "a given name after a compound "
     "surname and an office"),
    ("AD-2025-028", "喻常务副局长国栋", "name", "another case's subject's "
     "given name after the surname and an office"),
    ("AD-2025-028", "欧阳春燕", "name", "a compound surname, one mark "
     "between two of its characters: @, ※, $; each character in 「」; 丶 "
     "after the surname; -# after the surname"),
    ("AD-2025-028", "喻国栋", "name", "another case's subject, one mark "
     "between two of its characters: &, ★; a character in 【】"),
]

# Records built together when built "alone": a person of one case named
# in another is protected only where the portal knows both.
TOGETHER = {"AD-2025-007": ["AD-2025-006", "AD-2025-007"],
            "AD-2025-025": ["AD-2025-006", "AD-2025-025"],
            "AD-2025-028": ["AD-2025-006", "AD-2025-028"],
            "AD-2025-006": ["AD-2025-006", "AD-2025-007"]}
# The phrases the corpus's policy calls ordinary (AD-2025-014).
ORDINARY = ["不高明", "服务周到"]

CASES = sorted(os.path.basename(p)[:-3] for p in
               glob.glob(os.path.join(CORPUS, "*", "*.md")))
GROUNDS = {
    "privacy": "《中华人民共和国政府信息公开条例》第十五条（涉及个人隐私）",
    "third_party": "《中华人民共和国政府信息公开条例》第十五条（涉及第三方合法权益）",
    "marked": "《中华人民共和国政府信息公开条例》第十四条、第十五条（经审核依法不予公开的内容）",
}
CONTACT = "jubao@example.gov.cn"
WITHHELD_TEXT = "[依法不予公开]"
MARKER_RE = re.compile(
    r'<span class="withheld" title="([^"]*)"><span aria-hidden="true">'
    r'■■■</span><span class="vh">依法不予公开</span></span>')
# On a case page, each withheld or changed item is followed by a link to
# the numbered note of its ground in the notice.
REF_RE = re.compile(
    r'<sup class="ref"><a href="#ground-(?P<n>\d+)" id="ground-ref-\d+" '
    r'aria-describedby="ground-(?P=n)-text"><span class="vh">依据见本页说明第'
    r'</span>(?P=n)<span class="vh">条</span></a></sup>')
MARKER_REF_RE = re.compile(MARKER_RE.pattern + REF_RE.pattern)

# ---------------------------------------------------------------------
# The independent checker.
# ---------------------------------------------------------------------
INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e"
                       "\u034f\u202a-\u202e\u2066-\u2069\ufe00-\ufe0f"
                       "\U000e0100-\U000e01ef]")
INTERPUNCT = re.compile("[·•・‧.\u2219\u22c5\u2e31\u0387]")
# Between two Chinese characters, any dash or connector, a slash, a
# tilde, a star, a bar, a plus, or a letter or mark drawn as a raised dot
# joins them for a reader.
JOINER = re.compile(r"(?<=[\u3400-\u9fff])(?:[\u2010-\u2015\u2e3a\u2e3b"
                    r"\u301c\u30a0\ufe58\ufe63\uff0d_\uff3f/\\\-\ua78f~*|+"
                    r"\u318d\u119e\u02d9\u0307\u2218\u00b0 ]{1,3})"
                    r"(?=[\u3400-\u9fff])")
# The same mark (or ー, a letter drawn as one) between each two of three
# Chinese characters or more: a reader reads 祁=文=海 as one name.
SAMEMARK = re.compile(r"[\u3400-\u9fff](?:([^\w\s]|ー)[\u3400-\u9fff])"
                      r"(?:\1[\u3400-\u9fff])+")


def samemark(text):
    return SAMEMARK.sub(lambda m: m.group(0).replace(m.group(1), ""), text)


# One blot between two Chinese characters, a reader reads through: a
# symbol, a modifier letter drawn as a mark, or punctuation other than
# that which ends a clause or quotes (邝#子谦, 欧阳春※燕, 邝ˉ子谦).
ONEMARK = re.compile(r"(?<=[\u3400-\u9fff])(.)(?=[\u3400-\u9fff])")
CLAUSE = set("!\"',.:;?\u00a1\u00bf\u2025\u2026\u203c\u2047\u2048\u2049"
             "\u3001\u3002\uff61\uff64")


# Brackets or quotes around one to three Chinese characters of a name:
# 邝（子）谦, 「欧」「阳」「春」「燕」.
BRACKETED = re.compile(r"([^\w\s])([\u3400-\u9fff]{1,3})([^\w\s])")


def unbracket(text):
    def inner(m):
        if (unicodedata.category(m.group(1)) in ("Ps", "Pi") and
                unicodedata.category(m.group(3)) in ("Pe", "Pf")):
            return m.group(2)
        return m.group(0)
    # Twice: side by side, the second's bracket is the first's end.
    return BRACKETED.sub(inner, BRACKETED.sub(inner, text))


# Chinese characters drawn as one stroke or dot, which a keyboard gives
# for a mark: 邝丨子丨谦.
STROKES = set("\u4e28\u4e36\u4e3f\u4e5b\u4e85")


# Two or three such blots or joiners, mixed or not: 邝##子谦, 欧阳-#春燕.
MARKRUN = re.compile(r"(?<=[\u3400-\u9fff])([^\w\s]{2,3})(?=[\u3400-\u9fff])")


def blotrun(m):
    def mark(c):
        return (blot(re.match("(.)", c)) == "" or
                JOINER.search("\u4e00" + c + "\u4e00") is not None)
    return "" if all(mark(c) for c in m.group(1)) else m.group(1)


def blot(m):
    c = m.group(1)
    k = unicodedata.category(c)
    if k[0] == "S" or (k == "Lm" and ord(c) >= 0x80) or (
            k == "Po" and c not in CLAUSE) or c in STROKES:
        return ""
    return c


# The digits of a long number a few characters apart, as a reader reads
# 158和0000和3801.
APART = re.compile(r"(?<=[0-9])[^0-9]{1,3}(?=[0-9])")
CNUM = str.maketrans("〇零一二三四五六七八九幺", "001234567891")
# Latin letters a reader reads as digits among digits: 158OOOO33O1.
LOOKALIKE = re.compile(r"[0-9oli]+")
LOOKDIGITS = str.maketrans("oli", "011")
AT = re.compile(r"[\[\(\{<]at[\]\)\}>]")


def norm(s):
    """What a reader reads: NFKC, one case, no whitespace or invisibles,
    an "at" written out as @."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = INVISIBLE.sub("", s)
    return AT.sub("@", re.sub(r"\s+", "", s))


def lookalikes(m):
    w = m.group(0)
    d = sum(c.isdigit() for c in w)
    return w.translate(LOOKDIGITS) if d >= 2 and len(w) - d <= d else w


def digitsof(s):
    """Letters and digits only, Chinese numerals as digits, and letters
    written for digits among digits: a number in any grouping, any
    separators, any script that NFKC reads."""
    s = LOOKALIKE.sub(lookalikes, norm(s).translate(CNUM))
    return "".join(c for c in s if unicodedata.category(c)[0] in "LN")


UCD = "/usr/share/unicode"


def ucd_variants():
    """{character: what a reader of simplified Chinese reads it as}: a
    radical as its ideograph (EquivalentUnifiedIdeograph.txt), a character
    outside GB 2312 as its first z-variant, else its first semantic variant
    (Unihan), read here independently of the program, and more widely."""
    def std(c):
        try:
            c.encode("gb2312")
            return True
        except UnicodeEncodeError:
            return False
    out = {}
    with open(UCD + "/EquivalentUnifiedIdeograph.txt", encoding="utf-8") as f:
        for line in f:
            m = re.match(r"([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*([0-9A-F]+)",
                         line)
            if m:
                for c in range(int(m.group(1), 16),
                               int(m.group(2) or m.group(1), 16) + 1):
                    out[chr(c)] = chr(int(m.group(3), 16))
    var = {}
    with bz2.open(UCD + "/Unihan_Variants.txt.bz2", "rt",
                  encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 3 and p[1] in ("kZVariant", "kSemanticVariant"):
                for v in p[2:]:
                    var.setdefault(chr(int(p[0][2:], 16)), []).append(
                        (p[1] != "kZVariant", chr(int(v.split("<")[0][2:],
                                                      16))))
    for c, vs in var.items():
        if c not in out and not std(c):
            out[c] = sorted(vs, key=lambda x: x[0])[0][1]
    return str.maketrans(out)


VARIANTS = ucd_variants()


def t2s(texts):
    """Traditional characters as simplified ones, by opencc's command (an
    independent reader of the same conversion), for many texts at once;
    then radicals and the variant characters left as what they stand for,
    simplified in turn."""
    sep = "\n\u2063\u2063\u2063\n"
    joined = sep.join(texts)
    for variants in (False, True):
        if variants:
            joined = joined.translate(VARIANTS)
        p = subprocess.run(["opencc", "-c", "t2s.json"], input=joined,
                           capture_output=True, text=True)
        if p.returncode != 0:
            return texts
        joined = p.stdout
    out = joined.split(sep)
    return out if len(out) == len(texts) else texts


def unjson(s):
    """JSON string escapes (\\uXXXX with surrogate pairs, \\n, \\/ …)."""
    s = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)
    s = s.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return re.sub(r'\\([\\/"bfnrt])', lambda m: {
        "n": "\n", "r": "\r", "t": "\t", "b": "", "f": ""}.get(
        m.group(1), m.group(1)), s)


def strip_tags(s):
    s = re.sub(r"<!--.*?-->", "", s, flags=re.S)
    s = re.sub(r"<!\[CDATA\[|\]\]>", "", s)
    return re.sub(r"</?[A-Za-z!?][^<>]*>", "", s)


def views(name, data):
    """(label, normalized text) of every decoding of one file."""
    raw = data.decode("utf-8", "replace")
    out = [("as written", raw)]
    j = unjson(raw)
    out.append(("JSON-unescaped", j))
    if name.endswith(".json"):
        strs = []

        def walk(x):
            if isinstance(x, str):
                strs.append(x)
            elif isinstance(x, dict):
                for k, v in x.items():
                    strs.append(k)
                    walk(v)
            elif isinstance(x, list):
                for v in x:
                    walk(v)
        try:
            walk(json.loads(raw))
            out.append(("JSON strings", "\n".join(strs)))
        except ValueError:
            pass
    u1 = html.unescape(j)
    u2 = html.unescape(u1)
    out += [("entities decoded", u1), ("entities decoded twice", u2)]
    p1 = urllib.parse.unquote(u2)
    out += [("percent-decoded", p1),
            ("percent-decoded twice", urllib.parse.unquote(p1)),
            ("form-decoded", urllib.parse.unquote_plus(u2)),
            # Many Chinese sites percent-encode addresses in GBK.
            ("percent-decoded as GBK",
             urllib.parse.unquote(u2, encoding="gb18030", errors="replace"))]
    stripped = []
    for label, text in out:
        st = strip_tags(text)
        if st != text:
            stripped.append((label + ", tags stripped", st))
            stripped.append((label + ", tags stripped, entities decoded",
                             html.unescape(html.unescape(st))))
    out += stripped
    return [(label, norm(text)) for label, text in out]


def isnumber(secret):
    return re.fullmatch(r"[0-9x]+", digitsof(secret)) is not None


def scan(files, secrets):
    """{secret: [(file, view, context)]} for every secret found."""
    found = {}
    names = sorted(files)
    texts = t2s([files[n].decode("utf-8", "replace") for n in names])
    for name, text0 in zip(names, texts):
        # A phrase the policy calls ordinary holds no name.
        for o in ORDINARY:
            text0 = text0.replace(o, "\u2063")
        for label, text in views(name, text0.encode("utf-8")):
            digits = nameview = None
            for s in secrets:
                if any(h[0] == name for h in found.get(s, ())):
                    continue
                needle, hay = norm(s), text
                if isnumber(s):
                    if digits is None:
                        digits = digitsof(text)
                        digits += "\n" + APART.sub("", digits)
                    needle, hay = digitsof(s), digits
                elif not re.search(r"[0-9@]", needle):
                    if nameview is None:
                        nameview = INTERPUNCT.sub("", ONEMARK.sub(
                            blot, MARKRUN.sub(blotrun, JOINER.sub(
                                "", samemark(unbracket(text))))))
                    needle, hay = INTERPUNCT.sub("", needle), nameview
                i = hay.find(needle)
                if i >= 0:
                    found.setdefault(s, []).append(
                        (name, label,
                         hay[max(0, i - 40):i + len(needle) + 40]))
    return found


def describe(hits):
    return "\n".join("%s (%s): …%s…" % h for h in hits[:12]) + (
        "\n… and %d more files" % (len(hits) - 12) if len(hits) > 12 else "")


# The checker must see through every encoding it claims to decode.
SELFTEST = [
    (WJG, "<p>王<b>建</b>国</p>"),
    (WJG, "<p>&#29579;&#24314;&#22269;</p>"),
    (WJG, "<p>&#x738b;&#x5efa;&#x56fd;</p>"),
    (WJG, "<p>&amp;#29579;&amp;#24314;&amp;#22269;</p>"),
    (WJG, '<a href="/f/%E7%8E%8B%E5%BB%BA%E5%9B%BD.pdf">x</a>'),
    (WJG, '<a href="/f/%25E7%258E%258B%25E5%25BB%25BA%25E5%259B%25BD">x</a>'),
    (WJG, '<a href="/q?n=%E7%8E%8B+%E5%BB%BA%E5%9B%BD">x</a>'),
    (WJG, '{"t": "\\u738b\\u5efa\\u56fd"}'),
    (WJG, '{"t": "\\u003cp\\u003e王\\u003cem\\u003e建国"}'),
    (WJG, "<p>王\u200b建\u3000国</p>"),
    (WJG, "<p>王\u2005建\u200e国\ufe0f</p>"),
    (WJG, "<p>王建國</p>"),
    ("阿不都·热合曼", "<p>阿不都•热合曼</p>"),
    ("13907550001", "<p>139.0755.0001</p>"),
    ("13907550001", "<p>一三九〇七五五〇〇〇一</p>"),
    ("13907550001", "<p>①③⑨⓪⑦⑤⑤⓪⓪⓪①</p>"),
    ("cao.lm@corp.example.cn", "<p>cao.lm[at]corp.example.cn</p>"),
    (WJG, "<p>王\n建国</p>"),
    (WJG, '<img alt="王建国" src="x.png">'),
    (WJG, "<description>&lt;p&gt;王&lt;strong&gt;建国&lt;/strong&gt;"
     "</description>"),
    (WJG, "<content:encoded><![CDATA[<p>王<em>建</em>国</p>]]>"
     "</content:encoded>"),
    ("13907550001", "<p>１３９ ０７５５ ０００１</p>"),
    ("13907550001", "<p>+86-139-0755-0001</p>"),
    ("13907550001", "<p>139<strong>0755</strong>0001</p>"),
    ("13907550001", "<p>1390755\n0001</p>"),
    ("99990219751108253X", "<p>99990219751108253x</p>"),
    ("99990219751108253X", "<p>９９９９０２ １９７５１１０８ ２５３Ｘ</p>"),
    ("0999-86123456", "<p>(0999) 8612 3456</p>"),
    ("wangjg.a09@mail.example.cn", "<p>WANGJG.A09@MAIL.EXAMPLE.CN</p>"),
    ("wangjg.a09@mail.example.cn",
     "<p>ｗａｎｇｊｇ．ａ０９＠ｍａｉｌ．ｅｘａｍｐｌｅ．ｃｎ</p>"),
    ("上官雨桐", "<p>上官-雨桐</p>"),
    ("岑岚", "<p>岑 / 岚</p>"),
    ("15800003801", "<p>158和0000和3801</p>"),
    ("999906198503174418", "<p>999906-1985年03月17日-4418</p>"),
]
SELFTEST_CLEAN = [(WJG, "<p>王某甲 王建 建国</p>"),
                  ("13907550001", "<p>139****0001</p>")]
missed = [(s, doc) for s, doc in SELFTEST
          if s not in scan({"x.html": doc.encode()}, [s])]
false = [(s, doc) for s, doc in SELFTEST_CLEAN
         if s in scan({"x.html": doc.encode()}, [s])]
t.ok(not missed and not false, "the independent checker decodes every "
     "form it claims to and flags no pseudonym or mask",
     "missed: %r\nfalse alarms: %r" % (missed, false))

# ---------------------------------------------------------------------
# The corpus is what it claims to be.
# ---------------------------------------------------------------------
VALID_IDS = ["999908197005123333", "99990219751108253X", "999901198003174129",
             "99991019950101222X", "999909198309251116", "999907198801015059",
             "999904198512307777", "999905196907041384", "999911196606064440",
             "999906199208153926", "999912197811115551"]
VALID_CARDS = ["6222021234567890128", "6217001234567810",
               "6228480000111122222", "6217001234567828"]
VALID_USCC = ["91999901MA1K2L3P41", "92999902MA7Q8R9T0R"]
INVALID = ["999901198003174128", "6222021234567890127", "91999903MA0ABCDE1K"]
bad = [n for n in VALID_IDS if not checksums.id_valid(n)]
bad += [n for n in VALID_CARDS if not checksums.luhn_valid(n)]
bad += [n for n in VALID_USCC if not checksums.uscc_valid(n)]
t.ok(not bad, "every planted identity number, bank card and credit code "
     "has a valid check character", bad)
bad = [n for n in INVALID if checksums.id_valid(n) or checksums.luhn_valid(n)
       or checksums.uscc_valid(n)]
t.ok(not bad, "every planted invalid number fails every checksum", bad)
bad = [n for n in VALID_IDS + INVALID[:1] if not n.startswith("99")]
t.ok(not bad, "planted identity numbers use the fictional region 99", bad)
absent = []
for cid, secret, kind, route in SECRETS:
    src = glob.glob(os.path.join(CORPUS, "*", cid + ".md"))
    # (emphasis markers out, as a reader of the rendered text sees it)
    data = open(src[0], "rb").read().replace(b"*", b"") if src else b""
    if secret not in scan({cid + ".md": data}, [secret]):
        absent.append("%s: %s" % (cid, secret))
t.ok(not absent, "every listed original is planted in its record (the "
     "checker finds it in the source)", absent)

# ---------------------------------------------------------------------
# Builds: the whole corpus, and each record alone; public and internal.
# ---------------------------------------------------------------------
work = tmpdir()


def make_content(name, cases):
    content = copy_content(os.path.join(work, name, "content"), cases=False)
    pol = os.path.join(content, "policy.yaml")
    text = open(pol, encoding="utf-8").read()
    with open(pol, "w", encoding="utf-8") as f:
        f.write(text.replace("\nordinary: []\n", "\nordinary: [%s]\n" %
                             ", ".join(ORDINARY)))
    for cid in cases:
        src = glob.glob(os.path.join(CORPUS, "*", cid + ".md"))[0]
        year = os.path.basename(os.path.dirname(src))
        os.makedirs(os.path.join(content, "cases", year), exist_ok=True)
        shutil.copy(src, os.path.join(content, "cases", year))
    return content


def stderr_summary(r):
    lines, seen = [], set()
    for line in r.stderr.splitlines():
        key = re.sub(r"^\S+?:\d+:\d+: ", "", line)
        if key not in seen:
            seen.add(key)
            lines.append(line.replace(work, ""))
    return "\n".join(lines[:25])


sites = {}      # (audience, None or case) -> site dir, if built
contents = {}
for aud in ("public", "internal"):
    content = make_content("all-" + aud, CASES)
    out = os.path.join(work, "all-" + aud, "site")
    r = build(content, out, "-a", aud)
    if t.ok(r.returncode == 0, "%s: the corpus builds (its audit passes)"
            % aud, stderr_summary(r)):
        sites[aud, None] = out
    contents[aud] = content
    if (aud, None) in sites:
        a = run("audit", "-C", content, "-a", aud, out)
        t.ok(a.returncode == 0, "%s: `disclose audit` passes on the built "
             "corpus" % aud, stderr_summary(a))
    else:
        t.ok(False, "%s: `disclose audit` passes on the built corpus" % aud,
             "not run: the corpus did not build")
    failed_audits = []
    for cid in CASES:
        c = make_content("%s-%s" % (cid, aud), TOGETHER.get(cid, [cid]))
        o = os.path.join(work, "%s-%s" % (cid, aud), "site")
        r = build(c, o, "-a", aud)
        if t.ok(r.returncode == 0, "%s: %s builds alone" % (aud, cid),
                stderr_summary(r)):
            sites[aud, cid] = o
            a = run("audit", "-C", c, "-a", aud, o)
            if a.returncode != 0:
                failed_audits.append("%s: %s" % (cid, stderr_summary(a)))
    t.ok(not failed_audits, "%s: `disclose audit` passes on every record "
         "built alone" % aud, "\n".join(failed_audits))

files = {key: tree(d) for key, d in sites.items()}


def case_page(cid, aud="public"):
    """The case page from the corpus build, else from the record alone."""
    for key in ((aud, None), (aud, cid)):
        if key in files:
            p = files[key].get("cases/%s/index.html" % cid)
            if p is not None:
                return p.decode("utf-8")
    return None


def text_of(el):
    """The text of el as it reads, without the links between an item and
    the note of its ground (sup.ref, a.back), which are no part of it."""
    if el is None:
        return ""
    out = [el.text or ""]
    for c in el:
        cls = (c.get("class") or "").split() if isinstance(c.tag, str) \
            else []
        if not (c.tag == "sup" and "ref" in cls) and \
                not (c.tag == "a" and "back" in cls):
            out.append(text_of(c))
        out.append(c.tail or "")
    return "".join(out)


def parse(page):
    return html5lib.parse(page, namespaceHTMLElements=False)


# ---------------------------------------------------------------------
# Leaks: no planted original anywhere, in any decoding.
# ---------------------------------------------------------------------
def leak_checks(aud, secrets):
    bycase = {}
    for cid, s, kind, route in secrets:
        bycase.setdefault(cid, []).append((s, kind, route))
    corpus = scan(files[aud, None], [s for _, s, _, _ in secrets]) \
        if (aud, None) in files else None
    alone = {cid: scan(files[aud, cid], [s for s, _, _ in lst])
             for cid, lst in bycase.items() if (aud, cid) in files}
    unscanned = sorted(cid for cid in bycase
                       if corpus is None and cid not in alone)
    t.ok(not unscanned, "%s: every record could be scanned for leaks (the "
         "corpus or the record alone built)" % aud, "not scanned, so their "
         "originals are unverified: %s" % ", ".join(unscanned))
    for cid, s, kind, route in secrets:
        if cid in unscanned:
            continue
        name = "%s: %s %s (%s) appears in no output file" % (
            aud, cid, s, route)
        hits = []
        if corpus is not None:
            hits += [("corpus: " + h[0],) + h[1:] for h in corpus.get(s, ())]
        if cid in alone:
            hits += [("alone: " + h[0],) + h[1:]
                     for h in alone[cid].get(s, ())]
        t.ok(not hits, name, describe(hits))


leak_checks("public", SECRETS)

# ---------------------------------------------------------------------
# Over-redaction and pseudonyms on the public case pages.
# ---------------------------------------------------------------------
# case -> strings that must be in the text of its <article>.
READABLE = {
    "AD-2025-029": ["关注微信公众号发布更正说明，不设账号、不收集个人信息"],
    "AD-2024-001": [
        "王某甲主持青石镇土地流转试点失误容错案",
        "镇长王某甲、科长王某乙在土地流转试点中出现失误，经欧阳某核实后免予问责。",
        "王某乙，科长", "欧阳某，镇党委副书记（曾与王某甲搭班子）",
        "为公（王某甲未谋取私利）", "经王某甲主持的镇党委会集体研究",
        "王某乙牵头追回全部资金，损失已挽回", "王某甲提交书面申请",
        "欧阳某受理并核实", "更正王某乙的职务表述", "核实王某甲、王某乙的签名",
        "王某甲的申请", "2024年3月2日，镇长王某甲提出容错申请",
        "科长王某乙、镇党委副书记欧阳某参与了试点", "试点涉及资金38.6万元",
        "澄纪容〔2024〕7号", "对王某甲免予问责", "可拨打12388反映",
        "澄岚县青石镇人民政府", "2024-05-10", "2024-03-02"],
    "AD-2024-002": ["关于王某的认定", "镇长王某提出申请", "王某说明了情况",
                    "王某同志对失误负有领导责任", "王某作了检讨", "王某的说明",
                    "申请人：王某", "嵌套列表中的王某", "引用：“王某的说明属实。”"],
    "AD-2024-003": ["见王某的申请书。", "原件见申请书", "跨越链接边界：王某同志"],
    "AD-2024-005": ["日志中的操作员字段为王某，联系人字段为王某", "operator: 王某",
                    "申请人  王某", "备注：王某"],
    "AD-2024-006": ["申请人王某于2024年3月2日提出容错申请", "均指同一人"],
    "AD-2024-007": ["申请人王某（十进制实体），王某（十六进制实体），王某（混合）",
                    "王某的材料"],
    "AD-2024-009": ["举报电话12388"],
    "AD-2024-010": ["澄纪容〔2024〕10号", "1,280,000元", "约128万元",
                    "日期2024-03-02", "举报电话12388", "澄岚县住房和城乡建设局"],
    "AD-2024-011": ["999901198003174128不是身份证号"],
    "AD-2024-012": ["6222021234567890127", "91999903MA0ABCDE1K",
                    "澄岚县示例建设工程有限公司"],
    "AD-2024-013": ["应急物资先行采购容错案", "科长", "赵某", "钱某，办公室主任",
                    "涉及资金38.6万元", "上级无明令禁止", "钱某（"],
    "AD-2024-014": ["公开内容", "已归档", "的处置另行研究"],
    "AD-2024-015": ["王某乙，科长", "欧阳某，乡党委委员",
                    "乡长王某甲提出申请。科长王某乙证明了王某甲的说法；"
                    "王某甲与王某乙并非一人。", "欧阳某、欧阳某参与了核查"],
    "AD-2024-016": ["申请人王某（电话", "主动撤回容错申请", "2024-08-02",
                    "申请人王某以书面形式主动撤回容错申请"],
    "AD-2024-017": ["陈某提出申请", "乡长"],
    "AD-2024-021": ["澄纪容〔2024〕7号", "38.6万元", "1,280,000元", "12345件",
                    "2024-0001-0002", "2024-03-02 09:30", "举报电话12388",
                    "举报邮箱" + CONTACT, "县市场监督管理局登记注册科科长",
                    "孙某", "科长", "澄岚县市场监督管理局"],
    "AD-2024-022": ["也可来信" + CONTACT, "本平台举报邮箱" + CONTACT,
                    "写信" + CONTACT + "，或" + CONTACT],
    "AD-2025-001": ["核查组逐一联系了相关人员，联系方式：", "两名群众的电话为",
                    "外地联系人Tel."],
    "AD-2025-004": ["值班电话", "合作企业统一社会信用代码"],
    "AD-2025-005": ["申请人方某、方某、方某、方某、方某、方某、方某提交了材料",
                    "PDF中复制的姓名为方某"],
    "AD-2025-006": ["喻某在分管资金调度期间"],
    "AD-2025-007": ["卞某按照原分管副局长喻某（另案处理，见AD-2025-006）的安排"],
    "AD-2025-008": ["阿某、阿某、阿某、阿某、阿某均指同一人"],
    "AD-2025-009": ["核查组询问了村民柯某和原所长龚某，二人均证实岑某未谋取私利"],
    "AD-2025-010": ["申请书落款为“黄某”，附件中又写作“黄某”"],
    "AD-2025-011": ["当事人住在", "澄岚县青石镇人民政府核实了情况",
                    "杏花村共有五个村民小组"],
    "AD-2025-013": ["合同先行签订，未造成损失", "东湖村", "先行签订容错案"],
    "AD-2025-014": ["群众反映有关工作手段不高明，但对窗口服务周到表示认可",
                    "镇长高某提出申请，党政办主任周某作了说明",
                    "项目涉及资金16000000000元", "合同编号6228480012345678903",
                    "订单号13800138000"],
    "AD-2025-020": ["该小区共有12栋楼", "项目涉及面积128平方米",
                    "分3个批次实施"],
    "AD-2025-021": ["文件编码为20250401123456", "登记表共15页",
                    "澄岚县远航进出口贸易有限公司"],
    "AD-2025-022": ["外方来函（英文）原文摘录如下", "Dear Deputy Director",
                    "the site visit is", "已签收决定书"],
    "AD-2025-023": ["作废卡号6214830002233443", "迁移共涉及12个栏目"],
    "AD-2025-024": ["台账共分为第1组2组3组", "涉及1380次0013次8000次入户走访"],
    "AD-2025-025": ["会议议定事项分为甲、乙、丙三类"],
    "AD-2025-026": ["名单共列①至⑪号联络员，另有第3组12户"],
    "AD-2025-028": ["记录中“长×宽”“甲、乙、丙”、市（县）区各项照常保留",
                    "另有刘局长子谦其人"],
}
# case -> strings that must not be in it (a pseudonym gone wrong).
NOT_THERE = {
    "AD-2025-014": ["不高某", "服务周某"],
    "AD-2025-005": ["方某某", "方文", "文静"],
    "AD-2024-015": ["王某乙亮", "王某甲亮", "王某亮"],
    "AD-2024-001": ["王某甲甲", "欧阳某甲"],
}
nopage = [cid for cid in CASES if case_page(cid) is None]
t.ok(not nopage, "public: every record has a case page (from the corpus "
     "build or its own)", "no page, so not checked for over-redaction: %s"
     % ", ".join(nopage))
for cid in CASES:
    page = case_page(cid)
    if page is None:
        continue
    doc = parse(page)
    art = doc.find(".//article")
    text = text_of(art)
    missing = [s for s in READABLE.get(cid, []) if s not in text]
    extra = [s for s in NOT_THERE.get(cid, []) if s in text]
    t.ok(not missing and not extra, "public: %s: what is not confidential "
         "stays readable and pseudonyms read as expected" % cid,
         "missing: %r\nunexpected: %r" % (missing, extra))

# Pseudonyms in the people sections, exactly.
PEOPLE = {
    "AD-2024-001": ("王某甲", ["王某乙，科长", "欧阳某，镇党委副书记（曾与王某甲搭班子）"]),
    "AD-2024-015": ("王某甲", ["王某乙，科长", "欧阳某，乡党委委员"]),
    # (a withheld span inside a kept field is drawn with the marker)
    "AD-2024-013": ("赵某", ["钱某，办公室主任（手机 ■■■依法不予公开）；身份证号码 "]),
    "AD-2024-017": ("陈某", []),
    "AD-2024-002": ("王某", []),
}
for cid, (subject, wits) in sorted(PEOPLE.items()):
    page = case_page(cid)
    if page is None:
        continue
    doc = parse(page)
    sec = doc.find(".//section[@aria-labelledby='h-subject']")
    dds = [text_of(d) for d in sec.iter("dd")] if sec is not None else []
    wsec = doc.find(".//section[@aria-labelledby='h-witnesses']")
    lis = [text_of(li) for li in wsec.iter("li")] if wsec is not None else []
    ok = dds[:1] == [subject] and all(any(li.startswith(w) for li in lis)
                                      for w in wits)
    t.ok(ok, "public: %s: the subject reads %s and the witnesses %s"
         % (cid, subject, "、".join(wits) or "(none)"),
         "subject: %r\nwitnesses: %r" % (dds[:1], lis))

# Images: alt text pseudonymized, not dropped.
page = case_page("AD-2024-004")
if page is not None:
    alts = [img.get("alt") for img in parse(page).iter("img")]
    t.ok("王某在项目现场" in alts and "王某检查工地" in alts,
         "public: AD-2024-004: image alt text keeps its words with the "
         "pseudonym", alts)

# The excerpt of a record without a summary, where excerpts stand: the
# search index's text of a result (listings are compact rows).
for cid in ("AD-2024-006",):
    key = ("public", None) if ("public", None) in files else ("public", cid)
    listing = "".join(d.decode() for n, d in files.get(key, {}).items()
                      if re.fullmatch(r"search/d/\d+\.js", n) and
                      ('"id": "%s"' % cid) in d.decode())
    t.ok(norm("申请人王某于2024年3月2日提出容错申请") in
         norm(strip_tags(html.unescape(listing))),
         "public: %s: the excerpt carries the pseudonym" % cid,
         "the pages of cases/ of the %s build" % (key[1] or "corpus"))

# No digit of a withheld number stays beside its marker: an identity
# number after a list item's number is withheld to its end; the internal
# audience sees each masked, whole (AD-2025-027).
page = case_page("AD-2025-027")
text = text_of(parse(page).find(".//article")) if page else ""
stays = re.findall(r"■■■依法不予公开\s*[0-9Xx]+", text)
t.ok(page is not None and "■■■" in text and not stays,
     "public: AD-2025-027: no digit of an identity number after a list "
     "item's number stays beside its marker", stays or "no page, or no "
     "marker on it")
page = case_page("AD-2025-027", "internal")
text = text_of(parse(page).find(".//article")) if page else ""
lines = [l for l in text.splitlines() if l.startswith(("序号", "另一名单"))]
masked = re.findall(r"\*{8,}[0-9]{3}[0-9Xx]", "".join(lines))
t.ok(page is not None and len(lines) == 4 and len(masked) == 5 and
     not re.search(r"[0-9]{5}", "".join(lines)),
     "internal: AD-2025-027: each identity number after a list item's "
     "number is masked whole", lines or "no page")

# The portal's own contact address and hotline on every case page, and a
# mailto: link to the contact address that the body wrote stays a link.
lacking = [cid for cid in CASES if case_page(cid) is not None and
           (CONTACT not in text_of(parse(case_page(cid)).find(".//article"))
            or "12388" not in case_page(cid))]
t.ok(not lacking, "public: every case page shows the contact address and "
     "the hotline", lacking)
page = case_page("AD-2024-022")
if page is None:
    t.ok(False, "public: AD-2024-022: a mailto: link to the contact address "
         "in the body stays a link", "no page: the record did not build")
else:
    body = parse(page).find(".//section[@class='body']")
    links = [(a.get("href"), text_of(a)) for a in body.iter("a")]
    t.ok(("mailto:" + CONTACT, CONTACT) in links, "public: AD-2024-022: a "
         "mailto: link to the contact address in the body stays a link",
         links)

# ---------------------------------------------------------------------
# The notice and the marker.
# ---------------------------------------------------------------------
NOTICE_RE = re.compile(r"本页(?:案件摘要中)?共有(\d+)项信息依法不予公开或作了隐名、遮盖处理(?:（详见各案件页面）)?，依据如下：")


def notice(doc):
    """(total, {ground text: count}) of a page's notice, or None."""
    for aside in doc.iter("aside"):
        m = NOTICE_RE.search(text_of(aside))
        if m:
            per = {}
            for li in aside.iter("li"):
                g = re.fullmatch(r"(.*)（(\d+)项）", text_of(li).strip())
                if g:
                    per[g.group(1)] = int(g.group(2))
            return int(m.group(1)), per
    return None


for cid in CASES:
    page = case_page(cid)
    if page is None:
        continue
    doc = parse(page)
    art_html = page[page.find("<article"):]
    markers = MARKER_RE.findall(art_html)
    changed = re.findall(r'<span class="changed" title="([^"]*)"', art_html)
    plain = art_html.count(WITHHELD_TEXT)
    n = notice(doc)
    problems = []
    if n is None:
        if markers or changed or plain:
            problems.append("no notice, but %d markers, %d changed values, "
                            "%d plain withheld texts" % (len(markers),
                                                          len(changed), plain))
    else:
        total, per = n
        if total != sum(per.values()):
            problems.append("total %d is not the sum of %r" % (total, per))
        unknown = [g for g in per if g not in GROUNDS.values()]
        if unknown:
            problems.append("unknown grounds %r" % unknown)
        unlisted = sorted(set(g for g in markers + changed if g not in per))
        if unlisted:
            problems.append("markers on grounds the notice omits: %r"
                            % unlisted)
        if total < len(markers) + len(changed):
            problems.append("total %d < %d markers + %d changed values"
                            % (total, len(markers), len(changed)))
    t.ok(not problems, "public: %s: the notice states how many items were "
         "withheld and on which grounds" % cid, "\n".join(problems))

page = case_page("AD-2024-017")
if page is None:
    t.ok(False, "public: AD-2024-017: the notice counts 7 items (5 privacy, "
         "2 hand-marked)", "no page: the record did not build")
else:
    n = notice(parse(page))
    want = (7, {GROUNDS["privacy"]: 5, GROUNDS["marked"]: 2})
    t.eq(n, want, "public: AD-2024-017: the notice counts 7 items (5 "
         "privacy, 2 hand-marked)")
page = case_page("AD-2024-021")
if page is not None:
    body = page[page.find('<section class="body"'):]
    body = body[:body.find("</section>")]
    t.ok("withheld" not in body and WITHHELD_TEXT not in body,
         "public: AD-2024-021: a body with nothing confidential has no "
         "marker", body)
    t.eq(notice(parse(page)), (1, {GROUNDS["privacy"]: 1}),
         "public: AD-2024-021: the notice counts only the pseudonymized "
         "name")

# Every marker on every page has one form; none depends on the length.
odd, runs = [], set()
for key, fs in files.items():
    if key[0] != "public":
        continue
    for name, data in fs.items():
        if not name.endswith(".html"):
            continue
        s = data.decode("utf-8")
        n = s.count('class="withheld"')
        if n != len(MARKER_RE.findall(s)):
            odd.append(name)
        if re.match(r"cases/[^/]+/index", name):
            if n != len(MARKER_REF_RE.findall(s)):
                odd.append(name + " (a marker without its note's link)")
        elif 'class="ref"' in s or "#ground-" in s:
            odd.append(name + " (a link to a note it lacks)")
        if set(MARKER_RE.findall(s)) - set(GROUNDS.values()):
            odd.append(name + " (unknown ground)")
        runs.update(re.findall("■+", s))
t.ok(not odd, "public: every withheld marker is <span class=\"withheld\" "
     "title=GROUND> with ■■■ and a visually hidden 依法不予公开, followed "
     "on a case page (only) by its link to its ground's note", odd[:20])
t.ok(runs <= {"■■■"}, "public: the marker is always exactly ■■■", runs)
css = open(os.path.join(os.path.dirname(HERE), "templates",
                        "style.css"), encoding="utf-8").read()
t.ok(re.search(r"\.vh\s*\{[^}]*position:\s*absolute[^}]*clip", css),
     "the theme hides .vh visually (and keeps it for screen readers)")
page = case_page("AD-2024-017")
if page is None:
    t.ok(False, "public: AD-2024-017: markers for a 2-character and an "
         "18-character original are identical", "no page")
else:
    body = page[page.find('<section class="body"'):]
    body = body[:body.find("</section>")]
    m = re.search(r"文件(.*?)已归档，另有(.*?)。", body)
    # The same marker, each with its link to the same note.
    ok = m and REF_RE.sub("", m.group(1)) == REF_RE.sub("", m.group(2)) \
        and MARKER_REF_RE.fullmatch(m.group(1)) and \
        MARKER_REF_RE.fullmatch(m.group(2)) and \
        REF_RE.search(m.group(1)).group("n") == \
        REF_RE.search(m.group(2)).group("n")
    t.ok(ok, "public: AD-2024-017: the markers of a 2-character and an "
         "18-character hand mark are identical", m and m.groups())
    subj = page[page.find('aria-labelledby="h-subject"'):]
    idm = re.search(r"<dt>身份证号码</dt><dd>(.*?)</dd>", subj)
    phm = re.search(r"<dt>联系电话</dt><dd>(.*?)</dd>", subj)
    idb = re.search(r"身份证号(<span class=\"withheld\".*?</sup>)已核验",
                    body)
    ok = idm and phm and idb and all(
        MARKER_REF_RE.fullmatch(x.group(1)) for x in (idm, phm, idb)) and \
        len({REF_RE.sub("", x.group(1)) for x in (idm, phm, idb)}) == 1 and \
        len({REF_RE.search(x.group(1)).group("n")
             for x in (idm, phm, idb)}) == 1
    t.ok(ok, "public: AD-2024-017: the markers of an 18-digit identity "
         "number (field and body) and an 11-digit phone are identical",
         [x and x.group(1) for x in (idm, phm, idb)])

# Plain-text places (titles, feeds, code) carry one fixed text, whatever
# the length of what it replaces.
texts = set()
for key, fs in files.items():
    if key[0] == "public":
        for name, data in fs.items():
            s = html.unescape(unjson(data.decode("utf-8")))
            texts.update(re.findall(r"\[[^\[\]]{0,12}不予公开[^\[\]]{0,12}\]",
                                    s))
t.ok(texts <= {WITHHELD_TEXT}, "public: withheld text in plain-text "
     "places is always %s" % WITHHELD_TEXT, texts)

# Pages other than case pages that show a withheld item say so too.
silent = []
for key, fs in files.items():
    if key[0] != "public":
        continue
    for name, data in sorted(fs.items()):
        if not name.endswith(".html") or re.match(r"cases/[^/]+/index", name):
            continue
        s = data.decode("utf-8")
        # The open data's page shows the marker's text as its rule, in
        # code: no item of a case.
        if name == "data/index.html":
            s = re.sub(r"<code>[^<]*</code>", "", s)
        if (MARKER_RE.search(s) or WITHHELD_TEXT in s) and \
                notice(parse(s)) is None:
            silent.append("%s%s" % ("" if key[1] is None else key[1] + ": ",
                                    name))
t.ok(not silent, "public: every page that shows a withheld item states "
     "how many and on which ground", "\n".join(silent[:20]))

# No hand mark syntax survives.
left = [k[1] or "corpus" for k, fs in files.items() for name, d in fs.items()
        if b"{--" in d or b"--}" in d]
t.ok(not left, "no {-- --} hand mark syntax is left in any output",
     sorted(set(left)))

# ---------------------------------------------------------------------
# The internal audience.
# ---------------------------------------------------------------------
INTERNAL_SECRETS = [s for s in SECRETS
                    if s[2] not in ("name", "mark", "kept-internal")]
leak_checks("internal", INTERNAL_SECRETS)

INTERNAL_READABLE = {
    "AD-2024-001": ["王建国主持青石镇土地流转试点失误容错案", "王丽华，科长",
                    "欧阳明华，镇党委副书记（曾与王建国搭班子）",
                    "139****0001", "999908********3333", "经王建国主持的镇党委会集体研究"],
    "AD-2024-010": ["本人手机139****1234"],
    "AD-2024-012": ["统一社会信用代码 91999901MA1K2L3P41"],
    "AD-2024-015": ["王明亮", "王明，科长", "欧阳晓峰"],
    "AD-2024-017": ["999911********4440", "139****0017", "陈卫东提出申请"],
    "AD-2025-001": ["158****3101", "158****3102"],
    "AD-2025-007": ["原分管副局长喻国栋（另案处理"],
    "AD-2025-009": ["村民柯小兰和原所长龚建平"],
    "AD-2025-014": ["手段不高明", "服务周到", "镇长高明提出申请"],
}
for cid, want in sorted(INTERNAL_READABLE.items()):
    page = case_page(cid, "internal")
    if page is None:
        t.ok(False, "internal: %s: names kept, numbers masked per policy, "
             "kept fields in full" % cid, "no page: no build made it")
        continue
    text = text_of(parse(page).find(".//article"))
    missing = [s for s in want if s not in text]
    t.ok(not missing, "internal: %s: names kept, numbers masked per policy, "
         "kept fields in full" % cid, "missing: %r" % missing)

page = case_page("AD-2024-014", "internal")
if page is None:
    t.ok(False, "internal: AD-2024-014: hand-marked text is shown in "
         "<mark class=\"hand\">", "no page")
else:
    marks = re.findall(r'<mark class="hand"[^>]*>(.*?)</mark>', page)
    want = ["线索来源为匿名举报人", "青石镇老街东侧地块",
            "涉及<strong>商业秘密</strong>的报价单", "内部研判意见",
            "列表中的证人住址信息", "<code>内部编号Q-7</code>"]
    t.ok(all(w in marks for w in want), "internal: AD-2024-014: hand-marked "
         "text is shown in <mark class=\"hand\"> (plain, with emphasis, in "
         "a heading, a list item, a code span)", "marks: %r" % marks)
    t.ok("■■■" not in page[page.find('<section class="body"'):],
         "internal: AD-2024-014: hand-marked text is not withheld", "")

t.done()
