/*
 * Detectors of personal data in folded text (fold.c): resident identity
 * numbers (18 characters with the ISO 7064 MOD 11-2 check character and
 * a real birth date, or the 15-digit form of before 1999), mobile
 * numbers, landlines (with an area code, or after 电话, 座机, 传真,
 * 宅电, Tel and the like, and in the list that follows), bank cards of 16 to 19 digits of any issuer (Luhn), e-mail
 * addresses (also written name[at]host, name(at)host, name @ host) and
 * unified social credit codes (GB 32100 check character).
 *
 * Numbers are found by their shape, not by their neighbours.  A run of
 * digits (of any script: folding made them ASCII; a long run of Chinese
 * numerals 〇一二…九 counts too) is a group; groups joined by one or two
 * characters that are not letters or digits, or by a space, make one
 * run: 139.0000.2008, 139—0000—2009, 139/0000/2011, a list
 * 13900002001，13900002002.  Each span of whole groups of a run is
 * weighed as a number.  What keeps a span from being personal data is
 * said with a reason: it fails its check, it is an amount (38.6万元,
 * 16000000000元), it follows a label of a document or an order
 * (订单号, 合同编号, 编号), it lies inside a long code.  Dates and
 * times are never part of a number.
 *
 * detect_scan() gives what redaction withholds and, with reasons, what
 * it keeps that has the shape of a phone, identity or card number, so
 * that the audit, which reads every such shape (detect_broad), accepts
 * exactly those.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "disclose.h"
#include "extern.h"

#define MAXDIG		48		/* digits of a span */
#define MAXGROUPS	64		/* groups of a run */

static int
isdig(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int
isalpha_(uint32_t c)
{
	return c >= 'a' && c <= 'z';
}

/* The digit a Latin letter is written for (folded: o for 0, l and i for
 * 1), or -1. */
static int
lookalike(uint32_t c)
{
	return c == 'o' ? 0 : c == 'l' || c == 'i' ? 1 : -1;
}

/* The value of a Chinese numeral (幺 reads as one in phone numbers). */
int
detect_cnum(uint32_t c)
{
	switch (c) {
	case 0x3007: case 0x96f6: return 0;	/* 〇 零 */
	case 0x4e00: case 0x5e7a: return 1;	/* 一 幺 */
	case 0x4e8c: return 2;
	case 0x4e09: return 3;
	case 0x56db: return 4;
	case 0x4e94: return 5;
	case 0x516d: return 6;
	case 0x4e03: return 7;
	case 0x516b: return 8;
	case 0x4e5d: return 9;
	/* The numerals of sums (大写): 壹贰叁肆伍陆柒捌玖. */
	case 0x58f9: return 1;
	case 0x8d30: return 2;
	case 0x53c1: return 3;
	case 0x8086: return 4;
	case 0x4f0d: return 5;
	case 0x9646: return 6;
	case 0x67d2: return 7;
	case 0x634c: return 8;
	case 0x7396: return 9;
	default: return -1;
	}
}

/*
 * Whether the first 17 characters of s are those of an identity number:
 * digits, a region that does not begin with 0, then a real date of
 * birth.  They give the check character, so they are the whole number
 * to a reader even where the last one is missing or mistyped.
 */
int
detect_id17(const char *s)
{
	struct date	 d;
	char		 date[11];
	int		 i;

	for (i = 0; i < 17; i++)
		if (!isdig((unsigned char)s[i]))
			return 0;
	if (s[0] == '0')
		return 0;
	/* Characters 7 to 14 are the date of birth. */
	snprintf(date, sizeof(date), "%.4s-%.2s-%.2s", s + 6, s + 10, s + 12);
	return date_parse(date, &d) && d.y >= 1900 && d.y <= 2100;
}

/* Whether an 18-character identity number (digits, X last) is valid. */
int
detect_id(const char *s)
{
	static const int w[17] =
	    { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int		 i, sum = 0;

	if (strlen(s) != 18 || !detect_id17(s))
		return 0;
	for (i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	return (s[17] == 'X' || s[17] == 'x' ? 'X' : s[17]) ==
	    check[sum % 11];
}

/* Whether a 15-digit number is an identity number of the old form:
 * a region, then the date of birth as YYMMDD (19YY), then 3 digits. */
int
detect_id15(const char *s)
{
	struct date	 d;
	char		 date[11];
	int		 i;

	if (strlen(s) != 15 || s[0] == '0')
		return 0;
	for (i = 0; i < 15; i++)
		if (!isdig((unsigned char)s[i]))
			return 0;
	snprintf(date, sizeof(date), "19%.2s-%.2s-%.2s", s + 6, s + 8,
	    s + 10);
	return date_parse(date, &d);
}

/* The Luhn check of a string of digits. */
int
detect_luhn(const char *s)
{
	size_t	 n = strlen(s), i;
	int	 sum = 0, d, dbl = 0;

	if (n == 0)
		return 0;
	for (i = n; i > 0; i--) {
		if (!isdig((unsigned char)s[i - 1]))
			return 0;
		d = s[i - 1] - '0';
		if (dbl && (d *= 2) > 9)
			d -= 9;
		sum += d;
		dbl = !dbl;
	}
	return sum % 10 == 0;
}

/*
 * Whether an 18-character unified social credit code is valid: the
 * registration authority and the type, a six-digit region, the code of
 * the organization and the check character of GB 32100.
 */
int
detect_uscc(const char *s)
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25,
	    13, 8, 24, 10, 30, 28 };
	const char	*p;
	int		 i, sum = 0, v[18], c;

	if (strlen(s) != 18)
		return 0;
	for (i = 0; i < 18; i++) {
		c = s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i];
		if (c == '\0' || (p = strchr(cs, c)) == NULL)
			return 0;
		v[i] = (int)(p - cs);
	}
	if (v[0] == 0 || v[1] == 0)
		return 0;
	for (i = 2; i < 8; i++)
		if (v[i] > 9)
			return 0;
	for (i = 0; i < 17; i++)
		sum += v[i] * w[i];
	return v[17] == (31 - sum % 31) % 31;
}

/*
 * The code of the organization inside a credit code (its characters 9
 * to 17, 35628107-1), which names the organization as well: of a folded
 * value of len bytes that is a valid credit code, in field a credit
 * code's or with a letter but a final x (an identity number's), into
 * out (ten bytes), upper case.  Redaction withholds it and the audit
 * searches for it by the same rule.
 */
int
detect_orgcode(const char *key, size_t len, int field, char *out)
{
	char	 u[19];
	size_t	 i;
	int	 letter = 0;

	if (len != 18)
		return 0;
	for (i = 0; i < 18; i++) {
		u[i] = key[i] >= 'a' && key[i] <= 'z' ? key[i] - 'a' + 'A' :
		    key[i];
		if (!(u[i] >= '0' && u[i] <= '9') && !(i == 17 && u[i] == 'X'))
			letter = 1;
	}
	u[18] = '\0';
	if (!(field || letter) || !detect_uscc(u))
		return 0;
	memcpy(out, u + 8, 9);
	out[9] = '\0';
	return 1;
}

/*
 * The units of an address that follow its numbers (66号, 3栋, 2单元,
 * 501室), and what may stand between two of its numbers (3-2-501,
 * 5#1-302, 3/2/501): both read as one '-'.
 */
static const char *const addrunits[] = {
	"号楼", "号院", "号房", "单元", "号", "栋", "幢", "座", "楼", "层",
	"室", "组", "户", "排", "弄", "巷", NULL
};
static const char addrseps[] = "-\u2010\u2011\u2012\u2013\u2014\u2015_/#.\u00b7~";
static struct words	w_addrunits;
static struct cset	s_addrseps;
static pthread_once_t	addronce = PTHREAD_ONCE_INIT;

static void
addrinit(void)
{
	words_init(&w_addrunits, addrunits);
	cset_init(&s_addrseps, addrseps);
}

#define CN_TEN		0x5341	/* 十 */
#define CN_HUNDRED	0x767e	/* 百 */
#define CN_THOUSAND	0x5343	/* 千 */
#define CN_TWO		0x4e24	/* 两 */

/*
 * A number in Chinese numerals at cp[i] (六十六, 五〇一, 一百零二): its
 * value in *v; returns its end, or i when none stands there.
 */
static size_t
cnumrun(const uint32_t *cp, size_t n, size_t i, long *v)
{
	size_t	 j, k;
	long	 total = 0, cur = 0, d;
	int	 place = 0;

	for (j = i; j < n && j - i < 8; j++) {
		if (cp[j] == CN_TEN || cp[j] == CN_HUNDRED ||
		    cp[j] == CN_THOUSAND)
			place = 1;
		else if (cp[j] != CN_TWO && detect_cnum(cp[j]) < 0)
			break;
	}
	if (j == i)
		return i;
	for (k = i; k < j; k++) {
		d = cp[k] == CN_TEN ? 10 : cp[k] == CN_HUNDRED ? 100 :
		    cp[k] == CN_THOUSAND ? 1000 : cp[k] == CN_TWO ? 2 :
		    detect_cnum(cp[k]);
		if (d >= 10) {		/* 六十, 一百, 十 alone */
			total += (cur > 0 ? cur : 1) * d;
			cur = 0;
		} else if (place)
			cur = d;
		else
			total = total * 10 + d;
	}
	*v = total + cur;
	return j;
}

static void
readput(struct reading *r, uint32_t c, size_t from, size_t to)
{
	r->cp[r->n] = c;
	r->from[r->n] = from;
	r->to[r->n] = to;
	r->n++;
}

/*
 * Read folded text as an address is read (3栋2单元501室, 3-2-501 and
 * 三栋二单元五〇一室 read alike), into r (zeroed, or read into before):
 * a number in Chinese numerals before a unit in digits, and a unit
 * after a number, or one or two separators between two numbers, as one
 * '-'.  What else it holds reads as itself.
 */
void
detect_addrread(const uint32_t *cp, size_t n, struct reading *r)
{
	size_t	 i = 0, j, e, len, k;
	long	 v;
	char	 d[24];
	int	 state = 0;	/* 1: after a number, 2: after its '-' */

	pthread_once(&addronce, addrinit);
	/* A number's digits are at most four for each of its numerals. */
	if (r->cap < 4 * n + 8) {
		r->cap = 4 * n + 8;
		r->cp = xreallocarray(r->cp, r->cap, sizeof(*r->cp));
		r->from = xreallocarray(r->from, r->cap, sizeof(*r->from));
		r->to = xreallocarray(r->to, r->cap, sizeof(*r->to));
	}
	r->n = 0;
	while (i < n) {
		if ((j = cnumrun(cp, n, i, &v)) > i &&
		    words_at(&w_addrunits, cp, n, j, NULL) >= 0) {
			snprintf(d, sizeof(d), "%ld", v);
			for (k = 0; d[k] != '\0'; k++)
				readput(r, (uint32_t)d[k], i, j);
			i = j;
			state = 1;
			continue;
		}
		if (isdigit32(cp[i])) {
			readput(r, cp[i], i, i + 1);
			i++;
			state = 1;
			continue;
		}
		if (state != 0) {
			for (j = i; j < n && j - i < 2 &&
			    cset_has(&s_addrseps, cp[j]); j++)
				continue;
			if (state == 1 && words_at(&w_addrunits, cp, n, j,
			    &len) >= 0) {
				readput(r, '-', i, j + len);
				i = j + len;
				state = 2;
				continue;
			}
			if (j > i && j < n && (isdigit32(cp[j]) ||
			    ((e = cnumrun(cp, n, j, &v)) > j &&
			    words_at(&w_addrunits, cp, n, e, NULL) >= 0))) {
				if (state == 1)
					readput(r, '-', i, j);
				else
					r->to[r->n - 1] = j;
				i = j;
				state = 2;
				continue;
			}
		}
		readput(r, cp[i], i, i + 1);
		i++;
		state = 0;
	}
}

void
detect_readfree(struct reading *r)
{
	free(r->cp);
	free(r->from);
	free(r->to);
	memset(r, 0, sizeof(*r));
}

/*
 * A part of an address, as read, at character i of a text's reading:
 * of the address a (both read by detect_addrread): the whole address,
 * or a part of ADDRRUN characters or more, or its last part of ADDRTAIL
 * or more with a number in it (家属院2栋, 桃坪村五组 of 澄岚县青石镇桃坪村
 * 五组), that cuts no number, does not begin at a '-' and is not public
 * (pub, given the characters of the address it was read from, says
 * so); of digits and '-' alone, it holds three numbers (3-2-501).
 * Returns the end of the longest, or 0.
 */
