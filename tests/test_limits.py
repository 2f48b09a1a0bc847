"""Every limit in clausecheck/limits.py holds: hostile cases end in their typed error, in bounded time,
in a child process capped at 512 MiB of address space; and each limit set in clausecheck.toml is
honoured by check, parse and batch. (docs/limits.md describes the limits.)"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from test_batch_support import run_cli

from clausecheck.limits import DEFAULT_LIMITS, Limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402  (bench/fuzz.py: builds the many-page PDF)

BAD = ROOT / "fixtures" / "bad"
CONTRACTS = ROOT / "fixtures" / "contracts"
DOCS = ROOT / "docs" / "limits.md"
EVIL_RULES = (ROOT / "tests" / "data" / "rules" / "broken" / "unknown_concern.yaml").read_text().replace(
    "ai-trainng", "ai-training").replace("pattern: 'train'", "pattern: '(a|aa)+$'").replace(
    "unknown-concern-rule", "evil-backtracking")

CAPPED = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
try:
    bytearray(600 << 20)
    sys.exit("the memory cap did not take effect")
except MemoryError:
    pass
from clausecheck.api import check
from clausecheck.errors import ClauseCheckError
from clausecheck.limits import DEFAULT_LIMITS
from clausecheck.loaders import load
from clausecheck.memory import peak_rss_kib

for case in json.loads(sys.argv[1]):
    limits = DEFAULT_LIMITS.updated(case.get("limits", {}))
    started = time.monotonic()
    try:
        if case.get("rules"):
            document = load(case["path"], limits=limits)
            check(document, packs=[], rules=[case["rules"]], limits=limits)
        else:
            load(case["path"], limits=limits)
        outcome, message = "no error", ""
    except ClauseCheckError as error:
        outcome, message = type(error).__name__, str(error)
    print(json.dumps({"name": case["name"], "outcome": outcome, "message": message,
                      "seconds": time.monotonic() - started,
                      "peak_mib": peak_rss_kib() / 1024}), flush=True)
"""


def hostile_inputs(folder: Path) -> list[dict]:
    """The hostile cases: (name, file, optional limits and rules), made in ``folder``."""
    pdf = CONTRACTS / "pdf-sections.pdf"
    many = folder / "many-pages.pdf"
    many.write_bytes(fuzz.many_pages(pdf.read_bytes(), 5000))
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 101 MiB on paper, nothing on disk
        handle.truncate(DEFAULT_LIMITS.max_file_bytes + 1024 * 1024)
    clauses = folder / "clauses.txt"
    lines = ["SERVICES AGREEMENT\n"]
    for major in range(1, 102):  # 101 sections of 999 numbered clauses: 100,899 clauses
        lines.append(f"{major}. Section {major}.\n")
        lines += [f"{major}.{minor} Writer shall deliver item {minor}.\n" for minor in range(1, 1000)]
    clauses.write_text("\n".join(lines), encoding="utf-8")
    pages = folder / "pages.txt"
    pages.write_text("\f".join(f"{n}. Page {n} of the deal." for n in range(1, 2_600)), encoding="utf-8")
    catastrophic = folder / "catastrophic.txt"
    catastrophic.write_text("1. AI " + "a" * 60 + "!\n", encoding="utf-8")
    evil = folder / "evil.yaml"
    evil.write_text(EVIL_RULES, encoding="utf-8")
    cases = [{"name": name, "path": str(BAD / name)} for name in (
        "docx-bomb-huge-member.docx", "docx-bomb-ratio.docx", "docx-bomb-many-members.docx",
        "docx-forged-size.docx", "docx-billion-laughs.docx", "docx-xxe-file.docx", "docx-deep-xml.docx")]
    return [
        *cases,
        {"name": "many-pages.pdf", "path": str(many)},
        {"name": "huge.txt", "path": str(huge)},
        {"name": "clauses.txt", "path": str(clauses)},
        {"name": "pages.txt", "path": str(pages)},
        {"name": "xml-part", "path": str(CONTRACTS / "docx-writer-agreement.docx"),
         "limits": {"max_xml_part_bytes": 100_000}},
        {"name": "catastrophic-regex", "path": str(catastrophic), "rules": str(evil),
         "limits": {"regex_timeout": 0.5}},
    ]


EXPECTED = {
    "docx-bomb-huge-member.docx": ("HostileFile", "inflates to 105,906,176 bytes"),
    "docx-bomb-ratio.docx": ("HostileFile", "compression ratio"),
    "docx-bomb-many-members.docx": ("HostileFile", "zip members, over the limit of 2,000"),
    "docx-forged-size.docx": ("HostileFile", "forged zip header"),
    "docx-billion-laughs.docx": ("HostileFile", "declares XML entities"),
    "docx-xxe-file.docx": ("HostileFile", "declares XML entities"),
    "docx-deep-xml.docx": ("HostileFile", "nests XML deeper than the limit of 256"),
    "many-pages.pdf": ("TooLarge", "pages, over the limit of 2,000"),
    "huge.txt": ("TooLarge", "105,906,176 bytes, over the limit of 104,857,600"),
    "clauses.txt": ("TooLarge", "more than 50,000 clauses"),
    "pages.txt": ("TooLarge", "2,599 pages, over the limit of 2,000"),
    "xml-part": ("TooLarge", "bytes of XML, over the limit of 100,000"),
    "catastrophic-regex": ("RuleTimeout", "rule evil-backtracking: its pattern ran longer than 0.5 s"),
}


