"""A negation governs every item of the list it opens, even past the usual 20-word reach."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.engine.examples import example_document
from clausecheck.engine.schema import Example
from clausecheck.engine.yamlnodes import Mark

CORE = Path(__file__).resolve().parent / "data" / "rules" / "core.yaml"


def rules_fired(text: str) -> set[str]:
    document = example_document(Example(text, {}, Mark("test", 1, 1)))
    return {f.rule for f in check(document, packs=[], rules=[CORE]).findings}


@pytest.mark.parametrize("text", [
    "Company may not use the Materials to create sound-alike recordings, promotional materials, trailers, "
    "video games, merchandise, podcasts, audiobooks, or derivative works of any kind whatsoever, or to train "
    "any AI model.",
    "Company shall not, and shall not authorise any third party to, use the Materials, in whole or in part, "
    "to sublicense, sell, adapt, translate, publish, broadcast or otherwise exploit them, or to train any "
    "machine learning model.",
])
def test_cue_reaches_a_far_list_item(text: str) -> None:
    assert "core-training-grant" not in rules_fired(text)


@pytest.mark.parametrize("text", [
    # far from the cue and not a list item: a new subject and verb
    "Writer shall not be entitled to approve the budget, the schedule, the casting, the director, the "
    "locations, the music or the marketing plan of the Picture, and Company's right to use the Materials "
    "to train AI models is unlimited.",
    # a list, but more than 60 words from the cue
    "Company may not " + ", ".join(["use the Materials in advertising for products"] * 9)
    + ", or to train AI models.",
])
def test_far_cue_without_a_short_list_does_not_reach(text: str) -> None:
    assert "core-training-grant" in rules_fired(text)
