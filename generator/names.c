/*
 * People's names: what a name field may hold, the surname a pseudonym
 * keeps, and where a text names a person that no field declares.
 *
 * The lists here are ours: common Chinese surnames (single and
 * compound), the words of role and title that stand next to a person's
 * name in case records, and the small words that end or start a
 * phrase.  They are heuristics for an officer's review, not a grammar
 * of Chinese: a phrase they misread is settled in policy.yaml
 * (ordinary:), and disclose check shows each one with its position.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "disclose.h"
#include "extern.h"

/* Compound surnames, which a pseudonym keeps whole (欧阳明华 → 欧阳某). */
static const char *const compound[] = {
	"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
	"慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "独孤",
	"南宫", "西门", "百里", "呼延", "轩辕", "澹台", "公冶", "宗政",
	"濮阳", "淳于", "单于", "太叔", "申屠", "仲孙", "钟离", "闻人",
	"赫连", "万俟", "司空", "拓跋", "第五", "左丘", "东郭", "梁丘",
	"微生", "羊舌", "谷梁", "乐正", "公羊", "公西", "漆雕", "壤驷",
	"段干", "巫马", "亓官", "司寇", "子车", "颛孙", "鲜于", "闾丘",
	"公良", "夹谷", "宰父", "东门", "南门", "呼衍", "贺兰", "叱干",
	NULL
};

/*
 * Common single-character surnames.  Characters that are far more often
 * a word of their own next to a role (和, 于 as "at", 向, 全, 都, 代…)
 * are left out, so that "村民和群众" is not read as a name.
 */
static const char common[] =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
    "肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦"
    "付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔汤常温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝游"
    "辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农卓古吉缪简车项连芦麦"
    "褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬仇栾隋"
    "商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆乐冀郁胥"
    "栗燕楚鄢劳谌奚皮粟冼蔺楼盘闻厉伊仝阚屠豆朴练廉禹井祖漆巴丰卿狄"
    "晋芮扈晁阙浦戈伏鹿薄邸雍辜羊乌母裘亓邰赫杭况宿鲜逯隆茹慕嵇湛宾"
    "戎勾茅居揭尉冶檀衣昝幸奉衡富尧闭";

/*
 * Words of role, office or relation that stand right before a person's
 * name: 村民柯某某, 原所长龚某某, 举报人：某某.
 */
static const char *const roles[] = {
	"村民", "群众", "居民", "农民", "市民", "职工", "员工", "工人",
	"局长", "处长", "科长", "股长", "所长", "站长", "队长", "主任",
	"书记", "县长", "镇长", "乡长", "村长", "区长", "市长", "厅长",
	"部长", "组长", "经理", "董事长", "会计", "出纳", "负责人",
	"举报人", "申请人", "当事人", "证人", "委员", "干部", "老板",
	"校长", "院长", "行长", "社长", "厂长", "主席", "秘书", "科员",
	"网格员", "村医", "教师", "老师", "医生", "律师", "记者", "专家",
	"户主", "司机", "会长", "监理", "工程师", "技术员", "业主",
	"代表人", "承包人", "承包户", "商户", "个体户", "联系人", "经办人",
	"审批人", "驾驶员", "护士", "家长", "同事", "妻子", "丈夫", "儿子",
	"女儿", "父亲", "母亲", "亲属", "同学", "朋友", "支书", "文书",
	"会员", "股东", "法人", "包工头", "施工员", "出租人", "受害人",
	"被害人", "嫌疑人", "见证人", "邻居", "保洁员", "保安", "保安员",
	"护林员", "保管员", "仓管员", "管理员", "安全员", "信息员",
	"统计员", "调解员", "联络员", "监督员", "巡查员", "检查员",
	"质检员", "讲解员", "营业员", "售货员", "收银员", "服务员",
	"快递员", "协管员", "操作员", "记账员", "报账员", "文员", "辅警",
	"民警", "老板娘", "店主", "摊主", "房东", "租户", "电工",
	"焊工", "厨师", "保姆", "门卫", "护工", NULL
};

/*
 * Words of role and relation, and verbs of speaking to a person, that
 * stand as often before a word as before a name (工作人员钱丽丽, but
 * 人员车辆; 村民代表宋春生, but 代表单独; 约谈了吴晓光, but 约谈了青石镇):
 * a name after one of them is read only of characters common in given
 * names (givenchars).
 */
static const char *const weakroles[] = {
	"人员", "代表", "妻", "其夫", "之夫", "前夫", "爱人", "配偶",
	"哥哥", "弟弟", "姐姐", "妹妹", "儿媳", "女婿", "侄子", "外甥",
	"岳父", "岳母", "法官", "检察官", "警官", "医师", "会计师",
	"审计员", "助理", "主管", "顾问", "学生", "患者", "党员", "成员",
	"组员", "队员", "职员", "店员", "农户", "住户", "贫困户", "低保户",
	"养殖户", "种植户", "投资人", "借款人", "担保人", "委托人",
	"代理人", "监护人", "投诉人", "信访人", "报案人", "收款人",
	"控制人", "询问", "询问了", "约谈", "约谈了", "走访", "走访了",
	"找到", "找来", "告知", "委托", "提醒", "批评", "责成", "派出",
	"联系了", NULL
};

/*
 * Characters common in given names, women's and men's: what a name
 * after a weak role word is made of.
 */
