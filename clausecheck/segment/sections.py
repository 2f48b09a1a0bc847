"""Numbered items that restart in each lettered or roman section: "A. / 1. 2. / B. / 1. 2." cite "B.1".

Decimals are cited as they are read; only once a later section's items start again at or below
an earlier section's numbers is it known that the plain numbers are ambiguous. Then every
decimal item directly under those sections, and everything under it, takes its section's
citation first: "1" -> "B.1", "1(a)" -> "B.1(a)", "1.2" -> "B.1.2". Sections whose numbers run
on ("I. / 1. 2. / II. / 3. 4.") keep the plain numbers.
"""

from __future__ import annotations

from collections import defaultdict

from ..labels import DECIMAL
from .drafts import Draft


def cite_restarted_sections(drafts: list[Draft]) -> None:
    """Prefix the items of sibling sections whose numbering restarts with their section's citation."""
    siblings: dict[int | None, list[int]] = defaultdict(list)
    items: dict[int, list[int]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        if draft.section:
            siblings[draft.parent].append(index)
        elif draft.parent is not None and drafts[draft.parent].section and draft.style[:1] == (DECIMAL,):
            items[draft.parent].append(index)
    renamed: dict[int, tuple[str, str]] = {}  # clause -> (its citation before, after)
    for sections in siblings.values():
        if not _restarts([[_first_number(drafts[i]) for i in items[s]] for s in sections]):
            continue
        for section in sections:
            for item in items[section]:
                old = drafts[item].number or ""
                renamed[item] = (old, f"{drafts[section].number}.{_own_number(old)}")
    for index, draft in enumerate(drafts):
        before, after = renamed.get(draft.parent, ("", "")) if draft.parent is not None else ("", "")
        if index not in renamed and before and draft.number and draft.number.startswith(before):
            renamed[index] = (draft.number, after + draft.number[len(before):])
        if index in renamed:
            draft.number = renamed[index][1]


def _restarts(numbers: list[list[int]]) -> bool:
    """Do a section's items start at or below the highest item of the sections before it?"""
    highest = 0
    for section in numbers:
        if section and highest and section[0] <= highest:
            return True
        highest = max([highest, *section])
    return False


def _own_number(citation: str) -> str:
    """A decimal clause's own number in its citation ("Exhibit A, 2.1" -> "2.1")."""
    return citation.rsplit(", ", 1)[-1]


def _first_number(draft: Draft) -> int:
    """The first number of a decimal clause ("2.1" -> 2)."""
    return int(_own_number(draft.number or "0").split(".")[0])
