"""Markdown reports: readable in email, and inert when a forum renders them."""

from __future__ import annotations

import pytest
from render_fixtures import expected_report, hostile_report, make_report, payloads

from clausecheck.render import render
from clausecheck.render.markdown import md_escape

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py (test extra) renders the Markdown")


def to_html(text: str) -> str:
    return markdown_it.MarkdownIt("commonmark").enable("table").render(text)


def test_sections_quotes_and_links():
    out = render(make_report(), "md")
    assert out.startswith("# clausecheck report: offer-letter.pdf\n")
    assert "**5 conflicts to raise before you sign (2 high, 2 medium, 1 low).**" in out
    assert "## Questions to ask before you sign" in out
    html = to_html(out)
    assert "<strong>train machine learning models</strong>" in html
    assert '<a href="https://www.wga.org/contracts/contracts/mba">' in html
    assert "<table>" in html and "This is not legal advice" in html


def test_real_contract_report_names_clauses():
    out = render(expected_report("perf-commercial-spot"), "md")
    assert "clause 4.1, p. 1 (NAME AND LIKENESS)" in out


def test_hostile_text_renders_as_text():
    html = to_html(render(hostile_report(), "md"))
    for tag in (
        "<script",
        "<img",
        "<svg",
        "<iframe",
        "<style",
        "<object",
        "<embed",
        "<form",
        "<base",
        "<meta",
    ):
        assert tag not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;window.__xss" in html
    hrefs = [part.split('"', 1)[0] for part in html.split('href="')[1:]]
    assert hrefs and all(h.startswith("https://") for h in hrefs)


@pytest.mark.parametrize("payload", payloads())
def test_each_payload_escapes_to_its_own_text(payload):
    html = to_html(f"x {md_escape(payload)}")
    assert "<" not in html.replace("<p>", "").replace("</p>", "")
    assert "[" not in md_escape(payload).replace("\\[", "")
