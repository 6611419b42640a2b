"""One test per validation rule: a broken record makes `disclose build`
exit 1 with the exact `path:line:col: error: message` line, and leaves the
previously built site exactly as it was; `disclose check` reports the
same and writes nothing.
"""
import os

from testlib import TAP, build, copy_content, read, run, tmpdir, tree, write

t = TAP()

GOOD = """---
id: T-2024-001
title: 测试案件
status: closed
unit: 澄岚县财政局
category: 改革创新
subject:
  name: 王建国
  position: 局长
outcome: exempted
factors:
  degree: 工作失误
  motive: 为公
  conditions: 客观条件不具备
  procedure: 经集体决策
  policy: 上级无明令禁止
  consequence: 损失已挽回
procedure:
  - {step: 申请, date: 2024-03-02}
  - {step: 决定, date: 2024-05-10}
decided: 2024-05-10
published: 2024-06-01
revisions:
  - {date: 2024-07-01, note: 更正决定日期}
---
## 基本情况

正文。
"""

REL = "cases/2024/T-2024-001.md"

# What every message about a malformed id says an id is.
ID_FORM = ("an id is PREFIX-YEAR-NUMBER: capital letters and digits starting "
           "with a letter, the year of the case (2000 to 2099) and its "
           "number of at least three digits, e.g. CL-2024-007")

# (name, text of the broken record or (from, to) replacements, expected
#  error lines; {f} is the record's path as given on the command line)
DASHMARK = ("a brace next to a dash that is no hyphen-minus (—, –, as an "
            "input method types them): a hand mark is written {{--…--}}, "
            "with two hyphen-minus signs on each side")