def test_hostile_cases_end_in_their_typed_error_under_a_512_mib_cap(tmp_path: Path) -> None:
    cases = hostile_inputs(tmp_path)
    done = subprocess.run([sys.executable, "-c", CAPPED, json.dumps(cases)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    results = {r["name"]: r for r in map(json.loads, done.stdout.splitlines())}
    assert {name: r["outcome"] for name, r in results.items()} == {n: e[0] for n, e in EXPECTED.items()}
    for name, (_, detail) in EXPECTED.items():
        result = results[name]
        assert detail in result["message"] and "\n" not in result["message"], result
        assert result["seconds"] < 20, result  # a shared 2-core machine: generous, but bounded
    assert max(r["peak_mib"] for r in results.values()) < 512


def test_every_limit_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for limit in fields(Limits):
        assert f"`{limit.name}`" in text, limit.name
        default = getattr(DEFAULT_LIMITS, limit.name)
        assert f"{limit.name} = {default:g}" in text or f"{limit.name} = {default}" in text, limit.name


def test_every_limit_is_enforced_somewhere() -> None:
    """Each field of Limits is read by the code that must honour it (not only declared)."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "clausecheck").rglob("*.py")
                        if p.name != "limits.py")
    for limit in fields(Limits):
        assert f"limits.{limit.name}" in sources, limit.name


def configured(folder: Path, **limits: float) -> Path:
    """A clausecheck.toml in ``folder`` setting ``limits`` (and only the small gig pack)."""
    lines = ['packs = ["gig"]', "[limits]", *(f"{name} = {value}" for name, value in limits.items())]
    (folder / "clausecheck.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def three_commands(folder: Path, contract: Path) -> dict[str, str]:
    """The error each of check, parse and batch gives for ``contract``, run in ``folder``."""
    errors = {}
    for command in ("check", "parse"):
        result = run_cli(command, str(contract), cwd=folder)
        assert result.returncode == 2, result.stdout + result.stderr
        errors[command] = result.stderr.strip()
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / contract.name).write_bytes(contract.read_bytes())
    result = run_cli("batch", str(inputs), "-o", str(folder / "out"), "-q", cwd=folder)
    assert result.returncode == 2, result.stdout + result.stderr
    rows = list(csv.DictReader(io.StringIO((folder / "out" / "summary.csv").read_text("utf-8-sig"))))
    errors["batch"] = rows[0]["error"]
    return errors


@pytest.mark.parametrize(("limits", "contract", "detail"), [
    ({"max_file_bytes": 1000}, CONTRACTS / "nda-pay-union-gag.txt", "over the limit of 1,000"),
    ({"max_pages": 1}, CONTRACTS / "writer-fair-art72.pdf", "2 pages, over the limit of 1"),
    ({"max_clauses": 5}, CONTRACTS / "nda-pay-union-gag.txt", "more than 5 clauses"),
    ({"max_docx_members": 5}, CONTRACTS / "nda-severance-ca.docx", "zip members, over the limit of 5"),
], ids=["max_file_bytes", "max_pages", "max_clauses", "max_docx_members"])
def test_check_parse_and_batch_honour_configured_limits(tmp_path: Path, limits: dict, contract: Path,
                                                         detail: str) -> None:
    errors = three_commands(configured(tmp_path, **limits), contract)
    for command, error in errors.items():
        assert detail in error, (command, error)


def test_configured_regex_timeout_stops_a_users_rule(tmp_path: Path) -> None:
    (tmp_path / "evil.yaml").write_text(EVIL_RULES, encoding="utf-8")
    settings = 'packs = []\nrules = ["evil.yaml"]\n[limits]\nregex_timeout = 0.3\n'
    (tmp_path / "clausecheck.toml").write_text(settings, encoding="utf-8")
    contract = tmp_path / "deal.txt"
    contract.write_text("1. AI " + "a" * 60 + "!\n", encoding="utf-8")
    result = run_cli("check", str(contract), cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "rule evil-backtracking: its pattern ran longer than 0.3 s" in result.stderr
    assert result.stderr.strip().endswith(f"the rule is at {tmp_path / 'evil.yaml'}:6:5")


@pytest.mark.parametrize(("setting", "message"), [
    ("max_page = 5", "unknown limit 'max_page' (did you mean 'max_pages'?)"),
    ("max_pages = -1", "limits.max_pages must be a positive number, not -1"),
    ('regex_timeout = "fast"', "limits.regex_timeout must be a positive number, not 'fast'"),
])
def test_bad_limit_settings_are_config_errors(tmp_path: Path, setting: str, message: str) -> None:
    (tmp_path / "clausecheck.toml").write_text(f"[limits]\n{setting}\n", encoding="utf-8")
    result = run_cli("parse", str(CONTRACTS / "nda-pay-union-gag.txt"), cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and "\n" not in result.stderr.strip()



def test_a_pipe_or_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A named pipe would block a reader forever and /dev/zero never ends: neither is opened."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    os.mkfifo(inputs / "pipe.pdf")
    (inputs / "zero.txt").symlink_to("/dev/zero")
    (inputs / "deal.txt").write_bytes((CONTRACTS / "nda-pay-union-gag.txt").read_bytes())
    for name in ("pipe.pdf", "zero.txt"):
        for command in (["check", "--pack", "gig"], ["parse"]):
            result = run_cli(*command, str(inputs / name), cwd=tmp_path, timeout=60)
            assert result.returncode == 2
            expected = f"clausecheck: error: {inputs / name}: cannot be read: not a regular file"
            assert result.stderr.strip() == expected
    result = run_cli("batch", str(inputs), "--pack", "gig", "-o", str(tmp_path / "out"), "-q", cwd=tmp_path,
                     timeout=120)
    assert result.returncode in (0, 1), result.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "summary.csv").read_text("utf-8-sig"))))
    assert [row["path"] for row in rows] == ["deal.txt"]
