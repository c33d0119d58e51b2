"""The numbers of a model card, read from the code together with the name they have there.

Every topic's ``model_card()`` lists the numbers its simulation uses, read from the code as it runs. A
card row has a coded ``parameter`` (its text, ``<prefix>.param.<code>``, is a name a person reads), the
``name_in_code`` under which a student finds the number in the package (``transitions.UP_INTERCEPT``,
``RepPolicy.bid_discount``, ``FAILURE_RATE['personalised']``; shown as it is, in every language), the
``value`` and a coded ``meaning``. :func:`read_number` gives the value and that name from one description,
so the name shown is always the place the value was read from.
"""

from __future__ import annotations

import types
from collections.abc import Hashable, Sequence

import pandas as pd


def name_in_code(owner: object, attribute: str, *keys: Hashable) -> str:
    """How ``owner.attribute[keys[0]][keys[1]]...`` is written in the code.

    A module is named by the last part of its dotted name (``transitions``), any other object by its
    class (``RepPolicy`` for a ``RepPolicy()``, whose fields a student sets by name).

    Examples
    --------
    >>> from crmsim.relationships import transitions
    >>> name_in_code(transitions, "FAILURE_RATE", "personalised")
    "transitions.FAILURE_RATE['personalised']"
    """
    if not isinstance(attribute, str) or not attribute.isidentifier():
        raise ValueError(f"attribute must be a Python name; got {attribute!r}")
    if isinstance(owner, types.ModuleType):
        prefix = owner.__name__.rsplit(".", 1)[-1]
    else:
        prefix = type(owner).__name__
    return prefix + "." + attribute + "".join(f"[{key!r}]" for key in keys)


def read_number(owner: object, attribute: str, *keys: Hashable) -> tuple[float, str]:
    """The number ``owner.attribute[keys...]`` as it is now, and its :func:`name_in_code`.

    Read when called, not when a module is imported: a constant changed in the package (or patched in a
    test) changes the card with it.

    Returns
    -------
    (float, str)
        The value as a Python float, and the name.

    Raises
    ------
    ValueError
        If ``owner`` has no such attribute or key, or the value is not a number.
    """
    name = name_in_code(owner, attribute, *keys)
    try:
        value = getattr(owner, attribute)
        for key in keys:
            value = value[key]
        return float(value), name
    except (AttributeError, KeyError, IndexError, TypeError) as error:
        raise ValueError(f"{name} is not a number the code defines ({type(error).__name__}: {error})") from error


def card_table(codes: Sequence[str], numbers: Sequence[tuple[float, str]]) -> pd.DataFrame:
    """A model card in the shape every topic's has: ``parameter`` and ``meaning`` (both the code),
    ``name_in_code`` and ``value``, from the codes and their :func:`read_number` results, in order.

    The text columns are object-typed, as the labeller maps them to words.
    """
    if len(codes) != len(numbers):
        raise ValueError(f"codes and numbers must pair up; got {len(codes)} codes and {len(numbers)} numbers")
    codes = pd.array(list(codes), dtype=object)
    return pd.DataFrame({"parameter": codes, "name_in_code": pd.array([name for _, name in numbers], dtype=object),
                         "value": [float(value) for value, _ in numbers], "meaning": codes})