size_t
detect_addrpart(const struct reading *t, size_t i, const struct reading *a,
    int (*pub)(void *, size_t, size_t), void *arg)
{
	size_t	 j, k, p, best = 0, q, groups;
	int	 other;

	if (t->cp[i] == '-' || (isdigit32(t->cp[i]) && i > 0 &&
	    isdigit32(t->cp[i - 1])))
		return 0;
	for (j = 0; j < a->n; j++) {
		if (a->cp[j] != t->cp[i] || (isdigit32(a->cp[j]) && j > 0 &&
		    isdigit32(a->cp[j - 1])))
			continue;
		for (k = j, p = i; k < a->n && p < t->n &&
		    a->cp[k] == t->cp[p]; k++, p++)
			continue;
		/* Back to the end of a number, in both. */
		while (k > j && isdigit32(a->cp[k - 1]) &&
		    ((p < t->n && isdigit32(t->cp[p])) ||
		    (k < a->n && isdigit32(a->cp[k])))) {
			k--;
			p--;
		}
		if (k == j)
			continue;
		if (k - j < a->n) {
			for (q = j; q < k && !isdigit32(a->cp[q]); q++)
				continue;
			if ((k - j < ADDRRUN && (k < a->n || k - j < ADDRTAIL ||
			    q == k)) || pub(arg, a->from[j], a->to[k - 1]))
				continue;
			for (q = j, groups = 0, other = 0; q < k; q++) {
				if (isdigit32(a->cp[q]) && (q == j ||
				    !isdigit32(a->cp[q - 1])))
					groups++;
				else if (!isdigit32(a->cp[q]) && a->cp[q] != '-')
					other = 1;
			}
			if (!other && groups < 3)
				continue;
		}
		if (p > best)
			best = p;
	}
	return best;
}

static int	joined(const char *, int);

/*
 * The broad shape of a number (the audit's): 11 digits from 1 (a
 * mobile), 10 to 12 from 0 (a landline with its area code), 15 or 18
 * (an identity number, X last or not), 16 to 19 (a card; and 15 from
 * 34 or 37, 14 from 36, Luhn-valid); 20 or more,
 * two or more numbers of a person's run together (joined).  -1 if none.
 */
int
detect_shape(const char *d)
{
	size_t	 k = strlen(d);

	if (k == 0)
		return -1;
	if (d[k - 1] == 'X')
		return k == 18 ? DET_ID : -1;
	if (k >= 20)
		return joined(d, 0);
	if (((k == 15 && d[0] == '3' && (d[1] == '4' || d[1] == '7')) ||
	    (k == 14 && d[0] == '3' && d[1] == '6')) && detect_luhn(d))
		return DET_BANKCARD;
	if (k == 15 || k == 18 || (k == 17 && detect_id17(d)))
		return DET_ID;
	if (k >= 16 && k <= 19)
		return DET_BANKCARD;
	if (k == 11 && d[0] == '1')
		return DET_MOBILE;
	if (k >= 10 && k <= 12 && d[0] == '0')
		return DET_LANDLINE;
	return -1;
}

/*
 * Whether the digits of d (X last or not) pass the check of the kind
 * their shape gives, by which a number of a person's is told from any
 * other: an identity number's check character (or the date in one of 15
 * or 17 digits), a card's Luhn digit, a mobile's first two digits, or
 * numbers of those kinds run together.  A landline has no check but its
 * shape.  So a number said to fail its check is one that does.
 */
int
detect_passes(const char *d)
{
	size_t	 k = strlen(d);
	int	 kind = detect_shape(d);

	if (k >= 20)
		return kind >= 0;
	switch (kind) {
	case DET_ID:
		return (k == 18 && detect_id(d)) || (k == 17 &&
		    detect_id17(d)) || (k == 15 && detect_id15(d));
	case DET_BANKCARD:
		return detect_luhn(d);
	case DET_MOBILE:
		return d[1] >= '3' && d[1] <= '9';
	default:
		return 0;
	}
}

/*
 * Whether k digits of d are one whole number of a person's by the strict
 * checks: a mobile, a landline with its area code, an identity number
 * (or its first 17 digits); with local, also 7 or 8 digits of a local
 * line (under a telephone's label).  Its kind, or -1.
 */
