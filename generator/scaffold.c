/*
 * disclose new: the skeleton of a record for a new case, filed under
 * the year its id names, with a comment on every field in the portal's
 * language, and the steps that follow printed for the editor.  Its
 * dates are the placeholder that validate.c accepts in a draft only, so
 * a case cannot be closed with a date nobody wrote.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "disclose.h"
#include "extern.h"

/*
 * One line of the front matter, by language: YAML and its comment; or,
 * when yaml is "#", a comment alone; or, when it is "-", a step of the
 * procedure named zh or en.  In yaml and comments, '$' is the id and
 * '@' the date placeholder.
 */
struct line {
	const char	*yaml;
	const char	*zh;
	const char	*en;
};

static const struct line lines[] = {
	{ "id: $", "案件编号，与文件名一致",
	    "the case number, the same as the file's name" },
	{ "status: open", "open 办理中，不公开 | closed 已办结，公开 | "
	    "withdrawn 已撤回",
	    "open: a draft, never published | closed: decided, published | "
	    "withdrawn" },
	{ "#", "填写下列各项；案件办结、各项填写完毕后将 status 改为 closed。",
	    "Fill in the fields below; set status to closed once the case "
	    "is decided and every field is filled in." },
	{ "#", "日期写作 YYYY-MM-DD：status 为 closed 时，仍是占位符 @ 的日期"
	    "不能通过 disclose check。",
	    "Dates are written YYYY-MM-DD: once status is closed, a date "
	    "still the placeholder @ fails disclose check." },
	{ "#", "witnesses、others、third_parties、revisions 等字段见 "
	    "disclose(5)。",
	    "witnesses, others, third_parties, revisions and the other "
	    "fields: see disclose(5)." },
	{ "title:", "案件名称，如：某镇集体经济项目先行先试失误容错案",
	    "the name of the case" },
	{ "unit:", "办理单位，site.yaml 的 units 之一",
	    "the unit, one of the units of site.yaml" },
	{ "category:", "类别，site.yaml 的 categories 之一",
	    "one of the categories of site.yaml" },
	{ "summary:", "一句话摘要，用于列表和订阅；不填则用正文第一段",
	    "one sentence for lists and feeds; else the body's first "
	    "paragraph" },
	{ "subject:", "当事干部", "the official concerned" },
	{ "  name:", "姓名，只写姓名", "the name, and nothing else" },
	{ "  position:", "职务", "the position" },
	{ "outcome:", "exempted 免予问责 | mitigated 从轻减轻处理 | "
	    "accountable 依规依纪问责",
	    "exempted | mitigated | accountable" },
	{ "basis: []", "免予问责、从轻减轻处理所依据的免责清单条目编号，"
	    "如 [1, 3]（见 rules.yaml）",
	    "the numbers of the items of rules.yaml an exemption or a "
	    "mitigation relied on, e.g. [1, 3]" },
	{ "factors:", "“三个区分开来”的六个方面",
	    "the six dimensions of the three distinctions" },
	{ "  degree:", "程度：工作失误还是违纪违法",
	    "a mistake, or a breach of discipline or law" },
	{ "  motive:", "动机：为公还是为私",
	    "for the public, or for private gain" },
	{ "  conditions:", "条件：客观条件是否具备",
	    "whether the conditions were there" },
	{ "  procedure:", "程序：是否经集体决策和风险评估",
	    "collective decision and risk assessment" },
	{ "  policy:", "政策：上级有无明令禁止",
	    "whether a higher level forbade it" },
	{ "  consequence:", "后果：损失是否挽回",
	    "whether the loss was recovered" },
	{ "procedure:", "办理程序，按先后顺序，日期不倒退",
	    "the steps of the case in order; dates never go backwards" },
	{ "-", "申请", "application" },
	{ "-", "调查核实", "investigation" },
	{ "-", "认定", "determination" },
	{ "-", "决定", "decision" },
	{ "third_party_review: false", "是否经第三方评估：true | false",
	    "whether a third party reviewed it: true | false" },
	{ "hearing: false", "是否举行听证：true | false",
	    "whether a hearing was held: true | false" },
	{ "decided: @", "作出决定的日期，不早于第一个程序步骤",
	    "the date of the decision, not before the first step" },
	{ "published: @", "公开日期，不早于决定日期；晚于今天则到期才发布",
	    "the date of publication, not before the decision; a later "
	    "date than today holds the case back until then" },
	{ NULL, NULL, NULL }
};

