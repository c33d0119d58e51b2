"""Fixed vocabularies of the synthetic market, in English and Chinese.

Codes (short English identifiers) are what the tables store; the labels for
people come from :mod:`crmsim.i18n`, registered here. Every vocabulary is a
tuple so that the order, and hence every seeded draw, is stable.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from .. import i18n

# --- regions and cities -----------------------------------------------------
# China's seven conventional regions plus three international markets.
REGIONS = (
    ("east", "East China", "华东"),
    ("north", "North China", "华北"),
    ("central", "Central China", "华中"),
    ("south", "South China", "华南"),
    ("southwest", "Southwest China", "西南"),
    ("northwest", "Northwest China", "西北"),
    ("northeast", "Northeast China", "东北"),
    ("southeast_asia", "Southeast Asia", "东南亚"),
    ("europe", "Europe", "欧洲"),
    ("north_america", "North America", "北美"),
)
REGION_CODES = tuple(r[0] for r in REGIONS)
DOMESTIC_REGIONS = REGION_CODES[:7]
INTERNATIONAL_REGIONS = REGION_CODES[7:]
# Relative number of customers per domestic region (more business in the east and south).
DOMESTIC_WEIGHTS = (0.30, 0.17, 0.13, 0.18, 0.10, 0.06, 0.06)
# Price-oriented buyers are commoner in less developed regions (domain.md §1):
# probabilities of (price, value, composite) orientation per region.
ORIENTATION_BY_REGION = {
    "east": (0.30, 0.40, 0.30),
    "north": (0.35, 0.35, 0.30),
    "central": (0.45, 0.30, 0.25),
    "south": (0.30, 0.40, 0.30),
    "southwest": (0.55, 0.25, 0.20),
    "northwest": (0.60, 0.20, 0.20),
    "northeast": (0.50, 0.25, 0.25),
    "southeast_asia": (0.45, 0.30, 0.25),
    "europe": (0.20, 0.50, 0.30),
    "north_america": (0.20, 0.50, 0.30),
}

CITIES = {
    "east": (("Shanghai", "上海"), ("Hangzhou", "杭州"), ("Nanjing", "南京"), ("Suzhou", "苏州"),
             ("Ningbo", "宁波"), ("Hefei", "合肥"), ("Jinan", "济南"), ("Qingdao", "青岛"),
             ("Xiamen", "厦门"), ("Fuzhou", "福州")),
    "north": (("Beijing", "北京"), ("Tianjin", "天津"), ("Shijiazhuang", "石家庄"), ("Taiyuan", "太原"),
              ("Hohhot", "呼和浩特")),
    "central": (("Wuhan", "武汉"), ("Changsha", "长沙"), ("Zhengzhou", "郑州"), ("Nanchang", "南昌")),
    "south": (("Guangzhou", "广州"), ("Shenzhen", "深圳"), ("Dongguan", "东莞"), ("Foshan", "佛山"),
              ("Nanning", "南宁"), ("Haikou", "海口")),
    "southwest": (("Chengdu", "成都"), ("Chongqing", "重庆"), ("Kunming", "昆明"), ("Guiyang", "贵阳")),
    "northwest": (("Xi'an", "西安"), ("Lanzhou", "兰州"), ("Urumqi", "乌鲁木齐"), ("Yinchuan", "银川"),
                  ("Xining", "西宁")),
    "northeast": (("Shenyang", "沈阳"), ("Dalian", "大连"), ("Harbin", "哈尔滨"), ("Changchun", "长春")),
    "southeast_asia": (("Singapore", "新加坡"), ("Kuala Lumpur", "吉隆坡"), ("Bangkok", "曼谷"),
                       ("Ho Chi Minh City", "胡志明市")),
    "europe": (("Hamburg", "汉堡"), ("Milan", "米兰"), ("Rotterdam", "鹿特丹")),
    "north_america": (("Los Angeles", "洛杉矶"), ("Toronto", "多伦多"), ("Chicago", "芝加哥")),
}
CITY_CODES = tuple(en for region in REGION_CODES for en, _ in CITIES[region])
CITY_REGION = tuple(region for region in REGION_CODES for _ in CITIES[region])

# --- industries ----------------------------------------------------------------
# code, en label, zh label, en name word, zh name word, share of customers,
# typical spend on our category as a share of revenue, asset turnover.
INDUSTRIES = (
    ("manufacturing", "Manufacturing", "制造业", "Machinery", "机械", 0.24, 0.020, 1.0),
    ("electronics", "Electronics", "电子", "Electronics", "电子", 0.12, 0.018, 1.1),
    ("it_services", "IT services", "信息技术服务", "Technology", "科技", 0.10, 0.030, 1.3),
    ("retail", "Retail and wholesale", "批发零售", "Trading", "商贸", 0.12, 0.008, 2.0),
    ("construction", "Construction", "建筑", "Construction", "建设", 0.09, 0.012, 0.8),
    ("logistics", "Logistics", "物流", "Logistics", "物流", 0.08, 0.015, 1.2),
    ("healthcare", "Healthcare", "医疗健康", "Medical", "医疗", 0.07, 0.022, 0.9),
    ("energy", "Energy", "能源", "Energy", "能源", 0.06, 0.010, 0.5),
    ("food", "Food and beverage", "食品饮料", "Foods", "食品", 0.08, 0.009, 1.6),
    ("chemicals", "Chemicals", "化工", "Chemical", "化工", 0.04, 0.014, 0.9),
)
INDUSTRY_CODES = tuple(row[0] for row in INDUSTRIES)
INDUSTRY_SHARES = np.array([row[5] for row in INDUSTRIES])
INDUSTRY_SPEND_SHARE = np.array([row[6] for row in INDUSTRIES])
INDUSTRY_ASSET_TURNOVER = np.array([row[7] for row in INDUSTRIES])
# Industries with more room to grow get a higher growth potential on average.
INDUSTRY_GROWTH = np.array([0.0, 0.3, 0.5, -0.1, -0.3, 0.1, 0.4, 0.2, -0.1, -0.2])

# --- size tiers -------------------------------------------------------------------
# code, en, zh, share of customers, revenue range in CNY million (log-uniform).
SIZE_TIERS = (
    ("small", "Small", "小型", 0.50, 5.0, 50.0),
    ("medium", "Medium", "中型", 0.30, 50.0, 400.0),
    ("large", "Large", "大型", 0.15, 400.0, 3_000.0),
    ("very_large", "Very large", "特大型", 0.05, 3_000.0, 30_000.0),
)
SIZE_CODES = tuple(row[0] for row in SIZE_TIERS)

VALUE_ORIENTATIONS = (
    ("price", "Price-oriented", "价格取向型"),
    ("value", "Value-oriented", "价值取向型"),
    ("composite", "Composite-value", "复合价值型"),
)
ORIENTATION_CODES = tuple(row[0] for row in VALUE_ORIENTATIONS)

SEGMENTS = (
    ("ordinary", "Ordinary customer", "普通客户"),
    ("economic", "Economic key account", "经济大客户"),
    ("group", "Group account", "集团客户"),
    ("strategic", "Strategic account", "战略客户"),
    ("important", "Important account", "重要客户"),
)
SEGMENT_CODES = tuple(row[0] for row in SEGMENTS)

# --- company names ------------------------------------------------------------------
# Two-syllable trade names are built from a first and a second syllable.
NAME_FIRST = (
    ("Hua", "华"), ("Rui", "瑞"), ("Heng", "恒"), ("Jin", "金"), ("Hong", "宏"), ("Xin", "新"),
    ("Sheng", "盛"), ("Jia", "嘉"), ("Tian", "天"), ("Yong", "永"), ("Ding", "鼎"), ("Tai", "泰"),
    ("An", "安"), ("Bo", "博"), ("Zhong", "中"), ("Dong", "东"), ("Yuan", "远"), ("Hai", "海"),
    ("Chang", "长"), ("Yu", "宇"), ("Kai", "凯"), ("Wan", "万"), ("Fu", "富"), ("Guang", "光"),
    ("Ming", "明"), ("Run", "润"), ("Xiang", "祥"), ("Feng", "峰"), ("Cheng", "承"), ("Lan", "蓝"),
)
NAME_SECOND = (
    ("feng", "丰"), ("da", "达"), ("xin", "信"), ("yuan", "源"), ("tong", "通"), ("li", "利"),
    ("cheng", "成"), ("sheng", "晟"), ("chuang", "创"), ("ke", "科"), ("lian", "联"), ("de", "德"),
    ("long", "隆"), ("xing", "兴"), ("yao", "耀"), ("wei", "威"), ("he", "合"), ("rui", "锐"),
    ("bang", "邦"), ("hui", "辉"), ("tai", "泰"), ("jie", "捷"), ("neng", "能"), ("pu", "普"),
    ("qi", "启"), ("shun", "顺"), ("yang", "扬"), ("zhi", "智"), ("hao", "昊"), ("fa", "发"),
)
N_TRADE_NAMES = len(NAME_FIRST) * len(NAME_SECOND)
# Legal form by size tier: small and medium firms are limited companies,
# large ones joint-stock, very large ones groups.
LEGAL_FORMS = (("Co., Ltd.", "有限公司"), ("Co., Ltd.", "有限公司"),
               ("Corp., Ltd.", "股份有限公司"), ("Group Co., Ltd.", "集团有限公司"))

# --- people -------------------------------------------------------------------------
SURNAMES = (
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
    ("Huang", "黄"), ("Zhao", "赵"), ("Wu", "吴"), ("Zhou", "周"), ("Xu", "徐"), ("Sun", "孙"),
    ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"), ("Guo", "郭"), ("He", "何"), ("Lin", "林"),
    ("Gao", "高"), ("Luo", "罗"), ("Zheng", "郑"), ("Liang", "梁"), ("Xie", "谢"), ("Song", "宋"),
    ("Tang", "唐"), ("Han", "韩"), ("Feng", "冯"), ("Deng", "邓"), ("Cao", "曹"), ("Peng", "彭"),
)
GIVEN_FIRST = (
    ("Xiao", "晓"), ("Jian", "建"), ("Hai", "海"), ("Li", "丽"), ("Zhi", "志"), ("Wen", "文"),
    ("Yu", "雨"), ("Jun", "俊"), ("Hong", "红"), ("Ming", "明"), ("Jing", "静"), ("Guo", "国"),
    ("Xue", "雪"), ("Hao", "浩"), ("Si", "思"), ("Yi", "一"),
)
GIVEN_SECOND = (
    ("ming", "明"), ("hua", "华"), ("jun", "军"), ("ping", "平"), ("yan", "燕"), ("qiang", "强"),
    ("lin", "琳"), ("tao", "涛"), ("fang", "芳"), ("bo", "波"), ("lei", "磊"), ("na", "娜"),
    ("wei", "伟"), ("yu", "宇"), ("jie", "杰"), ("min", "敏"),
)

BUYING_ROLES = (
    ("decision_maker", "Decision maker", "决策者"),
    ("influencer", "Influencer", "影响者"),
    ("user", "User", "使用者"),
    ("gatekeeper", "Gatekeeper", "把关者"),
)
ROLE_CODES = tuple(row[0] for row in BUYING_ROLES)
TITLES = (
    # code, en, zh, role it goes with
    ("general_manager", "General manager", "总经理", "decision_maker"),
    ("vice_president", "Vice president", "副总裁", "decision_maker"),
    ("technical_director", "Technical director", "技术总监", "influencer"),
    ("finance_manager", "Finance manager", "财务经理", "influencer"),
    ("project_manager", "Project manager", "项目经理", "influencer"),
    ("engineer", "Engineer", "工程师", "user"),
    ("workshop_head", "Workshop head", "车间主任", "user"),
    ("procurement_manager", "Procurement manager", "采购经理", "gatekeeper"),
    ("office_assistant", "Office assistant", "办公室助理", "gatekeeper"),
)
TITLE_CODES = tuple(row[0] for row in TITLES)
INTERESTS = (
    ("tea", "Tea", "品茶"), ("golf", "Golf", "高尔夫"), ("reading", "Reading", "读书"),
    ("fishing", "Fishing", "钓鱼"), ("calligraphy", "Calligraphy", "书法"), ("travel", "Travel", "旅行"),
    ("football", "Football", "足球"), ("photography", "Photography", "摄影"),
    ("running", "Running", "跑步"), ("music", "Music", "音乐"),
)
INTEREST_CODES = tuple(row[0] for row in INTERESTS)

# --- products ------------------------------------------------------------------------
# code, en, zh, gross margin range, list price range (CNY thousand, log-uniform)
PRODUCT_LINES = (
    ("equipment", "Equipment", "设备", (0.15, 0.30), (80.0, 1_500.0)),
    ("spare_parts", "Spare parts", "备件", (0.30, 0.50), (1.0, 40.0)),
    ("consumables", "Consumables", "耗材", (0.25, 0.40), (0.5, 10.0)),
    ("software", "Software", "软件", (0.60, 0.85), (20.0, 400.0)),
    ("services", "Services", "服务", (0.35, 0.60), (10.0, 200.0)),
)
LINE_CODES = tuple(row[0] for row in PRODUCT_LINES)
PRODUCT_NOUNS = {
    "equipment": (("Press", "压力机"), ("Conveyor", "输送线"), ("Controller", "控制柜"), ("Sensor array", "传感器阵列"),
                  ("Packing unit", "包装机组")),
    "spare_parts": (("Bearing kit", "轴承套件"), ("Valve set", "阀门组件"), ("Motor", "电机"), ("Gear box", "齿轮箱")),
    "consumables": (("Filter", "滤芯"), ("Lubricant", "润滑油"), ("Labels", "标签"), ("Cleaning kit", "清洁套装")),
    "software": (("MES licence", "MES授权"), ("Monitoring suite", "监控软件"), ("Analytics module", "分析模块")),
    "services": (("Installation", "安装服务"), ("Maintenance plan", "维保计划"), ("Training", "培训服务"),
                 ("Consulting", "咨询服务")),
}


def _register_labels() -> None:
    entries: dict[str, tuple[str, str]] = {}
    for code, en, zh in REGIONS:
        entries[f"region.{code}"] = (en, zh)
    for region in REGION_CODES:
        for en, zh in CITIES[region]:
            entries[f"city.{en}"] = (en, zh)
    for row in INDUSTRIES:
        entries[f"industry.{row[0]}"] = (row[1], row[2])
    for row in SIZE_TIERS:
        entries[f"size_tier.{row[0]}"] = (row[1], row[2])
    for kind, rows in (("value_orientation", VALUE_ORIENTATIONS), ("segment", SEGMENTS),
                       ("role", BUYING_ROLES), ("interest", INTERESTS)):
        for code, en, zh in rows:
            entries[f"{kind}.{code}"] = (en, zh)
    for code, en, zh, _ in TITLES:
        entries[f"title.{code}"] = (en, zh)
    for row in PRODUCT_LINES:
        entries[f"product_line.{row[0]}"] = (row[1], row[2])
    i18n.register(entries)


_register_labels()


# --- categorical dtypes (built once per process) ---------------------------------------
@cache
def category(codes: tuple[str, ...], ordered: bool = False) -> pd.CategoricalDtype:
    """A categorical dtype over a fixed vocabulary of codes (built once per vocabulary)."""
    return pd.CategoricalDtype(list(codes), ordered=ordered)


@cache
def trade_name_dtypes() -> tuple[pd.CategoricalDtype, pd.CategoricalDtype]:
    """Categorical dtypes of every possible company name, English and Chinese.

    A name is trade name + industry word + legal form. Enumerating the
    vocabulary once lets a world of any size store names as integer codes,
    which is what makes generating a million customers fast.
    Codes are ``((first * len(NAME_SECOND) + second) * n_industries + industry) * n_forms + form``.
    """
    en, zh = [], []
    for f_en, f_zh in NAME_FIRST:
        for s_en, s_zh in NAME_SECOND:
            for row in INDUSTRIES:
                for form_en, form_zh in dict.fromkeys(LEGAL_FORMS):
                    en.append(f"{f_en}{s_en} {row[3]} {form_en}")
                    zh.append(f"{f_zh}{s_zh}{row[4]}{form_zh}")
    return pd.CategoricalDtype(en), pd.CategoricalDtype(zh)


N_LEGAL_FORMS = len(dict.fromkeys(LEGAL_FORMS))
# Size tier -> position of its legal form in the de-duplicated list.
LEGAL_FORM_OF_TIER = np.array([list(dict.fromkeys(LEGAL_FORMS)).index(f) for f in LEGAL_FORMS])


@cache
def person_name_dtypes() -> tuple[pd.CategoricalDtype, pd.CategoricalDtype]:
    """Categorical dtypes of every possible person name (pinyin and Chinese).

    Codes are ``(surname * len(GIVEN_FIRST) + first) * len(GIVEN_SECOND) + second``.
    """
    en, zh = [], []
    for sur_en, sur_zh in SURNAMES:
        for g1_en, g1_zh in GIVEN_FIRST:
            for g2_en, g2_zh in GIVEN_SECOND:
                en.append(f"{sur_en} {g1_en}{g2_en}")
                zh.append(f"{sur_zh}{g1_zh}{g2_zh}")
    return pd.CategoricalDtype(en), pd.CategoricalDtype(zh)


N_PERSON_NAMES = len(SURNAMES) * len(GIVEN_FIRST) * len(GIVEN_SECOND)
