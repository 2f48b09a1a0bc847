"""Rule-engine speed: clauses per second for 10, 100 and 1,000 rules on a 120-page contract,
with and without the keyword prefilter.

    python bench/engine.py [--pages 120] [--repeat 3] [--counts 10,100,1000] [--commit HEAD]
                           [--costliest 15] [--docs FILE...]

The contract is generated (seeded): numbered sections of ordinary commercial boilerplate with a few
AI, replica and payment clauses mixed in, written to a temporary text file and read by clausecheck's
own loader. The rules are the built-in packs plus the test pack, topped up with generated variants:
a real rule's shape (an anchor term, a named list or a second term, consent/payment exceptions) with
different literal words. Like most rules of a large real rule set on any one contract, most name
things this contract never mentions; 5% have an anchor word that occurs in its boilerplate. Figures
are CPU-time medians (wall time on the shared 2-core machine was 2-4x higher and noisy).

The packs are pinned as committed at ``--commit`` (bench/pin.py), so a before/after comparison of an
engine change is not moved by rule edits made in between. ``--costliest N`` then lists the N built-in
rules that cost the most: the CPU time of an engine holding that rule alone, over the contract and
any ``--docs`` (real contracts say more than the generated one: bench/out/corpus, shared/corpus/cuad).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # for pin.py (appended: bench/parse.py must not shadow anything)

from pin import pin_packs  # noqa: E402

from clausecheck.engine.loader import load_files, load_rules, pack_paths  # noqa: E402
from clausecheck.engine.run import Engine  # noqa: E402
from clausecheck.loaders import load  # noqa: E402

CORE = ROOT / "tests" / "data" / "rules" / "core.yaml"
CHARS_PER_PAGE = 2800
BOILERPLATE = [
    "Each party shall perform its obligations under this Agreement in a diligent and workmanlike manner.",
    "Invoices shall be paid within thirty (30) days after receipt, in United States dollars.",
    "Neither party shall be liable for any delay caused by events beyond its reasonable control.",
    "This Agreement may be amended only by a written instrument signed by both parties.",
    "Notices shall be sent by certified mail or courier to the addresses set out above.",
    "The Supplier shall maintain insurance with reputable insurers in amounts customary in the industry.",
    "Any waiver of a breach shall not be deemed a waiver of any other or subsequent breach.",
    "The Customer may audit the Supplier's records once in each calendar year on reasonable notice.",
    "If any provision is held invalid, the remaining provisions shall continue in full force and effect.",
    "The parties shall meet quarterly to review the performance of the Services and the service levels.",
    "All deliverables shall conform to the specifications set out in the applicable statement of work.",
    "The Supplier shall comply with all applicable laws, regulations and industry codes of practice.",
    "Confidential Information shall not include information that is or becomes publicly available.",
    "Title to the equipment shall remain with the Supplier until payment is received in full.",
]
SPECIAL = [
    "Company may use the Materials to train machine learning models without further compensation.",
    "Company shall not use the Results and Proceeds to train any artificial intelligence system.",
    "Producer may create a digital replica of Performer's voice for use in all media now known or "
    "hereafter devised.",
    "Writer is an independent contractor and shall not be entitled to employee benefits.",
    "Employee shall not disparage the Company or its officers.",
    "Any dispute shall be resolved by binding arbitration on an individual basis.",
]
WORD_POOL = [  # none of these occur in the generated contract
    "ledger", "escrow", "tariff", "indemnity", "customs", "freight", "pallet", "dividend", "mortgage",
    "collateral", "franchise", "royalty", "hologram", "podcast", "subtitle", "trailer", "storyboard",
    "soundtrack", "choreography", "stunt", "wardrobe", "makeup", "rehearsal", "premiere", "festival",
    "screening", "broadcast", "streaming", "merchandise", "novelization", "sequel", "prequel", "spinoff",
    "remake", "dubbing", "captioning", "localization", "avatar", "chatbot", "dataset", "telemetry",
    "biometric", "watermark", "blockchain", "token", "metaverse", "karaoke", "audiobook", "narration",
]
IN_CONTRACT = 0.05  # share of generated rules whose anchor word occurs in the contract
VOCAB_REFS = [
    "ai", "worker-material", "grant-verbs", "consent", "payment", "replica", "all-media", "likeness",
]


def make_contract(path: Path, pages: int, seed: int = 7) -> None:
    """A numbered contract of about ``pages`` pages."""
    rng = random.Random(seed)
    parts = ["MASTER SERVICES AGREEMENT", ""]
    size, article = 0, 0
    while size < pages * CHARS_PER_PAGE:
        article += 1
        parts.append(f"{article}. Section {article}.")
        for sub in range(1, rng.randint(3, 7)):
            sentences = [rng.choice(SPECIAL) if rng.random() < 0.04 else rng.choice(BOILERPLATE)
                         for _ in range(rng.randint(2, 6))]
            text = f"{article}.{sub} " + " ".join(sentences)
            parts.append(text)
            size += len(text)
        parts.append("")
    path.write_text("\n".join(parts), encoding="utf-8")


def generated_pack(path: Path, count: int, seed: int = 11) -> None:
    """``count`` generated rules: different literal terms in real rule shapes."""
    rng = random.Random(seed)
    lines = ["pack:", "  name: generated", "  title: Generated bench rules", '  version: "1"', "rules:"]
    for i in range(count):
        words = rng.sample(WORD_POOL, 2)
        if rng.random() < IN_CONTRACT:
            words[0] = rng.choice(["invoices", "notices", "deliverables", "insurance", "breach"])
        unique = f"zq{i:04d}term"
        lines += [
            f"  - id: generated-{i:04d}",
            "    title: Generated rule",
            "    concern: ai-training",
            f"    kind: {rng.choice(['conflict', 'protection'])}",
            f"    severity: {rng.choice(['high', 'medium', 'low'])}",
            "    sources: [{name: Bench, section: section unverified}]",
            "    explanation: Generated for the engine benchmark.",
            "    ask: Nothing.",
            "    exceptions: [consent, payment]",
            "    match:",
            "      all:",
            f"        - terms: [{words[0]}, {unique}]",
            "          anchor: true",
            f"        - any: [{{ref: {rng.choice(VOCAB_REFS)}}}, {{terms: [{words[1]}]}}]",
            "    examples:",
            f'      match: ["{words[0]} {words[1]}", "{words[0]} {words[1]}."]',
            '      no_match: ["nothing", "nothing here"]',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def rules_for(count: int, folder: Path, real: bool) -> list:
    """``count`` rules: the real packs topped up with generated ones, or generated ones only."""
    base = load_rules(None, [CORE]).rules if real else []
    if count <= len(base):
        return base[:count]
    extra = folder / f"generated-{count}-{real}.yaml"
    generated_pack(extra, count - len(base))
    return base + load_files(pack_paths([], [extra])).rules


def timed(engine: Engine, document, repeat: int) -> tuple[float, list]:
    """Median CPU seconds of this process per run (wall time is too noisy on a shared machine)."""
    times, findings = [], []
    for _ in range(repeat):
        started = time.process_time()
        findings, _ = engine.run(document)
        times.append(time.process_time() - started)
    return statistics.median(times), findings


def table(title: str, document, counts: list[int], folder: Path, real: bool, repeat: int) -> None:
    current = sum(1 for c in document.clauses if c.text.strip())
    print(f"\n{title}")
    print(f"{'rules':>6} {'load s':>7} {'no prefilter':>14} {'prefilter':>14} {'speed-up':>9} "
          f"{'us/clause/rule':>15} {'same':>5}")
    for count in counts:
        started = time.process_time()
        rules = rules_for(count, folder, real)
        loaded = time.process_time() - started
        off, off_findings = timed(Engine(rules, prefilter=False), document, repeat)
        on, on_findings = timed(Engine(rules), document, repeat)
        same = [(f.rule, f.clause) for f in off_findings] == [(f.rule, f.clause) for f in on_findings]
        print(f"{len(rules):>6} {loaded:>7.2f} {current / off:>9,.0f} cl/s {current / on:>9,.0f} cl/s "
              f"{off / on:>8.1f}x {on / current / len(rules) * 1e6:>15.2f} {'yes' if same else 'NO':>5}")


def engine_seconds(rules: list, documents: list, repeat: int) -> float:
    """Median CPU seconds of one engine holding ``rules`` run over every document."""
    engine = Engine(rules)
    times = []
    for _ in range(repeat):
        started = time.process_time()
        for document in documents:
            engine.run(document)
        times.append(time.process_time() - started)
    return statistics.median(times)


def costliest(documents: list, top: int, repeat: int) -> None:
    """The ``top`` built-in rules by CPU time: each rule alone in an engine over ``documents``, less
    what an engine without rules takes (reading the contract's facts and definitions)."""
    rules = load_rules(None).rules
    base = engine_seconds([], documents, repeat)
    costs = [(max(0.0, engine_seconds([rule], documents, repeat) - base), rule) for rule in rules]
    together = engine_seconds(rules, documents, repeat)
    total = sum(cost for cost, _ in costs) or 1.0
    pages = sum(d.pages or 0 for d in documents)
    print(f"\ncostliest of {len(rules)} built-in rules over {len(documents)} document(s), {pages} pages "
          f"(CPU, median of {repeat}): all rules in one engine {together:.2f} s, an engine without "
          f"rules {base:.2f} s; each rule alone, less that:")
    for cost, rule in sorted(costs, key=lambda item: -item[0])[:top]:
        print(f"{cost:8.3f} s {cost / total:6.1%}  {rule.id} ({rule.pack}, {rule.scope}, {rule.kind})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--counts", default="10,100,1000")
    parser.add_argument("--commit", default="HEAD", help="git commit whose rule packs to pin (default HEAD)")
    parser.add_argument("--costliest", type=int, default=15, metavar="N",
                        help="list the N costliest built-in rules (0: none)")
    parser.add_argument("--docs", nargs="*", type=Path, default=[],
                        help="contracts to time the costliest rules on, besides the generated one")
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"rule packs pinned at {pin_packs(args.commit, folder / 'packs')}")
        contract = folder / "contract.txt"
        make_contract(contract, args.pages)
        document = load(contract)
        current = sum(1 for c in document.clauses if c.text.strip())
        print(f"contract: about {args.pages} pages of text ({len(document.text):,} chars), "
              f"{current} clauses; CPU time, median of {args.repeat} runs")
        table("built-in packs + test pack, topped up with generated rules", document, counts, folder,
              True, args.repeat)
        table("generated rules only (rule count is the only variable)", document, counts, folder,
              False, args.repeat)
        if args.costliest:
            costliest([document, *(load(path) for path in args.docs)], args.costliest, args.repeat)


if __name__ == "__main__":
    main()
