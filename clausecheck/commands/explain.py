"""``clausecheck explain FILE --rule ID``: show, clause by clause, how one rule judged a contract."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import load_config
from ..engine.explain import explain as explain_rule
from ..engine.schema import APPLIES
from .rules import find_rule, pack_option, rules_option, selected_rules


@click.command("explain")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--rule", "rule_id", required=True, metavar="ID", help="The rule to explain.")
@pack_option
@rules_option
@click.option("--password", default=None, help="Password of an encrypted PDF.")
@click.option("--state", default=None, metavar="XX", help="US state whose law applies, e.g. CA.")
@click.option("--represented", type=click.Choice(APPLIES["represented"]), default=None)
@click.option("--role", type=click.Choice(APPLIES["role"]), default=None)
@click.option("--status", type=click.Choice(APPLIES["status"]), default=None)
@click.option("--union", type=click.Choice(APPLIES["union"]), default=None)
def explain(file: Path, rule_id: str, packs: tuple[str, ...], rule_paths: tuple[Path, ...],
            password: str | None, **facts: str | None) -> None:
    """Explain one rule on FILE: per clause, which parts matched, which negations, exceptions and
    defined terms were considered, and why the rule fired or not."""
    from ..loaders import load

    config = load_config()
    rule = find_rule(selected_rules(packs, rule_paths), rule_id)
    document = load(file, password=password, limits=config.limits)
    context = config.context_with(facts)
    for line in explain_rule(document, rule, context, config.limits):
        click.echo(line)
