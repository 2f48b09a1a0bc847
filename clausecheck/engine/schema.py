"""The rule-pack schema: check a parsed pack file key by key and build :class:`Pack` / :class:`Rule`.

Every problem raises :class:`~clausecheck.errors.RuleError` located at ``file:line:column``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..model import KINDS, SEVERITIES, Source
from .catalog import Catalog, Vocabulary, parse_vocabulary
from .expr import Branch, Compiler, Expr, Leaf, bad_regex, iter_leaves, unknown_key, unknown_value
from .yamlnodes import Mark, YList, YMap, read_yaml

PACK_KEYS = ("pack", "vocabulary", "rules")
HEADER_KEYS = ("name", "title", "version", "description")
RULE_KEYS = ("id", "title", "concern", "kind", "severity", "scope", "applies", "sources", "explanation",
             "ask", "match", "trigger", "requires", "exceptions", "polarity", "examples")
REQUIRED = ("id", "title", "concern", "kind", "severity", "sources", "explanation", "ask", "examples")
SOURCE_KEYS = ("name", "section", "year", "url")
SCOPES = ("clause", "document")
POLARITIES = ("affirmed", "negated", "any")
BUILTIN_EXCEPTIONS = ("consent", "payment")
MIN_EXAMPLES = 2
US_STATES = frozenset(
    [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
        "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
        "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
        "WV", "WI", "WY"
    ]
)
APPLIES: dict[str, tuple[str, ...] | frozenset[str]] = {
    "role": ("writer", "performer", "annotator"),
    "state": US_STATES,
    "represented": ("counsel", "union", "none"),
    "status": ("employee", "contractor"),
    "union": ("wga", "sag-aftra", "none"),
    "parties": ("individual", "business"),
}
ID_FORM = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class Example:
    """A text a rule must (or must not) flag; blank lines split it into clauses."""

    text: str
    definitions: dict[str, str]
    mark: Mark


@dataclass(eq=False)
class Rule:
    """One validated, compiled rule."""

    id: str
    pack: str
    title: str
    concern: str
    group: str
    kind: str
    severity: str
    scope: str
    polarity: str
    sources: list[Source]
    explanation: str
    ask: str
    match: Expr | None
    trigger: Expr | None
    requires: Expr | None
    exceptions: list[str | Expr]
    applies: dict[str, tuple[str, ...]]
    examples_match: list[Example]
    examples_no_match: list[Example]
    mark: Mark
    raw: YMap = field(repr=False)

    @property
    def main(self) -> Expr:
        """The expression that locates a finding: ``match``, or ``trigger`` for missing rules."""
        expr = self.trigger if self.kind == "missing" else self.match
        assert expr is not None
        return expr

    def compile_patterns(self) -> None:
        """Compile every leaf's regex and build its RE2 screen now (the built-in packs' wait for first
        use; see lazy.py)."""
        for expr in (self.match, self.trigger, self.requires, *self.exceptions):
            if isinstance(expr, (Leaf, Branch)):
                for leaf in iter_leaves(expr, inside_not=True):
                    try:
                        leaf.pattern.compile()
                    except regex.error as error:
                        raise leaf.mark.error(bad_regex(self.id, error), self.id) from None
                    leaf.screen  # noqa: B018  (a cached property: built here, once)


@dataclass
class Pack:
    """A validated pack file."""

    name: str
    title: str
    version: str
    description: str
    path: str
    text: str
    rules: list[Rule]
    builtin: bool = False  # shipped with clausecheck (set by the loader)


def parse_pack(path: str, text: str, catalog: Catalog, eager: bool = True) -> Pack:
    """Validate and compile one pack file's ``text`` (``path`` is used in messages). ``eager=False``
    leaves each regex to be compiled on first use (for the built-in packs, whose patterns the tests
    compile)."""
    top = read_yaml(path, text)
    if not isinstance(top, YMap):
        raise Mark(path, 1, 1).error("a rule pack is a mapping with 'pack' and 'rules'")
    for key in top:
        if key not in PACK_KEYS:
            raise top.key_mark(key).error(unknown_key(key, PACK_KEYS, "a pack file"))
    for key in ("pack", "rules"):
        if key not in top:
            raise top.mark.error(f"a pack file needs '{key}'")
    header = _header(top["pack"], top.value_mark("pack"))
    vocabulary = dict(catalog.vocabulary)
    if "vocabulary" in top:
        vocabulary.update(parse_vocabulary(top["vocabulary"], path, catalog.vocabulary))
    rules_node = top["rules"]
    if not isinstance(rules_node, YList):
        raise top.value_mark("rules").error("'rules' must be a list of rules")
    rules = [_rule(item, mark, header["name"], catalog, vocabulary, eager)
             for item, mark in zip(rules_node, rules_node.item_marks, strict=True)]
    return Pack(header["name"], header["title"], header["version"], header.get("description", ""),
                path, text, rules)


def _header(node: object, mark: Mark) -> dict[str, str]:
    if not isinstance(node, YMap):
        raise mark.error("'pack' must be a mapping with name, title and version")
    for key in node:
        if key not in HEADER_KEYS:
            raise node.key_mark(key).error(unknown_key(key, HEADER_KEYS, "'pack'"))
    header = {}
    for key in HEADER_KEYS:
        if key not in node:
            if key != "description":
                raise node.mark.error(f"'pack' needs '{key}'")
            continue
        header[key] = _text(node, key, None)
    if not ID_FORM.fullmatch(header["name"]):
        raise node.value_mark("name").error(
            f"pack name '{header['name']}' must be lowercase letters, digits and dashes")
    return header


def _text(node: YMap, key: str, rule: str | None) -> str:
    value = node[key]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "version":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise node.value_mark(key).error(f"'{key}' must be a non-empty text", rule)
    return value.strip()


def _choice(node: YMap, key: str, choices, rule: str, what: str, default: str | None = None) -> str:
    if key not in node:
        assert default is not None
        return default
    value = node[key]
    if not isinstance(value, str) or value not in choices:
        raise node.key_mark(key).error(unknown_value(what, value, choices), rule)
    return value


def _rule(node: object, mark: Mark, pack: str, catalog: Catalog, vocabulary: Vocabulary,
          eager: bool) -> Rule:
    if not isinstance(node, YMap):
        raise mark.error("each rule must be a mapping")
    rule_id = node.get("id") if isinstance(node.get("id"), str) else None
    for key in node:
        if key not in RULE_KEYS:
            raise node.key_mark(key).error(unknown_key(key, RULE_KEYS, f"rule '{rule_id}'"), rule_id)
    for key in REQUIRED:
        if key not in node:
            raise node.mark.error(f"rule '{rule_id}' needs '{key}'", rule_id)
    rule_id = _text(node, "id", None)
    if not ID_FORM.fullmatch(rule_id):
        raise node.value_mark("id").error(
            f"rule id '{rule_id}' must be lowercase letters, digits and dashes", rule_id)
    concern = node["concern"]
    if not isinstance(concern, str) or concern not in catalog.concerns:
        raise node.key_mark("concern").error(unknown_value("concern", concern, catalog.concerns), rule_id)
    kind = _choice(node, "kind", KINDS, rule_id, "kind")
    default_polarity = "any" if kind == "protection" else "affirmed"
    compiler = Compiler(rule_id, vocabulary, eager)
    match, trigger, requires = _expressions(node, kind, compiler, rule_id)
    examples = _examples(node, rule_id)
    return Rule(
        id=rule_id, pack=pack, title=_text(node, "title", rule_id), concern=concern,
        group=catalog.concerns[concern], kind=kind,
        severity=_choice(node, "severity", SEVERITIES, rule_id, "severity"),
        scope=_choice(node, "scope", SCOPES, rule_id, "scope", "clause"),
        polarity=_choice(node, "polarity", POLARITIES, rule_id, "polarity", default_polarity),
        sources=_sources(node, rule_id), explanation=_text(node, "explanation", rule_id),
        ask=_text(node, "ask", rule_id), match=match, trigger=trigger, requires=requires,
        exceptions=_exceptions(node, compiler, rule_id), applies=_applies(node, rule_id),
        examples_match=examples[0], examples_no_match=examples[1], mark=node.mark, raw=node,
    )


def _expressions(node: YMap, kind: str, compiler: Compiler, rule_id: str):
    if kind == "missing":
        for key in ("trigger", "requires"):
            if key not in node:
                raise node.mark.error(f"missing rule '{rule_id}' needs '{key}'", rule_id)
        if "match" in node:
            raise node.key_mark("match").error(
                f"missing rule '{rule_id}' uses 'trigger' and 'requires', not 'match'", rule_id)
        return (None, compiler.compile(node["trigger"], node.value_mark("trigger")),
                compiler.compile(node["requires"], node.value_mark("requires")))
    if "match" not in node:
        raise node.mark.error(f"rule '{rule_id}' needs 'match'", rule_id)
    for key in ("trigger", "requires"):
        if key in node:
            raise node.key_mark(key).error(f"'{key}' is only for kind: missing (rule '{rule_id}')", rule_id)
    return compiler.compile(node["match"], node.value_mark("match")), None, None


def _sources(node: YMap, rule_id: str) -> list[Source]:
    items = node["sources"]
    if not isinstance(items, YList) or not items:
        raise node.value_mark("sources").error(f"rule '{rule_id}' needs a list of sources", rule_id)
    sources = []
    for item, mark in zip(items, items.item_marks, strict=True):
        if not isinstance(item, YMap):
            raise mark.error("a source is a mapping with name, section, year, url", rule_id)
        for key in item:
            if key not in SOURCE_KEYS:
                raise item.key_mark(key).error(unknown_key(key, SOURCE_KEYS, "a source"), rule_id)
        for key in ("name", "section"):
            if key not in item:
                raise item.mark.error(f"a source needs '{key}' (write \"section unverified\" if unknown)",
                                      rule_id)
        year = item.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            raise item.value_mark("year").error("'year' must be a number like 2023", rule_id)
        url = item.get("url")
        if url is not None and not isinstance(url, str):
            raise item.value_mark("url").error("'url' must be text", rule_id)
        sources.append(Source(_text(item, "name", rule_id), _text(item, "section", rule_id), year, url))
    return sources


def _exceptions(node: YMap, compiler: Compiler, rule_id: str) -> list[str | Expr]:
    items = node.get("exceptions", [])
    if not isinstance(items, list):
        raise node.value_mark("exceptions").error("'exceptions' must be a list", rule_id)
    marks = items.item_marks if isinstance(items, YList) else []
    result: list[str | Expr] = []
    for item, mark in zip(items, marks, strict=True):
        if isinstance(item, str):
            if item not in BUILTIN_EXCEPTIONS:
                raise mark.error(unknown_value("exception kind", item, BUILTIN_EXCEPTIONS), rule_id)
            result.append(item)
        else:
            expr = compiler.expression(item, mark)
            result.append(expr)
    return result


def _applies(node: YMap, rule_id: str) -> dict[str, tuple[str, ...]]:
    if "applies" not in node:
        return {}
    value = node["applies"]
    if not isinstance(value, YMap):
        raise node.value_mark("applies").error("'applies' must be a mapping", rule_id)
    result = {}
    for key, allowed in value.items():
        if key not in APPLIES:
            raise value.key_mark(key).error(unknown_key(key, tuple(APPLIES), "'applies'"), rule_id)
        items = [allowed] if isinstance(allowed, str) else allowed
        if not isinstance(items, list) or not items:
            raise value.value_mark(key).error(f"'applies.{key}' must be a list of values", rule_id)
        for item in items:
            if not isinstance(item, str) or item not in APPLIES[key]:
                raise value.value_mark(key).error(
                    unknown_value(f"{key} value", item, sorted(APPLIES[key])), rule_id)
        result[key] = tuple(items)
    return result


def _examples(node: YMap, rule_id: str) -> tuple[list[Example], list[Example]]:
    value = node["examples"]
    if not isinstance(value, YMap):
        raise node.value_mark("examples").error("'examples' must have 'match' and 'no_match' lists", rule_id)
    for key in value:
        if key not in ("match", "no_match"):
            raise value.key_mark(key).error(unknown_key(key, ("match", "no_match"), "'examples'"), rule_id)
    result = []
    for key in ("match", "no_match"):
        items = value.get(key, [])
        mark = value.key_mark(key) if key in value else value.mark
        if not isinstance(items, list):
            raise mark.error(f"'{key}' must be a list of examples", rule_id)
        if len(items) < MIN_EXAMPLES:
            raise mark.error(f"rule '{rule_id}' needs at least {MIN_EXAMPLES} '{key}' examples "
                             f"(has {len(items)})", rule_id)
        result.append([_example(item, m, rule_id) for item, m in zip(items, items.item_marks, strict=True)])
    return result[0], result[1]


def _example(item: object, mark: Mark, rule_id: str) -> Example:
    if isinstance(item, str) and item.strip():
        return Example(item, {}, mark)
    if isinstance(item, YMap):
        for key in item:
            if key not in ("text", "definitions"):
                message = unknown_key(key, ("text", "definitions"), "an example")
                raise item.key_mark(key).error(message, rule_id)
        text = item.get("text")
        definitions = item.get("definitions", {})
        if isinstance(text, str) and text.strip() and isinstance(definitions, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in definitions.items()):
            return Example(text, dict(definitions), mark)
    raise mark.error("an example is a text, or a mapping with 'text' and optional 'definitions'", rule_id)
