"""``clausecheck serve`` through Flask's test client: every route and error, the guards (token,
Host, origin), the report and its downloads, and the private temporary folder."""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import jsonschema
import lxml.html
import pytest
from click.testing import CliRunner
from conftest import CONTRACTS, FIXTURES

from clausecheck import api, errors
from clausecheck.cli import cli
from clausecheck.config import Config
from clausecheck.limits import DEFAULT_LIMITS, MiB
from clausecheck.render import render
from clausecheck.serve import app as app_module
from clausecheck.serve import server as server_module
from clausecheck.serve import upload as upload_module
from clausecheck.serve.app import ServeApp, create_app
from clausecheck.serve.messages import MESSAGES, NO_FILE, WRONG_PASSWORD
from clausecheck.serve.security import sha256_source
from clausecheck.serve.upload import answers, display_name

TOKEN = "test-token-0123456789"
BASE = "http://127.0.0.1:5000"
BAD = FIXTURES / "bad"
CONTRACT = CONTRACTS / "gig-annotation-sow.pdf"
SCHEMA = json.loads((resources.files("clausecheck") / "schema" / "report.schema.json").read_text())


@pytest.fixture
def app() -> ServeApp:
    return create_app(token=TOKEN, host="127.0.0.1", port=5000)


@pytest.fixture
def client(app: ServeApp):
    return app.test_client()


def get(client, path: str = "/", *, token: str | None = TOKEN, headers: dict[str, str] | None = None):
    query = {} if token is None else {"token": token}
    return client.get(path, base_url=BASE, query_string=query, headers=headers or {})


def post(client, file: Path | None = CONTRACT, *, name: str | None = None, token: str | None = TOKEN,
         headers: dict[str, str] | None = None, **fields: str):
    data: dict[str, object] = dict(fields)
    if token is not None:
        data["token"] = token
    if file is not None:
        data["file"] = (file.open("rb"), name or file.name)
    return client.post("/check", base_url=BASE, data=data, headers=headers or {},
                       content_type="multipart/form-data")


def tree(response):
    return lxml.html.fromstring(response.get_data(as_text=True))


def report_html(response) -> str:
    """The report inside the result page's frame (a data: URL), as the browser reads it."""
    frames = tree(response).xpath("//iframe[@id='report']")
    assert len(frames) == 1
    head, _, payload = frames[0].get("src").partition(",")
    assert head == "data:text/html;charset=utf-8;base64"
    return base64.b64decode(payload).decode("utf-8")


def downloads(response) -> dict[str, tuple[str, str]]:
    """{label: (file name, decoded text)} for each download link on the result page."""
    result = {}
    for link in tree(response).xpath("//a[@download]"):
        head, _, payload = link.get("href").partition(",")
        assert head.startswith("data:") and head.endswith(";base64")
        result[link.text_content().removeprefix("Download ")] = (
            link.get("download"), base64.b64decode(payload).decode("utf-8"))
    return result


def problem(response) -> str:
    """The text of the error summary, which must be an alert that takes focus."""
    boxes = tree(response).xpath("//*[@id='problem']")
    assert len(boxes) == 1
    box = boxes[0]
    assert box.get("role") == "alert" and box.get("tabindex") == "-1" and box.get("autofocus") is not None
    return " ".join(box.text_content().split())


# --- the token, the Host header, the origin ------------------------------------------------------

@pytest.mark.parametrize("token", [None, "", "wrong", TOKEN + "x", TOKEN[:-1], "téléphone"])
def test_page_is_refused_without_the_right_token(client, token) -> None:
    response = get(client, token=token)
    assert response.status_code == 403
    assert response.get_data(as_text=True) == "Forbidden\n"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/check", "/nowhere", "/static/x.css", "/favicon.ico"])
def test_every_route_needs_the_token(client, path: str) -> None:
    assert get(client, path, token=None).status_code == 403


def test_post_without_token_is_refused_and_the_upload_is_not_checked(client) -> None:
    for token in (None, "wrong"):
        response = post(client, token=token)
        assert response.status_code == 403 and response.get_data(as_text=True) == "Forbidden\n"
    # the token only in the address is not enough for a post: the form carries it
    response = client.post(f"/check?token={TOKEN}", base_url=BASE, content_type="multipart/form-data",
                           data={"file": (CONTRACT.open("rb"), CONTRACT.name)})
    assert response.status_code == 403


