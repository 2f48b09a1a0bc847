"""Reports built by hand for the renderer tests (the engine's own output is tested end to end in
tests/test_check_cli.py). Offsets are computed from the texts, never typed in."""

from __future__ import annotations

from pathlib import Path

from clausecheck.model import (
    Assumption,
    Clause,
    Document,
    Finding,
    PackInfo,
    Report,
    Source,
    Span,
)

CLAUSES = [
    ("1", "1.", "Services", "Writer shall write one episode of the Series.", 1, "clause"),
    (
        "2",
        "2.",
        "Grant of Rights",
        "Writer grants Company all rights in the Materials in any and all media now known or hereafter "
        "devised, and Company may use the Materials to train machine learning models without further "
        "compensation.",
        2,
        "clause",
    ),
    ("2.1", "2.1", None, "Writer irrevocably waives all moral rights in the Materials.", 2, "clause"),
    (
        "3",
        "3.",
        "Confidentiality",
        "Writer shall not disclose the existence of this Agreement to any person.",
        3,
        "clause",
    ),
    ("4", "4.", "Credit", "Writer shall receive credit in accordance with the WGA MBA.", 3, "clause"),
]


def make_document(clauses=CLAUSES, *, path: str = "/contracts/offer-letter.pdf", gaps=()) -> Document:
    """A Document whose text, offsets and pages agree with each other."""
    built: list[Clause] = []
    parts: list[str] = []
    cursor = 0
    for number, label, heading, text, page, kind in clauses:
        parent = next(
            (i for i, c in enumerate(built) if number and c.number and number.startswith(c.number + ".")),
            None,
        )
        built.append(
            Clause(
                number=number,
                label=label,
                heading=heading,
                text=text,
                level=0 if parent is None else 1,
                parent=parent,
                page=page,
                last_page=page,
                start=cursor,
                end=cursor + len(text),
                kind=kind,
            )
        )
        parts.append(text)
        cursor += len(text) + 2
    return Document(
        path=path,
        format="pdf",
        sha256="ab" * 32,
        pages=max(c.page for c in built) + len(gaps),
        clauses=built,
        text="\n\n".join(parts),
        gaps=list(gaps),
    )


def span_of(document: Document, clause: int, words: str) -> Span:
    text = document.clauses[clause].text
    start = text.index(words)
    return Span(start, start + len(words))


WGA = Source(
    "WGA 2023 Minimum Basic Agreement", "Article 72", 2023, "https://www.wga.org/contracts/contracts/mba"
)
AB2602 = Source("California AB 2602", "section unverified", 2024, None)


def finding(
    document: Document,
    clause: int | None,
    *,
    rule: str,
    concern: str,
    group: str,
    kind: str,
    severity: str,
    words: tuple[str, ...] = (),
    quote: str | None = None,
    **extra,
) -> Finding:
    text = document.clauses[clause].text if clause is not None else ""
    return Finding(
        rule=rule,
        pack=extra.pop("pack", "wga"),
        title=extra.pop("title", f"Rule {rule}"),
        concern=concern,
        group=group,
        kind=kind,
        severity=severity,
        clause=clause,
        quote=text if quote is None else quote,
        spans=[span_of(document, clause, w) for w in words] if clause is not None else [],
        explanation=extra.pop(
            "explanation", "This clause lets the company do something the provisions restrict."
        ),
        ask=extra.pop("ask", f"Ask to limit {concern} to uses you agree to in writing."),
        sources=extra.pop("sources", [WGA]),
        notes=extra.pop("notes", []),
    )


