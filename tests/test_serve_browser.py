"""``clausecheck serve`` for real: the command in a subprocess on an ephemeral loopback port, driven by
headless Chromium (tests/browser.py) like a writer would, and by plain HTTP for the guards."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from browser import Session, open_browser
from conftest import CONTRACTS, FIXTURES, ROOT

ARTIFACTS = ROOT / "test-artifacts"
WRITER = CONTRACTS / "writer-pilot-ai-grant.docx"
ADDRESS = re.compile(r"running at (http://([0-9.]+):(\d+)/\?token=([A-Za-z0-9_-]+))$", re.MULTILINE)


@dataclass
class Server:
    """A running ``clausecheck serve`` and the address it printed."""

    process: subprocess.Popen[str]
    url: str
    host: str
    port: int
    token: str
    first_lines: str

    def stop(self) -> tuple[int, str, str]:
        """Ctrl-C, then the exit status and the rest of its output."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=20)
        return self.process.returncode, out, err


def start(tmp_path: Path, *args: str) -> Server:
    """Start ``clausecheck serve --no-browser`` in an empty folder and wait for its address."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    (tmp_path / "cwd").mkdir(exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "clausecheck", "serve", "--no-browser", *args],
        cwd=tmp_path / "cwd", env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line)
        if "Ctrl-C" in line or len(lines) > 10:
            break
    text = "".join(lines)
    found = ADDRESS.search(text) or pytest.fail(f"no address printed: {text!r} {process.poll()}")
    return Server(process, found.group(1), found.group(2), int(found.group(3)), found.group(4), text)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = start(tmp_path)
    yield running
    if running.process.poll() is None:
        running.stop()


def request(server: Server, path: str, *, host: str | None = None) -> tuple[int, str]:
    """A plain GET to the running server (http.client: no proxy, no browser)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    connection.close()
    return response.status, body


def allow_server(session: Session, server: Server) -> None:
    """Let the browser reach this server only (tests/browser.py blocks every other request)."""
    session.context.set_offline(False)
    session.context.route(f"http://127.0.0.1:{server.port}/**", lambda route: route.continue_())


def test_listens_on_loopback_only_and_refuses_requests_without_a_token(server: Server, tmp_path: Path
                                                                       ) -> None:
    listening = [c for c in psutil.Process(server.process.pid).net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN]
    assert [(c.laddr.ip, c.laddr.port) for c in listening] == [("127.0.0.1", server.port)]
    assert server.host == "127.0.0.1" and server.port != 0
    assert "Warning" not in server.first_lines
    assert request(server, "/") == (403, "Forbidden\n")
    assert request(server, "/?token=wrong") == (403, "Forbidden\n")
    assert request(server, f"/?token={server.token}", host=f"rebind.example:{server.port}")[0] == 403
    status, body = request(server, f"/?token={server.token}")
    assert status == 200 and "Check a contract before you sign" in body
    code, out, err = server.stop()
    # Ctrl-C stops cleanly; nothing was logged but counts (werkzeug's request log would show the token)
    assert code == 0
    assert out.strip() == "Stopped. Files checked: 0; could not be checked: 0; requests refused: 3."
    assert err == ""
    assert server.first_lines.count(server.token) == 1
    assert os.listdir(tmp_path / "tmp") == [] and os.listdir(tmp_path / "cwd") == []


def test_another_host_needs_the_option_and_gets_a_warning(tmp_path: Path) -> None:
    running = start(tmp_path, "--host", "127.0.0.2")
    code, _out, err = running.stop()
    assert running.first_lines.startswith(
        "Warning: clausecheck is listening on 127.0.0.2, not only on this computer.")
    assert running.host == "127.0.0.2"
    assert code == 0 and err == ""


def test_ctrl_c_before_serving_stops_cleanly(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "clausecheck", "serve", "--no-browser"], cwd=tmp_path,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    process.stdout.readline()  # the server is bound; interrupt while it is still printing
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=20)
    assert process.returncode == 0 and "Traceback" not in err


