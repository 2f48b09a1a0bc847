"""Headless Chromium for tests: Debian's /usr/bin/chromium driven by Playwright, with no network.

Use :func:`open_browser` as a context manager. Every request and console message is recorded; any
request that is not ``file:``, ``data:`` or ``about:`` is blocked and recorded in ``blocked``.
Tests that need the browser call :func:`require_chromium` (or use the ``browser`` marker plus the
``chromium`` fixture) so they skip with a clear reason when Chromium is not installed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "about:")


def require_chromium() -> None:
    """Skip the calling test when Debian's chromium or Python Playwright is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it")
    pytest.importorskip("playwright.sync_api", reason="Python playwright is not installed")


@dataclass
class Session:
    """A browser context and what it saw: requests, blocked requests, console lines, dialogs, errors."""

    context: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def new_page(self) -> Any:
        """A page whose events are recorded in this session; dialogs are dismissed and recorded."""
        page = self.context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        return page

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@contextmanager
def open_browser(*, javascript: bool = True, viewport: tuple[int, int] = (1200, 900)) -> Iterator[Session]:
    """A fresh headless Chromium (own user-data folder) with the network routed shut."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="cc-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            java_script_enabled=javascript,
            viewport={"width": viewport[0], "height": viewport[1]},
            offline=True,
        )
        session = Session(context)
        context.route("**/*", session._route)
        try:
            yield session
        finally:
            context.close()
