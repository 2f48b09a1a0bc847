"""Benchmark ``clausecheck batch`` (issue 6, item 5) and print the figures.

    python bench/batch.py [--corpus bench/out/corpus] [--count 320] [--files N] [--pdfs N] [--profile N]
                          [--no-reader]

Builds the corpus with bench/make_corpus.py if it is missing, then:

1. runs the batch over it with ``--jobs 1`` and ``--jobs 2``: contracts per minute, pages per second,
   peak RSS of any worker, speed-up of two workers over one;
2. on the same good PDFs, one after the other in this process, times clausecheck end to end (load,
   match, render and write HTML and JSON: the batch worker's own function) against pdfplumber's bare
   ``extract_text()`` on every page (``page.close()`` after each); prints the ratio, and the share of
   clausecheck's time spent in the rule engine and rendering (wall time, which the targets use, and
   CPU time, which other work on a shared machine disturbs less: the workers record both per stage).
   The rules are loaded and their engine built first, as a batch does before it starts its workers
   (``clausecheck.api.prepare``): a one-off cost per batch, about two seconds, printed on its own
   and counted in a second share (CPU time, as if it were engine time);
3. peak RSS of a worker that checks the largest PDF alone;
4. profiles clausecheck on a few PDFs with pyinstrument and prints the top functions by own time.

Figures depend on the machine and on whatever else runs on it: say so when quoting them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # for pin.py (appended: bench/parse.py must not shadow anything)

from pin import pin_packs  # noqa: E402

from clausecheck.api import prepare  # noqa: E402
from clausecheck.batch.runner import BatchOptions, run_batch  # noqa: E402
from clausecheck.batch.state import read_record  # noqa: E402
from clausecheck.batch.worker import Task, check_one  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGETS = {"ratio": 0.2, "engine_share": 1 / 3, "scaling": 1.8, "peak_mb": 300}


def ensure_corpus(corpus: Path, count: int) -> list[dict]:
    """The corpus listing, generating the corpus first when it is missing."""
    listing = corpus.parent / f"{corpus.name}.json"
    if not listing.is_file():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--count", str(count),
                        "--out", str(corpus)], check=True)
    return json.loads(listing.read_text("utf-8"))["files"]


def subset(corpus: Path, files: list[dict], limit: int | None, where: Path) -> Path:
    """All of the corpus, or (``limit``) a folder of links to an even sample of it."""
    if not limit or limit >= len(files):
        return corpus
    shutil.rmtree(where, ignore_errors=True)
    step = len(files) / limit
    for i in range(limit):
        entry = files[int(i * step)]
        target = where / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(corpus / entry["path"])
    return where


RULES = OUT / "rules-snapshot"
PINNED: dict = {"packs": None, "rules": (), "reader": True}


def snapshot_rules(commit: str) -> tuple[str, float]:
    """Pin every pack file as committed at ``commit`` (bench/pin.py), so every run of this bench and
    of its forked workers uses the same rules even while someone edits clausecheck/packs; load them and
    build their engine. The pinned commit, and the CPU seconds loading and building took."""
    pinned = pin_packs(commit, RULES)
    started = time.process_time()
    prepare(**PINNED)
    return pinned, round(time.process_time() - started, 2)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def batch_run(inputs: Path, jobs: int, out: Path, setup: float) -> dict:
    """One batch; its wall time, the CPU time its workers and the parent used, the machine's load
    average around it, and what its records say (``setup``: the rules' load and engine build, CPU
    seconds, for the share that counts it)."""
    shutil.rmtree(out, ignore_errors=True)
    load_before = os.getloadavg()[0]
    workers_cpu, parent_cpu = _cpu(resource.RUSAGE_CHILDREN), _cpu(resource.RUSAGE_SELF)
    started = time.perf_counter()
    result = run_batch(BatchOptions(paths=[str(inputs)], outdir=out, jobs=jobs, progress=False, **PINNED))
    wall = time.perf_counter() - started
    workers_cpu = _cpu(resource.RUSAGE_CHILDREN) - workers_cpu  # workers are joined when the batch ends
    parent_cpu = _cpu(resource.RUSAGE_SELF) - parent_cpu
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    records = [read_record(out, f["rel"]) for f in manifest["files"] if f["status"] == "done"]
    records = [r for r in records if r]
    pages = sum(r["pages"] for r in records)
    return {
        "jobs": jobs, "wall_s": round(wall, 2), "contracts": result.total, "checked": len(records),
        "errors": len(result.errors), "pages": pages,
        "contracts_per_min": round(result.total / wall * 60, 1),
        "pages_per_s": round(pages / wall, 1),
        "peak_worker_rss_mb": round(max(r["worker_peak_rss_kib"] for r in records) / 1024, 1),
        "parent_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stage_s": {k: round(sum(r["seconds"][k] for r in records), 2)
                    for k in ("load", "check", "render", "write")},
        "summary": result.summary_line(),
        "workers_cpu_s": round(workers_cpu, 2), "parent_cpu_s": round(parent_cpu, 2),
        "cores_used": round((workers_cpu + parent_cpu) / wall, 2),
        "load_avg_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    } | _busy(records, wall) | _share(records, setup)


def _share(records: list[dict], setup: float) -> dict:
    """The rule engine and rendering's share of the workers' time over every checked file (PDF and
    DOCX; the comparison with pdfplumber gives the share on the PDFs alone), in wall time and in the
    workers' CPU time (steadier when other work shares the machine); and in CPU time with the batch's
    one-off ``setup`` (loading the rules, building their engine: CPU seconds) counted as engine time."""
    shares = {}
    for key, name in (("seconds", "engine_render_share"), ("cpu_seconds", "engine_render_share_cpu")):
        stages = {k: sum(r[key][k] for r in records) for k in ("load", "check", "render", "write")}
        engine, total = stages["check"] + stages["render"], sum(stages.values())
        shares[name] = round(engine / total, 3)
    shares["engine_render_share_cpu_with_setup"] = round((engine + setup) / (total + setup), 3)
    return shares


def _burn(seconds: float) -> int:
    """Pure-Python work for about ``seconds`` of one core (a fixed count of loop steps)."""
    total = 0
    for step in range(int(seconds * 25_000_000)):
        total += step & 7
    return total


def machine_scaling(seconds: float = 3.0) -> dict:
    """What the machine gives two processes right now: the same pure-Python work run once alone and
    then twice side by side (forked); the speed-up a perfectly parallel batch could reach."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    _burn(seconds)
    alone = time.perf_counter() - started
    started = time.perf_counter()
    with context.Pool(2) as pool:
        pool.map(_burn, [seconds, seconds])
    pair = time.perf_counter() - started
    return {"one_process_s": round(alone, 2), "two_processes_s": round(pair, 2),
            "speedup": round(2 * alone / pair, 2), "load_avg": round(os.getloadavg()[0], 2)}


