"""What a labelled term means: the phrase the label names, and not the words of a document's title."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.definitions import find_definitions
from clausecheck.engine.defined import definition_scope, names_title
from clausecheck.engine.examples import example_document
from clausecheck.engine.schema import Example
from clausecheck.engine.yamlnodes import Mark

CORE = Path(__file__).resolve().parent / "data" / "rules" / "core.yaml"


def scopes(text: str) -> dict[str, str]:
    """Each term the one-clause ``text`` defines -> the words that say what it is."""
    document = example_document(Example(text, {}, Mark("test", 1, 1)))
    return {term: definition_scope(d) for term, d in find_definitions(document.clauses).items()}


def rules_fired(text: str) -> set[str]:
    """Core test rules fired on ``text`` (paragraphs = clauses), with the definitions the text makes."""
    document = example_document(Example(text, {}, Mark("test", 1, 1)))
    document = replace(document, definitions=find_definitions(document.clauses))
    return {f.rule for f in check(document, packs=[], rules=[CORE]).findings}


@pytest.mark.parametrize(("text", "term", "scope"), [
    ('Guest\'s name, voice, likeness and biography (together, "Guest Attributes") may be used in promotion.',
     "Guest Attributes", "Guest's name, voice, likeness and biography"),
    ('All scripts, outlines and notes delivered by Writer (collectively, the "Materials") belong to Company.',
     "Materials", "All scripts, outlines and notes delivered by Writer"),
    ('Producer will furnish Consultant with joke and scene variations produced by Producer\'s comedy '
     'generation platform ("Joke Drafts").', "Joke Drafts",
     "Consultant with joke and scene variations produced by Producer's comedy generation platform"),
    ('Writer may submit jokes and sketches (each, a "Contribution") through the portal.', "Contribution",
     "Writer may submit jokes and sketches"),
    # a label without a parenthesis
    ('Acme Studios LLC and Jane Doe, hereinafter collectively referred to as the "Parties", agree as '
     'follows.', "Parties", "Acme Studios LLC and Jane Doe"),
    # "entered into ... by" still ends a party's label phrase
    ('This Agreement is entered into on June 1, 2026 by Acme Studios LLC ("Producer").', "Producer",
     "Acme Studios LLC"),
])
def test_label_names_the_phrase_before_it(text: str, term: str, scope: str) -> None:
    assert scopes(text)[term] == scope


LONG_LABEL = ('All literary material written by Writer for the Series, including ideas, jokes, titles, '
              'gags, bits and suggestions, whether offered orally or on set and whether or not used or '
              'credited (collectively, the "Yield") belongs to Company.')


def test_a_long_label_phrase_keeps_its_head_noun() -> None:
    assert scopes(LONG_LABEL)["Yield"] == (
        "All literary material written by Writer for the Series; offered orally or on set and "
        "whether or not used or credited")


def test_a_long_label_phrase_expands_through_its_head_noun() -> None:
    text = LONG_LABEL + "\n\nCompany may use the Yield to train AI models."
    assert "core-training-grant" in rules_fired(text)


@pytest.mark.parametrize(("term", "scope", "title"), [
    ("Agreement", "This Creator Content and Digital Twin Agreement", True),
    ("Agreement", "This Voice Services Agreement", True),
    ("Replica", "the Digital Replica", True),
    ("Voice", "Guest's name and recorded voice", False),
    ("Materials", "All scripts, outlines and notes delivered by Writer", False),
    ("Agreement", "Agreement", False),
])
def test_names_title(term: str, scope: str, title: bool) -> None:
    assert names_title(term, scope) is title


def test_a_title_does_not_make_the_agreement_worker_material() -> None:
    text = ('This Voice and Likeness Agreement (the "Agreement") is made between Acme Ltd and Jane Doe.\n\n'
            'Company may use anything it receives under the Agreement to train AI models.')
    assert "core-training-grant" not in rules_fired(text)


@pytest.mark.parametrize("text", [
    'Performer\'s recorded voice and likeness (together, the "Performer Assets") are delivered to '
    'Company.\n\n'
    'Company may use the Performer Assets to train AI models.',
    'Producer owns the Performer\'s Voice Recording (the "Recording").\n\n'
    'Company may use the Recording to train AI models.',
])
def test_a_label_for_worker_material_still_expands(text: str) -> None:
    assert "core-training-grant" in rules_fired(text)
