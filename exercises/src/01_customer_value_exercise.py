# Source of exercise 01, built into exercises/en and exercises/zh by tools/build_notebooks.py.
CELLS = [
    md("""
# Exercise 01 · Customer value

Your data are your own: they are generated from your student id, so your answers differ from your neighbour's.
Write your id below (exactly as on the class list), run the cell, then answer each question by replacing `None`
with your result (computed with pandas, not typed in by hand). Run the check cell after each answer.
""", """
# 练习 01 · 客户价值

你的数据只属于你：它由你的学号生成，所以你的答案与同学的不同。
在下面填入你的学号（与花名册一致）并运行，然后把每道题中的 `None` 替换为你用 pandas 计算出的结果（不要手工输入数字），每答完一题运行下面的检查单元格。
"""),
    code("""
from crmsim.exercises import CustomerValueExercise
from crmsim.value import abc_classes, customer_value

STUDENT_ID = "demo-student"
exercise = CustomerValueExercise(STUDENT_ID, course_seed=2024)
world = exercise.world
world
"""),
    md("""
**Question 1 (1 point).** Which customer segment brought us the most revenue (sum of `revenue` in `world.orders`)?
Answer with the segment code, e.g. `"important"`.
""", """
**第1题（1分）** 哪一类客户（segment）为我们带来的销售额最多（`world.orders` 中 `revenue` 之和）？请用类别代码作答，例如 `"important"`。
"""),
    code("""
top_segment = None  # your answer
exercise.check("top_segment", top_segment)
"""),
    md("""
**Question 2 (2 points).** Compute every customer's value with `customer_value(world)`. With ABC thresholds 80% / 95%
on historical value, what share of customers is in class A? Answer as a fraction, e.g. `0.25`.
""", """
**第2题（2分）** 用 `customer_value(world)` 计算每个客户的价值。以历史价值做ABC分析、分界线为80%/95%时，A类客户占客户总数的比例是多少？请以小数作答，例如 `0.25`。
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
**Question 4 (1 point).** Which customer (`customer_id`) has the largest potential value? In one sentence, say why
a sales manager should care about it.
""", """
**第4题（1分）** 哪个客户（`customer_id`）的潜在价值最大？用一句话说明销售经理为什么应当重视它。
"""),
    code("""
top_potential_customer = None  # your answer
exercise.check("top_potential_customer", top_potential_customer)
"""),
    code("""
exercise.score()
"""),
]
