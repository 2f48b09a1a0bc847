"""Numbered items that restart in each section or article: "A. / 1. 2. / B. / 1. 2." cite "B.1".

Decimals are cited as they are read; only once a later section's one-part items ("1.", not
"4.1", which names its article itself) start again at or below an earlier section's numbers is
it known that the plain numbers are ambiguous. Then every such item, and everything under it,
takes its section's citation first: "1" -> "B.1", "1(a)" -> "B.1(a)", "1.2" -> "B.1.2". Under
articles the join is ", " as for exhibits: "Article II, 1". Sections and articles whose numbers
run on ("I. / 1. 2. / II. / 3. 4.") keep the plain numbers.
"""

from __future__ import annotations

from collections import defaultdict

from ..labels import ARTICLE, DECIMAL
from .drafts import Draft


def cite_restarted_sections(drafts: list[Draft]) -> None:
    """Prefix the items of sections (of one style) whose numbering restarts with their section's citation."""
    siblings: dict[tuple[str, ...], list[int]] = defaultdict(list)  # sections of one style, in order
    items: dict[int, list[int]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        if _divides(draft):
            siblings[draft.style].append(index)
        elif (draft.parent is not None and _divides(drafts[draft.parent]) and draft.style[:1] == (DECIMAL,)
              and draft.depth == 1):  # "1.", not "4.1", which names its article itself
            items[draft.parent].append(index)
    renamed: dict[int, tuple[str, str]] = {}  # clause -> (its citation before, after)
    for sections in siblings.values():
        if not _restarts([[_first_number(drafts[i]) for i in items[s]] for s in sections]):
            continue
        for section in sections:
            for item in items[section]:
                old = drafts[item].number or ""
                join = ", " if drafts[section].style[:1] == (ARTICLE,) else "."
                renamed[item] = (old, f"{drafts[section].number}{join}{_own_number(old)}")
    for index, draft in enumerate(drafts):
        before, after = renamed.get(draft.parent, ("", "")) if draft.parent is not None else ("", "")
        if index not in renamed and before and draft.number and draft.number.startswith(before):
            renamed[index] = (draft.number, after + draft.number[len(before):])
        if index in renamed:
            draft.number = renamed[index][1]


def _divides(draft: Draft) -> bool:
    """Is ``draft`` a lettered or roman section or an article?"""
    return draft.section or draft.style[:1] == (ARTICLE,)


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
