"""Golden tests: every fixture contract with a sidecar gets exactly the findings a union lawyer marked.

A sidecar ``fixtures/contracts/<name>.expected.yaml`` lists ``findings: [{concern, kind, clause}]``
(``clause`` is the clause number as cited, or null for a finding on unnumbered text). Each contract
file ``<name>.<ext>`` next to it is checked with all built-in packs, and the set of
(concern, kind, clause) must be equal: an extra finding is a false positive, a missing one a lost
finding. Both are shown in the failure message. The rules alone are held to this: the clause reader,
which learnt from these contracts, is measured by bench/accuracy.py and scripts/train_reader.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clausecheck.api import check

CONTRACTS = Path(__file__).resolve().parents[1] / "fixtures" / "contracts"
SUFFIXES = (".pdf", ".docx", ".txt", ".md")

Key = tuple[str, str, str | None]


def expected_findings(sidecar: Path) -> set[Key]:
    """The (concern, kind, clause) set a sidecar lists."""
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    out: set[Key] = set()
    for item in data.get("findings") or []:
        clause = item.get("clause")
        out.add((item["concern"], item["kind"], None if clause is None else str(clause)))
    return out


def actual_findings(path: Path) -> set[Key]:
    """The (concern, kind, clause number) set clausecheck reports for ``path``."""
    report = check(path, reader=False)
    clauses = report.document.clauses
    return {
        (f.concern, f.kind, clauses[f.clause].number if f.clause is not None else None)
        for f in report.findings
    }


def golden_cases() -> list[tuple[Path, Path]]:
    """(contract, sidecar) pairs: every contract file that has a sidecar."""
    cases = []
    for sidecar in sorted(CONTRACTS.glob("*.expected.yaml")):
        name = sidecar.name[: -len(".expected.yaml")]
        for suffix in SUFFIXES:
            contract = CONTRACTS / f"{name}{suffix}"
            if contract.exists():
                cases.append((contract, sidecar))
    return cases


def describe(keys: set[Key]) -> str:
    """One line per finding, sorted, for a readable diff."""
    return "\n".join(f"    {c:26} {k:10} clause {n}" for c, k, n in sorted(keys, key=str)) or "    (none)"


def test_every_sidecar_has_a_contract() -> None:
    named = {s.name[: -len(".expected.yaml")] for s in CONTRACTS.glob("*.expected.yaml")}
    covered = {c.stem for c, _ in golden_cases()}
    assert named == covered, f"sidecars without a contract file: {sorted(named - covered)}"


@pytest.mark.parametrize(("contract", "sidecar"), golden_cases(), ids=lambda p: p.name)
def test_golden(contract: Path, sidecar: Path) -> None:
    expected = expected_findings(sidecar)
    actual = actual_findings(contract)
    extra, lost = actual - expected, expected - actual
    assert not extra and not lost, (
        f"{contract.name}: findings differ from {sidecar.name}\n"
        f"  unexpected (false positives):\n{describe(extra)}\n"
        f"  missing (lost findings):\n{describe(lost)}"
    )
