"""Read a rule file with PyYAML's safe composer into plain values that remember where they were.

Only the plain YAML types are accepted (string, number, boolean, null, list, mapping); any other tag
(``!!python/object``...), anchors and aliases, and duplicate keys are errors located as
``file:line:column``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import RuleError

YAML_TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = {YAML_TAG + name for name in ("str", "int", "float", "bool", "null")}
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's composer when PyYAML has it
TEXT_TAGS = {YAML_TAG + "str", YAML_TAG + "timestamp"}  # a date stays the text it was written as


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a rule file."""

    path: str
    line: int
    column: int

    def error(self, message: str, rule: str | None = None) -> RuleError:
        """A :class:`RuleError` located here."""
        return RuleError(self.path, message, self.line, self.column, rule=rule)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class YMap(dict):
    """A mapping that knows where it, each key and each value sit in the file."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]

    def key_mark(self, key: str) -> Mark:
        return self.key_marks.get(key, self.mark)

    def value_mark(self, key: str) -> Mark:
        return self.value_marks.get(key, self.mark)


class YList(list):
    """A list that knows where it and each item sit in the file."""

    mark: Mark
    item_marks: list[Mark]


def _mark(path: str, node: yaml.Node) -> Mark:
    return Mark(path, node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(path: str, text: str) -> Any:
    """Compose ``text`` safely and convert it to :class:`YMap` / :class:`YList` / scalars."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise RuleError(path, f"not valid YAML: {error.problem or error.context}", line, column) from None
    except yaml.YAMLError as error:
        raise RuleError(path, f"not valid YAML: {error}") from None
    if node is None:
        raise RuleError(path, "the file is empty", 1, 1)
    return _convert(path, node, set())


def _convert(path: str, node: yaml.Node, seen: set[int]) -> Any:
    mark = _mark(path, node)
    if id(node) in seen:
        raise mark.error("YAML anchors and aliases are not allowed in rule files")
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag in TEXT_TAGS:
            return node.value
        if node.tag not in SCALAR_TAGS:
            raise mark.error(f"tag '{_short(node.tag)}' is not allowed in rule files")
        return yaml.constructor.SafeConstructor().construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != YAML_TAG + "seq":
            raise mark.error(f"tag '{_short(node.tag)}' is not allowed in rule files")
        items = YList(_convert(path, child, seen) for child in node.value)
        items.mark = mark
        items.item_marks = [_mark(path, child) for child in node.value]
        return items
    if node.tag != YAML_TAG + "map":
        raise mark.error(f"tag '{_short(node.tag)}' is not allowed in rule files")
    result = YMap()
    result.mark, result.key_marks, result.value_marks = mark, {}, {}
    for key_node, value_node in node.value:
        key = _convert(path, key_node, seen)
        key_mark = _mark(path, key_node)
        if not isinstance(key, str):
            raise key_mark.error(f"keys must be text, not {key!r}")
        if key in result:
            raise key_mark.error(f"duplicate key '{key}' (first at line {result.key_marks[key].line})")
        result[key] = _convert(path, value_node, seen)
        result.key_marks[key] = key_mark
        result.value_marks[key] = _mark(path, value_node)
    return result


def _short(tag: str) -> str:
    return "!!" + tag[len(YAML_TAG):] if tag.startswith(YAML_TAG) else tag
