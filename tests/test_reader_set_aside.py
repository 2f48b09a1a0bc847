"""The clause reader's second job: setting aside the built-in rules' conflicts it is all but sure are
false alarms. Set-aside findings stay in the report, shown apart, and count nowhere."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from render_fixtures import hostile_report

from clausecheck.api import check
from clausecheck.reader.findings import PACK, SET_ASIDE_BELOW, read_clauses
from clausecheck.render import render
from clausecheck.render.summary import summarize

CONTRACTS = Path(__file__).resolve().parent.parent / "fixtures" / "contracts"
GRANT = CONTRACTS / "writer-pilot-ai-grant.docx"  # Word numbering; ai-training conflicts on clause 4.2
BUILTIN = frozenset({"wga", "sag-aftra", "gig", "speech", "replica-laws"})


@dataclass
class FixedReader:
    """A stand-in reader: every text scores ``low`` for each concern, except those holding a marker."""

    concerns: tuple[str, ...]
    thresholds: np.ndarray
    marked: dict[str, tuple[str, float]]  # concern -> (words in the clause, its score there)
    low: float = 0.3

    def scores(self, texts: list[str]) -> np.ndarray:
        out = np.full((len(texts), len(self.concerns)), self.low, dtype=np.float32)
        for row, text in enumerate(texts):
            for column, concern in enumerate(self.concerns):
                words, score = self.marked.get(concern, ("\0", 0.0))
                if words in text:
                    out[row, column] = score
        return out


def rules_only():
    report = check(GRANT, reader=False)
    number = {i: c.number for i, c in enumerate(report.document.clauses)}
    return report, number


def test_a_rule_conflict_the_reader_rules_out_is_set_aside_with_its_score():
    report, number = rules_only()
    training = [f for f in report.findings if f.concern == "ai-training"]
    assert {number[f.clause] for f in training} == {"4.2"} and len(training) == 2
    clause_text = report.document.clauses[training[0].clause].text
    reader = FixedReader(("ai-training", "non-compete"), np.array([0.9, 0.9]),
                         {"ai-training": (clause_text[:40], 0.01)})
    kept, aside = read_clauses(report.document, report.findings, reader, {"ai-training", "non-compete"},
                               BUILTIN)
    assert [f.rule for f in aside] == [f.rule for f in training]
    assert all(f.notes[-1].startswith("Set aside: the clause reader rates this clause 1% likely")
               for f in aside)
    assert not [f for f in kept if f.concern == "ai-training"]
    assert len(kept) == len(report.findings) - 2  # nothing added: no score reached a threshold


def test_only_built_in_conflicts_of_chosen_concerns_are_set_aside():
    report, _ = rules_only()
    everything_low = FixedReader(("ai-training", "ip-assignment", "ai-disclosure"), np.array([0.9] * 3), {},
                                 low=0.0)
    chosen = {"ai-training", "ip-assignment", "ai-disclosure"}
    _, aside = read_clauses(report.document, report.findings, everything_low, chosen, BUILTIN)
    assert {f.concern for f in aside} == {"ai-training", "ip-assignment"}  # the missing one stays
    assert all(f.kind == "conflict" for f in aside)
    _, aside = read_clauses(report.document, report.findings, everything_low, chosen, {"gig"})
    assert {f.pack for f in aside} == {"gig"}  # a user's pack's findings are never second-guessed
    _, aside = read_clauses(report.document, report.findings, everything_low, {"ip-assignment"}, BUILTIN)
    assert {f.concern for f in aside} == {"ip-assignment"}  # --only / --ignore hold here too


def test_the_reader_adds_where_it_is_sure_and_no_rule_raised_the_concern():
    report, number = rules_only()
    law = next(c for c in report.document.clauses if c.number == "7.1")  # the governing-law clause
    credit = next(c for c in report.document.clauses if c.number == "5.1")  # a rule's credit-waiver
    reader = FixedReader(("non-compete", "credit-waiver"), np.array([0.9, 0.9]),
                         {"non-compete": (law.text[:30], 0.95), "credit-waiver": (credit.text[:30], 0.95)})
    kept, aside = read_clauses(report.document, report.findings, reader, {"non-compete", "credit-waiver"},
                               BUILTIN)
    added = [f for f in kept if f.pack == PACK]
    assert aside == [] and len(added) == 1  # 5.1's credit-waiver is already the rules'
    assert added[0].concern == "non-compete" and added[0].rule == f"{PACK}:non-compete"
    assert number[added[0].clause] == "7.1" and added[0].quote == law.text


def test_the_shipped_reader_sets_aside_a_protective_clause_a_rule_read_as_a_training_grant():
    """pdf-two-column.pdf: "The Performer may withdraw a consent ... and the Studio shall delete any
    model trained on the recordings" matches a training-grant rule; the reader rates it well below
    SET_ASIDE_BELOW."""
    source = CONTRACTS / "pdf-two-column.pdf"
    alone = check(source, reader=False)
    both = check(source)
    flagged = [f for f in alone.findings if f.concern == "ai-training" and f.kind == "conflict"]
    assert flagged and all("withdraw a consent" in f.quote for f in flagged)
    assert [f.rule for f in both.set_aside] == [f.rule for f in flagged]
    assert not [f for f in both.findings if f.concern == "ai-training" and f.kind == "conflict"]
    # the reader reads clause 6 ("the Performer shall be credited ...") as a credit waiver, but a
    # rule found it a credit protection, so the reader adds nothing there
    assert {f.pack for f in both.findings if f.concern == "credit-waiver"} == {"wga"}
    assert summarize(both).conflicts == summarize(alone).conflicts - len(flagged)
    assert SET_ASIDE_BELOW == 0.05


def test_every_format_shows_the_set_aside_apart_and_counts_none():
    report = hostile_report()
    aside = report.set_aside[0]
    counted = summarize(report)
    data = json.loads(render(report, "json"))
    assert [item["rule"] for item in data["set_aside"]] == [aside.rule]
    assert data["set_aside"][0]["id"] == len(data["findings"])  # ids stay unique in the report
    assert aside.rule not in {item["rule"] for item in data["findings"]}
    assert data["summary"]["verdict"] == counted.verdict
    text = render(report, "text")
    tail = text.split("Set aside (a rule matched, the clause reader rates it very unlikely; not counted):")[1]
    assert tail.lstrip().startswith("ASIDE")
    markdown = render(report, "md")
    assert "## Set aside (not counted)" in markdown and "**Set aside: Title" in markdown
    html = render(report, "html")
    assert html.count('id="set-aside"') == 1 and "1 set aside</summary>" in html
