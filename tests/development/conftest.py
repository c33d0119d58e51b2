import pytest

import crmsim


@pytest.fixture(scope="session")
def dev_world():
    return crmsim.make_world(seed=3, n_customers=400)
