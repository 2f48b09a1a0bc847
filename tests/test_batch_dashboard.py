"""The batch dashboard in headless Chromium: sorting and filtering by keyboard, readable with JS off,
nothing from a file name or a contract executed, nothing fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import open_browser
from test_batch_support import GOOD, fixed_rules, make_inputs

from clausecheck.batch.runner import BatchOptions, run_batch

pytestmark = pytest.mark.browser

HOSTILE_NAME = "<img src=x onerror=alert(1)>{{7*7}}.txt"
HOSTILE_TEXT = """WRITER AGREEMENT

This Agreement is made between <b onmouseover=alert(3)>Evil Studios LLC</b> ("Company") and Jo Roe ("Writer").

1. Grant. Company may use the Materials to train machine learning models and artificial intelligence
systems without further compensation. <script>alert(2)</script> javascript:alert(4) {% raw %}

2. Confidentiality. Writer shall not disclose the existence of this Agreement to any person.
"""


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("dash")
    inputs = make_inputs(base / "in")
    (inputs / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    out = base / "out"
    rules = fixed_rules(base / "cwd") / "rules"
    run_batch(BatchOptions(paths=[str(inputs)], outdir=out, jobs=2, packs=(), rules=(str(rules),),
                           progress=False))
    return out / "index.html"


def _visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "#contracts-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.cells[0].dataset.sort)")


def test_sort_and_filter_by_keyboard_and_nothing_hostile_runs(dashboard: Path) -> None:
    with open_browser() as session:
        page = session.new_page()
        page.goto(dashboard.as_uri())
        rows = _visible_rows(page)
        assert len(rows) == len(GOOD) + 1 and rows == sorted(rows)
        page.focus("#contracts-table thead th:nth-child(3) button")
        page.keyboard.press("Enter")
        raised = page.eval_on_selector_all(
            "#contracts-table tbody tr", "rows => rows.map(r => Number(r.cells[2].dataset.sort))")
        assert raised == sorted(raised)
        page.keyboard.press("Enter")
        assert page.get_attribute("#contracts-table thead th:nth-child(3)", "aria-sort") == "descending"
        raised = page.eval_on_selector_all(
            "#contracts-table tbody tr", "rows => rows.map(r => Number(r.cells[2].dataset.sort))")
        assert raised == sorted(raised, reverse=True)
        page.focus("#f-text")
        page.keyboard.type("offer")
        assert sorted(_visible_rows(page)) == ["studio-a/offer.pdf", "studio-b/2024/offer.pdf"]
        assert page.text_content("#f-count") == f"Showing 2 of {len(GOOD) + 1} contracts"
        page.fill("#f-text", "")
        page.select_option("#f-level", "none")
        assert all(r in GOOD or r == HOSTILE_NAME for r in _visible_rows(page))
        assert HOSTILE_NAME in page.text_content("#contracts-table")
        assert "Evil Studios LLC" in page.text_content("body")
    assert session.dialogs == [] and session.errors == [] and session.blocked == []
    assert not any("Content Security Policy" in line for line in session.console)


def test_dashboard_is_readable_with_javascript_off(dashboard: Path) -> None:
    with open_browser(javascript=False) as session:
        page = session.new_page()
        page.goto(dashboard.as_uri())
        assert page.is_hidden("#filters")
        assert len(_visible_rows(page)) == len(GOOD) + 1
        assert page.is_visible("#failed") and "broken/truncated.pdf" in page.text_content("#failed")
        page.screenshot(path=str(dashboard.parent / "dashboard.png"), full_page=True)
    assert session.dialogs == [] and session.blocked == []
