"""Pin the rule packs of a benchmark run to one git commit (shared by bench/batch.py and bench/engine.py).

Three rule engineers edit clausecheck/packs while the engine is being tuned; timing an engine change
against rules that moved in between measures the rules, not the change. :func:`pin_packs` copies every
pack file (the packs and the shared concerns.yaml / vocabulary.yaml) as committed at a commit into a
folder and points clausecheck's built-in packs folder at it, for this process and the workers it forks.
"""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources
from pathlib import Path

from clausecheck.engine import catalog, loader

ROOT = Path(__file__).resolve().parent.parent


def pin_packs(commit: str, folder: Path) -> str:
    """Copy the pack files as committed at ``commit`` into ``folder`` (a pack file the commit does not
    have, or any file where this is not a checkout, is copied as installed) and use that folder as
    the built-in packs. Returns the short commit pinned, or "installed"."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = Path(str(resources.files("clausecheck") / "packs"))
    resolved = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", commit],
                              capture_output=True, text=True, check=False)
    pinned = resolved.stdout.strip() if resolved.returncode == 0 else "installed"
    for pack in sorted(source.glob("*.yaml")):
        spec = f"{commit}:clausecheck/packs/{pack.name}"
        committed = subprocess.run(["git", "-C", str(ROOT), "show", spec], capture_output=True, check=False)
        if committed.returncode == 0:
            (folder / pack.name).write_bytes(committed.stdout)
        else:
            shutil.copyfile(pack, folder / pack.name)
    catalog.packs_dir = loader.packs_dir = lambda: folder  # forked workers inherit this
    return pinned