@pytest.mark.parametrize("host", ["evil.example:5000", "evil.example", "127.0.0.1:5001", "127.0.0.1",
                                  "localhost.evil.example:5000", "127.0.0.1:5000@evil.example", ""])
def test_a_foreign_host_header_is_refused(client, host: str) -> None:
    """A page on another name (DNS rebinding to 127.0.0.1) cannot read or post, even with the token."""
    assert get(client, headers={"Host": host}).status_code == 403
    assert post(client, headers={"Host": host}).status_code == 403


@pytest.mark.parametrize("host", ["127.0.0.1:5000", "localhost:5000", "[::1]:5000"])
def test_loopback_host_headers_are_accepted(client, host: str) -> None:
    assert get(client, headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "http://127.0.0.1:5001"},
    {"Origin": "https://127.0.0.1:5000"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
])
def test_cross_origin_posts_are_refused(client, headers: dict[str, str]) -> None:
    response = post(client, headers=headers)
    assert response.status_code == 403 and response.get_data(as_text=True) == "Forbidden\n"


@pytest.mark.parametrize("headers", [
    {"Origin": "http://127.0.0.1:5000", "Sec-Fetch-Site": "same-origin"},
    {"Origin": "null", "Sec-Fetch-Site": "same-origin"},  # what Chromium sends under no-referrer
    {},
])
def test_same_origin_posts_are_accepted(client, headers: dict[str, str]) -> None:
    assert post(client, headers=headers).status_code == 200


# --- the page ------------------------------------------------------------------------------------

def test_upload_form_works_without_javascript_and_is_labelled(client) -> None:
    response = get(client)
    assert response.status_code == 200
    page = tree(response)
    form = page.xpath("//form")[0]
    assert form.get("method") == "post" and form.get("action") == "/check"
    assert form.get("enctype") == "multipart/form-data"
    assert form.xpath(".//input[@type='hidden'][@name='token']/@value") == [TOKEN]
    assert form.xpath(".//input[@type='file']/@name") == ["file"]
    assert form.xpath(".//button[@type='submit']")
    # every control has a label; radio groups have a legend
    for control in form.xpath(".//select | .//input[@type='file'] | .//input[@type='password']"):
        assert page.xpath(f"//label[@for='{control.get('id')}']"), control.get("name")
    for radio in form.xpath(".//input[@type='radio']"):
        assert radio.getparent().tag == "label" and radio.getparent().text_content().strip()
    legends = [" ".join(x.split()) for x in form.xpath(".//fieldset/legend/text()")]
    assert legends == ["Your union", "Did a lawyer or your union negotiate this deal for you?", "Your work"]
    assert sorted(set(form.xpath(".//input[@type='radio']/@name"))) == ["represented", "role", "union"]
    assert "California" in form.xpath(".//select[@name='state']/option/text()")
    assert not form.xpath(".//input[@type='password']")  # only once a PDF turns out to be locked
    assert [h.tag for h in page.xpath("//h1 | //h2")][:2] == ["h1", "h2"]
    assert page.xpath("//html/@lang") == ["en"]


def test_pages_allow_only_their_own_inline_css_and_js(client) -> None:
    for response in (get(client), post(client)):
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "form-action 'self'" in policy and "connect-src 'none'" in policy
        assert "unsafe" not in policy and "http" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Frame-Options"] == "DENY"
        page = tree(response)
        for element, directive in (("style", "style-src"), ("script", "script-src")):
            for inline in page.xpath(f"//{element}"):
                assert sha256_source(inline.text) in _directive(policy, directive)
        assert "frame-src data:;" in policy  # the report's frame, and nothing else
        assert not page.xpath("//link[not(starts-with(@href, 'data:'))] | //img | //object | //embed")
        assert all(e.tag == "iframe" and e.get("src").startswith("data:text/html;")
                   for e in page.xpath("//*[@src]"))


def test_report_frame_css_and_js_are_allowed_by_the_page_policy(client) -> None:
    """The framed report (data: URL, then srcdoc) inherits the page's policy: its hashes are in it."""
    response = post(client)
    inner = lxml.html.fromstring(report_html(response))
    policy = response.headers["Content-Security-Policy"]
    for element, directive in (("style", "style-src"), ("script", "script-src")):
        texts = [x.text for x in inner.xpath(f"//{element}")]
        assert texts and all(sha256_source(t) in _directive(policy, directive) for t in texts)


