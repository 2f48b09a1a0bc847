"""The HTML report: one self-contained file, safe to open from disk, readable without JavaScript.

Every string from the contract or a rule goes through jinja2's autoescape, or through
:func:`markupsafe.escape` in the two parts written here in Python for speed (the outline and the
finding cards, one item per clause or finding); the only unescaped output is clausecheck's own CSS
and JS, whose SHA-256 hashes the Content-Security-Policy allows (nothing else may run, load or be
fetched).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup, escape

from ..model import SEVERITIES, Finding, Report, Source
from .summary import Concerns, load_concerns, ordered, summarize
from .templates import environment, template_asset, upfirst
from .view import Location, Piece, file_name, location, quote_pieces, safe_url, source_text

TEMPLATE = "report/report.html.j2"
ASSUMPTION_LABELS = {
    "state": "State whose law applies",
    "represented": "Represented by",
    "role": "Your role",
    "status": "Engaged as",
    "union": "Union",
    "parties": "Who signs (a person or only businesses)",
}
DELETED_NOTE = ' <span class="change">(struck out by a tracked change)</span>'
ADDED_NOTE = ' <span class="change">(added by a tracked change)</span>'
MISSING_QUOTED = (
    '<p class="missing-note">The clause quoted above calls for a protection that the contract does not '
    "give anywhere: see below.</p>"
)
MISSING_UNQUOTED = (
    '<p class="missing-note">The contract calls for a protection that the contract does not give '
    "anywhere: see below.</p>"
)
ORIGIN_LABELS = {
    "user": "you said so",
    "contract": "read from the contract",
    "config": "from your configuration file",
    "unknown": "not known",
}


class SourceLink(NamedTuple):
    """A source's citation text and its link, or no link when its address is not http(s)."""

    text: str
    url: str | None
    raw_url: str | None


class FindingView(NamedTuple):
    """A finding with what the page needs to show it (a named tuple: one is built per finding)."""

    id: int
    anchor: str
    finding: Finding
    where: Location
    pieces: list[Piece]
    sources: tuple[SourceLink, ...]
    group_name: str
    label: str


@dataclass(frozen=True)
class ConcernSection:
    """Findings of one concern, with the concern's question and group."""

    concern: str
    question: str
    group: str
    group_name: str
    findings: list[FindingView]
    cards: Markup


def render_html(report: Report) -> str:
    """The report as one HTML page with inline CSS and JS and a restrictive CSP."""
    css, js = template_asset("report", "report.css"), template_asset("report", "report.js")
    concerns = load_concerns()
    views = [_view(report, i, f, concerns) for i, f in enumerate(report.findings)]
    aside = [_view(report, i, f, concerns, "Set aside")
             for i, f in enumerate(report.set_aside, len(report.findings))]
    summary = summarize(report)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            report=report,
            summary=summary,
            name=file_name(report),
            css=css,
            js=js,
            csp=content_security_policy(css, js),
            severities=SEVERITIES,
            groups=summary.groups,
            questions=[(q, [views[i] for i in q.findings]) for q in summary.questions],
            conflicts=_sections(report, views, concerns, ("conflict",)),
            missing=_sections(report, views, concerns, ("missing",)),
            protections=_sections(report, views, concerns, ("protection",)),
            set_aside=Markup("".join(_card(v) for v in aside)),
            outline=_outline(report, views),
            assumption_labels=ASSUMPTION_LABELS,
            origin_labels=ORIGIN_LABELS,
        )
    )


@lru_cache(maxsize=8)  # every page inlines the same stylesheet and script
def content_security_policy(css: str, js: str) -> str:
    """Allow exactly the inline style and script given, data: images, and nothing from anywhere."""
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; "
        f"script-src '{_sha256(js)}'; "
        "img-src data:; font-src 'none'; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'"
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _view(report: Report, index: int, finding: Finding, concerns: Concerns,
          label: str | None = None) -> FindingView:
    """``finding`` ready for its card; ``label`` (default: its severity, or "Protection") heads it."""
    return FindingView(
        id=index,
        anchor=f"finding-{index + 1}",
        finding=finding,
        where=location(report, finding),
        pieces=quote_pieces(report, finding),
        sources=tuple(_source_link(s) for s in finding.sources),
        group_name=concerns.group_name(finding.group),
        label=label or ("Protection" if finding.kind == "protection" else finding.severity.capitalize()),
    )