def _busy(records: list[dict], wall: float) -> dict:
    """How many workers were busy on average (worker seconds / wall seconds): near ``--jobs`` when the
    pool keeps every worker fed, whatever else slows the machine down."""
    busy = sum(sum(r["seconds"].values()) for r in records)
    return {"worker_busy_s": round(busy, 2), "mean_busy_workers": round(busy / wall, 2)}


def plumber_seconds(path: Path) -> float:
    """pdfplumber's bare text extraction of every page."""
    import pdfplumber

    started = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
    return time.perf_counter() - started


def clausecheck_seconds(path: Path, rel: str, out: Path) -> tuple[float, float, dict]:
    """clausecheck end to end on one file, as a batch worker does it (HTML and JSON written): wall
    seconds, CPU seconds, and its record."""
    started, cpu = time.perf_counter(), time.process_time()
    check_one(Task(rel=rel, path=str(path), outdir=str(out), **PINNED))
    return time.perf_counter() - started, time.process_time() - cpu, read_record(out, rel) or {}


def compare(corpus: Path, files: list[dict], limit: int, out: Path, setup: float) -> dict:
    """clausecheck end to end vs bare pdfplumber on the same PDFs, alternating which goes first
    (``setup``: the rules' load and engine build, CPU seconds, for the share that counts it)."""
    pdfs = [f for f in files if f["kind"] == "pdf" and not f["broken"]]
    pdfs.sort(key=lambda f: f["pages"])
    if limit and limit < len(pdfs):
        step = len(pdfs) / limit
        pdfs = [pdfs[int(i * step)] for i in range(limit - 1)] + [pdfs[-1]]
    shutil.rmtree(out, ignore_errors=True)
    for folder in (out / "reports", out / "state"):
        folder.mkdir(parents=True)
    prepare(**PINNED)
    ours = theirs = engine = ours_cpu = engine_cpu = 0.0
    pages = 0
    per_file = []
    for n, entry in enumerate(pdfs):
        path = corpus / entry["path"]
        if n % 2:
            mine, mine_cpu, record = clausecheck_seconds(path, entry["path"], out)
            plumber = plumber_seconds(path)
        else:
            plumber = plumber_seconds(path)
            mine, mine_cpu, record = clausecheck_seconds(path, entry["path"], out)
        if "seconds" not in record:
            continue
        ours += mine
        ours_cpu += mine_cpu
        theirs += plumber
        engine += record["seconds"]["check"] + record["seconds"]["render"]
        engine_cpu += record["cpu_seconds"]["check"] + record["cpu_seconds"]["render"]
        pages += record["pages"]
        per_file.append(round(mine / plumber, 3))
    return {
        "pdfs": len(per_file), "pages": pages, "clausecheck_s": round(ours, 2),
        "pdfplumber_s": round(theirs, 2),
        "ratio": round(ours / theirs, 3), "median_file_ratio": statistics.median(per_file),
        "engine_render_share": round(engine / ours, 3),
        "engine_render_share_cpu": round(engine_cpu / ours_cpu, 3),
        "engine_render_share_cpu_with_setup": round((engine_cpu + setup) / (ours_cpu + setup), 3),
    }


