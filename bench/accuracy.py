"""Accuracy of the built-in rule packs: fixture corpus, ContractNLI NDAs and CUAD contracts.

Run from the repository root::

    python bench/accuracy.py [--shared ../shared] [--only fixtures|tuning|heldout|dev|contractnli|cuad]...
                             [--heldout] [--heldout-dir DIR] [--show-fp]

1. **Fixture corpus** (fixtures/contracts/*.expected.yaml as truth): precision and recall per concern
   and overall, counting (concern, kind, clause) triples exactly as tests/test_golden.py does.
   With ``--heldout`` (or ``--only heldout``) the blind held-out set fixtures/heldout3/ (same sidecar
   format, written by someone who did not tune the rules) is scored the same way and printed separately:
   it is the generalisation figure. Do not tune rules on it; ``--show-fp`` there is for after the fact.
   The tuning sets fixtures/tuning/ (the first session's held-out set, now tuned on; see its README),
   fixtures/tuning2/ and fixtures/tuning3/ (written blind to the rules in the second session, for tuning),
   fixtures/tuning4/ (the second session's blind set, tuned on from the third), fixtures/tuning5/
   (the third session's blind set, tuned on from the fourth), fixtures/tuning6/ (the fourth
   session's blind set, tuned on from the fifth) and fixtures/tuning7/ (the fifth session's blind set,
   tuned on from the eighth) are scored by
   default, each alone, as out-of-team development figures.
   ``--only dev`` scores the development paraphrases in tests/data/paraphrases (in-sample: tuned on).
2. **ContractNLI** (../shared/corpus/contractnli/dev.json, expert labels): hypothesis ``nda-10``
   (the agreement's existence or terms are kept secret). An Entailment document is a true positive when
   a ``confidentiality-gag`` conflict falls on a clause whose text overlaps an evidence span (clause text
   is located in the original document by whitespace-insensitive search, and the located text is checked
   against the original); NotMentioned/Contradiction documents with any such finding are false
   positives. ``nda-18`` (no solicitation of representatives) is NOT mapped to ``non-compete`` (see
   clausecheck/packs/gig.yaml); non-compete findings on its evidence are listed as a check. ``nda-8``
   (notice of compelled disclosure) must not count as a whistleblower carve-out: protection findings on
   its evidence are counted as errors.
3. **CUAD** (../shared/corpus/cuad/*.txt, ordinary commercial contracts): findings per concern, with the
   consent-group concerns (AI training, replicas, likeness ...) flagged as false positives.

Findings are clausecheck's as shipped: the rules' and the clause reader's (clausecheck/reader, a model
that adds conflicts where no rule raised a clause's concern). The fixture, tuning and held-out tables also
print the rules alone. The reader learnt from the fixture corpus, the tuning sets and the paraphrases, so
only the held-out set, ContractNLI and CUAD are out of its sample (scripts/train_reader.py --folds gives
its leave-one-set-out figures).

Each ContractNLI text is written to a temporary .txt file and read by clausecheck's own text loader;
nothing from the shared corpus is copied into the repository. Timings depend on machine load.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clausecheck.api import check  # noqa: E402
from clausecheck.errors import ClauseCheckError  # noqa: E402
from clausecheck.model import Report  # noqa: E402
from clausecheck.reader.findings import PACK as READER  # noqa: E402

CONTRACTS = ROOT / "fixtures" / "contracts"
TUNING = tuple(ROOT / "fixtures" / name
               for name in ("tuning", "tuning2", "tuning3", "tuning4", "tuning5", "tuning6", "tuning7"))
HELDOUT = ROOT / "fixtures" / "heldout3"
SUFFIXES = (".pdf", ".docx", ".txt", ".md")
Key = tuple[str, str, str | None]


def concern_groups() -> dict[str, str]:
    """concern id -> group, from the packaged concerns.yaml."""
    data = yaml.safe_load((ROOT / "clausecheck" / "packs" / "concerns.yaml").read_text(encoding="utf-8"))
    return {cid: c["group"] for cid, c in data["concerns"].items()}


def ratio(num: int, den: int) -> str:
    """A percentage, or a dash when undefined."""
    return f"{100 * num / den:5.1f}%" if den else "    -"


# --- 1. fixture corpus ------------------------------------------------------------------------------

def report_keys(report: Report, rules_only: bool = False) -> set[Key]:
    """(concern, kind, clause number) of every finding (``rules_only``: the rules' findings, with those
    the clause reader set aside and without its own)."""
    clauses = report.document.clauses
    found = report.findings
    if rules_only:
        found = [f for f in found if f.pack != READER] + report.set_aside
    return {(f.concern, f.kind, clauses[f.clause].number if f.clause is not None else None) for f in found}


def sidecar_keys(sidecar: Path) -> set[Key]:
    """(concern, kind, clause) listed in a sidecar."""
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    return {(i["concern"], i["kind"], None if i.get("clause") is None else str(i["clause"]))
            for i in data.get("findings") or []}


def score_folder(folder: Path, title: str, show_fp: bool) -> None:
    """Precision and recall per concern over the contracts in ``folder`` that have a sidecar.

    A contract without a sidecar (or a sidecar without a contract) is skipped, so a folder that is
    still filling up can be scored at any time.
    """
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    rules = Counter()  # the rules alone: tp, fp, fn
    files = 0
    if not folder.is_dir():
        print(f"\n== {title}: {folder} does not exist yet ==")
        return
    for sidecar in sorted(folder.glob("*.expected.yaml")):
        name = sidecar.name[: -len(".expected.yaml")]
        try:
            expected = sidecar_keys(sidecar)
        except (yaml.YAMLError, KeyError, TypeError) as err:
            print(f"  {sidecar.name}: unreadable sidecar ({type(err).__name__}), skipped")
            continue
        for suffix in SUFFIXES:
            path = folder / f"{name}{suffix}"
            if not path.exists():
                continue
            files += 1
            try:
                report = check(path)
                actual, by_rules = report_keys(report), report_keys(report, rules_only=True)
            except ClauseCheckError as err:
                print(f"  {path.name}: {err}")
                actual = by_rules = set()
            rules.update(tp=len(by_rules & expected), fp=len(by_rules - expected),
                         fn=len(expected - by_rules))
            for key in actual & expected:
                tp[key[0]] += 1
            for key in actual - expected:
                fp[key[0]] += 1
                if show_fp:
                    print(f"  FP {path.name}: {key}")
            for key in expected - actual:
                fn[key[0]] += 1
                if show_fp:
                    print(f"  FN {path.name}: {key}")
    print(f"\n== {title}: {files} contract files ==")
    print(f"{'concern':28} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    for concern in sorted(set(concern_groups()) | set(tp) | set(fp) | set(fn)):
        t, f, n = tp[concern], fp[concern], fn[concern]
        print(f"{concern:28} {t:4} {f:4} {n:4} {ratio(t, t + f):>10} {ratio(t, t + n):>8}")
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'OVERALL (rules and reader)':28} {t:4} {f:4} {n:4} {ratio(t, t + f):>10} {ratio(t, t + n):>8}")
    t, f, n = rules["tp"], rules["fp"], rules["fn"]
    print(f"{'the rules alone':28} {t:4} {f:4} {n:4} {ratio(t, t + f):>10} {ratio(t, t + n):>8}")


def dev_set(folder: Path) -> None:
    """Per-concern recall and false positives on the rule tuner's paraphrase development set.

    ``match`` and ``known_miss`` sentences are positives (the group's concern and kind must be found);
    ``no_match`` sentences are negatives. This set is in-sample for the packs (they were tuned on it).
    """
    from clausecheck.engine.examples import example_document
    from clausecheck.engine.schema import Example
    from clausecheck.engine.yamlnodes import Mark

    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    negatives = 0
    for path in sorted(folder.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]:
            key = (group["concern"], group["kind"])
            for part in ("match", "known_miss", "no_match"):
                for text in group.get(part, []):
                    document = example_document(Example(text, {}, Mark(path.name, 1, 1)))
                    hit = key in {(f.concern, f.kind) for f in check(document).findings}
                    if part == "no_match":
                        negatives += 1
                        fp[key[0]] += hit
                    else:
                        tp[key[0]] += hit
                        fn[key[0]] += not hit
    print(f"\n== Development paraphrases ({folder.relative_to(ROOT)}; in-sample): "
          f"{sum(tp.values()) + sum(fn.values())} positive, {negatives} negative sentences ==")
    print(f"{'concern':28} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    for concern in sorted(set(tp) | set(fp) | set(fn)):
        t, f, n = tp[concern], fp[concern], fn[concern]
        print(f"{concern:28} {t:4} {f:4} {n:4} {ratio(t, t + f):>10} {ratio(t, t + n):>8}")
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'OVERALL':28} {t:4} {f:4} {n:4} {ratio(t, t + f):>10} {ratio(t, t + n):>8}")


# --- 2. ContractNLI ---------------------------------------------------------------------------------

def squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, and for each kept character its offset in ``text``."""
    kept, where = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            kept.append(ch)
            where.append(i)
    return "".join(kept), where


def locate_clauses(report: Report, original: str) -> list[tuple[int, int] | None]:
    """For each clause, its (start, end) in ``original``, or None when its text cannot be found."""
    flat, where = squeeze(original)
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for clause in report.document.clauses:
        needle, _ = squeeze(clause.text)
        if not needle:
            spans.append(None)
            continue
        at = flat.find(needle, cursor)
        if at < 0:
            at = flat.find(needle)
        if at < 0:
            spans.append(None)
            continue
        start, end = where[at], where[at + len(needle) - 1] + 1
        if squeeze(original[start:end])[0] != needle:  # check the located text against the original
            spans.append(None)
            continue
        spans.append((start, end))
        cursor = at + len(needle)
    return spans


def overlaps(span: tuple[int, int] | None, evidence: Iterable[tuple[int, int]]) -> bool:
    """Whether ``span`` overlaps any evidence span."""
    return span is not None and any(span[0] < e and s < span[1] for s, e in evidence)


def contractnli(path: Path, show_fp: bool) -> None:
    """Score nda-10 (confidentiality-gag), and check nda-8 and nda-18 against the packs' decisions."""
    data = json.loads(path.read_text(encoding="utf-8"))
    groups = concern_groups()
    tp = fp = fn = misplaced = 0
    nda8_errors = nda18_hits = unlocated = 0
    per_concern: Counter[str] = Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for doc in data["documents"]:
            text = doc["text"]
            source = Path(tmp) / f"cnli-{doc['id']}.txt"
            source.write_text(text, encoding="utf-8")
            try:
                report = check(source)
            except ClauseCheckError as err:
                print(f"  doc {doc['id']}: {err}")
                continue
            located = locate_clauses(report, text)
            clauses = report.document.clauses
            unlocated += sum(1 for c, s in zip(clauses, located, strict=True) if s is None and c.text.strip())
            annotations = doc["annotation_sets"][0]["annotations"]

            def evidence(label: str, doc=doc, annotations=annotations) -> list[tuple[int, int]]:
                return [tuple(doc["spans"][i]) for i in annotations[label]["spans"]]

            for f in report.findings:
                per_concern[f.concern] += 1
            gags = [f for f in report.findings if f.concern == "confidentiality-gag" and f.kind == "conflict"]
            if annotations["nda-10"]["choice"] == "Entailment":
                if any(overlaps(located[f.clause], evidence("nda-10")) for f in gags):
                    tp += 1
                else:
                    fn += 1
                    misplaced += bool(gags)
                    if show_fp:
                        print(f"  FN nda-10 doc {doc['id']}: {len(gags)} gag finding(s) elsewhere")
            elif gags:
                fp += 1
                if show_fp:
                    quote = " ".join(gags[0].quote.split())[:100]
                    print(f"  FP nda-10 doc {doc['id']} ({gags[0].rule}): {quote}")
            nda8_errors += sum(1 for f in report.findings
                               if f.concern == "whistleblower-carveout" and f.kind == "protection"
                               and overlaps(located[f.clause], evidence("nda-8")))
            nda18_hits += sum(1 for f in report.findings if f.concern == "non-compete"
                              and overlaps(located[f.clause], evidence("nda-18")))
    elapsed = time.perf_counter() - started
    flagged = tp + fp + misplaced
    print(f"\n== ContractNLI dev: {len(data['documents'])} NDAs ({elapsed:.1f} s) ==")
    print(f"nda-10 -> confidentiality-gag: TP {tp}, FN {fn} (of which {misplaced} flagged off the evidence), "
          f"FP {fp}; precision {ratio(tp, flagged).strip()}, recall {ratio(tp, tp + fn).strip()}")
    print(f"nda-8 (compelled disclosure) wrongly taken as a whistleblower carve-out: {nda8_errors}")
    print(f"nda-18 (no-solicit of representatives, not mapped): non-compete findings on its evidence: "
          f"{nda18_hits}")
    print(f"clauses not located in the original text: {unlocated}")
    print("findings per concern: " + ", ".join(
        f"{c} {n}{' (CONSENT)' if groups.get(c) == 'consent' else ''}" for c, n in per_concern.most_common()))


# --- 3. CUAD ----------------------------------------------------------------------------------------

def cuad(folder: Path, show_fp: bool) -> None:
    """Findings per concern on ordinary commercial contracts; consent-group findings are false positives."""
    groups = concern_groups()
    counts: Counter[str] = Counter()
    consent_fp: list[str] = []
    by_file: dict[str, int] = defaultdict(int)
    files = sorted(folder.glob("*.txt"))
    started = time.perf_counter()
    for path in files:
        try:
            report = check(path)
        except ClauseCheckError as err:
            print(f"  {path.name}: {err}")
            continue
        for f in report.findings:
            counts[f.concern] += 1
            by_file[path.name] += 1
            if groups.get(f.concern) == "consent" and f.kind == "conflict":
                clause = report.document.clauses[f.clause] if f.clause is not None else None
                number = clause.number if clause else None
                consent_fp.append(f"{path.name} clause {number} [{f.rule}]: "
                                  f"{' '.join(f.quote.split())[:110]}")
    elapsed = time.perf_counter() - started
    print(f"\n== CUAD: {len(files)} commercial contracts ({elapsed:.1f} s) ==")
    print(f"{'concern':28} {'group':13} {'findings':>8}")
    for concern, n in counts.most_common():
        print(f"{concern:28} {groups.get(concern, '?'):13} {n:8}")
    print(f"consent-group conflict findings (false positives): {len(consent_fp)}")
    for line in consent_fp if show_fp else consent_fp[:10]:
        print("  " + line)


def main(argv: list[str] | None = None) -> int:
    """Run the selected parts of the bench."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the project owners' shared folder (default: ../shared)")
    parser.add_argument("--only", action="append",
                        choices=["fixtures", "tuning", "heldout", "dev", "contractnli", "cuad"],
                        help="run only this part (repeatable)")
    parser.add_argument("--heldout", action="store_true",
                        help="also score the blind held-out set in fixtures/heldout3 (same sidecar format)")
    parser.add_argument("--heldout-dir", type=Path, default=HELDOUT,
                        help="score this folder as the held-out set instead (e.g. a snapshot of it)")
    parser.add_argument("--show-fp", action="store_true", help="list every false positive and negative")
    args = parser.parse_args(argv)
    parts = args.only or ["fixtures", "tuning", "contractnli", "cuad"]
    if args.heldout and "heldout" not in parts:
        parts = [*parts, "heldout"]
    if {"contractnli", "cuad"} & set(parts) and not (args.shared / "corpus").is_dir():
        print(f"{args.shared / 'corpus'} is not a folder: the ContractNLI and CUAD parts need the owners' "
              "shared material (pass --shared DIR, or --only fixtures --only tuning)", file=sys.stderr)
        return 2
    if "fixtures" in parts:
        score_folder(CONTRACTS, "Fixture corpus (in-sample)", args.show_fp)
    if "tuning" in parts:
        for folder in TUNING:
            score_folder(folder, f"Tuning set (written outside the rule team; {folder})", args.show_fp)
    if "heldout" in parts:
        score_folder(args.heldout_dir, f"HELD-OUT set (blind, {args.heldout_dir})", args.show_fp)
    if "dev" in parts:
        dev_set(ROOT / "tests" / "data" / "paraphrases")
    if "contractnli" in parts:
        contractnli(args.shared / "corpus" / "contractnli" / "dev.json", args.show_fp)
    if "cuad" in parts:
        cuad(args.shared / "corpus" / "cuad", args.show_fp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
