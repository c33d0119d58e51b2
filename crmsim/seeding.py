"""Seeds and random streams: the one registry of every random stream in crmsim.

Every stream of every topic has a name in :data:`REGISTRY` (``"world.orders"``,
``"relationships.moves"``, ``"credit.invoices"`` ...) and a topic asks for its
generator with :func:`child`; no module builds generators of its own. Stream
numbers are part of the data: never reuse or renumber one (golden hashes in
the tests guard them). Every entry point accepts an int, a
:class:`~numpy.random.SeedSequence` or a :class:`~numpy.random.Generator`
(:data:`SeedLike`), normalised by :func:`root_sequence`.

The world's tables draw from its own child stream, and within a table every block
of :data:`BLOCK_SIZE` customers has its own stream too. The stream of block
``b`` of table ``name`` depends only on the world seed, the table and ``b``, so

* adding a column to one table never shifts the numbers of another, and
* generating customers 0-9,999 and 10,000-19,999 separately gives exactly the
  rows that generating 0-19,999 at once gives.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

#: Customers per random block. Changing it changes every table: golden
#: hashes in the tests guard it.
BLOCK_SIZE = 1024

SeedLike = int | np.random.SeedSequence | np.random.Generator | None


@dataclass(frozen=True)
class Stream:
    """One named random stream.

    Attributes
    ----------
    name : str
        ``"<topic>.<what>"``.
    key : tuple of int
        The stream's numbers. ``"spawn"`` streams append them to the root's
        spawn key (the numpy way to derive independent children); ``"blocks"``
        streams do too and then give every block of :data:`BLOCK_SIZE`
        customers its own stream (see :func:`block_streams`); ``"entropy"``
        streams (role play, which began with ``default_rng([seed, n])``)
        append them to the root's entropy.
    scheme : {"spawn", "blocks", "entropy"}
    about : str
        What the stream draws.
    """

    name: str
    key: tuple[int, ...]
    scheme: str
    about: str


#: Every random stream of crmsim, by name. Add a topic's streams here (see CONTRIBUTING.md).
REGISTRY: dict[str, Stream] = {s.name: s for s in (
    Stream("world.customers", (1,), "blocks", "customer firms and their hidden traits"),
    Stream("world.contacts", (2,), "blocks", "buying-centre contacts"),
    Stream("world.financials", (3,), "blocks", "three years of statements"),
    Stream("world.reps", (4,), "blocks", "sales reps"),
    Stream("world.products", (5,), "blocks", "products"),
    Stream("world.orders", (6,), "blocks", "orders and payments"),
    Stream("world.names", (7,), "blocks", "firm names"),
    Stream("relationships.initial", (301,), "spawn", "starting relationship levels"),
    Stream("relationships.complaints", (302,), "spawn", "which customer complains in which month"),
    Stream("relationships.recovery", (303,), "spawn", "whether a complaint is handled well"),
    Stream("relationships.moves", (304,), "spawn", "monthly moves between levels and churn"),
    Stream("relationships.contacts", (305,), "spawn", "the contact log"),
    Stream("key_accounts.opportunities", (40, 0), "spawn", "opportunities and their evaluations"),
    Stream("key_accounts.simulation", (40, 1), "spawn", "stage outcomes of the key-account process"),
    Stream("key_accounts.contacts", (40, 2), "spawn", "the daily contact log of key accounts"),
    Stream("credit.file", (5_000, 0), "spawn", "non-financial and credit-report items of the credit file"),
    Stream("credit.customers", (5_001, 0), "spawn", "customer-level draws of the receivables simulation"),
    Stream("credit.invoices", (5_002, 0), "spawn", "invoice-level draws of the receivables simulation"),
    Stream("value.mbgnbd_simulation", (90, 0), "spawn", "customers simulated from known MBG/NBD parameters"),
    Stream("value.futures", (90, 1), "spawn", "futures of the world's hidden purchase process (the truth reveal)"),
    Stream("roleplay.account", (70,), "entropy", "which key account a scenario is played on"),
    Stream("roleplay.noise", (71,), "entropy", "round-by-round noise of attitudes"),
    Stream("roleplay.outcome", (72,), "entropy", "whether the deal is won"),
    Stream("roleplay.scenario", (73,), "entropy", "concerns, deal size and competitors (key: + customer id)"),
    Stream("development.prospects", (600, 0), "spawn", "leads a prospecting campaign finds (key: + method)"),
    Stream("development.file", (600, 1), "spawn", "activity history of the customer file"),
    Stream("development.messy", (600, 2), "spawn", "faults injected into a messy customer file"),
)}

#: Stream numbers of the world's tables (the ``"world.*"`` entries of :data:`REGISTRY`).
STREAMS = {name.split(".", 1)[1]: s.key[0] for name, s in REGISTRY.items() if s.scheme == "blocks"}


def child(seed: SeedLike, name: str, *extra: int) -> np.random.Generator:
    """The generator of the registered stream ``name`` under ``seed``.

    Parameters
    ----------
    seed : int, SeedSequence or Generator
        The caller's seed (see :func:`root_sequence`).
    name : str
        A key of :data:`REGISTRY` of scheme ``"spawn"`` or ``"entropy"``.
    *extra : int
        Further numbers that make a sub-stream (e.g. a customer id).
    """
    spec = REGISTRY.get(name)
    if spec is None or spec.scheme == "blocks":
        known = sorted(k for k, s in REGISTRY.items() if s.scheme != "blocks")
        raise ValueError(f"name={name!r} is not a registered topic stream; known: {known}")
    return np.random.Generator(np.random.PCG64(child_sequence(root_sequence(seed), spec, extra)))


def child_sequence(root: np.random.SeedSequence, spec: Stream, extra: tuple[int, ...] = ()) -> np.random.SeedSequence:
    """The SeedSequence of stream ``spec`` (plus ``extra`` numbers) under ``root``."""
    extra = tuple(int(k) for k in extra)
    if spec.scheme == "entropy":
        return np.random.SeedSequence([*_entropy_words(root.entropy), *spec.key, *extra],
                                      spawn_key=tuple(root.spawn_key))
    return np.random.SeedSequence(root.entropy, spawn_key=tuple(root.spawn_key) + spec.key + extra)


def entropy_int(root: np.random.SeedSequence) -> int:
    """The root's entropy as one non-negative int (an array of words folded into one, low word first)."""
    return sum(word << (32 * i) for i, word in enumerate(_entropy_words(root.entropy)))


