"""Support for the batch tests (no tests here): a folder of contracts made from real fixture files
(PDF, DOCX, text) in nested folders, two of them named ``offer.pdf``, plus broken files and a hidden
one; a fixed rule pack; a subprocess runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
BAD = ROOT / "fixtures" / "bad"

GOOD = {
    "studio-a/offer.pdf": CONTRACTS / "writer-fair-art72.pdf",
    "studio-b/2024/offer.pdf": CONTRACTS / "replica-consent-blanket.pdf",
    "studio-b/pilot.docx": CONTRACTS / "writer-pilot-ai-grant.docx",
    "studio-b/nda.docx": CONTRACTS / "nda-severance-ca.docx",
    "gig/platform-terms.pdf": CONTRACTS / "gig-platform-tos.pdf",
    "gig/union-gag.txt": CONTRACTS / "nda-pay-union-gag.txt",
    "gig/no-extension": CONTRACTS / "writer-ai-draft-polish.txt",
}
BROKEN = {
    "broken/truncated.pdf": BAD / "pdf-truncated.pdf",
    "broken/not-xml.docx": BAD / "docx-not-xml.docx",
}


def make_inputs(root: Path) -> Path:
    """Fill ``root`` (created) and return it. Broken: 2 fixtures, an empty file, an image named .pdf."""
    for rel, source in {**GOOD, **BROKEN}.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (root / "broken" / "empty.pdf").write_bytes(b"")
    (root / "broken" / "scan.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (root / ".hidden-notes.txt").write_text("Company may use the Materials to train AI models.\n")
    return root


BROKEN_RELS = sorted([*BROKEN, "broken/empty.pdf", "broken/scan.pdf"])


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, to prove the batch never writes to its inputs."""
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def environment() -> dict[str, str]:
    """The environment for a ``python -m clausecheck`` subprocess that imports this source tree."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("NO_COLOR", None)
    return env


def run_cli(*args: str, timeout: float = 300, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run ``clausecheck`` in a subprocess from the source tree."""
    return subprocess.run([sys.executable, "-m", "clausecheck", *args], capture_output=True, text=True,
                          env=environment(), timeout=timeout, check=False, **kwargs)


FIXED_PACK = """\
pack:
  name: batchtest
  title: "A fixed pack for the batch tests"
  version: "1.0"
  description: One rule, so tests of --resume do not depend on the built-in packs changing under them.
rules:
  - id: batchtest-training
    title: Your work may be used to train AI
    concern: ai-training
    kind: conflict
    severity: high
    sources:
      - name: Batch test source
        section: section unverified
    explanation: >-
      The company may use your work to train AI systems. This rule exists for the batch tests.
    ask: >-
      "Company shall not use the Materials to train any AI system without Writer's consent."
    match:
      terms: [train]
    examples:
      match:
        - "Company may use the Materials to train AI models."
        - "The Deliverables may be used for training."
      no_match:
        - "Company shall pay Writer within thirty days."
        - "Writer shall deliver the first draft."
"""


def fixed_rules(folder: Path) -> Path:
    """A ``clausecheck.toml`` in ``folder`` that runs only :data:`FIXED_PACK`; returns ``folder``.

    Other engineers edit the built-in packs while tests run; a changed rules version would
    (rightly) make ``--resume`` redo everything, so the resume tests pin their rules.
    """
    (folder / "rules").mkdir(parents=True, exist_ok=True)
    (folder / "rules" / "batchtest.yaml").write_text(FIXED_PACK, encoding="utf-8")
    (folder / "clausecheck.toml").write_text('packs = []\nrules = ["rules"]\n', encoding="utf-8")
    return folder