/* Copy s to b, with the id for '$' and the date placeholder for '@'. */
static void
expand(struct buf *b, const char *s, const char *id)
{
	for (; *s != '\0'; s++)
		if (*s == '$')
			buf_puts(b, id);
		else if (*s == '@')
			buf_puts(b, DATE_PLACEHOLDER);
		else
			buf_putc(b, *s);
}

/* The record of a new case, in the language (zh-CN or en) of the portal. */
static char *
skeleton(const char *id, int en)
{
	struct buf	 b;
	const char	*c;
	size_t		 i, col;

	memset(&b, 0, sizeof(b));
	buf_puts(&b, "---\n");
	for (i = 0; lines[i].yaml != NULL; i++) {
		c = en ? lines[i].en : lines[i].zh;
		col = b.len;
		if (strcmp(lines[i].yaml, "#") == 0)
			buf_puts(&b, "# ");
		else if (strcmp(lines[i].yaml, "-") == 0) {
			buf_printf(&b, "  - {step: %s, date: %s}\n", c,
			    DATE_PLACEHOLDER);
			continue;
		} else {
			expand(&b, lines[i].yaml, id);
			/* Comments start in one column, after a blank. */
			do
				buf_putc(&b, ' ');
			while (b.len - col < 26);
			buf_puts(&b, "# ");
		}
		expand(&b, c, id);
		buf_putc(&b, '\n');
	}
	buf_puts(&b, "---\n");
	buf_puts(&b, en ? "## Background\n\n" : "## 基本情况\n\n");
	return buf_take(&b);
}

/*
 * Write text to path, a file that must not exist: into a temporary file
 * beside it, then linked to its name, which fails if the name is taken.
 * Nothing is left behind on failure.  Returns 0 after reporting.
 */
static int
create(const char *dir, const char *path, const char *text)
{
	FILE	*f;
	char	*tmp;
	mode_t	 mask;
	int	 fd, ok;

	tmp = xasprintf("%s/.new.XXXXXX", dir);
	if ((fd = mkstemp(tmp)) == -1) {
		syserr("%s", dir);
		free(tmp);
		return 0;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		syserr("%s", tmp);
		close(fd);
		unlink(tmp);
		free(tmp);
		return 0;
	}
	/* mkstemp makes it 0600: a record is as readable as any file. */
	mask = umask(0);
	umask(mask);
	ok = fchmod(fd, 0644 & ~mask) == 0;
	fputs(text, f);
	ok = fflush(f) == 0 && ferror(f) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok)
		syserr("%s", path);
	else if (link(tmp, path) == -1) {
		if (errno == EEXIST)
			fprintf(stderr, "disclose: %s: %s (disclose new never "
			    "overwrites a record)\n", path, strerror(errno));
		else
			syserr("%s", path);
		ok = 0;
	}
	unlink(tmp);
	free(tmp);
	return ok;
}

/*
 * Write the record of a new case id (valid: main.c checked it) into
 * content, a directory that exists.  Returns an exit status.
 */
int
scaffold_new(const char *content, const char *id)
{
	struct config	*cfg;
	char		*path, *dir, *file, *text, *opt;
	int		 year, en, ok;

	path = xasprintf("%s/site.yaml", content);
	cfg = config_read(path);
	free(path);
	if (cfg == NULL) {
		diag_flush(stderr);
		return EXIT_CONTENT;
	}
	en = strcmp(cfg->language, "en") == 0;
	config_free(cfg);

	year = id_year(id);
	dir = xasprintf("%s/cases/%d", content, year);
	file = xasprintf("%s/%s.md", dir, id);
	text = skeleton(id, en);
	ok = mkdirs(dir) && create(dir, file, text);
	if (ok) {
		opt = strcmp(content, "content") == 0 ? xstrdup("") :
		    xasprintf(" -C %s", content);
		printf("disclose: wrote %s, a case of %d, status open (a draft, "
		    "never published)\n"
		    "Next steps:\n"
		    "  1. fill in its fields (each says what it holds) and write "
		    "the case below\n"
		    "     the front matter;\n"
		    "  2. replace every %s with the real date;\n"
		    "  3. set status: closed when the case is decided;\n"
		    "  4. disclose check%s   (reports what is missing or wrong, "
		    "at its line)\n"
		    "  5. disclose build%s   (publishes the case on its "
		    "published date)\n",
		    file, year, DATE_PLACEHOLDER, opt, opt);
		free(opt);
	}
	free(text);
	free(dir);
	free(file);
	return ok ? EXIT_SUCCESS : EXIT_SYSTEM;
}