def _sections(
    report: Report, views: list[FindingView], concerns: Concerns, kinds: tuple[str, ...]
) -> list[ConcernSection]:
    """Findings of ``kinds`` grouped by concern; the concern with the most severe finding first."""
    sections: dict[str, list[FindingView]] = {}
    for i in ordered(report, kinds):
        sections.setdefault(report.findings[i].concern, []).append(views[i])
    result = []
    for concern, members in sections.items():
        known = concerns.concerns.get(concern)
        group = members[0].finding.group
        result.append(
            ConcernSection(
                concern=concern,
                question=known.question if known else "",
                group=group,
                group_name=concerns.group_name(group),
                findings=members,
                cards=Markup("".join(_card(v) for v in members)),
            )
        )
    return result


@lru_cache(maxsize=4096, typed=True)
def _escaped(value: str | int) -> Markup:
    """``escape(value)``, remembered, for the short values that repeat from finding to finding and
    report to report: a rule's ids and title, a severity, a clause number, a page."""
    return escape(value)


def _card(v: FindingView) -> str:
    """One finding as an ``<article>``: its badge and title, where it is, the quote with the matched
    words marked, why it matters, what to ask for, its sources and notes, and its rule.

    Written here rather than in the template for speed, as the outline is (see :func:`_outline`).
    Every value from the contract or a rule is escaped, as ``{{ }}`` would escape it.
    """
    f = v.finding
    kind, severity, anchor = _escaped(f.kind), _escaped(f.severity), v.anchor
    where = v.where
    if where.clause is None:
        place = "Whole document"
    else:
        place = f'<a href="#clause-{where.clause}">{escape(upfirst(where.cite))}</a>'
        if where.heading:
            place += f' &middot; <span class="heading">{escape(where.heading)}</span>'
    if where.change == "inserted":
        place += ' &middot; <span class="change">added by a tracked change</span>'
    elif where.change == "deleted":
        place += ' &middot; <span class="change">struck out by a tracked change</span>'
    parts = [
        f'<article class="finding kind-{kind} sev-{severity}" id="{anchor}" data-severity="'
        f'{"protection" if f.kind == "protection" else severity}" data-group="{_escaped(f.group)}" '
        f'aria-labelledby="{anchor}-title">\n'
        f'<h4 id="{anchor}-title"><span class="badge sev-{severity} kind-{kind}">{_escaped(v.label)}'
        f"</span> {_escaped(f.title)}</h4>\n"
        f'<p class="where">\n{place} &middot; {_escaped(v.group_name)}\n</p>\n'
    ]
    if v.pieces:
        parts.append('<blockquote class="quote">')
        parts.extend(_quote_runs(v.pieces))
        parts.append("</blockquote>\n")
    if f.kind == "missing":
        parts.append(MISSING_QUOTED if v.pieces else MISSING_UNQUOTED)
    parts.append(_advice(f.explanation, f.ask, f.kind == "protection", v.sources))
    if f.notes:
        parts.append('<ul class="notes">\n')
        parts.extend(f"<li>{escape(n)}</li>\n" for n in f.notes)
        parts.append("</ul>\n")
    parts.append(
        f'<p class="rule"><a href="#{anchor}">Finding {v.id + 1}</a> &middot; rule <code>'
        f"{_escaped(f.rule)}</code> from pack <code>{_escaped(f.pack)}</code> &middot; concern "
        f"<code>{_escaped(f.concern)}</code></p>\n</article>\n"
    )
    return "".join(parts)


def _quote_runs(pieces: list[Piece]) -> list[str]:
    """The quote's runs, the matched ones in ``<mark>``, each escaped; when escaping the whole quote
    changes nothing (it holds none of & < > ' "; about half of all quotes), the runs are used as
    they are instead of being escaped one by one."""
    whole = "".join(p.text for p in pieces)
    if len(escape(whole)) == len(whole):
        return [f"<mark>{p.text}</mark>" if p.marked else p.text for p in pieces]
    return [f"<mark>{escape(p.text)}</mark>" if p.marked else escape(p.text) for p in pieces]