static const char givenchars[] =
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美霞平刚桂兰玉萍红娥玲芬"
    "燕彩春菊凤洁梅琳素云莲真雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉娣叶璐娅琦"
    "晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉眉君琴蕊薇菁梦岚"
    "婕馨韵园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣滢馥筠柔竹凝晓欢霄枫芸菲伊"
    "亚宜舒影思淑惠珠翠雅芝毅俊峰东文辉力永健世广志义兴良海山仁波贵福生龙"
    "元国胜学祥才武新利清飞彬富顺信子昌成康星光天达安岩中茂进林有坚和彪博"
    "诚先敬震振壮会群豪心邦承乐绍功松善厚庆民友裕河哲江浩亮政谦奇伯宏言若"
    "鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士建家致树德行泰盛雄琛钧冠腾楠风航弘卫"
    "兵金银根柱水田冬夏喜宝来旺财昆仲恒宗耀晖灿铭锋鑫森鸿鹤鹰凯皓睿轩宇然"
    "小大继延立远方正桃杏萱蕾琪瑜璇婧妮媚娇嫣姗霖雯雨阳晴泉";

/*
 * Words that follow a person's name as what they did or said, or as the
 * others with them (贺国平称, 薛丽娟等人, 姚秀兰夫妇): a name before one
 * of them is read only of characters common in given names.
 */
static const char *const deeds[] = {
	"称", "说", "表示", "认为", "承认", "陈述", "介绍", "反映", "坦言",
	"辩称", "证实", "供述", "本人", "等人", "夫妇", "夫妻", "二人",
	"两人", "三人", NULL
};

/* Titles that follow a name: 周明远同志. */
static const char *const suffixes[] = {
	"同志", "先生", "女士", "老师", "师傅", NULL
};

/*
 * Titles after which a given name standing alone is a person's beyond
 * doubt (海涛同志, 海涛主任): the titles above and the offices that
 * follow a name, words of family (海涛哥), and what a person says of
 * their own (海涛本人, 海涛说, 海涛表示).
 */
static const char *const titles[] = {
	"同志", "先生", "女士", "老师", "师傅", "主任", "书记", "局长",
	"处长", "科长", "股长", "所长", "站长", "队长", "县长", "镇长",
	"乡长", "村长", "区长", "市长", "厅长", "部长", "组长", "经理",
	"董事长", "校长", "院长", "行长", "社长", "厂长", "主席", "会长",
	"支书", "委员", "医生", "大夫", "律师", "会计", "工程师", "大姐",
	"大哥", "大嫂", "大叔", "大爷", "大妈", "阿姨", "哥", "姐", "本人",
	"说", "表示", "称", "认为", "坦言", "承认", "陈述", NULL
};

/*
 * Offices after which a surname and a given name of two characters are
 * a person's (孙建华县长, 孙建华常务副县长): the titles above but for
 * those of suffixes and of family.
 */
static const char *const offices[] = {
	"主任", "书记", "局长", "处长", "科长", "股长", "所长", "站长",
	"队长", "县长", "镇长", "乡长", "村长", "区长", "市长", "厅长",
	"部长", "组长", "经理", "董事长", "校长", "院长", "行长", "社长",
	"厂长", "主席", "会长", "支书", "委员", "医生", "大夫", "律师",
	"会计", "工程师", NULL
};
/* What may stand between a given name and its title: 海涛副主任,
 * 海涛常务副县长, 海涛总经理. */
static const char *const pretitles[] = {
	"副", "常务副", "常务", "总", NULL
};

/*
 * Characters that seldom stand in a given name but often right after a
 * role word: 村民代表, 群众利益, 局长办公会.
 */
static const char nonname[] =
    "们会议代表委员组织办公室助职责任务等以及和与对于在为是的了也都又"
    "还就才已将把被从向由各该此这那其所之上下中内外前后里间时年次个位"
    "名件项条款元万亿多少部分些点面问题况作事目资费物品地房屋村镇乡县"
    "市省区街路号楼层栋局处科股站队厅院校行社厂司企业团协政府党群众干"
    "领导书记主经单集体反映意见要求益满投诉举报申请决定调查核实认说材"
    "料录告签字表示提出称介绍陈述负承参加去到给让叫使令做关现"
    "场所谓理度视重案额程序围用当话括工合持检察批研究讨论署落施推带头期"
    "规范制符核准审估测算拨付采购招标合同款项收支账户卡证件号码电邮箱"
    "网站系统线上下载申报登记注册变更撤销补办核销应急抢险排危整改";

/* Small words that end the phrase before them: what follows a name. */
static const char after[] =
    "和与及等的在于为是说称提已曾也都因对向将被把主负签参作表认承未不"
    "没反同介陈讲答回亦则即均并还再仍便就户";

/* Small words that end the phrase after them: what precedes a name. */
static const char before[] =
    "由对向与和及同跟给让叫被把将经据请派令为是称在从自当比如即系或有括"
    "予员长任记师官士人";

/* Words of degree and negation that make an adjective of what follows:
 * 不高明, 很周到, 最高峰. */
static const char modifiers[] = "不很更最太较极挺真甚颇欠未没毫非好多";

/* More small words that follow a person's name in a case record (予以,
 * 了解, 出具, 免予, 牵头, 先行): for the warnings only. */