RULES = [
    ("front matter must open the file", "# no front matter\n",
     ["{f}:1:1: error: a record must start with a line \"---\" that opens "
      "its front matter"]),
    ("front matter must be closed", "---\nid: T-2024-001\ntitle: x\n",
     ["{f}:1:1: error: front matter is not closed (no second line "
      "\"---\")"]),
    # YAML mistakes in plain words, where the reader must fix them (a
    # quote runs on to the next quote in the file, and libyaml stumbles
    # lines later: 9:14 and 16:12 here).
    ("unclosed double quote", [("unit: 澄岚县财政局", "unit: \"澄岚县财政局"),
                               ("position: 局长", "position: \"局长\"")],
     ["{f}:5:7: error: the quote opened here is not closed"]),
    ("unclosed single quote", [("motive: 为公", "motive: '为公"),
                               ("policy: 上级无明令禁止", "policy: '上级无明令禁止'")],
     ["{f}:13:11: error: the quote opened here is not closed"]),
    ("unclosed quote at the end", [("{date: 2024-07-01, note: 更正决定日期}",
                                    "{date: 2024-07-01, note: \"更正决定日期}")],
     ["{f}:24:30: error: the quote opened here is not closed"]),
    ("unclosed [", [("revisions:\n  - {date: 2024-07-01, note: 更正决定日期}",
                     "revisions: [{date: 2024-07-01, note: 更正决定日期}")],
     ["{f}:23:12: error: \"[\" opened here is not closed"]),
    ("unclosed {", [("{step: 决定, date: 2024-05-10}",
                     "{step: 决定, date: 2024-05-10")],
     ["{f}:20:5: error: \"{{\" opened here is not closed"]),
    ("tab in indentation", [("  conditions:", "  \tconditions:")],
     ["{f}:14:3: error: a tab is not allowed in indentation"]),
    ("other YAML errors keep libyaml's words",
     [("title: 测试案件", "title: \"测试\" 案件")],
     ["{f}:3:13: error: YAML: did not find expected key while parsing a "
      "block mapping"]),
    ("a key without ':' is reported at the key",
     [("category: 改革创新", "category 改革创新")],
     ["{f}:6:1: error: YAML: could not find expected ':' while scanning a "
      "simple key"]),
    ("a control character is reported where it is",
     [("title: 测试案件", "title: 测试\x07案件")],
     ["{f}:3:10: error: YAML: control characters are not allowed"]),
    ("unknown field", [("decided:", "decidd: 2024-05-10\ndecided:")],
     ["{f}:21:1: error: unknown field \"decidd\" (did you mean "
      "\"decided\"?)"]),
    ("duplicate key", [("status: closed", "status: closed\nstatus: open")],
     ["{f}:5:1: error: duplicate key \"status\" (first at line 4)"]),
    ("required title", [("title: 测试案件\n", "")],
     ["{f}:2:1: error: missing required field \"title\""]),
    # A required field that is there with nothing is empty, at its own
    # place: its key when nothing is written, its value when one is.
    ("empty title", [("title: 测试案件", "title:")],
     ["{f}:3:1: error: field \"title\" is empty"]),
    ("title \"\"", [("title: 测试案件", "title: \"\"")],
     ["{f}:3:8: error: field \"title\" is empty"]),
    ("title of blanks", [("title: 测试案件", "title: \"  \"")],
     ["{f}:3:8: error: field \"title\" is empty"]),
    ("empty unit (spaces only)", [("unit: 澄岚县财政局", "unit:   ")],
     ["{f}:5:1: error: field \"unit\" is empty"]),
    ("category of an ideographic space", [("category: 改革创新",
                                           "category: '\u3000'")],
     ["{f}:6:11: error: field \"category\" is empty"]),
    ("empty nested field", [("  motive: 为公", "  motive: ~")],
     ["{f}:13:3: error: field \"factors.motive\" is empty"]),
    ("empty step in a flow mapping", [("{step: 申请,", "{step: ,")],
     ["{f}:19:6: error: field \"procedure[1].step\" is empty"]),
    ("empty subject", [("subject:\n  name: 王建国\n  position: 局长\n",
                        "subject:\n")],
     ["{f}:7:1: error: field \"subject\" is empty"]),
    ("empty procedure", [("procedure:\n  - {step: 申请, date: 2024-03-02}\n"
                          "  - {step: 决定, date: 2024-05-10}\n",
                          "procedure: []\n")],
     ["{f}:18:1: error: field \"procedure\" is empty (the steps of the "
      "case, in order)"]),
    ("required category", [("category: 改革创新\n", "")],
     ["{f}:2:1: error: missing required field \"category\""]),
    ("required outcome of a closed case", [("outcome: exempted\n", "")],
     ["{f}:2:1: error: missing required field \"outcome\""]),
    ("required decided of a closed case", [("decided: 2024-05-10\n", "")],
     ["{f}:2:1: error: missing required field \"decided\""]),
    ("required published", [("published: 2024-06-01\n", "")],
     ["{f}:2:1: error: missing required field \"published\""]),
    ("required unit", [("unit: 澄岚县财政局\n", "")],
     ["{f}:2:1: error: missing required field \"unit\""]),
    ("required subject", [("subject:\n  name: 王建国\n  position: 局长\n",
                           "")],
     ["{f}:2:1: error: missing required field \"subject\""]),
    ("required subject name", [("  name: 王建国\n", "")],
     ["{f}:7:1: error: missing required field \"subject.name\""]),
    ("required factor", [("  motive: 为公\n", "")],
     ["{f}:11:1: error: missing required field \"factors.motive\""]),
    ("required procedure", [("procedure:\n  - {step: 申请, date: 2024-03-02}\n"
                             "  - {step: 决定, date: 2024-05-10}\n", "")],
     ["{f}:2:1: error: missing required field \"procedure\" (the steps of "
      "the case, in order)"]),
    ("id syntax", [("id: T-2024-001", "id: T_2024/001")],
     ["{f}:2:5: error: id: invalid id \"T_2024/001\": it holds a character "
      "other than a letter, a digit and '-' (" + ID_FORM + ")",
      "{f}:2:5: error: id: \"T_2024/001\" does not match the file name "
      "\"T-2024-001.md\" (name the file after the id)"]),
    ("id prefix in capitals", [("id: T-2024-001", "id: t-2024-001")],
     ["{f}:2:5: error: id: invalid id \"t-2024-001\": its prefix is not in "
      "capital letters (" + ID_FORM + ")",
      "{f}:2:5: error: id: \"t-2024-001\" does not match the file name "
      "\"T-2024-001.md\" (name the file after the id)"]),
    ("id number of three digits", [("id: T-2024-001", "id: T-2024-01")],
     ["{f}:2:5: error: id: invalid id \"T-2024-01\": its number has fewer "
      "than three digits (" + ID_FORM + ")",
      "{f}:2:5: error: id: \"T-2024-01\" does not match the file name "
      "\"T-2024-001.md\" (name the file after the id)"]),
    ("id without prefix", [("id: T-2024-001", "id: foo")],
     ["{f}:2:5: error: id: invalid id \"foo\": its prefix is not in capital "
      "letters (" + ID_FORM + ")",
      "{f}:2:5: error: id: \"foo\" does not match the file name "
      "\"T-2024-001.md\" (name the file after the id)"]),
    ("id matches file name", [("id: T-2024-001", "id: T-2024-002")],
     ["{f}:2:5: error: id: \"T-2024-002\" does not match the file name "
      "\"T-2024-001.md\" (name the file after the id)"]),
    ("a closed case has no placeholder date of disclose new",
     [("decided: 2024-05-10", "decided: YYYY-MM-DD")],
     ["{f}:21:10: error: decided: still the placeholder YYYY-MM-DD of "
      "disclose new (write the real date, e.g. 2024-05-10, or keep the "
      "case open)"]),
    ("known status", [("status: closed", "status: finished")],
     ["{f}:4:9: error: status: unknown value \"finished\" (expected "
      "closed, open, withdrawn)"]),
    ("known outcome", [("outcome: exempted", "outcome: exempt")],
     ["{f}:10:10: error: outcome: unknown value \"exempt\" (expected "
      "exempted, mitigated, accountable)"]),
    ("known unit", [("unit: 澄岚县财政局", "unit: 澄岚县财政厅")],
     ["{f}:5:7: error: unit: unknown unit \"澄岚县财政厅\" (add it to the "
      "list in site.yaml, or correct the spelling)"]),
    ("known category", [("category: 改革创新", "category: 改革")],
     ["{f}:6:11: error: category: unknown category \"改革\" (add it to "
      "the list in site.yaml, or correct the spelling)"]),
    ("real calendar date", [("decided: 2024-05-10", "decided: 2024-02-30")],
     ["{f}:21:10: error: decided: invalid date \"2024-02-30\" (expected a "
      "real date YYYY-MM-DD)"]),
    ("date format", [("published: 2024-06-01", "published: 2024/6/1")],
     ["{f}:22:12: error: published: invalid date \"2024/6/1\" (expected a "
      "real date YYYY-MM-DD)"]),
    ("procedure dates in order", [("{step: 决定, date: 2024-05-10}",
                                   "{step: 决定, date: 2024-03-01}")],
     ["{f}:20:22: error: procedure[2].date: 2024-03-01 is before the date "
      "of the step before, 2024-03-02"]),
    ("decided before published", [("published: 2024-06-01",
                                   "published: 2024-05-01")],
     ["{f}:22:12: error: published: 2024-05-01 is before the decision "
      "date 2024-05-10"]),
    ("decided not before the application", [("decided: 2024-05-10",
                                             "decided: 2024-03-01")],
     ["{f}:21:10: error: decided: 2024-03-01 is before the first "
      "procedure step, 2024-03-02"]),
    ("revision not before publication", [("{date: 2024-07-01, note:",
                                          "{date: 2024-05-20, note:")],
     ["{f}:24:12: error: revisions[1].date: 2024-05-20 is before the "
      "publication date 2024-06-01"]),
    ("revision note required", [("{date: 2024-07-01, note: 更正决定日期}",
                                 "{date: 2024-07-01}")],
     ["{f}:24:5: error: missing required field \"revisions[1].note\""]),
    ("boolean", [("decided:", "hearing: 是\ndecided:")],
     ["{f}:21:10: error: hearing: expected true or false, got \"是\""]),
    ("value, not a list", [("title: 测试案件", "title: [a, b]")],
     ["{f}:3:8: error: title: expected a value, found a list"]),
    ("mapping, not a value", [("subject:\n  name: 王建国\n  position: 局长\n",
                               "subject: 王建国\n")],
     ["{f}:7:10: error: subject: expected a mapping, found a value"]),
    ("aliases refused", [("title: 测试案件", "title: &t 测试案件"),
                         ("unit: 澄岚县财政局", "unit: *t")],
     ["{f}:5:7: error: YAML: aliases are not allowed"]),
    ("withdrawn case needs its withdrawal",
     [("status: closed", "status: withdrawn")],
     ["{f}:2:1: error: missing required field \"withdrawn\" (its date and "
      "reason)"]),
    ("withdrawal not before publication",
     [("status: closed", "status: withdrawn"),
      ("---\n## 基本情况", "withdrawn: {date: 2024-05-01, reason: 撤回}\n"
       "---\n## 基本情况")],
     ["{f}:25:19: error: withdrawn.date: 2024-05-01 is before the "
      "publication date 2024-06-01"]),
    ("withdrawal only on a withdrawn case",
     [("---\n## 基本情况", "withdrawn: {date: 2024-08-01, reason: 撤回}\n"
       "---\n## 基本情况")],
     ["{f}:25:1: error: withdrawn: only a case whose status is withdrawn "
      "has this field"]),
    ("UTF-8", [("title: 测试案件", "title: 测试\udcff案件")],
     ["{f}:3:10: error: invalid UTF-8 (the file must be saved as UTF-8)"]),
    ("size limit", [("正文。", "正文。" * 400000)],
     ["{f}:1:1: error: the file is larger than the limit of 1024 KiB"]),
    ("a name field holds a name: no title", [("name: 王建国", "name: 王建国同志")],
     ["{f}:8:9: error: subject.name: \"王建国同志\" holds more than a name "
      "(the title \"同志\"); write the name alone and move the rest to "
      "subject.position"]),
    ("a name field holds a name: no brackets", [("name: 王建国", "name: 吴丽华（女）")],
     ["{f}:8:9: error: subject.name: \"吴丽华（女）\" holds more than a name "
      "(\"（\"); write the name alone and move the rest to subject.position"]),
    ("a name field holds a name: no digits",
     [("  position: 局长\n", "  position: 局长\nwitnesses:\n  - name: 李明2\n")],
     ["{f}:11:11: error: witnesses[1].name: \"李明2\" holds more than a name "
      "(\"2\"); write the name alone and move the rest to "
      "witnesses[1].position"]),
    ("a person the body names is declared",
     [("正文。", "核查组询问了村民柯小兰和原所长龚建平。")],
     ["{f}:28:9: error: body: \"柯小兰\" looks like the name of a person "
      "(next to \"村民\") that no record declares: declare the person under "
      "others: (name: 柯小兰), or, if it is no name, add the phrase to "
      "ordinary: in policy.yaml",
      "{f}:28:16: error: body: \"龚建平\" looks like the name of a person "
      "(next to \"所长\") that no record declares: declare the person under "
      "others: (name: 龚建平), or, if it is no name, add the phrase to "
      "ordinary: in policy.yaml"]),
    ("a person after a word of service or trade is declared",
     [("正文。", "保洁员孔德明和护林员雷振华到场。")],
     ["{f}:28:4: error: body: \"孔德明\" looks like the name of a person "
      "(next to \"保洁员\") that no record declares: declare the person "
      "under others: (name: 孔德明), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
      "{f}:28:11: error: body: \"雷振华\" looks like the name of a person "
      "(next to \"护林员\") that no record declares: declare the person "
      "under others: (name: 雷振华), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml"]),
    ("a person after 老板娘 or 保安员 is declared",
     [("正文。", "老板娘范秀英称，保安员卢富贵当晚值班。")],
     ["{f}:28:4: error: body: \"范秀英\" looks like the name of a person "
      "(next to \"老板娘\") that no record declares: declare the person "
      "under others: (name: 范秀英), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
      "{f}:28:12: error: body: \"卢富贵\" looks like the name of a person "
      "(next to \"保安员\") that no record declares: declare the person "
      "under others: (name: 卢富贵), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml"]),
    ("a person a list names is declared",
     [("正文。", "参加会议的有王建国、李明、欧阳秀英等人。")],
     ["{f}:28:11: error: body: \"李明\" looks like the name of a person "
      "(in a list of names) that no record declares: declare the person "
      "under others: (name: 李明), or, if it is no name, add the phrase to "
      "ordinary: in policy.yaml",
      "{f}:28:14: error: body: \"欧阳秀英\" looks like the name of a person "
      "(next to \"等人\") that no record declares: declare the person "
      "under others: (name: 欧阳秀英), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml"]),
    ("a person after a word of staff or of kin is declared",
     [("正文。", "工作人员乔丽娟接待，其妻冉秀英知情。")],
     ["{f}:28:5: error: body: \"乔丽娟\" looks like the name of a person "
      "(next to \"人员\") that no record declares: declare the person "
      "under others: (name: 乔丽娟), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:13: error: body: \"冉秀英\" looks like the name of a person "
      "(next to \"妻\") that no record declares: declare the person "
      "under others: (name: 冉秀英), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml"]),
    ("a person in brackets after a role word is declared",
     [("正文。", "举报人（游德胜）匿名。")],
     ["{f}:28:5: error: body: \"游德胜\" looks like the name of a person "
      "(next to \"举报人\") that no record declares: declare the person "
      "under others: (name: 游德胜), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml"]),
    ("a list after a weak role word, and one whose last name runs on",
     [("正文。", "村民代表宋春生、刘桂芬参加，专家邓国良、彭丽华出具意见。")],
     ["{f}:28:5: error: body: \"宋春生\" looks like the name of a person "
      "(next to \"代表\") that no record declares: declare the person "
      "under others: (name: 宋春生), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:9: error: body: \"刘桂芬\" looks like the name of a person "
      "(in a list of names) that no record declares: declare the person "
      "under others: (name: 刘桂芬), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:17: error: body: \"邓国良\" looks like the name of a person "
      "(next to \"专家\") that no record declares: declare the person "
      "under others: (name: 邓国良), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:21: error: body: \"彭丽华\" looks like the name of a person "
      "(in a list of names) that no record declares: declare the person "
      "under others: (name: 彭丽华), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml"]),
    ("a person given with sex, or before what they did or said, is declared",
     [("正文。", "柯文龙，男，1968年3月生。经查，薛丽娟等人未登记，核实了范德明、姚秀兰夫妇，向贺国平了解情况，贺国平称不知情。")],
     ["{f}:28:1: error: body: \"柯文龙\" looks like the name of a person "
      "(next to \"男\") that no record declares: declare the person "
      "under others: (name: 柯文龙), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:19: error: body: \"薛丽娟\" looks like the name of a person "
      "(next to \"等人\") that no record declares: declare the person "
      "under others: (name: 薛丽娟), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:31: error: body: \"范德明\" looks like the name of a person "
      "(in a list of names) that no record declares: declare the person "
      "under others: (name: 范德明), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:35: error: body: \"姚秀兰\" looks like the name of a person "
      "(next to \"夫妇\") that no record declares: declare the person "
      "under others: (name: 姚秀兰), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:50: error: body: \"贺国平\" looks like the name of a person "
      "(next to \"称\") that no record declares: declare the person "
      "under others: (name: 贺国平), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml"]),
    ("a person a verb of speaking to names is declared",
     [("正文。", "核查组约谈了吴晓光，走访了韩丽娟，告知易春梅。")],
     ["{f}:28:7: error: body: \"吴晓光\" looks like the name of a person "
      "(next to \"约谈了\") that no record declares: declare the person "
      "under others: (name: 吴晓光), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:14: error: body: \"韩丽娟\" looks like the name of a person "
      "(next to \"走访了\") that no record declares: declare the person "
      "under others: (name: 韩丽娟), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
     "{f}:28:20: error: body: \"易春梅\" looks like the name of a person "
      "(next to \"告知\") that no record declares: declare the person "
      "under others: (name: 易春梅), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml"]),
    ("a person named before an office is declared",
     [("正文。", "经查，邝文涛副县长和闻人晓雯主任到场，王局长未到。")],
     ["{f}:28:4: error: body: \"邝文涛\" looks like the name of a person "
      "(next to \"县长\") that no record declares: declare the person "
      "under others: (name: 邝文涛), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml",
      "{f}:28:11: error: body: \"闻人晓雯\" looks like the name of a person "
      "(next to \"主任\") that no record declares: declare the person "
      "under others: (name: 闻人晓雯), or, if it is no name, add the phrase "
      "to ordinary: in policy.yaml"]),
    ("a person a field names is declared",
     [("consequence: 损失已挽回", "consequence: 经举报人周明远核实，损失已挽回")],
     ["{f}:17:16: error: factors.consequence: \"周明远\" looks like the name of "
      "a person (next to \"举报人\") that no record declares: declare the "
      "person under others: (name: 周明远), or, if it is no name, add the "
      "phrase to ordinary: in policy.yaml"]),
    ("a hand mark in a field is closed",
     [("title: 测试案件", "title: 测试{--案件")],
     ["{f}:3:8: error: title: a hand mark \"{{--\" is not closed with "
      "\"--}}\""]),
    ("a hand mark in the body is closed",
     [("正文。", "正文{--未闭合。")],
     ["{f}:28:1: error: body: a hand mark \"{{--\" is not closed with "
      "\"--}}\" in the same paragraph"]),
    ("hand marks in the body are not nested",
     [("正文。", "正文{--外{--内--}尾部文字--}。")],
     ["{f}:28:1: error: body: hand marks cannot be nested"]),
    ("no \"--}\" in the body closes nothing",
     [("正文。", "正文{--甲--}，乙--}。")],
     ["{f}:28:1: error: body: \"--}}\" closes no hand mark"]),
    ("no hand mark stands in a link's title",
     [("正文。", "正文见[附件](https://example.org/a.pdf \"{--附件题名--}\")。")],
     ["{f}:28:1: error: body: a hand mark cannot stand in the address or "
      "title of a link (a footnote written [^1]: is a link's address too); "
      "mark text instead"]),
    ("no hand mark stands in a footnote written as a link's address",
     [("正文。", "正文见注[^2]。\n\n[^2]: {--注释内容--}")],
     ["{f}:28:1: error: body: a hand mark cannot stand in the address or "
      "title of a link (a footnote written [^1]: is a link's address too); "
      "mark text instead"]),
    ("a hand mark typed with an input method's dashes in a field is "
     "refused",
     [("title: 测试案件", "title: 测试{——案件——}")],
     ["{f}:3:8: error: title: " + DASHMARK]),
    ("a hand mark typed with an input method's dashes in the body is "
     "refused",
     [("正文。", "正文{——甲——}。")],
     ["{f}:28:1: error: body: " + DASHMARK]),
    ("a hand mark with en dashes and spaces in a field is refused",
     [("consequence: 损失已挽回", "consequence: 损失{ – 已挽回 – }")],
     ["{f}:17:16: error: factors.consequence: " + DASHMARK]),
    ("a hand mark with a hyphen-minus and an em dash in the body is refused",
     [("正文。", "正文，第二处{-—乙—-}。")],
     ["{f}:28:1: error: body: " + DASHMARK]),
    ("a closing brace after a horizontal bar in the body is refused",
     [("正文。", "正文{--丙――}。")],
     ["{f}:28:1: error: body: " + DASHMARK]),
    ("no control character in a value",
     [("title: 测试案件", "title: \"测试\\x01案件\"")],
     ["{f}:3:8: error: title: a control character (U+0001) has no place in "
      "a value"]),
]


