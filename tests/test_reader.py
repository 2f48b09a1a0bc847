"""The clause reader: its scores, the findings it adds beside the rules', and how to turn it off."""

from __future__ import annotations

import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from contract_files import write_docx, write_pdf, write_text

from clausecheck import api
from clausecheck.cli import cli
from clausecheck.errors import ConfigError
from clausecheck.loaders import load
from clausecheck.reader.features import features, stem
from clausecheck.reader.model import MODEL_FILE, builtin

ROOT = Path(__file__).resolve().parent.parent
PARTIES = 'This agreement is between Jane Doe ("Writer") and Big Studio LLC ("Studio").'
# clauses 1 and 2 are matched by rules; 3 and 4 by no rule, and the reader flags them
OFFER = ["WRITER AGREEMENT", PARTIES,
         "1. Everything the Writer creates while engaged here, including ideas, outlines and notes, "
         "belongs to the Company from the moment it exists.",
         "2. Contributor is not an employee and is responsible for all of Contributor's own taxes and "
         "equipment.",
         "3. The Writer will not be named on screen or in any publicity unless the Company chooses "
         "otherwise.",
         "4. The Company may use Narrator's name, picture and life story in connection with any of its "
         "products."]


def reference_scores(texts: list[str]) -> np.ndarray:
    """The model's scores worked out the slow, plain way from :func:`features` (as scikit-learn's
    TfidfVectorizer and LogisticRegression compute them), to check the fast path against."""
    reader = builtin()
    with np.load(ROOT / "clausecheck" / "reader" / MODEL_FILE) as arrays:
        index = {name: row for row, name in enumerate(arrays["features"].item().split("\n"))}
    out = np.zeros((len(texts), len(reader.concerns)))
    for number, text in enumerate(texts):
        counts = Counter(f for f in features(text) if f in index)
        if counts:
            rows = [index[f] for f in counts]
            weights = np.array([(1 + math.log(n)) * reader.idf[r] for n, r in zip(counts.values(), rows,
                                                                                  strict=True)])
            weights /= np.linalg.norm(weights)
            out[number] = 1 / (1 + np.exp(-(weights @ reader.weights[rows] + reader.bias)))
    return out


def test_stems_and_features():
    assert stem("licensing") == stem("licensed") == "licens"
    assert stem("uses") == "uses" and stem("train") == "train"  # four letters or fewer: kept whole
    found = features("The Company may use the Materials to train models.")
    assert "u:company" in found and "b:may_use" in found and "s:use_material" in found
    assert "s:the_company" not in found and "s:company_may" in found  # stop words make no near pairs


@pytest.mark.parametrize("name", ["gig-contributor-terms.pdf", "credit-game-narrative-contract.docx",
                                  "consent-participant-release.txt"])
def test_fast_scores_equal_the_reference(contracts, name):
    texts = [c.text for c in load(contracts / name).clauses] + ["", "the of and", "zzzz qqqq 12"]
    assert np.abs(builtin().scores(texts) - reference_scores(texts)).max() < 1e-5


def test_the_words_it_remembers_stay_bounded(monkeypatch):
    reader = builtin()
    monkeypatch.setattr("clausecheck.reader.model.MAX_REMEMBERED", 50)
    texts = [" ".join(f"word{n}x{m}" for m in range(40)) + " the Company may use the Materials"
             for n in range(5)]
    first = [reader.scores([text]) for text in texts]
    assert len(reader.words) <= 50 + 45  # cleared before a call when over the limit
    assert all(np.array_equal(a, reader.scores([t])) for a, t in zip(first, texts, strict=True))


def test_the_reader_adds_what_no_rule_found(tmp_path):
    report = api.check(write_text(tmp_path, OFFER))
    by_clause = {(report.document.clauses[f.clause].number, f.concern, f.pack) for f in report.findings}
    assert ("1", "ip-assignment", "wga") in by_clause
    assert ("3", "credit-waiver", "reader") in by_clause
    assert ("4", "name-likeness", "reader") in by_clause
    added = [f for f in report.findings if f.pack == "reader"]
    assert all(f.sources == [] and f.rule == "reader:" + f.concern and f.kind == "conflict" for f in added)
    assert all(f.quote == report.document.clauses[f.clause].text for f in added)
    assert not {(f.clause, f.concern) for f in added} & {(f.clause, f.concern) for f in report.findings
                                                          if f.pack != "reader"}
    assert report.rules_version.endswith("+reader-" + builtin().meta["data"][:8])
    assert report.packs[-1].name == "reader"


@pytest.mark.parametrize("writer", [write_docx, write_pdf])
def test_the_reader_reads_word_and_pdf_files_alike(tmp_path, writer):
    report = api.check(writer(tmp_path, OFFER))
    flagged = {(report.document.clauses[f.clause].number, f.concern)
               for f in report.findings if f.pack == "reader"}
    assert {("3", "credit-waiver"), ("4", "name-likeness")} <= flagged


def test_no_reader_on_a_contract_between_businesses(tmp_path):
    offer = ["SERVICES AGREEMENT",
             'This agreement is between Acme Media LLC ("Client") and Northwind Studios Inc. ("Vendor").',
             *OFFER[2:]]
    report = api.check(write_text(tmp_path, offer))
    assert not [f for f in report.findings if f.pack == "reader"]
    assert "+reader" not in " ".join(p.name for p in report.packs)


def test_only_and_ignore_reach_the_reader(tmp_path):
    path = write_text(tmp_path, OFFER)
    assert {f.concern for f in api.check(path, only=["credit-waiver"]).findings} == {"credit-waiver"}
    assert "name-likeness" not in {f.concern for f in api.check(path, ignore=["name-likeness"]).findings}


def test_no_reader_flag_and_setting(tmp_path, monkeypatch):
    path = write_text(tmp_path, OFFER)
    runner = CliRunner()
    with_reader = runner.invoke(cli, ["check", str(path), "--format", "json", "--fail-on", "never"])
    without = runner.invoke(cli, ["check", str(path), "--format", "json", "--fail-on", "never",
                                  "--no-reader"])
    assert '"pack": "reader"' in with_reader.output and '"pack": "reader"' not in without.output
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clausecheck.toml").write_text("reader = false\n", encoding="utf-8")
    configured = runner.invoke(cli, ["check", str(path), "--format", "json", "--fail-on", "never"])
    assert configured.exit_code == 0 and '"pack": "reader"' not in configured.output
    (tmp_path / "clausecheck.toml").write_text('reader = "no"\n', encoding="utf-8")
    broken = runner.invoke(cli, ["check", str(path)])
    assert isinstance(broken.exception, ConfigError)
    assert "reader must be true or false, not 'no'" in str(broken.exception)


def test_the_terminal_report_marks_the_readers_findings(tmp_path):
    output = CliRunner().invoke(cli, ["check", str(write_text(tmp_path, OFFER)), "--fail-on", "never"]).output
    assert "credit-waiver (reader: no rule matched)  clause 3" in output
    assert "ip-assignment (reader" not in output


def test_explain_says_a_reader_finding_has_no_rule(tmp_path):
    path = write_text(tmp_path, OFFER)
    result = CliRunner().invoke(cli, ["explain", str(path), "--rule", "reader:credit-waiver"])
    assert "a finding of the clause reader, a learnt model, not a rule" in str(result.exception)


def test_the_shipped_model_was_trained_on_the_current_data():
    """Changing a labelled set or a paraphrase file means training the reader again (and committing
    reader.npz): scripts/train_reader.py --check compares the data's digest with the model's."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_reader.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
