"""Bad or unusual input to the world: a correct result or a clear error, never a crash or garbage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import crmsim


@pytest.mark.parametrize("size", [np.int64(30), np.uint32(30), np.int16(30), np.uint8(30)])
def test_numpy_integers_give_the_same_world_as_ints(size):
    pd.testing.assert_frame_equal(crmsim.make_world(0, size).customers, crmsim.make_world(0, 30).customers)


@pytest.mark.parametrize("months", [np.int8(100), np.uint8(100), np.int64(100)])
def test_numpy_months_do_not_overflow(months):
    world = crmsim.make_world(1, 20, months=months)
    assert world.config.months == 100 and type(world.config.months) is int
    assert world.as_of == pd.Timestamp("2032-05-01")


def test_numpy_chunk_sizes_and_shares_are_normalised():
    chunks = list(crmsim.iter_world_chunks(2, 50, chunk_size=np.int8(20), new_customer_share=np.float16(0.3)))
    assert [len(c.customers) for c in chunks] == [20, 20, 10]
    assert type(chunks[0].config.new_customer_share) is float


@pytest.mark.parametrize("start", ["", " ", "NaT", "nan", "None", "2024-13", "soon"])
def test_a_start_that_is_no_month_is_refused(start):
    with pytest.raises(ValueError, match="start must be a month like '2024-01'"):
        crmsim.make_world(0, 5, start=start)


@pytest.mark.parametrize("start", [pd.NaT, None, 202401, pd.Timestamp("2024-01-01")])
def test_a_start_that_is_no_string_is_refused(start):
    with pytest.raises(TypeError, match="start must be a 'YYYY-MM' string"):
        crmsim.make_world(0, 5, start=start)


@pytest.mark.parametrize("start, months", [("2262-04", 1), ("1600-01", 12), ("2199-06", 12), ("1899-12", 1)])
def test_histories_outside_the_date_range_are_refused_not_wrapped(start, months):
    with pytest.raises(ValueError, match="must start in or after 1900-01 and end by 2200-01"):
        crmsim.make_world(0, 5, start=start, months=months)


def test_the_edges_of_the_date_range_give_orderly_dates():
    for start, months in (("1900-01", 12), ("2199-01", 12)):
        orders = crmsim.make_world(0, 60, start=start, months=months).orders
        assert (orders["due_date"] >= orders["order_date"]).all()
        assert orders["order_date"].min() >= pd.Timestamp(start)


def test_a_seed_sequence_with_array_entropy_works_and_is_reproducible():
    seed = np.random.SeedSequence([11, 22, 33])
    first = crmsim.make_world(seed, 40)
    again = crmsim.make_world(np.random.SeedSequence([11, 22, 33]), 40)
    pd.testing.assert_frame_equal(first.customers, again.customers)
    assert "World(seed=" in repr(first)


def test_chunked_worlds_are_checked_when_asked_for_not_at_the_first_chunk():
    with pytest.raises(ValueError, match="n_customers must be >= 1; got 0"):
        crmsim.iter_world_chunks(0, 0)
    with pytest.raises(ValueError, match="chunk_size must be >= 1; got 0"):
        crmsim.iter_world_chunks(0, 10, chunk_size=0)
