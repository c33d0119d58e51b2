"""The documented columns and dtypes of every world table.

This is the single source for: the data dictionary (``crmsim.describe`` and
the Excel export's dictionary sheet), translated headers, restoring dtypes
when exported files are read back, and the tests that check every table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import i18n
from . import vocab
from .orders import STATUS_CODES
from .reps import TERRITORY_CODES


@dataclass(frozen=True)
class Column:
    """One documented column.

    Attributes
    ----------
    name : str
        Column name in the DataFrame (always English snake_case).
    dtype : str
        pandas dtype: ``int16``/``int32``/``int64``, ``float64``, ``bool``,
        ``datetime64[ns]``, ``str`` or ``category``.
    header_en, header_zh : str
        Header in exported files and plots.
    doc_en, doc_zh : str
        What the column means, with its unit.
    kind : str, optional
        For categories: the vocabulary whose labels translate the values
        (e.g. ``"region"``); ``"name"`` for names, whose values already
        exist in both languages and are never translated.
    """

    name: str
    dtype: str
    header_en: str
    header_zh: str
    doc_en: str
    doc_zh: str
    kind: str | None = None


C = Column
TABLES: dict[str, tuple[Column, ...]] = {
    "customers": (
        C("customer_id", "int32", "Customer ID", "客户编号", "Key of the customer, 1..n.", "客户的唯一编号，从1开始。"),
        C("name_en", "category", "Name (English)", "英文名称", "Company name in English.", "公司英文名称。", "name"),
        C("name_zh", "category", "Name (Chinese)", "中文名称", "Company name in Chinese.", "公司中文名称。", "name"),
        C("industry", "category", "Industry", "行业", "Industry of the firm.", "所属行业。", "industry"),
        C("region", "category", "Region", "地区", "One of China's seven regions or an international market.",
          "中国七大地区之一，或国际市场。", "region"),
        C("city", "category", "City", "城市", "City of the head office.", "总部所在城市。", "city"),
        C("size_tier", "category", "Size tier", "规模等级", "Small / medium / large / very large, by revenue (ordered).",
          "按营业收入划分的规模：小型、中型、大型、特大型（有序）。", "size_tier"),
        C("annual_revenue", "float64", "Annual revenue (CNY m)", "年营业收入（百万元）",
          "The firm's own revenue in the latest fiscal year, CNY million.", "客户自身最近一个财年的营业收入，单位百万元。"),
        C("employees", "int32", "Employees", "员工人数", "Number of employees.", "员工人数。"),
        C("years_in_business", "int16", "Years in business", "经营年限", "Years since the firm was founded.", "成立至今的年数。"),
        C("value_orientation", "category", "Value orientation", "价值取向",
          "Price-oriented, value-oriented or composite-value buyer.", "价格取向型、价值取向型或复合价值型。", "value_orientation"),
        C("segment", "category", "Segment", "客户类别",
          "Ordinary customer or one of four kinds of key account (economic, group, strategic, important).",
          "普通客户，或四类大客户之一（经济、集团、战略、重要）。", "segment"),
        C("rep_id", "int32", "Rep ID", "销售代表编号", "The sales rep who looks after the customer.", "负责该客户的销售代表。"),
        C("customer_since", "datetime64[ns]", "Customer since", "成为客户日期",
          "Day the trading relationship began; on or after the history start means won during the history.",
          "开始交易的日期；在历史期开始之后的为期内新开发客户。"),
        C("true_payment_reliability", "float64", "True payment reliability", "真实付款可靠性",
          "Hidden: probability of paying an invoice on time (0-1). Not visible to the seller in real life.",
          "隐藏特征：按时付款的概率（0-1），现实中卖方无法直接观察。"),
        C("true_growth_potential", "float64", "True growth potential", "真实成长潜力",
          "Hidden: how much the customer can grow (0-1).", "隐藏特征：客户的成长空间（0-1）。"),
        C("true_price_sensitivity", "float64", "True price sensitivity", "真实价格敏感度",
          "Hidden: how strongly price drives the customer's choices (0-1).", "隐藏特征：价格对客户决策的影响程度（0-1）。"),
        C("true_loyalty_propensity", "float64", "True loyalty propensity", "真实忠诚倾向",
          "Hidden: tendency to stay and repeat-buy (0-1).", "隐藏特征：持续重复购买的倾向（0-1）。"),
        C("true_wallet", "float64", "True category spend (CNY m)", "真实品类采购额（百万元）",
          "Hidden: what the customer spends a year on products like ours, from all suppliers, CNY million.",
          "隐藏特征：客户每年在同类产品上的总采购额（含所有供应商），单位百万元。"),
        C("true_share_of_wallet", "float64", "True share of wallet", "真实钱包份额",
          "Hidden: share of that spend that comes to us (0-1).", "隐藏特征：其中流向我方的比例（0-1）。"),
        C("true_purchase_rate", "float64", "True purchase rate (orders/month)", "真实购买频率（单/月）",
          "Hidden: orders per month while the customer is active.", "隐藏特征：活跃期间每月下单次数。"),
        C("true_dropout_prob", "float64", "True dropout probability", "真实流失概率",
          "Hidden: probability of leaving for good at the start and after each purchase (modified BG/NBD, MBG/NBD); "
          "yearly retention is exp(-12 x rate x this).",
          "隐藏特征：起始时及每次购买后永久流失的概率（修正BG/NBD模型，MBG/NBD）；年保留率为exp(-12×购买频率×该概率)。"),
    ),
    "contacts": (
        C("contact_id", "int64", "Contact ID", "联系人编号", "Key: customer_id * 100 + n.", "联系人编号：客户编号×100+序号。"),
        C("customer_id", "int32", "Customer ID", "客户编号", "The customer the person works for.", "联系人所在客户。"),
        C("name_en", "category", "Name (pinyin)", "姓名（拼音）", "Name in pinyin.", "姓名拼音。", "name"),
        C("name_zh", "category", "Name (Chinese)", "姓名", "Name in Chinese.", "中文姓名。", "name"),
        C("title", "category", "Job title", "职务", "Job title.", "职务。", "title"),
        C("role", "category", "Buying role", "采购角色", "Role in the buying centre.", "在采购中心中的角色。", "role"),
        C("is_coach", "bool", "Coach", "教练（内线）",
          "Whether the person acts as our coach: gives information and advice on how to position.",
          "是否为我方教练（内线）：提供信息并指点如何定位。"),
        C("influence", "float64", "Influence", "影响力", "Weight in the buying decision (0-1).", "对采购决策的影响力（0-1）。"),
        C("attitude", "float64", "Attitude to us", "对我方态度", "From -1 (opposed) to +1 (supportive).", "从-1（反对）到+1（支持）。"),
        C("birthday", "datetime64[ns]", "Birthday", "生日", "An important date kept in the customer file.", "客户档案中记录的重要日期。"),
        C("interest", "category", "Interest", "兴趣爱好", "Main hobby, for customer care.", "主要爱好，用于客户关怀。", "interest"),
        C("receives_mail", "bool", "Receives mail", "接收邮件", "Agreed to receive mailings.", "同意接收邮寄资料。"),
        C("receives_sms", "bool", "Receives SMS", "接收短信", "Agreed to receive text messages.", "同意接收短信。"),
    ),
    "financials": (
        C("customer_id", "int32", "Customer ID", "客户编号", "The customer.", "客户编号。"),
        C("fiscal_year", "int16", "Fiscal year", "财年", "Year of the statement.", "报表年度。"),
        C("revenue", "float64", "Revenue (CNY m)", "营业收入（百万元）", "Sales of the year.", "全年营业收入。"),
        C("cost_of_sales", "float64", "Cost of sales (CNY m)", "营业成本（百万元）", "Cost of the goods sold.", "营业成本。"),
        C("net_profit", "float64", "Net profit (CNY m)", "净利润（百万元）", "Profit after all costs and tax.", "扣除全部成本和税后的利润。"),
        C("operating_cash_flow", "float64", "Operating cash flow (CNY m)", "经营现金流（百万元）",
          "Net cash from operations.", "经营活动产生的现金流量净额。"),
        C("current_assets", "float64", "Current assets (CNY m)", "流动资产（百万元）", "At year end.", "年末流动资产。"),
        C("current_liabilities", "float64", "Current liabilities (CNY m)", "流动负债（百万元）", "At year end.", "年末流动负债。"),
        C("total_assets", "float64", "Total assets (CNY m)", "资产总额（百万元）", "At year end.", "年末资产总额。"),
        C("total_liabilities", "float64", "Total liabilities (CNY m)", "负债总额（百万元）", "At year end.", "年末负债总额。"),
        C("accounts_receivable", "float64", "Accounts receivable (CNY m)", "应收账款（百万元）",
          "Average over the year.", "年内平均应收账款。"),
    ),
    "reps": (
        C("rep_id", "int32", "Rep ID", "销售代表编号", "Key of the rep.", "销售代表编号。"),
        C("name_en", "category", "Name (pinyin)", "姓名（拼音）", "Name in pinyin.", "姓名拼音。", "name"),
        C("name_zh", "category", "Name (Chinese)", "姓名", "Name in Chinese.", "中文姓名。", "name"),
        C("territory", "category", "Territory", "负责区域", "Domestic region, or all international markets.",
          "负责的国内地区，或全部国际市场。", "territory"),
        C("years_experience", "int16", "Years of experience", "从业年限", "Years in sales.", "从事销售的年数。"),
        C("prospecting_skill", "float64", "Prospecting skill", "开发新客户能力",
          "Skill at developing new customers, market breadth (0-1).", "开发新客户（市场广度）的能力（0-1）。"),
        C("retention_skill", "float64", "Retention skill", "保持老客户能力",
          "Skill at keeping existing customers, market depth (0-1).", "保住现有客户（市场深度）的能力（0-1）。"),
    ),
    "products": (
        C("product_id", "int32", "Product ID", "产品编号", "Key of the product.", "产品编号。"),
        C("name_en", "str", "Product (English)", "产品英文名", "Product name in English.", "产品英文名称。", "name"),
        C("name_zh", "str", "Product (Chinese)", "产品名称", "Product name in Chinese.", "产品中文名称。", "name"),
        C("product_line", "category", "Product line", "产品线", "Line the product belongs to.", "所属产品线。", "product_line"),
        C("list_price", "float64", "List price (CNY)", "标价（元）", "Price per unit before discount.", "折扣前单价。"),
        C("unit_cost", "float64", "Unit cost (CNY)", "单位成本（元）", "Our cost per unit.", "我方单位成本。"),
    ),
    "orders": (
        C("order_id", "int64", "Order ID", "订单编号", "Key: customer_id * 10,000 + n-th order.", "订单编号：客户编号×10000+第n单。"),
        C("customer_id", "int32", "Customer ID", "客户编号", "Who ordered.", "下单客户。"),
        C("rep_id", "int32", "Rep ID", "销售代表编号", "The customer's rep.", "该客户的销售代表。"),
        C("order_date", "datetime64[ns]", "Order date", "下单日期", "Day of the order.", "下单日期。"),
        C("product_id", "int32", "Product ID", "产品编号", "What was ordered.", "订购的产品。"),
        C("product_line", "category", "Product line", "产品线", "Line of the product.", "产品所属产品线。", "product_line"),
        C("quantity", "int32", "Quantity", "数量", "Units ordered.", "订购数量。"),
        C("list_price", "float64", "List price (CNY)", "标价（元）", "Unit list price.", "单位标价。"),
        C("discount", "float64", "Discount", "折扣率", "Share off the list price (0-0.35).", "相对标价的折扣比例（0-0.35）。"),
        C("unit_price", "float64", "Unit price (CNY)", "成交单价（元）", "Price per unit after discount.", "折扣后单价。"),
        C("revenue", "float64", "Revenue (CNY)", "销售额（元）", "quantity x unit_price.", "数量×成交单价。"),
        C("cost", "float64", "Cost (CNY)", "成本（元）", "quantity x unit cost.", "数量×单位成本。"),
        C("gross_margin", "float64", "Gross margin (CNY)", "毛利（元）", "revenue - cost.", "销售额-成本。"),
        C("payment_terms_days", "int16", "Payment terms (days)", "信用期（天）",
          "Days allowed to pay: 30 for ordinary customers, 60 for key accounts.", "允许的付款天数：普通客户30天，大客户60天。"),
        C("due_date", "datetime64[ns]", "Due date", "到期日", "order_date + payment terms.", "下单日期+信用期。"),
        C("paid_date", "datetime64[ns]", "Paid date", "付款日期", "Day paid; empty if not paid by the world's today.",
          "付款日期；截至当前未付款则为空。"),
        C("days_to_pay", "float64", "Days to pay", "付款天数", "paid_date - order_date in days; empty if unpaid.",
          "付款日期与下单日期相差天数；未付款为空。"),
        C("status", "category", "Payment status", "付款状态",
          f"paid, open (not yet paid) or written_off (unpaid {180} days after due: bad debt).",
          "已付、未付（尚未付款）或已核销（逾期180天仍未付，计为坏账）。", "status"),
    ),
}

i18n.register({f"territory.{code}": (i18n.t(f"region.{code}", "en"), i18n.t(f"region.{code}", "zh"))
               for code in vocab.DOMESTIC_REGIONS})
i18n.register({
    "territory.international": ("International", "国际市场"),
    "status.paid": ("Paid", "已付"),
    "status.open": ("Open", "未付"),
    "status.written_off": ("Written off", "已核销"),
})
for _table, _columns in TABLES.items():
    i18n.register({f"column.{_table}.{c.name}": (c.header_en, c.header_zh) for c in _columns})
    i18n.register({f"column_doc.{_table}.{c.name}": (c.doc_en, c.doc_zh) for c in _columns})

# The vocabulary of each categorical kind, in category order.
CATEGORY_CODES: dict[str, tuple[str, ...]] = {
    "industry": vocab.INDUSTRY_CODES,
    "region": vocab.REGION_CODES,
    "city": vocab.CITY_CODES,
    "size_tier": vocab.SIZE_CODES,
    "value_orientation": vocab.ORIENTATION_CODES,
    "segment": vocab.SEGMENT_CODES,
    "title": vocab.TITLE_CODES,
    "role": vocab.ROLE_CODES,
    "interest": vocab.INTEREST_CODES,
    "territory": TERRITORY_CODES,
    "product_line": vocab.LINE_CODES,
    "status": STATUS_CODES,
}
_NAME_DTYPES = {
    ("customers", "name_en"): lambda: vocab.trade_name_dtypes()[0],
    ("customers", "name_zh"): lambda: vocab.trade_name_dtypes()[1],
    ("contacts", "name_en"): lambda: vocab.person_name_dtypes()[0],
    ("contacts", "name_zh"): lambda: vocab.person_name_dtypes()[1],
    ("reps", "name_en"): lambda: vocab.person_name_dtypes()[0],
    ("reps", "name_zh"): lambda: vocab.person_name_dtypes()[1],
}


def column_dtype(table: str, column: Column):
    """The exact pandas dtype of a column (categoricals with their full vocabulary)."""
    if column.dtype != "category":
        return pd.StringDtype("pyarrow", na_value=float("nan")) if column.dtype == "str" else column.dtype
    if column.kind == "name":
        return _NAME_DTYPES[(table, column.name)]()
    return vocab.category(CATEGORY_CODES[column.kind], ordered=column.kind == "size_tier")


def header(table: str, column: str, language: str | None = None) -> str:
    """The header of ``table.column`` in the current (or given) language."""
    return i18n.t(f"column.{table}.{column}", language)


def describe(table: str | None = None, language: str | None = None) -> pd.DataFrame:
    """The data dictionary: one row per column of one table, or of all tables.

    Columns: ``table``, ``column``, ``header``, ``dtype``, ``description``,
    in the current (or given) language.
    """
    names = TABLES if table is None else {table: _table(table)}
    rows = [
        {"table": name, "column": c.name, "header": header(name, c.name, language), "dtype": c.dtype,
         "description": i18n.t(f"column_doc.{name}.{c.name}", language)}
        for name in names for c in TABLES[name]
    ]
    return pd.DataFrame(rows)


def _table(table: str) -> tuple[Column, ...]:
    if table not in TABLES:
        raise ValueError(f"table={table!r} is unknown; choose from {tuple(TABLES)}")
    return TABLES[table]


def check_table(table: str, df: pd.DataFrame) -> None:
    """Raise ``AssertionError`` naming the first column whose name, order or dtype differs from the schema."""
    columns = _table(table)
    assert list(df.columns) == [c.name for c in columns], (
        f"{table}: columns {list(df.columns)} differ from the schema {[c.name for c in columns]}")
    for c in columns:
        expected = column_dtype(table, c)
        assert df[c.name].dtype == expected, f"{table}.{c.name}: dtype {df[c.name].dtype} is not {expected}"
