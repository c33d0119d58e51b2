"""Three years of financial statements per customer, and the credit ratios
read from them.

The statements follow the customer's hidden credit factor, the same factor
that sets its payment reliability: reliable payers tend to show a higher
current ratio, less debt, a better margin, faster-turning receivables and
positive operating cash flow. "Tend to": every item also has noise, as real
statements do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import vocab
from .config import WorldConfig
from ..seeding import block_draws

N_YEARS = 3
_DRAWS_PER_YEAR = 8


def generate_financials(config: WorldConfig, root: np.random.SeedSequence, customers: pd.DataFrame,
                        latent: dict[str, np.ndarray], start: int, stop: int) -> pd.DataFrame:
    """Statements for the last :data:`N_YEARS` fiscal years before the world's "today".

    Amounts are in CNY million. Rows are ordered by customer, then year.
    """
    _, z = block_draws(root, "financials", start, stop, n_uniform=0, n_normal=N_YEARS * _DRAWS_PER_YEAR)
    n = len(customers)
    last_year = (config.as_of - pd.Timedelta(days=1)).year
    years = np.arange(last_year - N_YEARS + 1, last_year + 1)
    z = z.reshape(N_YEARS, _DRAWS_PER_YEAR, n).transpose(2, 0, 1)  # (customer, year, draw)
    # Credit quality drifts a little from year to year around the customer's factor.
    credit = latent["credit"][:, None] + 0.3 * z[:, :, 0]
    growth = 0.02 + 0.15 * customers["true_growth_potential"].to_numpy()[:, None]
    revenue = (customers["annual_revenue"].to_numpy()[:, None]
               * (1 + growth) ** (years - last_year)[None, :] * np.exp(0.05 * z[:, :, 1]))
    revenue[:, -1] = customers["annual_revenue"].to_numpy()  # the latest year is the customer's stated revenue
    net_margin = np.clip(0.035 + 0.035 * credit + 0.02 * z[:, :, 2], -0.25, 0.30)
    gross_margin = np.clip(net_margin + 0.14 + 0.03 * z[:, :, 3], 0.02, 0.8)
    turnover = vocab.INDUSTRY_ASSET_TURNOVER[latent["industry"]][:, None] * np.exp(0.15 * z[:, :, 4])
    total_assets = revenue / turnover
    debt_ratio = np.clip(0.52 - 0.12 * credit + 0.07 * z[:, :, 5], 0.08, 0.97)
    current_share = np.clip(0.5 + 0.08 * z[:, :, 6], 0.2, 0.8)
    current_assets = total_assets * current_share
    current_ratio = np.clip(1.45 + 0.38 * credit + 0.2 * z[:, :, 7], 0.35, 4.5)
    total_liabilities = total_assets * debt_ratio
    current_liabilities = np.minimum(current_assets / current_ratio, total_liabilities)
    receivables_turnover = np.clip(6.0 * np.exp(0.25 * credit + 0.15 * z[:, :, 2]), 1.2, 30.0)
    net_profit = revenue * net_margin
    operating_cash_flow = net_profit + revenue * (0.015 * credit + 0.025 * z[:, :, 3])

    customer_id = np.repeat(customers["customer_id"].to_numpy(), N_YEARS)

    def amount(values: np.ndarray) -> np.ndarray:
        # CNY million to the nearest thousand yuan, as statements are kept.
        return np.round(values.ravel(), 3)

    return pd.DataFrame(copy=False, data={
        "customer_id": customer_id,
        "fiscal_year": np.tile(years, n).astype(np.int16),
        "revenue": amount(revenue),
        "cost_of_sales": amount((revenue * (1 - gross_margin))),
        "net_profit": amount(net_profit),
        "operating_cash_flow": amount(operating_cash_flow),
        "current_assets": amount(current_assets),
        "current_liabilities": amount(current_liabilities),
        "total_assets": amount(total_assets),
        "total_liabilities": amount(total_liabilities),
        "accounts_receivable": amount((revenue / receivables_turnover)),
    })


def financial_ratios(financials: pd.DataFrame) -> pd.DataFrame:
    """The five credit-analysis figures per customer and year.

    Parameters
    ----------
    financials : DataFrame
        The world's ``financials`` table.

    Returns
    -------
    DataFrame
        ``customer_id``, ``fiscal_year`` and

        - ``current_ratio``: current assets / current liabilities (流动比率)
        - ``debt_to_asset``: total liabilities / total assets (资产负债率)
        - ``sales_margin``: net profit / revenue (销售利润率)
        - ``receivables_turnover``: revenue / accounts receivable (应收账款周转率)
        - ``operating_cash_flow``: CNY million (经营现金流)
    """
    f = financials
    return pd.DataFrame(copy=False, data={
        "customer_id": f["customer_id"],
        "fiscal_year": f["fiscal_year"],
        "current_ratio": f["current_assets"] / f["current_liabilities"],
        "debt_to_asset": f["total_liabilities"] / f["total_assets"],
        "sales_margin": f["net_profit"] / f["revenue"],
        "receivables_turnover": f["revenue"] / f["accounts_receivable"],
        "operating_cash_flow": f["operating_cash_flow"],
    })
