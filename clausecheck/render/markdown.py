"""The report as Markdown, for email and union forums.

Every value the template prints is escaped (jinja2 ``finalize``), so contract text cannot open a
link, an image, raw HTML or a heading; only values wrapped in :class:`MdSafe` by this module pass as
they are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import jinja2

from ..model import Finding, Report
from .html import ASSUMPTION_LABELS, ORIGIN_LABELS
from .summary import load_concerns, ordered, summarize
from .view import file_name, location, quote_pieces, readable_time, safe_url, source_text

TEMPLATE = "report/report.md.j2"
SECTIONS = (
    ("Clauses to raise", ("conflict",)),
    ("Missing protections", ("missing",)),
    ("Protections found", ("protection",)),
)
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
_LINE_START = re.compile(r"^([-+=>]|\d+[.)])")


class MdSafe(str):
    """Markdown this module built from escaped parts; printed without further escaping."""


def md_escape(text: str) -> str:
    """``text`` on one line with every character Markdown or HTML would act on escaped.

    The template never starts a line with a value, so list and heading markers need no escape.
    """
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _finalize(value: Any) -> str:
    return value if isinstance(value, MdSafe) else md_escape(value)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("clausecheck", "templates"),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["when"] = readable_time
    return env


def render_markdown(report: Report) -> str:
    """The report as a Markdown document."""
    concerns = load_concerns()
    summary = summarize(report)

    def card(finding: Finding) -> dict[str, Any]:
        return {
            "f": finding,
            "where": location(report, finding),
            "quote": md_quote(report, finding),
            "sources": MdSafe(
                "; ".join(md_source(s.name, s.section, s.year, s.url) for s in finding.sources)
            ),
            "group_name": concerns.group_name(finding.group),
        }

    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            report=report,
            name=file_name(report),
            summary=summary,
            sections=[
                (heading, [card(report.findings[i]) for i in ordered(report, kinds)])
                for heading, kinds in SECTIONS
                if ordered(report, kinds)
            ],
            aside=[card(finding) for finding in report.set_aside],
            asked=[
                (q, [location(report, report.findings[i]).cite for i in q.findings])
                for q in summary.questions
            ],
            assumption_labels=ASSUMPTION_LABELS,
            origin_labels=ORIGIN_LABELS,
        )
    )


def md_quote(report: Report, finding: Finding) -> MdSafe:
    """The quote with the matched words in bold, every piece escaped."""
    parts = []
    for piece in quote_pieces(report, finding):
        lead = " " if piece.text[:1].isspace() else ""
        tail = " " if piece.text[-1:].isspace() and piece.text.strip() else ""
        body = _SPECIAL.sub(r"\\\1", " ".join(piece.text.split()))
        if piece.marked and body:
            body = f"**{body}**"
        parts.append(lead + body + tail)
    return MdSafe(_LINE_START.sub(r"\\\1", re.sub(" {2,}", " ", "".join(parts)).strip()))


def md_source(name: str, section: str, year: int | None, url: str | None) -> str:
    """A source as a Markdown link when its address is http(s), else as escaped text."""
    text = md_escape(source_text(name, section, year))
    link = safe_url(url)
    if link is None:
        return text
    return f"[{text}](<{quote(link, safe=':/?#@!$&*+,;=%~-._')}>)"
