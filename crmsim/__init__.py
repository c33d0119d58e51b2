"""crmsim: synthetic customers, sales cycles and credit decisions for
teaching customer relationship management, in English and Chinese.

Start with :func:`make_world`; switch the language of every label with
:func:`set_language`.
"""

from .world.config import WorldConfig
from .i18n import get_language, set_language, t
from .seeding import student_seed
from .world import TABLE_NAMES, World, iter_world_chunks, make_customers, make_world

__version__ = "0.1.0"

__all__ = [
    "TABLE_NAMES",
    "World",
    "WorldConfig",
    "get_language",
    "iter_world_chunks",
    "make_customers",
    "make_world",
    "set_language",
    "student_seed",
    "t",
]
