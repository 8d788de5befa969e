"""Synthetic but realistic Chinese government text for the benchmark data (deterministic per seed).

Sentences are built from a grammar of government phrases (subjects, actions, objects, measures,
figures, document titles) and mixed with clauses harvested from the real seed documents, so the
character-pair frequencies look like real replies: a few pairs (法治, 建设, 工作) everywhere, a long
tail of rare ones.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美淑惠珠翠雅芝玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛"
         "瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
         "斌浩波宇鹏辉建国文华志刚晓东海军振兴新民玉成德胜卫东红旗")
PLACES = ("湛河", "新华", "卫东", "石龙", "宝丰", "叶县", "鲁山", "郏县", "舞钢", "汝州", "中站", "解放", "山阳",
          "马村", "修武", "博爱", "武陟", "温县", "孟州", "沁阳")
TOWNS = ("曹镇乡", "北渡街道", "河滨街道", "九里山街道", "姚孟街道", "马庄街道", "轻工路街道", "南环路街道",
         "高阳街道", "荆山街道", "湛南街道", "光明路街道", "东高皇街道", "开发区", "五一路街道", "矿工路街道",
         "焦店镇", "诸葛庙街道", "西高皇街道", "新华路街道", "中兴路街道", "青石山街道", "光华路街道",
         "曙光街街道", "焦庄乡", "滍阳镇", "薛庄镇", "荆山街道", "西市场街道", "湛北乡")
UNITS = ("区司法局", "区公安分局", "区人社局", "区住建局", "区教体局", "区卫健委", "区民政局", "区市场监管局",
         "区城管局", "区自然资源分局", "区生态环境分局", "区财政局", "区发改委", "区应急管理局", "区农业农村局",
         "区信访局", "区政务服务中心", "区税务局", "区交通运输局", "区文广旅局", "区退役军人事务局", "区医保局")
SUBJECTS = ("我局", "区委区政府", "我区", "各乡（街道）", "区直各部门", "区法治政府建设领导小组", "司法所",
            "区委依法治区办", "各调解委员会", "区公共法律服务中心", "相关职能部门", "区政府各部门", "基层单位",
            "全区各级行政机关", "执法部门", "我局党组")
ACTIONS = ("加强", "推进", "落实", "完善", "深化", "健全", "规范", "强化", "持续推动", "扎实开展", "认真组织",
           "全面推行", "积极探索", "不断优化", "统筹推进", "严格落实", "稳步推进", "大力推进", "着力构建",
           "切实加强", "深入开展", "广泛开展", "积极推进", "进一步完善")
OBJECTS = ("法治政府建设", "依法行政", "矛盾纠纷排查化解", "公共法律服务体系", "人民调解工作", "行政执法三项制度",
           "重大行政决策程序", "规范性文件备案审查", "普法宣传教育", "法律援助工作", "社区矫正工作",
           "安置帮教工作", "行政复议体制改革", "法治乡村建设", "民主法治示范村创建", "诉源治理", "信访积案化解",
           "营商环境优化", "行政执法监督", "法律顾问制度", "领导干部学法用法", "“八五”普法规划",
           "基层社会治理", "网格化管理", "非诉讼纠纷解决机制", "公证服务", "律师队伍建设", "法治文化阵地建设",
           "政务公开", "“放管服”改革", "双随机一公开监管", "包容审慎监管", "合法性审查", "行政应诉工作",
           "调解员队伍建设", "访调对接", "诉调对接", "警调对接", "“枫桥经验”", "平安建设")
MEASURES = ("建立了长效机制", "制定了实施方案", "明确了责任分工", "开展了专项督查", "组织了业务培训",
            "召开了推进会议", "印发了工作要点", "完善了考核办法", "落实了经费保障", "配齐了工作力量",
            "建成了服务平台", "开通了热线电话", "设立了工作站点", "形成了工作闭环", "纳入了年度考核",
            "实现了全覆盖", "取得了明显成效", "得到了群众认可", "积累了有益经验", "提升了工作效能")
FOCUSES = ("以习近平法治思想为指导", "围绕全区中心工作", "坚持以人民为中心", "按照上级部署要求",
           "结合我区实际", "聚焦群众急难愁盼问题", "以创建全国法治政府建设示范市为契机", "坚持问题导向",
           "对照委员所提建议", "根据代表所提意见", "立足职能定位", "坚持和发展新时代“枫桥经验”")
CLOSINGS = ("下一步，我们将认真吸纳您的意见建议，持续推动相关工作落地见效。",
            "感谢您对司法行政工作的关心和支持，欢迎继续提出宝贵意见。",
            "我们将以此次办理为契机，进一步改进工作作风，提高办理质量。",
            "再次感谢您对我区法治建设工作的关注和支持！",
            "对于您提出的问题，我们将列入下一年度工作计划，逐步加以解决。")
DOC_KINDS = ("实施方案", "工作要点", "责任清单", "考核办法", "管理办法", "工作规则", "指导意见", "三年行动计划",
             "工作制度", "宣传方案", "督察考评方案")
NUMERALS = "一二三四五六七八九十"
TITLE_TOPICS = ("加强法治政府建设", "完善基层人民调解组织", "推进公共法律服务均等化", "加强社区矫正对象管理",
                "提升行政执法规范化水平", "加强农村法治宣传教育", "化解物业纠纷", "推进法律援助便民服务",
                "加强青少年法治教育", "优化法治化营商环境", "规范涉企行政检查", "加强老旧小区治理",
                "推进诉源治理", "建设法治文化公园", "加强调解员队伍建设", "完善信访工作机制",
                "解决农民工工资拖欠", "加强婚姻家庭纠纷预防", "推动“智慧司法”建设", "加强律师行业监管",
                "强化食品安全执法", "推进乡村振兴法治保障", "加强未成年人保护", "整治占道经营",
                "提升政务服务效率", "加强消防安全宣传", "规范物业服务收费", "完善养老服务体系",
                "推进垃圾分类", "加强交通安全管理")


def _seed_clauses() -> list:
    """Clauses of the real seed documents, cleaned of layout marks and spacing."""
    clauses = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        text = re.sub(r"[#*>\s]+", "", text)
        for piece in re.split(r"(?<=[，。；：！？])", text):
            if 6 <= len(piece) <= 60 and re.search(r"[\u4e00-\u9fff]{4}", piece):
                clauses.append(piece)
    return clauses


class TextGen:
    """Random government prose; every method draws from one seeded random.Random."""

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        self.clauses = _seed_clauses()

    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def doc_title(self) -> str:
        r = self.rng
        return f"《{r.choice(PLACES)}区{r.choice(OBJECTS).strip('“”')}{r.choice(DOC_KINDS)}》"

    def sentence(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.35 and self.clauses:
            return "".join(r.choice(self.clauses) for _ in range(r.randint(1, 3))).rstrip("，；：。") + "。"
        if roll < 0.55:
            return (f"{r.choice(FOCUSES)}，{r.choice(SUBJECTS)}{r.choice(ACTIONS)}{r.choice(OBJECTS)}，"
                    f"{r.choice(MEASURES)}。")
        if roll < 0.7:
            return (f"{r.randint(2015, 2025)}年以来，{r.choice(SUBJECTS)}先后出台了{self.doc_title()}"
                    f"{self.doc_title()}等制度文件，{r.choice(MEASURES)}。")
        if roll < 0.85:
            n = r.randint(3, 900)
            return (f"全年共{r.choice(('受理', '办理', '排查', '化解', '培训', '走访'))}"
                    f"{r.choice(OBJECTS)}相关事项{n}件（次），{r.choice(('同比增长', '同比下降', '完成率达'))}"
                    f"{r.randint(1, 99)}.{r.randint(0, 9)}%，{r.choice(MEASURES)}。")
        return (f"{r.choice(TOWNS)}{r.choice(ACTIONS)}{r.choice(OBJECTS)}，{r.choice(ACTIONS)}"
                f"{r.choice(OBJECTS)}，{r.choice(MEASURES)}，{r.choice(MEASURES)}。")

    def paragraph(self, target: int) -> str:
        parts, size = [], 0
        while size < target:
            s = self.sentence()
            parts.append(s)
            size += len(s)
        return "".join(parts)

    def reply_body(self, length: int) -> str:
        """A reply body of about `length` characters with 一、/（一） headings, one paragraph a line."""
        r = self.rng
        lines, size, section = [], 0, 0
        while size < length - 80:
            if section < 9 and (not lines or r.random() < 0.18):
                head = f"{NUMERALS[section]}、关于“{r.choice(TITLE_TOPICS)}”的问题"
                section += 1
                sub = 0
                lines.append(head)
                size += len(head)
                continue
            para = self.paragraph(r.randint(120, 420))
            if sub < 9 and r.random() < 0.4:
                para = f"（{NUMERALS[sub]}）{r.choice(ACTIONS)}{r.choice(OBJECTS)}。" + para
                sub += 1
            lines.append(para)
            size += len(para)
        lines.append(r.choice(CLOSINGS))
        return "\n".join(lines)

    def facts(self, dispute: str) -> str:
        r = self.rng
        a, b = self.name(), self.name()
        story = (f"申请人{a}与被申请人{b}系{r.choice(('邻居', '夫妻', '同事', '雇佣关系', '买卖关系', '租赁关系'))}，"
                 f"{r.randint(2010, 2025)}年{r.randint(1, 12)}月因{dispute}问题发生纠纷，"
                 f"涉及金额{r.randint(1, 500) * 100}元，双方多次协商未果。")
        return story + self.paragraph(r.randint(150, 700))

    def body_length(self) -> int:
        """Reply lengths: typically 1,500-4,000 characters, a tail up to ~9,500 (seed 000)."""
        value = int(self.rng.lognormvariate(7.85, 0.38))
        return max(800, min(value, 9500))
