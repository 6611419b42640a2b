#!/usr/bin/python3
"""Generate a corpus of fictional case records for benchmarking disclose.

    gencorpus.py N OUTDIR [HUGODIR]

writes OUTDIR/site.yaml (content/'s, with 40 units: its ten and thirty
more towns and bureaus of the same county) and OUTDIR/policy.yaml
(copied unchanged) and N valid records under
OUTDIR/cases/<year>/<id>.md, with ids BM-<year>-<NNNNN>.  With HUGODIR,
the same cases also as Hugo content under HUGODIR/cases/<id>.md (the
public fields, for the equivalent Hugo site of tests/bench/hugo/).  The
records follow the format of DESIGN.md ("Case record") and of the sample
portal: Chinese titles and bodies of 2 to 4 KB (several ## sections,
lists, emphasis, the odd table; the subject's or a witness's phone or
identity number in about 40% of them), the three outcomes, years 2018 to
2025, every unit and category of site.yaml, a subject with a valid
identity number (region code 99...),
0 to 3 witnesses, the six factors, a procedure of 5 to 8 steps whose
dates never go backwards, decided <= published <= 2025-12-31, revisions
in about 20% of the cases, about 1% withdrawn and about 1% open.

The output depends only on N (a seeded random generator, no clock, no
hash-ordered iteration).  Standard library only.
"""

import datetime
import math
import os
import random
import re
import shutil
import sys

SEED = 20251231
FIRST_YEAR, LAST_YEAR = 2018, 2025
END = datetime.date(2025, 12, 31)
BODY_MIN, BODY_MAX = 700, 1350       # characters: 2 to 4 KB of UTF-8
HERE = os.path.dirname(os.path.abspath(__file__))
CONTENT = os.path.join(HERE, "..", "content")

COUNTY = "澄岚县"
DOC = "澄纪容"

# ---------------------------------------------------------------- people

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖"
    "田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付"
    "方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
COMPOUND = ["欧阳", "上官", "司马", "诸葛", "司徒", "皇甫"]
GIVEN2 = [
    "建国", "建华", "志强", "志远", "国庆", "海燕", "秀英", "桂兰", "丽萍",
    "文斌", "玉珍", "长林", "淑华", "思远", "彩霞", "育才", "秀芳", "鹏程",
    "秀云", "保国", "晓燕", "美玲", "瑞峰", "淑君", "志国", "建波", "春梅",
    "德胜", "红梅", "永刚", "卫东", "晓东", "亚军", "振华", "雪梅", "立新",
    "国华", "玉兰", "海涛", "俊杰", "慧敏", "宏伟", "晓丽", "明辉", "婷婷",
    "家豪", "文静", "子轩", "雨涵", "天佑", "春生", "冬梅", "宝山", "金凤",
    "少华", "耀祖", "兴旺", "梦瑶", "嘉怡", "浩然", "若曦", "博文", "一鸣",
    "晨阳", "书琴", "泽宇", "永福", "凤英", "维民", "绍文", "锦程", "敏杰",
]
GIVEN1 = ["勇", "军", "敏", "静", "磊", "洋", "艳", "杰", "娟", "涛", "超",
          "霞", "刚", "平", "辉", "鑫", "琳", "斌", "颖", "健"]


def person_name(rng):
    r = rng.random()
    if r < 0.03:
        return rng.choice(COMPOUND) + rng.choice(GIVEN2 + GIVEN1)
    if r < 0.15:
        return rng.choice(SURNAMES) + rng.choice(GIVEN1)
    return rng.choice(SURNAMES) + rng.choice(GIVEN2)


def id_number(rng, born):
    """An 18-character resident identity number with a valid check."""
    w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    body = "99%04d%s%03d" % (rng.randrange(100, 10000), born.strftime(
        "%Y%m%d"), rng.randrange(1, 1000))
    s = sum(int(c) * k for c, k in zip(body, w))
    return body + "10X98765432"[s % 11]


def mobile(rng):
    return rng.choice(["13", "15", "18", "17", "19"]) + \
        str(rng.randrange(10)) + "%08d" % rng.randrange(10 ** 8)


CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(rng):
    """A unified social credit code (GB 32100) with valid checks."""
    org = "".join(str(rng.randrange(10)) for _ in range(8))
    s = sum(int(c) * k for c, k in zip(org, (3, 7, 9, 10, 5, 8, 4, 2)))
    c9 = 11 - s % 11
    org += "X" if c9 == 10 else "0" if c9 == 11 else str(c9)
    code = "91" + "99%04d" % rng.randrange(100, 10000) + org
    s = sum(CREDIT_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(code))
    return code + CREDIT_CHARS[(31 - s % 31) % 31]


# ---------------------------------------------------------------- places

VILLAGES = {
    "青石镇": ["桃坪村", "松坳村", "石门村", "龙潭村", "杨家湾村", "青石社区"],
    "柳溪乡": ["柳溪村", "上河村", "白鹭村", "竹园村", "新庄村", "柳溪社区"],
}
GENERIC_VILLAGES = ["东岭村", "南塘村", "枫林村", "双河村", "金竹村"]

DEPTS = {
    "发展和改革局": ["审批股", "农村经济股", "价格股", "投资股", "重点项目办公室"],
    "自然资源局": ["耕地保护股", "村镇规划股", "地质灾害防治股",
              "国土空间规划股", "不动产登记中心"],
    "教育局": ["基础教育股", "后勤保障股", "人事股", "计划财务股",
            "学生资助管理中心"],
    "卫生健康局": ["医政医管股", "疾病预防控制股", "基层卫生股", "规划财务股"],
    "农业农村局": ["农村经营管理股", "种植业股", "农机股", "畜牧兽医股",
              "乡村建设股", "产业发展股"],
    "住房和城乡建设局": ["市政公用股", "建筑业管理股", "村镇建设股",
                 "房地产市场监管股", "建设工程质量安全监督站"],
    "市场监督管理局": ["登记注册股", "法规股", "食品安全监管股",
                "特种设备安全监察股", "信息中心"],
    "财政局": ["国库股", "政府采购监督管理股", "农业农村股", "经济建设股",
            "预算股"],
}
GENERIC_DEPTS = ["办公室", "综合股", "计划财务股", "业务股"]


def dept_head(dept):
    if dept.endswith("股"):
        return "股长"
    if dept.endswith("站"):
        return "站长"
    return "主任"


class Unit:
    def __init__(self, name):
        self.name = name
        short = name[len(COUNTY):] if name.startswith(COUNTY) else name
        if short.endswith("人民政府") and short[-5] in "镇乡":
            self.town = short[:-4]                      # 青石镇
            self.actor = self.town
            self.kind = short[-5]                       # 镇 or 乡
            self.villages = VILLAGES.get(self.town, GENERIC_VILLAGES)
        else:
            self.town = None
            self.actor = "县" + short                   # 县财政局
            self.kind = None
            self.depts = GENERIC_DEPTS
            for k in DEPTS:
                if short.endswith(k):
                    self.depts = DEPTS[k]

    def village(self, rng):
        if self.town:
            return rng.choice(self.villages)
        town = rng.choice(sorted(VILLAGES))
        return town + rng.choice(VILLAGES[town])

    def position(self, rng, leader):
        if self.town:
            k = self.kind
            roles = (["%s长" % k, "副%s长" % k, "党委委员、副%s长" % k,
                      "党委副书记", "党委书记"] if leader else
                     ["农业综合服务中心主任", "经济发展办公室主任",
                      "社会事务办公室主任", "党政综合办公室主任",
                      "财政所所长", "副%s长" % k])
            return self.town + rng.choice(roles)
        if leader and rng.random() < 0.3:
            return self.actor + rng.choice(["副局长", "党组成员、副局长"])
        d = rng.choice(self.depts)
        head = dept_head(d)
        if head == "股长" and rng.random() < 0.3:
            head = rng.choice(["副股长", "干部"])
        return self.actor + d + head


