"""One synthetic market shared by every lesson: :func:`make_world`."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .config import WorldConfig, build_config
from .contacts import generate_contacts
from .customers import RepAssignment, customer_columns, customers_frame, generate_customers
from .financials import generate_financials
from ..heap import keep_freed_heap
from .products import generate_products
from .orders import generate_orders
from .reps import generate_reps
from ..seeding import BLOCK_SIZE, SeedLike, entropy_int, root_sequence
from .vocab import person_name_dtypes, trade_name_dtypes
from ..validation import check_int

#: Customers generated per pass: small enough that numpy's temporaries stay in
#: cache, large enough that Python's per-operation overhead is negligible
#: (see also crmsim.heap). The data do not depend on it.
CUSTOMER_CHUNK = 64 * BLOCK_SIZE

#: The tables of a world, in the order they are exported.
TABLE_NAMES = ("customers", "contacts", "financials", "reps", "products", "orders")


@dataclass(frozen=True, eq=False)
class World:
    """A synthetic market: customers, their buying centres, statements,
    the sales force, the product catalogue and the order history.

    Attributes
    ----------
    config : WorldConfig
        The parameters it was built from.
    seed : SeedSequence
        Its root seed (``seed.entropy`` is the int you passed).
    customers, contacts, financials, reps, products, orders : DataFrame
        The tables; columns and dtypes are documented in
        :data:`crmsim.schema.TABLES` and :func:`crmsim.describe`.
    """

    config: WorldConfig
    seed: np.random.SeedSequence
    customers: pd.DataFrame
    contacts: pd.DataFrame
    financials: pd.DataFrame
    reps: pd.DataFrame
    products: pd.DataFrame
    orders: pd.DataFrame

    @property
    def as_of(self) -> pd.Timestamp:
        """The world's "today": the day after the order history ends."""
        return self.config.as_of

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in :data:`TABLE_NAMES` order."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(df):,}" for name, df in self.tables().items())
        return f"World(seed={entropy_int(self.seed)}, months={self.config.months}, as_of={self.as_of.date()}, {sizes})"


def check_world(world: object, name: str = "world") -> World:
    """Return ``world`` if it is a :class:`World`, else raise a TypeError naming ``name``."""
    if not isinstance(world, World):
        raise TypeError(f"{name} must be a crmsim World (from crmsim.make_world); got {world!r:.60} "
                        f"({type(world).__name__})")
    return world


def make_world(seed: SeedLike = 0, n_customers: int = 200, **params) -> World:
    """Build a synthetic market.

    Parameters
    ----------
    seed : int, SeedSequence or Generator
        Same seed and parameters give identical tables on any machine.
        For per-student data use ``seed=crmsim.student_seed(course_seed, student_id)``.
    n_customers : int
        Number of customer firms.
    **params
        Any other field of :class:`crmsim.config.WorldConfig`: ``months``
        (default 24), ``start`` (``"2024-01"``), ``n_reps``, ``n_products``,
        ``regions``, ``industries``, ``international_share``,
        ``new_customer_share``, ``retention_by_size``,
        ``key_account_retention``, ``revenue_growth``.

    Returns
    -------
    World

    Examples
    --------
    >>> world = make_world(seed=7, n_customers=300)
    >>> world.customers.shape[0]
    300
    """
    config = build_config(n_customers=n_customers, **params)
    root = root_sequence(seed)
    return _build(config, root, 0, config.n_customers)


def make_customers(seed: SeedLike = 0, n_customers: int = 200, **params) -> pd.DataFrame:
    """Only the customers table of ``make_world(seed, n_customers, **params)`` (same rows, less work)."""
    config = build_config(n_customers=n_customers, **params)
    root = root_sequence(seed)
    customers, _ = _customers(config, root, 0, config.n_customers, generate_reps(config, root))
    return customers


def _customers(config: WorldConfig, root: np.random.SeedSequence, start: int, stop: int,
               reps: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """:func:`generate_customers` in passes of :data:`CUSTOMER_CHUNK` customers."""
    if stop - start <= CUSTOMER_CHUNK:
        return generate_customers(config, root, start, stop, reps)
    # Passes are independent (each customer's numbers come from its own block
    # stream) and numpy releases the GIL while it draws and computes, so the
    # passes run on all cores; pool.map keeps their order.
    # Each pass writes its rows into arrays allocated once (by the first pass
    # to finish, which fixes the dtypes), so copying in and touching the new
    # memory is spread over the threads too.
    # Every pass allocates and frees the same arrays: keep the freed memory
    # for the next pass rather than mapping it afresh (see crmsim.heap).
    keep_freed_heap()
    trade_name_dtypes(), person_name_dtypes()  # build the shared vocabularies once, before the threads
    assignment = RepAssignment(config, reps)
    columns: dict[str, np.ndarray] = {}
    latent: dict[str, np.ndarray] = {}
    allocating = threading.Lock()

    def run(bounds: tuple[int, int]) -> None:
        part_columns, part_latent = customer_columns(config, root, *bounds, assignment)
        with allocating:  # the first pass to finish fixes the dtypes
            if not columns:
                columns.update({name: np.empty(stop - start, values.dtype) for name, values in part_columns.items()})
                latent.update({name: np.empty(stop - start, values.dtype) for name, values in part_latent.items()})
        rows = slice(bounds[0] - start, bounds[1] - start)
        for name, values in part_columns.items():
            columns[name][rows] = values
        for name, values in part_latent.items():
            latent[name][rows] = values

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(run, [(a, min(a + CUSTOMER_CHUNK, stop)) for a in range(start, stop, CUSTOMER_CHUNK)]))
    return customers_frame(columns), latent


def iter_world_chunks(seed: SeedLike = 0, n_customers: int = 200, chunk_size: int = 100_000,
                      **params) -> Iterator[World]:
    """Build a large world piece by piece.

    Yields worlds holding consecutive ranges of customers (and their
    contacts, statements and orders); ``reps`` and ``products`` are repeated
    in every piece. Concatenating the pieces gives exactly the tables of
    ``make_world`` with the same arguments.
    """
    config = build_config(n_customers=n_customers, **params)
    chunk_size = check_int("chunk_size", chunk_size, 1)
    root = root_sequence(seed)  # checked now, not at the first next()
    return (_build(config, root, start, min(start + chunk_size, config.n_customers))
            for start in range(0, config.n_customers, chunk_size))


def _build(config: WorldConfig, root: np.random.SeedSequence, start: int, stop: int) -> World:
    """Tables for customers ``[start, stop)``.

    Orders are drawn per random block, so the customers of whole blocks are
    generated and the rows outside ``[start, stop)`` dropped afterwards.
    """
    reps = generate_reps(config, root)
    products = generate_products(config, root)
    block_start = start // BLOCK_SIZE * BLOCK_SIZE
    block_stop = -(-stop // BLOCK_SIZE) * BLOCK_SIZE
    customers, latent = _customers(config, root, block_start, block_stop, reps)
    orders = generate_orders(config, root, customers, products, block_start // BLOCK_SIZE)

    keep = slice(start - block_start, stop - block_start)
    customers = customers.iloc[keep].reset_index(drop=True)
    latent = {name: values[keep] for name, values in latent.items()}
    contacts = generate_contacts(config, root, customers, start, stop)
    financials = generate_financials(config, root, customers, latent, start, stop)
    ids = orders["customer_id"].to_numpy()
    in_range = (ids > start) & (ids <= stop)
    if not in_range.all():
        orders = orders[in_range].reset_index(drop=True)
    return World(config=config, seed=root, customers=customers, contacts=contacts, financials=financials,
                 reps=reps, products=products, orders=orders)
