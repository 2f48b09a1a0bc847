"""The HTML report without a browser: structure, escaping, links and the Content-Security-Policy.

tests/test_report_browser.py loads the same reports in Chromium.
"""

from __future__ import annotations

import base64
import hashlib

import lxml.html
from render_fixtures import (
    XSS,
    expected_report,
    finding,
    hostile_report,
    make_document,
    make_report,
    payloads,
)

from clausecheck.model import Gap, Source
from clausecheck.render import render

SECTION_ORDER = [
    "verdict",
    "questions",
    "filters",
    "conflicts",
    "missing",
    "protections",
    "outline",
    "checked",
]


def parse(html: str):
    return lxml.html.document_fromstring(html)


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_sections_come_in_reading_order_and_say_what_a_reader_needs():
    html = render(make_report(), "html")
    tree = parse(html)
    assert [s.get("id") for s in tree.xpath("//main/section")] == SECTION_ORDER
    assert tree.xpath("string(//p[@class='verdict-text'])") == (
        "5 conflicts to raise before you sign (2 high, 2 medium, 1 low)."
    )
    rows = {
        r.xpath("string(th)").split(" – ")[0]: [td.text for td in r.xpath("td")]
        for r in tree.xpath("//table[@class='scorecard']/tbody/tr")
    }
    assert rows["Consent"] == ["1", "1", "0", "0"] and rows["Credit and ownership"] == ["0", "0", "1", "1"]
    questions = tree.xpath("//ol[@class='questions']/li")
    assert len(questions) == 5 and "Ask to limit ai-training" in questions[0].text_content()
    assert "This is not legal advice." in tree.xpath("string(//footer)")
    checked = tree.xpath("string(//section[@id='checked'])")
    for text in (
        "offer-letter.pdf",
        "ab" * 32,
        "wga",
        "2023.1",
        "CA",
        "you said so",
        "22 November 2026, 14:00 UTC",
    ):
        assert text in checked
    assert "/contracts/offer-letter.pdf" not in html  # the folder stays private; only the file name shows


def test_findings_show_quote_with_marks_clause_page_sources_and_wording():
    tree = parse(render(make_report(), "html"))
    card = tree.get_element_by_id("finding-1")
    assert card.get("data-severity") == "high" and card.get("data-group") == "consent"
    assert [m.text for m in card.xpath(".//mark")] == ["train machine learning models"]
    assert "Clause 2, p. 2" in card.xpath("string(.//p[@class='where'])")
    assert "Grant of Rights" in card.xpath("string(.//p[@class='where'])")
    assert card.xpath(".//a[@href='https://www.wga.org/contracts/contracts/mba']")
    assert "Ask to limit ai-training" in card.xpath("string(.//p[@class='ask-text'])")
    missing = tree.xpath("//section[@id='missing']//article")
    assert [a.get("id") for a in missing] == ["finding-5"]
    assert [a.get("id") for a in tree.xpath("//section[@id='protections']//article")] == ["finding-6"]
    flags = tree.xpath("//li[@id='clause-1']//a[contains(@class,'flag')]/@href")
    assert sorted(flags) == ["#finding-1", "#finding-2", "#finding-3"]


def test_only_http_links_become_links():
    doc = make_document()
    sources = [
        Source("A", "s1", None, "javascript:alert(1)"),
        Source("B", "s2", None, "data:text/html,x"),
        Source("C", "s3", None, "//evil.example/x"),
        Source("D", "s4", None, "http://ok.example/a?b=1&c=2"),
        Source("E", "s5", None, "HTTPS://OK.example/"),
        Source("F", "s6", None, "https://x\u202e.example"),
    ]
    report = make_report(
        doc,
        [
            finding(
                doc,
                1,
                rule="r",
                concern="ai-training",
                group="consent",
                kind="conflict",
                severity="high",
                sources=sources,
            )
        ],
    )
    html = render(report, "html")
    hrefs = parse(html).xpath("//article//a[not(starts-with(@href,'#'))]/@href")
    assert hrefs == ["http://ok.example/a?b=1&c=2", "HTTPS://OK.example/"]
    assert "javascript:alert(1)" in parse(html).text_content()  # shown as text, so a reader can judge it


def test_coverage_gaps_are_stated():
    doc = make_document(gaps=[Gap("page-without-text", "scan", page=p) for p in (4, 5)])
    tree = parse(render(make_report(doc, []), "html"))
    assert tree.xpath("string(//p[@class='verdict-text'])") == (
        "No conflicts found in the text clausecheck could read."
    )
    assert "Pages 4-5 had no text layer and were not checked." in tree.xpath(
        "string(//section[@id='checked'])"
    )
    assert "pages 4-5 had no text layer" in tree.xpath("string(//p[@class='caveat'])")


def test_csp_allows_exactly_the_inline_style_and_script():
    html = render(expected_report("writer-pilot-ai-grant"), "html")
    tree = parse(html)
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    (style,) = tree.xpath("//style")
    (script,) = tree.xpath("//script")
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == f"'{sha256(style.text)}'"
    assert directives["script-src"] == f"'{sha256(script.text)}'"
    assert directives["img-src"] == "data:"
    assert directives["form-action"] == "'none'" and directives["base-uri"] == "'none'"
    assert "http" not in csp and "unsafe" not in csp
    assert not tree.xpath("//*[@style]")  # inline style attributes would be blocked by the CSP


def test_hostile_contract_rule_and_file_name_stay_text(tmp_path):
    name = tmp_path / '"><svg onload=window.__xss=1>{{7*7}}.txt'
    name.write_bytes((XSS / "hostile-contract.txt").read_bytes())
    html = render(hostile_report(name), "html")
    tree = parse(html)
    assert len(tree.xpath("//script")) == 1 and len(tree.xpath("//style")) == 1
    for tag in (
        "img",
        "svg",
        "iframe",
        "object",
        "embed",
        "form",
        "base",
        "link",
        "math",
        "details[not(@class='set-aside')]",  # the report's own: the set-aside matches
        "input[not(@type='checkbox')]",
        "body//body",
        "textarea",
    ):
        assert not tree.xpath(f"//{tag}"), tag
    assert len(tree.xpath("//meta[@http-equiv]")) == 1
    assert len(tree.xpath("//details")) == 1 and tree.xpath("//details/article")
    attributes = {a for el in tree.iter() if isinstance(el.tag, str) for a in el.attrib}
    assert not [a for a in attributes if a.lower().startswith("on")]
    assert not tree.xpath("//@href[contains(., 'javascript')]")
    text = tree.text_content()
    for payload in payloads():
        assert payload in text, payload
    assert "{{7*7}}.txt" in tree.xpath("string(//h1)")
    assert "looped" not in text.replace("{% for x in range(3) %}looped{% endfor %}", "")