static const char follow[] = "予了出免牵从所党先政多撤兼分任到";

/* Words that end the name of an organization (长丰建筑工程有限公司). */
static const char *const orgs[] = {
	"公司", "有限", "集团", "合作社", "工厂", "中心", "协会", "银行",
	"学校", "医院", "研究院", "事务所", "商行", "门市", "超市", "酒店",
	"宾馆", "农场", "基地", "园区", "委员会", NULL
};

/* The lexicons above, as code points. */
static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static struct words	 w_compound, w_roles, w_weakroles, w_suffixes,
			 w_titles, w_orgs, w_pretitles, w_offices, w_deeds;
static struct cset	 s_common, s_nonname, s_after, s_before, s_follow,
			 s_modifiers, s_given;

static void
lexicon(void)
{
	words_init(&w_compound, compound);
	words_init(&w_roles, roles);
	words_init(&w_weakroles, weakroles);
	words_init(&w_deeds, deeds);
	words_init(&w_suffixes, suffixes);
	words_init(&w_titles, titles);
	words_init(&w_pretitles, pretitles);
	words_init(&w_offices, offices);
	words_init(&w_orgs, orgs);
	cset_init(&s_common, common);
	cset_init(&s_nonname, nonname);
	cset_init(&s_after, after);
	cset_init(&s_before, before);
	cset_init(&s_follow, follow);
	cset_init(&s_modifiers, modifiers);
	cset_init(&s_given, givenchars);
}

/* The length of the compound surname at cp, or 0. */
static size_t
compoundat(const uint32_t *cp, size_t avail)
{
	size_t	 n;

	return words_at(&w_compound, cp, avail, 0, &n) >= 0 ? n : 0;
}

/* The length of the surname at cp (compound or common single), or 0. */
static size_t
surnameat(const uint32_t *cp, size_t avail)
{
	size_t	 n;

	if (avail == 0)
		return 0;
	if ((n = compoundat(cp, avail)) > 0)
		return n;
	return cset_has(&s_common, cp[0]) ? 1 : 0;
}

/* The surname of a name: a compound one, else its first character. */
char *
names_surname(const char *name)
{
	size_t	 i, l;

	while (*name == ' ')
		name++;
	for (i = 0; compound[i] != NULL; i++) {
		/* Most names share no first character with any. */
		if (name[0] != compound[i][0] || name[1] != compound[i][1])
			continue;
		l = strlen(compound[i]);
		if (strncmp(name, compound[i], l) == 0 && name[l] != '\0')
			return xstrdup(compound[i]);
	}
	if (*name == '\0')
		return xstrdup("");
	utf8_get(name, strlen(name), 0, &l);
	return xstrndup(name, l);
}

/*
 * Whether a name field holds a name and nothing else.  When it does not,
 * *why says what else it holds (the caller frees it).
 */
int
names_valid(const char *name, char **why)
{
	struct ftext	 t;
	size_t		 i, han = 0, latin = 0, n;
	long		 hit;
	int		 ok = 1;

	pthread_once(&once, lexicon);
	*why = NULL;
	memset(&t, 0, sizeof(t));
	ftext_fold(&t, name, strlen(name), 0);
	for (i = 0; ok && i < t.n; i++) {
		if (fold_ishan(t.cp[i])) {
			han++;
			if (t.gap[i] && i > 0 && fold_ishan(t.cp[i - 1])) {
				*why = xstrdup("a space between its "
				    "characters");
				ok = 0;
			}
		} else if (t.cp[i] < 0x80 && fold_isalnum(t.cp[i]) &&
		    !(t.cp[i] >= '0' && t.cp[i] <= '9'))
			latin++;
		else if (fold_interpunct(t.cp[i]) ||
		    (latin > 0 && (t.cp[i] == '-' || t.cp[i] == '\'')))
			continue;
		else {
			*why = xasprintf("\"%.*s\"", (int)(t.to[i] -
			    t.from[i]), name + t.from[i]);
			ok = 0;
		}
	}
	if (ok && han > 0 && latin > 0) {
		*why = xstrdup("Latin letters next to Chinese characters");
		ok = 0;
	}
	if (ok && han == 1 && latin == 0) {
		*why = xstrdup("one character only (a surname alone is not a "
		    "name)");
		ok = 0;
	}
	if (ok && han > 0 && (hit = words_before(&w_suffixes, t.cp,
	    t.n)) >= 0) {
		*why = xasprintf("the title \"%s\"", suffixes[hit]);
		ok = 0;
	}
	if (ok && han > 2 && (hit = words_before(&w_roles, t.cp, t.n)) >= 0 &&
	    w_roles.len[hit] < t.n) {
		*why = xasprintf("the title \"%s\"", roles[hit]);
		ok = 0;
	}
	/* A name is short: a long run of Chinese is a name and more. */
	n = han - (han > 0 && compoundat(t.cp, t.n) ? 1 : 0);
	if (ok && n > 6) {
		*why = xstrdup("more characters than a name has");
		ok = 0;
	}
	ftext_free(&t);
	return ok;
}

/*
 * Give each name its pseudonym, in order: surname + 某, and when two
 * different people share a surname, 甲, 乙, … in order of appearance.
 * The caller frees the array and its strings.
 */