BRANDS = ["溪源", "宏远", "启明", "永固", "安康", "清源", "沃野", "金穗",
          "绿源", "恒通", "华泰", "鑫达", "德润", "兴农", "明川", "瑞丰",
          "嘉禾", "天禾", "汇通", "盛景", "青禾", "云岭", "长丰", "广源"]
TRADES = ["茶叶专业合作社", "建筑工程有限公司", "市政工程有限公司",
          "医疗器械有限公司", "办公设备有限公司", "生态农业有限公司",
          "建材贸易有限公司", "文旅发展有限公司", "物业服务有限公司",
          "新能源科技有限公司", "食品有限公司", "农业开发有限公司"]


TRADES_OF = {
    "改革创新": ["文旅发展有限公司", "建筑工程有限公司", "信息技术有限公司",
             "办公设备有限公司"],
    "招商引资": ["食品有限公司", "农业开发有限公司", "新能源科技有限公司",
             "机械制造有限公司"],
    "项目建设": ["建筑工程有限公司", "市政工程有限公司", "路桥工程有限公司"],
    "乡村振兴": ["茶叶专业合作社", "生态农业有限公司", "新能源科技有限公司",
             "农业开发有限公司"],
    "营商环境": ["商贸有限公司", "建材贸易有限公司", "食品有限公司"],
    "基层治理": ["物业服务有限公司", "建筑工程有限公司"],
    "应急处置": ["医疗器械有限公司", "建筑工程有限公司", "物资贸易有限公司"],
}
TRADES_OF_PROJ = {
    "村集体闲置资产盘活": ["文旅发展有限公司"],
    "政府采购合同预付款制度改革": ["办公设备有限公司"],
    "村集体经济入股合作社": ["茶叶专业合作社", "中药材种植专业合作社"],
    "村级光伏电站委托运维": ["新能源科技有限公司"],
    "老旧小区“红色物业”试点": ["物业服务有限公司"],
    "疫情防控物资紧急采购": ["医疗器械有限公司"],
    "城区排水管网改造工程": ["市政工程有限公司"],
    "乡村道路硬化项目": ["路桥工程有限公司", "建筑工程有限公司"],
}


def company(rng, category, proj):
    trades = TRADES_OF_PROJ.get(proj) or TRADES_OF.get(category, TRADES)
    return COUNTY + rng.choice(BRANDS) + rng.choice(trades)


# ------------------------------------------------------------- scenarios
# (title phrase, introduction, mishap, objective cause).  @S@ is the
# subject, {c} a company, {v} a village, {a} the amount involved and
# {l} the loss, in 10,000 yuan.

