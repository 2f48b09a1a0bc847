"""The shared data every pack uses: the concern ids (rules/concerns.yaml) and named term lists and
patterns (rules/vocabulary.yaml), read from the installed package and re-read when they change."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import regex

from ..errors import RuleError
from .expr import unknown_key, unknown_value
from .yamlnodes import Mark, YList, YMap, read_yaml

SHARED_FILES = ("concerns.yaml", "vocabulary.yaml")


def packs_dir():
    """The built-in packs folder (a Traversable inside the installed package)."""
    return files("clausecheck") / "packs"


@dataclass(frozen=True)
class NamedPattern:
    """A vocabulary entry ``{pattern: '...'}``: a regular expression that ``ref: NAME`` leaves share."""

    text: str


Vocabulary = dict[str, "list[str] | NamedPattern"]


@dataclass(frozen=True)
class Catalog:
    """Concern id -> group, named list -> terms (or pattern), and both files' text (for the rules hash)."""

    concerns: dict[str, str]
    vocabulary: Vocabulary
    texts: tuple[str, ...]
    questions: dict[str, str]  # concern id -> the question it asks


def shared_stamps() -> tuple[tuple[int, int], ...]:
    """(mtime, size) of the shared files, so caches notice an edit."""
    folder = Path(str(packs_dir()))
    stats = [folder.joinpath(name).stat() for name in SHARED_FILES]
    return tuple((stat.st_mtime_ns, stat.st_size) for stat in stats)


def builtin_catalog() -> Catalog:
    """The catalog shipped with clausecheck (re-read when its files change)."""
    return _catalog(shared_stamps())


@functools.lru_cache(maxsize=2)
def _catalog(stamps: tuple[tuple[int, int], ...]) -> Catalog:
    folder = packs_dir()
    concerns_text = (folder / "concerns.yaml").read_text(encoding="utf-8")
    vocabulary_text = (folder / "vocabulary.yaml").read_text(encoding="utf-8")
    concerns = read_yaml("rules/concerns.yaml", concerns_text)
    table = {cid: str(entry["group"]) for cid, entry in concerns["concerns"].items()}
    vocabulary = parse_vocabulary(read_yaml("rules/vocabulary.yaml", vocabulary_text)["vocabulary"],
                                  "rules/vocabulary.yaml")
    questions = {cid: str(entry["question"]) for cid, entry in concerns["concerns"].items()}
    return Catalog(table, vocabulary, (concerns_text, vocabulary_text), questions)


def parse_vocabulary(node: object, path: str, shared: Vocabulary | None = None) -> Vocabulary:
    """Named lists (includes resolved) and named patterns from a ``vocabulary:`` mapping.

    ``shared`` lists may be included; a named pattern can be used by ``ref`` but not included in a list.
    """
    shared = shared or {}
    if not isinstance(node, YMap):
        raise RuleError(path, "'vocabulary' must be a mapping of list names to terms")
    raw: dict[str, tuple[list[str], list[str], Mark]] = {}
    patterns: dict[str, NamedPattern] = {}
    for name, entry in node.items():
        mark = node.key_mark(name)
        if name in shared:
            raise mark.error(f"named list '{name}' is already defined in rules/vocabulary.yaml")
        if isinstance(entry, YMap) and "pattern" in entry:
            patterns[name] = _pattern_entry(name, entry)
            continue
        terms, include = _entry(name, entry, node.value_mark(name))
        raw[name] = (terms, include, mark)
    resolved: Vocabulary = {}

    def resolve(name: str, trail: tuple[str, ...]) -> list[str]:
        if name in resolved:
            return resolved[name]
        terms, include, mark = raw[name]
        result = list(terms)
        for other in include:
            if other in trail:
                raise mark.error(f"named list '{name}' includes itself (via {' -> '.join(trail)})")
            if other in patterns or isinstance(shared.get(other), NamedPattern):
                raise mark.error(f"named list '{name}' cannot include the named pattern '{other}'")
            if other in raw:
                result += resolve(other, (*trail, other))
            elif other in shared:
                result += shared[other]  # type: ignore[operator]
            else:
                raise mark.error(unknown_value("named list", other, [*raw, *shared, *patterns]))
        if not result:
            raise mark.error(f"named list '{name}' has no terms")
        resolved[name] = list(dict.fromkeys(result))
        return resolved[name]

    for name in raw:
        resolve(name, (name,))
    return {**resolved, **patterns}


def _pattern_entry(name: str, entry: YMap) -> NamedPattern:
    """``{pattern: '...', description: ...}``: checked here so errors point at the vocabulary file."""
    for key in entry:
        if key not in ("pattern", "description"):
            message = unknown_key(key, ("pattern", "description"), f"named pattern '{name}'")
            raise entry.key_mark(key).error(message)
    value = entry["pattern"]
    if not isinstance(value, str) or not value.strip():
        raise entry.value_mark("pattern").error(f"named pattern '{name}': expected a regular expression")
    try:
        regex.compile(value)
    except regex.error as error:
        message = f"bad regular expression in named pattern '{name}': {error}"
        raise entry.value_mark("pattern").error(message) from None
    return NamedPattern(value)


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
