"""Who signs: whether every party named in the preamble is a business.

A contract between companies ("by and between Acme, Inc., a Delaware corporation ("Buyer"), and Kestrel
LLC ("Supplier")") has no individual worker to protect, so worker-side rules (gags, arbitration,
non-competes, contractor status) do not apply to it. The answer is ``business`` only when at least two
parties are named, each with an entity marker (Inc., LLC, Ltd., "a Delaware corporation" ...), and
nothing in the preamble points to a person ("an individual", "you", a party defined as "Writer").
Anything less certain is no answer: the rules then run as before.
"""

from __future__ import annotations

import regex

PREAMBLE_SPAN = 4000
PARTY_LIST_SPAN = 1500
# where the party list starts: "between", "Parties:", or a preamble that ends at "made" with the parties
# listed below it ("THIS AGREEMENT is dated 1 May 2026 and made" + "BETWEEN" as a heading + "(1) ACME ...")
BETWEEN = regex.compile(
    r"\b(?:by\s+and\s+)?(?:between|among)\b\s*:?|\bParties\b\s*:?|\bmade\b(?=[ \t]*\n)"
    r"|(?m:^)[ \t]*THIS\s+(?:AGREEMENT|DEED|CONTRACT)\b[^\n.]{0,80}(?=[ \t]*\n)",
    regex.IGNORECASE,
)
PARTY_LIST_END = regex.compile(
    r"\b(?:WHEREAS|WITNESSETH|RECITALS|BACKGROUND|NOW,?\s+THEREFORE|agree\s+as\s+follows)\b"
    r"|\b(?:Whereas|Recitals|Background)\b"
)
DEFINED_NAME = regex.compile(
    r"\(\s*(?:the\s+|each\s+|hereinafter\s+|herein\s+)?(?:(?:referred\s+to\s+|called\s+)?as\s+)?"
    r"(?:the\s+)?[\"\u201c](?P<name>[^\"\u201d]{1,60})[\"\u201d][^()]{0,80}\)"
    # an English preamble's unquoted role: "(the Supplier)", "(Customer)"
    r"|\((?:the\s+)?(?P<name>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}))\)"
    r"|\b(?:hereinafter|herein)\s+(?:referred\s+to\s+|called\s+)?as\s+(?:the\s+)?"
    r"[\"\u201c](?P<name>[^\"\u201d]{1,60})[\"\u201d]",
    regex.IGNORECASE,
)
ENTITY = regex.compile(
    r"\b(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|LTD|Corp|CORP|L\.P|LP|LLP|PLC|plc|GmbH|S\.A|S\.A\.S|N\.V|B\.V|AG"
    r"|Pty|S\.p\.A|SpA|K\.K)\b|\bCo(?=[.,])"
    r"|\b(?i:incorporated|limited|corporation|company|bank|trust|university|partnership"
    r"|association|foundation|enterprise)\b"
)
PERSON = regex.compile(
    r"\b(?:(?:an|the|any|each)\s+individual|individuals?\s+(?:who|whose|residing)|a\s+natural\s+person"
    r"|residing\s+at|resident\s+of|you|your|f/s/o"
    # a loan-out furnishing a person's services, not a group's ("the musical group known as ...")
    r"|furnishing\s+the\s+services\s+of(?!\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){0,2}?(?:group|band|ensemble"
    r"|orchestra|choir|troupe|company|crew|collective|members)\b)"
    r"|an?\s+(?:(?:full|part)[\s-]time\s+)?(?:student(?:-athlete)?|athlete|citizen|minor))\b(?!ly)"
    r"|\b(?:Mr|Mrs|Ms|Dr)\.(?=\s)",
    regex.IGNORECASE,
)
PERSON_ROLES = frozenset(
    name.casefold() for name in (
        "Writer", "Author", "Screenwriter", "Performer", "Artist", "Actor", "Talent", "Voice Actor",
        "Narrator", "Player", "Contributor", "Annotator", "Rater", "Tasker", "Evaluator", "Labeler",
        "Labeller", "Employee", "Executive", "Freelancer", "Worker", "Creator", "Model", "Influencer",
        "You", "Individual", "Athlete", "Student-Athlete", "Student", "Participant", "Host", "Presenter",
        "Instructor", "Singer", "Musician", "Composer", "Ghostwriter", "Translator", "Stand-In", "Double",
        "Reader", "Guest",
        # a person's heirs and estate stand in for the person (a deceased performer's likeness)
        "Estate", "Heirs", "Executor",
    )
)
NOT_PARTIES = regex.compile(
    r"\b(?:agreement|(?:effective|execution|commencement)\s+date|part(?:y|ies)|terms?|schedule|exhibit)\b",
    regex.IGNORECASE,
)
SENTENCE_END = regex.compile(
    r"(?<!\b(?:Inc|Ltd|LTD|Corp|CORP|Co|No|St|Ste|Blvd|Ave|Rd|Mr|Mrs|Ms|Dr|[A-Z]|[A-Z]\.[A-Z]|[A-Z]\.[A-Z]\.[A-Z]))"
    r"\.\s+(?=[A-Z])"
)
LEADING_CONNECTOR = regex.compile(r"^[\s,;:]*(?:and\s+|&\s+)?", regex.IGNORECASE)
TRAILING_SPLIT = regex.compile(r"(?:^|[\s,;])(?:and|&)\s|;", regex.IGNORECASE)
TAIL_END = regex.compile(r"[;\n\"\u201c(]|\.\s")


def business_parties(text: str) -> str | None:
    """The preamble's party list when every party in it is a business, else None."""
    head = text[:PREAMBLE_SPAN]
    for start in BETWEEN.finditer(head):
        listing = head[start.end():start.end() + PARTY_LIST_SPAN]
        end = PARTY_LIST_END.search(listing)
        listing = listing[:end.start()] if end else listing
        names = _party_names(listing)
        if len(names) < 2:
            continue
        roles = {m.group("name").strip().casefold() for m in names}
        if PERSON.search(listing[:names[-1].end() + 200]) or roles & PERSON_ROLES:
            return None
        if all(ENTITY.search(party) for party in _descriptions(listing, names)):
            return " ".join((start.group() + listing[:names[-1].end()]).split())
        return None
    return None


def _party_names(listing: str) -> list[regex.Match[str]]:
    """The defined names of the parties: the first two, then more until a sentence ends."""
    names = [m for m in DEFINED_NAME.finditer(listing) if not NOT_PARTIES.search(m.group("name"))]
    for i in range(2, len(names)):
        if SENTENCE_END.search(listing, names[i - 1].end(), names[i].start()):
            return names[:i]
    return names


def _descriptions(listing: str, names: list[regex.Match[str]]) -> list[str]:
    """Each party's words: those before its defined name, plus what follows it up to the next "and"."""
    out = []
    previous = 0
    for i, name in enumerate(names):
        before = listing[previous:name.start()]
        if i:
            split = TRAILING_SPLIT.search(before)
            trailing, before = (before[:split.start()], before[split.end():]) if split else ("", before)
            out[-1] += " " + trailing
        out.append(LEADING_CONNECTOR.sub("", before))
        previous = name.end()
    tail = listing[previous:previous + 200]
    end = TAIL_END.search(tail)
    out[-1] += " " + (tail[:end.start()] if end else tail)
    return out