SCEN = {
    "改革创新": [
        ("村集体闲置资产盘活",
         "{y}年，{actor}推行村集体闲置资产盘活改革，将{v}闲置校舍改建为研学基地，由村集体投入改造资金**{a}万元**，整体出租给{c}经营。",
         "受客源不足影响，承租企业经营一年后提前退租，拖欠租金{l}万元，部分群众对此提出质疑。",
         "市场需求预判偏差"),
        ("工程建设项目审批告知承诺制试点",
         "{y}年，{actor}开展工程建设项目审批告知承诺制试点，对符合条件的项目先行发放许可、再行核查材料，涉及项目总投资**{a}万元**。",
         "试点中{c}承诺事项未按期兑现，相关项目被责令停工整改，造成前期配套投入损失{l}万元。",
         "企业履约失信"),
        ("政府采购合同预付款制度改革",
         "{y}年，{actor}推行政府采购合同预付款制度改革，对中小企业中标项目原则上按合同金额的30%支付预付款，当年累计支付预付款**{a}万元**。",
         "其中{c}收取预付款后因原材料涨价未按期供货，合同被解除，涉及预付款{l}万元。",
         "原材料价格大幅上涨"),
        ("农村宅基地有偿退出试点",
         "{y}年，{actor}在{v}开展农村宅基地有偿退出试点，统筹安排补偿资金**{a}万元**，引导农户自愿退出闲置宅基地。",
         "由于对复垦后用地指标交易价格预估过高，指标收益低于预期，形成资金缺口{l}万元。",
         "指标交易价格下行"),
        ("“一件事一次办”集成服务改革",
         "{y}年，{actor}推进“一件事一次办”集成服务改革，整合审批事项、建设线上办理系统，投入建设资金**{a}万元**。",
         "系统上线后因上级平台数据接口标准调整，部分功能无法对接而停用，已投入的开发费用中约{l}万元未能发挥效益。",
         "上级数据标准调整"),
    ],
    "招商引资": [
        ("招商项目前期奖补资金兑付",
         "{y}年，{actor}引进{c}投资建设农产品加工项目，按招商协议先行兑付前期奖补资金**{a}万元**。",
         "项目建成后因企业母公司资金链断裂而停产，奖补资金中{l}万元对应的绩效条件未能达到。",
         "企业经营状况突变"),
        ("标准厂房代建",
         "{y}年，为承接产业转移，{actor}垫资**{a}万元**为{c}代建标准厂房，约定企业投产后分期回购。",
         "受行业下行影响，企业推迟投产，回购款{l}万元未能按期收回。",
         "行业市场下行"),
        ("招商引资“拎包入住”政策",
         "{y}年，{actor}试行招商引资“拎包入住”政策，为{c}免费提供办公场所并配套装修，投入资金**{a}万元**。",
         "企业入驻一年后将主要业务迁往外地，场所闲置，装修投入中约{l}万元未发挥效益。",
         "企业经营战略调整"),
        ("产业引导资金参股",
         "{y}年，经研究，{actor}以产业引导资金**{a}万元**参股{c}，支持其扩建生产线。",
         "受订单萎缩影响，企业连续两年亏损，参股资金账面减值{l}万元。",
         "市场订单大幅萎缩"),
    ],
    "项目建设": [
        ("中小学校舍维修工程",
         "{y}年暑期，{actor}安排对{v}等地学校的危旧校舍进行维修，总预算**{a}万元**。",
         "由于资金下达较晚、距开学时间紧迫，在政府采购程序尚未完成的情况下即安排{c}先行进场施工，事后补办采购手续，审计认定多支付费用{l}万元。",
         "工期紧迫、开学在即"),
        ("城区排水管网改造工程",
         "{y}年，{actor}组织实施城区排水管网改造工程，合同金额**{a}万元**，由{c}承建。",
         "为应对汛期内涝风险，在设计变更审批完成前即同意施工单位调整管径，增加工程造价{l}万元。",
         "汛期内涝风险紧迫"),
        ("农村饮水安全巩固提升工程",
         "{y}年，{actor}实施{v}农村饮水安全巩固提升工程，总投资**{a}万元**。",
         "因前期水源勘测数据不准，新建取水口水量不足，被迫另选水源，造成重复投入{l}万元。",
         "地质条件复杂、勘测难度大"),
        ("乡村道路硬化项目",
         "{y}年，{actor}实施{v}通组道路硬化项目，工程预算**{a}万元**，由{c}施工。",
         "为赶在雨季前完工，未待路基沉降期满即铺筑路面，部分路段出现开裂，返工费用{l}万元。",
         "雨季临近、工期紧张"),
        ("农贸市场提升改造",
         "{y}年，{actor}对{v}农贸市场进行提升改造，投入资金**{a}万元**。",
         "改造期间因临时摊位安置方案调整，已建成的部分临时设施闲置后拆除，损失{l}万元。",
         "安置方案调整"),
    ],
    "乡村振兴": [
        ("村集体经济入股合作社",
         "{y}年，经研究，{v}以村集体经济发展资金**{a}万元**入股{c}，约定按年度保底分红。",
         "当年遭遇持续倒春寒，合作社减产约四成，村集体分红较协议预期少收益{l}万元。",
         "极端天气"),
        ("高山蔬菜基地冷库项目",
         "{y}年，{actor}使用衔接资金**{a}万元**在{v}建设高山蔬菜冷库一座。",
         "建成后因配套电力设施未到位，冷库闲置近一年，设备维护和损耗支出{l}万元。",
         "配套电力设施建设滞后"),
        ("中药材种植产业奖补",
         "{y}年，{actor}对{v}发展中药材种植的农户发放产业奖补资金**{a}万元**。",
         "因部分种植户管护不到位、实际种植面积不足，核验发现超额发放奖补资金{l}万元。",
         "核验手段有限"),
        ("村级光伏电站委托运维",
         "{y}年，{actor}将{v}村级光伏电站委托{c}运维，年支付运维费用**{a}万元**。",
         "因运维企业巡检不到位，电站逆变器故障停运三个月，发电收益损失{l}万元。",
         "受托企业履约不到位"),
        ("农机购置补贴“先补后验”试点",
         "{y}年，{actor}开展农机购置补贴“先补后验”试点，对信用良好的购机户先行兑付补贴**{a}万元**。",
         "核验时发现部分农机机具编号与申报信息不一致，涉及补贴资金{l}万元。",
         "信息核验手段滞后"),
    ],
    "营商环境": [
        ("市场主体登记“容缺受理”",
         "{y}年，{actor}推行市场主体登记“容缺受理”，对次要材料欠缺的申请先行受理，当年涉及注册资本**{a}万元**。",
         "其中{c}利用容缺受理提交虚假住所证明，被群众举报后相关登记被撤销，产生后续处置费用{l}万元。",
         "申请人提交虚假材料"),
        ("涉企轻微违法行为免罚清单",
         "{y}年，{actor}试行涉企轻微违法行为免罚清单，对首次轻微违法的市场主体免予行政处罚，涉及罚没款**{a}万元**。",
         "上级执法检查认为清单中个别事项超出法定免罚范围，相关处理被纠正，需重新处罚金额{l}万元。",
         "政策边界尚不明确"),
        ("惠企资金“免申即享”",
         "{y}年，{actor}推行惠企资金“免申即享”，通过数据比对直接向企业拨付奖补资金**{a}万元**。",
         "由于部分企业数据更新滞后，向不符合条件的{c}等企业误拨资金{l}万元。",
         "部门数据共享不及时"),
        ("企业开办全程代办",
         "{y}年，{actor}建立企业开办全程代办机制，安排专项经费**{a}万元**用于代办服务。",
         "代办过程中因核验不严，为{c}办理的用地手续存在瑕疵，后续补正费用{l}万元。",
         "代办人员业务经验不足"),
    ],
    "基层治理": [
        ("网格化管理积分奖励",
         "{y}年，{actor}在{v}试行网格化管理积分奖励，全年发放积分兑换奖励**{a}万元**。",
         "因积分核算规则不完善，部分网格员重复计分，多发奖励{l}万元。",
         "积分规则不完善"),
        ("村级工程“简易程序”试点",
         "{y}年，{actor}推行村级小微权力清单制度，在{v}试点村级工程“简易程序”，涉及工程资金**{a}万元**。",
         "试点中个别工程未达到简易程序标准即按简易程序发包，审计认定多支付工程款{l}万元。",
         "标准理解不一"),
        ("矛盾纠纷调处“以奖代补”",
         "{y}年，{actor}对{v}调解组织实行“以奖代补”，发放奖补资金**{a}万元**。",
         "核查发现部分调解案卷记录不完整，涉及奖补资金{l}万元依据不足。",
         "台账管理基础薄弱"),
        ("老旧小区“红色物业”试点",
         "{y}年，{actor}在老旧小区推行“红色物业”试点，补贴{c}物业服务费**{a}万元**。",
         "试点小区收费率未达预期，企业退出后预付补贴中{l}万元未能收回。",
         "居民缴费意愿低于预期"),
    ],
    "应急处置": [
        ("疫情防控物资紧急采购",
         "{y}年，{county}发生聚集性疫情，防护物资一度告急。{actor}经研究，未经公开招标即向{c}紧急采购防护物资，合同金额**{a}万元**。",
         "事后审计发现，部分物资单价高于疫情平稳后的市场价，多支出约{l}万元。",
         "疫情防控形势紧急"),
        ("汛期群众紧急转移安置",
         "{y}年汛期，{actor}在强降雨预警发布后组织{v}群众紧急转移，临时租用安置场所并采购生活物资，支出**{a}万元**。",
         "因降雨强度低于预报，转移群众提前返回，部分已采购物资和场所租金共{l}万元形成浪费。",
         "汛情预报存在不确定性"),
        ("地质灾害隐患点应急排危",
         "{y}年，{v}地质灾害隐患点出现险情，{actor}未履行招标程序即委托{c}实施应急排危，工程费用**{a}万元**。",
         "事后评审认定部分工程量计量偏高，多计费用{l}万元。",
         "险情紧急、无法按常规程序办理"),
        ("森林火情扑救物资采购",
         "{y}年春季，{v}发生森林火情，{actor}临时调拨并采购扑救物资，支出**{a}万元**。",
         "火情扑灭后盘点发现，部分临时采购物资单价偏高且验收手续缺失，涉及资金{l}万元。",
         "火情紧急"),
        ("冰冻灾害道路保通",
         "{y}年冬季，持续冰冻天气导致{v}等地道路结冰，{actor}临时租用机械设备、采购融雪物资，支出**{a}万元**。",
         "因租赁合同未约定计费上限，结算金额较市场价偏高{l}万元。",
         "灾情突发、时间紧迫"),
    ],
}
GENERIC_SCEN = [
    ("重点工作改革试点",
     "{y}年，{actor}开展重点工作改革试点，投入资金**{a}万元**。",
     "试点中因配套措施不到位，部分资金未能发挥效益，涉及{l}万元。",
     "缺乏可借鉴经验"),
]

DOCS = ["会议纪要", "项目档案", "资金拨付凭证", "合同文本", "验收资料",
        "审计报告", "工作台账", "往来函件", "现场照片", "财务账册"]

LEAD_IN = [
    "该项目由时任{pos}@S@牵头推进。",
    "该事项由{pos}@S@负责具体推进。",
    "{pos}@S@作为分管负责人，具体组织实施。",
    "项目由{pos}@S@主导推进，并负责日常调度。",
]

BRIBE = [
    "调查发现，@S@先后收受{c}负责人所送礼金**{b}万元**。",
    "经查，@S@的亲属在{c}领取“顾问费”共计{b}万元。",
    "经查，@S@多次接受{c}安排的宴请和旅游，折合金额{b}万元。",
]
NEGLECT = [
    "经查，@S@在明知存在风险的情况下仍擅自决定推进，问题暴露后未及时报告。",
    "经查，@S@对经办人员提出的风险提示未予理会，且未按规定报告。",
]