char **
names_pseudonyms(char *const *names, size_t n)
{
	static const char *const ordinals[] = {
		"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"
	};
	char	**sur, **ps;
	size_t	  i, j, same, ord;

	sur = xcalloc(n + 1, sizeof(*sur));
	ps = xcalloc(n + 1, sizeof(*ps));
	for (i = 0; i < n; i++)
		sur[i] = names_surname(names[i]);
	for (i = 0; i < n; i++) {
		for (same = 0, ord = 0, j = 0; j < n; j++)
			if (strcmp(sur[i], sur[j]) == 0) {
				same++;
				if (j < i)
					ord++;
			}
		if (same == 1)
			ps[i] = xasprintf("%s某", sur[i]);
		else if (ord < 10)
			ps[i] = xasprintf("%s某%s", sur[i], ordinals[ord]);
		else
			ps[i] = xasprintf("%s某%zu", sur[i], ord + 1);
	}
	strv_free(sur, n);
	return ps;
}

/* Whether folded text holds the character 某 (a name already hidden). */
static int
hidden(const uint32_t *cp, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (cp[i] == 0x67d0)	/* 某 */
			return 1;
	return 0;
}

/* Whether cp[i] ends a phrase on the right of a name. */
static int
rightend(const uint32_t *cp, size_t n, size_t i)
{
	if (i >= n || !fold_ishan(cp[i]))
		return 1;
	if (words_at(&w_suffixes, cp, n, i, NULL) >= 0)
		return 1;
	return cset_has(&s_after, cp[i]);
}

/* Whether the character before i ends a phrase on the left of a name. */
static int
leftend(const uint32_t *cp, size_t i)
{
	if (i == 0 || !fold_ishan(cp[i - 1]))
		return 1;
	if (words_before(&w_roles, cp, i) >= 0)
		return 1;
	return cset_has(&s_before, cp[i - 1]);
}

/*
 * A likely name at cp[i]: a surname and one or two characters of a
 * given name, ending where a phrase ends.  Returns its length, or 0.
 * With shortfirst, the shorter reading is tried first.
 */
static size_t
nameat(const uint32_t *cp, size_t n, size_t i, int shortfirst)
{
	size_t	 s, g, k, len, tries[2];
	int	 t;

	if ((s = surnameat(cp + i, n - i)) == 0)
		return 0;
	tries[0] = shortfirst ? 1 : 2;
	tries[1] = shortfirst ? 2 : 1;
	for (t = 0; t < 2; t++) {
		g = tries[t];
		len = s + g;
		if (i + len > n)
			continue;
		for (k = i + s; k < i + len; k++)
			if (!fold_ishan(cp[k]) || cset_has(&s_nonname, cp[k]) ||
			    cp[k] == 0x67d0)
				break;
		if (k < i + len)
			continue;
		if (rightend(cp, n, i + len))
			return len;
	}
	return 0;
}

/*
 * A likely name right after a word of role: a surname and two
 * characters of a given name that read as a name, whatever follows
 * (村民柯小兰反映); else a surname and one, where a phrase ends.
 */
static size_t
roleat(const uint32_t *cp, size_t n, size_t i)
{
	size_t	 s, k;

	if ((s = surnameat(cp + i, n - i)) == 0)
		return 0;
	if (i + s + 2 <= n) {
		for (k = i + s; k < i + s + 2; k++)
			if (!fold_ishan(cp[k]) || cset_has(&s_nonname, cp[k]) ||
			    cset_has(&s_after, cp[k]) || cp[k] == 0x67d0)
				break;
		if (k == i + s + 2)
			return s + 2;
	}
	return nameat(cp, n, i, 1) == s + 1 ? s + 1 : 0;
}

/*
 * A likely name right after a weak role word: a surname and two
 * characters common in given names, whatever follows (工作人员钱丽丽接待);
 * else a surname and one, where a phrase ends.
 */
static size_t
weakat(const uint32_t *cp, size_t n, size_t i)
{
	size_t	 s;

	if ((s = surnameat(cp + i, n - i)) == 0 || i + s >= n ||
	    !cset_has(&s_given, cp[i + s]))
		return 0;
	if (i + s + 2 <= n && cset_has(&s_given, cp[i + s + 1]))
		return s + 2;
	return rightend(cp, n, i + s + 1) ? s + 1 : 0;
}

/* Whether a candidate at cp[s..e) starts the name of an organization:
 * one of its words follows within the same phrase. */
static int
inorg(const uint32_t *cp, size_t n, size_t e)
{
	size_t	 i;

	for (i = e; i < n && i < e + 10 && fold_ishan(cp[i]); i++)
		if (words_at(&w_orgs, cp, n, i, NULL) >= 0)
			return 1;
	return words_before(&w_orgs, cp, e) >= 0;
}

static void
addcand(struct namecands *c, size_t start, size_t end, const char *cue,
    int list)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].start == start) {
			if (list != 0)
				c->v[i].list = list;
			return;
		}
	if (inorg(c->cp, c->ncp, end))
		return;
	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	c->v[c->n].start = start;
	c->v[c->n].end = end;
	c->v[c->n].cue = cue;
	c->v[c->n].list = list;
	c->n++;
}

