"""The app mode in a real browser: the landing page that ``python3 course.py app`` opens.

``python3 course.py app`` serves ``apps/<lang>`` with Voila; here the same folder is served (one Voila
per language for all the browser tests, see ``conftest.py``) and the English landing page must link
every app page. What each page shows and does is proven elsewhere: every dashboard in both languages,
no code shown, every control moved, in ``test_every_dashboard.py``; the role-play console, played by
clicking for three tables, in ``test_roleplay_workshop_browser.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import app_pages

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def test_the_landing_page_links_every_dashboard(apps_server, open_page):
    page = open_page()
    page.goto(f"{apps_server('en')}/voila/render/00_index.ipynb", timeout=app_pages.VOILA_TIMEOUT * 1000)
    links = page.locator("a[href$='_app.ipynb']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    pages = sorted(p.name for p in (ROOT / "apps" / "en").glob("[0-9][0-9]_*_app.ipynb"))
    assert sorted(Path(link).name for link in links) == pages
