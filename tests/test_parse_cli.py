"""``clausecheck parse``: the JSON interface, the text outline and one-line errors for bad input."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from conftest import CONTRACTS, ROOT

from clausecheck.cli import main

TEXT_FIXTURES = sorted(p.name for p in CONTRACTS.glob("text-*"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(["parse", *args])
    out, err = capsys.readouterr()
    return int(stop.value.code or 0), out, err


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((resources.files("clausecheck") / "schema" / "parse.schema.json").read_text("utf-8"))


@pytest.mark.parametrize("name", TEXT_FIXTURES)
def test_json_validates_against_the_schema_and_keeps_offsets(capsys, schema, name: str) -> None:
    code, out, err = run(capsys, str(CONTRACTS / name), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    jsonschema.validate(data, schema)
    assert data["schema_version"] == 1
    assert data["document"]["format"] in ("text", "markdown")
    clauses = data["clauses"]
    assert clauses, name
    for index, clause in enumerate(clauses):
        if clause["parent"] is not None:
            assert clause["parent"] < index
            assert clause["level"] == clauses[clause["parent"]]["level"] + 1
        else:
            assert clause["level"] == 0
    text = "\n\n".join(c["text"] for c in clauses)
    assert all(text[c["start"]:c["end"]] == c["text"] for c in clauses)


def test_json_content_for_a_known_contract(capsys) -> None:
    path = CONTRACTS / "text-voice-services-agreement.txt"
    code, out, _ = run(capsys, str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["document"]["pages"] == 3 and data["document"]["path"] == str(path)
    assert data["document"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    clause = next(c for c in data["clauses"] if c["number"] == "5.2(a)(i)")
    assert clause["label"] == "(i)" and clause["page"] == 2 and clause["change"] is None
    parent = data["clauses"][clause["parent"]]
    assert parent["number"] == "5.2(a)"
    assert data["definitions"]["Digital Replica"].startswith('"Digital Replica" shall mean')
    assert data["clauses"][data["definition_clauses"]["Digital Replica"]]["number"] == "1.2"
    assert set(data["definition_clauses"]) == set(data["definitions"])
    assert data["gaps"] == [] and data["notes"] == [] and data["warnings"] == []


def test_the_documented_example_is_what_parse_prints(capsys, schema, tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "parse-json.md").read_text("utf-8")
    example = doc.split("## Example", 1)[1]
    contract = example.split("```\n", 2)[1]
    documented = json.loads(example.split("```json\n", 1)[1].split("```", 1)[0])
    path = tmp_path / documented["document"]["path"]
    path.write_text(contract, "utf-8")
    code, out, _ = run(capsys, str(path), "--format", "json")
    printed = json.loads(out)
    printed["document"]["path"] = documented["document"]["path"]
    assert code == 0 and printed == documented
    jsonschema.validate(documented, schema)


def test_text_outline(capsys) -> None:
    path = CONTRACTS / "text-voice-services-agreement.txt"
    code, out, err = run(capsys, str(path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert lines[0] == f"{path}: text, 3 pages, 63 clauses, sha256 {digest[:12]}"
    assert "      5.2(a)  “to Company, by email to legal@northgate.example, and:”  (p. 2)" in lines
    assert "  Exhibit A  CONSENT TO DIGITAL REPLICA  (p. 3)" in lines
    assert any(line.startswith("  [signature]  “IN WITNESS WHEREOF") for line in lines)
    assert "Defined terms (11):" in lines
    assert any(line.startswith("  “Session Fee” (3.1): Company shall pay Performer") for line in lines)


def test_outline_shows_page_ranges_changes_gaps_and_warnings() -> None:
    from clausecheck.commands.parse import outline
    from clausecheck.model import Block, Gap, RawDocument
    from clausecheck.segment import segment

    raw = RawDocument("pdf", 3, [Block("1. Company pays the fee.", page=1, last_page=2),
                                 Block("2. Company owns AI rights.", page=3, change="deleted")],
                      gaps=[Gap("page-without-text", "no text layer", 3)])
    text = outline(segment(raw, path="deal.pdf", sha256="ab" * 32))
    lines = text.splitlines()
    assert lines[1] == "  1  “Company pays the fee.”  (pp. 1-2)"
    assert lines[2] == "  2  “Company owns AI rights.”  (p. 3)  [deleted]"
    assert "  page-without-text on p. 3: no text layer" in lines
    assert any(line.startswith("  unaccepted tracked changes") for line in lines)


# --- bad input: one line naming the file and the problem, exit status 2 ---------------------------


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")


BAD_INPUTS = {
    "empty.txt": (b"", "the file is empty"),
    "blank.txt": (b"  \n\n ", "the file is empty"),
    "scan.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "a PNG image"),
    "photo.pdf": (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "a JPEG image"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "legacy Word .doc"),
    "page.txt": (b"<!DOCTYPE html><html><body>1. Terms</body></html>", "a web page (HTML)"),
    "blob.bin": (bytes(range(256)) * 4, "a binary file"),
    "tool.exe": (b"MZ\x90\x00" + b"\x00" * 60, "a Windows program"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_files_give_one_line_and_status_2(capsys, tmp_path: Path, name: str) -> None:
    data, problem = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"clausecheck: error: {path}: ")
    assert problem in err


def test_zip_archive_missing_file_and_directory(capsys, tmp_path: Path) -> None:
    archive = tmp_path / "bundle.docx"
    _zip(archive)
    cases = [(archive, "a zip archive"), (tmp_path / "nowhere.pdf", "no such file"),
             (tmp_path, "not a regular file")]
    for path, problem in cases:
        code, out, err = run(capsys, str(path))
        assert code == 2 and out == "" and err.count("\n") == 1
        assert err.startswith(f"clausecheck: error: {path}: ") and problem in err


def test_password_option_reaches_the_pdf_loader(capsys) -> None:
    locked = ROOT / "fixtures" / "bad" / "pdf-encrypted-user.pdf"
    code, out, err = run(capsys, str(locked))
    assert code == 2 and out == "" and err.endswith("give its password with --password\n")
    code, out, err = run(capsys, str(locked), "--password", "secret", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["clauses"][0]["heading"] == "WRITER SERVICES AGREEMENT"


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "clausecheck", "parse", str(path)], capture_output=True,
                            text=True, env=env, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr == f"clausecheck: error: {path}: the file is empty\n"
    assert "Traceback" not in result.stderr and result.stdout == ""