FACTORS = {
    "exempted": {
        "degree": ["工作失误"],
        "motive": ["为公"],
        "procedure": ["经集体决策和风险评估", "经局党组会研究并报县政府同意",
                      "经村民代表会议和党委会集体研究", "按试点方案办理并经集体研究",
                      "经联席会议审核并履行公示程序", "临机处置后及时报党委会追认"],
        "policy": ["上级无明令禁止", "符合改革试点方案", "符合优化营商环境政策",
                   "属于上级鼓励的探索性举措", "符合应急管理有关规定"],
    },
    "mitigated": {
        "degree": ["工作失误"],
        "motive": ["为公"],
        "procedure": ["未完成政府采购程序即组织实施", "未经集体研究即签订协议",
                      "未按规定履行分管领导审签程序", "未按规定组织实地复核",
                      "经集体研究但未报上级主管部门审批", "先行实施后补办手续"],
        "policy": ["违反政府采购有关规定", "不符合专项资金管理规定",
                   "上级无明令禁止但程序不规范", "违反财务管理有关规定"],
    },
    "accountable": {
        "degree": ["违纪", "违纪", "违规"],
        "motive": ["为私"],
        "procedure": ["违规简化程序、未经集体研究", "未经集体决策擅自决定",
                      "规避系统审核、未经审批擅自办理", "未经集体决策擅自签订协议"],
        "policy": ["违反廉洁纪律和有关管理规定", "违反中央八项规定精神",
                   "违反财经纪律", "违反项目审批有关规定"],
    },
}

CLAIM = {
    "exempted": ["相关事项经集体研究决定，问题系{cause}所致，本人不存在谋取私利情形",
                 "改革举措符合上级精神，出现的问题属于探索中难以预见的风险",
                 "工作中已尽到审慎义务，损失主要由{cause}造成，且正在积极挽回"],
    "mitigated": ["相关工作是在{cause}的情况下推进的，出发点是为了推动工作，程序上的瑕疵属于不得已",
                  "如按正常程序办理将延误工作，先行推进是为了群众利益，本人未从中获利"],
    "accountable": ["相关做法是为了优化营商环境、提高办事效率，属于改革探索中的失误",
                    "相关做法是为了加快项目建设进度，属于担当作为",
                    "出现问题系{cause}所致，本人已尽到职责"],
}

FIND = {
    "exempted": [
        "相关事项履行了集体研究程序，决策依据充分；",
        "@S@在推进过程中未谋取私利，未发现利益输送问题；",
        "问题主要系{cause}所致，属于难以预见的客观因素；",
        "项目资金使用账目清楚，未发现挤占挪用情况；",
        "上级对该事项无明令禁止，且属于探索性改革举措；",
        "问题发生后，相关单位及时采取措施，损失已全部挽回；",
    ],
    "mitigated": [
        "@S@出发点为推动工作，未谋取私利；",
        "相关事项未按规定履行完整程序，存在明显瑕疵；",
        "造成损失{l}万元，目前已追回{r}万元；",
        "问题发生后，@S@主动报告并积极采取补救措施；",
        "相关情况未及时向单位党组织报告；",
    ],
    "accountable": [
        "@S@未经集体研究擅自决定，违反民主集中制原则；",
        "造成损失{l}万元，截至调查结束仅追回{r}万元；",
        "@S@所称“改革探索”缺乏事实依据，不属于容错情形；",
        "相关问题经群众多次反映后，@S@仍未采取纠正措施；",
        "@S@对问题的发生负有直接责任，本人亦予以承认；",
    ],
}

CONCLUDE = {
    "exempted": [
        "@S@在{field}中先行先试，出发点为公，决策程序完备，损失主要由客观因素造成且已挽回，**符合容错情形**。",
        "@S@为推动{field}担当作为，未谋取私利，程序基本完备，**符合容错情形**，依规免予问责。",
    ],
    "mitigated": [
        "@S@出发点为公、未谋取私利，但**程序违规**，不符合免责条件，可从轻处理。",
        "@S@在{field}中担当作为，但未按规定履行相关程序，造成一定损失，**依规从轻处理**。",
    ],
    "accountable": [
        "@S@的行为属于**谋取私利**、违反廉洁纪律，与为改革担当作为无关，**不予容错**。",
        "@S@**未经集体决策**、违规操作，造成较大损失**未能挽回**，不符合容错条件。",
    ],
}

RESULT = {
    "exempted": ["对@S@**免予问责**，不影响其考核评优和选拔任用",
                 "对@S@**免予问责**，不影响其年度考核和评优评先"],
    "mitigated": ["对@S@予以**批评教育**，责令作出书面检查",
                  "对@S@予以**诫勉**",
                  "对@S@从轻给予**党内警告**处分",
                  "对@S@予以**提醒谈话**，并在单位内部通报",
                  "对@S@从轻给予**政务警告**处分"],
    "accountable": ["给予@S@**党内警告**处分，调离原工作岗位",
                    "给予@S@**党内严重警告、政务降级**处分，责令退赔违规所得",
                    "给予@S@**政务记过**处分",
                    "给予@S@**撤销党内职务、政务撤职**处分，收缴违纪款项"],
}

REMEDY = ["完善重大事项风险评估机制", "建立项目提前储备、提前采购机制",
          "健全资金拨付前核验制度", "加强合同履约监管",
          "完善应急采购价格监测机制", "开展专项整改并举一反三",
          "修订相关工作规程，明确审批权限"]
RECTIFY = [
    "修订完善相关管理办法，明确审批权限和办理时限；",
    "对同类事项开展全面排查，建立问题清单和整改台账；",
    "组织干部职工开展专题学习，提升依规办事能力；",
    "建立重大事项风险评估和集体决策前置审查机制；",
    "加强与审计、财政等部门的信息共享和工作协同；",
    "对已发放资金开展逐笔核对，督促相关主体限期退回；",
]
FILLER = {
    "基本情况": [
        "该事项列入{actor}年度重点工作任务，由单位主要负责同志定期调度推进。",
        "事项推进期间，{actor}曾多次召开专题会议研究具体实施方案，并向县有关部门征求意见。",
        "问题发生后，相关情况经群众反映和审计发现，引起县委、县政府的重视。",
        "{y}年以来，{county}将{field}列为全县重点任务，鼓励各单位结合实际探索创新做法。",
        "从实施效果看，该举措在推进初期取得了一定成效，得到部分群众和企业的认可。",
        "问题暴露后，{actor}第一时间成立工作专班，采取措施防止损失扩大。",
    ],
    "申请理由": [
        "申请人同时提交了{docs}等证明材料。",
        "申请人表示，对工作中出现的问题深感自责，愿意积极配合调查，并全力做好后续挽损工作。",
        "申请人所在单位党组织出具意见，认为申请人平时工作积极、作风扎实，建议依规审慎处理。",
    ],
    "认定意见": [
        "认定过程中，县容错纠错工作领导小组听取了{actor}党组织意见，并征求了县委组织部意见。",
        "认定意见经县容错纠错工作领导小组会议集体研究，与会成员一致同意。",
        "认定意见书面告知了申请人，并告知其享有申辩的权利。",
    ],
    "调查核实": [
        "核查组还走访了部分群众和企业，听取了对该事项的意见和建议，相关情况与书面材料基本一致。",
        "为确保认定准确，核查组对关键事实进行了交叉比对，并就有关政策依据征求了县司法局意见。",
        "核查期间，申请人积极配合调查，如实提供了相关材料。",
        "核查组先后召开座谈会{n1}次，开展个别谈话{n2}人次，调取书证资料{n3}份。",
        "核查组还就相关政策执行情况向县财政局、县审计局等部门征求意见，相关部门出具了书面意见。",
    ],
    "处理结果": [
        "决定作出后，县纪委监委向申请人及其所在单位进行了反馈，并按规定向上级报备。",
        "县纪委监委将持续跟踪相关整改情况，推动以案促改、以案促治。",
        "该决定已书面送达申请人及其所在单位，并按干部管理权限抄送县委组织部。",
    ],
}
PAD = {
    "closed": [
        "本案处理结果已在一定范围内通报，发挥了典型案例的警示和激励作用。",
        "县纪委监委将持续跟踪相关整改情况，推动以案促改、以案促治。",
    ],
    "withdrawn": [
        "撤回申请前，县纪委监委已告知申请人撤回的法律后果，申请人表示知悉。",
        "相关单位已对暴露的问题开展自查，并将整改情况报县纪委监委备案。",
        "本案受理、撤回的有关材料已按规定立卷归档。",
    ],
    "open": [
        "县纪委监委将严格按照规定时限办理，办理过程中如有新的进展，将及时更新本页信息。",
        "申请人所在单位已按要求提供相关材料，并承诺配合做好调查核实工作。",
        "群众如掌握与本案有关的情况，可通过本页面下方的方式向县纪委监委反映。",
    ],
}
REV_NOTES = ["更正决定日期", "更正决定文号", "补充第三方评估意见", "补充追回进展",
             "更正处分种类表述", "补充整改情况说明", "更正涉及金额",
             "更正单位名称表述", "补充剩余款项追回情况"]