def _directive(policy: str, name: str) -> str:
    return next(part for part in policy.split(";") if part.strip().startswith(name + " "))


def test_good_contract_shows_the_check_html_report(client) -> None:
    response = post(client, name="Annotation SOW.pdf", union="", state="CA", role="annotator",
                    represented="none")
    assert response.status_code == 200
    page = tree(response)
    assert " ".join(page.xpath("//h1")[0].text_content().split()) == "Report on Annotation SOW.pdf"
    verdict = " ".join(page.xpath("//p[contains(@class, 'verdict')]")[0].text_content().split())
    assert re.fullmatch(r"Verdict: \d+ conflicts? to raise before you sign \(.*\)\.", verdict)
    # the frame holds exactly what `check --format html` writes for the same file and answers
    shown = report_html(response)
    data = json.loads(downloads(response)["JSON"][1])
    expected_report = api.check(CONTRACT, context={"state": "CA", "role": "annotator", "represented": "none"})
    expected_report.document.path = "Annotation SOW.pdf"
    expected_report.created = data["created"]
    assert shown == render(expected_report, "html")
    inner = lxml.html.fromstring(shown)
    assert "Questions to ask before you sign" in inner.text_content()
    assert inner.xpath("//ol[@class='questions']/li")
    cites = inner.xpath("//article[contains(@class, 'finding')]//p[@class='where']/a/text()")
    assert any(re.match(r"(Clause|Section|Article) \d", c) for c in cites), cites
    assert inner.xpath("//blockquote[@class='quote']/mark")
    assumptions = {a["name"]: (a["value"], a["origin"]) for a in data["assumptions"]}
    assert assumptions["state"] == ("CA", "user") and assumptions["role"] == ("annotator", "user")


def test_downloads_give_the_three_formats_of_the_same_report(client) -> None:
    response = post(client, name="offer.pdf")
    files = downloads(response)
    assert sorted(files) == ["HTML", "JSON", "Markdown"]
    assert files["HTML"] == ("offer-clausecheck.html", report_html(response))
    name, text = files["JSON"]
    assert name == "offer-clausecheck.json"
    data = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["document"]["path"] == "offer.pdf"  # never the private temporary copy
    report = api.check(CONTRACT)
    report.document.path, report.created = "offer.pdf", data["created"]
    assert text == render(report, "json")
    assert files["Markdown"] == ("offer-clausecheck.md", render(report, "md"))
    assert tempfile.gettempdir() not in response.get_data(as_text=True)
    # print and check-another-file are offered; print needs JavaScript, so it starts hidden
    page = tree(response)
    assert page.xpath("//li[@hidden]/button[@id='print']")
    assert page.xpath(f"//a[@href='/?token={TOKEN}']/text()") == ["Check another file"]


def test_hostile_file_name_is_escaped(client, tmp_path: Path) -> None:
    source = tmp_path / "deal.txt"
    source.write_bytes((CONTRACTS / "nda-pay-union-gag.txt").read_bytes())
    name = "'><img src=x onerror=alert(1)>&amp;<script>alert(2).txt"
    response = post(client, source, name=name)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script>alert" not in body and "<img src=x" not in body
    page = tree(response)
    assert len(page.xpath("//script")) == 1 and not page.xpath("//img")
    assert page.xpath("//h1")[0].text_content() == "Report on " + name
    inner = lxml.html.fromstring(report_html(response))
    assert inner.xpath("//h1")[0].text_content() == name and not inner.xpath("//img")


def test_answers_keep_known_values_only() -> None:
    given = {"union": "wga", "state": "ZZ", "represented": "<x>", "role": "writer", "status": "employee"}
    assert answers(given) == {"union": "wga", "state": None, "represented": None, "role": "writer"}
    assert answers({"union": ""}) == {"union": None, "state": None, "represented": None, "role": None}


@pytest.mark.parametrize(("given", "shown"), [
    ("C:\\Users\\me\\offer.pdf", "offer.pdf"), ("../../etc/passwd", "passwd"), ("a\x00b\nc.txt", "abc.txt"),
    ("", "contract"), (None, "contract"),
])
def test_display_name_drops_folders_and_control_characters(given: str | None, shown: str) -> None:
    assert display_name(given) == shown


# --- errors, each in a sentence with what to do next --------------------------------------------

