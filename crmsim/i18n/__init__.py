"""English and Chinese text for every user-facing string.

Every label that reaches a person (table headers, category values, plot text,
widget descriptions) is looked up here by a stable key, so one call to
:func:`set_language` switches the whole package.

Text lives in the data modules of this package, one per topic
(``crmsim/i18n/relationships.py`` ...), each calling :func:`register`; the
world's vocabularies register theirs from :mod:`crmsim.world.vocab` and
:mod:`crmsim.world.schema`. The catalogue is complete whatever was imported:
the first look-up of a key that is not there yet loads every text-holding
module of crmsim (:func:`load_all`).

Key scheme: ``<prefix>.col.<column>`` for a table header, ``<prefix>.<kind>.<code>``
for a coded value, ``<prefix>.plot.*`` / ``<prefix>.widget.*`` for plot and
control text, where the prefix is the topic's (``rel``, ``ka``, ``credit``,
``rp``, ``value``); world vocabularies use ``<kind>.<code>`` (``region.east``).
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Iterable, Mapping

LANGUAGES = ("en", "zh")

_catalog: dict[str, dict[str, str]] = {}
_language = "en"
_loaded = False
_load_lock = threading.RLock()


def load_all() -> None:
    """Import every crmsim module that registers text, once.

    Called by the first look-up that misses, so ``t("rel.col.month")`` works
    before (or without) importing :mod:`crmsim.relationships`. The command-line
    entry point is skipped: importing it has no text and parses no arguments.
    """
    global _loaded
    if _loaded:
        return
    with _load_lock:
        if _loaded:
            return
        _loaded = True  # set first: modules imported below look keys up while they load
        import crmsim

        for info in pkgutil.walk_packages(crmsim.__path__, "crmsim."):
            if info.name != "crmsim.__main__":
                importlib.import_module(info.name)


def set_language(language: str) -> None:
    """Choose the language of every label, header, plot and widget.

    Parameters
    ----------
    language : {"en", "zh"}
        ``"en"`` for English, ``"zh"`` for simplified Chinese.
    """
    global _language
    _language = check_language(language)


def get_language() -> str:
    """Return the current language code (``"en"`` or ``"zh"``)."""
    return _language


def check_language(language: object, name: str = "language") -> str:
    """Return ``language`` if it is a supported code, else raise a clear error."""
    if not isinstance(language, str):
        raise TypeError(f"{name} must be a str, one of {LANGUAGES}; got {language!r} ({type(language).__name__})")
    if language not in LANGUAGES:
        raise ValueError(f"{name}={language!r} is not supported; choose one of {LANGUAGES}")
    return language


def resolve_language(language: object = None, name: str = "language") -> str:
    """``language`` checked, or the current language when it is None (an empty string is an error)."""
    return _language if language is None else check_language(language, name)


def register(entries: Mapping[str, tuple[str, str]]) -> None:
    """Add strings to the catalog.

    Parameters
    ----------
    entries : mapping of key -> (english, chinese)
        Re-registering a key with different text is an error, so two modules
        cannot silently fight over one label.
    """
    for key, pair in entries.items():
        if len(pair) != 2 or not all(isinstance(s, str) and s for s in pair):
            raise ValueError(f"i18n entry {key!r} must be a pair of non-empty strings (en, zh); got {pair!r}")
        new = {"en": pair[0], "zh": pair[1]}
        old = _catalog.get(key)
        if old is not None and old != new:
            raise ValueError(f"i18n key {key!r} is already registered as {old}; refusing {new}")
        _catalog[key] = new


def t(key: str, language: str | None = None, **fields: object) -> str:
    """Translate ``key`` into the current (or given) language.

    Parameters
    ----------
    key : str
        A registered key.
    language : {"en", "zh"}, optional
        Override the current language for this one call.
    **fields
        Values for ``{placeholders}`` in the text.

    Raises
    ------
    KeyError
        If the key is unknown: a missing translation is a bug, not a blank.
    """
    entry = _catalog.get(key)
    if entry is None and not _loaded:
        load_all()
        entry = _catalog.get(key)
    if entry is None:
        raise KeyError(f"no text registered for key {key!r}")
    text = entry[resolve_language(language)]
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    """Whether ``key`` has a registered text."""
    if key not in _catalog and not _loaded:
        load_all()
    return key in _catalog


def keys(prefix: str = "") -> list[str]:
    """All registered keys that start with ``prefix``, sorted."""
    load_all()
    return sorted(k for k in _catalog if k.startswith(prefix))


def value_labels(kind: str, codes: Iterable[str], language: str | None = None) -> dict[str, str]:
    """Map category codes of one kind (e.g. ``"region"``) to their labels."""
    return {code: t(f"{kind}.{code}", language) for code in codes}


def translate_categories(series, kind: str, language: str | None = None):
    """Return a categorical Series with its category codes replaced by labels."""
    cats = series.cat.categories  # t() loads any missing text
    return series.cat.rename_categories([t(f"{kind}.{c}", language) for c in cats])