/* A name that is all of cp[s..e): surname and one or two characters. */
static int
wholename(const uint32_t *cp, size_t s, size_t e)
{
	size_t	 sn, k;

	if (e <= s || (sn = surnameat(cp + s, e - s)) == 0 ||
	    e - s < sn + 1 || e - s > sn + 2 || hidden(cp + s, e - s))
		return 0;
	for (k = s + sn; k < e; k++)
		if (!fold_ishan(cp[k]) || cset_has(&s_nonname, cp[k]))
			return 0;
	return 1;
}

/*
 * A likely name that ends at cp[i], where a phrase ends on its left,
 * before what follows a person (cue): when strict, a surname and two
 * characters common in given names (贺国平称); else a surname and one or
 * two (柯文龙，男).
 */
static void
namebefore(struct namecands *c, const uint32_t *cp, size_t i,
    const char *cue, int strict)
{
	size_t	 len, s, sn, k;

	for (len = 4; len >= 2; len--) {
		if (i < len)
			continue;
		s = i - len;
		if ((len == 3 && cset_has(&s_before, cp[s])) ||
		    !wholename(cp, s, i) || !leftend(cp, s))
			continue;
		if (strict) {
			sn = surnameat(cp + s, len);
			if (len - sn != 2)
				continue;
			for (k = s + sn; k < i && cset_has(&s_given, cp[k]); k++)
				continue;
			if (k < i)
				continue;
		}
		addcand(c, s, i, cue, 0);
		return;
	}
}

/* Whether c counts people: a digit or a numeral (等3人, 等三名). */
static int
iscount(uint32_t c)
{
	static const uint32_t numerals[] = {
		0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d, 0x4e03,
		0x516b, 0x4e5d, 0x5341, 0x4e24, 0x51e0, 0x591a	/* 一…十两几多 */
	};
	size_t	 i;

	if (c >= '0' && c <= '9')
		return 1;
	for (i = 0; i < sizeof(numerals) / sizeof(numerals[0]); i++)
		if (c == numerals[i])
			return 1;
	return 0;
}

/* A name that ends where an office begins at cp[i], before the words
 * that may stand between (常务副, 副, 总). */
static void
officeat(struct namecands *c, const uint32_t *cp, size_t i,
    const char *cue)
{
	size_t	 e, s, len, sn;
	int	 pre;

	for (pre = 0; pre < 2; pre++) {
		e = i;
		if (pre) {
			/* The longest of the words before the office. */
			for (e = i > 3 ? i - 3 : 0; e < i; e++)
				if (words_at(&w_pretitles, cp, i, e, &len) >= 0 &&
				    e + len == i)
					break;
			if (e == i)
				return;
		}
		for (len = 4; len >= 3; len--) {
			if (e < len)
				continue;
			s = e - len;
			sn = surnameat(cp + s, len);
			if (sn == 0 || sn + 2 != len ||
			    (len == 3 && cset_has(&s_before, cp[s])))
				continue;
			if (nameat(cp, e, s, 0) == len && leftend(cp, s) &&
			    !hidden(cp + s, len)) {
				addcand(c, s, e, cue, 0);
				return;
			}
		}
	}
}

#define IDEOCOMMA	0x3001		/* 、 */

/* Whether the folded c opens a bracket or a quotation: ( [ “ 「 【 … */
static int
opener(uint32_t c)
{
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PI:
		return 1;
	default:
		return c == '"' || c == '\'';
	}
}

/*
 * The likely names of people in folded text: a surname and a given
 * name right after a word of role (村民柯小兰, 原所长龚建平, 举报人：
 * 柯小兰, 举报人（柯小兰）) or, of common given-name characters, after a
 * weak one (工作人员钱丽丽), right before a title (周明远同志) or an
 * office, before what a person did or said (贺国平称, 薛丽娟等人), with
 * a sex after it (柯文龙，男), or in a list of names joined by 、 (each
 * is given the list's number).  Names already hidden
 * (柯某某) are not.  The caller decides what is declared, takes a list's
 * members when one of them is a name, and frees c->v.
 */
