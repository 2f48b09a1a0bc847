"""Generate a corpus of mixed contracts for ``bench/batch.py``: PDF (reportlab) and DOCX (python-docx).

    python bench/make_corpus.py [--count 320] [--out bench/out/corpus] [--seed 7] [--jobs 2]

Contracts run from 2 to 150 pages (most short, a few long; one 150-page PDF and one 150-page DOCX
always), with numbered articles and sections, boilerplate in varied wording, and clauses drawn from
a phrase bank of AI-training grants, digital-replica consents, gag clauses, arbitration, moral-rights
waivers and buyouts; each company reuses its own wording across its contracts, with small edits, so
the dashboard's recurring-clause grouping has something to find. About 3% of the files are broken
on purpose (truncated or garbage PDF, password-protected PDF, a zip without document.xml, an empty
file, an image named .pdf). Files go in one folder per company, several named ``offer.pdf``.
``<out>.json`` beside the folder lists every file with its kind, planned pages and whether it is
broken. Same seed, same corpus.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
WORDS_PER_PAGE = 560

COMPANIES = [
    "Northwind Pictures, Inc.", "Acme Studios LLC", "Bluefin Media Ltd", "Harbor Light Productions LLC",
    "Quillon AI Labs, Inc.", "Redwood Sound Corporation", "Meridian Entertainment Group LLC",
    "Lumen Data Services Inc.", "Cobalt Films Ltd", "Sable Voice Technologies LLC",
    "Ostrich Interactive Inc.", "Pinnacle Streaming Company", "Vesper Animation Studios LLC",
    "Tandem Annotation Co.", "Glasshouse Productions Ltd",
]
WORKERS = [
    ("Jane Roe", "Writer"), ("Luis Ortega", "Writer"), ("Mei Chen", "Performer"),
    ("Sam Okafor", "Performer"), ("Priya Nair", "Writer"), ("Ana Silva", "Annotator"),
    ("Tom Becker", "Performer"), ("Ruth Adeyemi", "Writer"), ("Kenji Watanabe", "Annotator"),
    ("Olga Ivanova", "Performer"),
]
TITLES = {
    "Writer": ["WRITER SERVICES AGREEMENT", "LITERARY MATERIAL PURCHASE AGREEMENT", "STAFF WRITER AGREEMENT"],
    "Performer": ["PERFORMER AGREEMENT", "VOICE-OVER SERVICES AGREEMENT", "DIGITAL PERFORMANCE AGREEMENT"],
    "Annotator": ["INDEPENDENT CONTRACTOR AGREEMENT", "DATA SERVICES STATEMENT OF WORK",
                  "CONTENT EVALUATION AGREEMENT"],
}

# Clauses that clausecheck's rules are about, in a few wordings each ({C} company short name, {W} worker).
HOT = {
    "ai-training": [
        "{C} may use the Materials, and any recordings of {W}'s voice and performance, to train, fine-tune, "
        "test and improve machine learning models and artificial intelligence systems, without further "
        "compensation to {W}.",
        "{W} grants {C} the right to use all Work Product as training data for generative artificial "
        "intelligence, including large language models developed by {C} or its licensees.",
        "The Deliverables may be incorporated into datasets used to develop and improve {C}'s models and "
        "services, throughout the universe and in perpetuity.",
    ],
    "digital-replica": [
        "{W} irrevocably consents to {C} creating a digital replica of {W}'s voice and likeness and using it "
        "in any production, without the need for further consent for each use.",
        "{C} may create synthetic performances that simulate {W}'s voice, face and mannerisms and may use "
        "such synthetic performances in any media now known or hereafter devised.",
    ],
    "confidentiality-gag": [
        "{W} shall not disclose the existence of this Agreement, the identity of {C}, or any of its terms "
        "to any person whatsoever, including any labor organization.",
        "{W} agrees to keep strictly confidential any information whatsoever relating to {C}, its projects "
        "and this engagement, during the Term and for ten (10) years thereafter.",
    ],
    "arbitration": [
        "Any dispute arising out of this Agreement shall be resolved by final and binding arbitration on an "
        "individual basis, and {W} waives any right to participate in a class or collective action.",
    ],
    "moral-rights": [
        "{W} hereby waives all moral rights, droit moral and rights of attribution and integrity in the "
        "Materials, and agrees not to assert any such rights against {C} or its licensees.",
    ],
    "buyout": [
        "The fee set out in Schedule A is full consideration for all rights granted hereunder, and no "
        "additional payment, residual or royalty shall be due for any use in any medium.",
    ],
    "non-disparagement": [
        "{W} shall not make any negative statement about {C}, its officers, products or services, in any "
        "forum, during or after the Term.",
    ],
    "contractor": [
        "{W} is an independent contractor and not an employee of {C}, and shall not be entitled to any "
        "benefits, guild or union coverage, or overtime.",
    ],
}
PROTECTIVE = [
    "{C} shall not use the Materials to train any artificial intelligence system without {W}'s prior "
    "written consent and separate compensation.",
    "Nothing in this Agreement prohibits {W} from reporting possible violations of law to any government "
    "agency, from speaking with an attorney, or from discussing terms of employment with {W}'s union.",
]
HEADINGS = [
    "Definitions", "Engagement", "Services", "Compensation", "Payment Terms", "Term and Termination",
    "Rights Granted", "Credit", "Confidentiality", "Representations and Warranties", "Indemnification",
    "Limitation of Liability", "Insurance", "Notices", "Assignment", "Governing Law", "Dispute Resolution",
    "Force Majeure", "Severability", "Entire Agreement", "Counterparts", "Publicity", "Expenses",
    "Travel", "Records and Audit", "Compliance with Laws", "Data Protection", "Non-Solicitation",
]
SUBJECTS = ["{C}", "{W}", "Each party", "Neither party", "The parties", "Any successor of {C}"]
VERBS = ["shall", "will", "may", "agrees to", "shall promptly", "shall use reasonable efforts to"]
OBJECTS = [
    "deliver all written notices to the address set out in the preamble",
    "keep complete and accurate records of all amounts invoiced under this Agreement",
    "comply with all applicable laws, regulations and industry codes in performing the Services",
    "pay each undisputed invoice within thirty (30) days of receipt",
    "maintain commercial general liability insurance with limits of not less than $1,000,000 per occurrence",
    "provide written notice of any material breach and allow fifteen (15) days to cure it",
    "cooperate in good faith to resolve any dispute before commencing proceedings",
    "return or destroy all Confidential Information upon termination of this Agreement",
    "reimburse reasonable pre-approved travel expenses supported by receipts",
    "not assign this Agreement without the prior written consent of the other party",
    "deliver each installment of the Services by the dates set out in Schedule B",
    "treat the schedules to this Agreement as forming part of it",
]
TAILS = [
    "", " This obligation survives termination of this Agreement.", " Time is of the essence.",
    " Such notice shall be deemed given on the date of delivery.",
    " The foregoing shall not limit any other remedy available at law or in equity.",
    " Any amount not paid when due shall bear interest at one percent (1%) per month.",
]


@dataclass
class Entry:
    """One generated file, as listed in corpus.json."""

    path: str
    kind: str
    pages: int
    broken: str | None
    company: str


def plan(count: int, seed: int) -> list[tuple[Entry, int]]:
    """What to generate: an entry and a per-file seed, deterministic in ``seed``."""
    rng = random.Random(seed)
    jobs: list[tuple[Entry, int]] = []
    broken_kinds = ["truncated-pdf", "garbage-pdf", "encrypted-pdf", "docx-without-document", "empty",
                    "image-named-pdf"]
    per_folder: dict[str, int] = {}
    for i in range(count):
        company = COMPANIES[i % len(COMPANIES)]
        folder = company.split()[0].lower().strip(",")
        n = per_folder.get(folder, 0)
        per_folder[folder] = n + 1
        kind = "pdf" if rng.random() < 0.6 else "docx"
        pages = _pages(rng)
        if i == 0:
            kind, pages = "pdf", 150
        elif i == 1:
            kind, pages = "docx", 150
        broken = broken_kinds[(i // 33) % len(broken_kinds)] if i % 33 == 32 else None
        if broken in ("truncated-pdf", "garbage-pdf", "encrypted-pdf", "image-named-pdf"):
            kind = "pdf"
        elif broken == "docx-without-document":
            kind = "docx"
        name = "offer" if n % 5 == 0 else f"{folder}-{n:03d}"
        path = f"{folder}/{name}.{kind}" if n % 5 else f"{folder}/batch-{n // 5:02d}/{name}.{kind}"
        jobs.append((Entry(path, kind, pages, broken, company), rng.randrange(1 << 30)))
    return jobs


def _pages(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.6:
        return rng.randint(2, 10)
    if roll < 0.9:
        return rng.randint(11, 40)
    if roll < 0.98:
        return rng.randint(41, 100)
    return rng.randint(101, 150)


def contract(entry: Entry, seed: int) -> tuple[str, list[tuple[str, str]]]:
    """The title and ``(label, text)`` paragraphs of one contract, about ``entry.pages`` pages long."""
    rng = random.Random(seed)
    company_rng = random.Random(entry.company)
    worker, role = WORKERS[rng.randrange(len(WORKERS))]
    short = "Company" if company_rng.random() < 0.6 else "Producer"
    title = TITLES[role][rng.randrange(3)]
    fill = {"C": short, "W": role}
    paras: list[tuple[str, str]] = [("", f"This {title.title()} (the \"Agreement\") is made as of "
                                         f"{rng.randint(1, 28)} March 2024 between {entry.company} "
                                         f"(\"{short}\") and {worker} (\"{role}\").")]
    hot = [k for k in HOT if company_rng.random() < 0.5 or rng.random() < 0.2]
    words, target = 0, entry.pages * WORDS_PER_PAGE
    article = 0
    while words < target:
        article += 1
        heading = HEADINGS[(article - 1) % len(HEADINGS)]
        paras.append((f"ARTICLE {article}.", heading.upper()))
        for section in range(1, rng.randint(3, 7)):
            text = _boilerplate(rng, fill)
            if hot and rng.random() < 0.25:
                key = hot.pop(0)
                options = HOT[key]
                text = options[company_rng.randrange(len(options))].format(**fill)
                if rng.random() < 0.3:
                    text = text.replace("shall", "will", 1)
            elif rng.random() < 0.05:
                text = PROTECTIVE[rng.randrange(len(PROTECTIVE))].format(**fill)
            paras.append((f"{article}.{section}", text))
            words += len(text.split())
    paras.append(("", f"IN WITNESS WHEREOF, the parties have signed this Agreement. {entry.company}. "
                      f"By: ____________. {worker}: ____________."))
    return title, paras



def _boilerplate(rng: random.Random, fill: dict[str, str]) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        subject = rng.choice(SUBJECTS).format(C=fill["C"], W=fill["W"])
        sentences.append(f"{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)}.{rng.choice(TAILS)}")
    return " ".join(sentences)


def write_pdf(path: Path, title: str, paras: list[tuple[str, str]], *, password: str | None = None) -> None:
    """A PDF through reportlab's platypus (wrapped text, page numbers)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.fontSize, body.leading = 10, 12.5
    head = styles["Heading3"]
    title_style = styles["Title"]
    title_style.alignment = TA_CENTER
    story = [Paragraph(escape(title), title_style), Spacer(1, 6)]
    for label, text in paras:
        if label.startswith("ARTICLE"):
            story.append(Paragraph(f"{escape(label)} {escape(text)}", head))
        elif label:
            story.append(Paragraph(f"<b>{escape(label)}</b> {escape(text)}", body))
        else:
            story.append(Paragraph(escape(text), body))

    def number(canvas, doc) -> None:
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(letter[0] / 2, 30, f"Page {doc.page}")

    encrypt = None
    if password:
        from reportlab.lib import pdfencrypt

        encrypt = pdfencrypt.StandardEncryption(password, canPrint=0)
    doc = SimpleDocTemplate(str(path), pagesize=letter, title=title, encrypt=encrypt)
    doc.build(story, onFirstPage=number, onLaterPages=number)


