"""Negation cues found in the fourth session: prohibitions imposed on others ("will forbid every Licensee
to use", "prohibit its licensees from", "ensure that no Licensee uses"), passive bars ("is barred from"),
"None of", a later ", or ..." item of a long negated list, and "shall not prohibit/prevent" as a double
negative; scope ends at ", and <Name> decides" and at "payable for"; an anchor that states its own negation.
Judged directly, then through clausecheck.api.check on whole clauses."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from contract_files import rules_check as check

from clausecheck.engine.negation import judge


def negated(text: str, anchor: str) -> bool:
    """Is the first ``anchor`` in the one-sentence ``text`` negated?"""
    match = regex.search(r"\b" + regex.escape(anchor) + r"\b", text)
    assert match is not None
    return judge(text, (0, len(text)), match.start(), match.end()).negated


@pytest.mark.parametrize(("text", "anchor"), [
    ("Neither the Company nor its licensees shall use the Recordings to train any model.", "train"),
    ("Company will forbid every Licensee to use the Recordings to train any AI model.", "train"),
    ("Company shall prohibit its licensees from using the Recordings to train any AI model.", "train"),
    ("Company shall ensure that no Licensee uses the Recordings to train AI.", "train"),
    ("Company is barred from using the Recordings to train AI.", "train"),
    ("Studio is precluded from using the Voice to create a digital replica.", "create"),
    ("None of the Recordings may be used to train AI.", "train"),
    # a reservation of the rights not granted keeps what it lists from being granted
    ("Owner reserves all rights not expressly granted, including:\nall rights to use the Property, or to "
     "license its use, to train, fine-tune or develop any generative artificial intelligence.", "train"),
    ("All rights not expressly licensed are reserved to Artist, including the right to license her voice and "
     "likeness to any other person.", "likeness"),
    ("Organizer shall not use, and shall not permit any vendor or photographer to use, any photograph or "
     "recording of Guest to create an artificial or synthetic likeness or voice of Guest, or as material "
     "for training any artificial intelligence or machine learning system.", "training"),
])
def test_negated(text: str, anchor: str) -> None:
    assert negated(text, anchor)


@pytest.mark.parametrize(("text", "anchor"), [
    # the negation ends at the semicolon: the second part is a grant
    ("We do not use Your Content to train; any Content you submit becomes ours and may be used to train "
     "our models.", "used"),
    # "shall not prohibit / does not restrict X from" is a double negative: a permission
    ("Company shall not prohibit Writer from using the Material to train AI.", "train"),
    ("This Agreement does not restrict Company from using the Recordings to train AI.", "train"),
    # a prohibition on others ends where a new clause with its own verb starts
    ("Company shall prevent any third party from accessing the Recordings, and Company may use the "
     "Recordings to train AI.", "train"),
    # "nothing in Clause 5.5 prevents" is a double negative even with a clause number in between
    ("Nothing in Clause 5.5 prevents Company from using the Contributions within its own post-production "
     "pipeline to teach and refine its dubbing software.", "teach"),
    # a new clause with its own subject and verb ends the scope (", and Halcyon alone decides")
    ("You will not be named in any product or publication, and Halcyon alone decides whether any person is "
     "identified as the author.", "decides"),
    ("Localizer will not be listed in the credits of any game, and Publisher decides alone whether and how "
     "any localization is credited.", "decides"),
    # a negated payment does not negate what it is not paid for: the use still happens
    ("No royalty or other sum is payable for Output rendered for testing, quality review or demonstrations, "
     "or for refining the accuracy of the Voice Model.", "refining"),
    ("Writer shall not be paid for rewrites requested by Company.", "rewrites"),
    # an anchor that states its own negation is what the rule looks for
    ("Sums received from the platform are not Net Receipts and do not bear any royalty.",
     "do not bear any royalty"),
    # "bar" as a noun, "no" after other words than that/ensure/procure/require
    ("The bar to entry is low and Company may use the Recordings to train AI.", "train"),
    ("Writer reserves all rights not granted herein, and Company may use the Script to train AI.", "train"),
    ("Company may use the Recordings at no cost to train AI.", "train"),
])
def test_not_negated(text: str, anchor: str) -> None:
    assert not negated(text, anchor)


def kinds(tmp_path: Path, clause: str, concern: str) -> set[str]:
    path = tmp_path / "contract.txt"
    path.write_text("CONTRIBUTOR AGREEMENT\n\n1. Services. Contributor records voice samples.\n\n"
                    f"2. {clause}\n", encoding="utf-8")
    report = check(path)
    return {f.kind for f in report.findings if f.concern == concern and f.clause is not None
            and report.document.clauses[f.clause].number == "2"}


def test_a_prohibition_imposed_on_licensees_is_a_protection(tmp_path: Path) -> None:
    clause = ("We will not use any Contribution, and will forbid every Licensee to use any Contribution, to "
              "create or operate a digital replica of the Contributor's voice.")
    assert kinds(tmp_path, clause, "digital-replica") == {"protection"}


def test_a_long_negated_list_reaches_its_last_item(tmp_path: Path) -> None:
    clause = ("Organizer shall not use, and shall not permit any vendor or photographer to use, any "
              "photograph or recording of Guest to create an artificial or synthetic likeness or voice of "
              "Guest, or as material for training any artificial intelligence or machine learning system.")
    assert "conflict" not in kinds(tmp_path, clause, "ai-training")
    assert "protection" in kinds(tmp_path, clause, "ai-training")


def test_a_double_negative_with_a_clause_number_is_a_grant(tmp_path: Path) -> None:
    clause = ("Nothing in Clause 1.2 prevents Company from using the Recordings within its own "
              "post-production pipeline to teach and refine its dubbing and lip-adjustment software for "
              "other productions.")
    assert "conflict" in kinds(tmp_path, clause, "ai-training")
