"""``clausecheck rules list|show|validate|test``: look at, check and test rule packs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import yaml

from ..config import load_config
from ..engine.examples import check_examples
from ..engine.loader import RuleSet, load_files, load_rules, pack_paths
from ..engine.schema import Rule
from ..errors import RuleError
from ..reader.findings import PACK as READER

pack_option = click.option("--pack", "packs", multiple=True, metavar="NAME",
                           help="Built-in rule pack (repeatable; default: all, or as in clausecheck.toml).")
rules_option = click.option("--rules", "rule_paths", multiple=True, type=click.Path(path_type=Path),
                            metavar="DIR", help="Folder or file of your own rule packs (repeatable).")


def selected_rules(packs: tuple[str, ...], rule_paths: tuple[Path, ...]) -> RuleSet:
    """The rule set chosen by ``--pack`` / ``--rules`` and clausecheck.toml."""
    chosen_packs, chosen_rules = load_config().rule_sources(packs, rule_paths)
    return load_rules(chosen_packs, chosen_rules)


def rules_at(paths: tuple[Path, ...]) -> RuleSet:
    """The packs at ``paths`` (files or folders), or the configured ones when none are given, with
    every regex compiled."""
    ruleset = selected_rules((), ()) if not paths else load_files(pack_paths([], paths))
    ruleset.compile_patterns()
    return ruleset


@click.group("rules")
def rules() -> None:
    """List, show, validate and test rule packs."""


@rules.command("list")
@pack_option
@rules_option
def list_rules(packs: tuple[str, ...], rule_paths: tuple[Path, ...]) -> None:
    """List rules: id, concern, kind, severity, pack."""
    ruleset = selected_rules(packs, rule_paths)
    rows = [("ID", "CONCERN", "KIND", "SEVERITY", "PACK")]
    rows += [(r.id, r.concern, r.kind, r.severity, r.pack) for r in ruleset.rules]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[4])
    click.echo(f"\n{len(ruleset.rules)} rules in {len(ruleset.packs)} packs")


@rules.command("show")
@click.argument("rule_id", metavar="ID")
@pack_option
@rules_option
def show(rule_id: str, packs: tuple[str, ...], rule_paths: tuple[Path, ...]) -> None:
    """Show every key of one rule, as written in its pack."""
    ruleset = selected_rules(packs, rule_paths)
    rule = find_rule(ruleset, rule_id)
    click.echo(f"# {rule.id}: {rule.title}")
    click.echo(f"# pack {rule.pack}, defined at {rule.mark}; concern group: {rule.group}")
    click.echo(f"# scope {rule.scope}, polarity {rule.polarity}")
    click.echo(yaml.safe_dump(plain(rule.raw), sort_keys=False, allow_unicode=True, width=100).rstrip())


@rules.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check rule files against the schema (exit 2 with FILE:LINE:COLUMN on the first error)."""
    ruleset = rules_at(paths)
    for pack in ruleset.packs:
        click.echo(f"ok  {pack.path}  ({pack.name}, {len(pack.rules)} rules)")
    click.echo(f"{len(ruleset.rules)} rules in {len(ruleset.packs)} files are valid")


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="List only the rules that fail.")
def test(paths: tuple[Path, ...], quiet: bool) -> None:
    """Run every rule's examples: match texts must fire, no_match texts must not (exit 1 on failure)."""
    ruleset = rules_at(paths)
    limits = load_config().limits
    passed = failed = 0
    for rule in ruleset.rules:
        outcome = check_examples(rule, limits)
        if outcome.passed:
            passed += 1
            if not quiet:
                click.echo(f"PASS  {rule.id}")
            continue
        failed += 1
        click.echo(f"FAIL  {rule.id}")
        for failure in outcome.failures:
            click.echo(f"      {failure}")
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def find_rule(ruleset: RuleSet, rule_id: str) -> Rule:
    """The rule with ``rule_id``, or a RuleError suggesting a near id."""
    rule = ruleset.by_id.get(rule_id)
    if rule is None and rule_id.startswith(READER + ":"):
        raise RuleError("--rule", f"'{rule_id}' is a finding of the clause reader, a learnt model, not a "
                        "rule: there is no rule to explain (see docs/reader.md)")
    if rule is None:
        from ..engine.expr import did_you_mean

        raise RuleError("--rule", f"no rule '{rule_id}'{did_you_mean(rule_id, list(ruleset.by_id))}")
    return rule


def plain(value: Any) -> Any:
    """YMap/YList trees as plain dicts and lists (for yaml.safe_dump)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
