"""Renderers: one module per output format, all built on :mod:`clausecheck.render.summary`."""

from __future__ import annotations

from ..model import Report

FORMATS: tuple[str, ...] = ("text", "html", "json", "md")
SUFFIXES: dict[str, str] = {"text": ".txt", "html": ".html", "json": ".json", "md": ".md"}


def render(report: Report, fmt: str, *, color: bool = False, quiet: bool = False) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`). ``color`` and ``quiet`` apply to text only."""
    if fmt == "text":
        from .text import render_text

        return render_text(report, color=color, quiet=quiet)
    if fmt == "html":
        from .html import render_html

        return render_html(report)
    if fmt == "json":
        from .json import render_json

        return render_json(report)
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(report)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
