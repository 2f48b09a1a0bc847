"""clausecheck's library call: check a contract against rule packs and get a Report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .engine import Context, Engine, RuleSet, load_rules
from .engine.run import finding_order
from .limits import DEFAULT_LIMITS, Limits
from .model import Document, Finding, PackInfo, Report
from .reader.findings import between_businesses, read_clauses, reader_info
from .reader.model import builtin as builtin_reader

ContextLike = Context | Mapping[str, str | None] | None


def check(
    source: str | Path | Document,
    *,
    packs: Sequence[str] | None = None,
    rules: Sequence[str | Path] = (),
    context: ContextLike = None,
    only: Sequence[str] = (),
    ignore: Sequence[str] = (),
    password: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    prefilter: bool = True,
    reader: bool = True,
) -> Report:
    """Check ``source`` (a path or an already parsed Document) and return the Report.

    ``packs``: built-in pack names (None: all built-in packs); ``rules``: extra rule files or folders;
    ``context``: known facts (a :class:`~clausecheck.engine.Context`, or a mapping such as
    ``{"state": "CA"}`` taken as given by the user); ``only`` / ``ignore``: concern ids; ``reader``:
    add the clause reader's findings (clausecheck/reader) where no rule raised a clause's concern, and
    set aside the built-in rules' conflicts it is all but sure are false alarms.
    Raises :class:`~clausecheck.errors.ClauseCheckError` subclasses for bad input or rules.
    """
    ruleset = load_rules(packs, rules)
    if isinstance(source, Document):
        document = source
    else:
        from .loaders import load

        document = load(source, password=password, limits=limits)
    engine = _engine(ruleset, tuple(only), tuple(ignore), limits, prefilter)
    findings, assumptions = engine.run(document, as_context(context))
    packs_run = [PackInfo(p.name, p.title, p.version, len(p.rules), p.path) for p in ruleset.packs]
    concerns = reader_concerns(ruleset, only, ignore) if reader else frozenset()
    set_aside: list[Finding] = []
    if concerns and not between_businesses(assumptions):
        findings, set_aside = read_clauses(document, findings, builtin_reader(), concerns,
                                           ruleset.builtin_packs())
        findings.sort(key=finding_order)
        packs_run.append(reader_info(builtin_reader()))
    return Report(
        document=document,
        findings=findings,
        set_aside=set_aside,
        assumptions=assumptions,
        packs=packs_run,
        rules_version=rules_version(ruleset, reader, only, ignore),
        tool_version=__version__,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def prepare(packs: Sequence[str] | None = None, rules: Sequence[str | Path] = (), only: Sequence[str] = (),
            ignore: Sequence[str] = (), limits: Limits = DEFAULT_LIMITS, prefilter: bool = True,
            reader: bool = True) -> RuleSet:
    """Load the rules and build their engine (its keyword set and compiled tests take about a
    second), both kept for the :func:`check` calls that follow with the same arguments. A batch calls
    it once before it starts its workers, which inherit the engine instead of each building its own.
    It also compiles every regex and RE2 screen, which a single :func:`check` leaves until first use
    (a contract uses few of them): each worker would otherwise compile the same ones again, about a
    second of CPU per worker."""
    ruleset = load_rules(packs, rules)
    ruleset.compile_patterns()
    _engine(ruleset, tuple(only), tuple(ignore), limits, prefilter)
    if reader:
        builtin_reader()
    return ruleset


def rules_version(ruleset: RuleSet, reader: bool = True, only: Sequence[str] = (),
                  ignore: Sequence[str] = ()) -> str:
    """What a report's findings depend on besides the contract: the rules' hash, and the reader's
    training data when it is used ("…+reader-1a2b3c4d"). A batch's ``--resume`` redoes a report
    whose version differs."""
    if not (reader and reader_concerns(ruleset, only, ignore)):
        return ruleset.version
    return f"{ruleset.version}+reader-{builtin_reader().meta['data'][:8]}"


def reader_concerns(ruleset: RuleSet, only: Sequence[str] = (), ignore: Sequence[str] = ()) -> frozenset[str]:
    """The concerns the clause reader reports on: those of the built-in packs chosen (none when only
    a user's packs run), within ``only`` and less ``ignore``."""
    return frozenset(c for c in ruleset.builtin_concerns() if (not only or c in only) and c not in ignore)


_ENGINES: dict[tuple, Engine] = {}


def _engine(ruleset: RuleSet, only: tuple[str, ...], ignore: tuple[str, ...], limits: Limits,
            prefilter: bool) -> Engine:
    """The Engine for these rules and options, reused across calls (a batch checks many files)."""
    key = (id(ruleset), ruleset.version, only, ignore, limits, prefilter)
    engine = _ENGINES.get(key)
    if engine is None:
        if len(_ENGINES) >= 8:
            _ENGINES.pop(next(iter(_ENGINES)))
        engine = _ENGINES[key] = Engine(ruleset.select(only, ignore), limits=limits, prefilter=prefilter)
    return engine


def as_context(context: ContextLike) -> Context:
    """A :class:`Context` from a Context, a mapping of facts (origin "user"), or None."""
    if context is None:
        return Context()
    if isinstance(context, Context):
        return context
    return Context.given(dict(context), "user")
