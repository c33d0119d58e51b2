"""The shared synthetic market every lesson reads: :func:`make_world`.

One module per table: :mod:`.customers`, :mod:`.contacts`, :mod:`.financials`,
:mod:`.reps`, :mod:`.products`, :mod:`.orders`; the parameters live in
:mod:`.config`, the category vocabularies in :mod:`.vocab` and the data
dictionary in :mod:`.schema`. :mod:`.build` puts them together.
"""

from .build import CUSTOMER_CHUNK, TABLE_NAMES, World, check_world, iter_world_chunks, make_customers, make_world
from .config import WorldConfig, build_config

__all__ = ["CUSTOMER_CHUNK", "TABLE_NAMES", "World", "WorldConfig", "build_config", "check_world", "iter_world_chunks",
           "make_customers", "make_world"]