def _entropy_words(entropy) -> list[int]:
    if entropy is None:
        raise ValueError("seed has no entropy; pass an int, a SeedSequence or a Generator")
    if isinstance(entropy, (int, np.integer)):
        return [int(entropy)]
    return [int(word) for word in np.ravel(entropy)]


def root_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """Turn any accepted seed into the world's root :class:`~numpy.random.SeedSequence`.

    Parameters
    ----------
    seed : int, SeedSequence or Generator
        A non-negative int, a SeedSequence, or a Generator (one number is
        drawn from it to seed the world, so the Generator advances).
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence(int(seed.integers(0, 2**63)))
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(
            f"seed must be a non-negative int, numpy SeedSequence or Generator; got {seed!r} ({type(seed).__name__})"
        )
    if seed < 0:
        raise ValueError(f"seed must be a non-negative int; got {seed}")
    return np.random.SeedSequence(int(seed))


def stream(root: np.random.SeedSequence, table: str, block: int = 0) -> np.random.Generator:
    """The generator of one block of one table (independent of every other)."""
    return next(block_streams(root, table, block, block + 1))


def block_streams(root: np.random.SeedSequence, table: str, first: int, stop: int) -> Iterator[np.random.Generator]:
    """Generators of blocks ``first .. stop - 1`` of one table, in order.

    The table's SeedSequence hashes the seed once and yields 256 bits per
    block (a 128-bit PCG64 state and an odd 128-bit increment, i.e. a
    distinct stream); setting a state costs about a tenth of seeding a new
    generator. The words are taken from the start of the sequence, so a
    block's stream does not depend on which range was asked for. The same
    Generator object is reused: use each one before advancing the iterator.
    """
    words = _block_words(root, table, stop)[first:stop].tolist()
    bit_generator = np.random.PCG64(0)
    generator = np.random.Generator(bit_generator)
    for w0, w1, w2, w3 in words:
        bit_generator.state = {"bit_generator": "PCG64", "state": {"state": (w0 << 64) | w1, "inc": (w2 << 64) | w3 | 1},
                               "has_uint32": 0, "uinteger": 0}
        yield generator


def _block_words(root: np.random.SeedSequence, table: str, stop: int) -> np.ndarray:
    """The four state words of each of blocks ``0 .. stop - 1`` (at least) of one table.

    A SeedSequence can only generate its words from the first one, so a
    world generated in many passes would hash the same words again in every
    pass; they are computed once for a power-of-two number of blocks and
    cached. The first ``k`` words never depend on how many are generated.
    """
    entropy = root.entropy
    if not isinstance(entropy, int):
        entropy = tuple(int(word) for word in np.ravel(entropy))
    return _table_words(entropy, tuple(int(k) for k in root.spawn_key), STREAMS[table], 1 << max(stop - 1, 0).bit_length())


@functools.lru_cache(maxsize=32)
def _table_words(entropy: int | tuple[int, ...], spawn_key: tuple[int, ...], stream_id: int, n_blocks: int) -> np.ndarray:
    sequence = np.random.SeedSequence(entropy, spawn_key=spawn_key + (stream_id,))
    words = sequence.generate_state(4 * n_blocks, np.uint64).reshape(n_blocks, 4)
    words.flags.writeable = False  # shared by every caller
    return words


def blocks(start: int, stop: int) -> Iterator[tuple[int, int, int]]:
    """Yield ``(block, first, last)`` customer index ranges covering ``[start, stop)``.

    ``first``/``last`` are absolute customer indices clipped to the range.
    """
    for block in range(start // BLOCK_SIZE, (stop - 1) // BLOCK_SIZE + 1 if stop > start else start // BLOCK_SIZE):
        yield block, max(start, block * BLOCK_SIZE), min(stop, (block + 1) * BLOCK_SIZE)


def block_draws(root: np.random.SeedSequence, table: str, start: int, stop: int,
                n_uniform: int, n_normal: int = 0, dtype: type = np.float64) -> tuple[np.ndarray, np.ndarray]:
    """Per-customer random numbers for customers ``[start, stop)``.

    Each block draws a full ``(n_uniform, BLOCK_SIZE)`` float32 uniform matrix and
    then an ``(n_normal, BLOCK_SIZE)`` standard-normal matrix from its own
    stream, and the columns of the requested customers are kept. So any
    chunking of the customer range gives the same numbers for the same
    customer.

    Returns
    -------
    uniform : ndarray, shape (n_uniform, stop - start)
        Row ``k`` is the k-th uniform of every customer (rows are contiguous,
        which keeps the per-column arithmetic fast).
    normal : ndarray, shape (n_normal, stop - start)

    The numbers are the same whatever ``dtype`` (float64 or float32) is
    asked for: they are drawn as float32 and widened.
    """
    n = max(stop - start, 0)
    first_block = start // BLOCK_SIZE
    n_blocks = -(-stop // BLOCK_SIZE) - first_block if n else 0
    # Each block draws straight into its own contiguous slab; the slabs are
    # then laid out row by row in one copy. One call instead of one per
    # block matters when passes run on several threads: every numpy call
    # hands the GIL over, and each handover can make another thread wait.
    # 32-bit draws: half the cost, and 2**-24 resolution is far finer than
    # anything a synthetic market needs.
    uniform_slabs = np.empty((n_blocks, n_uniform, BLOCK_SIZE), dtype=np.float32)
    normal_slabs = np.empty((n_blocks, n_normal, BLOCK_SIZE), dtype=np.float32)
    for slab, rng in enumerate(block_streams(root, table, first_block, first_block + n_blocks)):
        rng.random(out=uniform_slabs[slab], dtype=np.float32)
        rng.standard_normal(out=normal_slabs[slab], dtype=np.float32)
    offset = start - first_block * BLOCK_SIZE
    return _by_row(uniform_slabs, dtype)[:, offset:offset + n], _by_row(normal_slabs, dtype)[:, offset:offset + n]


def _by_row(slabs: np.ndarray, dtype: type) -> np.ndarray:
    """``(blocks, rows, BLOCK_SIZE)`` slabs as a ``(rows, blocks * BLOCK_SIZE)`` array of ``dtype``."""
    n_blocks, n_rows, _ = slabs.shape
    rows = np.empty((n_rows, n_blocks * BLOCK_SIZE), dtype=dtype)
    rows.reshape(n_rows, n_blocks, BLOCK_SIZE)[...] = slabs.transpose(1, 0, 2)
    return rows


def student_seed(course_seed: int, student_id: str) -> int:
    """A stable seed for one student's personal data set.

    The same course seed and student id always give the same seed, on any
    machine and Python version (it hashes with SHA-256, not ``hash()``).

    Parameters
    ----------
    course_seed : int
        The instructor's seed for the course or assignment.
    student_id : str
        The student's id as it appears on the roster (surrounding whitespace
        is ignored, case is kept).
    """
    if isinstance(course_seed, bool) or not isinstance(course_seed, (int, np.integer)) or course_seed < 0:
        raise ValueError(f"course_seed must be a non-negative int; got {course_seed!r}")
    if not isinstance(student_id, str) or not student_id.strip():
        raise ValueError(f"student_id must be a non-empty str; got {student_id!r}")
    digest = hashlib.sha256(f"{int(course_seed)}:{student_id.strip()}".encode()).digest()
    return int.from_bytes(digest[:8], "little") >> 1
