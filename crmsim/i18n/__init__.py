"""English and Chinese text for every user-facing string.

Every label that reaches a person (table headers, category values, plot text,
widget descriptions) is looked up here by a stable key, so one call to
:func:`set_language` switches the whole package.

Modules add their own strings with :func:`register`; keys are dotted,
e.g. ``"region.east"`` or ``"plot.pareto.title"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

LANGUAGES = ("en", "zh")

_catalog: dict[str, dict[str, str]] = {}
_language = "en"


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
    if entry is None:
        raise KeyError(f"no text registered for key {key!r}")
    text = entry[check_language(language) if language else _language]
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    """Whether ``key`` has a registered text."""
    return key in _catalog


def keys(prefix: str = "") -> list[str]:
    """All registered keys that start with ``prefix``, sorted."""
    return sorted(k for k in _catalog if k.startswith(prefix))


def value_labels(kind: str, codes: Iterable[str], language: str | None = None) -> dict[str, str]:
    """Map category codes of one kind (e.g. ``"region"``) to their labels."""
    return {code: t(f"{kind}.{code}", language) for code in codes}


def translate_categories(series, kind: str, language: str | None = None):
    """Return a categorical Series with its category codes replaced by labels."""
    cats = series.cat.categories
    return series.cat.rename_categories([t(f"{kind}.{c}", language) for c in cats])
