"""JSON reports validate against clausecheck/schema/report.schema.json and keep their key names."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from render_fixtures import expected_report, finding, hostile_report, make_document, make_report

from clausecheck.model import Gap
from clausecheck.render import render
from clausecheck.render.json import SCHEMA_VERSION, render_json

SCHEMA = json.loads((resources.files("clausecheck") / "schema" / "report.schema.json").read_text())
FINDING_KEYS = {
    "rule",
    "concern",
    "kind",
    "severity",
    "clause",
    "quote",
    "spans",
    "explanation",
    "ask",
    "sources",
}


def validate(data: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


@pytest.mark.parametrize("name", ["writer-pilot-ai-grant", "perf-commercial-spot", "perf-voiceover-redline"])
def test_reports_on_real_contracts_validate(name):
    data = json.loads(render(expected_report(name), "json"))
    validate(data)
    assert data["schema_version"] == SCHEMA_VERSION
    assert {"schema_version", "document", "findings", "assumptions", "summary"} <= set(data)
    for item in data["findings"]:
        assert set(item) >= FINDING_KEYS
        assert {"number", "heading", "page", "change"} <= set(item["clause"])


def test_spans_point_at_the_matched_words_in_the_clause_text():
    data = json.loads(render(make_report(), "json"))
    item = data["findings"][0]
    text = data["document"]["clauses"][item["clause"]["index"]]["text"]
    assert [text[s["start"] : s["end"]] for s in item["spans"]] == ["train machine learning models"]
    assert item["clause"]["number"] == "2" and item["clause"]["page"] == 2


def test_document_level_findings_gaps_and_hostile_strings_validate():
    doc = make_document(gaps=[Gap("page-without-text", "scan", page=4)])
    report = make_report(
        doc,
        [
            finding(
                doc,
                None,
                rule="doc",
                concern="whistleblower-carveout",
                group="speech",
                kind="missing",
                severity="medium",
                quote="",
            )
        ],
    )
    data = json.loads(render_json(report))
    validate(data)
    assert data["findings"][0]["clause"] is None
    assert data["summary"]["coverage"] == ["page 4 had no text layer and was not checked"]
    validate(json.loads(render_json(hostile_report())))


def test_compact_form_is_one_line_and_the_schema_rejects_a_missing_key():
    line = render_json(make_report(), compact=True)
    assert "\n" not in line
    data = json.loads(line)
    del data["findings"][0]["ask"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