def make_report(document: Document | None = None, findings: list[Finding] | None = None) -> Report:
    """A report on the sample offer with conflicts of each severity, a missing protection and a protection."""
    doc = document or make_document()
    if findings is None:
        findings = [
            finding(
                doc,
                1,
                rule="wga-ai-training",
                concern="ai-training",
                group="consent",
                kind="conflict",
                severity="high",
                words=("train machine learning models",),
                title="Your work may train AI",
            ),
            finding(
                doc,
                1,
                rule="blanket-media",
                concern="blanket-grant",
                group="consent",
                kind="conflict",
                severity="medium",
                words=("in any and all media now known or hereafter devised",),
                title="Grant covers every future medium",
            ),
            finding(
                doc,
                1,
                rule="no-pay",
                concern="no-further-payment",
                group="compensation",
                kind="conflict",
                severity="high",
                words=("without further compensation",),
                title="No pay for AI uses",
                sources=[WGA, AB2602],
            ),
            finding(
                doc,
                2,
                rule="moral-waiver",
                concern="moral-rights-waiver",
                group="credit",
                kind="conflict",
                severity="low",
                words=("waives all moral rights",),
                title="Moral rights waived",
            ),
            finding(
                doc,
                3,
                rule="nda-carveout",
                concern="whistleblower-carveout",
                group="speech",
                kind="missing",
                severity="medium",
                words=("shall not disclose",),
                title="No carve-out for protected disclosures",
                ask="Add: nothing in this Agreement prevents Writer from speaking to the Guild, a lawyer "
                "or a government agency.",
            ),
            finding(
                doc,
                4,
                rule="credit-mba",
                concern="credit-waiver",
                group="credit",
                kind="protection",
                severity="low",
                words=("credit in accordance with the WGA MBA",),
                title="Credit follows the MBA",
                ask="Keep this clause.",
            ),
        ]
    return Report(
        document=doc,
        findings=findings,
        assumptions=[
            Assumption("state", "CA", "user", "--state CA"),
            Assumption("represented", None, "unknown"),
        ],
        packs=[PackInfo("wga", "WGA 2023 MBA Article 72", "2023.1", 12, "packs/wga.yaml")],
        rules_version="2023.1",
        tool_version="0.1.0",
        created="2026-11-22T14:00:00+00:00",
    )


def expected_report(name: str) -> Report:
    """A report on a real fixture contract (loaded by clausecheck's own loaders), with one finding per
    line of the fixture's ``.expected.yaml``, quoting the clause the line names."""
    import yaml

    from clausecheck.loaders import load
    from clausecheck.render.summary import load_concerns

    root = Path(__file__).resolve().parent.parent / "fixtures" / "contracts"
    source = next(p for p in sorted(root.glob(f"{name}.*")) if not p.name.endswith(".expected.yaml"))
    document = load(source)
    expected = yaml.safe_load((root / f"{name}.expected.yaml").read_text(encoding="utf-8"))["findings"]
    concerns = load_concerns().concerns
    numbers = {c.number: i for i, c in enumerate(document.clauses) if c.number and c.change != "deleted"}
    severities = {"conflict": "high", "missing": "medium", "protection": "low"}
    found = [
        finding(
            document,
            numbers[item["clause"]],
            rule=f"test-{item['concern']}-{item['kind']}",
            concern=item["concern"],
            group=concerns[item["concern"]].group,
            kind=item["kind"],
            severity=severities[item["kind"]],
            title=concerns[item["concern"]].question,
        )
        for item in expected
    ]
    return make_report(document, found)


XSS = Path(__file__).resolve().parent / "data" / "xss"


def payloads() -> list[str]:
    """The cross-site-scripting payloads, one a line, from tests/data/xss/payloads.txt."""
    return [line for line in (XSS / "payloads.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def hostile_report(path: Path | None = None) -> Report:
    """A report on tests/data/xss/hostile-contract.txt (or a copy of it at ``path``, whose name may
    itself be hostile) whose findings carry a payload in every field a rule supplies (the first one is
    set aside)."""
    from clausecheck.loaders import load

    document = load(path or XSS / "hostile-contract.txt")
    hostile = payloads()
    kinds = ("conflict", "missing", "protection")
    found = []
    subclauses = [(i, c) for i, c in enumerate(document.clauses) if c.parent is not None]
    for n, (index, clause) in enumerate(subclauses):
        payload = hostile[n % len(hostile)]
        words = clause.text.split(" ")[1]
        found.append(
            Finding(
                rule=f"xss-{n}{payload[:12]}",
                pack=f"hostile{payload[:8]}",
                title=f"Title {payload}",
                concern="ai-training" if n % 3 else payload,
                group="consent" if n % 4 else payload,
                kind=kinds[n % 3],
                severity=("high", "medium", "low")[n % 3],
                clause=index,
                quote=clause.text,
                spans=[span_of(document, index, words)],
                explanation=f"Explanation {payload}",
                ask=f"Ask {payload}",
                sources=[
                    Source(f"Source {payload}", f"section {payload}", 2023, payload),
                    Source("Safe link", "Article 72", 2023, "https://www.wga.org/"),
                ],
                notes=[f"Note {payload}"],
            )
        )
    report = make_report(document, found[1:])
    report.set_aside = found[:1]  # a rule match the clause reader set aside is shown too
    report.packs.append(PackInfo(f"pack {hostile[0]}", hostile[1], hostile[2], 1, hostile[3]))
    return report
