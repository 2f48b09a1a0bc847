"""Word styles (styles.xml): names, basedOn chains, numbering, outline levels and bold."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .docx_parts import W

_W = f"{{{W}}}"
_HEADING = re.compile(r"^(?:heading|überschrift|titre|título|titolo)\s*(\d)$", re.IGNORECASE)
_FALSE = {"0", "false", "off", "none"}
_CONTENTS = re.compile(r"^toc(?: \d| heading)$", re.IGNORECASE)


def wattr(element: etree._Element | None, name: str = "val") -> str | None:
    """The ``w:``-namespaced attribute ``name`` of ``element`` (None when either is missing)."""
    return None if element is None else element.get(_W + name)


def on_off(element: etree._Element | None) -> bool | None:
    """A Word on/off property: None when absent, else whether it is switched on."""
    if element is None:
        return None
    return (wattr(element) or "true").lower() not in _FALSE


@dataclass
class Style:
    """One style's own (not inherited) properties."""

    style_id: str
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    bold: bool | None
    page_break: bool | None


class Styles:
    """Style lookup with basedOn inheritance."""

    def __init__(self, root: etree._Element | None) -> None:
        self._elements: dict[str, etree._Element] = {}
        self._styles: dict[str, Style | None] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for element in root.iterchildren(_W + "style"):
            style_id = wattr(element, "styleId") or ""
            self._elements.setdefault(style_id, element)
            if (wattr(element, "type") == "paragraph" and self.default_paragraph is None
                    and (wattr(element, "default") or "").lower() in {"1", "true", "on"}):
                self.default_paragraph = style_id

    def get(self, style_id: str | None) -> Style | None:
        """The style ``style_id`` (read on first use), or None."""
        if not style_id:
            return None
        if style_id not in self._styles:
            element = self._elements.get(style_id)
            self._styles[style_id] = _read_style(element) if element is not None else None
        return self._styles[style_id]

    def chain(self, style_id: str | None) -> list[Style]:
        """``style_id`` and the styles it is based on, nearest first (cycles cut)."""
        chain: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.get(style_id)
            if style is None:
                break
            chain.append(style)
            style_id = style.based_on
        return chain

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) inherited through the basedOn chain; an absent ilvl means level 0."""
        for style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None

    def heading_level(self, style_id: str | None) -> int | None:
        """0-based heading level from a Heading N / Title style or an inherited outline level."""
        for style in self.chain(style_id):
            match = _HEADING.match(style.name.strip())
            if match:
                return int(match.group(1)) - 1
            if style.name.strip().lower() in {"title", "subtitle"}:
                return 0
            if style.outline is not None and style.outline < 9:
                return style.outline
        return None

    def is_contents(self, style_id: str | None) -> bool:
        """Whether ``style_id`` is a table-of-contents style ("toc 1".."toc 9", "TOC Heading")."""
        return any(_CONTENTS.match(style.name.strip()) for style in self.chain(style_id))

    def page_break_before(self, style_id: str | None) -> bool:
        """Whether paragraphs in style ``style_id`` start a new page by inheritance."""
        for style in self.chain(style_id):
            if style.page_break is not None:
                return style.page_break
        return False

    def bold(self, style_id: str | None) -> bool:
        """Whether text in style ``style_id`` is bold by inheritance."""
        for style in self.chain(style_id):
            if style.bold is not None:
                return style.bold
        return False


def _read_style(element: etree._Element) -> Style:
    ppr = element.find(_W + "pPr")
    num_pr = ppr.find(_W + "numPr") if ppr is not None else None
    num_id = wattr(num_pr.find(_W + "numId")) if num_pr is not None else None
    ilvl = wattr(num_pr.find(_W + "ilvl")) if num_pr is not None else None
    outline = wattr(ppr.find(_W + "outlineLvl")) if ppr is not None else None
    rpr = element.find(_W + "rPr")
    return Style(
        style_id=wattr(element, "styleId") or "",
        name=wattr(element.find(_W + "name")) or "",
        based_on=wattr(element.find(_W + "basedOn")),
        num_id=num_id,
        ilvl=_int(ilvl),
        outline=_int(outline),
        bold=on_off(rpr.find(_W + "b")) if rpr is not None else None,
        page_break=on_off(ppr.find(_W + "pageBreakBefore")) if ppr is not None else None,
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
