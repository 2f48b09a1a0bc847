"""NegEx-style negation for contract grants: does a negation cue govern the anchor match?

A cue governs the anchor when it sits in the anchor's sentence, before it, at most
:data:`MAX_GAP_WORDS` words away, with no scope terminator in between (a semicolon, "but",
"however", "provided that", "except to/for", "other than" (an exception to a prohibition is a grant),
or a new clause with its own verb: ", and Company may use"). A few cues
follow the anchor ("... is prohibited"). Pseudo-negations ("not limited to", "shall not be required
to") are masked first.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .parties import PERSON_ROLES
from .sentences import words_between

MAX_GAP_WORDS = 20
MAX_LIST_WORDS = 60  # a cue still governs a later list item this far away ("may not ... X, Y, or to train")
WINDOW = 1000
FLAGS = regex.IGNORECASE | regex.VERBOSE

PSEUDO = regex.compile(
    r"""\b(?:
        not\s+limited\s+to | without\s+limitation | (?:not|no)\s+(?:less|fewer|more|later|earlier)\s+than
      | not\s+only | whether\s+or\s+not | if\s+not | need\s+not
      | not\s+(?:be\s+)?(?:required|necessary|obligated|obliged|needed)
      | (?:shall|will|may|must|does|do|did|is|are)\s+not\s+(?:in\s+any\s+way\s+)?
        (?:prohibit|prevent|restrict|bar|preclude|forbid|stop)(?:s|ed)?
      | (?:nothing|no\s+(?:provision|term|part|clause|section|paragraph|obligation)s?)\s+
        (?:[\w.()'\u2019-]+\s+){0,8}?
        (?:shall\s+|will\s+|may\s+|is\s+intended\s+to\s+)?
        (?:(?:limit|restrict|prevent|prohibit|preclude|impair)(?:s|ed|ing)?|derogat(?:es?|ed|ing))
    )\b""",
    FLAGS,
)
# the worker keeping a right is no grant of it: "Performer keeps all rights in Performer's voice ...,
# including the right to license other digital replicas"
WORKER = ("(?:(?-i:" + "|".join(sorted((regex.escape(form) for role in PERSON_ROLES
                                        for form in (role.title(), role.upper())), key=len, reverse=True))
          + r"|I)|you)")
# an adjective that forbids the thing it qualifies ("an unauthorized use of the Replica would ..."): it
# governs its own noun phrase only, at most NOUN_CUE_WORDS words on
NOUN_CUE = regex.compile(r"(?:unauthori[sz]ed|unlicen[sc]ed|unpermitted|unapproved|impermissible)\b",
                         regex.IGNORECASE)
NOUN_CUE_WORDS = 6
CUE_BEFORE = regex.compile(
    r"""\b(?:
        (?:shall|may|will|must|can|could|should|would|does|do|did|is|are|was|were|be|has|have|had)\s+not
      | cannot | (?:can|won|shan|mustn|doesn|don|isn|aren)['\u2019]t
      | never | nor | nothing
      | in\s+no\s+(?:event|case) | under\s+no\s+circumstances? | at\s+no\s+time
      | (?:prohibited|barred|precluded|prevented|restrained|enjoined|estopped)\s+from
      | forbidden\s+(?:from|to) | refrain\s+from
      | (?:forbids?|prohibits?|bars?|prevents?|precludes?|restrains?|enjoins?)\s+
        (?:[\w'\u2019-]+\s+){0,4}?from
      | forbids?\s+(?:[\w'\u2019-]+\s+){0,4}?to
      | (?:that|ensures?|procures?|requires?)\s+no
      | reserves?\s+(?:to\s+[\w'\u2019]+\s+)?all\s+rights\s+not\s+(?:expressly\s+|specifically\s+)?
        (?:granted|licen[sc]ed|assigned|transferred)
      | rights\s+not\s+(?:expressly\s+|specifically\s+)?(?:granted|licen[sc]ed|assigned|transferred)
        (?:\s+[\w'\u2019]+){0,4}?\s+(?:are|is|shall\s+be|remain)\s+(?:hereby\s+)?(?:reserved|retained)
      | (?:agrees?|undertakes?|covenants?)\s+not\s+to
      | WORKER\s+(?:hereby\s+|expressly\s+)?(?:keeps?|retains?|reserves?)\s+
        (?:to\s+(?:himself|herself|themselves)\s+)?(?:all|every|any|the|his|her|their|its)\b
      | (?:unauthori[sz]ed|unlicen[sc]ed|unpermitted|unapproved|impermissible)
      | not\s+(?:be\s+)?(?:permitted|entitled|allowed|authori[sz]ed)\s+to
      | no\s+(?:[\w-]+\s+){0,3}?(?:right|license|licence|authority|permission)s?\s+(?:to|of|for)
    )\b""".replace("WORKER", WORKER),
    FLAGS,
)
# the anchor continues a list the cue governs: "..., or to", "and otherwise", "or for the"
# or a later item after ", or": "shall not use X to create Y, or as material for training"
LIST_TAIL = regex.compile(
    r"(?:,|\b(?:or|and|nor)\b)\s*(?:(?:or|and|nor|to|otherwise|for|in|the|any)\s+){0,3}$"
    r"|,\s*(?:or|nor)\s+(?:[\w'\u2019-]+\s+){0,4}$", regex.IGNORECASE
)
SENTENCE_START_CUE = regex.compile(r"^[\W\d]*(?:no|neither|none)\b", regex.IGNORECASE)
CUE_AFTER = regex.compile(
    r"""\W*(?:\w+\W+){0,6}?
        (?:is|are|shall\s+be|will\s+be|be)\s+(?:strictly\s+|expressly\s+)?
        (?:prohibited|forbidden|not\s+permitted|not\s+allowed)\b""",
    FLAGS,
)
# a finite verb that starts a predicate of its own: ", and waives", ", Consultant assigns", ", they agree";
# base forms after a comma stay in the cue's list ("shall not use, copy, train on or license")
FINITE = (r"(?:(?:assign|grant|waive|acknowledge|agree|consent|authori[sz]e|convey|retain|own|reserve"
          r"|represent|warrant|confirm|allow|accept|relinquish|understand|undertake|receive|acquire|obtain|become|remain)s"
          r"|is|has)\b")
# after a subject, also verbs whose -s form is often a plural noun, and plural (base) forms
SUBJECT_FINITE = (r"(?:(?:licen[sc]e|release|transfer|permit|sell)s|are|have"
                  r"|assign|grant|waive|acknowledge|agree|consent|understand)\b")
SUBJECT = (r"(?:(?!(?:whether|if|where|when|unless|although|because|which|that|who|as|in|for|to)\b)"
           r"(?-i:(?:the|such|each|either|any|its|his|her|their)\s+)?(?-i:[A-Z][\w'\u2019-]*)"
           r"(?:\s+(?-i:[A-Z][\w'\u2019-]*)){0,3}|it|he|she|they|we|you|I)")
ADVERBS = r"(?:(?:hereby|irrevocably|expressly|also|further|thereby|automatically|fully)\s+){0,3}"
TERMINATOR = regex.compile(
    r"""; | \bbut\b | \bhowever\b | \bwhereas\b | \bexcept\s+(?:that|to|for)\b | \bother\s+than\b
      | \bprovided\b(?:,?\s*however,?)?\s+that\b
      | (?:,|\band\b|\bor\b)\s+(?:[\w'\u2019]+\s+){0,4}?
        (?:may|shall|will|can|must|hereby|agrees?|(?:is|are)\s+entitled|ha(?:s|ve)\s+the\s+right)\b
        (?!\s+not\b)
      | ,\s+(?:and\s+)?SUBJECT\s+ADVERBS(?:FINITE|SUBJECT_FINITE)
      | ,\s+(?:and|but|while)\s+(?-i:[A-Z][\w'\u2019-]*)\s+(?:alone\s+|solely\s+|only\s+)?
        (?-i:[a-z]+[^s\W]s)\b
      | \b(?:payable|due|owed|owing|paid|chargeable)\s+(?:to\s+[\w'\u2019]+\s+)?(?:for|on|in\s+respect\s+of)\b
      | ,\s+and\s+ADVERBS FINITE
    """.replace("SUBJECT_FINITE", SUBJECT_FINITE).replace("SUBJECT", SUBJECT).replace("ADVERBS", ADVERBS)
    .replace("FINITE", FINITE),
    FLAGS,
)
# ", without further payment" after a factual negation's verb opens a new adverbial ("lines that
# Influencer did not record, without further payment"); after a prohibition it is the prohibition's
# condition ("shall not assign this Agreement, without consent"), and a "without ..." aside closed by a
# comma before the anchor ("... not use the Voice, without consent, to train") leaves the scope open
WITHOUT_TAIL = regex.compile(r",\s+without\b[^,]*$", regex.IGNORECASE)
FACTUAL_CUE = regex.compile(
    r"(?:does|do|did|is|are|was|were|has|have|had)\s+not|(?:doesn|don|isn|aren)['\u2019]t", regex.IGNORECASE
)
# an anchor that is itself a negative statement ("no further payment", "do not bear any royalty") is what the
# rule looks for: an earlier cue does not turn it around ("without ..." is not one: after a prohibition it is
# the prohibition's condition, "shall not use the Voice without consent")
OWN_NEGATION = regex.compile(
    r"(?:no|not|never|nor|none|(?:do|does|did|is|are|shall|will|may)\s+not)\b", regex.IGNORECASE)
PERMISSION = regex.compile(r"\s*(?:be\s+)?(?:allowed|permitted|entitled|authori[sz]ed|able)\b",
                           regex.IGNORECASE)


def _terminator(gap: str, anchor: str) -> regex.Match | None:
    """The first scope terminator that starts in ``gap``; the anchor is read with it, since the verb of
    a new clause may be the anchor itself (", Consultant assigns")."""
    stop = TERMINATOR.search(gap + anchor)
    return stop if stop and stop.start() < len(gap) else None


def _without_aside(gap: str, anchor: str) -> regex.Match | None:
    """The ", without ..." that ends the scope, when it follows a word after the cue and runs up to
    (or into) the anchor."""
    tail = WITHOUT_TAIL.search(gap + anchor.split(",", 1)[0])
    if tail and tail.start() < len(gap) and words_between(gap, 0, tail.start()) > 0:
        return tail
    return None


@functools.lru_cache(maxsize=256)
def _masked(chunk: str) -> str:
    """``chunk`` with pseudo-negations blanked out (same length)."""
    return PSEUDO.sub(lambda m: " " * len(m.group()), chunk)


@dataclass(frozen=True)
class Negation:
    """The verdict on one anchor match: the cue found (if any) and why it does or does not govern."""

    negated: bool
    cue: str | None = None
    reason: str = ""


def judge(text: str, sentence: tuple[int, int], start: int, end: int) -> Negation:
    """Is the anchor ``text[start:end]`` negated within ``sentence`` (a ``(start, end)`` pair)?

    Only a window of :data:`WINDOW` characters either side of the anchor is read, which keeps a
    huge unpunctuated clause linear (a cue further away is over the word limit anyway).
    """
    s_start, s_end = sentence
    w_start, w_end = max(s_start, start - WINDOW), min(s_end, end + WINDOW)
    masked = _masked(text[w_start:w_end])
    before = masked[: start - w_start]
    cues = list(CUE_BEFORE.finditer(before))
    if not cues and w_start == s_start and SENTENCE_START_CUE.match(before):
        cues = [SENTENCE_START_CUE.match(before)]
    after = CUE_AFTER.match(masked, end - w_start)
    if after and not TERMINATOR.search(after.group()):
        return Negation(True, after.group().strip(), "a negation follows the anchor")
    if not cues:
        return Negation(False, None, "no negation cue before it in its sentence")
    anchor = masked[start - w_start:end - w_start]
    if OWN_NEGATION.match(anchor):
        return Negation(False, None, "the anchor states its own negation")
    reason = ""
    for cue in reversed(cues):  # an earlier cue is read only when a factual one stops at ", without"
        verdict = _scope(cue.group().strip(), before[cue.end():], anchor)
        if verdict.negated or verdict.cue is not None:
            return verdict
        reason = reason or verdict.reason
    return Negation(False, cues[-1].group().strip(), reason)


def _scope(cue_text: str, gap: str, anchor: str) -> Negation:
    """Does the cue govern an anchor ``gap`` after it? The verdict's ``cue`` is None when a factual
    negation's scope ends at ", without ..." (an outer prohibition may still govern the anchor)."""
    stop = _terminator(gap, anchor)
    if stop:
        return Negation(False, cue_text, f"scope of '{cue_text}' ends at '{stop.group().strip()}'")
    if FACTUAL_CUE.fullmatch(cue_text) and not PERMISSION.match(gap):
        aside = _without_aside(gap, anchor)
        if aside:
            return Negation(False, None, f"scope of '{cue_text}' ends at '{aside.group().strip()}'")
    words = words_between(gap, 0, len(gap))
    if NOUN_CUE.match(cue_text) and words > NOUN_CUE_WORDS:
        return Negation(False, cue_text, f"'{cue_text}' qualifies a noun {words} words before it")
    if words > MAX_GAP_WORDS:
        if words <= MAX_LIST_WORDS and "," in gap and LIST_TAIL.search(gap):
            return Negation(True, cue_text, f"governed by '{cue_text}' across a list ({words} words)")
        return Negation(False, cue_text, f"'{cue_text}' is {words} words before it (over {MAX_GAP_WORDS})")
    return Negation(True, cue_text, f"governed by '{cue_text}'")