def test_no_file_chosen(client) -> None:
    response = post(client, None, union="wga")
    assert response.status_code == 400
    assert NO_FILE in problem(response)
    assert tree(response).xpath("//input[@name='union'][@value='wga']/@checked")  # answers kept


def test_unsupported_file(client) -> None:
    response = post(client, BAD / "docx-legacy-doc.docx", role="writer")
    assert response.status_code == 422
    text = problem(response)
    assert MESSAGES[errors.UnsupportedFormat] in text
    assert "legacy Word .doc" in text  # what the file really is
    assert tree(response).xpath("//input[@name='role'][@value='writer']/@checked")
    assert "upload" not in text and tempfile.gettempdir() not in text


def test_scan_without_text(client) -> None:
    response = post(client, BAD / "pdf-scanned.pdf")
    assert response.status_code == 422
    assert MESSAGES[errors.NoTextLayer] in problem(response)


@pytest.mark.parametrize(("name", "error"), [
    ("pdf-truncated.pdf", errors.CorruptFile), ("pdf-empty.pdf", errors.EmptyFile),
    ("docx-billion-laughs.docx", errors.HostileFile), ("pdf-no-unicode.pdf", errors.UnreadableText),
])
def test_other_unreadable_files(client, name: str, error: type[errors.ClauseCheckError]) -> None:
    response = post(client, BAD / name)
    assert response.status_code == 422
    assert MESSAGES[error] in problem(response)


def test_encrypted_pdf_asks_for_the_password_then_opens_with_it(client) -> None:
    locked = BAD / "pdf-encrypted-user.pdf"
    response = post(client, locked, state="NY")
    assert response.status_code == 422
    assert MESSAGES[errors.EncryptedPDF] in problem(response)
    page = tree(response)
    field = page.xpath("//input[@type='password']")
    assert len(field) == 1 and field[0].get("name") == "password"
    assert page.xpath(f"//label[@for='{field[0].get('id')}']/text()") == ["Password of the PDF"]
    assert page.xpath("//select[@name='state']/option[@selected]/@value") == ["NY"]
    assert page.xpath("//*[@id='problem']//a/@href") == ["#password"]
    wrong = post(client, locked, password="not-it")
    assert wrong.status_code == 422 and WRONG_PASSWORD in problem(wrong)
    assert "not-it" not in wrong.get_data(as_text=True)  # a password is never echoed back
    right = post(client, locked, password="secret")
    assert right.status_code == 200
    assert "Verdict" in tree(right).xpath("//p[contains(@class, 'verdict')]")[0].text_content()
    assert "secret" not in right.get_data(as_text=True).replace(report_html(right), "")


def test_too_large_upload_gets_a_friendly_413() -> None:
    limits = DEFAULT_LIMITS.updated({"max_file_bytes": 1000})
    client = create_app(token=TOKEN, host="127.0.0.1", port=5000, config=Config(limits=limits)).test_client()
    big = CONTRACTS / "pdf-partly-scanned.pdf"
    assert big.stat().st_size > 1000 + app_module.FORM_SLACK
    response = post(client, big)
    assert response.status_code == 413
    page = tree(response)
    assert page.xpath("//h1/text()") == ["The file is too big"]
    assert "clausecheck checks files up to 1,000 bytes" in page.text_content()
    assert "smaller file" in page.text_content()
    assert TOKEN not in response.get_data(as_text=True)  # the token was never checked: not shown


@pytest.mark.parametrize(("size", "words"), [(100 * MiB, "100 MB"), (2560, "2.5 KB"), (999, "999 bytes")])
def test_readable_size(size: int, words: str) -> None:
    assert app_module.readable_size(size) == words


def test_file_over_the_limit_but_under_the_form_slack_is_too_large_too() -> None:
    limits = DEFAULT_LIMITS.updated({"max_file_bytes": 1000})
    client = create_app(token=TOKEN, host="127.0.0.1", port=5000, config=Config(limits=limits)).test_client()
    response = post(client, CONTRACTS / "nda-pay-union-gag.txt")
    assert response.status_code == 422
    assert MESSAGES[errors.TooLarge] in problem(response)


def test_unknown_page_and_wrong_method_are_explained(client) -> None:
    for path, status in (("/nowhere", 404), ("/check", 405)):
        response = get(client, path)
        assert response.status_code == status
        assert tree(response).xpath(f"//a[@href='/?token={TOKEN}']")


