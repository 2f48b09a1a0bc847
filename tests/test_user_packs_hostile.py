"""Rule packs from strangers: nothing in a rule file runs, reads a file or reaches the network; every
refusal is a RuleError located as file:line, and every cost is bounded."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest
from test_batch_support import run_cli

from clausecheck.engine.loader import MAX_RULE_FILE_BYTES, load_files
from clausecheck.errors import RuleError

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "data" / "rules" / "broken" / "unknown_concern.yaml"
VALID = BASE.read_text(encoding="utf-8").replace("ai-trainng", "ai-training")
ASK = "    ask: Ask for a ban on training.\n"
REF = "        - ref: ai\n"
MARKER = Path("/tmp/clausecheck-user-pack-ran")


def refused(tmp_path: Path, text: str) -> RuleError:
    """Load ``text`` as a user's pack; it must be refused quickly with a located RuleError."""
    path = tmp_path / "user-pack.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(RuleError) as caught:
        load_files([(str(path), path)])
    assert time.monotonic() - started < 2
    error = caught.value
    assert str(error).startswith(f"{path}:{error.line}:") and error.line
    assert "\n" not in str(error)
    return error


@pytest.mark.parametrize("tag", [
    f"!!python/object/apply:os.system ['touch {MARKER}']",
    "!!python/name:os.system",
    f"!!python/object/new:subprocess.Popen [[touch, '{MARKER}']]",
    "!!python/module:os",
    "!!binary aGVsbG8=",
    "!custom value",
])
def test_tags_other_than_plain_yaml_are_refused_and_never_run(tmp_path: Path, tag: str) -> None:
    MARKER.unlink(missing_ok=True)
    error = refused(tmp_path, VALID.replace(ASK, f"    ask: {tag}\n"))
    assert (error.line, error.column) == (16, 10)
    assert f"tag '{tag.split()[0]}' is not allowed in rule files" in str(error)
    assert not MARKER.exists()


def test_yaml_billion_laughs_is_refused_before_any_expansion(tmp_path: Path) -> None:
    lines = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    error = refused(tmp_path, "\n".join(lines) + "\n" + VALID)
    assert "YAML anchors and aliases are not allowed" in str(error)


