"""Exercise 01, customer value: composition, ABC share, negative value, potential and a sentence on it.

Only the tasks and the notebook live here; the right answers are computed by
:mod:`crmsim.exercises.solvers.customer_value` on the instructor's side.
"""

from __future__ import annotations

from ..world.vocab import SEGMENTS
from .spec import ExerciseSpec, Task, code, md

#: Customers in a student's world: enough for a Pareto curve with a clear A
#: class (about 25-35 customers) and a handful of loss-making ones, small enough
#: to build in a fraction of a second when 300 notebooks are graded.
N_CUSTOMERS = 150

TASKS = (
    Task("top_segment", "choice", 1, "ex01.hint.top_segment", choices=tuple(s[0] for s in SEGMENTS),
         label_prefix="segment"),
    # One customer's worth of tolerance (1/150): the other common reading of the
    # rule, "cumulative share <= 80 %", differs from the course's by one customer.
    Task("a_share", "number", 2, "ex01.hint.a_share", tolerance=1 / N_CUSTOMERS, fraction=True),
    Task("negative_value_customers", "integer", 1, "ex01.hint.negative"),
    Task("top_potential_customer", "integer", 1, "ex01.hint.potential"),
    Task("why_potential", "text", 1, "ex01.hint.why_potential"),
)


def cells() -> list[dict]:
    """The questions of exercise 01 (after the setup cell)."""
    return [
        code("""
from crmsim.display import labelled
from crmsim.value import abc_classes, customer_value
"""),
        md("""
**Question 1 (1 point).** Which customer segment brought us the most revenue (sum of `revenue` in `world.orders`,
by `segment` of `world.customers`)? Answer with the segment's code (`"group"`) or its name as the tables show it
(`"Group account"`).
""", """
**第1题（1分）** 哪一类客户（`world.customers` 的 `segment`）为我们带来的销售额最多（`world.orders` 中 `revenue`
之和）？可以用类别代码（如 `"group"`）或表格中显示的名称（如 `"集团客户"`）作答。
"""),
        code("""
top_segment = None  # your answer
exercise.check("top_segment", top_segment)
"""),
        md("""
**Question 2 (2 points).** Compute every customer's value with `customer_value(world)`. With ABC thresholds 80% / 95%
on historical value (`abc_classes`), what share of customers is in class A? Answer as a fraction, e.g. `0.25`.
""", """
**第2题（2分）** 用 `customer_value(world)` 计算每个客户的价值。以历史价值做ABC分析（`abc_classes`）、分界线为
80%/95% 时，A类客户占客户总数的比例是多少？请以小数作答，例如 `0.25`。
"""),
        code("""
a_share = None  # your answer
exercise.check("a_share", a_share)
"""),
        md("""
**Question 3 (1 point).** How many customers have a negative historical value (they cost more to serve than they
bring in gross margin)?
""", """
**第3题（1分）** 有多少客户的历史价值为负（服务成本高于其带来的毛利）？
"""),
        code("""
negative_value_customers = None  # your answer
exercise.check("negative_value_customers", negative_value_customers)
"""),
        md("""
**Question 4 (1 point).** Which customer (`customer_id`) has the largest potential value?
""", """
**第4题（1分）** 哪个客户（`customer_id`）的潜在价值最大？
"""),
        code("""
top_potential_customer = None  # your answer
exercise.check("top_potential_customer", top_potential_customer)
"""),
        md("""
**Question 5 (1 point, graded by your instructor).** In one or two sentences: why should a sales manager care
about the customer of question 4, and what would you do with it?
""", """
**第5题（1分，由教师评分）** 用一两句话说明：销售经理为什么应当重视第4题中的客户？你会怎样对待它？
"""),
        code('''
why_potential = """
"""  # your sentences, between the quotes
exercise.check("why_potential", why_potential)
'''),
        code("""
exercise.score()
"""),
    ]


SPEC = ExerciseSpec("customer_value", "01", "ex01.title", TASKS, N_CUSTOMERS, cells)