def test_every_error_has_its_own_sentence() -> None:
    def subclasses(kind: type) -> list[type]:
        return [kind, *(s for sub in kind.__subclasses__() for s in subclasses(sub))]

    kinds = [k for k in subclasses(errors.ClauseCheckError) if k.__module__ == errors.__name__]
    assert len(kinds) > 10
    for kind in kinds:
        assert kind in MESSAGES, kind.__name__
    assert len(set(MESSAGES.values())) == len(MESSAGES)


def test_a_bug_is_a_friendly_page_and_one_log_line(app, monkeypatch, capsys) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("contract text that must not be logged")

    monkeypatch.setattr(app_module, "check_upload", broken)
    response = post(app.test_client())
    assert response.status_code == 500
    assert tree(response).xpath("//h1/text()") == ["Something went wrong inside clausecheck"]
    err = capsys.readouterr().err
    assert err == "clausecheck serve: internal error (ValueError); please report it\n"


def test_serve_explains_a_port_in_use_and_an_unknown_host() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--no-browser", "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot listen on 127.0.0.1 port {port}: ")
    assert "choose another --port" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["serve", "--no-browser", "--host", "no-such-host.invalid"])
    assert result.exit_code == 1 and "cannot listen on no-such-host.invalid" in result.output


def test_run_opens_the_browser_at_the_printed_address_and_stops_on_ctrl_c(monkeypatch) -> None:
    opened: list[str] = []

    def browser_then_ctrl_c(url: str) -> bool:
        opened.append(url)
        raise KeyboardInterrupt

    monkeypatch.setattr(server_module.webbrowser, "open", browser_then_ctrl_c)
    lines: list[str] = []
    counts = server_module.run(echo=lines.append)
    assert len(opened) == 1
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{40,}", opened[0])
    assert lines[0] == f"clausecheck is running at {opened[0]}"
    assert lines[-1] == "Stopped. Files checked: 0; could not be checked: 0; requests refused: 0."
    assert counts.checked == 0
    # a second run has another token
    monkeypatch.setattr(server_module.webbrowser, "open", browser_then_ctrl_c)
    server_module.run(echo=lines.append)
    assert opened[1] != opened[0]


def test_checks_run_one_at_a_time(app, monkeypatch) -> None:
    """PDFium is not thread-safe and the server is threaded: concurrent uploads wait their turn."""
    active, most = [0], [0]
    lock = threading.Lock()
    original = upload_module.api.check

    def slow_check(*args: object, **kwargs: object) -> object:
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
        time.sleep(0.2)
        try:
            return original(*args, **kwargs)
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(upload_module.api, "check", slow_check)
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda: statuses.append(post(app.test_client()).status_code))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200, 200]
    assert most[0] == 1


# --- privacy: the private folder, nothing written or logged elsewhere ----------------------------

@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path, list[Path]]]:
    """A fresh system temporary folder and working folder, and a list of the private folders used."""
    temp, cwd = tmp_path / "tmp", tmp_path / "cwd"
    temp.mkdir()
    cwd.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.chdir(cwd)
    used: list[Path] = []
    original = app_module.check_upload

    def spy(upload, folder: Path, *args: object):
        assert folder.parent == temp and folder.is_dir()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        used.append(folder)
        return original(upload, folder, *args)

    monkeypatch.setattr(app_module, "check_upload", spy)
    yield temp, cwd, used


def test_private_folder_is_removed_after_each_response(client, isolated, caplog) -> None:
    temp, cwd, used = isolated
    responses = [
        post(client),
        post(client, BAD / "pdf-encrypted-user.pdf"),
        post(client, BAD / "pdf-encrypted-user.pdf", password="secret"),
        post(client, BAD / "pdf-scanned.pdf"),
        post(client, token="wrong"),
    ]
    assert [r.status_code for r in responses] == [200, 422, 200, 422, 403]
    assert len(used) == 4
    assert not any(folder.exists() for folder in used)
    assert os.listdir(temp) == [] and os.listdir(cwd) == []
    assert caplog.records == []


def test_counts_are_the_only_record(app, client) -> None:
    post(client)
    post(client, BAD / "pdf-scanned.pdf")
    get(client, token=None)
    counts = app.extensions["clausecheck"]
    assert (counts.checked, counts.failed, counts.refused) == (1, 1, 1)
