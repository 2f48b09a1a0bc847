"""List items and their lead-in: "Creator authorizes Network, during the Term, to: (i) ...; (ii) ...".

A list item alone lacks what its lead-in says (the grant, the negation, the payment words) and the lead-in
lacks the item's object. A clause whose parent's text ends in a lead-in (a colon or dash, "the following",
"including", "to", "on", ...) is therefore read after the lead-in's last sentence (see :mod:`.reading`); a
lead-in that is itself a bare list item under a lead-in brings its own lead-in too. An item that defines a
term ('"Model" means ...' under "In this Agreement:") is complete alone.
"""

from __future__ import annotations

import regex

from ..model import Clause
from .sentences import split_sentences

# the end of a lead-in: a colon or dash, or a word that needs the list to finish the sentence
LEADIN_END = regex.compile(
    r"""(?:[:\u2013\u2014]\s*[-\u2013\u2014]?|\s-
      | \b(?:the\s+following|as\s+follows|including|includes?|namely|to|on|in|of|for|that|which|by|with
            |from|whether|may|shall|will|must|can)
    )$""",
    regex.IGNORECASE | regex.VERBOSE,
)
# a lead-in that names a whole whose items are instances ("reserves all rights, including:"): each item
# stands alone, so a finding whose words reach into the item sits on the item even when its anchor does not
ILLUSTRATIVE = regex.compile(r"\b(?:including|includes?|such\s+as|in\s+particular|namely|for\s+example)\W*$",
                             regex.IGNORECASE)
DEFINES = regex.compile(r"^\W*[\"\u201c][^\"\u201c\u201d\n]{1,80}[\"\u201d]\s*(?:\([^()]{0,80}\)\s*)?"
                        r"(?:shall\s+mean|means|mean|shall\s+include|includes?|has\s+the\s+meanings?|refers?\s+to)\b",
                        regex.IGNORECASE)
TAIL = 80  # characters read at the end of a clause for its lead-in
MAX_DEPTH = 3  # lead-ins read above an item (a list inside a list inside a list)

Slice = tuple[int, int, int]  # (clause index, start, end) of a clause's text


def is_leadin(clause: Clause) -> bool:
    """Does the clause's text end in a lead-in that a list completes?"""
    tail = clause.text[-TAIL:].rstrip()  # the end is all that counts: a long clause is not searched through
    return clause.kind not in ("heading", "signature") and LEADIN_END.search(tail) is not None


def lead_ins(clauses: list[Clause], index: int, cache: dict[int, bool]) -> list[Slice]:
    """The lead-in sentences above list item ``index``, outermost first ([] for anything else);
    ``cache`` remembers which clauses are lead-ins."""
    clause = clauses[index]
    if clause.label is None or DEFINES.match(clause.text):
        return []
    chain: list[Slice] = []
    parent = clause.parent
    while parent is not None and len(chain) < MAX_DEPTH:
        above = clauses[parent]
        if parent not in cache:
            cache[parent] = above.change != "deleted" and is_leadin(above)
        if not cache[parent]:
            break
        text = above.text.rstrip()
        start = split_sentences(text)[-1][0]
        chain.insert(0, (parent, start, len(text)))
        if start > 0 or above.label is None:
            break
        parent = above.parent
    return chain
