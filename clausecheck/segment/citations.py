"""How a clause is cited (``Clause.number``); the conventions are documented for users in docs/parse-json.md.

* decimal labels cite as their digits: "3.", "Section 3", "SECTION THREE.", "§ 3", "Clause 3" -> "3";
  "3.2" and "Section 3.2" -> "3.2" (``label`` keeps the label as written, "Section 3.2");
* a label that spells out its whole path is cited as written, without its closing dot:
  alphanumeric codes "A1.", "A.1", "A-1.", "B.2.1" cite as "A1", "A.1", "A-1", "B.2.1" ("A1",
  "A-1" and "4A" only with their dot, so "W2 Forms" or "I-9 Form" stay text); lettered
  paths "1.a.", "1.b.ii" as "1.a", "1.b.ii"; an inserted "4A." as "4A". Each sits under the open
  label its path starts with ("A2.1" under "A2", "A1" under the section "A.", "1.a" under "1."), and
  its sub-items append as usual ("A2(a)");
* letters, roman numerals and bracketed numbers append to their parent's citation:
  "3.2" + "(a)" + "(i)" -> "3.2(a)(i)"; "a.", "a)" and "(a)" all cite as "(a)"; with no numbered
  parent a list item cites as its bare label ("A", "(a)");
* a capital letter or roman numeral heading outside any numbered clause ("A. GRANT OF RIGHTS",
  "II. USAGE", "SECTION B - USAGE") is a section: it cites as "A" / "II" / "B" and the one-part
  decimals after it sit under it. When their numbers restart in each section ("A. / 1. 2. / B. /
  1. 2."), the items cite with their section first, joined by a dot: "B.1", "B.1(a)", "II.1.1",
  "Exhibit A, B.1" (the outline form US government contracts and policies use for items of
  lettered sections, and the form alphanumeric codes write the same place in); when they run on
  ("I. / 1. 2. / II. / 3."), they keep their plain numbers (``sections``). A section inside a
  section of the other style joins it with a dot too, as outlines do: "I. / A. / 1." cites "I.A",
  "I.A.1" (a letter with text under "I." stays a list item, "I(A)");
* articles cite as "Article IV" / "Article 4" (upper-case "ARTICLE" is title-cased), and parts,
  read as articles, as "Part B" / "Part 2"; decimals under an article keep their own numbers
  ("4.1", not "Article IV 4.1"), except one-part items that restart in each article ("ARTICLE I /
  1. / ARTICLE II / 1."), which cite "Article II, 1";
* exhibits, schedules, annexes, appendices and riders start a new top-level part cited
  "Exhibit A", "Schedule 1", "Rider A-1"; a clause inside cites as "Exhibit A, 2(a)"; an "Exhibit
  10.2" on the first line (an SEC filing's caption) is not a part;
* labels Word computed that are not numbers join their parent's citation with ", ";
* unnumbered headings, preamble paragraphs, signature blocks and a table of contents (``contents``)
  have ``number`` None;
* an unlabelled paragraph that cannot join its clause (a tracked insertion or deletion inside a
  clause that is not) becomes a child clause with no label and its clause's citation.
"""

from __future__ import annotations

from ..labels import ARTICLE, CODE, DECIMAL, EXHIBIT, Label, word_number
from .drafts import Key, State


def citation(state: State, label: Label, style: Key, parent: int | None, *, section: bool = False) -> str:
    """The full citation of a clause labelled ``label`` (in ``style``) under ``parent``.

    A ``section`` inside a section joins it with a dot, as outlines do: "I" + "A" -> "I.A".
    """
    kind = style[0]
    exhibit = state.open_exhibit()
    prefix = f"{state.drafts[exhibit].number}, " if exhibit is not None else ""
    if kind == EXHIBIT:
        word = label.word[:1].upper() + label.word[1:].lower()
        return f"{word} {label.core}".strip()
    if kind == ARTICLE:
        core = label.core
        if word_number(core) is not None:
            core = core.capitalize()
        return f"{prefix}{label.word.capitalize() or 'Article'} {core}"
    if kind in (DECIMAL, CODE):
        return prefix + label.core
    base = _numbered_ancestor(state, parent)
    if kind == "word-level":
        return label.core if base is None else f"{state.drafts[base].number}, {label.core}"
    bare = f"({label.core})" if style[1] == "()" else label.core
    if base is None:
        return prefix + bare
    draft = state.drafts[base]
    if section and draft.section:
        return f"{draft.number}.{label.core}"
    if draft.kind == "exhibit" or draft.style[:1] == (ARTICLE,):
        return f"{draft.number}, {bare}"
    return f"{draft.number}({label.core})"


def _numbered_ancestor(state: State, index: int | None) -> int | None:
    """The nearest clause at or above ``index`` that has a citation."""
    while index is not None:
        draft = state.drafts[index]
        if draft.number is not None:
            return index
        index = draft.parent
    return None