def largest_pdf_peak(corpus: Path, files: list[dict], out: Path) -> dict:
    """Peak RSS of a fresh worker that checks only the largest PDF."""
    entry = max((f for f in files if f["kind"] == "pdf" and not f["broken"]), key=lambda f: f["pages"])
    where = out / "in"
    shutil.rmtree(out, ignore_errors=True)
    where.mkdir(parents=True)
    (where / Path(entry["path"]).name).symlink_to(corpus / entry["path"])
    run = batch_run(where, 1, out / "out", 0.0)
    return {"file": entry["path"], "pages": run["pages"], "peak_worker_rss_mb": run["peak_worker_rss_mb"],
            "wall_s": run["wall_s"]}


def profile(corpus: Path, files: list[dict], count: int, out: Path, top: int = 15) -> list[str]:
    """pyinstrument over clausecheck on ``count`` PDFs: the functions with the most own time."""
    from pyinstrument import Profiler

    pdfs = sorted((f for f in files if f["kind"] == "pdf" and not f["broken"]), key=lambda f: -f["pages"])
    chosen = pdfs[len(pdfs) // 4: len(pdfs) // 4 + count]
    shutil.rmtree(out, ignore_errors=True)
    for folder in (out / "reports", out / "state"):
        folder.mkdir(parents=True)
    prepare(**PINNED)
    profiler = Profiler(interval=0.001)
    profiler.start()
    for entry in chosen:
        check_one(Task(rel=entry["path"], path=str(corpus / entry["path"]), outdir=str(out), **PINNED))
    profiler.stop()
    own: Counter[str] = Counter()
    stack = [profiler.last_session.root_frame()]
    total = stack[0].time
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if not frame.is_synthetic and frame.total_self_time:
            where = f"{frame.function} ({Path(frame.file_path or '?').name}:{frame.line_no})"
            own[where] += frame.total_self_time
    return [f"{seconds / total:6.1%}  {seconds:7.3f}s  {name}" for name, seconds in own.most_common(top)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=OUT / "corpus")
    parser.add_argument("--count", type=int, default=320,
                        help="contracts to generate if the corpus is missing")
    parser.add_argument("--files", type=int, default=0, help="batch over an even sample of N files (0: all)")
    parser.add_argument("--pdfs", type=int, default=24, help="PDFs for the pdfplumber comparison (0: all)")
    parser.add_argument("--profile", type=int, default=4, help="PDFs to profile")
    parser.add_argument("--commit", default="HEAD", help="git commit whose rule packs to pin (default HEAD)")
    parser.add_argument("--no-reader", action="store_true",
                        help="the rules alone, without the clause reader (to see the reader's share)")
    args = parser.parse_args(argv)
    PINNED["reader"] = not args.no_reader
    files = ensure_corpus(args.corpus, args.count)
    pinned, setup = snapshot_rules(args.commit)
    print(f"rule packs pinned at {pinned}; rules loaded and their engine built (once per batch, before "
          f"the workers start) in {setup} s CPU", flush=True)
    inputs = subset(args.corpus, files, args.files, OUT / "sample")
    figures: dict = {"corpus_files": len(files), "batch_files": args.files or len(files),
                     "rules_setup_cpu_s": setup}
    figures["machine_before"] = machine_scaling()
    print(f"machine, 2 CPU-bound processes vs 1: {json.dumps(figures['machine_before'])}", flush=True)
    for jobs in (1, 2):
        figures[f"jobs{jobs}"] = batch_run(inputs, jobs, OUT / f"run-j{jobs}", setup)
        print(f"--jobs {jobs}: {json.dumps(figures[f'jobs{jobs}'])}", flush=True)
    figures["machine_after"] = machine_scaling()
    print(f"machine, 2 CPU-bound processes vs 1: {json.dumps(figures['machine_after'])}", flush=True)
    figures["scaling"] = round(figures["jobs1"]["wall_s"] / figures["jobs2"]["wall_s"], 2)
    figures["cpu_per_page_ratio"] = round(
        (figures["jobs2"]["worker_busy_s"] / figures["jobs2"]["pages"])
        / (figures["jobs1"]["worker_busy_s"] / figures["jobs1"]["pages"]), 2)
    figures["vs_pdfplumber"] = compare(args.corpus, files, args.pdfs, OUT / "compare", setup)
    print(f"vs pdfplumber: {json.dumps(figures['vs_pdfplumber'])}", flush=True)
    figures["largest_pdf"] = largest_pdf_peak(args.corpus, files, OUT / "largest")
    print(f"largest PDF alone: {json.dumps(figures['largest_pdf'])}", flush=True)
    figures["profile_top"] = profile(args.corpus, files, args.profile, OUT / "profile")
    (OUT / "batch-figures.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    j2, cmp_, big = figures["jobs2"], figures["vs_pdfplumber"], figures["largest_pdf"]
    j1 = figures["jobs1"]
    checks = [
        ("end-to-end / bare pdfplumber", cmp_["ratio"], f"<= {TARGETS['ratio']}",
         cmp_["ratio"] <= TARGETS["ratio"]),
        (f"engine+render share of end-to-end time, the {cmp_['pdfs']} PDFs compared with pdfplumber "
         f"(CPU time: {cmp_['engine_render_share_cpu']}; with the rules' setup counted: "
         f"{cmp_['engine_render_share_cpu_with_setup']})",
         cmp_["engine_render_share"], "<= 0.333", cmp_["engine_render_share"] <= TARGETS["engine_share"]),
        ("engine+render share of worker time, whole batch (PDF and DOCX, --jobs 1) "
         f"(CPU time: {j1['engine_render_share_cpu']}; with the rules' setup counted: "
         f"{j1['engine_render_share_cpu_with_setup']})",
         j1["engine_render_share"], "<= 0.333", j1["engine_render_share"] <= TARGETS["engine_share"]),
        ("2 workers vs 1", figures["scaling"], f">= {TARGETS['scaling']}",
         figures["scaling"] >= TARGETS["scaling"]),
        (f"peak worker RSS, {big['pages']}-page PDF (MB)", big["peak_worker_rss_mb"],
         f"< {TARGETS['peak_mb']}", big["peak_worker_rss_mb"] < TARGETS["peak_mb"]),
    ]
    print()
    print(f"contracts/minute (2 workers): {j2['contracts_per_min']}; pages/second: {j2['pages_per_s']}; "
          f"peak worker RSS over the batch: {j2['peak_worker_rss_mb']} MB")
    print(f"busy workers on average: {j1['mean_busy_workers']} (--jobs 1), "
          f"{j2['mean_busy_workers']} (--jobs 2); worker time per page with 2 workers / with 1: "
          f"{figures['cpu_per_page_ratio']} (above 1: the workers slowed each other or were starved)")
    print(f"CPU cores the batch got (workers + parent CPU / wall): {j1['cores_used']} (--jobs 1), "
          f"{j2['cores_used']} (--jobs 2); parent CPU {j1['parent_cpu_s']} s / {j2['parent_cpu_s']} s; "
          f"load average before/after {j1['load_avg_before_after']} / {j2['load_avg_before_after']}")
    machine = [figures["machine_before"]["speedup"], figures["machine_after"]["speedup"]]
    print(f"the machine itself, 2 CPU-bound processes vs 1 (before, after the batches): {machine[0]}x, "
          f"{machine[1]}x: the batch's {figures['scaling']}x is to be read against that")
    for name, value, target, ok in checks:
        print(f"{'met ' if ok else 'MISS'} {name}: {value} (target {target})")
    print("\nprofile, top functions by own time:")
    print("\n".join(figures["profile_top"]))
    print(f"\nfigures written to {OUT / 'batch-figures.json'} (provisional: shared, noisy machine)")


if __name__ == "__main__":
    main()
