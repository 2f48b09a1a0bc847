"""The Flask app: the upload page (``GET /``), the check (``POST /check``) and friendly error pages.

Every request passes :mod:`.security`'s guards first; every response carries its headers. Nothing
is kept between requests: the upload lives in the request's private folder, removed at teardown,
and the report and its downloads go out in the one response.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import TracebackType
from typing import Any, ClassVar

import flask
import jinja2
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

from ..config import Config
from ..engine.context import STATES
from ..errors import ClauseCheckError, EncryptedPDF
from ..limits import MiB
from ..render.summary import summarize
from .messages import NO_FILE, detail, friendly
from .security import TOKEN_FIELD, host_ok, page_policy, same_origin, security_headers, token_ok
from .upload import PrivateRequest, answers, check_upload

FORM_SLACK = 64 * 1024  # room for the form's other fields next to a file of the largest size allowed
SAFE_METHODS = ("GET", "HEAD")


@dataclass
class Counts:
    """What the server did, the only thing it records: checks made, checks failed, requests refused."""

    checked: int = 0
    failed: int = 0
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + 1)


class ServeApp(flask.Flask):
    """Flask with private upload spooling, autoescaped templates and no traceback in the log."""

    request_class = PrivateRequest
    jinja_options: ClassVar[dict[str, Any]] = {
        "autoescape": True,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }

    def log_exception(
        self, exc_info: tuple[type, BaseException, TracebackType] | tuple[None, None, None]
    ) -> None:
        """One line naming the kind of bug: a traceback could quote the contract."""
        kind = exc_info[0].__name__ if exc_info[0] is not None else "unknown"
        print(f"clausecheck serve: internal error ({kind}); please report it", file=sys.stderr)


def create_app(*, token: str, host: str, port: int, config: Config | None = None) -> ServeApp:
    """The app for a server bound to ``host``:``port`` whose requests must carry ``token``."""
    config = config or Config()
    app = ServeApp(__name__, template_folder=str(resources.files("clausecheck") / "templates" / "serve"))
    app.config["MAX_CONTENT_LENGTH"] = config.limits.max_file_bytes + FORM_SLACK
    counts = Counts()
    app.extensions["clausecheck"] = counts
    css, js = asset("serve", "serve.css"), asset("serve", "serve.js")
    policy = page_policy((css, asset("report", "report.css")), (js, asset("report", "report.js")))
    headers = security_headers(policy)

    @app.before_request
    def guard() -> None:
        request = flask.request
        if not host_ok(request.headers.get("Host"), host, port):
            flask.abort(403)
        safe = request.method in SAFE_METHODS
        if not safe and not same_origin(request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site"),
                                        request.host):
            flask.abort(403)
        given = request.args.get(TOKEN_FIELD) if safe else request.form.get(TOKEN_FIELD)
        if not token_ok(given, token):
            flask.abort(403)

    @app.after_request
    def secure(response: flask.Response) -> flask.Response:
        response.headers.update(headers)
        return response

    @app.teardown_request
    def discard(_error: BaseException | None) -> None:
        request = flask.request
        if isinstance(request, PrivateRequest):
            request.discard()

    @app.context_processor
    def assets() -> dict[str, Any]:
        return {"css": css, "js": js, "token": token, "token_field": TOKEN_FIELD}

    @app.get("/")
    def index() -> str:
        return flask.render_template("form.html.j2", **form_context(answers({})))

    @app.post("/check")
    def check() -> tuple[str, int] | str:
        request = flask.request
        assert isinstance(request, PrivateRequest)
        facts = answers(request.form)
        password = request.form.get("password") or None
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            return flask.render_template("form.html.j2", **form_context(facts, problem=NO_FILE)), 400
        try:
            checked = check_upload(upload, request.private_folder(), facts, password, config)
        except ClauseCheckError as error:
            counts.add("failed")
            context = form_context(
                facts,
                problem=friendly(error, password_given=password is not None),
                problem_detail=detail(error),
                ask_password=isinstance(error, EncryptedPDF),
            )
            return flask.render_template("form.html.j2", **context), 422
        counts.add("checked")
        return flask.render_template("result.html.j2", checked=checked, summary=summarize(checked.report))

    @app.errorhandler(403)
    def forbidden(_error: HTTPException) -> tuple[str, int, dict[str, str]]:
        counts.add("refused")
        return "Forbidden\n", 403, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_error: HTTPException) -> tuple[str, int]:
        counts.add("refused")
        limit = readable_size(config.limits.max_file_bytes)
        return flask.render_template("problem.html.j2", status=413, limit=limit, with_token=False), 413

    @app.errorhandler(404)
    @app.errorhandler(405)
    def not_here(error: HTTPException) -> tuple[str, int]:
        status = error.code or 404
        return flask.render_template("problem.html.j2", status=status, limit="", with_token=True), status

    @app.errorhandler(InternalServerError)
    def broken(_error: HTTPException) -> tuple[str, int]:
        counts.add("failed")
        return flask.render_template("problem.html.j2", status=500, limit="", with_token=False), 500

    return app


def form_context(
    facts: dict[str, str | None], *, problem: str = "", problem_detail: str = "", ask_password: bool = False
) -> dict[str, Any]:
    """What the upload form shows: the answers so far, the states, and a problem if there was one."""
    return {
        "facts": facts,
        "states": sorted(STATES.items()),
        "problem": problem,
        "problem_detail": problem_detail,
        "ask_password": ask_password,
    }


def readable_size(size: int) -> str:
    """``size`` bytes in words: "100 MB", "2.5 KB", "900 bytes"."""
    for unit, scale in (("MB", MiB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size:,} bytes"


@cache
def asset(folder: str, name: str) -> str:
    """A CSS or JS file shipped in ``clausecheck/templates/<folder>/``."""
    return (resources.files("clausecheck") / "templates" / folder / name).read_text(encoding="utf-8")