void
names_find(const uint32_t *cp, size_t n, struct namecands *c)
{
	size_t	 i, k, len, j, s, e;
	long	 hit;
	int	 list = 0;

	pthread_once(&once, lexicon);
	memset(c, 0, sizeof(*c));
	c->cp = cp;
	c->ncp = n;
	for (i = 0; i < n; i++) {
		if (!fold_ishan(cp[i]))
			continue;
		/* After a role word, with a colon or not, or in brackets
		 * or quotes (举报人（柯小兰）, 证人“柯小兰”). */
		if ((hit = words_at(&w_roles, cp, n, i, &len)) >= 0) {
			j = i + len;
			if (j < n && (cp[j] == ':' || opener(cp[j])))
				j++;
			if (j < n && (len = roleat(cp, n, j)) > 0 &&
			    !hidden(cp + j, len))
				addcand(c, j, j + len, roles[hit], 0);
		}
		if (words_first(&w_weakroles, cp[i]) &&
		    (hit = words_at(&w_weakroles, cp, n, i, &len)) >= 0) {
			j = i + len;
			if (j < n && (cp[j] == ':' || opener(cp[j])))
				j++;
			if (j < n && (len = weakat(cp, n, j)) > 0)
				addcand(c, j, j + len, weakroles[hit], 0);
		}
		/* Before a title: the longer reading unless it starts
		 * with a small word (向李明同志); four characters only
		 * with a compound surname (欧阳明华同志). */
		if ((hit = words_at(&w_suffixes, cp, n, i, &len)) >= 0) {
			k = (size_t)hit;
			for (len = 4; len >= 2; len--) {
				if (i < len)
					continue;
				s = i - len;
				if (len == 3 && cset_has(&s_before, cp[s]))
					continue;
				if (nameat(cp, i, s, len == 2) == len &&
				    leftend(cp, s) && !hidden(cp + s, len)) {
					addcand(c, s, i, suffixes[k], 0);
					break;
				}
			}
		}
		/* Before an office, a deputy's (副) or not: a surname and
		 * two characters, where a phrase ends on the left. */
		if ((hit = words_at(&w_offices, cp, n, i, &len)) >= 0)
			officeat(c, cp, i, offices[hit]);
		/* Before what a person did or said, or who was with them:
		 * 贺国平称, 薛丽娟等人, 邱德明等3人. */
		if (words_first(&w_deeds, cp[i]) &&
		    (hit = words_at(&w_deeds, cp, n, i, &len)) >= 0)
			namebefore(c, cp, i, deeds[hit], 1);
		if (cp[i] == 0x7b49) {		/* 等 */
			for (j = i + 1; j < n && iscount(cp[j]); j++)
				continue;
			if (j > i + 1 && j < n && (cp[j] == 0x4eba ||
			    cp[j] == 0x540d))	/* 人, 名 */
				namebefore(c, cp, i, "等", 1);
		}
	}
	/* A person's sex after the name, as a record gives a person's
	 * particulars: 柯文龙，男，1968年3月生; 龚建新（女，45岁）. */
	for (i = 0; i + 1 < n; i++)
		if ((cp[i] == ',' || cp[i] == '(') && (cp[i + 1] == 0x7537 ||
		    cp[i + 1] == 0x5973) && (i + 2 == n || cp[i + 2] == ',' ||
		    cp[i + 2] == ')' || cp[i + 2] == IDEOCOMMA ||
		    cp[i + 2] == ';' || cp[i + 2] == 0x6027))	/* 性 */
			namebefore(c, cp, i, cp[i + 1] == 0x7537 ? "男" : "女",
			    0);
	/* Lists: a、b、c, where each item is a name and nothing else. */
	for (i = 0; i < n; i++) {
		if (cp[i] != IDEOCOMMA || (i > 0 && cp[i - 1] == IDEOCOMMA))
			continue;
		/* The first item: the name that ends before the 、. */
		s = SIZE_MAX;
		for (len = 4; len >= 2; len--)
			if (i >= len && wholename(cp, i - len, i) &&
			    (leftend(cp, i - len) || words_before(&w_weakroles,
			    cp, i - len) >= 0 || (i - len > 0 &&
			    cp[i - len - 1] == 0x4e86))) {	/* 询问了 */
				s = i - len;
				break;
			}
		if (s == SIZE_MAX)
			continue;
		list++;
		addcand(c, s, i, "list", list);
		/* The items after it. */
		for (j = i; j < n && cp[j] == IDEOCOMMA; j = e) {
			for (e = j + 1; e < n && cp[e] != IDEOCOMMA &&
			    fold_ishan(cp[e]); e++)
				continue;
			if (e < n && cp[e] == IDEOCOMMA) {
				if (!wholename(cp, j + 1, e))
					break;
				addcand(c, j + 1, e, "list", list);
			} else {
				/* The last: where a phrase ends, else as
				 * after a weak role word (、彭丽华出具意见,
				 * not 、杨家湾村). */
				if (((len = nameat(cp, n, j + 1, 0)) > 0 ||
				    (len = weakat(cp, n, j + 1)) > 0) &&
				    !hidden(cp + j + 1, len))
					addcand(c, j + 1, j + 1 + len, "list",
					    list);
				break;
			}
		}
		i = j;
	}
}

/*
 * Whether the protected name at cp[s..e) reads as a person, not as part
 * of a longer word.  A name of a surname and one character (高明, 周到)
 * must stand between the ends of phrases (a role word or a small word
 * before it, a small word, a title or a mark after it); a longer one
 * only must not follow a word of degree or negation.
 */
int
names_boundary(const uint32_t *cp, size_t n, size_t s, size_t e)
{
	size_t	 sn;

	pthread_once(&once, lexicon);
	sn = surnameat(cp + s, e - s);

	if (s > 0 && cset_has(&s_modifiers, cp[s - 1]) && fold_ishan(cp[s - 1]))
		return 0;
	if (e - s > (sn > 0 ? sn : 1) + 1)
		return 1;
	return leftend(cp, s) && (rightend(cp, n, e) || cset_has(&s_follow, cp[e]));
}

/* Whether a given name at cp[s..e) stands as a person's: at the ends of
 * phrases, not across a word (副局长林某: 长林 is not a given name), or
 * where a clause begins, whatever follows (。晓蕾当时在外地). */
int
names_alone(const uint32_t *cp, size_t n, size_t s, size_t e)
{
	pthread_once(&once, lexicon);
	if (s == 0 || !fold_ishan(cp[s - 1]))
		return 1;
	return leftend(cp, s) && (rightend(cp, n, e) || cset_has(&s_follow, cp[e]));
}

/*
 * Whether the given name at cp[s..e) names its person beyond doubt: a
 * title follows it (海涛同志), and no surname stands right before it
 * (王海涛同志 is another person, whom the check of undeclared names
 * finds) unless that ends a word of role (主任海涛同志).
 */