WITHDRAW_REASONS = ["申请人主动撤回容错申请",
                    "申请人书面撤回申请，本案终止办理",
                    "经核实不属于容错纠错受理范围，申请人撤回申请",
                    "相关问题线索移送有关部门依规处理，容错程序终止"]

# ---------------------------------------------------------------- helpers


def cn(d):
    return "%d年%d月%d日" % (d.year, d.month, d.day)


def money(rng, lo, hi):
    v = rng.uniform(lo, hi)
    return ("%.1f" % v).rstrip("0").rstrip(".") if v < 100 else str(int(v))


YAML_SPECIAL = re.compile(r"""[:#{}\[\],&*!|>'"%@`]""")


def ys(s):
    """A YAML scalar for s."""
    if (YAML_SPECIAL.search(s) or s != s.strip() or
            re.fullmatch(r"[-+.0-9eE]+|true|false|null|yes|no|~", s)):
        return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')
    return s


def parse_terms(text, key):
    """The names of a list of {name: ..., slug: ...} in site.yaml."""
    out, inside = [], False
    for line in text.splitlines():
        if re.match(r"^%s:\s*$" % key, line):
            inside = True
            continue
        if inside:
            m = re.match(r"^\s+-\s*\{\s*name:\s*([^,]+?)\s*,", line)
            if m:
                out.append(m.group(1).strip("\"'"))
            elif line and not line[0].isspace():
                break
    return out


# ---------------------------------------------------------------- a case


class Case:
    pass


def timeline(rng, decided_target):
    """Procedure steps (name, date) around a decision date."""
    steps = ["申请", "调查核实", "认定", "申辩", "决定", "反馈", "报备"]
    if rng.random() < 0.3:
        steps.insert(2, "第三方评估")
    if rng.random() < 0.15:
        steps.insert(steps.index("申辩") + 1, "听证")
    n = rng.randint(5, 8)
    while len(steps) > n:
        steps.remove(rng.choice([s for s in ("反馈", "申辩", "听证", "第三方评估")
                                 if s in steps]))
    while len(steps) < n:
        if "第三方评估" not in steps:
            steps.insert(2, "第三方评估")
        elif "听证" not in steps:
            steps.insert(steps.index("决定"), "听证")
    gap = {"申请": (0, 0), "调查核实": (2, 25), "第三方评估": (10, 40),
           "认定": (5, 30), "申辩": (1, 10), "听证": (5, 20),
           "决定": (3, 20), "反馈": (0, 7), "报备": (0, 12)}
    offs, t = [], 0
    for s in steps:
        t += rng.randint(*gap[s])
        offs.append(t)
    dec = offs[steps.index("决定")]
    start = decided_target - datetime.timedelta(days=dec)
    return [(s, start + datetime.timedelta(days=o)) for s, o in zip(steps, offs)]


def make_people(rng, c):
    """Names for the subject and witnesses: distinct, none inside another
    one, none occurring in the rest of the record's text."""
    for _ in range(200):
        names = []
        while len(names) < 1 + len(c.witnesses):
            n = person_name(rng)
            if all(n not in m and m not in n for m in names):
                names.append(n)
        if all(n not in c.fixed_text for n in names):
            return names
    raise SystemExit("gencorpus: cannot find names that fit a record")


