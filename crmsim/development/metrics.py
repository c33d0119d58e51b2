"""Management metrics a manager reads from the customer file, and which matter in which market stage.

New-lead growth shows the prospecting ability, the win rate the selling
ability, customer lifetime and cross-selling the ability to keep accounts, the
churn rate the service ability; in the introduction stage prospecting matters
most, in growth prospecting and selling, in maturity keeping (domain.md §2).
:data:`QUARTERLY_SQL` and :data:`WIN_RATE_SQL` compute them from the world's
database (:mod:`crmsim.database`), as an analyst would, in SQL.
"""

from __future__ import annotations

import pandas as pd

#: Market stages, in order.
STAGES = ("introduction", "growth", "maturity")
#: The metrics and the ability each shows.
METRIC_ABILITY = {"new_lead_growth": "prospecting", "win_rate": "selling", "lifetime_years": "keeping",
                  "cross_selling": "keeping", "churn_rate": "service"}
#: How much each metric matters in each stage (introduction, growth, maturity): 2 most, 1 also, 0 little.
STAGE_WEIGHT = {"new_lead_growth": (2, 2, 0), "win_rate": (1, 2, 1), "lifetime_years": (0, 1, 2),
                "cross_selling": (0, 1, 2), "churn_rate": (0, 1, 2)}
PRIORITIES = ("little", "also", "most")


def stage_priorities() -> pd.DataFrame:
    """``metric, ability`` and one column per stage holding ``"most"``, ``"also"`` or ``"little"``."""
    rows = [{"metric": m, "ability": METRIC_ABILITY[m],
             **{stage: PRIORITIES[w] for stage, w in zip(STAGES, STAGE_WEIGHT[m])}} for m in METRIC_ABILITY]
    return pd.DataFrame(rows)


#: Per quarter of the history: customers ordering, customers won (``customer_since`` in the quarter),
#: growth of the customers won, lost (last order in the quarter and none in the 180 days to today;
#: NULL where that is not known yet), churn rate, mean years since the relationship began, and
#: product lines per ordering customer (cross-selling). Needs the tables ``orders``,
#: ``customers`` and ``meta`` of :func:`crmsim.database.write_sqlite`.
QUARTERLY_SQL = """
WITH o AS (
    SELECT customer_id, product_line, order_date,
           strftime('%Y', order_date) || '-Q' || ((CAST(strftime('%m', order_date) AS INTEGER) + 2) / 3) AS quarter
    FROM orders),
today AS (SELECT value AS as_of FROM meta WHERE key = 'as_of'),
start AS (SELECT value AS start FROM meta WHERE key = 'start'),
spans AS (SELECT customer_id, MAX(order_date) AS last_order, MAX(quarter) AS last_quarter FROM o GROUP BY customer_id),
ends AS (SELECT quarter, date(MIN(order_date), 'start of month', '+3 months') AS quarter_end FROM o GROUP BY quarter),
per_customer AS (SELECT quarter, customer_id, COUNT(DISTINCT product_line) AS lines FROM o GROUP BY quarter, customer_id),
won AS (
    SELECT strftime('%Y', customer_since) || '-Q' || ((CAST(strftime('%m', customer_since) AS INTEGER) + 2) / 3)
           AS quarter, COUNT(*) AS won
    FROM customers, start WHERE customer_since >= start GROUP BY quarter),
lost AS (
    SELECT last_quarter AS quarter, COUNT(*) AS lost FROM spans, today
    WHERE julianday(as_of) - julianday(last_order) > 180 GROUP BY last_quarter),
quarters AS (
    SELECT p.quarter, COUNT(*) AS active_customers, AVG(p.lines) AS cross_selling,
           AVG((julianday(e.quarter_end) - julianday(c.customer_since)) / 365.25) AS lifetime_years,
           MIN(e.quarter_end) AS quarter_end
    FROM per_customer p JOIN customers c USING (customer_id) JOIN ends e USING (quarter)
    GROUP BY p.quarter)
SELECT q.quarter, q.active_customers, COALESCE(w.won, 0) AS new_customers,
       COALESCE(w.won, 0) * 1.0 / LAG(COALESCE(w.won, 0)) OVER (ORDER BY q.quarter) - 1 AS new_lead_growth,
       CASE WHEN julianday(t.as_of) - julianday(q.quarter_end) > 180 THEN COALESCE(l.lost, 0) END AS lost_customers,
       CASE WHEN julianday(t.as_of) - julianday(q.quarter_end) > 180
            THEN COALESCE(l.lost, 0) * 1.0 / q.active_customers END AS churn_rate,
       q.lifetime_years, q.cross_selling
FROM quarters q CROSS JOIN today t LEFT JOIN won w USING (quarter) LEFT JOIN lost l USING (quarter)
ORDER BY q.quarter
"""

#: Win rate of a prospecting campaign by method, from the table ``development_leads``
#: that :func:`crmsim.database.append_tables` adds to the database (the dynamic database).
WIN_RATE_SQL = """
SELECT method, COUNT(*) AS leads, SUM(acquired) AS won, AVG(acquired) AS win_rate,
       AVG(CASE WHEN acquired THEN first_order_day END) AS first_order_day
FROM development_leads GROUP BY method ORDER BY win_rate DESC
"""
