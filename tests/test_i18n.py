"""Two languages everywhere, and Chinese glyphs that really render."""

from __future__ import annotations

import importlib
import pkgutil
import re
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest

import crmsim
from crmsim import fonts, i18n
from crmsim.display import labelled

CJK = re.compile("[\u4e00-\u9fff]")


def all_keys():
    # Modules register their text on import: import every one of them.
    for module in pkgutil.walk_packages(crmsim.__path__, "crmsim."):
        if module.name != "crmsim.__main__":
            importlib.import_module(module.name)
    return i18n.keys()


def test_every_key_has_english_and_chinese():
    keys = all_keys()
    assert len(keys) > 200
    for key in keys:
        en, zh = i18n.t(key, "en"), i18n.t(key, "zh")
        assert en and zh
        # Chinese text may be pure notation ("2/10，n/30", "AAA"), but not untranslated English words.
        english_words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", "", zh))
        if english_words and not key.startswith("city."):
            assert CJK.search(zh), f"{key!r} has no Chinese text: {zh!r}"


def test_set_language_switches_and_rejects_unknown_codes():
    crmsim.set_language("zh")
    assert crmsim.get_language() == "zh" and crmsim.t("region.east") == "华东"
    crmsim.set_language("en")
    assert crmsim.t("region.east") == "East China"
    with pytest.raises(ValueError, match="language='fr'.*'en', 'zh'"):
        crmsim.set_language("fr")
    with pytest.raises(TypeError, match="language must be a str"):
        crmsim.set_language(None)
    with pytest.raises(KeyError, match="no.such.key"):
        crmsim.t("no.such.key")


def test_registering_a_key_twice_with_other_text_fails():
    i18n.register({"test.same": ("Same", "相同")})
    i18n.register({"test.same": ("Same", "相同")})  # identical: fine
    with pytest.raises(ValueError, match="already registered"):
        i18n.register({"test.same": ("Other", "其他")})


def test_labelled_tables_translate_headers_and_categories(world):
    crmsim.set_language("zh")
    shown = labelled(world.customers.head(), "customers")
    assert "地区" in shown.columns and "规模等级" in shown.columns
    assert set(shown["地区"]) <= {i18n.t(f"region.{r}", "zh") for r in crmsim.world.vocab.REGION_CODES}


def test_the_font_has_every_glyph_of_every_chinese_label():
    text = "".join(i18n.t(key, "zh") for key in all_keys())
    assert CJK.search(text)
    assert fonts.missing_glyphs(text) == set()


def _draw_chinese_plots(world):
    from crmsim import value
    from crmsim.plots.value import plot_composition, plot_pareto, plot_size_vs_value, plot_value_types

    values = value.customer_value(world)
    fig, axes = plt.subplots(2, 2, figsize=(10, 8))
    plot_pareto(value.abc_classes(values), ax=axes[0, 0])
    plot_composition(value.composition(world, values), by="segment", ax=axes[0, 1])
    plot_size_vs_value(world.customers, values, ax=axes[1, 0])
    plot_value_types(world.customers, values, ax=axes[1, 1])
    fig.canvas.draw()
    plt.close(fig)
    return axes


def test_chinese_plots_draw_without_missing_glyphs(world):
    crmsim.set_language("zh")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        axes = _draw_chinese_plots(world)
    assert CJK.search(axes[0, 0].get_title())


def test_the_glyph_check_fails_without_the_cjk_font(world, monkeypatch):
    """Guard the guard: with only DejaVu Sans, drawing Chinese must warn about missing glyphs."""
    crmsim.set_language("zh")
    monkeypatch.setattr(fonts, "FAMILIES", ("DejaVu Sans",))
    with pytest.warns(UserWarning, match="missing from font"):
        _draw_chinese_plots(world)


def test_labelled_translates_booleans(world):
    crmsim.set_language("zh")
    shown = labelled(world.contacts.head(8), "contacts")
    assert set(shown["教练（内线）"]) <= {"是", "否"}


def test_an_empty_language_is_an_error_not_the_current_one():
    with pytest.raises(ValueError, match="language='' is not supported"):
        i18n.t("region.east", language="")
    assert i18n.resolve_language(None) == i18n.get_language()


@pytest.mark.parametrize("number, shown", [(999.9999, "1,000"), (999.99949, "999.999"), (-999.9996, "-1,000"),
                                           (1234567.891, "1,234,570"), (0.5, "0.500")])
def test_display_number_never_shows_a_large_amount_with_decimals(number, shown):
    from crmsim.display import display_number

    assert display_number(number) == shown