def build_case(rng, kind, outcome, unit, category, when):
    """Everything but the id; names are placeholders @S@, @W0@..."""
    c = Case()
    c.kind, c.outcome, c.unit, c.category = kind, outcome, unit, category
    u = Unit(unit)
    scen = rng.choice(SCEN.get(category, GENERIC_SCEN))
    proj, intro, mishap, cause = scen
    comp = company(rng, category, proj)
    village = u.village(rng)
    amount = math.exp(rng.uniform(math.log(8), math.log(600)))
    loss = round(amount * rng.uniform(0.05, 0.4), 1)
    if loss < 1:
        loss = 1.2
    a = ("%.1f" % amount).rstrip("0").rstrip(".")
    l = ("%.1f" % loss).rstrip("0").rstrip(".")
    if outcome == "exempted":
        rec = loss
    elif outcome == "mitigated":
        rec = round(loss * rng.uniform(0.4, 0.95), 1)
    else:
        rec = round(loss * rng.uniform(0.0, 0.5), 1)
    r = ("%.1f" % rec).rstrip("0").rstrip(".")
    bribe = money(rng, 0.8, 12)

    # dates
    if kind == "closed":
        steps = timeline(rng, when)
        decided = dict(steps)["决定"]
        last = max(d for _, d in steps)
        published = last + datetime.timedelta(days=rng.randint(0, 25))
        if published > END:
            shift = published - END
            steps = [(s, d - shift) for s, d in steps]
            decided -= shift
            published = END
        c.steps, c.decided, c.published = steps, decided, published
        c.year = decided.year
    elif kind == "withdrawn":
        apply = when
        steps = [("申请", apply)]
        if rng.random() < 0.6:
            steps.append(("调查核实", apply + datetime.timedelta(
                days=rng.randint(3, 20))))
        published = steps[-1][1] + datetime.timedelta(days=rng.randint(5, 30))
        wdate = published + datetime.timedelta(days=rng.randint(3, 60))
        if wdate > END:
            shift = wdate - END
            steps = [(s, d - shift) for s, d in steps]
            published -= shift
            wdate = END
        c.steps, c.published, c.wdate = steps, published, wdate
        c.year = published.year
        c.wreason = rng.choice(WITHDRAW_REASONS)
    else:                                               # open
        apply = when
        steps = [("申请", apply)]
        t = apply
        for s in ("调查核实", "第三方评估")[:rng.randint(0, 2)]:
            t += datetime.timedelta(days=rng.randint(5, 30))
            if t > END:
                break
            steps.append((s, t))
        c.steps = steps
        c.year = apply.year
    names = [s for s, _ in c.steps]
    c.tpr = "第三方评估" in names
    c.hearing = "听证" in names
    sd = dict(c.steps)
    event_year = c.steps[0][1].year - rng.choice([0, 0, 1])

    # people
    c.position = u.position(rng, leader=rng.random() < 0.4)
    c.born = datetime.date(rng.randint(1965, 1995), rng.randint(1, 12),
                           rng.randint(1, 28))
    c.id_number = id_number(rng, c.born)
    c.phone = mobile(rng)
    nw = rng.choice([0, 1, 1, 2, 2, 2, 3, 3])
    c.witnesses = []
    seen = [c.position]
    for i in range(nw):
        for _ in range(20):
            if rng.random() < 0.35:
                pos = village + rng.choice(["党支部书记", "村委会主任",
                                            "村务监督委员会主任", "报账员"])
            else:
                pos = u.position(rng, leader=False)
            if pos not in seen:
                break
        else:
            continue
        seen.append(pos)
        c.witnesses.append({"position": pos,
                            "phone": mobile(rng) if rng.random() < 0.7 else None})
    c.parties = []
    if "{c}" in intro + mishap or rng.random() < 0.2:
        p = {"name": comp}
        if rng.random() < 0.9:
            p["credit_code"] = credit_code(rng)
        if rng.random() < 0.5:
            p["phone"] = mobile(rng)
        if rng.random() < 0.2:
            p["email"] = "".join(rng.choice("abcdefghjkmnpqrstwxyz")
                                 for _ in range(rng.randint(3, 6))) + \
                "@example.com"
        if rng.random() < 0.7:
            c.parties.append(p)

    f = {"y": event_year, "actor": u.actor, "v": village, "c": comp,
         "a": a, "l": l, "r": r, "b": bribe, "cause": cause,
         "county": COUNTY, "field": category + "工作",
         "n1": rng.randint(2, 6), "n2": rng.randint(5, 30),
         "n3": rng.randint(20, 180)}
    pos_s = c.position

    # title and summary
    place = u.town or ""
    if kind == "withdrawn":
        c.title = "%s%s容错申请（已撤回）" % (place, proj)
    elif kind == "open":
        c.title = "%s%s容错申请" % (place, proj)
    elif outcome == "exempted":
        c.title = place + proj + rng.choice(["先行先试", "", ""]) + \
            rng.choice(["容错案", "容错免责案"])
    elif outcome == "mitigated":
        c.title = place + proj + rng.choice(["程序瑕疵", "先行后补", ""]) + \
            rng.choice(["纠错案", "从轻处理案", "容错纠错案"])
    else:
        c.title = place + proj + "中" + rng.choice(
            ["违规操作", "谋取私利", "失职失责"]) + "问责案"
    c.summary = None
    if kind == "withdrawn":
        c.summary = "申请人撤回容错申请，本案终止办理。"
    elif kind == "closed" and rng.random() < 0.6:
        tail = {"exempted": "损失已挽回，免予问责。",
                "mitigated": "程序存在瑕疵，依规从轻处理。",
                "accountable": "不符合容错情形，依规依纪问责。"}[outcome]
        c.summary = "%s因%s出现损失%s万元，%s" % (proj, cause, l, tail)

    # factors
    if kind == "closed":
        fx = FACTORS[outcome]
        cons = {"exempted": rng.choice(["损失%s万元已全额挽回" % l,
                                        "损失已通过追偿全部挽回", "损失已挽回"]),
                "mitigated": "造成损失%s万元，已追回%s万元" % (l, r),
                "accountable": rng.choice(["造成损失%s万元，仅追回%s万元" % (l, r),
                                           "造成损失%s万元，造成不良社会影响" % l])}
        c.factors = [
            ("degree", rng.choice(fx["degree"])),
            ("motive", rng.choice(fx["motive"])),
            ("conditions", cause if outcome != "accountable" else
             rng.choice(["无客观困难", "无客观紧迫情形"])),
            ("procedure", rng.choice(fx["procedure"])),
            ("policy", rng.choice(fx["policy"])),
            ("consequence", cons[outcome]),
        ]
        if outcome == "accountable" and "谋取私利" not in c.title and \
                rng.random() < 0.4:
            c.factors[1] = ("motive", "为公")
            c.factors[0] = ("degree", "严重失职")

    # body, as sections of (text, optional) blocks
    def F(s):
        return s.format(**f)

    def more(name, k=None):
        items = rng.sample(FILLER[name], len(FILLER[name]))
        return [(F(t), True) for t in items[:k]]

    wit = "、".join("%s@W%d@" % (w["position"], i)
                   for i, w in enumerate(c.witnesses)) or "有关经办人员"
    docs = "、".join(rng.sample(DOCS, rng.randint(2, 4)))
    f["docs"] = docs
    secs = []
    basic = [(F(intro) + rng.choice(LEAD_IN).format(pos=pos_s) + F(mishap),
              False)]
    if kind == "closed" and outcome == "accountable":
        if dict(c.factors)["motive"] == "为私":
            basic[0] = (basic[0][0] + F(rng.choice(BRIBE)), False)
        else:
            basic[0] = (basic[0][0] + rng.choice(NEGLECT), False)
    x = rng.random()
    if x < 0.1:
        basic.append(("| 项目 | 金额（万元） |\n| --- | ---: |\n"
                      "| 涉及资金 | %s |\n| 造成损失 | %s |\n| 已追回 | %s |"
                      % (a, l, r if kind == "closed" else "—"), True))
    elif x < 0.4:
        basic.append(("- 涉及资金：%s万元\n- 造成损失：%s万元\n- %s"
                      % (a, l, "已追回：%s万元" % r if kind == "closed"
                         else "追回情况：核实中"), True))
    basic += more("基本情况", 3)

    if kind == "closed":
        secs.append(("基本情况", basic))
        claim = F(rng.choice(CLAIM[outcome]))
        reason = [("%s，@S@向县纪委监委提出容错申请，认为%s。"
                   % (cn(sd["申请"]), claim), False)] + more("申请理由")
        secs.append(("申请理由", reason))
        inv = ["县纪委监委会同%s组成核查组，调阅了%s，并向%s了解情况。经核实："
               % (u.actor, docs, wit)]
        finds = rng.sample(FIND[outcome], rng.randint(3, 4))
        block = [(inv[0], False),
                 ("\n".join("- " + F(s) for s in finds), False)]
        if rng.random() < 0.05:
            block.append(("| 核查事项 | 核查结论 |\n| --- | --- |\n"
                          "| 决策程序 | %s |\n| 资金使用 | 涉及%s万元 |\n"
                          "| 损失挽回 | 已追回%s万元 |"
                          % (dict(c.factors)["procedure"], a, r), True))
        if c.tpr:
            op = {"exempted": "相关决策依据充分，损失主要由客观因素造成",
                  "mitigated": "实施必要性成立，但程序存在瑕疵",
                  "accountable": "相关支出缺乏合理依据"}[outcome]
            block.append(("%s，受委托的第三方评估机构出具评估意见，认为%s。"
                          % (cn(sd["第三方评估"]), op), False))
        if c.hearing:
            hr = {"exempted": "听证意见支持申请人的主要理由",
                  "mitigated": "申请人对程序瑕疵的事实无异议",
                  "accountable": "申请人未能对上述事实作出合理解释"}[outcome]
            block.append(("%s，应申请人要求举行听证，%s。"
                          % (cn(sd["听证"]), hr), False))
        if rng.random() < 0.03:
            block.append(("核查组还调阅了{--举报人提供的录音材料及其联系方式--}，"
                          "相关内容已依法处理。", True))
        block += more("调查核实", 3)
        secs.append(("调查核实", block))
        cl = CONCLUDE[outcome]
        if outcome == "accountable":
            cl = cl[:1] if dict(c.factors)["motive"] == "为私" else cl[1:]
        concl = [("%s，县容错纠错工作领导小组认定：%s"
                  % (cn(sd["认定"]), F(rng.choice(cl))), False)]
        if "申辩" in sd:
            concl.append(("%s，@S@提出申辩意见，核查组进行了复核，认为申辩理由%s。"
                          % (cn(sd["申辩"]), "成立" if outcome == "exempted"
                             else rng.choice(["部分成立", "不能成立"])), True))
        if rng.random() < 0.05:
            concl.append(("认定依据见[%s容错纠错实施办法]"
                          "(https://www.example.gov.cn/chenglan/rczc/banfa.html)。"
                          % COUNTY, True))
        concl += more("认定意见", 2)
        secs.append(("认定意见", concl))
        res = [("%s，县纪委监委作出决定（%s〔%d〕@NO@号），%s。"
                % (cn(c.decided), DOC, c.year, rng.choice(RESULT[outcome])),
                False),
               ("同时责成%s%s。" % (u.actor, rng.choice(REMEDY)), True)] + \
            more("处理结果", 2)
        secs.append(("处理结果", res))
        if rng.random() < 0.35:
            items = rng.sample(RECTIFY, rng.randint(2, 4))
            secs.append(("整改情况", [
                ("%s针对暴露的问题开展整改：" % u.actor, True),
                ("\n".join("%d. %s" % (i + 1, s) for i, s in enumerate(items)),
                 True)]))
    elif kind == "withdrawn":
        basic.insert(1, ("@S@于%s提出容错申请，县纪委监委依规受理，并于%s公开受理情况。"
                         % (cn(sd["申请"]), cn(c.published)), False))
        secs.append(("基本情况", basic))
        acc = [("县纪委监委收到申请后，依规进行了形式审查，认为申请材料齐全、"
                "符合受理条件，于%s予以受理并公开受理情况。"
                % cn(c.published), False)]
        if "调查核实" in sd:
            acc.append(("%s，县纪委监委启动调查核实，调阅了%s，并向%s了解情况。"
                        % (cn(sd["调查核实"]), docs, wit), False))
        acc.append(("申请人认为，%s。" % F(rng.choice(CLAIM["exempted"])), True))
        secs.append(("受理情况", acc))
        secs.append(("撤回情况", [
            ("%s，%s。根据《%s容错纠错实施办法》有关规定，本案**终止容错认定程序**。"
             % (cn(c.wdate), c.wreason, COUNTY), False),
            ("涉及的资金问题，由%s按照日常管理程序处理；如发现违纪违法问题线索，"
             "将依规依纪依法另行处理。" % u.actor, False)]))
        secs.append(("说明", [
            ("本页面作为公开记录予以保留，以便公众查询。容错申请的撤回，"
             "不影响对相关事项依法依规进行监督。", False),
            ("对本案有意见或发现问题线索的，可通过本页面下方的方式向县纪委监委反映。",
             True)]))
    else:
        prog = [(F(intro) + F(mishap), False),
                ("申请人@S@（%s）于%s提出容错申请，认为%s。"
                 % (pos_s, cn(sd["申请"]), F(rng.choice(CLAIM["exempted"]))),
                 False)] + basic[1:] + more("申请理由", 2)
        if "调查核实" in sd:
            prog.append(("县纪委监委已于%s启动调查核实，正在调阅%s，并向%s了解情况。"
                         % (cn(sd["调查核实"]), docs, wit), False))
        if "第三方评估" in sd:
            prog.append(("%s，已委托第三方机构对相关事项的必要性和合理性进行评估。"
                         % cn(sd["第三方评估"]), False))
        secs.append(("案件进展", prog))
        secs.append(("办理情况", [
            ("- 已调阅%s；\n- 已向相关单位和人员了解情况；\n"
             "- 调查核实结束后，将依规作出认定，并听取申请人的申辩意见。"
             % docs, False),
            (F(rng.choice(FILLER["调查核实"][:3])), True),
            ("本案尚在办理中，认定意见和处理结果待案件办结后依规公开。", False)]))
        secs.append(("下一步工作", [
            ("核查组将重点核实项目前期论证是否充分、%s是否属实，以及申请人在决策和"
             "推进中的具体职责。" % cause, False),
            ("在案件办理期间，县纪委监委已督促%s采取措施减少损失，尽早发挥项目效益。"
             % u.actor, True)]))

    c.sections = secs
    return c


