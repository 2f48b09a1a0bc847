"""Defined terms, document-scope and missing rules, tracked changes: on contracts read by the real loaders."""

from __future__ import annotations

from pathlib import Path

from clausecheck.api import check
from clausecheck.engine.defined import definition_scope

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "tests" / "data" / "rules" / "core.yaml"
REDLINE = ROOT / "fixtures" / "contracts" / "perf-voiceover-redline.docx"

DEFINED = """WRITER SERVICES AGREEMENT

1. Definitions.
1.1 "Property" means all literary material written by Writer under this Agreement.
1.2 "Territory" means the universe.

2. Rights.
2.1 Company may use the Property to train machine learning models without further consent.
2.2 Company may exhibit the Property throughout the Territory.
"""

REPLICA_SPLIT = """PERFORMER AGREEMENT

1. Digital Replica.
1.1 Producer may create and use a digital replica of Performer's voice in the Picture.

2. Payment.
2.1 Producer shall pay Performer the session fee within thirty days.

3. Uses.
3.1 The intended use of any replica is limited to the uses set out in Exhibit A.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def by_rule(report, rule):
    return [f for f in report.findings if f.rule == rule]


def test_defined_term_reaches_the_clause_that_only_names_it(tmp_path):
    report = check(write(tmp_path, "writer.txt", DEFINED), packs=[], rules=[CORE])
    document = report.document
    [finding] = by_rule(report, "core-training-grant")
    clause = document.clauses[finding.clause]
    assert clause.number == "2.1"
    matched = [clause.text[s.start:s.end] for s in finding.spans]
    assert matched == ["Property", "train", "machine learning models"]
    assert finding.notes == ["\u201cProperty\u201d is a defined term (clause 1.1): "
                             + " ".join(document.definitions["Property"].text.split())]


def test_without_the_definition_the_name_alone_does_not_match(tmp_path):
    text = DEFINED.replace('"Property" means all literary material', '"Property" means all furniture')
    report = check(write(tmp_path, "writer.txt", text), packs=[], rules=[CORE])
    assert by_rule(report, "core-training-grant") == []


def test_definition_scope_reads_what_the_term_is():
    report_document = check(REDLINE, packs=[], rules=[CORE]).document
    scopes = {term: definition_scope(d) for term, d in report_document.definitions.items()}
    assert scopes["Company"] == "Lumen Signal Media Inc."
    assert "recordings" in scopes["Recordings"]


def test_missing_protection_elsewhere_in_the_document_satisfies_the_rule(tmp_path):
    report = check(write(tmp_path, "performer.txt", REPLICA_SPLIT), packs=[], rules=[CORE])
    assert by_rule(report, "core-replica-no-specific-use") == []


def test_missing_protection_fires_on_the_trigger_and_quotes_it(tmp_path):
    protection = "The intended use of any replica is limited to the uses set out in Exhibit A."
    text = REPLICA_SPLIT.replace(protection, "Performer may not assign this Agreement.")
    report = check(write(tmp_path, "performer.txt", text), packs=[], rules=[CORE])
    [finding] = by_rule(report, "core-replica-no-specific-use")
    assert report.document.clauses[finding.clause].number == "1.1"
    assert finding.kind == "missing"
    assert finding.quote == ("Producer may create and use a digital replica of Performer's voice in the "
                             "Picture.")


def test_tracked_changes_deleted_never_match_inserted_are_noted():
    report = check(REDLINE, packs=[], rules=[CORE])
    document = report.document
    deleted = [i for i, c in enumerate(document.clauses) if c.change == "deleted"]
    assert deleted and "train" in document.clauses[deleted[0]].text
    assert all(f.clause not in deleted for f in report.findings)
    assert by_rule(report, "core-training-grant") == []
    [ban] = by_rule(report, "core-training-ban")
    assert document.clauses[ban.clause].change == "inserted"
    assert ban.notes[0] == "this clause is a tracked insertion, not yet accepted"


def test_findings_sorted_and_rules_version_stable(tmp_path):
    status = "\n3. Status.\n3.1 Writer is an independent contractor.\n"
    path = write(tmp_path, "writer.txt", DEFINED + status)
    first = check(path, packs=[], rules=[CORE])
    keys = [(f.clause, {"high": 0, "medium": 1, "low": 2}[f.severity], f.rule) for f in first.findings]
    assert keys == sorted(keys) and len(keys) >= 2
    assert check(path, packs=[], rules=[CORE]).rules_version == first.rules_version
    assert check(path, packs=["wga"], rules=[CORE]).rules_version != first.rules_version


def test_document_scope_conflict_sits_on_the_anchor_clause(tmp_path):
    text = ("PERFORMER AGREEMENT\n\n1. Replica.\n1.1 Producer may create a digital replica of Performer.\n\n"
            "2. Term.\n2.1 All rights granted in this Agreement are perpetual.\n")
    report = check(write(tmp_path, "performer.txt", text), packs=[], rules=[CORE])
    [finding] = by_rule(report, "core-replica-forever")
    clause = report.document.clauses[finding.clause]
    assert clause.number == "1.1"
    assert [clause.text[s.start:s.end] for s in finding.spans] == ["digital replica"]
    negated = text.replace("Producer may create", "Producer shall not create")
    assert by_rule(check(write(tmp_path, "negated.txt", negated), packs=[], rules=[CORE]),
                   "core-replica-forever") == []


def test_explain_missing_rule_and_ruled_out_rule(tmp_path):
    from clausecheck.engine.explain import explain
    from clausecheck.engine.loader import load_rules
    from clausecheck.loaders import load

    rules = load_rules([], [CORE])
    protection = "The intended use of any replica is limited to the uses set out in Exhibit A."
    law = "This Agreement is governed by the laws of the State of New York."
    text = REPLICA_SPLIT.replace(protection, law)
    document = load(write(tmp_path, "performer.txt", text))
    lines = explain(document, rules.by_id["core-replica-no-specific-use"])
    assert "Clause 1.1 (page 1): trigger found" in lines
    assert "Whole document: FIRED" in lines
    assert "  note: protection found nowhere" in lines
    assert lines[-1] == "Verdict: fired 1 time(s): Clause 1.1."
    ruled_out = explain(document, rules.by_id["core-ca-buyout"])
    assert "  -> a known fact rules this rule out: it was not run." in ruled_out
    assert ruled_out[-1] == "Verdict: did not fire."


NEAR_PACK = """pack:
  name: near-test
  title: A document-scope near rule
  version: "1"
  description: test only
