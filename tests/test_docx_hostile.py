"""Hostile and broken Word files end in one typed error, quickly, and within a 512 MB memory cap."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from clausecheck.errors import ClauseCheckError, CorruptFile, HostileFile, TooLarge, UnsupportedFormat
from clausecheck.limits import DEFAULT_LIMITS, Limits
from clausecheck.loaders import load
from clausecheck.loaders.docx import load_docx
from clausecheck.loaders.docx_parts import parse_part
from clausecheck.loaders.ziplimits import GuardedZip
from clausecheck.model import RawDocument

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "fixtures" / "bad"
AGREEMENT = ROOT / "fixtures" / "contracts" / "docx-writer-agreement.docx"

CASES = [
    ("docx-bomb-huge-member.docx", HostileFile, "inflates to 105,906,176 bytes"),
    ("docx-bomb-ratio.docx", HostileFile, "compression ratio"),
    ("docx-bomb-many-members.docx", HostileFile, "2,105 zip members"),
    ("docx-forged-size.docx", HostileFile, "forged zip header"),
    ("docx-xxe-file.docx", HostileFile, "declares XML entities"),
    ("docx-xxe-http.docx", HostileFile, "declares XML entities"),
    ("docx-xxe-styles.docx", HostileFile, "word/styles.xml declares XML entities"),
    ("docx-billion-laughs.docx", HostileFile, "declares XML entities"),
    ("docx-deep-xml.docx", HostileFile, "deeper than the limit"),
    ("docx-not-xml.docx", CorruptFile, "word/document.xml is not well-formed XML"),
    ("docx-legacy-doc.docx", CorruptFile, "not a readable zip archive"),
]
BOMBS = ["docx-bomb-huge-member.docx", "docx-bomb-ratio.docx", "docx-bomb-many-members.docx",
         "docx-forged-size.docx", "docx-billion-laughs.docx", "docx-deep-xml.docx"]


@pytest.mark.parametrize(("name", "error", "detail"), CASES, ids=[case[0] for case in CASES])
def test_hostile_file_gives_one_line_typed_error_quickly(name: str, error: type, detail: str) -> None:
    started = time.perf_counter()
    with pytest.raises(error) as caught:
        load_docx(BAD / name, limits=DEFAULT_LIMITS)
    assert time.perf_counter() - started < 2.0
    message = str(caught.value)
    assert detail in message
    assert message.startswith(str(BAD / name))
    assert "\n" not in message


def test_legacy_doc_renamed_docx_is_named_by_load() -> None:
    with pytest.raises(UnsupportedFormat, match=r"legacy Word \.doc.*save it as \.docx"):
        load(BAD / "docx-legacy-doc.docx")


def test_bombs_refused_under_a_512_mb_memory_cap() -> None:
    """In a child process capped at 512 MB of address space, every bomb is refused by the guard."""
    script = f"""
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
try:
    bytearray(600 << 20)
    capped = False
except MemoryError:
    capped = True
from clausecheck.limits import DEFAULT_LIMITS
from clausecheck.loaders.docx import load_docx
outcomes = {{}}
for name in {BOMBS!r}:
    try:
        load_docx({str(BAD)!r} + "/" + name, limits=DEFAULT_LIMITS)
        outcomes[name] = "loaded"
    except Exception as exc:
        outcomes[name] = type(exc).__name__
