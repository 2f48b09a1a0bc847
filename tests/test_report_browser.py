"""HTML reports in headless Chromium: nothing from a contract or rule runs, nothing is fetched,
the filters work by keyboard, the page reads without JS and prints to PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from browser import open_browser
from render_fixtures import XSS, expected_report, hostile_report, make_report, payloads

from clausecheck.atomic import write_atomic
from clausecheck.render import render

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
HOSTILE_NAME = "\"'><svg onload=window.__xss=1>{{7*7}}<img src=x onerror=alert(1)>.txt"


def write_report(report, folder: Path, name: str = "report.html") -> Path:
    path = folder / name
    write_atomic(path, render(report, "html"))
    return path


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.id)")


def test_hostile_contract_rules_and_file_name_execute_nothing_and_fetch_nothing(tmp_path):
    source = tmp_path / HOSTILE_NAME
    source.write_bytes((XSS / "hostile-contract.txt").read_bytes())
    path = write_report(hostile_report(source), tmp_path)
    with open_browser() as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        # give anything scheduled (onload, autofocus, timers) a chance to run, then poke the page
        page.keyboard.press("Tab")
        for _ in range(15):
            page.keyboard.press("Tab")
        page.mouse.move(300, 300)
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert browser.dialogs == []
        assert browser.errors == []
        text = page.inner_text("body")
        counts = page.evaluate("""() => ({
            scripts: document.scripts.length,
            styles: document.querySelectorAll('style').length,
            handlers: Array.from(document.querySelectorAll('*')).flatMap(
                el => Array.from(el.attributes).filter(a => a.name.startsWith('on'))).length,
            js_links: document.querySelectorAll('a[href^="javascript"]').length,
            frames: document.querySelectorAll('iframe, object, embed, img, svg, link, base').length,
        })""")
        assert counts == {"scripts": 1, "styles": 1, "handlers": 0, "js_links": 0, "frames": 0}
        for payload in payloads():
            assert payload.split()[0] in text
        assert "{{7*7}}" in page.title() and "49" not in page.title()
    assert browser.blocked == []
    assert browser.requests == [path.as_uri()]


def test_csp_stops_markup_that_escapes_escaping(tmp_path):
    """Defence in depth: if a bug ever let markup through, the CSP still refuses to run or fetch it."""
    html = render(make_report(), "html").replace(
        "<main>",
        '<main><script>window.__xss = "inline"</script><img src="http://127.0.0.1:9/x.png">'
        '<div onclick="window.__xss=1" id="trap">trap</div>',
    )
    path = tmp_path / "tampered.html"
    write_atomic(path, html)
    with open_browser() as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        page.click("#trap")
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert any("Content Security Policy" in line for line in browser.console)
        assert page.is_visible("#filters")  # the report's own, hashed script still ran
    # Chromium announces the image request, then the CSP refuses it before it reaches the network
    assert any("Loading the image 'http://127.0.0.1:9/x.png' violates" in line for line in browser.console)
    assert browser.blocked == []


def test_filters_work_by_keyboard(tmp_path):
    path = write_report(make_report(), tmp_path)
    with open_browser() as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        all_ids = visible_ids(page)
        assert len(all_ids) == 6
        assert page.inner_text("#filter-status") == "Showing 6 of 6 findings."
        page.focus("input[name=severity][value=high]")
        page.keyboard.press("Space")
        assert page.is_checked("input[name=severity][value=high]") is False
        shown = visible_ids(page)
        assert "finding-1" not in shown and "finding-3" not in shown and len(shown) == 4
        assert page.inner_text("#filter-status") == "Showing 4 of 6 findings."
        page.keyboard.press("Tab")  # to "Medium"
        page.keyboard.press("Space")
        page.focus("input[name=group][value=credit]")
        page.keyboard.press("Space")
        assert visible_ids(page) == []
        assert page.is_hidden("section.concern >> nth=0")
        page.focus("#filter-reset")
        page.keyboard.press("Enter")
        assert visible_ids(page) == all_ids
        label = page.evaluate("document.querySelector('input[value=consent]').labels[0].textContent.trim()")
        assert label == "Consent"
        page.focus("input[name=severity][value=protection]")
        page.keyboard.press("Space")
        assert "finding-6" not in visible_ids(page) and len(visible_ids(page)) == 5


def test_set_aside_matches_are_closed_by_default_and_neither_counted_nor_filtered(tmp_path):
    report = make_report()
    report.set_aside, report.findings = report.findings[:1], report.findings[1:]
    path = write_report(report, tmp_path)
    with open_browser() as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        assert page.inner_text("#filter-status") == "Showing 5 of 5 findings."
        assert "4 conflicts to raise before you sign" in page.inner_text("#verdict")
        aside = "#set-aside article.finding"
        assert page.is_hidden(aside)
        page.click("#set-aside summary")
        assert page.is_visible(aside) and page.inner_text(aside + " .badge").lower() == "set aside"
        page.uncheck("input[name=severity][value=high]")  # the set-aside finding is a high one
        assert page.is_visible(aside)
        assert page.inner_text("#filter-status") == "Showing 4 of 5 findings."


def test_without_javascript_everything_is_shown_and_the_filters_are_hidden(tmp_path):
    path = write_report(make_report(), tmp_path)
    with open_browser(javascript=False) as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        assert page.is_hidden("#filters")
        assert len(visible_ids(page)) == 6
        assert "5 conflicts to raise before you sign" in page.inner_text("#verdict")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_prints_to_pdf_with_verdict_and_every_finding_even_when_filtered(tmp_path):
    report = expected_report("writer-pilot-ai-grant")  # one finding per line of the golden sidecar
    high = sum(f.severity == "high" for f in report.findings)
    medium = sum(f.severity == "medium" for f in report.findings)
    path = write_report(report, tmp_path)
    with open_browser() as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        page.uncheck("input[name=severity][value=high]")
        pdf = tmp_path / "report.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=False)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert f"{high + medium} conflicts to raise before you sign ({high} high, {medium} medium)" in flat
    assert "Show findings" not in flat
    assert flat.count("rule test-") == len(report.findings)
    assert "This is not legal advice." in flat
    assert "Page 1 of " in flat  # page numbers from the print stylesheet
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(pdf, ARTIFACTS / "report-writer-pilot.pdf")


def test_fits_a_phone_sized_window(tmp_path):
    """At 375 px nothing makes the page scroll sideways (the scorecard table once did)."""
    path = write_report(expected_report("writer-pilot-ai-grant"), tmp_path)
    with open_browser(viewport=(375, 800)) as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-phone.png"))


def test_screenshot_artifact(tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    path = write_report(expected_report("writer-pilot-ai-grant"), tmp_path)
    hostile = write_report(hostile_report(), tmp_path, "hostile.html")
    with open_browser(viewport=(1100, 900)) as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        page.screenshot(path=str(ARTIFACTS / "report-writer-pilot.png"), full_page=True)
        page.screenshot(path=str(ARTIFACTS / "report-writer-pilot-top.png"))
        page.goto(hostile.as_uri())
        page.screenshot(path=str(ARTIFACTS / "report-hostile-top.png"))
    assert (ARTIFACTS / "report-writer-pilot.png").stat().st_size > 10_000


def test_end_to_end_hostile_contract_file_name_and_rule_pack_through_the_cli(tmp_path):
    """The real loader and engine, a user's hostile rule pack, a hostile file name: nothing runs."""
    from click.testing import CliRunner

    from clausecheck.cli import cli

    source = tmp_path / HOSTILE_NAME
    source.write_bytes((XSS / "hostile-contract.txt").read_bytes())
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        ["check", str(source), "--pack", "gig", "--rules", str(XSS / "hostile-pack"), "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    with open_browser() as browser:
        page = browser.new_page()
        page.goto(out.as_uri())
        for _ in range(20):
            page.keyboard.press("Tab")
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert browser.dialogs == [] and browser.errors == []
        hrefs = page.eval_on_selector_all("a[href]:not([href^='#'])", "els => els.map(e => e.href)")
        assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
        text = page.inner_text("main")
        assert "<script>window.__xss = 'rule-title'</script> {{ 7*7 }}" in text
        assert "javascript:window.__xss=1" in text  # the refused address is shown, not linked
        assert page.evaluate("document.scripts.length") == 1
    assert browser.blocked == [] and browser.requests == [out.as_uri()]
