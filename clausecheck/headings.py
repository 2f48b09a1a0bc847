"""Tell headings from contract text: "COMPENSATION", "Licence Grant." run-in headings, bold lead-ins."""

from __future__ import annotations

import re

from .labels import is_small_word

_RUN_IN = re.compile(
    r"(?P<h>[^\s.:;,\"“(\[][^.:;!?\n\"“”]{0,78}?)(?P<sep>\.(?=\s|$)|:(?=\s|$)|\s+[-–—]\s+)"
)
SEPARATORS = " \t.:-–—"


def is_caps_heading(text: str, *, max_len: int = 100) -> bool:
    """ALL-CAPS short text such as "COMPENSATION" or "GRANT OF RIGHTS" (at least 3 letters)."""
    stripped = text.strip()
    if not stripped or len(stripped) > max_len or "\n" in stripped:
        return False
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < 3 or any(c.islower() for c in letters):
        return False
    if stripped.endswith((",", ";")) or len(stripped.split()) > 12:
        return False
    return not re.search(r"[.!?]\s+\S", stripped)  # one phrase, not sentences


def is_title_phrase(text: str, *, max_words: int = 10) -> bool:
    """A short Title-Cased phrase: "Licence Grant", "Grant of Rights", "Term and Termination"."""
    words = text.split()
    if not words or len(words) > max_words or not words[0][0].isupper():
        return False
    for word in words:
        first = word.lstrip("(\"'“‘")[:1]
        if not first:
            return False
        if first.isalpha() and not first.isupper() and not is_small_word(word):
            return False
    return True


def split_run_in(rest: str) -> tuple[str | None, str]:
    """Split "Licence Grant. Company may..." into ("Licence Grant", "Company may...").

    Returns ``(None, rest)`` when ``rest`` does not open with a heading.
    """
    m = _RUN_IN.match(rest)
    if not m:
        return None, rest
    heading = m.group("h").strip()
    if not (is_title_phrase(heading) or is_caps_heading(heading)):
        return None, rest
    body = rest[m.end():].lstrip()
    if not body and m.group("sep").strip() not in {".", ":"}:
        return None, rest
    if body[:1].islower():
        return None, rest  # "Acme Inc. and Beta Co." is one sentence
    return heading, body


def is_heading_only(rest: str, *, allow_title: bool) -> bool:
    """A label's remaining text that is a heading on its own ("COMPENSATION", "Grant of Rights")."""
    if is_caps_heading(rest, max_len=120):
        return True
    stripped = rest.strip()
    return (
        allow_title
        and len(stripped) <= 60
        and not stripped.endswith((".", ",", ";", ":"))
        and is_title_phrase(stripped, max_words=8)
    )


def clean_heading(text: str) -> str:
    """A heading without its trailing separator: "Licence Grant." -> "Licence Grant"."""
    return text.strip().rstrip(SEPARATORS).strip()
