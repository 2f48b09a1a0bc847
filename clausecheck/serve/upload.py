"""The upload: spooled only into a private temporary folder that lives as long as its request,
checked with :func:`clausecheck.api.check`, and rendered in the three download formats at once."""

from __future__ import annotations

import base64
import re
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO

import flask
from werkzeug.datastructures import FileStorage

from .. import api
from ..config import Config
from ..engine.schema import APPLIES
from ..model import Report
from ..render import SUFFIXES, render

# the questions the page asks, each with the values it may send (anything else counts as not given)
QUESTIONS = ("union", "state", "represented", "role")
SAFE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MEDIA_TYPES = {"html": "text/html", "json": "application/json", "md": "text/markdown"}
DOWNLOADS = ("html", "json", "md")
# PDFium may not be called from two threads at once, not even on different documents, and the
# server is threaded: one check runs at a time (a second upload waits for the first).
ONE_AT_A_TIME = threading.Lock()


class PrivateRequest(flask.Request):
    """A request whose uploaded files are spooled into its own private temporary folder (mode 0700,
    made by :class:`tempfile.TemporaryDirectory`) instead of the system's temporary folder."""

    _private: tempfile.TemporaryDirectory[str] | None = None

    def private_folder(self) -> Path:
        """This request's private folder, made on first use."""
        if self._private is None:
            self._private = tempfile.TemporaryDirectory(prefix="clausecheck-serve-")
        return Path(self._private.name)

    def discard(self) -> None:
        """Close the spooled uploads, then remove the private folder and everything in it."""
        if self._private is not None:
            self.close()
            self._private.cleanup()
            self._private = None

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        return tempfile.TemporaryFile(dir=self.private_folder())


def answers(form: Mapping[str, str]) -> dict[str, str | None]:
    """The facts the writer gave; an empty or unknown value means "not sure" (None)."""
    facts: dict[str, str | None] = {}
    for name in QUESTIONS:
        value = form.get(name) or None
        facts[name] = value if value in APPLIES[name] else None
    return facts


def display_name(filename: str | None) -> str:
    """The name the writer's file had, without folders or control characters, for the report."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    return CONTROL.sub("", name)[:200] or "contract"


@dataclass(frozen=True)
class Download:
    """One report format, ready to offer as a download link."""

    fmt: str
    label: str
    filename: str
    url: str


@dataclass(frozen=True)
class Checked:
    """A checked upload: the report and its three downloads (made in this request)."""

    name: str
    report: Report
    downloads: list[Download]

    @property
    def html_url(self) -> str:
        """The HTML report as a data: URL: the page shows it in a frame and offers it for download."""
        return next(d.url for d in self.downloads if d.fmt == "html")


def check_upload(
    upload: FileStorage, folder: Path, facts: Mapping[str, str | None], password: str | None, config: Config
) -> Checked:
    """Save ``upload`` in ``folder`` under a fixed name, check it, render HTML, JSON and Markdown.

    Raises :class:`~clausecheck.errors.ClauseCheckError` subclasses as ``check`` does.
    """
    name = display_name(upload.filename)
    suffix = PurePosixPath(name).suffix
    path = folder / ("upload" + (suffix.lower() if SAFE_SUFFIX.fullmatch(suffix) else ""))
    upload.save(path)
    packs, rules = config.rule_sources()
    with ONE_AT_A_TIME:
        report = api.check(
            path,
            packs=packs,
            rules=rules,
            context=config.context_with(dict(facts)),
            password=password,
            limits=config.limits,
        )
    report.document.path = name  # the report names the writer's file, not the private copy
    rendered = {fmt: render(report, fmt) for fmt in DOWNLOADS}
    stem = PurePosixPath(name).stem or "contract"
    downloads = [
        Download(fmt, label, f"{stem}-clausecheck{SUFFIXES[fmt]}", data_url(rendered[fmt], MEDIA_TYPES[fmt]))
        for fmt, label in (("html", "HTML"), ("json", "JSON"), ("md", "Markdown"))
    ]
    return Checked(name, report, downloads)


def data_url(text: str, media_type: str) -> str:
    """``text`` as a base64 data: URL (the download lives in the page, never on the server)."""
    return f"data:{media_type};charset=utf-8;base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}"
