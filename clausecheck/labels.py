"""Numbering labels at the start of a paragraph: "1.", "3.2", "(a)", "(iv)", "Section 5", "ARTICLE IV".

:func:`find_label` reads the label a paragraph starts with, if any, and returns a :class:`Label`
with every style it could be in: "(i)" is both a letter and a roman numeral, and only the
segmenter, which knows the previous sibling, can choose. Shared by the segmenter and the text
loader (which starts a new paragraph at a line that opens with a label).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_WORD_NUMBERS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"
]

# Styles. Decimal-like labels ("1.", "1.1", "Section 5.2", "§ 3", "Clause 7") share the style
# "decimal" and nest by their parts; the others nest in the order they first appear.
DECIMAL = "decimal"
ARTICLE = "article"
EXHIBIT = "exhibit"
CODE = "code"  # a label spelling out its whole path: "A1.", "A.1", "B-2.", "B.2.1", "1.a.", "1.b.ii", "4A."

_PART_WORDS = (
    r"EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment|ADDENDUM|Addendum"
    r"|RIDER|Rider"
)

_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_NUMBER = (
    r"(?i:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_WORD_NUMBERS[:9]) + r"))?|"
    + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
)
_ARTICLE_RE = re.compile(  # "PART B", "Part 2" divide a contract as articles do
    r"(?P<word>ARTICLE|Article|PART|Part)\s+(?P<core>[IVXLC]+|\d{1,3}|" + _WORD_NUMBER + r"|[A-Z])\b\.?"
)
_SECTION_WORD_RE = re.compile(r"(?P<word>SECTION|Section)\s+(?P<core>" + _WORD_NUMBER + r")\b\.?")
_SECTION_LETTER_RE = re.compile(  # "SECTION B - USAGE", "Section IV." (lettered sections of a contract)
    r"(?P<word>SECTION|Section)\s+(?P<core>[IVX]{1,4}|[A-Z])(?![A-Za-z0-9])\.?"
)
_SECTION_RE = re.compile(
    r"(?P<word>SECTION|Section|Sec\.|SEC\.|CLAUSE|Clause|§§?|Paragraph|PARAGRAPH)\s*"
    r"(?P<core>\d{1,3}(?:\.\d{1,3}){0,7})(?![\d,])\.?"
)
_EXHIBIT_RE = re.compile(
    r"(?P<word>" + _PART_WORDS + r")"
    r"(?:\s+(?P<core>[A-Z]-?\d{1,3}|\d{1,3}(?:\.\d{1,3})?|[A-Z]{1,2}(?![A-Za-z])))?(?![A-Za-z])\.?"
)
_DECIMAL_RE = re.compile(r"(?P<core>\d{1,3}(?:\.\d{1,3}){1,7})\.?(?=\s|$)|(?P<single>\d{1,3})\.(?=\s|$)")
_PAREN_RE = re.compile(r"\((?P<core>[a-z]{1,2}|[A-Z]{1,2}|[ivxlc]{1,6}|[IVXLC]{1,6}|\d{1,3})\)(?=\s|$)")
_CLOSE_RE = re.compile(r"(?P<core>[a-z]|[ivx]{1,5}|[A-Z]|\d{1,3})\)(?=\s)")
_DOT_RE = re.compile(r"(?P<core>[a-z]|[ivx]{2,5}|[A-Z]|[IVX]{2,5})\.(?=\s)")
_CODE_RE = re.compile(
    r"(?:(?P<core>[A-Z]\.?\d{1,3}(?:\.\d{1,3}){1,5}|[A-Z]\.\d{1,3}"  # A.1, B.2.1, A2.1
    r"|\d{1,3}(?:\.\d{1,3}){0,5}\.[a-z]{1,2}(?:\.(?:[ivx]{1,5}|\d{1,3}))?)\.?"  # 1.a, 2.1.b, 1.b.ii
    r"|(?P<tight>[A-Z]-?\d{1,3}|\d{1,3}[A-Z])\.)(?=\s)"  # A1., A-1., 4A. (after 4) need their dot
)
_CODE_PARTS = re.compile(r"\d+[A-Z]$|\d+|[A-Za-z]+")
_NOT_PART_IDS = frozenset(["AN", "AS", "AT", "BY", "IN", "OF", "ON", "OR", "TO"])
_SMALL_WORDS = frozenset([
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with"
])


@dataclass(frozen=True)
class Label:
    """A label found at the start of a paragraph.

    ``text`` is the label as written ("Section 5.2", "(a)"); ``end`` the offset in the paragraph
    where the label ends; ``styles`` the styles it may be in, most likely first (each a
    ``(style, form)`` pair such as ``("lower", "()")``); ``core`` the bare number or letter
    ("5.2", "a", "IV"); ``word`` the leading word for Section/Article/Exhibit labels.
    """

    text: str
    end: int
    core: str
    styles: tuple[tuple[str, str], ...]
    word: str = ""

    @property
    def likely_style(self) -> str:
        """The name of the most likely style: "decimal", "lower", "roman"..."""
        return self.styles[0][0]

    @property
    def parts(self) -> tuple[int, ...]:
        """The numeric parts of a decimal label: "5.2" -> (5, 2)."""
        return tuple(int(p) for p in self.core.split("."))


def roman_value(text: str) -> int | None:
    """The value of a roman numeral (either case), or None if ``text`` is not one."""
    low = text.lower()
    if not low or not _ROMAN.match(low):
        return None
    total = 0
    for i, ch in enumerate(low):
        value = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[low[i + 1]] if i + 1 < len(low) else 0
        total += -value if value < nxt else value
    return total


def letter_value(core: str) -> int:
    """a=1 ... z=26, aa=27 (doubled letters continue the alphabet); either case."""
    return (len(core) - 1) * 26 + ord(core[0].lower()) - ord("a") + 1


def word_number(text: str) -> int | None:
    """ "Four" -> 4, "Twenty-One" -> 21 (one to ninety-nine), else None."""
    low = text.lower().replace(" ", "-")
    if low in _WORD_NUMBERS:
        return _WORD_NUMBERS.index(low) + 1
    tens, _, unit = low.partition("-")
    if tens not in _TENS or (unit and unit not in _WORD_NUMBERS[:9]):
        return None
    return 20 + 10 * _TENS.index(tens) + (_WORD_NUMBERS.index(unit) + 1 if unit else 0)


LIST_OPENERS = frozenset(["a", "i", "A", "I", "1"])  # the cores that may open a list


def list_value(style: str, core: str) -> int | None:
    """A list label's place in its list in ``style``: "c" -> 3, "iv" -> 4 as a numeral, "2" in "(2)" -> 2.

    None for styles that are not lists of letters, numerals or bracketed numbers, and for a
    letter that is no roman numeral.
    """
    if style in ("roman", "upper-roman"):
        return roman_value(core)
    if style in ("lower", "upper"):
        return letter_value(core)
    if style == "paren-decimal":
        return int(core)
    return None


def _letter_styles(core: str, form: str) -> tuple[tuple[str, str], ...]:
    """Styles for a letter-or-roman core, most likely first (a lone "i" reads as roman)."""
    upper = core.isupper()
    letter = ("upper" if upper else "lower", form)
    roman = ("upper-roman" if upper else "roman", form)
    if roman_value(core) is None:
        return (letter,)
    if (len(core) > 1 and len(set(core)) > 1) or len(core) > 2:
        return (roman,)
    if len(core) == 2:  # "ii" or "aa"-style double letters
        return (roman, letter)
    return (roman, letter) if core.lower() == "i" else (letter, roman)


def find_label(text: str) -> Label | None:
    """The numbering label ``text`` starts with, or None.

    A "Section 5"-style reference followed by a lowercase word ("Section 5 of this Agreement
    survives") is a sentence, not a label; so is "Exhibit A attached hereto".
    """
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    if not stripped:
        return None
    head = stripped[0]
    if head in "AaSsCc§PpEeRr":
        found = _word_label(stripped)
        if found is not None:
            label_text, end, core, styles, word = found
            return Label(label_text, offset + end, core, styles, word)
    if head.isdigit():
        m = _DECIMAL_RE.match(stripped)
        if m:
            core = m.group("core") or m.group("single")
            return Label(m.group(0), offset + m.end(), core, ((DECIMAL, "."),))
        m = _CLOSE_RE.match(stripped)
        if m:
            return Label(m.group(0), offset + m.end(), m.group("core"), (("decimal-paren", ")"),))
        return _code_label(stripped, offset)
    if head.isupper() and (found := _code_label(stripped, offset)) is not None:
        return found
    if head == "(":
        m = _PAREN_RE.match(stripped)
        if not m:
            return None
        core = m.group("core")
        if core.isdigit():
            return Label(m.group(0), offset + m.end(), core, (("paren-decimal", "()"),))
        if len(core) == 2 and roman_value(core) is None and core[0] != core[1]:
            return None  # "(ab)" is not a label; "(aa)" is
        return Label(m.group(0), offset + m.end(), core, _letter_styles(core, "()"))
    if head.isalpha():
        for pattern, form in ((_CLOSE_RE, ")"), (_DOT_RE, ".")):
            m = pattern.match(stripped)
            if m and not m.group("core").isdigit():
                core = m.group("core")
                rest = stripped[m.end():].lstrip()
                if form == "." and (not rest or not (rest[0].isupper() or rest[0] in "\"“(")):
                    return None  # "A. Smith" reads fine, "a. the" or "e.g." does not
                return Label(m.group(0), offset + m.end(), core, _letter_styles(core, form))
    return None


def _code_label(text: str, offset: int) -> Label | None:
    """An alphanumeric code ("A1.", "B.2.1", "1.a.", "4A.") followed by a capitalised word or a quote."""
    m = _CODE_RE.match(text)
    if m is None:
        return None
    rest = text[m.end():].lstrip()
    if not rest or not (rest[0].isupper() or rest[0] in "\"“("):
        return None
    return Label(m.group(0), offset + m.end(), m.group("core") or m.group("tight"), ((CODE, ""),))


def code_parts(core: str) -> tuple[str, ...]:
    """The path a label spells out: "A.2.1" -> ("A", "2", "1"), "1.b.ii" -> ("1", "b", "ii"), "4A" -> ("4A",).

    Works on any label's core ("A" -> ("A",), "5.2" -> ("5", "2")), so codes nest under them.
    """
    return tuple(_CODE_PARTS.findall(core))


def _word_label(text: str) -> tuple[str, int, str, tuple[tuple[str, str], ...], str] | None:
    """The "Section 5", "ARTICLE IV" or "Exhibit A" that opens ``text``: (text, end, core, styles, word)."""
    m = _ARTICLE_RE.match(text)
    if m and _reads_as_label(text, m.end()):
        return m.group(0), m.end(), m.group("core"), ((ARTICLE, ""),), m.group("word")
    m = _SECTION_RE.match(text)
    if m and _reads_as_label(text, m.end()):
        return m.group(0), m.end(), m.group("core"), ((DECIMAL, "."),), m.group("word")
    m = _SECTION_WORD_RE.match(text)
    if m and _reads_as_label(text, m.end()):  # "SECTION TWENTY-ONE." cites as "21"
        return m.group(0), m.end(), str(word_number(m.group("core"))), ((DECIMAL, "."),), m.group("word")
    m = _SECTION_LETTER_RE.match(text)
    if m and _reads_as_label(text, m.end()):  # read as "B." / "IV.": a section, cited "B"
        return m.group(0), m.end(), m.group("core"), _letter_styles(m.group("core"), "."), m.group("word")
    m = _EXHIBIT_RE.match(text)
    if m and m.group("core") in _NOT_PART_IDS:
        m = None
    if m and _reads_as_part_title(text, m.end()):
        return m.group(0), m.end(), m.group("core") or "", ((EXHIBIT, ""),), m.group("word")
    return None


def _reads_as_label(text: str, end: int) -> bool:
    """After "Section 5": end of text, a separator, or a capitalised word, not "of this Agreement"."""
    rest = text[end:]
    if not rest.strip():
        return True
    if not rest[0].isspace() and rest[0] not in ".:-–—":
        return False
    rest = rest.lstrip(" \t.:-–—")
    return not rest or (not rest[0].islower() and not rest.startswith(("(", ",")))


def _reads_as_part_title(text: str, end: int) -> bool:
    """ "EXHIBIT A" alone, or followed by a separator or a title; never "Exhibit A attached hereto"."""
    rest = text[end:]
    if not rest.strip():
        return True
    if rest[0] not in " \t\n.:-–—":
        return False
    first_line = rest.strip(" \t.:-–—").split("\n", 1)[0]
    if not first_line:
        return True
    if first_line.isupper():
        return True
    words = first_line.split()
    return len(words) <= 10 and all(w[0].isupper() or not w[0].isalpha() or w in _SMALL_WORDS for w in words)


def is_small_word(word: str) -> bool:
    """Words a Title-Cased heading may keep in lower case ("Grant of Rights")."""
    return word in _SMALL_WORDS
