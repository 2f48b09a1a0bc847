"""The shared data every pack uses: the concern ids (packs/concerns.yaml) and named term lists
(packs/vocabulary.yaml), read once from the installed package."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files

from ..errors import RuleError
from .expr import unknown_key, unknown_value
from .yamlnodes import Mark, YList, YMap, read_yaml

SHARED_FILES = ("concerns.yaml", "vocabulary.yaml")


def packs_dir():
    """The built-in packs folder (a Traversable inside the installed package)."""
    return files("clausecheck") / "packs"


@dataclass(frozen=True)
class Catalog:
    """Concern id -> group, named list -> terms, and the text of both files (for the rules hash)."""

    concerns: dict[str, str]
    vocabulary: dict[str, list[str]]
    texts: tuple[str, ...]


@functools.cache
def builtin_catalog() -> Catalog:
    """The catalog shipped with clausecheck."""
    folder = packs_dir()
    concerns_text = (folder / "concerns.yaml").read_text(encoding="utf-8")
    vocabulary_text = (folder / "vocabulary.yaml").read_text(encoding="utf-8")
    concerns = read_yaml("packs/concerns.yaml", concerns_text)
    table = {cid: str(entry["group"]) for cid, entry in concerns["concerns"].items()}
    vocabulary = parse_vocabulary(read_yaml("packs/vocabulary.yaml", vocabulary_text)["vocabulary"],
                                  "packs/vocabulary.yaml")
    return Catalog(table, vocabulary, (concerns_text, vocabulary_text))


def parse_vocabulary(
    node: object, path: str, shared: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """Named lists from a ``vocabulary:`` mapping, includes resolved; ``shared`` lists may be included."""
    shared = shared or {}
    if not isinstance(node, YMap):
        raise RuleError(path, "'vocabulary' must be a mapping of list names to terms")
    raw: dict[str, tuple[list[str], list[str], Mark]] = {}
    for name, entry in node.items():
        mark = node.key_mark(name)
        if name in shared:
            raise mark.error(f"named list '{name}' is already defined in packs/vocabulary.yaml")
        terms, include = _entry(name, entry, node.value_mark(name))
        raw[name] = (terms, include, mark)
    resolved: dict[str, list[str]] = {}

    def resolve(name: str, trail: tuple[str, ...]) -> list[str]:
        if name in resolved:
            return resolved[name]
        terms, include, mark = raw[name]
        result = list(terms)
        for other in include:
            if other in trail:
                raise mark.error(f"named list '{name}' includes itself (via {' -> '.join(trail)})")
            if other in raw:
                result += resolve(other, (*trail, other))
            elif other in shared:
                result += shared[other]
            else:
                raise mark.error(unknown_value("named list", other, [*raw, *shared]))
        if not result:
            raise mark.error(f"named list '{name}' has no terms")
        resolved[name] = list(dict.fromkeys(result))
        return resolved[name]

    for name in raw:
        resolve(name, (name,))
    return resolved


def _entry(name: str, entry: object, mark: Mark) -> tuple[list[str], list[str]]:
    if isinstance(entry, YList):
        return _texts(entry, mark, name), []
    if not isinstance(entry, YMap):
        raise mark.error(f"named list '{name}' must be a list of terms or a mapping")
    for key in entry:
        if key not in ("terms", "include", "description"):
            raise entry.key_mark(key).error(unknown_key(key, ("terms", "include", "description"),
                                                        f"named list '{name}'"))
    terms = _texts(entry.get("terms", []), entry.value_mark("terms"), name)
    include = _texts(entry.get("include", []), entry.value_mark("include"), name)
    return terms, include


def _texts(value: object, mark: Mark, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise mark.error(f"named list '{name}': expected a list of texts")
    return [v.strip() for v in value]
