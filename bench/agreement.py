"""How far independent labellers agree with each other, and the rule packs with each of them.

Run from the repository root::

    python bench/agreement.py [--folder fixtures/heldout2]

``FOLDER/second-labels/<labeller>/*.expected.yaml`` hold second labels, made without seeing the
originals or the tool's findings, for some of the folder's contracts (see its README). For those
contracts this prints, for every pair of label sets (the original sidecars, each second labeller, and
the built-in packs' findings), the labels both hold, those only one holds, and precision, recall and F1
taking the first of the pair as truth: over all labels and over conflicts only. If two careful
labellers agree on fewer than 90% of the labels, a 90% / 90% target measured against one of them
cannot be told apart from label noise.
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from accuracy import SUFFIXES, Key, report_keys, sidecar_keys  # noqa: E402

from clausecheck.api import check  # noqa: E402


def label_sets(folder: Path) -> dict[str, dict[str, set[Key]]]:
    """Label set name -> contract name -> its (concern, kind, clause) labels, for the contracts every
    second labeller labelled."""
    labellers = sorted(p for p in (folder / "second-labels").iterdir() if p.is_dir())
    names = sorted(set.intersection(*({p.name[: -len(".expected.yaml")] for p in d.glob("*.expected.yaml")}
                                      for d in labellers)))
    sets: dict[str, dict[str, set[Key]]] = {"original": {}, "packs": {}}
    for name in names:
        sets["original"][name] = sidecar_keys(folder / f"{name}.expected.yaml")
        contract = next(folder / f"{name}{s}" for s in SUFFIXES if (folder / f"{name}{s}").exists())
        sets["packs"][name] = report_keys(check(contract))
        for labeller in labellers:
            sets.setdefault(labeller.name, {})[name] = sidecar_keys(labeller / f"{name}.expected.yaml")
    return sets


def compare(truth: dict[str, set[Key]], other: dict[str, set[Key]], kinds: set[str] | None) -> str:
    """Both / only the other / only truth, and precision, recall, F1 of ``other`` against ``truth``."""
    both = extra = missed = 0
    for name, labels in truth.items():
        wanted = {k for k in labels if kinds is None or k[1] in kinds}
        given = {k for k in other[name] if kinds is None or k[1] in kinds}
        both += len(wanted & given)
        extra += len(given - wanted)
        missed += len(wanted - given)
    precision, recall = both / max(1, both + extra), both / max(1, both + missed)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return (f"{both:4} {extra:5} {missed:6}   {100 * precision:5.1f}%  {100 * recall:5.1f}%  "
            f"{100 * f1:5.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "fixtures" / "heldout2")
    folder = parser.parse_args().folder
    sets = label_sets(folder)
    contracts = len(sets["original"])
    print(f"{contracts} contracts labelled by {len(sets) - 2} second labellers besides the original author")
    for kinds, title in ((None, "all labels"), ({"conflict"}, "conflicts only")):
        counts = {name: sum(len({k for k in v if kinds is None or k[1] in kinds}) for v in labels.values())
                  for name, labels in sets.items()}
        print(f"\n== {title}: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
        print(f"{'other vs truth':28} {'both':>4} {'extra':>5} {'missed':>6}   {'prec.':>6}  {'recall':>6}  "
              f"{'F1':>6}")
        for truth, other in combinations(list(sets), 2):
            if other == "packs" or truth == "packs":
                truth, other = (truth, other) if other == "packs" else (other, truth)
            print(f"{other + ' vs ' + truth:28} {compare(sets[truth], sets[other], kinds)}")


if __name__ == "__main__":
    main()