rules:
  - id: near-replica-forever
    title: A replica kept forever
    concern: irrevocable-consent
    kind: conflict
    severity: high
    scope: document
    sources:
      - {name: test, section: "section unverified", year: 2024}
    explanation: A replica is kept forever.
    ask: Ask for a term.
    match:
      near:
        - terms: [digital replica]
          anchor: true
        - terms: [in perpetuity]
      within: 6
    examples:
      match:
        - "Producer may keep the digital replica in perpetuity."
        - "The digital replica is held in perpetuity."
      no_match:
        - "Producer may make a digital replica.\\n\\nAll material is kept for one year."
        - "All material is kept in perpetuity."
"""


def test_document_scope_near_sits_on_the_pair_that_holds(tmp_path):
    pack = tmp_path / "near.yaml"
    pack.write_text(NEAR_PACK, encoding="utf-8")
    text = ("1. Replica.\n1.1 Producer may make a digital replica of Performer for the Picture.\n\n"
            "2. Term.\n2.1 Producer may keep the digital replica in perpetuity.\n")
    report = check(write(tmp_path, "performer.txt", text), packs=[], rules=[pack])
    [finding] = report.findings
    clause = report.document.clauses[finding.clause]
    assert clause.number == "2.1"  # not 1.1, where the replica's first mention sits alone
    assert [clause.text[s.start:s.end] for s in finding.spans] == ["digital replica", "in perpetuity"]