@lru_cache(maxsize=1024, typed=True)
def _advice(explanation: str, ask: str, keep: bool, sources: tuple[SourceLink, ...]) -> str:
    """Why a finding matters, what to ask for (or, for a protection, to ``keep``) and what it rests
    on: a rule's words, the same on each of its findings, so written once."""
    parts = [f'<p class="why">{escape(explanation)}</p>\n']
    if ask:
        label = "What to keep" if keep else "What to ask for"
        parts.append(
            f'<div class="ask">\n<p class="ask-label">{label}</p>\n'
            f'<p class="ask-text">{escape(ask)}</p>\n</div>\n'
        )
    if sources:
        parts.append('<div class="sources">\n<p class="sources-label">Rests on</p>\n<ul>\n')
        parts.extend(_source_item(s) for s in sources)
        parts.append("</ul>\n</div>\n")
    return "".join(parts)


@lru_cache(maxsize=1024)
def _source_link(source: Source) -> SourceLink:
    """A source's citation text and its address, as a link only when it is http(s)."""
    return SourceLink(
        text=source_text(source.name, source.section, source.year),
        url=safe_url(source.url),
        raw_url=source.url,
    )


def _source_item(source: SourceLink) -> str:
    """A source as a list item: a link when its address is http(s), else the address as text."""
    text = escape(source.text)
    if source.url:
        url = escape(source.url)
        return (
            f'<li><a href="{url}" rel="noopener noreferrer">{text}</a> '
            f'<span class="url">{url}</span></li>\n'
        )
    if source.raw_url:
        return (
            f'<li>{text} <span class="url">(address not shown as a link: {escape(source.raw_url)})'
            "</span></li>\n"
        )
    return f"<li>{text}</li>\n"


def _outline(report: Report, views: list[FindingView]) -> Markup:
    """The outline's list items: every clause with a number, heading or finding, indented by level,
    with a flag per finding made against it, most severe first.

    Written here rather than in the template: one item per clause made the template's loop (an
    attribute lookup and an escape call per value) the HTML report's largest cost. Every value from
    the contract or a rule goes through :func:`markupsafe.escape`, as ``{{ }}`` would.
    """
    against: dict[int, list[FindingView]] = {}
    for view in views:
        if view.where.clause is not None:
            against.setdefault(view.where.clause, []).append(view)
    items = []
    for i, clause in enumerate(report.document.clauses):
        marked = against.get(i)
        if not (clause.number or clause.heading or marked):
            continue
        number = f'<span class="num">{_escaped(clause.number)}</span> ' if clause.number else ""
        title = escape(clause.heading or _snippet(clause.text))
        change = "" if not clause.change else DELETED_NOTE if clause.change == "deleted" else ADDED_NOTE
        flags = "".join(_flag(v) for v in sorted(marked, key=_severity_rank)) if marked else ""
        page = _escaped(clause.page)
        items.append(
            f'<li id="clause-{i}" class="lvl-{min(max(clause.level, 0), 6)}{" flagged" if marked else ""}">'
            f'{number}<span class="title">{title}</span> <span class="page">p. {page}</span>'
            f"{change}{flags}</li>\n"
        )
    return Markup("".join(items))


def _severity_rank(view: FindingView) -> int:
    return SEVERITIES.index(view.finding.severity)


def _flag(view: FindingView) -> str:
    """A link from an outline item to a finding on it ("High: ai-training")."""
    f = view.finding
    return (
        f' <a class="flag sev-{_escaped(f.severity)} kind-{_escaped(f.kind)}" href="#{view.anchor}">'
        f"{_escaped(view.label)}: {_escaped(f.concern)}</a>"
    )


def _snippet(text: str, width: int = 70) -> str:
    """The clause's first ``width`` characters, runs of white space made one space (only as much of a
    long clause is read as that needs: once the start alone is too long, the rest cannot shorten it;
    most clauses are single-spaced, so the first read is of just more than ``width`` characters)."""
    size = width + 2
    while True:
        flat = " ".join(text[:size].split())
        if len(flat) > width or size >= len(text):
            break
        size *= 4
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
