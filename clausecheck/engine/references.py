"""Cross-references to a grant made elsewhere: "The licence in Section 2.1 continues after the Term",
"In consideration of the authorizations in Section 2, ...", "The rights granted in this Section 4 may not be
withdrawn".

Such a clause says how long, for what pay or how firmly a grant holds, but the grant's words are in the
clause it names, so it is read a second time with that clause's text (and its sub-clauses', up to
:data:`MAX_CHARS`) after its own (see :mod:`.reading`). Only a grant named by its kind (the licence,
rights, authorisations, permissions, consents, grant) is followed, not every mention of a number:
"Notwithstanding Section 4.2", "payment under Section 3" or "the purposes described in Section 5.1" do not
import the words of the clause they name (on the tuning sets, following those added more false findings
than true ones). A reference to the clause itself or to nothing the document numbers is ignored.
"""

from __future__ import annotations

import bisect

import re2
import regex

from ..model import Document
from .leadin import Slice

KINDS = r"(?:section|clause|paragraph|article|schedule|exhibit|annex|appendix|attachment)s?"
NUMBER = r"(?P<number>[A-Z0-9]+(?:[.\-][A-Z0-9]+)*(?:\([A-Za-z0-9]{1,4}\))*)"
# a further number in a list or range ("Sections 3.05 and 3.06", "Sections 2.03 through 2.05"): "4.1", "3(a)",
# "III.C", "IV(B)", "A", never a word ("Section 4.4, Artist's")
LISTED = r"(?:\d+[A-Za-z]?(?:\.\w+)*|(?-i:[IVXLC]+|[A-Z])(?![\w'\u2019])(?:\.\w+)*)(?:\([A-Za-z0-9]{1,4}\))*"
SEPARATOR = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s(?:and|or|through|to)\s|\s*\u2013\s*)"
MORE = rf"(?P<more>(?:{SEPARATOR}{LISTED})*)"
ITEM = regex.compile(rf"(?P<range>\s(?:through|to)\s|\s*\u2013\s*)?(?P<number>{LISTED})", regex.IGNORECASE)
THROUGH = "\u2026"  # marks a number that ends a range: "Sections 2.03 through 2.05" -> "2.03", "\u20262.05"
# the grant named by its kind, then where it is: "licence granted in Section 2.1", "consents in this clause 3"
REFERENCE = regex.compile(
    r"""\b(?:licen[cs]es?|authori[sz]ations?|grants?|rights?|consents?|permissions?)
        \s+(?:(?:granted|given|made|conferred)\s+)?(?:in|under|by)
        \s+(?:this\s+)?(?P<kind>""" + KINDS + r")\s+" + NUMBER + MORE,
    regex.IGNORECASE | regex.VERBOSE,
)
# a looser REFERENCE for RE2 (no word boundaries, any non-word run for a space): wherever REFERENCE matches,
# this matches too, whatever Unicode spaces or letters surround it
SCREEN = re2.compile(
    r"(?i)(?:licen[cs]e|authori[sz]ation|grant|right|consent|permission)s?\W+(?:(?:granted|given|made|conferred)\W+)?"
    r"(?:in|under|by)\W+(?:this\W+)?(?:section|clause|paragraph|article|schedule|exhibit|annex|appendix|attachment)")
# ... after a determiner or a possessive and at most two words: "the", "every", "Performer's", "any rights"
DETERMINED = regex.compile(r"(?:\b(?:the|any|every|all|each|such)|(?-i:[A-Z][\w-]*)['\u2019]s)\s+"
                           r"(?:[\w'\u2019-]+\s+){0,2}$", regex.IGNORECASE)
PREFIX = regex.compile(r"^(?:section|clause|paragraph|article|\u00a7)")
# the kinds whose number is cited alone ("5.1"); the others keep their name ("Exhibit A")
NUMBERED = frozenset(["section", "clause", "paragraph", "article"])
MAX_CHARS = 1500  # of referenced text read per clause


def key(number: str) -> str:
    """A clause number in a form both its citation and a reference to it share: "II(C)" and "II.C",
    "5.1(a)" and "5.1.a", "Exhibit A" and "exhibit a"."""
    folded = number.casefold().replace("(", ".").replace(")", "").replace(" ", "").replace(",", "")
    return PREFIX.sub("", folded).strip(".")