int
names_titled(const uint32_t *cp, size_t n, size_t s, size_t e)
{
	size_t	 pre = 0;

	pthread_once(&once, lexicon);
	if (e < n && words_at(&w_pretitles, cp, n, e, &pre) < 0)
		pre = 0;
	if (e + pre >= n || words_at(&w_titles, cp, n, e + pre, NULL) < 0)
		return 0;
	if (s == 0 || !fold_ishan(cp[s - 1]) ||
	    words_before(&w_roles, cp, s) >= 0)
		return 1;
	return !cset_has(&s_common, cp[s - 1]) &&
	    words_before(&w_compound, cp, s) < 0;
}

/*
 * The same for the given name at bytes [s, e) of the UTF-8 text b (len
 * bytes), a reading without interpuncts or spaces: the three characters
 * before it and the three after it are read.
 */
int
names_titledat(const char *b, size_t len, size_t s, size_t e)
{
	uint32_t	 cp[24];
	size_t		 n = 0, i, w, k, at = 0;

	/* Back over three characters (a word of role, a compound
	 * surname), then forward. */
	for (i = s; i > 0 && at < 3; at++)
		for (i--; i > 0 && ((unsigned char)b[i] & 0xc0) == 0x80; i--)
			continue;
	for (; i < s && n < at; i += w)
		cp[n++] = utf8_get(b, len, i, &w);
	at = n;
	for (i = s; i < e && n < 12; i += w)
		cp[n++] = utf8_get(b, len, i, &w);
	if (i < e)
		return 0;	/* no given name is so long */
	/* The title after it, with what may come before a title. */
	k = n;
	for (; i < len && n < k + 6; i += w)
		cp[n++] = utf8_get(b, len, i, &w);
	return names_titled(cp, n, at, k);
}

/*
 * Where an office ends right before byte s of the UTF-8 text b (a reading
 * without interpuncts or spaces), with 副, 常务 or 总 before it: the byte
 * where they begin, after which a surname ends in 唐副局长建华; 0 if none.
 * A given name after its own surname and an office names its person.
 */
size_t
names_officeat(const char *b, size_t s)
{
	uint32_t	 cp[8];
	size_t		 start[8], n, m, i, w;
	long		 k;

	pthread_once(&once, lexicon);
	/* Back over eight characters at most, the nearest first. */
	for (i = s, n = 0; i > 0 && n < 8; n++) {
		for (i--; i > 0 && ((unsigned char)b[i] & 0xc0) == 0x80; i--)
			continue;
		start[n] = i;
	}
	for (m = 0; m < n; m++)
		cp[m] = utf8_get(b, s, start[n - 1 - m], &w);
	if ((k = words_before(&w_offices, cp, n)) < 0)
		return 0;
	m = n - w_offices.len[k];
	/* What may come before an office: 副, 常务副 (常务 and 副). */
	for (i = 0; i < 3 && (k = words_before(&w_pretitles, cp, m)) >= 0;
	    i++)
		m -= w_pretitles.len[k];
	return m > 0 ? start[n - 1 - m] : 0;
}

/* Whether the surname sur (surlen bytes) ends at byte end of b. */
int
names_surnameat(const char *b, size_t end, const char *sur, size_t surlen)
{
	return end > 0 && surlen > 0 && end >= surlen &&
	    memcmp(b + end - surlen, sur, surlen) == 0;
}

/*
 * Names written in Latin letters.  A person's name of Chinese characters
 * written in Hanyu Pinyin (Zhang Haitao, HAITAO Zhang, Zhang Hai-tao) is
 * the name.  The readings are Unihan's (build/pinyin.h), all of them, as
 * a surname is often read otherwise than the word.
 */
struct pyread {
	uint32_t	 cp;
	const char	*py;
};

static const struct pyread readings[] = {
#include "pinyin.h"
};

#define PYCHARS	4		/* the longest name written so */
#define PYREAD	6		/* readings of a character, at most */
#define PYWAYS	8		/* readings of a name, at most */

static int
readingcmp(const void *k, const void *e)
{
	uint32_t	 c = *(const uint32_t *)k;
	const struct pyread *r = e;

	return c < r->cp ? -1 : c > r->cp;
}

/*
 * The readings of c without their tone marks, each once, in out[] (at
 * most PYREAD, of at most 7 letters): ü as u (texts are read without
 * their marks over Latin letters), and for lü and nü also as v and yu,
 * as passports and keyboards write it.  The number of them.
 */
