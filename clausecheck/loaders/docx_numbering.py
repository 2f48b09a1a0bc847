"""Word's automatic numbering (numbering.xml), computed as Word and LibreOffice display it.

A paragraph is numbered by ``w:numPr`` in its own properties or in its style's basedOn chain.
``numId`` selects a ``w:num``, which points at an ``w:abstractNum`` (perhaps through
``numStyleLink``/``styleLink``) and may override levels (``lvlOverride``: ``startOverride`` restarts
the list, ``lvl`` replaces a level). Counters are kept per abstractNum; each level's ``lvlText``
("%1.%2", "(%3)", "ARTICLE %1") is filled with every level's counter in that level's own ``numFmt``
(``isLgl`` forces Arabic numerals). Bullets are not clause labels: their label is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree

from .docx_parts import W
from .docx_styles import Styles, on_off, wattr

_W = f"{{{W}}}"
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}


@dataclass(frozen=True)
class Level:
    """One list level: where it starts, how it is shown and when it restarts."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    legal: bool = False


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, Level] = field(default_factory=dict)
    starts: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Numbered:
    """A numbered paragraph: its displayed label (None for bullets and blank formats) and level."""

    label: str | None
    level: int


def format_number(value: int, fmt: str) -> str | None:
    """``value`` written in Word number format ``fmt``; None for bullets."""
    if fmt == "bullet":
        return None
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    if fmt in ("cardinalText", "ordinalText") and 0 <= value < 100:
        words = _cardinal(value)
        if fmt == "ordinalText":
            words = _ordinal_words(words)
        return words[0].upper() + words[1:]
    return str(value)


def _roman(value: int) -> str:
    if value <= 0:
        return str(value)
    out = []
    for amount, numeral in _ROMAN:
        while value >= amount:
            out.append(numeral)
            value -= amount
    return "".join(out)


def _cardinal(value: int) -> str:
    if value < 20:
        return _ONES[value]
    tens, ones = divmod(value, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def _ordinal_words(words: str) -> str:
    head, _, last = words.rpartition("-")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last


def _read_level(element: etree._Element) -> tuple[int, Level]:
    def val(tag: str) -> str | None:
        return wattr(element.find(_W + tag))

    start = _int(val("start"), 1)
    restart = val("lvlRestart")
    return _int(wattr(element, "ilvl"), 0), Level(
        start=start,
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        restart=_int(restart, 0) if restart is not None else None,
        legal=bool(on_off(element.find(_W + "isLgl"))),
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Numbering:
    """Numbers paragraphs in document order; call :meth:`number` once per paragraph, in order."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.styles = styles
        self._abstract: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}
        self._num_style_link: dict[str, str] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        if root is not None:
            self._read(root)

    def _read(self, root: etree._Element) -> None:
        for element in root.iterchildren(_W + "abstractNum"):
            key = wattr(element, "abstractNumId") or ""
            self._abstract[key] = dict(_read_level(lvl) for lvl in element.iterchildren(_W + "lvl"))
            link = wattr(element.find(_W + "styleLink"))
            if link:
                self._style_link[link] = key
            num_link = wattr(element.find(_W + "numStyleLink"))
            if num_link:
                self._num_style_link[key] = num_link
        for element in root.iterchildren(_W + "num"):
            num = _Num(abstract=wattr(element.find(_W + "abstractNumId")) or "")
            for override in element.iterchildren(_W + "lvlOverride"):
                ilvl = _int(wattr(override, "ilvl"), 0)
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    num.overrides[ilvl] = _read_level(lvl)[1]
                start = wattr(override.find(_W + "startOverride"))
                if start is not None:
                    num.starts[ilvl] = _int(start, 1)
            self._nums[wattr(element, "numId") or ""] = num

    def _resolve(self, abstract: str) -> str:
        """Follow ``numStyleLink`` to the abstractNum that defines the levels."""
        for _ in range(4):
            link = self._num_style_link.get(abstract)
            if link is None:
                break
            target = self._style_link.get(link)
            if target is None:
                num_id, _ = self.styles.numbering(link)
                num = self._nums.get(num_id or "")
                target = num.abstract if num else None
            if target is None or target == abstract:
                break
            abstract = target
        return abstract

    def _levels(self, num: _Num, abstract: str) -> dict[int, Level]:
        levels = dict(self._abstract.get(abstract, {}))
        levels.update(num.overrides)
        for ilvl, start in num.starts.items():
            levels[ilvl] = replace(levels.get(ilvl, Level()), start=start)
        return levels

    def number(self, num_id: str | None, ilvl: int | None, style_id: str | None) -> Numbered | None:
        """Advance the counters for one paragraph and return its label, or None if it is not numbered.

        ``num_id``/``ilvl`` come from the paragraph's own ``w:numPr`` (None when absent);
        ``style_id`` is its paragraph style.
        """
        if num_id is None:
            num_id, style_ilvl = self.styles.numbering(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        num = self._nums.get(num_id or "")
        if num is None or num_id == "0":
            return None
        abstract = self._resolve(num.abstract)
        levels = self._levels(num, abstract)
        ilvl = max(0, min(ilvl or 0, 8))
        counters = self._counters.setdefault(abstract, [None] * 9)
        if num_id not in self._used:
            self._used.add(num_id)
            for restarted in num.starts:
                counters[restarted] = None
        level = levels.get(ilvl, Level())
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        return Numbered(self._label(level, levels, counters), ilvl)

    @staticmethod
    def _label(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str | None:
        if level.fmt == "bullet":
            return None

        def fill(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            other = levels.get(index, Level())
            value = counters[index]
            value = other.start if value is None else value
            fmt = "decimal" if level.legal and other.fmt not in ("none", "bullet") else other.fmt
            return format_number(value, fmt) or ""

        label = _PLACEHOLDER.sub(fill, level.text).strip()
        return label or None