def citations(text: str) -> list[tuple[int, str, str]]:
    """``(offset, kind, number)`` of each clause that ``text`` cites as a grant made elsewhere, in order (a
    number that ends a range starts with :data:`THROUGH`)."""
    found = []
    for m in REFERENCE.finditer(text):
        if DETERMINED.search(text, max(0, m.start() - 60), m.start()):
            kind = m.group("kind").casefold().rstrip("s")
            found += [(m.start(), kind, number) for number in listed(m.group("number"), m.group("more"))]
    return found


def listed(first: str, more: str) -> list[str]:
    """The numbers of a citation's list: ``first``, then each in ``more`` (", 3.06", " through 2.05")."""
    return [first] + [(THROUGH if item.group("range") else "") + item.group("number")
                      for item in ITEM.finditer(more)]


def expand_ranges(document: Document, cited: list[tuple[str, str]],
                  keys: dict[str, int]) -> list[tuple[str, str]]:
    """``cited`` ``(kind, number)`` with each range end (:data:`THROUGH`) replaced by the clause numbers from
    the one after the range's start up to it, in document order."""
    out: list[tuple[str, str]] = []
    for kind, number in cited:
        if not number.startswith(THROUGH):
            out.append((kind, number))
            continue
        end, start = keys.get(key(number[1:])), keys.get(key(out[-1][1])) if out else None
        if end is None or start is None or end <= start:
            out.append((kind, number[1:]))
            continue
        out += [(kind, c.number) for c in document.clauses[start + 1:end + 1] if c.number]
    return out


def citing(document: Document) -> dict[int, list[tuple[str, str]]]:
    """Clause index -> the ``(kind, number)`` of the grants it cites. RE2 (linear, ten times quicker here)
    scans the document's text once for a looser pattern; the exact one runs only on the clauses it hits."""
    starts = [c.start for c in document.clauses]
    hit = {bisect.bisect_right(starts, m.start()) - 1 for m in SCREEN.finditer(document.text)}
    found: dict[int, list[tuple[str, str]]] = {}
    for index in sorted(i for i in hit if i >= 0):
        cited = [(kind, number) for _, kind, number in citations(document.clauses[index].text)]
        if any(number.startswith(THROUGH) for _, number in cited):
            cited = expand_ranges(document, cited, number_keys(document))
        if cited:
            found[index] = cited
    return found


def referenced(document: Document, index: int, cited: list[tuple[str, str]],
               keys: dict[str, int]) -> list[Slice]:
    """The clauses that clause ``index`` cites (``cited``, from :func:`citing`), each with its sub-clauses,
    as slices of their texts (document order, at most :data:`MAX_CHARS` characters in all); ``keys`` maps
    each clause number's :func:`key` to its clause (:func:`number_keys`)."""
    clauses = document.clauses
    slices: list[Slice] = []
    taken: set[int] = set()
    budget = MAX_CHARS
    for kind, number in cited:
        target = keys.get(key(number) if kind in NUMBERED else key(f"{kind} {number}"))
        if target is None or target == index:
            continue
        for clause in subtree(document, target):
            if clause == index or clause in taken or clauses[clause].change == "deleted" or budget <= 0:
                continue
            taken.add(clause)
            size = min(len(clauses[clause].text), budget)
            slices.append((clause, 0, size))
            budget -= size
    return [s for s in slices if s[2] > 0]


def number_keys(document: Document) -> dict[str, int]:
    """:func:`key` of every clause number -> the first clause with it."""
    keys: dict[str, int] = {}
    for index, clause in enumerate(document.clauses):
        if clause.number:
            keys.setdefault(key(clause.number), index)
    return keys


def subtree(document: Document, root: int) -> list[int]:
    """``root`` and the clauses below it, in document order (they follow it until a clause is not below)."""
    clauses = document.clauses
    inside = {root}
    order = [root]
    for i in range(root + 1, len(clauses)):
        if clauses[i].parent not in inside:
            break
        inside.add(i)
        order.append(i)
    return order