def test_writer_uploads_a_contract_and_reads_the_report(server: Server, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with open_browser(viewport=(1200, 900)) as browser:
        allow_server(browser, server)
        page = browser.new_page()
        page.goto(server.url)
        assert page.title() == "Check a contract · clausecheck"
        page.screenshot(path=str(ARTIFACTS / "serve-form.png"), full_page=True)
        page.set_input_files("#file", str(WRITER))
        assert page.inner_text("#chosen") == f"Chosen: {WRITER.name}"
        page.check("input[name=union][value=wga]")
        page.select_option("#state", "CA")
        page.check("input[name=role][value=writer]")
        with page.expect_navigation():
            page.click("#submit")
        assert page.title() == f"Report on {WRITER.name} · clausecheck"
        assert re.match(r"Verdict: \d+ conflicts? to raise", page.inner_text("p.verdict"))
        report = page.frame_locator("#report")
        assert "to raise before you sign" in report.locator(".verdict-text").inner_text()
        cites = report.locator("article.finding p.where a").all_inner_texts()
        assert any(re.match(r"(Clause|Section|Article) \d", c) for c in cites), cites
        assert report.locator("ol.questions li").count() > 0
        assert "State whose law applies: CA (you said so)" in report.locator("#checked").inner_text()
        # the script shows the same HTML as srcdoc, grown to the report's height: one scroll bar
        shown = page.evaluate("document.getElementById('report').srcdoc")
        assert shown.startswith("<!DOCTYPE html>")
        height = page.evaluate("document.getElementById('report').getBoundingClientRect().height")
        assert height > 2000
        # a question's link to its finding scrolls this page to it and stays on the report
        link = report.locator("ol.questions .refs a").last
        target = link.get_attribute("href")
        link.click()
        page.wait_for_timeout(300)
        assert page.evaluate("window.scrollY") > 500
        assert report.locator(f"{target}").evaluate("e => e.ownerDocument.activeElement === e")
        assert page.evaluate("document.getElementById('report').contentDocument.URL") == "about:srcdoc"
        page.evaluate("window.scrollTo(0, 0)")
        page.evaluate("document.getElementById('report').contentWindow.print = () => { window.__done = 1; }")
        page.click("#print")
        assert page.evaluate("window.__done") == 1
        page.screenshot(path=str(ARTIFACTS / "serve-report.png"), full_page=True)
        page.screenshot(path=str(ARTIFACTS / "serve-report-top.png"))
        # downloads: the three formats, saved by the browser
        saved = {}
        for label in ("HTML", "JSON", "Markdown"):
            with page.expect_download() as download:
                page.click(f"text=Download {label}")
            target = tmp_path / download.value.suggested_filename
            download.value.save_as(target)
            saved[label] = target
        assert saved["HTML"].name == "writer-pilot-ai-grant-clausecheck.html"
        assert saved["HTML"].read_text(encoding="utf-8") == shown
        assert json.loads(saved["JSON"].read_text())["document"]["path"] == WRITER.name
        assert saved["Markdown"].read_text().startswith("#")
        assert page.is_visible("#print")
        with page.expect_navigation():
            page.click("text=Check another file")
        assert page.title() == "Check a contract · clausecheck"
        assert browser.blocked == [] and browser.errors == []
        assert not [line for line in browser.console if "Content Security Policy" in line]
    assert os.listdir(tmp_path / "tmp") == []


def test_phone_width_and_a_dropped_file(server: Server) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    text = (CONTRACTS / "gig-content-evaluator.txt").read_text()
    with open_browser(viewport=(375, 740)) as browser:
        allow_server(browser, server)
        page = browser.new_page()
        page.goto(server.url)
        page.screenshot(path=str(ARTIFACTS / "serve-form-375.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.evaluate("""text => {
            const data = new DataTransfer();
            data.items.add(new File([text], 'gig-content-evaluator.txt', {type: 'text/plain'}));
            const zone = document.getElementById('drop');
            for (const type of ['dragover', 'drop']) {
                const init = {dataTransfer: data, bubbles: true, cancelable: true};
                zone.dispatchEvent(new DragEvent(type, init));
            }
        }""", text)
        assert page.inner_text("#chosen") == "Chosen: gig-content-evaluator.txt"
        with page.expect_navigation():
            page.click("#submit")
        assert "Verdict:" in page.inner_text("p.verdict")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.screenshot(path=str(ARTIFACTS / "serve-report-375.png"))
        page.screenshot(path=str(ARTIFACTS / "serve-report-375-full.png"), full_page=True)
        assert browser.blocked == [] and browser.errors == []


def test_keyboard_and_errors_without_javascript(server: Server) -> None:
    with open_browser(javascript=False) as browser:
        allow_server(browser, server)
        page = browser.new_page()
        page.goto(server.url)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the main content"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "file"
        page.set_input_files("#file", str(FIXTURES / "bad" / "pdf-encrypted-user.pdf"))
        with page.expect_navigation():
            page.click("#submit")
        # the error summary is an alert and takes focus (autofocus, no script needed)
        assert page.evaluate("document.activeElement.id") == "problem"
        assert "locked with a password" in page.inner_text("#problem")
        page.screenshot(path=str(ARTIFACTS / "serve-password.png"), full_page=True)
        page.set_input_files("#file", str(FIXTURES / "bad" / "pdf-encrypted-user.pdf"))
        page.fill("#password", "secret")
        with page.expect_navigation():
            page.press("#password", "Enter")
        assert "Verdict:" in page.inner_text("p.verdict")
        assert page.frame_locator("#report").locator("#verdict-title").text_content() == "Verdict"
        assert not page.is_visible("#print")  # printing needs the script: the page says to download
        page.screenshot(path=str(ARTIFACTS / "serve-report-nojs.png"))
        # without the script the report is the data: frame, whose links to its own sections work
        report = page.frame_locator("#report")
        link = report.locator("article.finding p.where a").first
        target = link.get_attribute("href")
        link.click()
        page.wait_for_timeout(300)
        assert report.locator(target).count() == 1 and report.locator("#verdict").count() == 1
        frame_url = page.frames[1].url
        assert frame_url.startswith("data:text/html;") and frame_url.endswith(target)
        assert browser.blocked == []