static size_t
readingsof(uint32_t c, char out[][8])
{
	const struct pyread *r;
	const char	*p, *e;
	utf8proc_int32_t cps[64];
	utf8proc_ssize_t k, i;
	char		 w[8], v[8], yu[9], *alt[3];
	size_t		 n = 0, len, j, a, nalt;
	int		 umlaut;

	r = bsearch(&c, readings, sizeof(readings) / sizeof(readings[0]),
	    sizeof(readings[0]), readingcmp);
	if (r == NULL)
		return 0;
	/* The usual readings first, then after "|" the others. */
	for (p = r->py; *p != '\0' && n < PYREAD; p = *e ? e + 1 : e) {
		e = p + strcspn(p, " |");
		if (e == p)
			continue;
		k = utf8proc_decompose((const utf8proc_uint8_t *)p, e - p, cps,
		    64, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
		if (k <= 0 || k > 64)
			continue;
		len = 0;
		umlaut = 0;
		for (i = 0; i < k && len < 7; i++) {
			if (cps[i] == 0x308)
				umlaut = 1;
			if (utf8proc_category(cps[i]) == UTF8PROC_CATEGORY_MN)
				continue;
			if (cps[i] < 'a' || cps[i] > 'z')
				break;
			w[len++] = (char)cps[i];
		}
		if (i < k || len == 0)
			continue;
		w[len] = '\0';
		alt[0] = w;
		nalt = 1;
		if (umlaut && (w[0] == 'l' || w[0] == 'n') && len < 7) {
			memcpy(v, w, len + 1);
			memcpy(yu, w, len + 1);
			for (j = 0; j < len; j++)
				if (w[j] == 'u') {
					v[j] = 'v';
					memmove(yu + j + 1, yu + j, len - j + 1);
					yu[j] = 'y';
					break;
				}
			alt[nalt++] = v;
			alt[nalt++] = yu;
		}
		for (a = 0; a < nalt && n < PYREAD; a++) {
			for (j = 0; j < n && strcmp(out[j], alt[a]) != 0; j++)
				continue;
			if (j == n && strlen(alt[a]) < 8)
				memcpy(out[n++], alt[a], strlen(alt[a]) + 1);
		}
	}
	return n;
}

/* Append s (of 8 bytes at most, with its NUL) at p: its length. */
static size_t
cat(char *p, const char *s)
{
	size_t	 l = strlen(s);

	memcpy(p, s, l + 1);
	return l;
}

/* Whether s is among the first n of v. */
static int
among(char *const *v, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/*
 * The ways a folded name (fold_key, FOLD_NAME) of two to four Chinese
 * characters is written in Latin letters, as a text is read (lower case,
 * without spaces, hyphens or marks over its letters): each reading,
 * surname first and given name first; and half so, the surname in
 * Chinese characters and the given name in Latin letters or the other
 * way round (唐jianhua, tang建华); and surname first with a comma or a
 * slash after it (tang,jianhua, tang/jianhua), given name first with a
 * comma (jianhua,tang).  In *n; NULL (and 0) for a name that
 * is not so written.
 */
char **
names_pinyin(const char *key, size_t len, size_t *n)
{
	uint32_t	 cp[PYCHARS];
	char		 rd[PYCHARS][PYREAD][8];
	size_t		 nrd[PYCHARS], nc = 0, i, w, sur, ways, k, m;
	size_t		 sl, gl, off[PYCHARS + 1];
	size_t		 pick[PYCHARS];
	char		**v = NULL, sb[40], gb[40], *h;

	*n = 0;
	for (i = 0; i < len; i += w) {
		if (nc == PYCHARS)
			return NULL;
		off[nc] = i;
		cp[nc++] = utf8_get(key, len, i, &w);
	}
	off[nc] = len;
	if (nc < 2)
		return NULL;
	pthread_once(&once, lexicon);
	sur = (k = compoundat(cp, nc)) > 0 && k < nc ? k : 1;
	for (i = 0, ways = 1; i < nc; i++) {
		if (!fold_ishan(cp[i]) || (nrd[i] = readingsof(cp[i],
		    rd[i])) == 0)
			return NULL;
		ways *= nrd[i];
	}
	/* Many readings: the given name's characters by their first. */
	for (i = sur; i < nc && ways > PYWAYS; i++) {
		ways = ways / nrd[i];
		nrd[i] = 1;
	}
	for (i = 0; i < nc && ways > PYWAYS; i++) {
		ways = ways / nrd[i];
		nrd[i] = 1;
	}
	v = xcalloc(7 * ways + 1, sizeof(*v));
	memset(pick, 0, sizeof(pick));
	for (m = 0; m < ways; m++) {
		sl = gl = 0;
		for (i = 0; i < nc; i++)
			if (i < sur)
				sl += cat(sb + sl, rd[i][pick[i]]);
			else
				gl += cat(gb + gl, rd[i][pick[i]]);
		v[(*n)++] = xasprintf("%s%s", sb, gb);
		v[(*n)++] = xasprintf("%s%s", gb, sb);
		/* Half in Chinese characters, once each. */
		h = xasprintf("%.*s%s", (int)off[sur], key, gb);
		if (among(v, *n, h))
			free(h);
		else
			v[(*n)++] = h;
		h = xasprintf("%s%.*s", sb, (int)(len - off[sur]),
		    key + off[sur]);
		if (among(v, *n, h))
			free(h);
		else
			v[(*n)++] = h;
		/* Surname first, parted from the given name as an index
		 * (Tang, Jianhua; Jianhua, Tang) or a ticket (TANG/JIANHUA)
		 * parts them: a text is read with its commas and slashes,
		 * which part two words elsewhere (a path, a list). */
		v[(*n)++] = xasprintf("%s,%s", sb, gb);
		v[(*n)++] = xasprintf("%s,%s", gb, sb);
		v[(*n)++] = xasprintf("%s/%s", sb, gb);
		/* The next reading, the last character fastest. */
		for (i = nc; i > 0; i--) {
			if (++pick[i - 1] < nrd[i - 1])
				break;
			pick[i - 1] = 0;
		}
	}
	return v;
}