static int
piece(const char *d, size_t k, int local)
{
	char	 b[19];

	if (k == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9')
		return DET_MOBILE;
	if (k >= 10 && k <= 12 && d[0] == '0' && d[1] != '0')
		return DET_LANDLINE;
	if (k == 15 || k == 17 || k == 18) {
		memcpy(b, d, k);
		b[k] = '\0';
		if ((k == 15 && detect_id15(b)) || (k == 17 &&
		    detect_id17(b)) || (k == 18 && detect_id(b)))
			return DET_ID;
	}
	if (local && (k == 7 || k == 8) && d[0] != '0')
		return DET_LANDLINE;
	return -1;
}

/*
 * Numbers of a person's run together with nothing between them
 * (1370000602213911112222: two mobiles): whether the digits of d are
 * two or more of them, one after the other, a mobile or an identity
 * number among them.  The kind of the first, or -1.
 */
static int
joined(const char *d, int local)
{
	static const size_t	 len[] = { 7, 8, 10, 11, 12, 15, 17, 18 };
	unsigned char		 ok[MAXDIG + 1];
	size_t			 k = strlen(d), i, l;
	int			 kind, first[MAXDIG + 1];

	if (k < (local ? 14 : 20) || k > MAXDIG)
		return -1;
	/* ok[i]: the digits from i are such numbers (1), one of them a
	 * mobile or an identity number (2); first[i]: the kind of the
	 * first. */
	memset(ok, 0, sizeof(ok));
	ok[k] = 1;
	for (i = k; i-- > 0;)
		for (l = 0; l < sizeof(len) / sizeof(len[0]); l++) {
			if (i + len[l] > k || ok[i + len[l]] == 0 ||
			    (kind = piece(d + i, len[l], local)) < 0)
				continue;
			if (ok[i] < 2) {
				ok[i] = kind == DET_MOBILE || kind == DET_ID ||
				    ok[i + len[l]] == 2 ? 2 : 1;
				first[i] = kind;
			}
		}
	/* Landlines alone run together are more often a serial. */
	return ok[0] == 2 ? first[0] : -1;
}

/* A run of digits of a number written in groups. */
struct group {
	size_t	 start;		/* index of its first character */
	size_t	 end;		/* index after its last */
	size_t	 d0;		/* its digits in run.dig */
	size_t	 nd;
	uint32_t sep;		/* the separator before it, ' ' for a gap */
	size_t	 nsep;		/* its characters (0: a gap only) */
	int	 list;		/* that separator is a comma or 、 ; */
	int	 date;		/* part of a date or a time */
	int	 amount;	/* part of an amount */
	int	 label;		/* after a label of a document */
	int	 code;		/* inside a long code (a digest, a key) */
	int	 plus;		/* after a + (+86 …) */
};

struct run {
	struct group	 g[MAXGROUPS];
	size_t		 ng;
	char		 dig[MAXGROUPS * MAXDIG];
	size_t		 ndig;
	int		 phone;		/* after 电话, 座机, 传真, Tel */
	int		 carry;		/* after another number of a phone's,
					 * and 或, 和, 转 (numbers) */
	int		 mobile;	/* after 手机 */
	int		 counted;	/* before 件, 人, 户 (counters) */
};


/* Labels of documents and orders: a number after them is theirs. */
static const char *const labels[] = {
	"订单号", "订单编号", "合同编号", "合同号", "编号", "单号",
	"流水号", "文号", "案号", "批号", "批次号", "发票号", "发票号码",
	"凭证号", "登记号", "备案号", "序号", "许可证号", "证书编号",
	"档案号", "运单号", "交易号", "商户号", "型号", "货号", "项目代码",
	"合同编码", "订单编码", NULL
};

/* What before a label makes it a person's: 身份证编号, 银行卡编号. */
static const char *const personal[] = {
	"身份证", "证件", "身份", "银行卡", "卡", "账户", "账", "手机",
	"电话", "社保", "医保", "护照", "驾驶证", "一卡通", "存折",
	"公积金", "实名", "账号", NULL
};

/* Labels of a telephone: a number of 7 or 8 digits after them is one. */
static const char *const phones[] = {
	"电话", "座机", "传真", "固话", "电话号码", "联系方式", "联系号码",
	"办公号码", "宅电", "热线", "来电号码", "致电", "拨打", "小灵通",
	"办公室号码", "家庭号码", "号码", "tel", "fax", "phone", "总机",
	"分机", "分机号", "办公室", "手机", "联系", "打", NULL
};

/* What before 号码 makes it a document's, not a telephone's: 发票号码,
 * 车牌号码. */
static const char *const docnums[] = {
	"发票", "证书", "车牌", "许可证", "执照", "订单", "合同", "运单",
	"快递单", "凭证", "档案", "批准", "登记", "序列", "产品", "文件",
	"房间", "门牌", "案件", "工单", "单据", "票据", "编码", "批次",
	NULL
};

/* What marks a number after it as a telephone's: 8612 3456（宅）. */
static const char *const phonetags[] = {
	"(家)", "(宅)", "(办)", "(办公)", "(办公室)", "(单位)", "(座机)",
	"(固话)", "(传真)", NULL
};

/* Words that count what a number before them numbers: 1234567件 is
 * no telephone's, whatever label stands before it. */
static const char *const counters[] = {
	"件", "人", "户", "名", "条", "个", "次", "项", "份", "家", "起",
	"宗", "笔", "张", "台", "辆", "套", "间", "吨", "亩", "米", "天",
	"册", "页", "字", "元", "万", "亿", "%", NULL
};

/* Labels of a mobile's number. */
static const char *const mobiles[] = {
	"手机", "手机号", "手机号码", NULL
};

/* Words between a telephone's label and the numbers it introduces
 * (联系电话如下：, 电话分别为, 座机号码, 经电话联系, 打电话给). */
static const char *const fillers[] = {
	"如下", "分别为", "分别是", "依次为", "为", "是", "号码", "号", "联系",
	"给", NULL
};

/* Words that turn from one telephone to the next after a joiner
 * (…3391；现用6628 3392, …，后改为86283392, …，备用：…). */
static const char *const turns[] = {
	"现用", "现为", "现改为", "现已改为", "改为", "后改为", "后改用",
	"改用", "更改为", "变更为", "更换为", "换为", "新号码", "新号",
	"新号码为", "备用", "备用号码", "备用电话", "另", "另有", "另一",
	"或者", "或拨打", "也可拨打", "亦可拨打", "也可拨", "亦可拨",
	"以及", "还有", NULL
};

/* Words that join two numbers of a telephone's as single characters do
 * (…1201或者8866 1202, …1201 or 8866 1202, a range: …1201至…1203). */
static const char *const conjs[] = {
	"或者", "以及", "及其", "至", "到", "and", "or", NULL
};

/* Units of an amount after a number, and currency signs before it. */
static const char *const units[] = {
	"元", "万", "亿", "千", "百", "角", "%", "‰", "块", "圆", "美元",
	"欧元", "港元", NULL
};
static const char *const currencies[] = {
	"¥", "$", "￥", "人民币", "rmb", "cny", "usd", NULL
};

/*
 * Labels of a person's account, or of a document that names them: the
 * code right after one is theirs (QQ号 12345678, 微信：wxid_ab12cd,
 * 护照号E12345678, 车牌号 浙A·12345).  A bank's account is a card's
 * number, and one that fails the cards' check is none (numbers).
 */
static const char *const accounts_[] = {
	"qq", "qq号", "qq号码", "qq账号", "微信", "微信号", "微信id",
	"微信账号", "wechat", "weixin", "wx", "vx", "支付宝", "支付宝账号",
	"抖音号", "快手号", "微博号", "钉钉号", "护照", "护照号", "护照号码",
	"通行证", "通行证号", "通行证号码", "签证号", "车牌", "车牌号",
	"车牌号码", "驾驶证号", "驾驶证号码", "行驶证号", "社保卡号",
	"医保卡号", "社保号", "军官证号", "士兵证号", NULL
};

/* The lists above, as code points. */
static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static struct words	 w_labels, w_personal, w_phones, w_units,
			 w_currencies, w_ats, w_dots, w_fillers, w_mobiles,
			 w_phonetags, w_counters, w_docnums, w_idntlds,
			 w_leads, w_leadto, w_turns, w_conjs, w_accounts;

/* The top-level domains in Chinese (as folded: 中國 reads as 中国). */
static const char *const idntlds[] = {
	"中国", "中文网", "公司", "网络", "网址", "网店", "政务", "公益",
	"香港", "台湾", "澳门", "新加坡", "在线", "移动", "商城", "集团",
	"企业", "游戏", "娱乐", "商标", "时尚", "手机", "信息", "广东",
	"佛山", "世界", "购物", "健康", "招聘", "餐厅", "慈善", "机构",
	"组织机构", "我爱你", "微博", "联通", "点看", NULL
};

/* What says an address follows, in the text before its local part
 * (邮箱：, 发至, 请联系): the local part begins after it. */
static const char *const leads[] = {
	"邮箱", "信箱", "邮件", "电邮", "邮址", "地址", "发至", "发往",
	"发到", "寄至", "寄往", "发送至", "发送到", "抄送", "回复至",
	"转发至", "投递至", "联系", "账号", "帐号", "化名", "网名", "昵称",
	"名为", "用户名", "使用", "通过", NULL
};
static const char *const leadto[] = { "为", "是", "至", "到", "往", NULL };

static const char *const ats[] = { "@", "[at]", "(at)", "{at}", "<at>",
    "【at】", "〔at〕", "(a)", "#", "艾特", "小老鼠", "圈a", "[@]", "(@)",
    "{@}", "<@>", "【@】", "〔@〕", "(艾特)", "[艾特]", "【艾特】", "圈",
    NULL };
static const char *const dots[] = { ".", "[dot]", "(dot)", "{dot}",
    "<dot>", "【dot】", "〔dot〕", "[.]", "(.)", "{.}", "<.>", "【.】", "〔.〕",
    "。", "点", "(点)", "[点]", "【点】", "·", "•", NULL };

/* The low bytes of the Chinese numerals of cnum, as bits: most other
 * characters are passed over with one test. */
static unsigned char	 numlow[32];

static inline int
maynum(uint32_t c)
{
	return c >= 0x3000 && c < 0xa000 &&
	    ((numlow[(c & 0xff) >> 3] >> (c & 7)) & 1);
}

static void
lexicon(void)
{
	uint32_t	 c;

	for (c = 0x3000; c < 0xa000; c++)
		if (detect_cnum(c) >= 0)
			numlow[(c & 0xff) >> 3] |= (unsigned char)(1u <<
			    (c & 7));
	words_init(&w_labels, labels);
	words_init(&w_personal, personal);
	words_init(&w_phones, phones);
	words_init(&w_fillers, fillers);
	words_init(&w_mobiles, mobiles);
	words_init(&w_phonetags, phonetags);
	words_init(&w_docnums, docnums);
	words_init(&w_idntlds, idntlds);
	words_init(&w_leads, leads);
	words_init(&w_leadto, leadto);
	words_init(&w_turns, turns);
	words_init(&w_conjs, conjs);
	words_init(&w_counters, counters);
	words_init(&w_units, units);
	words_init(&w_currencies, currencies);
	words_init(&w_ats, ats);
	words_init(&w_dots, dots);
	words_init(&w_accounts, accounts_);
}

/* Skip back over at most two separators (not letters) before i. */
static size_t	backsep(const uint32_t *, size_t);

/*
 * Whether a telephone's label stands before index i: right before it,
 * separators between, or a word such as 为 or 号码, words in brackets,
 * another channel after a slash (电话为, 座机号码：, 电话（见附件）：,
 * 电话/微信：, 经电话联系（).
 */
/* Whether a word of lw ends just before cp[i]: for a telephone's, not
 * 号码 after the name of a document (发票号码). */
static int
labelled(const uint32_t *cp, size_t i, const struct words *lw)
{
	long	 k;

	if ((k = words_before(lw, cp, i)) < 0)
		return 0;
	return lw != &w_phones || strcmp(phones[k], "号码") != 0 ||
	    words_before(&w_docnums, cp, i - w_phones.len[k]) < 0;
}

static int
phonebefore(const struct ftext *t, size_t i, const struct words *lw)
{
	const uint32_t	*cp = t->cp;
	size_t		 k, j, w;
	long		 f;

	for (k = 0; k < 4 && i > 0; k++) {
		if (labelled(cp, i, lw))
			return 1;
		/* Separators, to a closing bracket. */
		for (j = 0; j < 2 && i > 0 && !fold_isalnum(cp[i - 1]) &&
		    cp[i - 1] != ')' && cp[i - 1] != 0x3011; j++)
			i--;
		if (labelled(cp, i, lw))
			return 1;
		if (i == 0)
			break;
		if ((f = words_before(&w_fillers, cp, i)) >= 0) {
			i -= w_fillers.len[f];
			continue;
		}
		/* Words in brackets, up to eight characters. */
		if (cp[i - 1] == ')' || cp[i - 1] == 0x3011) {
			for (j = i - 1; j > 0 && i - j <= 9 && cp[j - 1] != '(' &&
			    cp[j - 1] != 0x3010 && !isdig(cp[j - 1]); j--)
				continue;
			if (j == 0 || i - j > 9 || isdig(cp[j - 1]))
				break;
			i = j - 1;
			continue;
		}
		/* Another channel after a slash: 电话/微信. */
		for (w = 1; w <= 4 && w < i && fold_isalnum(cp[i - w]) &&
		    !isdig(cp[i - w]); w++)
			if (cp[i - w - 1] == '/')
				break;
		if (w <= 4 && w < i && cp[i - w - 1] == '/') {
			i -= w + 1;
			continue;
		}
		break;
	}
	return 0;
}

/* Whether the characters cp[a..b) join two numbers of a telephone's:
 * 或, 和, 及, 与, 转 (an extension), a comma, 、, a slash; or a word that
 * does so (或者, 以及, or, 至). */
static int
joins(const uint32_t *cp, size_t a, size_t b)
{
	size_t	 i, k;

	/* A note in brackets first: 8672 1239（白天）、8672 1240. */
	if (a < b && (cp[a] == '(' || cp[a] == 0x3010)) {
		for (i = a + 1; i < b && i - a <= 9 && cp[i] != ')' &&
		    cp[i] != 0x3011 && !isdig(cp[i]); i++)
			continue;
		if (i < b && (cp[i] == ')' || cp[i] == 0x3011))
			a = i + 1;
	}
	/* A word that turns to another number after a joiner: 现用, 改为,
	 * 备用 (then perhaps 为, 是 or a colon). */
	for (i = a; i < b && i - a < 2 && (cp[i] == ',' || cp[i] == 0x3001 ||
	    cp[i] == ';' || cp[i] == 0xff1b || cp[i] == ' '); i++)
		continue;
	if (i > a && words_at(&w_turns, cp, b, i, &k) >= 0) {
		i += k;
		if (i < b && (cp[i] == ':' || cp[i] == 0xff1a ||
		    cp[i] == 0x4e3a || cp[i] == 0x662f))
			i++;
		while (i < b && cp[i] == ' ')
			i++;
		return i == b;
	}
	if (words_at(&w_conjs, cp, b, a, &k) >= 0 && a + k == b)
		return 1;
	if (b - a > 3)
		return 0;
	for (i = a; i < b; i++)
		if (cp[i] != 0x6216 && cp[i] != 0x548c && cp[i] != 0x53ca &&
		    cp[i] != 0x4e0e && cp[i] != 0x8f6c && cp[i] != ',' &&
		    cp[i] != 0x3001 && cp[i] != '/' && cp[i] != ';' &&
		    cp[i] != 0xff1b)
			return 0;
	return 1;
}

static size_t
backsep(const uint32_t *cp, size_t i)
{
	size_t	 k;

	for (k = 0; k < 2 && i > 0 && !fold_isalnum(cp[i - 1]); k++)
		i--;
	return i;
}

/*
 * Whether c is a digit of a number: an ASCII digit, or a Chinese
 * numeral of a long run of them (cn marks those).
 */
static int
digitat(const uint32_t *cp, const unsigned char *cn, size_t i, int *v)
{
	if (isdig(cp[i])) {
		*v = (int)(cp[i] - '0');
		return 1;
	}
	if (cn != NULL && cn[i]) {
		*v = cn[i] - 1;
		return 1;
	}
	return 0;
}

/*
 * Mark the Chinese numerals that write a number: runs of them (with
 * separators between) of at least 7, as a phone or an identity number
 * written in words would be, digits among them counted too where three
 * numerals or more are (990802一九八六0213…, not 附件二：6412 2306);
 * and Latin letters written for digits, o for 0, l or i for 1
 * (138OO138OO1, l38 0013 8002), in a token of digits and such letters
 * alone, as many digits as letters at least.  Each mark is the digit's
 * value and one.  NULL when there are none.
 */
static unsigned char *
numerals(const struct ftext *t)
{
	const uint32_t	*cp = t->cp;
	unsigned char	*cn = NULL;
	size_t		 n = t->n, i, j, k, a, count, words;

	for (i = 0; i < n; i++) {
		if (!isdig(cp[i]) && (!maynum(cp[i]) || detect_cnum(cp[i]) < 0))
			continue;
		for (j = i, count = words = 0, k = i; j < n; j++) {
			if (isdig(cp[j]) || (maynum(cp[j]) &&
			    detect_cnum(cp[j]) >= 0)) {
				count++;
				words += !isdig(cp[j]);
				k = j + 1;
			} else if (fold_isalnum(cp[j]) || j - k >= 2)
				break;
		}
		if (count >= 7 && words >= 3) {
			if (cn == NULL)
				cn = xcalloc(n + 1, 1);
			for (j = i; j < k; j++)
				cn[j] = (unsigned char)(detect_cnum(cp[j]) + 1);
		}
		i = k;
	}
	/* From each digit that no token read before holds: the letters
	 * before it, then the token on. */
	for (i = 0; i < n; i++) {
		if (!isdig(cp[i]))
			continue;
		for (a = i; a > 0 && !t->gap[a] && lookalike(cp[a - 1]) >= 0;
		    a--)
			continue;
		for (j = a, words = 0; j < n && cp[j] < 0x80 &&
		    (isdig(cp[j]) || lookalike(cp[j]) >= 0) &&
		    (j == a || !t->gap[j]); j++)
			words += !isdig(cp[j]);
		count = j - a - words;
		/* A token of such characters alone: no other letter of a
		 * Latin word right before or after it. */
		if (words > 0 && count >= 2 && words <= count &&
		    (a == 0 || t->gap[a] || !fold_joinslatin(cp[a - 1])) &&
		    (j == n || t->gap[j] || !fold_joinslatin(cp[j]))) {
			if (cn == NULL)
				cn = xcalloc(n + 1, 1);
			for (k = a; k < j; k++)
				if (!isdig(cp[k]))
					cn[k] = (unsigned char)
					    (lookalike(cp[k]) + 1);
		}
		i = j - 1;
	}
	return cn;
}

/* The alphanumeric token around i (ASCII letters and digits, no gap
 * inside), [*a, *b): TOKMAX characters at most on each side of i, so
 * that reading every digit of a long one stays linear.  A token cut so
 * is longer than any the callers weigh (a code of 18, a digest of 64). */
#define TOKMAX	128

static void
token(const struct ftext *t, size_t i, size_t *a, size_t *b)
{
	*a = i;
	*b = i;
	while (*a > 0 && i - *a < TOKMAX && !t->gap[*a] &&
	    t->cp[*a - 1] < 0x80 && fold_isalnum(t->cp[*a - 1]))
		(*a)--;
	while (*b < t->n && *b - i < TOKMAX && (*b == i || !t->gap[*b]) &&
	    t->cp[*b] < 0x80 && fold_isalnum(t->cp[*b]))
		(*b)++;
}

/*
 * Whether the token at i is a code rather than a number with words
 * around it: longer than 32 (a hash, a key), or hexadecimal with letters
 * and at least 12 long (a digest).  A number touching a word
 * (Tel13812345678) is not.
 */
static int
iscode(const struct ftext *t, size_t i)
{
	size_t	 a, b, k;
	int	 hex = 1, letters = 0;

	token(t, i, &a, &b);
	for (k = a; k < b; k++)
		if (isalpha_(t->cp[k])) {
			letters = 1;
			if (t->cp[k] > 'f')
				hex = 0;
		}
	/* A long token is a code, but for one of digits only: numbers of
	 * a person's may be run together in it (joined). */
	if (b - a > 32)
		return letters;
	return hex && letters && b - a >= 12;
}

/*
 * Whether the letter at j, after a group of digits, parts it from the
 * next as a mark would: a character of Chinese or Japanese text drawn
 * as a dot, a stroke or a dash (丶, 丨, ー), or a modifier letter, which
 * is drawn as a mark (the macron and tone marks of a Chinese keyboard:
 * ˉ, ˇ, ˋ), reads as one between digits, but only where the same one
 * parts the groups on either side of a group (138丨0013丨8000), or
 * where the two groups it parts are an area code and a local number
 * (0571丶88886618, (0571)丶88886618, 020丨8888 6644), which nothing
 * else is written as: so, not a word between two numbers (3年4月).  The
 * group before j (at j, or before its bracket) begins at first and holds
 * nd digits; prev is the separator before it (0 when it begins the run
 * or an item of a list).
 */
static int
drawnsep(const struct ftext *t, const unsigned char *cn, size_t first,
    size_t nd, size_t j, uint32_t prev)
{
	const uint32_t	*cp = t->cp;
	size_t		 m, k, local;
	int		 v;

	if (j + 1 >= t->n || (cp[j] < 0x2e80 && !fold_ismodifier(cp[j])) ||
	    t->gap[j] || t->gap[j + 1] ||
	    digitat(cp, cn, j, &v) || !digitat(cp, cn, j + 1, &v))
		return 0;
	if (prev == cp[j])
		return 1;
	for (m = j + 1; m < t->n && !t->gap[m] && digitat(cp, cn, m, &v);
	    m++)
		;
	if (m + 1 < t->n && cp[m] == cp[j] && !t->gap[m] &&
	    !t->gap[m + 1] && digitat(cp, cn, m + 1, &v))
		return 1;
	/* The run's first group an area code (0 and two or three digits),
	 * the groups after it the whole local number (seven or eight
	 * digits: 88886618, 8888 6618, 8888-6618), and no more. */
	if (prev != 0 || (nd != 3 && nd != 4) ||
	    !digitat(cp, cn, first, &v) || v != 0 ||
	    (first > 0 && digitat(cp, cn, first - 1, &v)))
		return 0;
	for (local = m - j - 1; local <= 8; local += m - k) {
		k = m;
		if (k + 1 < t->n && cp[k] == '-' && !t->gap[k] &&
		    !t->gap[k + 1] && digitat(cp, cn, k + 1, &v))
			k++;
		else if (k >= t->n || !t->gap[k] || !digitat(cp, cn, k, &v))
			break;
		for (m = k + 1; m < t->n && !t->gap[m] &&
		    digitat(cp, cn, m, &v); m++)
			;
	}
	return local == 7 || local == 8;
}

/*
 * Whether the group being read (r->g[r->ng]) ends seventeen digits of
 * whole groups, those of an identity number before its check character:
 * the run's, or its last groups' (7 990102 19880315 507X, an item's
 * number first).
 */
static int
seventeen(const struct run *r)
{
	size_t	 i = r->ng, n = r->g[r->ng].nd;

	while (n < 17 && i > 0)
		n += r->g[--i].nd;
	return n == 17;
}

/*
 * The run of groups that starts at i.  Returns the index after it.
 * skip, when not NULL, says which tokens are the portal's own strings
 * (digests, ids), never read as numbers.
 */
static size_t
readrun(const struct ftext *t, const unsigned char *cn, size_t i,
    struct run *r, const struct detskip *skip)
{
	const uint32_t	*cp = t->cp;
	size_t		 n = t->n, j, k, a, b, nsep = 0;
	uint32_t	 sep = 0;
	int		 v, list = 0;

	/* Only the groups read are cleared: a run is read up to r->ng. */
	r->ng = 0;
	r->ndig = 0;
	r->phone = 0;
	j = i;
	while (j < n && r->ng < MAXGROUPS) {
		struct group *g = &r->g[r->ng];

		memset(g, 0, sizeof(*g));
		g->start = j;
		g->d0 = r->ndig;
		while (j < n && (j == g->start || !t->gap[j]) &&
		    digitat(cp, cn, j, &v) && g->nd < MAXDIG) {
			r->dig[r->ndig++] = (char)('0' + v);
			g->nd++;
			j++;
		}
		/* An identity number ends in X after its 17 digits (or a
		 * look-alike: ×, the Cyrillic х), a Chinese word may follow
		 * (11010519491231002X的); after any other count of digits an
		 * x is a letter (13800138000x). */
		if (j < n && !t->gap[j] && g->nd >= 1 && seventeen(r) &&
		    (cp[j] == 'x' || cp[j] == 0xd7 || cp[j] == 0x445) &&
		    (j + 1 >= n || t->gap[j + 1] || cp[j + 1] >= 0x80 ||
		    !fold_isalnum(cp[j + 1]))) {
			r->dig[r->ndig++] = 'X';
			g->nd++;
			j++;
		}
		g->end = j;
		g->plus = g->start > 0 && cp[g->start - 1] == '+' &&
		    !t->gap[g->start];
		g->sep = sep;
		g->nsep = r->ng > 0 ? nsep : 0;
		g->list = list;
		r->ng++;
		if (g->nd == MAXDIG)
			break;
		/* The separator to the next group: one or two characters
		 * that are not letters or digits, spaces around them. */
		for (k = j, nsep = 0; k < n && nsep <= 6 &&
		    !fold_isalnum(cp[k]) && cp[k] >= 0x20 && (nsep < 2 ||
		    cp[k] == cp[j]); k++)
			nsep++;
		if (nsep == 0 && drawnsep(t, cn, g->start, g->nd, j,
		    g->list ? 0 : sep))
			k = j + ++nsep;
		/* Or one after the bracket of an area code: (0571)丶… */
		else if (nsep == 1 && cp[j] == ')' && (r->ng == 1 ||
		    g->list) && g->start > 0 && cp[g->start - 1] == '(' &&
		    drawnsep(t, cn, g->start, g->nd, k, 0))
			k = j + ++nsep;
		/* Or up to six dots or dashes (138……0013: an ellipsis
		 * folds to three dots); never the stars of a mask. */
		if (k >= n || nsep > 6 || (nsep > 2 && (cp[j] != cp[j + 1] ||
		    (cp[j] != '.' && cp[j] != '-' && cp[j] != 0x2014 &&
		    cp[j] != 0x2026))) || !digitat(cp, cn, k, &v) ||
		    (nsep == 0 && !t->gap[k]))
			break;
		if (skip != NULL) {
			token(t, k, &a, &b);
			if (skip->fn(skip->arg, cp + a, b - a))
				break;
		}
		sep = nsep > 0 ? cp[j] : ' ';
		/* A comma, 、, a semicolon, a full stop, a slash or a line
		 * break parts the items of a list. */
		list = t->gap[k] == FOLD_LINE;
		for (a = j; a < k; a++)
			if (cp[a] == ',' || cp[a] == 0x3001 || cp[a] == ';' ||
			    cp[a] == 0xff1b || cp[a] == 0x3002 || cp[a] == '/' ||
			    t->gap[a] == FOLD_LINE)
				list = 1;
		j = k;
	}
	return r->g[r->ng - 1].end;
}

static int
validday(const char *d, size_t y, size_t m, size_t dd, size_t nm, size_t ndd)
{
	char		 s[11];
	struct date	 x;

	if (nm < 1 || nm > 2 || (ndd != 0 && (ndd < 1 || ndd > 2)))
		return 0;
	snprintf(s, sizeof(s), "%.4s-%s%.*s-%s%.*s", d + y,
	    nm == 1 ? "0" : "", (int)nm, d + m, ndd == 1 ? "0" : "",
	    (int)(ndd == 0 ? 2 : ndd), ndd == 0 ? "01" : d + dd);
	return date_parse(s, &x);
}

/* Whether group i of a run stands apart from the one before it: the
 * first, or after a space or a comma. */
static int
apart(const struct run *r, size_t i)
{
	return i == 0 || r->g[i].sep == ' ' || r->g[i].list;
}

/*
 * Mark the groups of dates (2024-03-02, 2024/3/2, 2024.03.02, 2024-03)
 * and times (09:30, 08:00:00).  A date stands apart from the groups
 * around it, its parts joined by one and the same mark.
 */
static void
marktime(struct run *r)
{
	struct group	*g = r->g;
	size_t		 i, len[MAXGROUPS];

	/* The dates a run could hold: three or two of its groups. */
	for (i = 0; i < r->ng; i++) {
		len[i] = 0;
		/* A year of 1900 to 2099. */
		if (g[i].nd != 4 || !((r->dig[g[i].d0] == '1' &&
		    r->dig[g[i].d0 + 1] == '9') || (r->dig[g[i].d0] == '2' &&
		    r->dig[g[i].d0 + 1] == '0')) || i + 1 >= r->ng ||
		    g[i + 1].nsep != 1)
			continue;
		if (i + 2 < r->ng && g[i + 1].sep == g[i + 2].sep &&
		    g[i + 2].nsep == 1 && (g[i + 1].sep == '-' ||
		    g[i + 1].sep == '/' || g[i + 1].sep == '.') &&
		    validday(r->dig, g[i].d0, g[i + 1].d0, g[i + 2].d0,
		    g[i + 1].nd, g[i + 2].nd))
			len[i] = 3;
		else if ((g[i + 1].sep == '-' || g[i + 1].sep == '/') &&
		    g[i + 1].nd == 2 && validday(r->dig, g[i].d0, g[i + 1].d0,
		    0, 2, 0))
			len[i] = 2;
	}
	/* A date stands apart from the groups around it, or next to
	 * another date (2024.03.02-2024.05.10). */
	for (i = 0; i < r->ng; i++) {
		if (len[i] == 0)
			continue;
		if (!apart(r, i) && !(i >= 2 && g[i - 1].date))
			continue;
		if (i + len[i] < r->ng && !apart(r, i + len[i]) &&
		    len[i + len[i]] == 0)
			continue;
		g[i].date = g[i + 1].date = 1;
		if (len[i] == 3)
			g[i + 2].date = 1;
		i += len[i] - 1;
	}
	/* Times: 09:30, 08:00:00. */
	for (i = 0; i + 1 < r->ng; i++)
		if (g[i + 1].sep == ':' && g[i + 1].nsep == 1 &&
		    g[i].nd <= 2 && g[i + 1].nd == 2)
			g[i].date = g[i + 1].date = 1;
}

/* Mark the groups of an amount: before a unit (38.6万元, 1,280,000元,
 * 16000000000元) or after a currency sign. */
static void
markamount(const struct ftext *t, struct run *r)
{
	struct group	*g = r->g;
	size_t		 e, i;
	int		 dot;

	e = g[r->ng - 1].end;
	if (words_at(&w_units, t->cp, t->n, e, NULL) >= 0) {
		/* The last group, its integer part before a decimal point,
		 * and the thousands before that. */
		i = r->ng - 1;
		g[i].amount = 1;
		dot = 0;
		while (i > 0) {
			if (g[i].sep == '.' && !dot)
				dot = 1;
			else if (!(g[i].sep == ',' && g[i].nd == 3))
				break;
			g[--i].amount = 1;
		}
	}
	if (words_before(&w_currencies, t->cp, backsep(t->cp,
	    g[0].start)) >= 0 || words_before(&w_currencies, t->cp,
	    g[0].start) >= 0) {
		g[0].amount = 1;
		for (i = 1; i < r->ng && ((g[i].sep == ',' && g[i].nd == 3) ||
		    (g[i].sep == '.' && (i + 1 == r->ng ||
		    g[i + 1].sep != '.'))); i++)
			g[i].amount = 1;
	}
}

/* Mark the groups after a label of a document (合同编号, 订单号). */
static void
marklabel(const struct ftext *t, struct run *r)
{
	size_t	 b, i;
	long	 k;

	b = backsep(t->cp, r->g[0].start);
	if ((k = words_before(&w_labels, t->cp, b)) < 0)
		return;
	/* 银行卡编号, and across a bracket or quote: 银行卡（编号 */
	b -= w_labels.len[k];
	if (words_before(&w_personal, t->cp, b) >= 0 ||
	    words_before(&w_personal, t->cp, backsep(t->cp, b)) >= 0)
		return;
	for (i = 0; i < r->ng && (i == 0 || !r->g[i].list); i++)
		r->g[i].label = 1;
}

/* The digits of groups s..e, NUL-terminated, into d (MAXDIG + 1). */
static size_t
spandigits(const struct run *r, size_t s, size_t e, char *d)
{
	size_t	 i, k = 0;

	for (i = s; i <= e; i++) {
		if (k + r->g[i].nd > MAXDIG)
			return 0;
		memcpy(d + k, r->dig + r->g[i].d0, r->g[i].nd);
		k += r->g[i].nd;
	}
	d[k] = '\0';
	return k;
}

/* Whether d begins with an area code without its 0: 10, 2x, or three
 * digits from 3 to 9. */
static int
areacode(const char *d)
{
	return (d[0] == '1' && d[1] == '0') || d[0] == '2' ||
	    (d[0] >= '3' && d[0] <= '9');
}

/* Whether the group g of n digits at d is an area code without its 0:
 * 10 or 2x, or three digits from 3 to 9. */
static int
areagroup(const char *d, size_t n)
{
	return n == 2 ? (d[0] == '1' && d[1] == '0') || d[0] == '2' :
	    n == 3 && d[0] >= '3' && d[0] <= '9';
}

/*
 * Whether groups s..e of a run, digits d, are a landline whose area code
 * stands without its 0 in a group of its own, a local number of 7 or 8
 * digits after it: with cc, after the country's code 86 written in a
 * group of its own without + or 00 (86-571-8812 3456, (86)10 6512 3414);
 * without, as the caller finds it right after a telephone's label
 * (电话：571-8812 3456).  Never groups of thousands or decimals
 * (86,571,888,866).
 */
static int
arealine(const struct run *r, const char *d, size_t s, size_t e, int cc)
{
	size_t	 i, a = cc ? 2 : 0, k = strlen(d), n;

	if (cc && (r->g[s].plus || r->g[s].nd != 2 ||
	    strncmp(d, "86", 2) != 0))
		return 0;
	if ((i = cc ? s + 1 : s) >= e)
		return 0;
	n = r->g[i].nd;
	if (k < a + n + 7 || k > a + n + 8 || !areagroup(d + a, n))
		return 0;
	for (i = s + 1; i <= e; i++)
		if (r->g[i].list || r->g[i].sep == ',' || r->g[i].sep == '.')
			return 0;
	return 1;
}

/* What a span of digits is, by the strict checks; -1 if nothing. */
static int
classify(const struct run *r, const char *d, size_t s, size_t e)
{
	size_t	 k = strlen(d);

	/* An identity number; or its first 17 characters, which give the
	 * last (written as × or another letter, or left out). */
	if (d[k - 1] == 'X')
		return k == 18 && detect_id17(d) ? DET_ID : -1;
	if ((k == 18 && detect_id(d)) || (k == 17 && detect_id17(d)))
		return DET_ID;
	if (k == 15 && detect_id15(d))
		return DET_ID;
	/* A card of 16 to 19 digits; of 15 from 34 or 37 (American
	 * Express), of 14 from 36 (Diners Club). */
	if (((k >= 16 && k <= 19) || (k == 15 && d[0] == '3' && (d[1] ==
	    '4' || d[1] == '7')) || (k == 14 && d[0] == '3' && d[1] == '6')) &&
	    detect_luhn(d))
		return DET_BANKCARD;
	if ((k == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9') ||
	    (k == 13 && strncmp(d, "861", 3) == 0 && d[3] >= '3' &&
	    d[3] <= '9') || (k == 15 && strncmp(d, "00861", 5) == 0 &&
	    d[5] >= '3' && d[5] <= '9'))
		return DET_MOBILE;
	if (k >= 10 && k <= 12 && d[0] == '0' && d[1] != '0')
		return DET_LANDLINE;
	/* A landline with the country's code, its area code without the 0
	 * (+86 571 8812 3456, 0086 10 6512 3414). */
	if ((r->g[s].plus && k >= 11 && k <= 13 &&
	    strncmp(d, "86", 2) == 0 && areacode(d + 2)) || (k >= 13 &&
	    k <= 15 && r->g[s].nd == 4 && e > s &&
	    strncmp(d, "0086", 4) == 0 && areacode(d + 4)))
		return DET_LANDLINE;
	if (arealine(r, d, s, e, 1) || ((s == 0 || r->g[s].list) &&
	    r->phone && !r->counted && arealine(r, d, s, e, 0)))
		return DET_LANDLINE;
	/* After the label of a telephone: the number, or any number of
	 * the list it begins (电话：13800138000、6677 8899). */
	if ((s == 0 || r->g[s].list) && r->phone && (k == 7 || k == 8) &&
	    d[0] != '0' && !(r->counted && e + 1 == r->ng))
		return DET_LANDLINE;
	/* Numbers run together: in one group only, as numbers in groups
	 * apart are read one by one. */
	if (s != e)
		return -1;
	return joined(d, (s == 0 || r->g[s].list) && r->phone &&
	    !r->counted);
}

static void
addhit(struct hits *h, size_t start, size_t end, int kind,
    enum keepwhy keep, const char *norm)
{
	struct hit	*x;

	h->v = xreallocarray(h->v, h->n + 1, sizeof(*h->v));
	x = &h->v[h->n++];
	memset(x, 0, sizeof(*x));
	x->start = start;
	x->end = end;
	x->kind = (enum detkind)kind;
	x->keep = keep;
	x->norm = xstrdup(norm);
}

/* Where a number written from group s starts: with the + of a country
 * code, or the parenthesis of an area code. */
static size_t
spanstart(const struct ftext *t, const struct run *r, size_t s, size_t e)
{
	size_t	 a = r->g[s].start;

	if (a > 0 && !t->gap[a] && (t->cp[a - 1] == '+' ||
	    (t->cp[a - 1] == '(' && s < e && r->g[s].end < t->n &&
	    t->cp[r->g[s].end] == ')')))
		a--;
	return a;
}

/* Whether groups s..e may make a number: no date in them. */
static int
spanok(const struct run *r, size_t s, size_t e)
{
	size_t	 i;

	for (i = s; i <= e; i++)
		if (r->g[i].date)
			return 0;
	return 1;
}

/* Whether a span with a date in it is an identity or mobile number. */
static int
datedok(const struct run *r, const char *d, size_t s, size_t e)
{
	int	 k = classify(r, d, s, e);

	return k == DET_ID || k == DET_MOBILE;
}

/*
 * The numbers with a check of their own (an identity number of 18, a
 * card of 16 digits or more) that no number withheld holds whole: the
 * longest from each group is read first, and it may take in the groups
 * of the one after it.  The items of a list are numbered, and an item's
 * number with the first groups of the number after it may pass as a card
 * by chance (序号11：990102 19880315 5086), kept after a label or
 * withheld; the number it overlaps is withheld all the same, to its end
 * (detect_scan joins overlapping hits).  Not in an amount, nor in a code;
 * a label keeps a card, never an identity number.  first is the first
 * hit of the run.
 */
static void
uncovered(const struct ftext *t, const struct run *r, struct hits *h,
    size_t first)
{
	char	 d[MAXDIG + 1];
	size_t	 s, e, i, k, n = h->n;
	int	 kind;

	for (s = 0; s < r->ng; s++)
		for (e = r->ng; e-- > s; ) {
			if ((k = spandigits(r, s, e, d)) < 16 ||
			    !spanok(r, s, e))
				continue;
			kind = classify(r, d, s, e);
			if (!(kind == DET_ID && k == 18) &&
			    !(kind == DET_BANKCARD && k >= 16))
				continue;
			for (i = s; i <= e; i++)
				if (r->g[i].amount || r->g[i].code ||
				    (r->g[i].label && kind != DET_ID))
					break;
			if (i <= e)
				continue;
			for (i = first; i < n; i++)
				if (h->v[i].keep == KEEP_NO &&
				    h->v[i].start <= r->g[s].start &&
				    h->v[i].end >= r->g[e].end)
					break;
			if (i < n)
				continue;
			addhit(h, spanstart(t, r, s, e), r->g[e].end, kind,
			    KEEP_NO, d);
			break;
		}
}

/*
 * Weigh every span of whole groups of a run.  Spans that are personal
 * data become hits (longest first from each group); spans of the broad
 * shape that stay are kept with their reason.  With broad, every span
 * of the broad shape is a hit and nothing is weighed (the audit).
 */
/*
 * Whether a telephone's label stands before t[i] in the same clause, as
 * the broad reading of a page sees it: no digit and no end of a clause
 * (。；，、! ? or a line break) between them.  A page may run the cells
 * of a table or the paragraphs of a record together (12345热线 2346833,
 * 已电话联系。2345000), which redaction read apart.
 */
static int
labelclause(const struct ftext *t, size_t i)
{
	struct ftext	 sub;
	size_t		 p, q, k;
	uint32_t	 c;

	for (p = i; p > 0 && i - p < 24; p--) {
		c = t->cp[p - 1];
		if (isdig(c))
			return 0;
		if (c == 0x3002 || c == ';' || c == ',' || c == 0x3001 ||
		    c == '!' || c == '?' || t->gap[p] == FOLD_LINE)
			break;
	}
	/* A word that turns to another number (；现用…, ，后改为：…) after
	 * a withheld item (■■■ and what a page says of it) in the clause
	 * of a label: the next item of that list. */
	c = p > 0 ? t->cp[p - 1] : 0;
	if ((c == ';' || c == ',' || c == 0x3001) && t->gap[p] != FOLD_LINE &&
	    words_at(&w_turns, t->cp, i, p, &k) >= 0) {
		q = p + k;
		if (q < i && (t->cp[q] == ':' || t->cp[q] == 0x4e3a ||
		    t->cp[q] == 0x662f))
			q++;
		while (q < i && t->cp[q] == ' ')
			q++;
		if (q != i)
			return 0;
		for (q = p - 1; q > 0 && p - 1 - q < 24 && t->cp[q - 1] != 0x25a0;
		    q--) {
			c = t->cp[q - 1];
			if (c == 0x3002 || c == ';' || c == ',' ||
			    c == 0x3001 || t->gap[q] == FOLD_LINE)
				return 0;
		}
		if (q == 0 || t->cp[q - 1] != 0x25a0)
			return 0;
		while (q > 0 && t->cp[q - 1] == 0x25a0)
			q--;
		return labelclause(t, q);
	}
	sub = *t;
	sub.cp = t->cp + p;
	sub.n = i - p;
	return phonebefore(&sub, i - p, &w_phones);
}

static void
weigh(const struct ftext *t, struct run *r, struct hits *h, int broad)
{
	char		 d[MAXDIG + 1];
	size_t		 s, e, best, i, k, bestlen, first = h->n;
	int		 kind, bestkind, inhit, pass, listed;
	enum keepwhy	 why;

	marktime(r);
	if (!broad) {
		markamount(t, r);
		marklabel(t, r);
		for (i = 0; i < r->ng; i++)
			r->g[i].code = iscode(t, r->g[i].start);
		r->phone = t->phone || r->carry ||
		    phonebefore(t, r->g[0].start, &w_phones) ||
		    words_at(&w_phonetags, t->cp, t->n, r->g[r->ng - 1].end,
		    NULL) >= 0;
		r->mobile = phonebefore(t, r->g[0].start, &w_mobiles);
		r->counted = words_at(&w_counters, t->cp, t->n,
		    r->g[r->ng - 1].end, NULL) >= 0;
	}
	/* A span with a date in it is a number only when it is an
	 * identity or mobile number by the strict checks, which a date
	 * and a number next to it hardly pass (999906 1937-09 …). */
	if (broad) {
		for (s = 0; s < r->ng; s++)
			for (e = s; e < r->ng; e++) {
				if (spandigits(r, s, e, d) == 0)
					break;
				if ((kind = detect_shape(d)) >= 0 &&
				    (spanok(r, s, e) || datedok(r, d, s, e)) &&
				    (s == e || strlen(d) < 20))
					addhit(h, r->g[s].start, r->g[e].end,
					    kind, KEEP_NO, d);
			}
		/* A landline with the country's code, its area code
		 * without the 0 (+86 27 6415 2465). */
		for (s = 0; s < r->ng; s++)
			for (e = s; r->g[s].plus && e < r->ng; e++) {
				if ((i = spandigits(r, s, e, d)) == 0 ||
				    i > 13)
					break;
				if (i >= 11 && strncmp(d, "86", 2) == 0 &&
				    areacode(d + 2) && (e + 1 == r->ng ||
				    spandigits(r, s, e + 1, d) > 13)) {
					spandigits(r, s, e, d);
					addhit(h, r->g[s].start, r->g[e].end,
					    DET_LANDLINE, KEEP_NO, d);
					break;
				}
			}
		/* The country's code and an area code without its 0, each
		 * in a group of its own (86-571-8812 3456). */
		for (s = 0; s + 2 < r->ng; s++)
			for (e = s + 2; e < r->ng && e <= s + 3; e++)
				if (spandigits(r, s, e, d) <= 13 &&
				    spanok(r, s, e) &&
				    arealine(r, d, s, e, 1)) {
					addhit(h, r->g[s].start, r->g[e].end,
					    DET_LANDLINE, KEEP_NO, d);
					break;
				}
		/* Seven or eight digits right after a telephone's label
		 * (电话为8672 1234, 号码：8672 1234), not before a counter. */
		if (r->g[0].plus || !labelclause(t, r->g[0].start) ||
		    words_at(&w_counters, t->cp, t->n, r->g[r->ng - 1].end,
		    NULL) >= 0)
			return;
		for (e = 0; e < r->ng && spanok(r, 0, e); e++) {
			if ((i = spandigits(r, 0, e, d)) == 0 || i > 8)
				break;
			if (i >= 7 && d[0] != '0' && (e + 1 == r->ng ||
			    spandigits(r, 0, e + 1, d) > 8)) {
				spandigits(r, 0, e, d);
				addhit(h, r->g[0].start, r->g[e].end,
				    DET_LANDLINE, KEEP_NO, d);
				break;
			}
		}
		return;
	}
	for (s = 0; s < r->ng; s++) {
		/* The longest number from group s; one that reaches into an
		 * amount only when no other is there. */
		bestkind = -1;
		best = s;
		bestlen = 0;
		listed = 0;
		for (pass = 0; pass < 2 && bestkind < 0; pass++)
			for (e = s; e < r->ng; e++) {
				if (pass == 0 && (r->g[e].amount ||
				    (e > s && r->g[e].code)))
					break;
				/* A number found, the next item of a list is
				 * another (13700006021、7766 5544); but seven
				 * or eight digits after a telephone's label
				 * may be the start of a longer one, in groups
				 * parted by commas (139，0000，2008); and an
				 * identity number of 15 digits, which has no
				 * check character, or a card shorter than 19
				 * gives way to a longer number that passes a
				 * check of its own (a card grouped 5-5-5-1:
				 * 10068/55711/25420/0; an identity number in
				 * lines of four: …0810↵6X). */
				if (e > s && r->g[e].list && bestkind >= 0 &&
				    bestkind != DET_LANDLINE) {
					if (!(bestkind == DET_ID &&
					    bestlen == 15) &&
					    !(bestkind == DET_BANKCARD &&
					    bestlen < 19))
						break;
					listed = 1;
				}
				if ((k = spandigits(r, s, e, d)) == 0)
					break;
				if ((kind = classify(r, d, s, e)) >= 0 &&
				    (spanok(r, s, e) || kind == DET_ID ||
				    kind == DET_MOBILE) && (!listed ||
				    kind == DET_BANKCARD || (kind == DET_ID &&
				    k >= 17))) {
					bestkind = kind;
					best = e;
					bestlen = k;
				}
			}
		if (bestkind < 0)
			continue;
		spandigits(r, s, best, d);
		why = KEEP_NO;
		for (i = s; i <= best; i++) {
			if (r->g[i].amount)
				why = KEEP_AMOUNT;
			else if (r->g[i].label && !(bestkind == DET_ID &&
			    strlen(d) >= 17))
				why = KEEP_LABEL;
		}
		/* A group inside a long code is not a number of its own. */
		if (why == KEEP_NO && s == best && r->g[s].code)
			why = KEEP_CODE;
		/* A telephone's number after its label is one, whatever
		 * unit follows it (手机号：13800138000元). */
		if (why == KEEP_AMOUNT && s == 0 && (r->phone || r->mobile) &&
		    (bestkind == DET_MOBILE || (bestkind == DET_LANDLINE &&
		    d[0] == '0')))
			why = KEEP_NO;
		addhit(h, spanstart(t, r, s, best), r->g[best].end, bestkind,
		    why, d);
		/* What follows a number found begins another item. */
		if (best + 1 < r->ng)
			r->g[best + 1].list = 1;
		s = best;
	}
	uncovered(t, r, h, first);
	/* What has a number's shape and stays: said, with its reason. */
	for (s = 0; s < r->ng; s++)
		for (e = s; e < r->ng && spanok(r, s, e); e++) {
			if (spandigits(r, s, e, d) == 0)
				break;
			if ((kind = detect_shape(d)) < 0 ||
			    (e > s && strlen(d) >= 20))
				continue;
			inhit = 0;
			why = KEEP_CHECK;
			for (i = first; i < h->n; i++) {
				if (r->g[s].start < h->v[i].end &&
				    r->g[e].end > h->v[i].start &&
				    h->v[i].keep == KEEP_NO)
					inhit = 1;
				if (r->g[s].start >= h->v[i].start &&
				    r->g[e].end <= h->v[i].end &&
				    h->v[i].keep != KEEP_NO)
					why = h->v[i].keep;
			}
			if (inhit)
				continue;
			for (i = s; i <= e && why == KEEP_CHECK; i++)
				if (r->g[i].amount)
					why = KEEP_AMOUNT;
				else if (r->g[i].label)
					why = KEEP_LABEL;
			if (why == KEEP_CHECK && s == e && r->g[s].code)
				why = KEEP_CODE;
			addhit(h, r->g[s].start, r->g[e].end, kind, why, d);
		}
}

/* Every run of digit groups in folded text. */
static void
numbers(const struct ftext *t, struct hits *h, int broad,
    const struct detskip *skip)
{
	struct run	*r;
	unsigned char	*cn;
	size_t		 i, a, b, phoneend = 0;
	int		 v;

	cn = numerals(t);
	r = NULL;
	for (i = 0; i < t->n; i++) {
		if (!isdig(t->cp[i]) && (cn == NULL || !cn[i]))
			continue;
		if (!digitat(t->cp, cn, i, &v))
			continue;
		if (r == NULL)
			r = xmalloc(sizeof(*r));
		if (skip != NULL) {
			token(t, i, &a, &b);
			if (skip->fn(skip->arg, t->cp + a, b - a)) {
				i = b - 1;
				continue;
			}
		}
		r->carry = !broad && phoneend > 0 && joins(t->cp, phoneend,
		    i);
		i = readrun(t, cn, i, r, skip);
		weigh(t, r, h, broad);
		phoneend = !broad && r->phone ? i : 0;
		i--;
	}
	free(r);
	free(cn);
}

/*
 * Codes of 18 letters and digits, in one piece or in groups with
 * separators: unified social credit codes, and identity numbers written
 * among letters.
 */
static void
codes(const struct ftext *t, struct hits *h, const struct detskip *skip)
{
	size_t	 i, j, k, a[8], b[8], nt, total, s, e, m, x, y;
	char	 str[19];

	for (i = 0; i < t->n; ) {
		if (t->cp[i] >= 0x80 || !fold_isalnum(t->cp[i])) {
			i++;
			continue;
		}
		/* Up to 8 tokens joined by at most two separators. */
		for (nt = 0, j = i; nt < 8; j = k) {
			token(t, j, &a[nt], &b[nt]);
			if (skip != NULL && skip->fn(skip->arg, t->cp + a[nt],
			    b[nt] - a[nt]))
				break;
			nt++;
			for (k = b[nt - 1], m = 0; k < t->n && m <= 2 &&
			    !fold_isalnum(t->cp[k]) && t->cp[k] >= 0x20; k++)
				m++;
			if (k >= t->n || m > 2 || t->cp[k] >= 0x80 ||
			    !fold_isalnum(t->cp[k]) || (m == 0 && !t->gap[k]))
				break;
		}
		for (s = 0; s < nt; s++)
			for (e = s, total = 0; e < nt; e++) {
				total += b[e] - a[e];
				if (total > 18)
					break;
				if (total < 18)
					continue;
				for (m = 0, k = s; k <= e; k++)
					for (j = a[k]; j < b[k]; j++)
						str[m++] = (char)(t->cp[j] >=
						    'a' && t->cp[j] <= 'z' ?
						    t->cp[j] - 'a' + 'A' :
						    t->cp[j]);
				str[18] = '\0';
				if (detect_uscc(str))
					addhit(h, a[s], b[e], DET_CREDIT,
					    KEEP_NO, str);
				break;
			}
		if (nt > 0)
			i = b[nt - 1];
		else {
			token(t, i, &x, &y);
			i = y > i ? y : i + 1;
		}
	}
}

static int
islocal(uint32_t c)
{
	return isdig(c) || isalpha_(c) || c == '.' || c == '_' || c == '%' ||
	    c == '+' || c == '-';
}

static int
isdomain(uint32_t c)
{
	return isdig(c) || isalpha_(c) || c == '-';
}

/* A letter or digit of another script than ASCII: of a local part or a
 * domain's label of an address in Chinese (李春梅@qq.com, 公司.中国). */
static int
isintl(uint32_t c)
{
	return c >= 0x80 && fold_isalnum(c);
}

/* Whether a word of w may start with c: the test words_at makes first,
 * made here without a call. */
static inline int
mayopen(const struct words *w, uint32_t c)
{
	return c < 0x10000 && ((w->first[c >> 3] >> (c & 7)) & 1);
}

/* An "at" written out at i: @, [at], (at), {at}, <at>.  Its length. */
static size_t
atsign(const uint32_t *cp, size_t n, size_t i)
{
	size_t	 len;

	return words_at(&w_ats, cp, n, i, &len) >= 0 ? len : 0;
}

/* A dot written out at i: ., [dot], (dot), {dot}, [.], 。.  Its length. */
static size_t
dotsign(const uint32_t *cp, size_t n, size_t i)
{
	size_t	 len;

	return words_at(&w_dots, cp, n, i, &len) >= 0 ? len : 0;
}

/* The word w (ASCII, folded) at t[i], standing alone between spaces:
 * zhangsan at example dot org.  Its length, or 0. */
static size_t
word(const struct ftext *t, size_t i, const char *w)
{
	size_t	 k, n = strlen(w);

	if (i + n >= t->n || !t->gap[i] || !t->gap[i + n])
		return 0;
	for (k = 0; k < n; k++)
		if (t->cp[i + k] != (unsigned char)w[k] || (k > 0 &&
		    t->gap[i + k]))
			return 0;
	return n;
}

/* The top-level domains (ASCII), sorted. */
static const char *const tlds[] = {
#include "tlds.h"
};

static int
tldcmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/*
 * Whether the letters cp[a..b) are a top-level domain of the Public
 * Suffix List: what an address with a weak at or dot (#, the words at
 * and dot, a dot with a space after it) must end in; for #, no suffix of
 * a file's name that is a country's too (issue#12.md, notes#3.py).
 */
static int
tldok(const uint32_t *cp, size_t a, size_t b, int hash)
{
	static const char *const files[] = { "md", "py", NULL };
	const char *const *l;
	char	 s[64];
	size_t	 k;

	if (b - a >= sizeof(s))
		return 0;
	for (k = a; k < b; k++)
		s[k - a] = (char)cp[k];
	s[b - a] = '\0';
	for (l = files; hash && *l != NULL; l++)
		if (strcmp(s, *l) == 0)
			return 0;
	return bsearch(s, tlds, sizeof(tlds) / sizeof(tlds[0]),
	    sizeof(tlds[0]), tldcmp) != NULL;
}

/* Whether an address whose local part starts at a stands in Chinese
 * text: a Han character (or a letter of another wide script) right
 * before it, or before a colon there (邮箱：zhangsan at 163.com). */
static int
inchinese(const uint32_t *cp, size_t a)
{
	if (a > 0 && cp[a - 1] == ':')
		a--;
	return a > 0 && fold_ishan(cp[a - 1]);
}

/* Whether the word at t[i..i+n) makes "at" English rather than an
 * address: an article or a determiner (look at the dot product, meet
 * at this dot com). */
static int
article(const struct ftext *t, size_t i, size_t n)
{
	static const char *const words[] = { "a", "an", "the", "this",
	    "that", "these", "those", "our", "your", "his", "her", "its",
	    "their", "any", "each", "every", "some", NULL };
	const char *const *w;
	size_t	 k;

	for (w = words; *w != NULL; w++) {
		for (k = 0; k < n && (*w)[k] != '\0' &&
		    t->cp[i + k] == (unsigned char)(*w)[k]; k++)
			continue;
		if (k == n && (*w)[k] == '\0')
			return 1;
	}
	return 0;
}

/* Whether a domain of dots (its last at lastdot) ending before b is
 * whole: a dot, and a last label of two letters or more. */
static int
whole(const uint32_t *cp, size_t dots, size_t lastdot, size_t b)
{
	size_t	 k;

	if (dots == 0 || b < lastdot + 2)
		return 0;
	for (k = lastdot; k < b && isalpha_(cp[k]); k++)
		continue;
	return k == b;
}

/* Whether the local part cp[a..i) ends in the suffix of a page or a
 * document, so that a # after it begins a fragment (index.html#top.one,
 * notes.md#part.two). */
static int
pagename(const uint32_t *cp, size_t a, size_t i)
{
	static const char *const sfx[] = { "html", "htm", "shtml", "xhtml",
	    "php", "asp", "aspx", "jsp", "md", "txt", "pdf", "xml", NULL };
	const char *const *l;
	size_t	 d, k;

	for (d = i; d > a && cp[d - 1] != '.'; d--)
		continue;
	if (d == a)
		return 0;
	for (l = sfx; *l != NULL; l++) {
		for (k = d; k < i && (*l)[k - d] != '\0' &&
		    cp[k] == (unsigned char)(*l)[k - d]; k++)
			continue;
		if (k == i && (*l)[k - d] == '\0')
			return 1;
	}
	return 0;
}

/*
 * Whether the last label cp[a..b) is one of the generic top-level
 * domains that mail is mostly under, or China's: what an address must
 * end in where its at could be something else (the name of a page
 * before #, a handle after a spaced @ and a spaced dot: thanks @john.
 * In).
 */
/* Whether cp[a..b) is one of the ASCII words of list. */
static int
oneof(const char *const *list, const uint32_t *cp, size_t a, size_t b)
{
	const char *const *w;
	size_t	 k;

	for (w = list; *w != NULL; w++) {
		for (k = a; k < b && (*w)[k - a] != '\0' &&
		    cp[k] == (unsigned char)(*w)[k - a]; k++)
			continue;
		if (k == b && (*w)[k - a] == '\0')
			return 1;
	}
	return 0;
}

static int
common(const uint32_t *cp, size_t a, size_t b)
{
	static const char *const words[] = { "com", "net", "org", "edu",
	    "gov", "cn", "info", "biz", NULL };

	return oneof(words, cp, a, b);
}

static int
alldigits(const uint32_t *cp, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!isdig(cp[a]))
			return 0;
	return 1;
}

/* Whether cp[a..b) names a provider of mail, whose addresses need no
 * more domain to be read (wang@163, wang@qq). */
static int
provider(const uint32_t *cp, size_t a, size_t b)
{
	static const char *const names[] = { "qq", "163", "126", "139",
	    "189", "sina", "sohu", "yeah", "foxmail", "gmail", "hotmail",
	    "outlook", "yahoo", "aliyun", "21cn", NULL };

	return oneof(names, cp, a, b);
}

/* The length of a common domain's label at t[i], where the text has
 * no more of a domain after it (wang@qq com: com), or 0. */
static size_t
bare(const struct ftext *t, size_t i)
{
	size_t	 e;

	for (e = i; e < t->n && isalpha_(t->cp[e]) && (e == i ||
	    !t->gap[e]); e++)
		continue;
	if (e == i || (e < t->n && !t->gap[e] && (isdomain(t->cp[e]) ||
	    t->cp[e] == '.')))
		return 0;
	return common(t->cp, i, e) ? e - i : 0;
}

/* Whether the label at t[i] has a letter of another script than
 * ASCII (公司, xx政府). */
static int
mixed(const struct ftext *t, size_t i)
{
	size_t	 e;

	for (e = i; e < t->n && e - i < 63 && !t->gap[e] &&
	    (isintl(t->cp[e]) || isdomain(t->cp[e])); e++)
		if (isintl(t->cp[e]))
			return 1;
	return 0;
}

/*
 * The length of a label of a domain in another script than ASCII at
 * t[i], the dot after it too (公司.), when one follows; else, after
 * dots, that of a top-level domain in Chinese (中国), with *tld set;
 * else 0.
 */
static size_t
intlabel(const struct ftext *t, size_t i, size_t dots, int *tld)
{
	const uint32_t	*cp = t->cp;
	size_t		 e, l;

	*tld = 0;
	for (e = i; e < t->n && e - i < 63 && !t->gap[e] &&
	    (isintl(cp[e]) || isdomain(cp[e])); e++)
		continue;
	if (e + 1 < t->n && cp[e] == '.' && !t->gap[e + 1] &&
	    (isintl(cp[e + 1]) || isdomain(cp[e + 1])))
		return e + 1 - i;
	if (dots > 0 && words_at(&w_idntlds, cp, t->n, i, &l) >= 0) {
		*tld = 1;
		return l;
	}
	return 0;
}

/*
 * Where a local part with letters of another script than ASCII that
 * reaches back to a begins, before the at at i: after its last run of
 * ASCII when that has a letter (王丽wangli@qq.com: wangli, as before);
 * else after the last word that says an address follows (请发邮件至李春
 * 梅@qq.com: 李春梅), and 为, 是 or 至 after it; else at a.
 */
static size_t
localstart(const uint32_t *cp, size_t a, size_t i)
{
	size_t	 p, q, l;
	long	 k;

	for (p = i; p > a && cp[p - 1] < 0x80; p--)
		continue;
	for (q = p; q < i; q++)
		if (isalpha_(cp[q]))
			return p;
	for (q = i - 1; q > a; q--) {
		if ((k = words_before(&w_leads, cp, q)) < 0 ||
		    q - w_leads.len[k] < a)
			continue;
		if (words_at(&w_leadto, cp, i, q, &l) >= 0 && q + l < i)
			q += l;
		return q;
	}
	return a;
}

/*
 * E-mail addresses: a local part, an at (@, [at], (at); spaces around it
 * allowed), a domain of labels and dots ([dot], (dot), 。 too) ending in
 * a top-level domain of letters.  Spaces may stand around a dot, but
 * one only after it (see emails' loop) ends a sentence unless the
 * address is none yet.  Weaker spellings must end in a real top-level
 * domain: an at written as # (liu#corp.example.cn; after the name of a
 * page, only a common one: index.html#top.one stays, li.md#qq.com not),
 * or the words "at" and "dot"
 * (zhangsan at example dot org: "at" only with a "dot" after it, and
 * with no article after it).  A space ends the local part and the
 * domain anywhere else.  The normalized address is the hit's norm.
 */
static void
emails(const struct ftext *t, struct hits *h)
{
	struct esave {
		size_t	 b, nb, dots, wdots, lastdot;
		int	 loose;
	}		 sv[8];
	const uint32_t	*cp = t->cp;
	struct buf	 nb;
	size_t		 n = t->n, i, a, b, w, k, dots, wdots, lastdot, lab, nsv;
	size_t		 l, c0, e, nx;
	int		 worded, hash, said, page, spaced, wd, loose, ok, zh;
	int		 guessed, intl, idn, c1;
	char		 enc[4];

	memset(&nb, 0, sizeof(nb));
	for (i = 1; i + 1 < n; i++) {
		worded = hash = said = guessed = 0;
		if (cp[i] == 'a' && (w = word(t, i, "at")) > 0)
			worded = 1;
		else if (!mayopen(&w_ats, cp[i]) ||
		    (w = atsign(cp, n, i)) == 0)
			continue;
		/* An at typed twice (wang@@qq.com). */
		while (cp[i] == '@' && i + w < n && cp[i + w] == '@')
			w++;
		hash = cp[i] == '#';
		/* An at said in Chinese (艾特, 小老鼠, 圈a), in Chinese
		 * brackets or as (a) is a weak one too. */
		said = cp[i] >= 0x80 || (cp[i] == '(' && w == 3);
		/* The local part, back to a space at most; after an @, in
		 * any script (李春梅@qq.com), twelve letters of others than
		 * ASCII at most. */
		intl = (cp[i] == '@' || said) && !worded;
		for (a = i, nx = 0; a > 0 && (islocal(cp[a - 1]) ||
		    (intl && nx < 12 && isintl(cp[a - 1]))); ) {
			a--;
			nx += cp[a] >= 0x80;
			if (t->gap[a])
				break;
		}
		if (nx > 0)
			a = localstart(cp, a, i);
		while (a < i && cp[a] == '.')
			a++;
		if (a == i)
			continue;
		page = hash && pagename(cp, a, i);
		/* The word "at" in Chinese text is no English: a dot may
		 * follow it too (邮箱 zhangsan at 163.com), but the domain
		 * must be a common one. */
		zh = worded && inchinese(cp, a);
		spaced = (hash || cp[i] == '@') && t->gap[i];
		/* The domain. */
		nb.len = 0;
		for (k = a; k < i; k++)
			buf_put(&nb, enc, (size_t)(utf8_put(enc, cp[k]) - enc));
		buf_putc(&nb, '@');
		b = i + w;
		dots = wdots = 0;
		lastdot = 0;
		for (lab = b; lab < n && isalpha_(cp[lab]) &&
		    (lab == b || !t->gap[lab]); lab++)
			continue;
		if (worded && article(t, b, lab - b) && (lab == n ||
		    t->gap[lab]))
			continue;
		loose = idn = 0;
		nsv = 0;
		while (b < n) {
			/* A label in another script after an @: a whole one
			 * before a dot, or a top-level domain in Chinese
			 * after one (李春梅@公司.中国, li@example.中国). */
			if (cp[i] == '@' && intl && (b == i + w ||
			    (b == lastdot && cp[b - 1] == '.')) &&
			    mixed(t, b) && (l = intlabel(t, b, dots,
			    &idn)) > 0) {
				/* Where the address ends instead when it does
				 * not end well so: after the label's letters
				 * of ASCII (wang@qq.com或李四.cn: qq.com). */
				for (e = b; e < n && isdomain(cp[e]); e++)
					continue;
				if (e > b && dots > 0 && nsv < 8) {
					sv[nsv].b = e;
					sv[nsv].nb = nb.len + (e - b);
					sv[nsv].dots = dots;
					sv[nsv].wdots = wdots;
					sv[nsv].lastdot = lastdot;
					sv[nsv++].loose = loose;
				}
				nx++;
				for (k = b; k < b + l; k++)
					buf_put(&nb, enc, (size_t)(utf8_put(enc,
					    cp[k]) - enc));
				b += l;
				if (idn)
					break;
				dots++;
				lastdot = b;
				continue;
			}
			/* A dot: after the word "at", only the word "dot"
			 * (look at example.org is English), but in Chinese
			 * text. */
			wd = 0;
			if ((k = worded && !zh ? 0 : dotsign(cp, n, b)) == 0 &&
			    (k = word(t, b, "dot")) > 0)
				wd = 1;
			else if (k > 0 && cp[b] == 0x70b9)
				wd = 1;		/* 点, the dot said */
			/* No dot yet, and a space, a comma, - or _ before
			 * a common domain: the dot left out or mistyped
			 * (wang@qq com, wang@qq,com, wang@qq_com). */
			if (k == 0 && dots == 0 && b > i + w && b < n &&
			    !worded && (t->gap[b] || cp[b] == ',' ||
			    cp[b] == '_' || cp[b] == '-') &&
			    (l = bare(t, t->gap[b] ? b : b + 1)) > 0) {
				c0 = t->gap[b] ? b : b + 1;
				buf_putc(&nb, '.');
				dots++;
				guessed = 1;
				lastdot = c0;
				b = c0;
				continue;
			}
			if (k > 0 && b > i + w && b + k < n &&
			    (isdomain(cp[b + k]) || (cp[i] == '@' && intl &&
			    cp[b] == '.' &&
			    isintl(cp[b + k]) && intlabel(t, b + k, dots + 1,
			    &c1) > 0))) {
				/*
				 * A space after a dot and none before it ends
				 * a sentence (wang@example.com. Then), unless
				 * the address is none yet, or all its dots so
				 * far are spaced so (wang@example. com,
				 * wang@vip. 163. com): then it goes on, and
				 * must end in a real domain, or where it was
				 * one before.  After a bare at or # with a
				 * space before it, only in a common domain
				 * (wang @163. com, not thanks @john. In).
				 */
				if (!wd && k == 1 && t->gap[b + k] &&
				    !t->gap[b]) {
					if (nsv == 8 ||
					    (!loose && whole(cp, dots,
					    lastdot, b)))
						break;
					sv[nsv].b = b;
					sv[nsv].nb = nb.len;
					sv[nsv].dots = dots;
					sv[nsv].wdots = wdots;
					sv[nsv].lastdot = lastdot;
					sv[nsv++].loose = loose;
					loose = 1;
				}
				buf_putc(&nb, '.');
				dots++;
				wdots += wd;
				lastdot = b + k;
				b += k;
			} else if (isdomain(cp[b]) && (b == i + w ||
			    b == lastdot || !t->gap[b])) {
				buf_putc(&nb, (char)cp[b]);
				b++;
			} else
				break;
		}
		/* The name of a provider of mail alone after an @
		 * (wang@163（已注销）, 12345678@qq, 李春梅@qq; not
		 * 版本2024@126: its ASCII alone is read as before). */
		for (c0 = i; c0 > a && cp[c0 - 1] < 0x80; c0--)
			continue;
		if (dots == 0 && cp[i] == '@' && !worded && !t->gap[i] &&
		    i + w < n && !t->gap[i + w] && provider(cp, i + w, b) &&
		    (c0 == i || i - c0 >= 5 || !alldigits(cp, c0, i))) {
			buf_putc(&nb, '\0');
			addhit(h, a, b, DET_EMAIL, KEEP_NO, nb.p);
			i = b - 1;
			continue;
		}
		for (;;) {
			while (b > i + w && cp[b - 1] == '-') {
				b--;
				nb.len--;
			}
			ok = idn || (whole(cp, dots, lastdot, b) &&
			    (nx == 0 || tldok(cp, lastdot, b, 0)) &&
			    (!worded || wdots > 0 || zh) && (!(hash || said ||
			    worded || wdots > 0 || loose) ||
			    tldok(cp, lastdot, b, hash && dots == 1)) &&
			    (!(page || guessed || (spaced && loose) ||
			    (zh && wdots == 0)) || common(cp, lastdot, b)));
			if (ok || nsv == 0)
				break;
			nsv--;
			b = sv[nsv].b;
			nb.len = sv[nsv].nb;
			dots = sv[nsv].dots;
			wdots = sv[nsv].wdots;
			lastdot = sv[nsv].lastdot;
			loose = sv[nsv].loose;
			idn = 0;
		}
		if (!ok)
			continue;
		buf_putc(&nb, '\0');
		addhit(h, a, b, DET_EMAIL, KEEP_NO, nb.p);
		i = b - 1;
	}
	buf_free(&nb);
}

static int
hitcmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/*
 * Whether text is a telephone's label, as how says: PL_HEAD, the header
 * of a table's column, which ends with one (联系电话, 电话（办公）, not
 * 电话费（元）); PL_CELL, a cell before another, which is one and no
 * more; PL_INTRO, a paragraph that introduces what follows with one and
 * a colon or 如下 (联系电话如下：, 宅电：, not 已电话联系。).  A text with
 * digits labels nothing.
 */
int
detect_phonelabel(const struct ftext *t, int how)
{
	size_t	 i;
	long	 k;
	int	 intro;

	pthread_once(&once, lexicon);
	if (how == PL_CELL && t->n > 10)
		return 0;
	i = t->n;
	if (how == PL_INTRO) {
		/* A colon, or a word that says a list follows. */
		intro = i > 0 && t->cp[i - 1] == ':';
		i -= (size_t)intro;
		if ((k = words_before(&w_fillers, t->cp, i)) >= 0 &&
		    (strcmp(fillers[k], "如下") == 0 ||
		    strncmp(fillers[k], "分别", 6) == 0 ||
		    strcmp(fillers[k], "依次为") == 0))
			intro = 1;
		if (!intro)
			return 0;
	}
	if (!phonebefore(t, i, &w_phones))
		return 0;
	for (i = 0; i < t->n; i++)
		if (isdig(t->cp[i]))
			return 0;
	return 1;
}

/* Whether text may hold a number the detectors read: 7 digits at
 * least, ASCII or Chinese numerals. */
int
detect_maynumber(const struct ftext *t)
{
	size_t	 i, n = 0;

	pthread_once(&once, lexicon);
	for (i = 0; i < t->n && n < 7; i++)
		if (isdig(t->cp[i]) || (maynum(t->cp[i]) &&
		    detect_cnum(t->cp[i]) >= 0))
			n++;
	return n >= 7;
}

/* Whether c may stand in an account's code: an ASCII letter or digit,
 * or _ and - inside it (wxid_ab12cd, tang-jh1986). */
static int
inaccount(uint32_t c)
{
	return c < 0x80 && (fold_isalnum(c) || c == '_' || c == '-');
}

/*
 * The code after a label of an account or of a document (accounts_), as
 * that label's person's: after a colon, 为 or 是, and for a vehicle the
 * province's character and a letter before it (浙A·12345).  A code is
 * of 5 to 40 letters, digits, _ and -, with a digit in it, or of 6 and
 * more after a label of a chat account (a WeChat ID of letters).  Codes
 * that run on into other letters or digits of the text are none.
 */
static void
accounts(const struct ftext *t, struct hits *h)
{
	const uint32_t	*cp = t->cp;
	size_t		 i, j, a, b, len, nd, k;
	long		 hit;
	char		 norm[41];
	int		 chat, plate;

	for (i = 0; i < t->n; i++) {
		if (!words_first(&w_accounts, cp[i]) ||
		    (hit = words_at(&w_accounts, cp, t->n, i, &len)) < 0)
			continue;
		/* A label of Latin letters is a word of its own. */
		if (cp[i] < 0x80 && i > 0 && !t->gap[i] &&
		    fold_joinslatin(cp[i - 1]))
			continue;
		chat = cp[i] < 0x80 || strncmp(accounts_[hit], "微信", 6) == 0;
		plate = strncmp(accounts_[hit], "车牌", 6) == 0;
		j = i + len;
		if (j < t->n && cp[i] < 0x80 && !t->gap[j] &&
		    fold_joinslatin(cp[j]))
			continue;
		/* Another label after a slash, 、 or 和 (QQ/微信：…), and 同号
		 * (微信同号：…). */
		for (k = 0; k < 2 && j + 1 < t->n && (cp[j] == '/' ||
		    cp[j] == 0x3001 || cp[j] == 0x548c) &&
		    (hit = words_at(&w_accounts, cp, t->n, j + 1, &len)) >= 0;
		    k++) {
			chat = chat || cp[j + 1] < 0x80 ||
			    strncmp(accounts_[hit], "微信", 6) == 0;
			j += 1 + len;
		}
		if (j + 1 < t->n && cp[j] == 0x540c && cp[j + 1] == 0x53f7)
			j += 2;
		/* What may stand between: a colon, 为, 是 (two at most). */
		for (k = 0; k < 2 && j < t->n && (cp[j] == ':' ||
		    cp[j] == 0x4e3a || cp[j] == 0x662f || cp[j] == '='); k++)
			j++;
		a = j;
		if (plate && j + 1 < t->n && cp[j] >= 0x4e00 &&
		    cp[j] < 0xa000 && cp[j + 1] < 0x80 &&
		    fold_isalnum(cp[j + 1]) && !isdig(cp[j + 1])) {
			j += 2;
			if (j < t->n && (fold_interpunct(cp[j]) ||
			    cp[j] == '-'))
				j++;
		}
		for (b = j, nd = 0; b < t->n && inaccount(cp[b]) &&
		    (b == j || !t->gap[b]); b++)
			nd += isdig(cp[b]) != 0;
		while (b > j && (cp[b - 1] == '_' || cp[b - 1] == '-'))
			b--;
		if (b == j || b - a > 40 || (b < t->n && !t->gap[b] &&
		    cp[b] < 0x80 && fold_isalnum(cp[b])))
			continue;
		if (!(b - j >= 5 && nd > 0) && !(chat && b - j >= 6 &&
		    fold_isalnum(cp[j]) && !isdig(cp[j])))
			continue;
		for (k = a, len = 0; k < b && len < 40; k++)
			if (cp[k] < 0x80 && fold_isalnum(cp[k]))
				norm[len++] = (char)(cp[k] >= 'a' &&
				    cp[k] <= 'z' ? cp[k] - 'a' + 'A' : cp[k]);
		norm[len] = '\0';
		addhit(h, a, b, DET_ACCOUNT, KEEP_NO, norm);
		i = b - 1;
	}
}

/*
 * Find the personal data in folded text, and what keeps the look of a
 * number but stays (hit.keep says why).  Hits to withhold never overlap
 * one another.  Free with hits_free().
 */
void
detect_scan(const struct ftext *t, struct hits *h)
{
	size_t	 i, j;

	pthread_once(&once, lexicon);
	memset(h, 0, sizeof(*h));
	codes(t, h, NULL);
	numbers(t, h, 0, NULL);
	emails(t, h);
	accounts(t, h);
	if (h->n > 1)
		qsort(h->v, h->n, sizeof(*h->v), hitcmp);
	/* Of overlapping hits to withhold, the first and longest wins; one
	 * that reaches past it lengthens it, so that none of its text
	 * stays (uncovered). */
	for (i = 0, j = 0; i < h->n; i++) {
		if (h->v[i].keep == KEEP_NO && j > 0 &&
		    h->v[j - 1].keep == KEEP_NO &&
		    h->v[i].start < h->v[j - 1].end) {
			if (h->v[i].end > h->v[j - 1].end)
				h->v[j - 1].end = h->v[i].end;
			free(h->v[i].norm);
			continue;
		}
		h->v[j++] = h->v[i];
	}
	h->n = j;
}

/*
 * The audit's reading: every span of whole groups with the shape of a
 * phone, identity or card number, whatever its check, every credit code
 * and every e-mail address.  skip names the strings the portal itself
 * makes, which are never read as numbers.
 */
void
detect_broad(const struct ftext *t, struct hits *h,
    const struct detskip *skip)
{
	size_t	 i, j, k, ncodes;

	pthread_once(&once, lexicon);
	memset(h, 0, sizeof(*h));
	codes(t, h, skip);
	ncodes = h->n;
	numbers(t, h, 1, skip);
	/* The digits of a credit code are the code, not a number. */
	for (i = ncodes, j = ncodes; i < h->n; i++) {
		for (k = 0; k < ncodes; k++)
			if (h->v[i].start >= h->v[k].start &&
			    h->v[i].end <= h->v[k].end)
				break;
		if (k < ncodes) {
			free(h->v[i].norm);
			continue;
		}
		h->v[j++] = h->v[i];
	}
	h->n = j;
	emails(t, h);
	accounts(t, h);
}

void
hits_free(struct hits *h)
{
	size_t	 i;

	for (i = 0; i < h->n; i++)
		free(h->v[i].norm);
	free(h->v);
	memset(h, 0, sizeof(*h));
}

const char *
detect_name(enum detkind k)
{
	static const char *const names[] = {
		"identity number", "mobile number", "landline number",
		"e-mail address", "bank card number", "social credit code",
		"account or document number"
	};

	return names[k];
}

const char *
detect_why(enum keepwhy k)
{
	static const char *const why[] = {
		"", "fails its check", "an amount", "after a label of a "
		"document", "inside a code", "published by site.yaml",
		"a field the policy publishes", "a phrase policy.yaml calls "
		"ordinary"
	};

	return why[k];
}

/*
 * The normal form of a written number or address, as detectors give
 * it: digits (X upper case) for a number, the folded address for an
 * e-mail address.  The caller frees it.
 */
char *
detect_norm(const char *s)
{
	struct ftext	 t;
	struct hits	 h;
	struct buf	 b;
	size_t		 i;
	char		*r = NULL;

	memset(&t, 0, sizeof(t));
	ftext_fold(&t, s, strlen(s), FOLD_DECODE);
	detect_scan(&t, &h);
	for (i = 0; i < h.n && r == NULL; i++)
		if (h.v[i].kind == DET_EMAIL)
			r = xstrdup(h.v[i].norm);
	hits_free(&h);
	if (r == NULL) {
		memset(&b, 0, sizeof(b));
		for (i = 0; i < t.n; i++)
			if (isdig(t.cp[i]) || t.cp[i] == 'x' ||
			    isalpha_(t.cp[i]))
				buf_putc(&b, (char)(t.cp[i] == 'x' ||
				    isalpha_(t.cp[i]) ? t.cp[i] - 'a' + 'A' :
				    t.cp[i]));
		buf_putc(&b, '\0');
		r = buf_take(&b);
	}
	ftext_free(&t);
	return r;
}
