"""Text of the exports: sheet names and the command line's messages."""

from . import register

register({
    "export.sheet.data_dictionary": ("data dictionary", "数据字典"),
    "export.sheet.customers": ("customers", "客户"),
    "export.sheet.contacts": ("contacts", "联系人"),
    "export.sheet.financials": ("financials", "财务报表"),
    "export.sheet.reps": ("reps", "销售代表"),
    "export.sheet.products": ("products", "产品"),
    "export.sheet.orders": ("orders", "订单"),
    "column.dictionary.table": ("table", "数据表"),
    "column.dictionary.column": ("column", "列名"),
    "column.dictionary.header": ("header", "表头"),
    "column.dictionary.dtype": ("dtype", "数据类型"),
    "column.dictionary.description": ("description", "说明"),
})
