"""The peer for bench/world.py: the same customers table built row by row with Faker.

Each column of crmsim's customers table is filled with the closest Faker
provider (a company name in each language, a city, choices from the same
vocabularies, numbers in the same ranges), so the two timings compare the
same output, not a thinner one.
"""

from __future__ import annotations

import pandas as pd
from faker import Faker

from crmsim.world import vocab


def faker_customers(n: int, seed: int = 0) -> pd.DataFrame:
    """A customers table of ``n`` rows with Faker's zh_CN and en_US locales."""
    fake_zh = Faker("zh_CN")
    fake_en = Faker("en_US")
    fake_zh.seed_instance(seed)
    fake_en.seed_instance(seed)
    rows = []
    for i in range(n):
        rows.append({
            "customer_id": i + 1,
            "name_en": fake_en.company(),
            "name_zh": fake_zh.company(),
            "industry": fake_zh.random_element(vocab.INDUSTRY_CODES),
            "region": fake_zh.random_element(vocab.REGION_CODES),
            "city": fake_zh.city(),
            "size_tier": fake_zh.random_element(vocab.SIZE_CODES),
            "annual_revenue": fake_zh.pyfloat(min_value=5, max_value=30_000),
            "employees": fake_zh.random_int(5, 50_000),
            "years_in_business": fake_zh.random_int(1, 70),
            "value_orientation": fake_zh.random_element(vocab.ORIENTATION_CODES),
            "segment": fake_zh.random_element(vocab.SEGMENT_CODES),
            "rep_id": fake_zh.random_int(1, 100),
            "customer_since": fake_zh.date_between("-10y", "today"),
            "true_payment_reliability": fake_zh.pyfloat(min_value=0, max_value=1),
            "true_growth_potential": fake_zh.pyfloat(min_value=0, max_value=1),
            "true_price_sensitivity": fake_zh.pyfloat(min_value=0, max_value=1),
            "true_loyalty_propensity": fake_zh.pyfloat(min_value=0, max_value=1),
            "true_wallet": fake_zh.pyfloat(min_value=0, max_value=500),
            "true_share_of_wallet": fake_zh.pyfloat(min_value=0, max_value=1),
            "true_purchase_rate": fake_zh.pyfloat(min_value=0, max_value=5),
            "true_dropout_prob": fake_zh.pyfloat(min_value=0, max_value=0.4),
        })
    return pd.DataFrame(rows)
