"""Customer value: historical, current, potential and lifetime; ABC/Pareto
analysis; composition; and "a big company is not a big customer".

All functions take a :class:`~crmsim.world.World` (or tables derived from it)
and return DataFrames with coded columns; nothing here prints or plots. Show
a table with ``crmsim.display.labelled(table, "value")``.
"""

from ..display import register_labels
from .abc import ABC_CLASSES, abc_classes, abc_summary
from .composition import composition, size_versus_value
from .measures import GROUPINGS, VALUE_MEASURES, customer_value

register_labels("value", headers=("value", "label"))

__all__ = ["ABC_CLASSES", "GROUPINGS", "VALUE_MEASURES", "abc_classes", "abc_summary", "composition",
           "customer_value", "size_versus_value"]