def write_docx(path: Path, title: str, paras: list[tuple[str, str]]) -> None:
    """A DOCX through python-docx, with a page break about every page's worth of words."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_heading(title, level=0)
    words = 0
    for label, text in paras:
        if label.startswith("ARTICLE"):
            document.add_heading(f"{label} {text}", level=1)
            continue
        paragraph = document.add_paragraph()
        if label:
            paragraph.add_run(label + " ").bold = True
        paragraph.add_run(text)
        words += len(text.split())
        if words >= WORDS_PER_PAGE:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
            words = 0
    document.save(str(path))


def build(job: tuple[Entry, int], out: Path) -> Entry:
    """Write one planned file."""
    entry, seed = job
    path = out / entry.path
    path.parent.mkdir(parents=True, exist_ok=True)
    title, paras = contract(entry, seed)
    if entry.broken == "empty":
        path.write_bytes(b"")
    elif entry.broken == "image-named-pdf":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    elif entry.broken == "garbage-pdf":
        path.write_bytes(b"%PDF-1.4\n" + random.Random(seed).randbytes(4000))
    elif entry.broken == "encrypted-pdf":
        write_pdf(path, title, paras[:20], password="secret")
    elif entry.broken == "docx-without-document":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/styles.xml", "<styles/>")
    elif entry.kind == "pdf":
        write_pdf(path, title, paras)
        if entry.broken == "truncated-pdf":
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 3])
    else:
        write_docx(path, title, paras)
    return entry


def listing_path(out: Path) -> Path:
    """Where the listing of corpus ``out`` goes: beside the folder, so no batch over it reads it."""
    return out.parent / f"{out.name}.json"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=320)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--max-pages", type=int, default=150, help="cap page counts (for a quick corpus)")
    args = parser.parse_args(argv)
    jobs = plan(args.count, args.seed)
    for entry, _ in jobs:
        entry.pages = min(entry.pages, args.max_pages)
    args.out.mkdir(parents=True, exist_ok=True)
    with multiprocessing.Pool(args.jobs) as pool:
        entries = pool.starmap(build, [(job, args.out) for job in jobs])
    listing = {"seed": args.seed, "files": [asdict(e) for e in entries]}
    listing_path(args.out).write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")
    pdf = sum(1 for e in entries if e.kind == "pdf")
    broken = sum(1 for e in entries if e.broken)
    print(f"{len(entries)} files in {args.out}: {pdf} PDF, {len(entries) - pdf} DOCX, {broken} broken, "
          f"{sum(e.pages for e in entries if not e.broken)} planned pages")


if __name__ == "__main__":
    main()