print(json.dumps({{"capped": capped, "outcomes": outcomes}}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["capped"], "the memory cap did not take effect"
    assert report["outcomes"] == dict.fromkeys(BOMBS, "HostileFile")


def test_forged_size_is_never_inflated_past_the_declared_size() -> None:
    with GuardedZip(BAD / "docx-forged-size.docx", DEFAULT_LIMITS) as package:
        with pytest.raises(HostileFile, match="declared size of 1,000 bytes"):
            package.read("word/document.xml")
        assert package._read_total <= 1000


def test_limits_are_configurable() -> None:
    with pytest.raises(HostileFile, match="zip members, over the limit of 5"):
        load_docx(AGREEMENT, limits=Limits(max_docx_members=5))
    with pytest.raises(HostileFile, match=r"inflates to .* over the limit of 1,000"):
        load_docx(AGREEMENT, limits=Limits(max_docx_member_bytes=1000))
    with pytest.raises(HostileFile, match="in all, over the limit of 10,000"):
        load_docx(AGREEMENT, limits=Limits(max_docx_total_bytes=10_000))


@pytest.mark.parametrize("prolog", [
    '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!-- {pad} --><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!-- {pad} --><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">',
], ids=["file-entity", "entity-after-70k-comment", "laughs-after-70k-comment", "external-dtd"])
def test_any_doctype_is_refused_even_past_the_quick_scan(prolog: str) -> None:
    data = (f'<?xml version="1.0"?>{prolog.format(pad="x" * 70_000)}'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&xxe; text</w:t></w:r></w:p></w:body></w:document>")
    if "xxe" not in prolog:
        data = data.replace("&xxe;", "&b;" if "ENTITY b" in prolog else "")
    with pytest.raises(HostileFile, match="declares XML entities"):
        parse_part(data.encode(), path="x.docx", name="word/document.xml", limits=DEFAULT_LIMITS)


def test_utf16_doctype_is_refused() -> None:
    data = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<d>&x;</d>").encode("utf-16")
    with pytest.raises(HostileFile, match="declares XML entities"):
        parse_part(data, path="x.docx", name="word/document.xml", limits=DEFAULT_LIMITS)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_missing_document_part_is_corrupt(tmp_path: Path) -> None:
    members = _members(AGREEMENT.read_bytes())
    del members["word/document.xml"]
    path = tmp_path / "no-document.docx"
    path.write_bytes(_zip(members))
    with pytest.raises(CorruptFile, match=r"word/document\.xml"):
        load_docx(path, limits=DEFAULT_LIMITS)


def test_mutated_files_end_in_a_document_or_a_typed_error(tmp_path: Path) -> None:
    """Fixed-seed mutations: truncation, bit flips, XML cut short or a member removed."""
    source = AGREEMENT.read_bytes()
    members = _members(source)
    rng = random.Random(20261122)
    outcomes: dict[str, int] = {}
    for case in range(60):
        kind = case % 4
        if kind == 0:
            data = source[:rng.randrange(len(source))]
        elif kind == 1:
            flipped = bytearray(source)
            for _ in range(rng.randint(1, 20)):
                flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
            data = bytes(flipped)
        elif kind == 2:
            name = rng.choice(sorted(n for n in members if n.endswith(".xml")))
            data = _zip({**members, name: members[name][:rng.randrange(len(members[name]))]})
        else:
            name = rng.choice(sorted(members))
            data = _zip({n: d for n, d in members.items() if n != name})
        path = tmp_path / f"case{case}.docx"
        path.write_bytes(data)
        try:
            result = load_docx(path, limits=DEFAULT_LIMITS)
            assert isinstance(result, RawDocument)
            outcome = "loaded"
        except ClauseCheckError as exc:
            outcome = type(exc).__name__
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert sum(outcomes.values()) == 60
    assert outcomes.get("CorruptFile", 0) > 0 and outcomes.get("loaded", 0) > 0


@pytest.mark.parametrize(("document", "error", "detail"), [
    (None, UnsupportedFormat, "Strict Open XML"),
    (b"<html><body>not Word</body></html>", CorruptFile, "not a WordprocessingML document"),
], ids=["strict-ooxml", "wrong-root"])
def test_document_part_of_the_wrong_kind(tmp_path: Path, document: bytes | None, error: type,
                                          detail: str) -> None:
    members = _members(AGREEMENT.read_bytes())
    members["word/document.xml"] = document or members["word/document.xml"].replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    path = tmp_path / "odd.docx"
    path.write_bytes(_zip(members))
    with pytest.raises(error, match=detail):
        load_docx(path, limits=DEFAULT_LIMITS)


def test_xml_part_size_limit() -> None:
    with pytest.raises(TooLarge, match=r"word/styles\.xml holds .* bytes of XML, over the limit of 100,000"):
        load_docx(AGREEMENT, limits=Limits(max_xml_part_bytes=100_000))


def test_unclosed_field_hides_nothing_past_its_paragraph(tmp_path: Path) -> None:
    members = _members(AGREEMENT.read_bytes())
    broken = b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t xml:space="preserve">This Writer'
    members["word/document.xml"] = members["word/document.xml"].replace(
        b'<w:r><w:t xml:space="preserve">This Writer', broken, 1)
    path = tmp_path / "unclosed-field.docx"
    path.write_bytes(_zip(members))
    raw = load_docx(path, limits=DEFAULT_LIMITS)
    intact = load_docx(AGREEMENT, limits=DEFAULT_LIMITS)
    # The preamble now reads as a field instruction (as Word would show it); every later block is intact.
    assert [b.text for b in raw.blocks] == [b.text for b in intact.blocks
                                            if not b.text.startswith("This Writer")]
