"""A negation's scope ends where a new clause or a new predicate starts; pseudo-negation verbs inflect."""

from __future__ import annotations

import pytest
import regex

from clausecheck.engine.negation import judge


def negated(text: str, anchor: str) -> bool:
    """Is the first ``anchor`` in the one-sentence ``text`` negated?"""
    match = regex.search(r"\b" + regex.escape(anchor) + r"\b", text)
    assert match is not None
    return judge(text, (0, len(text)), match.start(), match.end()).negated


@pytest.mark.parametrize(("text", "anchor"), [
    # a conditional clause's negation stops at the comma that opens the main clause (new subject + verb)
    ("To the extent the Results are not a work made for hire, Consultant assigns them to Company.",
     "assigns"),
    ("To the extent the Results and Proceeds are not a work made for hire, Writer irrevocably assigns to "
     "Producer all rights in them.", "assigns"),
    ("If the Recordings are not used in the Picture, the Studio grants itself a licence to train models on "
     "them.", "grants"),
    ("Where the Performer does not object within ten days, they agree that Company may create a digital "
     "replica.", "agree"),
    # ", and <finite verb>": a new coordinated predicate, not an item of the negated list
    ("Writer will not be named in the credits, and waives any right to be credited.", "waives"),
    ("Guest will not receive a copy of the recordings, and acknowledges that Company owns them.",
     "acknowledges"),
    # ", without ..." after the cue's own verb: a new adverbial phrase
    ("Brand may use those digital versions to produce new advertising featuring Influencer that Influencer "
     "did not record, without further approval or payment.", "without further approval or payment"),
    ("Company may create lines the Performer did not speak, without additional compensation.",
     "without additional compensation"),
    # "nothing ... <pseudo-negation verb>" in any inflection is a double negative
    ("Nothing in this clause prevents Company from using the Voice to train AI models.", "using"),
    ("Nothing in this Agreement restricts Company from using the Voice to train AI models.", "using"),
    ("Nothing herein shall be construed as having limited Company's right to use the Materials.", "use"),
    ("Nothing in this Section prevented the Studio from exploiting the Digital Replica.", "exploiting"),
    ("No provision of this Agreement restricts Company from using the Recordings to train AI models.",
     "using"),
])
def test_scope_ends_before_a_new_clause(text: str, anchor: str) -> None:
    assert not negated(text, anchor)


@pytest.mark.parametrize(("text", "anchor"), [
    # list reach: base verbs after commas stay in the cue's list
    ("Company shall not use, copy, train on or license the Voice.", "train on"),
    ("Company shall not use, reproduce, and license the Recordings for any AI system.", "license"),
    ("Company shall not use the Recordings to create a voice model, a likeness, a digital double, or a "
     "synthetic performance, or to train any system.", "train"),
    # a "without ..." aside right after the cue, or closed by a comma before the anchor
    ("Company shall not, without Performer's prior written consent, use the Voice to train AI.", "use"),
    ("Company shall not use the Voice, without Performer's written consent, to train any AI system.",
     "train"),
    ("Company shall not use the Voice without Performer's written consent.", "without Performer"),
    # after a prohibition, ", without ..." is the prohibition's condition, not a new adverbial
    ("Neither party may assign this Agreement, in whole or in part, without the other party's written "
     "consent.", "without the other party"),
    ("Network shall not alter the jokes in the Special, without Comedian's prior approval.",
     "without Comedian"),
    ("Company is not allowed, without the explicit written approval of Performer, to use the Voice.",
     "without the explicit"),
    # a factual negation inside a prohibition: its ", without" ends only its own scope
    ("Network shall not combine material from the two tapings so as to create a punchline Comedian did not "
     "deliver, without Comedian's prior approval.", "without Comedian"),
    # a capitalised subordinate clause is not a new subject ("WHETHER SUCH LIABILITY IS ...")
    ("IN NO EVENT SHALL EITHER PARTY BE LIABLE FOR ANY DAMAGES, WHETHER SUCH LIABILITY IS ASSERTED IN "
     "CONTRACT OR TORT.", "TORT"),
    # capitalised list items after a comma are not a new subject
    ("Company shall not use the Voice, Likeness or Biographical Materials to train any model.", "train"),
    # a plural noun after ", and" is not a verb
    ("Company shall not grant options, and licenses to train models on the Recordings.", "licenses"),
    # a real prohibition next to a "nothing ... prevents" aside
    ("Nothing in this clause prevents Performer from speaking to the union, and Company shall not use the "
     "Voice to train AI.", "use"),
])
def test_negation_still_governs(text: str, anchor: str) -> None:
    assert negated(text, anchor)
