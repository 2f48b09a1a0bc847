"""What a labelled term ``(the "X")`` is defined as: the whole list before it, or a party's name."""

from __future__ import annotations

import pytest

from clausecheck.engine.defined import definition_scope
from clausecheck.model import Definition


@pytest.mark.parametrize(("sentence", "term", "scope"), [
    ('Writer shall deliver drafts and revisions (together, the "Work").', "Work",
     "Writer shall deliver drafts and revisions"),
    ('Contributor will submit prompts, responses and ratings (the "Content").', "Content",
     "Contributor will submit prompts, responses and ratings"),
    ('This Agreement is made between Bright Content LLC and Jane Doe ("Writer").', "Writer", "Jane Doe"),
    ('This agreement between Acme Studios, Inc. ("Producer") and Jane Q. Doe ("Writer") is dated today.',
     "Producer", "Acme Studios, Inc."),
])
def test_label_scope(sentence: str, term: str, scope: str) -> None:
    assert definition_scope(Definition(term, sentence, 0)) == scope