def mutate(spec):
    if isinstance(spec, str):
        return spec
    text = GOOD
    for a, b in spec:
        assert a in text, a
        text = text.replace(a, b, 1)
    return text


def save(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8", "surrogateescape"))


work = tmpdir()
content = copy_content(os.path.join(work, "content"), cases=False)
save(os.path.join(content, REL), GOOD)
out = os.path.join(work, "site")
r = build(content, out)
t.ok(r.returncode == 0, "the good record builds", r.stderr)
before = tree(out)
t.ok(os.path.exists(os.path.join(out, "cases/T-2024-001/index.html")),
     "the good record has its page")

for name, spec, want in RULES:
    save(os.path.join(content, REL), mutate(spec))
    path = os.path.join(content, REL)
    want = [w.format(f=path) for w in want]
    r = build(content, out)
    errors = [l for l in r.stderr.splitlines() if ": error: " in l]
    t.ok(r.returncode == 1, "%s: build exits 1" % name,
         "status %d\n%s" % (r.returncode, r.stderr))
    t.ok(errors == want, "%s: exact message and position" % name,
         "got:\n  %s\nwant:\n  %s" % ("\n  ".join(errors), "\n  ".join(want)))
    t.ok(tree(out) == before, "%s: the site did not change" % name)
    c = run("check", "-C", content)
    t.ok(c.returncode == 1 and
         [l for l in c.stderr.splitlines() if ": error: " in l] == want,
         "%s: check reports the same" % name, c.stderr)

# A duplicate id names both files.
save(os.path.join(content, REL), GOOD)
dup = os.path.join(content, "cases/earlier/2024/T-2024-001.md")
save(dup, GOOD)
r = build(content, out)
first = os.path.join(content, REL)
t.eq([l for l in r.stderr.splitlines() if ": error: " in l],
     ["%s:2:5: error: id: duplicate id \"T-2024-001\" (also used by "
      "%s:2:5)" % (dup, first)],
     "duplicate id: names both files")
t.ok(r.returncode == 1 and tree(out) == before,
     "duplicate id: exit 1, site unchanged")
os.remove(dup)

# A record is filed under the year of its id: another year's directory
# is an error at the id; a directory that is no year is the officers' own.
os.remove(os.path.join(content, REL))
for rel, wrong in (("cases/2025/T-2024-001.md", "2025"),
                   ("cases/2023/T-2024-001.md", "2023"),
                   ("cases/archive/2019/T-2024-001.md", "2019")):
    misfiled = os.path.join(content, rel)
    save(misfiled, GOOD)
    r = build(content, out)
    t.eq([l for l in r.stderr.splitlines() if ": error: " in l],
         ["%s:2:5: error: id: \"T-2024-001\" is a case of 2024, so its "
          "record is filed under cases/2024/, not %s/ (move "
          "T-2024-001.md there)" % (misfiled, wrong)],
         "filed under %s: the year of the id is that of its directory"
         % os.path.dirname(rel))
    t.ok(r.returncode == 1 and tree(out) == before,
         "filed under %s: exit 1, site unchanged" % os.path.dirname(rel))
    os.remove(misfiled)
for rel in ("cases/T-2024-001.md", "cases/2024/draft/T-2024-001.md"):
    kept = os.path.join(content, rel)
    save(kept, GOOD)
    r = build(content, out)
    t.ok(r.returncode == 0 and not [l for l in r.stderr.splitlines()
                                    if ": error: " in l],
         "filed under %s, a directory that is no year: it builds"
         % os.path.dirname(rel))
    os.remove(kept)
save(os.path.join(content, REL), GOOD)

# Every problem of a run is reported, not only the first.
save(os.path.join(content, REL), mutate([("outcome: exempted",
                                          "outcome: x")]))
other = os.path.join(content, "cases/2024/T-2024-002.md")
save(other, mutate([("T-2024-001", "T-2024-002"),
                    ("decided: 2024-05-10", "decided: 2024-13-01")]))
r = build(content, out)
errors = [l for l in r.stderr.splitlines() if ": error: " in l]
t.eq(len(errors), 2, "two broken records: both problems reported")
t.ok(errors and errors[0].startswith(first + ":10:10:") and
     errors[1].startswith(other + ":21:10:"),
     "two broken records: in file order", "\n".join(errors))
t.ok(r.returncode == 1 and tree(out) == before,
     "two broken records: site unchanged")
os.remove(other)

# A new record (disclose new) is a draft: it is checked, not published,
# and it breaks nothing; a value it has is checked all the same.
save(os.path.join(content, REL), GOOD)
r = run("new", "-C", content, "T-2025-009")
new = os.path.join(content, "cases", "2025", "T-2025-009.md")
t.ok(r.returncode == 0 and os.path.exists(new), "disclose new writes a "
     "record", r.stderr)
c = run("check", "-C", content)
t.ok(c.returncode == 0, "the new record passes check as a draft", c.stderr)
r = build(content, out)
t.ok(r.returncode == 0 and not os.path.exists(
    os.path.join(out, "cases", "T-2025-009")), "and the portal builds "
     "without it", r.stderr)
r = run("new", "-C", content, "T-2025-009")
t.ok(r.returncode == 3 and "File exists" in r.stderr,
     "disclose new never overwrites a record", r.stderr)
write(new, read(new).replace("outcome:", "outcome: exempt"))
c = run("check", "-C", content)
t.ok(c.returncode == 1 and "outcome: unknown value \"exempt\"" in c.stderr,
     "a draft's values are checked", c.stderr)
os.remove(new)
r = build(content, out)
before = tree(out)

# An office after the name of a unit names nobody: check passes.
save(os.path.join(content, REL), GOOD.replace(
    "正文。", "县卫健委主任、镇党委副书记、管委会主任和王局长已到场。"))
c = run("check", "-C", content)
t.ok(c.returncode == 0, "an office after a unit's name is no person's "
     "name (卫健委主任, 镇党委副书记, 管委会主任)", c.stderr)

# After a word that stands as often before a word as before a name
# (人员, 代表, 学生, 妻…), only characters common in given names read as
# one: ordinary text passes.
save(os.path.join(content, REL), GOOD.replace(
    "正文。", "相关人员成本增加，代表单独签字，人员车辆进出登记，学生宿舍管理，"
    "人员严格管理，人员白天值守，工作人员宁可多跑，人员齐全。党员大会、"
    "成员单位、代表大会、杨家湾村；局长王建国、杨家湾村村委会主任到场。"))
c = run("check", "-C", content)
t.ok(c.returncode == 0, "words after a weak role word that are no names "
     "(人员成本增加, 代表单独签字, 人员车辆, 学生宿舍管理), and a place "
     "after a name in a list (王建国、杨家湾村村委会), pass", c.stderr)

# Before what a person did or said (称, 表示, 认为, 等人, 夫妇, 二人),
# or before a sex, ordinary words pass.
save(os.path.join(content, REL), GOOD.replace(
    "正文。", "严格来说，应该说，郑重表示，许多人认为，据称，公告称，自称，"
    "江湖人称，充分反映，如实反映，司机反映，一对夫妇，新婚夫妻，其他二人，"
    "兄弟三人，父子二人，其余两人，村干部等人，当事人本人，申请人称，"
    "患者，男，56岁；卫生间（男）。"))
c = run("check", "-C", content)
t.ok(c.returncode == 0, "words before 称, 表示, 认为, 反映, 夫妇, 二人, 等人 "
     "or a sex that are no names (严格来说, 郑重表示, 许多人认为, 司机反映, "
     "卫生间（男）) pass", c.stderr)

# After a verb of speaking to a person, places, offices and words pass.
save(os.path.join(content, REL), GOOD.replace(
    "正文。", "约谈了青石镇负责人，询问了相关人员，走访了农户，找到问题根源，"
    "告知当事人，委托律师事务所，责成施工单位，联系了金融机构，走访了金华市，"
    "询问了高新区，约谈了华宁县，派出所。"))
c = run("check", "-C", content)
t.ok(c.returncode == 0, "places, offices and words after 约谈了, 询问了, "
     "走访了, 告知, 委托 pass (青石镇, 金华市, 高新区, 华宁县)", c.stderr)

# A list's marker after a heading or between two items parts what
# stands before it from the name after it.
save(os.path.join(content, REL), GOOD.replace(
    "正文。", "- 柯文龙，男，1968年生\n- 村民代表宋春生参加"))
c = run("check", "-C", content)
t.ok(c.returncode == 1 and ":28:3: error: body: \"柯文龙\"" in c.stderr and
     ":29:7: error: body: \"宋春生\"" in c.stderr, "a name at the head of "
     "a list's item after a heading, and after a role word in the next "
     "item, are read", c.stderr)

# A declared person written with a mark between two characters of the
# name, which redaction reads through, is declared.
save(os.path.join(content, REL), GOOD.replace(
    "正文。", "工作人员王建■国接待，村民王-建国到场。"))
c = run("check", "-C", content)
t.ok(c.returncode == 0, "a declared name with a mark inside it after a "
     "role word (工作人员王建■国, 村民王-建国) is declared", c.stderr)

# check writes nothing, and a clean content passes.
save(os.path.join(content, REL), GOOD)
c = run("check", "-C", content)
t.ok(c.returncode == 0 and "no problems" in c.stdout, "check passes the "
     "good record", c.stderr)
t.ok(tree(out) == before, "check wrote nothing")

# disclose check warns where a protected name may be an ordinary word
# (高明 in 不高明) and where a given name stands alone (明远的说明), with
# the position and the phrase; the policy's ordinary: settles both, and
# the build keeps what it settles.  A given name before a title
# (明远同志, 明远主任), or before 本人 or 说, is the person's: it is
# replaced, with no warning.
NAMES = GOOD.replace("name: 王建国", "name: 周明远").replace(
    "  position: 局长\n", "  position: 局长\nwitnesses:\n  - name: 高明\n"
    "    position: 科长\n").replace(
    "正文。", "镇长周明远主持。科长高明说这个办法并不高明。\n\n明远的说明已附卷。"
    "明远同志、明远主任到场，明远本人签字，明远说无异议。")
save(os.path.join(content, REL), NAMES)
f = os.path.join(content, REL)
c = run("check", "-C", content)
warns = [l for l in c.stderr.splitlines() if ": warning: " in l]
t.eq(warns, [
    "%s:31:19: warning: body: \"不高明\" holds the protected name \"高明\" "
    "(witnesses[1].name) and may be an ordinary word; it is replaced by "
    "\"高某\": to keep the phrase, add it to ordinary: in policy.yaml" % f,
    "%s:33:1: warning: body: \"明远\" is the given name of a protected "
    "person (subject.name of T-2024-001) standing alone; it is not "
    "replaced: write the full name, or add the phrase to ordinary: in "
    "policy.yaml" % f],
    "check warns about a name that may be an ordinary word and a given "
    "name alone, with their positions")
t.ok(c.returncode == 0 and "2 warnings to review" in c.stdout,
     "warnings are no problems: check exits 0 and counts them", c.stdout)
polpath = os.path.join(content, "policy.yaml")
polorig = read(polpath)
write(polpath, polorig.replace("ordinary: []", "ordinary: [不高明, 明远的说明]"))
c = run("check", "-C", content)
t.ok(c.returncode == 0 and ": warning: " not in c.stderr and
     "no problems\n" in c.stdout, "ordinary: settles both warnings",
     c.stderr + c.stdout)
r = build(content, out)
page = read(os.path.join(out, "cases/T-2024-001/index.html")) \
    if r.returncode == 0 else ""
t.ok("并不高明" in page and "科长高某说" in page and "周明远" not in page and
     "明远的说明" in page, "the build keeps the ordinary phrase and replaces "
     "the names", r.stderr)
t.ok("周某同志、周某主任到场，周某本人签字，周某说无异议" in page and
     "明远同" not in page and "明远主" not in page and "明远本" not in page,
     "a given name before a title, 本人 or 说 is replaced by the "
     "person's pseudonym", page[page.find("到场") - 200:page.find("到场")])
# A given name where a clause begins is warned of whatever follows it,
# the given name of a compound surname too: 晓蕾 of 司马晓蕾, 德胜 of 周德胜.
save(os.path.join(content, REL), GOOD.replace("name: 王建国", "name: 司马晓蕾")
     .replace("  position: 局长\n", "  position: 局长\nwitnesses:\n"
              "  - name: 周德胜\n    position: 科长\n")
     .replace("正文。", "会议开始。\n\n晓蕾当时在外地，德胜随后赶到；"
              "（德胜当场签字）"))
c = run("check", "-C", content)
warns = [l for l in c.stderr.splitlines() if ": warning: " in l]
t.eq([w.split(": warning: ")[0].split(".md:")[1] + " " +
      w.split(": warning: ")[1][:10] for w in warns],
     ["33:1 body: \"晓蕾\"", "33:9 body: \"德胜\"", "33:17 body: \"德胜\""],
     "check warns of a given name where a clause begins (晓蕾当时, 德胜随后, "
     "（德胜当场), a compound surname's too")
t.ok(c.returncode == 0 and "3 warnings to review" in c.stdout,
     "check exits 0 and counts them", c.stdout)
# An undeclared person is an error, or a warning when the policy says so.
save(os.path.join(content, REL), GOOD.replace("正文。", "村民柯小兰反映了情况。"))
r = build(content, out)
t.ok(r.returncode == 1 and ": error: body: \"柯小兰\" looks like" in r.stderr,
     "an undeclared person stops the build", r.stderr)
write(polpath, polorig.replace("undeclared: error", "undeclared: warn"))
r = build(content, out)
t.ok(r.returncode == 0 and ": warning: body: \"柯小兰\" looks like" in
     r.stderr, "undeclared: warn lowers it to a warning", r.stderr)
write(polpath, polorig)
save(os.path.join(content, REL), GOOD.replace("正文。", "村民柯小兰反映了情况。").replace(
    "  position: 局长\n", "  position: 局长\nothers:\n  - name: 柯小兰\n"
    "    position: 村民\n"))
r = build(content, out)
page = read(os.path.join(out, "cases/T-2024-001/index.html")) \
    if r.returncode == 0 else ""
t.ok(r.returncode == 0 and "村民柯某反映" in page and "柯小兰" not in page,
     "declared under others:, the person is pseudonymized", r.stderr)
write(polpath, polorig.replace("ordinary: []", "ordinary: [x]"))
r = build(content, out)
t.ok(r.returncode == 1 and "ordinary[1]: expected a phrase of two "
     "characters or more" in r.stderr, "ordinary: holds phrases", r.stderr)
write(polpath, polorig.replace("undeclared: error", "undeclared: maybe"))
r = build(content, out)
t.ok(r.returncode == 1 and "undeclared: expected error or warn" in r.stderr,
     "undeclared: is error or warn", r.stderr)
write(polpath, polorig)
save(os.path.join(content, REL), GOOD)
r = build(content, out)
before = tree(out)

# A bad site.yaml or policy.yaml is reported like a bad record.
site = os.path.join(content, "site.yaml")
orig = read(site)
write(site, orig.replace("base_url: https://rczc.example.gov.cn/",
                         "base_url: rczc.example.gov.cn"))
r = build(content, out)
line = orig[:orig.find("base_url:")].count("\n") + 1
t.ok(r.returncode == 1 and
     "site.yaml:%d:11: error: base_url: expected an absolute http or https "
     "URL" % line in r.stderr and tree(out) == before,
     "bad site.yaml: error with position, site unchanged", r.stderr)
write(site, orig)
pol = os.path.join(content, "policy.yaml")
orig = read(pol)
write(pol, orig.replace("  title: keep", "  title: publish"))
r = build(content, out)
t.ok(r.returncode == 1 and
     "policy.yaml:14:10: error: title: unknown operator \"publish\"" in
     r.stderr and tree(out) == before,
     "bad policy.yaml: error with position, site unchanged", r.stderr)
write(pol, orig)

# site.yaml and policy.yaml: YAML mistakes in plain words where they
# are, and empty settings at their own place, as in records.  {l} is the
# line of the sample that the first change is on, {k} the line of the
# file's first setting.
SETTINGS = [
    ("site.yaml", "unclosed double quote",
     [("publisher: 澄岚县纪委监委", "publisher: \"澄岚县纪委监委")],
     ["{f}:{l}:12: error: the quote opened here is not closed"]),
    ("site.yaml", "unclosed single quote",
     [("timezone: \"+08:00\"", "timezone: '+08:00")],
     ["{f}:{l}:11: error: the quote opened here is not closed"]),
    ("site.yaml", "unclosed {",
     [("  - {name: 澄岚县发展和改革局, slug: fagai}",
       "  - {name: 澄岚县发展和改革局, slug: fagai")],
     ["{f}:{l}:5: error: \"{{\" opened here is not closed"]),
    ("site.yaml", "tab in indentation",
     [("  email: jubao@example.gov.cn", "\temail: jubao@example.gov.cn")],
     ["{f}:{l}:1: error: a tab is not allowed in indentation"]),
    ("site.yaml", "empty publisher", [("publisher: 澄岚县纪委监委", "publisher:")],
     ["{f}:{l}:1: error: field \"publisher\" is empty"]),
    ("site.yaml", "title \"\"", [("title: 澄岚县容错纠错案件公开平台", "title: \"\"")],
     ["{f}:{l}:8: error: field \"title\" is empty"]),
    ("site.yaml", "missing publisher", [("publisher: 澄岚县纪委监委\n", "")],
     ["{f}:{k}:1: error: missing required field \"publisher\""]),
    ("site.yaml", "empty unit name",
     [("{name: 澄岚县发展和改革局, slug: fagai}", "{name: \" \", slug: fagai}")],
     ["{f}:{l}:12: error: field \"units[1].name\" is empty"]),
    ("policy.yaml", "unclosed double quote",
     [("  title: keep", "  title: \"keep")],
     ["{f}:{l}:10: error: the quote opened here is not closed"]),
    ("policy.yaml", "unclosed [",
     [("  privacy: 《", "  privacy: [《")],
     ["{f}:{l}:12: error: \"[\" opened here is not closed"]),
    ("policy.yaml", "unclosed {",
     [("    public: {op: pseudonym, ground: privacy}",
       "    public: {op: pseudonym, ground: privacy")],
     ["{f}:{l}:13: error: \"{{\" opened here is not closed"]),
    ("policy.yaml", "tab in indentation",
     [("  title: keep", "\ttitle: keep")],
     ["{f}:{l}:1: error: a tab is not allowed in indentation"]),
    ("policy.yaml", "empty ground",
     [("  privacy: 《中华人民共和国政府信息公开条例》第十五条（涉及个人隐私）",
       "  privacy:")],
     ["{f}:{l}:3: error: field \"grounds.privacy\" is empty"]),
]
for fname, name, spec, want in SETTINGS:
    path = os.path.join(content, fname)
    orig = read(path)
    text = orig
    for a, b in spec:
        t.ok(a in text, "%s %s: the sample has %r" % (fname, name, a))
        text = text.replace(a, b, 1)
    write(path, text)
    lines = orig.split("\n")
    want = [w.format(f=path, l=orig[:orig.find(spec[0][0])].count("\n") + 1,
                     k=1 + next(i for i, x in enumerate(lines)
                                if x and not x.startswith("#")))
            for w in want]
    r = build(content, out)
    write(path, orig)
    errors = [l for l in r.stderr.splitlines() if ": error: " in l]
    t.ok(r.returncode == 1 and errors == want and tree(out) == before,
         "%s %s: exact message and position, site unchanged" % (fname, name),
         "status %d\ngot:\n  %s\nwant:\n  %s" % (
             r.returncode, "\n  ".join(errors), "\n  ".join(want)))
# --- A record under cases/ in a file that is never read ----------------
# A file under cases/ that opens front matter but is hidden, in a hidden
# directory, or named otherwise than ID.md is a case that would be lost:
# an error names it, and nothing is published; a full build and one from
# the cache alike.  A file of notes without front matter is no record.
odd = tmpdir()
ocontent = copy_content(os.path.join(odd, "content"))
oout = os.path.join(odd, "site")
r = build(ocontent, oout)
t.ok(r.returncode == 0, "odd names: the sample builds", r.stderr)
obefore = tree(oout)
osrc = sorted(os.path.join(d, f) for d, _, fs in
              os.walk(os.path.join(ocontent, "cases"))
              for f in fs if f.endswith(".md"))[-1]
oyear = os.path.dirname(osrc)
notes = [os.path.join(ocontent, "cases", "说明.txt"),
         os.path.join(oyear, "待办.md~")]
for n in notes:
    write(n, "尚未办结的案件，下周补录。\n")
r = build(ocontent, oout)
t.ok(r.returncode == 0 and tree(oout) == obefore,
     "odd names: files of notes without front matter under cases/ are "
     "no records", r.stderr)
base = os.path.basename(osrc)[:-3]
for rel in (base + ".markdown", base + ".MARKDOWN", base + ".md.bak",
            base + ".md~", "#" + base + ".md#", base + ".txt",
            "." + base + ".md", ".草稿/" + base + ".md", base):
    path = os.path.join(oyear, rel)
    write(path, read(osrc))
    for how in ((), ("--full",)):
        r = build(ocontent, oout, *how)
        errors = [l for l in r.stderr.splitlines() if ": error: " in l]
        t.ok(r.returncode == 1 and errors == [
            path + ":1:1: error: a record is read only from a file named "
            "ID.md that is not hidden: rename it (or remove it, if it is a "
            "copy), or it is not read"] and tree(oout) == obefore,
             "a record in cases/%s/%s%s: refused, named, nothing published"
             % (os.path.basename(oyear), rel, " (--full)" if how else ""),
             "status %d\n%s" % (r.returncode, r.stderr[-600:]))
    os.remove(path)
    if rel.startswith(".草稿/"):
        os.rmdir(os.path.dirname(path))
r = build(ocontent, oout)
t.ok(r.returncode == 0 and tree(oout) == obefore,
     "odd names: the files gone, the portal builds as before", r.stderr)
t.done()
