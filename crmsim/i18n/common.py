"""Text shared by every topic: yes/no and the world overview."""

from . import register

register({
    "bool.True": ("yes", "是"),
    "bool.False": ("no", "否"),
    "stat.count": ("Count", "数量"),
    "stat.mean": ("Mean", "均值"),
    "stat.std": ("Standard deviation", "标准差"),
    "stat.min": ("Minimum", "最小值"),
    "stat.25%": ("25th percentile", "25%分位数"),
    "stat.50%": ("Median", "中位数"),
    "stat.75%": ("75th percentile", "75%分位数"),
    "stat.max": ("Maximum", "最大值"),
    "overview.table": ("Table", "数据表"),
    "overview.rows": ("Rows", "行数"),
    "overview.columns": ("Columns", "列数"),
    "overview.about": ("What one row is", "每行代表"),
    "overview.customers": ("A customer firm", "一家客户企业"),
    "overview.contacts": ("A person in a customer's buying centre", "客户采购中心中的一位联系人"),
    "overview.financials": ("A customer's statements for one fiscal year", "客户某一财年的财务报表"),
    "overview.reps": ("One of our sales reps", "我方一名销售代表"),
    "overview.products": ("A product we sell", "我方销售的一种产品"),
    "overview.orders": ("An order and its payment", "一笔订单及其付款"),
    "widget.percent.unreadable": ("“{text}” is not a percentage: type e.g. 80 or 80 %; nothing changed.",
                                  "“{text}”不是百分比：请输入如 80 或 80%；数值未改变。"),
    "widget.percent.range": ("{text} is outside the allowed {low} to {high}; nothing changed.",
                             "{text} 超出允许范围 {low} 至 {high}；数值未改变。"),
})
