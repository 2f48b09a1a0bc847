"""The verdict, counts and questions every output shares (clausecheck/render/summary.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from render_fixtures import expected_report, finding, make_document, make_report

from clausecheck.model import Gap
from clausecheck.render import render
from clausecheck.render.summary import load_concerns, page_ranges, summarize, verdict_text


def test_concerns_come_from_the_packaged_file_and_match_the_shared_copy(tmp_path):
    concerns = load_concerns()
    assert list(concerns.groups) == ["consent", "compensation", "credit", "disclosure", "speech", "status"]
    assert concerns.group_name("speech") == "Confidentiality and speech"
    assert all(c.group in concerns.groups for c in concerns.concerns.values())
    shared_file = Path(__file__).resolve().parents[2] / "shared" / "concerns.yaml"
    if not shared_file.exists():
        pytest.skip("the project owners' shared/concerns.yaml is not next to the repository")
    shared = yaml.safe_load(shared_file.read_text(encoding="utf-8"))
    assert set(shared["concerns"]) <= set(concerns.concerns)


def test_verdict_wording():
    assert verdict_text(0, {}) == "No conflicts found in the text clausecheck could read"
    assert verdict_text(1, {"high": 0, "medium": 1, "low": 0}) == (
        "1 conflict to raise before you sign (1 medium)"
    )
    assert verdict_text(3, {"high": 2, "medium": 0, "low": 1}) == (
        "3 conflicts to raise before you sign (2 high, 1 low)"
    )


def test_counts_by_group_follow_the_findings_of_a_real_contract():
    report = expected_report("writer-pilot-ai-grant")
    summary = summarize(report)
    expected_file = Path("fixtures/contracts/writer-pilot-ai-grant.expected.yaml")
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))["findings"]
    groups = load_concerns().concerns
    by_group = Counter(groups[e["concern"]].group for e in expected if e["kind"] != "protection")
    assert {g.id: g.to_raise for g in summary.groups if g.to_raise} == dict(by_group)
    assert summary.to_raise == len(expected)
    assert summary.verdict.startswith(f"{len(expected)} conflicts to raise before you sign")
    assert summary.level == "high"


def test_missing_protections_count_as_conflicts_and_protections_do_not():
    report = make_report()
    summary = summarize(report)
    assert (summary.conflicts, summary.missing, summary.protections) == (4, 1, 1)
    assert summary.to_raise == 5
    assert dict(summary.by_severity) == {"high": 2, "medium": 2, "low": 1}


def test_questions_are_the_rules_asks_most_severe_first_without_repeats():
    doc = make_document()
    same = "Ask for written consent before any AI use."
    findings = [
        finding(
            doc,
            2,
            rule="a",
            concern="moral-rights-waiver",
            group="credit",
            kind="conflict",
            severity="low",
            ask="Keep your moral rights.",
        ),
        finding(
            doc,
            1,
            rule="b",
            concern="ai-training",
            group="consent",
            kind="conflict",
            severity="high",
            ask=same,
        ),
        finding(
            doc,
            1,
            rule="c",
            concern="digital-replica",
            group="consent",
            kind="conflict",
            severity="medium",
            ask="  Ask for written consent\nbefore any AI use. ",
        ),
        finding(
            doc,
            4,
            rule="d",
            concern="credit-waiver",
            group="credit",
            kind="protection",
            severity="low",
            ask="Keep this.",
        ),
    ]
    questions = summarize(make_report(doc, findings)).questions
    assert [q.text for q in questions] == [same, "Keep your moral rights."]
    assert questions[0].findings == (1, 2)
    assert questions[0].severity == "high"


def test_no_findings_and_unread_pages_give_an_honest_caveat():
    doc = make_document(
        gaps=[Gap("page-without-text", "scanned page", page=p) for p in (4, 5)]
        + [Gap("embedded-object", "an embedded spreadsheet", page=2)]
    )
    summary = summarize(make_report(doc, []))
    assert summary.verdict == "No conflicts found in the text clausecheck could read"
    assert summary.level == "none"
    assert summary.coverage == (
        "pages 4-5 had no text layer and were not checked",
        "an embedded spreadsheet (page 2) was not checked",
    )
    assert summary.caveat.startswith("Not all of the document could be checked: pages 4-5")


def test_page_ranges():
    assert page_ranges([3]) == "page 3"
    assert page_ranges([4, 5, 9]) == "pages 4-5 and 9"
    assert page_ranges([1, 3, 4, 5, 7]) == "pages 1, 3-5 and 7"


def test_two_rules_on_one_clause_and_concern_make_one_issue():
    doc = make_document()
    findings = [
        finding(
            doc,
            1,
            rule="wga-train",
            concern="ai-training",
            group="consent",
            kind="conflict",
            severity="medium",
            words=("train machine learning models",),
            pack="wga",
        ),
        finding(
            doc,
            1,
            rule="gig-train",
            concern="ai-training",
            group="consent",
            kind="conflict",
            severity="high",
            words=("train machine learning models",),
            pack="gig",
        ),
        finding(
            doc,
            2,
            rule="moral",
            concern="moral-rights-waiver",
            group="credit",
            kind="conflict",
            severity="low",
        ),
    ]
    report = make_report(doc, findings)
    summary = summarize(report)
    assert summary.verdict == "2 conflicts to raise before you sign (1 high, 1 low)"
    assert summary.issues == ((1, 0), (2,))
    assert next(g for g in summary.groups if g.id == "consent").high == 1
    text = render(report, "text")
    assert "HIGH     ai-training  clause 2, p. 2  (2 rules)" in text
    assert text.count("ai-training") == 1


def test_one_question_per_issue_even_when_its_rules_ask_differently():
    """Two packs flagging one clause for one concern give one question (the leading rule's ask)."""
    doc = make_document()
    common = {"concern": "ai-training", "group": "consent", "kind": "conflict"}
    findings = [
        finding(doc, 1, rule="wga-train", severity="medium", ask="Writer asks for a training ban.", **common),
        finding(doc, 1, rule="gig-train", severity="high", ask="Contributor asks for consent.", **common),
    ]
    questions = summarize(make_report(doc, findings)).questions
    assert [(q.text, q.severity, q.findings) for q in questions] == [
        ("Contributor asks for consent.", "high", (1, 0))
    ]