def test_ten_megabyte_rule_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    padding = "  description: \"" + "x" * (10 * 1024 * 1024) + "\"\n"
    path.write_text(VALID.replace('  version: "1"\n', '  version: "1"\n' + padding), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(RuleError, match=rf"^{path}: over {MAX_RULE_FILE_BYTES:,} bytes, too large"):
        load_files([(str(path), path)])
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(("change", "message"), [
    (("pack:\n", "include: /etc/passwd\npack:\n"), ":1:1: unknown key 'include' in a pack file"),
    (('  version: "1"\n', '  version: "1"\n  import: https://example.com/pack.yaml\n'),
     ":5:3: unknown key 'import' in 'pack'"),
    (("    severity: high\n", "    severity: high\n    file: /etc/passwd\n"),
     ":11:5: unknown key 'file' in rule 'unknown-concern-rule'"),
    (("    severity: high\n", "    severity: high\n    url: https://example.com/rules\n"),
     ":11:5: unknown key 'url' in rule 'unknown-concern-rule'"),
    ((REF, "        - include: other-pack.yaml\n"), ":21:11: rule 'unknown-concern-rule': expression has no "
     "operator"),
    ((REF, "        - file: /etc/passwd\n"),
     ":21:11: rule 'unknown-concern-rule': expression has no operator"),
    ((REF, "        - ref: /etc/passwd\n"), ":21:16: unknown named list '/etc/passwd'"),
    ((REF, "        - ref: ../../../etc/passwd\n"), ":21:16: unknown named list '../../../etc/passwd'"),
    ((REF, "        - ref: https://example.com/list.yaml\n"),
     ":21:16: unknown named list 'https://example.com/list.yaml'"),
], ids=["pack-file-include", "pack-import-url", "rule-file", "rule-url", "expr-include", "expr-file",
        "ref-path", "ref-relative-path", "ref-url"])
def test_keys_that_look_like_paths_or_urls_are_schema_errors(tmp_path: Path, change: tuple[str, str],
                                                             message: str) -> None:
    old, new = change
    assert old in VALID
    error = refused(tmp_path, VALID.replace(old, new, 1))
    assert str(error).startswith(str(tmp_path / "user-pack.yaml") + message)


LURE = VALID.replace("  - id: unknown-concern-rule\n", """\
  - id: lure-rule
    title: Paths and links in a rule are only text
    concern: ai-training
    kind: conflict
    severity: high
    sources:
      - name: "{{ cycler.__init__.__globals__.os.popen('id').read() }}"
        section: section unverified
        url: file:///etc/passwd
    explanation: "Reads <script>fetch('http://127.0.0.1:9/')</script> {{ 7 * 7 }}"
    ask: "See file:///etc/passwd and http://127.0.0.1:9/"
    match:
      any:
        - terms: ["/etc/passwd", "http://127.0.0.1:9/", "file:///etc/shadow"]
        - pattern: '/etc/passwd|\\\\\\\\server\\\\share'
    examples:
      match:
        - "See /etc/passwd."
        - "Fetch http://127.0.0.1:9/ now."
      no_match:
        - "Nothing here."
        - "Company shall pay Writer."
  - id: unknown-concern-rule
""")

AUDIT = """
import json, sys
from clausecheck.api import check
from clausecheck.engine import load_rules
from clausecheck.engine.examples import example_document
from clausecheck.engine.schema import Example
from clausecheck.engine.yamlnodes import Mark
from clausecheck.render import render

load_rules([])  # the built-in vocabulary, read before watching
document = example_document(Example(
    "1. Company may read /etc/passwd and http://127.0.0.1:9/ and file:///etc/shadow.", {}, Mark("t", 1, 1)))
events = []

def watch(event, args):
    if event == "open":
        events.append(["open", str(args[0])])
    elif event.split(".")[0] in ("socket", "subprocess", "os", "urllib", "http", "ftplib", "smtplib"):
        events.append([event, repr(args)[:200]])

sys.addaudithook(watch)
report = check(document, packs=[], rules=[sys.argv[1]])
html = render(report, "html")
print(json.dumps({"events": events, "findings": sorted(f.rule for f in report.findings), "html": html}))
"""


def test_a_rule_cannot_read_files_reach_the_network_or_run_anything(tmp_path: Path) -> None:
    """Python's audit hooks watch every open, socket, subprocess and os call while a pack full of
    paths, URLs and template syntax is loaded, run and rendered: the only file opened is the pack."""
    pack = tmp_path / "lure.yaml"
    pack.write_text(LURE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", AUDIT, str(pack)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=True)
    result = json.loads(done.stdout)
    assert result["findings"] == ["lure-rule"]
    outside = [e for e in result["events"] if not _reads_code_or_the_pack(e, pack)]
    assert outside == []
    assert ["open", str(pack)] in result["events"]
    html = result["html"]
    assert "uid=" not in html and "{{ 7 * 7 }}" in html  # template syntax in a rule stays text
    assert "<script>fetch" not in html and 'href="file:' not in html


def _reads_code_or_the_pack(event: list[str], pack: Path) -> bool:
    """Opening the pack, or opening or listing clausecheck's own package files (modules, templates,
    the concerns list) and Python's libraries, which are imported lazily."""
    name, argument = event
    if name == "open":
        path = argument
    elif name in ("os.listdir", "os.scandir"):
        path = argument.strip("(),'\"")
    else:
        return False
    allowed = {str(pack), str(ROOT / "clausecheck"), *sysconfig.get_paths().values()}
    return any(path == place or path.startswith(place.rstrip("/") + "/") for place in allowed)


def test_catastrophic_pattern_is_stopped_and_located(tmp_path: Path) -> None:
    """A user's rule with a backtracking pattern ends ``check`` with one line naming the rule and
    where it is written, in bounded time (the default 1 s regex limit per search)."""
    pack = tmp_path / "evil.yaml"
    pack.write_text(VALID.replace("pattern: 'train'", "pattern: '(a|aa)+$'"), encoding="utf-8")
    contract = tmp_path / "deal.txt"
    contract.write_text("1. AI " + "a" * 60 + "!\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("check", "--pack", "gig", "--rules", str(pack), str(contract), cwd=tmp_path, timeout=120)
    assert time.monotonic() - started < 30
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "clausecheck: error: rule unknown-concern-rule: its pattern ran longer than 1 s and was stopped "
        f"(a catastrophic regular expression?); the rule is at {pack}:6:5"]