def render_body(secs, keep):
    out = []
    for title, blocks in secs:
        kept = [t for i, (t, opt) in enumerate(blocks)
                if not opt or (title, i) in keep]
        if kept:
            out.append("## %s\n\n%s" % (title, "\n\n".join(kept)))
    return "\n\n".join(out) + "\n"


def fit_body(rng, c, subst):
    """Choose optional blocks so that the body has 600 to 1,500 chars."""
    opts = [(t, i) for t, blocks in c.sections
            for i, (_, o) in enumerate(blocks) if o]
    target = rng.randint(BODY_MIN + 50, BODY_MAX - 50)
    keep = set()
    order = sorted(opts)
    rng.shuffle(order)
    body = subst(render_body(c.sections, keep))
    for o in order:                                 # up to the target
        if len(body) >= target:
            break
        keep.add(o)
        longer = subst(render_body(c.sections, keep))
        if len(longer) > BODY_MAX:
            keep.discard(o)
        else:
            body = longer
    for add in PAD[c.kind]:                         # still short: pad
        if len(body) >= BODY_MIN:
            break
        c.sections[-1][1].append((add, False))
        body = subst(render_body(c.sections, keep))
    return body


def front_matter(c, names):
    L = ["---", "id: " + c.id, "title: " + ys(c.title), "status: " + c.kind,
         "unit: " + ys(c.unit), "category: " + ys(c.category)]
    if c.summary:
        L.append("summary: " + ys(c.summary))
    L += ["subject:", "  name: " + names[0],
          "  position: " + ys(c.position),
          '  id_number: "%s"' % c.id_number, '  phone: "%s"' % c.phone]
    if c.witnesses:
        L.append("witnesses:")
        for i, w in enumerate(c.witnesses):
            L.append("  - name: " + names[i + 1])
            L.append("    position: " + ys(w["position"]))
            if w["phone"]:
                L.append('    phone: "%s"' % w["phone"])
    if c.parties:
        L.append("third_parties:")
        for p in c.parties:
            L.append("  - name: " + ys(p["name"]))
            for k in ("credit_code", "phone", "email"):
                if k in p:
                    L.append('    %s: "%s"' % (k, p[k]))
    if c.kind == "closed":
        L.append("outcome: " + c.outcome)
        L.append("factors:")
        L += ["  %s: %s" % (k, ys(v)) for k, v in c.factors]
    L.append("procedure:")
    L += ["  - {step: %s, date: %s}" % (s, d.isoformat()) for s, d in c.steps]
    if c.kind != "withdrawn":
        L.append("third_party_review: " + ("true" if c.tpr else "false"))
    if c.kind == "closed":
        L.append("hearing: " + ("true" if c.hearing else "false"))
        L.append("decided: " + c.decided.isoformat())
    if c.kind in ("closed", "withdrawn"):
        L.append("published: " + c.published.isoformat())
    if c.kind == "withdrawn":
        L += ["withdrawn:", "  date: " + c.wdate.isoformat(),
              "  reason: " + ys(c.wreason)]
    if getattr(c, "revisions", None):
        L.append("revisions:")
        L += ["  - {date: %s, note: %s}" % (d.isoformat(), n)
              for d, n in c.revisions]
    L.append("---")
    return "\n".join(L) + "\n"


def random_day(rng, year, lo=None, hi=None):
    lo = lo or datetime.date(year, 1, 1)
    hi = hi or datetime.date(year, 12, 31)
    return lo + datetime.timedelta(days=rng.randrange((hi - lo).days + 1))


