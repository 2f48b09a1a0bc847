"""The parties a contract names in its preamble ("between Acme Studios LLC and Jane Roe")."""

from __future__ import annotations

import regex

_HEAD_CHARS = 4000
_ALIAS = (r'(?:\s*\((?:hereinafter\s+)?(?:referred\s+to\s+as\s+)?(?:the\s+)?'
          r'["“”]?(?P<{0}>[^()"“”]{{1,40}})["“”]?\))?')
_PREAMBLE = regex.compile(
    r"\bbetween\s+(?P<a>[^\n;]{2,160}?)" + _ALIAS.format("a_alias")
    + r"\s*,?\s+and\s+(?P<b>[^\n;]{2,160}?)" + _ALIAS.format("b_alias") + r"\s*(?:[,.;:(]|$)",
    regex.IGNORECASE,
)
_COMPANY = regex.compile(
    r"\b(?:inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|company|co|plc|llp|lp|gmbh|"
    r"studios?|productions?|pictures|entertainment|media|films?|networks?|labs?|technologies|ai)\b\.?$",
    regex.IGNORECASE,
)

_FIRST_PART = regex.compile(r",(?!\s*(?:inc|llc|l\.l\.c|ltd|corp|co|plc|llp|lp|gmbh)\b)", regex.IGNORECASE)


def preamble_parties(text: str) -> tuple[list[str], list[str]]:
    """``(names, aliases)`` from the first "between X and Y" in the opening of ``text``.

    Names are cut at the first comma ("Acme Studios LLC, a Delaware limited liability company" ->
    "Acme Studios LLC"); aliases are the short names in parentheses ("Company", "Writer"). Both are
    empty when the opening names no parties this way.
    """
    match = _PREAMBLE.search(text[:_HEAD_CHARS], timeout=1.0)
    if match is None:
        return [], []
    names = [_clean(match.group(side)) for side in ("a", "b")]
    aliases = [_clean(a) for a in (match.group("a_alias"), match.group("b_alias")) if a]
    return [n for n in names if n], [a for a in aliases if a]


def is_company(name: str) -> bool:
    """Whether a party name ends like a company's (Inc., LLC, Ltd, Studios, Productions ...)."""
    return bool(_COMPANY.search(name.rstrip(" .,")))


def _clean(name: str) -> str:
    name = _FIRST_PART.split(name, maxsplit=1)[0]
    name = regex.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=regex.IGNORECASE)
    return " ".join(name.split()).strip(" .\"'“”")[:80]