# Thirty more units of the county, for a portal of 40.
MORE_UNITS = [
    ("白沙镇人民政府", "baisha"), ("红岩镇人民政府", "hongyan"),
    ("金桥镇人民政府", "jinqiao"), ("梅岭乡人民政府", "meiling"),
    ("石桥乡人民政府", "shiqiao"), ("大坪镇人民政府", "daping"),
    ("河口镇人民政府", "hekou"), ("云台乡人民政府", "yuntai"),
    ("东关街道办事处", "dongguan"), ("西城街道办事处", "xicheng"),
    ("交通运输局", "jiaotong"), ("水利局", "shuili"), ("商务局", "shangwu"),
    ("文化和旅游局", "wenlv"), ("民政局", "minzheng"),
    ("人力资源和社会保障局", "renshe"), ("生态环境分局", "shengtai"),
    ("林业局", "linye"), ("应急管理局", "yingji"), ("统计局", "tongji"),
    ("医疗保障局", "yibao"), ("退役军人事务局", "tuiyi"),
    ("审计局", "shenji"), ("司法局", "sifa"), ("城市管理局", "chengguan"),
    ("乡村振兴局", "xiangzhen"), ("行政审批服务局", "shenpi"),
    ("公共资源交易中心", "jiaoyi"), ("供销合作社联合社", "gongxiao"),
    ("工业园区管理委员会", "yuanqu"),
]


def more_units(site):
    """site.yaml with thirty more units after its own."""
    lines = ["  - {name: %s%s, slug: %s}" % (COUNTY, name, slug)
             for name, slug in MORE_UNITS]
    return site.replace("\ncategories:\n", "\n" + "\n".join(lines) +
                        "\ncategories:\n", 1)


def hugo_page(c, names, body):
    """The case as Hugo content: what the portal publishes of it."""
    L = ["---", "title: " + ys(c.title),
         "date: " + (c.published if c.kind in ("closed", "withdrawn")
                     else c.steps[0][1]).isoformat(),
         "draft: %s" % ("true" if c.kind == "open" else "false"),
         "year: [\"%d\"]" % c.year, "unit: [%s]" % ys(c.unit),
         "category: [%s]" % ys(c.category)]
    if c.kind == "closed":
        L.append("outcome: [%s]" % c.outcome)
    if c.summary:
        L.append("summary: " + ys(c.summary))
    L += ["id: " + c.id, "status: " + c.kind,
          "subject: " + ys(names[0][0] + "某"),
          "position: " + ys(c.position)]
    if c.kind == "closed":
        L.append("decided: \"%s\"" % c.decided.isoformat())
        L.append("factors:")
        L += ["  - " + ys(v) for k, v in c.factors]
    L.append("steps:")
    L += ["  - {step: %s, date: \"%s\"}" % (s, d.isoformat())
          for s, d in c.steps]
    L.append("---")
    return "\n".join(L) + "\n" + body


def main(argv):
    if len(argv) not in (3, 4) or not argv[1].isdigit():
        sys.stderr.write("usage: gencorpus.py N OUTDIR [HUGODIR]\n")
        return 2
    n, outdir = int(argv[1]), argv[2]
    hugodir = argv[3] if len(argv) == 4 else None
    rng = random.Random(SEED)
    with open(os.path.join(CONTENT, "site.yaml"), encoding="utf-8") as fp:
        site = more_units(fp.read())
    # Feeds of 50 entries, as the Hugo site's (tests/bench/hugo's
    # rss limit), whatever the sample portal uses.
    site = re.sub(r"(?m)^feed_items: \d+$", "feed_items: 50", site)
    units = parse_terms(site, "units")
    cats = parse_terms(site, "categories")
    if not units or not cats:
        sys.stderr.write("gencorpus: no units or categories in site.yaml\n")
        return 1

    # Which records are withdrawn or open: about 1% each, at least one
    # of each in a corpus of 100 or more.
    special = max(1, round(n / 100)) if n >= 100 else 0
    idx = rng.sample(range(n), min(n, 2 * special))
    kinds = ["closed"] * n
    for i in idx[:special]:
        kinds[i] = "withdrawn"
    for i in idx[special:]:
        kinds[i] = "open"
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    weights = [1.0 + 0.12 * k for k in range(len(years))]   # more lately

    cases = []
    for i in range(n):
        kind = kinds[i]
        outcome = rng.choices(["exempted", "mitigated", "accountable"],
                              [0.45, 0.33, 0.22])[0]
        # every unit and every category early on, then at random
        unit = units[i % len(units)] if i < len(units) else rng.choice(units)
        category = cats[i % len(cats)] if i < len(cats) else rng.choice(cats)
        if kind == "open":
            when = random_day(rng, 2025, datetime.date(2025, 9, 1),
                              datetime.date(2025, 12, 20))
        elif i < len(years):
            when = random_day(rng, years[i])
        else:
            when = random_day(rng, rng.choices(years, weights)[0])
        c = build_case(rng, kind, outcome, unit, category, when)
        c.revisions = []
        if kind == "closed" and rng.random() < 0.2:
            k = 1 if rng.random() < 0.75 else 2
            days = (END - c.published).days
            ds = sorted(c.published + datetime.timedelta(
                days=min(days, rng.randint(3, 400))) for _ in range(k))
            notes = rng.sample(REV_NOTES, k)
            c.revisions = list(zip(ds, notes))
        c.order = i
        cases.append(c)

    # Number the cases of each year in the order of their dates.
    def key(c):
        d = c.decided if c.kind == "closed" else \
            c.published if c.kind == "withdrawn" else c.steps[0][1]
        return (d, c.order)
    seq = {}
    for c in sorted(cases, key=key):
        seq[c.year] = seq.get(c.year, 0) + 1
        c.seq = seq[c.year]
        c.id = "BM-%d-%05d" % (c.year, c.seq)

    os.makedirs(os.path.join(outdir, "cases"), exist_ok=True)
    shutil.copyfile(os.path.join(CONTENT, "policy.yaml"),
                    os.path.join(outdir, "policy.yaml"))
    with open(os.path.join(outdir, "site.yaml"), "w", encoding="utf-8",
              newline="\n") as fp:
        fp.write(site)
    if hugodir:
        os.makedirs(os.path.join(hugodir, "cases"), exist_ok=True)
    for c in cases:
        rng2 = random.Random("%d:%s" % (SEED, c.id))
        # text of the record without its people, to choose names that
        # occur nowhere else in it
        fm0 = front_matter(c, ["@S@"] + ["@W%d@" % i
                                          for i in range(len(c.witnesses))])
        raw = fm0 + render_body(c.sections, set(
            (t, i) for t, b in c.sections for i in range(len(b))))
        c.fixed_text = re.sub(r"@[A-Z0-9]+@", "|", raw) + \
            "|".join(PAD[c.kind])
        names = make_people(rng2, c)

        def subst(s, names=names, c=c):
            s = s.replace("@S@", names[0]).replace("@NO@", str(c.seq))
            for i in range(len(c.witnesses)):
                s = s.replace("@W%d@" % i, names[i + 1])
            return s
        body = fit_body(rng2, c, subst)
        # The subject's or a witness's number in about 40% of bodies, as
        # officers write them (redaction withholds them).
        if rng2.random() < 0.4:
            who = rng2.randrange(1 + len(c.witnesses))
            num = c.phone if who == 0 or not c.witnesses[who - 1]["phone"] \
                else c.witnesses[who - 1]["phone"]
            if rng2.random() < 0.3:
                body += "\n当事人身份证号码为%s，已核实。\n" % c.id_number
            else:
                body += "\n%s的联系电话为%s，已核实。\n" % (
                    names[who], num)
        d = os.path.join(outdir, "cases", str(c.year))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, c.id + ".md"), "w", encoding="utf-8",
                  newline="\n") as fp:
            fp.write(front_matter(c, names) + body)
        if hugodir:
            with open(os.path.join(hugodir, "cases", c.id + ".md"), "w",
                      encoding="utf-8", newline="\n") as fp:
                fp.write(hugo_page(c, names, body))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
