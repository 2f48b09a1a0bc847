"""Find and load rule packs: built-in ones by name, users' from files and folders, into a RuleSet."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RuleError
from .catalog import SHARED_FILES, builtin_catalog, packs_dir, shared_stamps
from .expr import did_you_mean
from .schema import Pack, Rule, parse_pack

PACK_SUFFIXES = (".yaml", ".yml")
MAX_RULE_FILE_BYTES = 1024 * 1024  # the largest built-in pack is ~50 KB; parsing takes ~20 s per MB
_CACHE: dict[tuple, RuleSet] = {}
CACHE_SIZE = 8


@dataclass
class RuleSet:
    """Validated packs and their rules, with a hash of everything they were read from."""

    packs: list[Pack]
    rules: list[Rule]
    version: str
    by_id: dict[str, Rule] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {rule.id: rule for rule in self.rules}

    def builtin_packs(self) -> frozenset[str]:
        """The names of the packs among these that ship with clausecheck."""
        return frozenset(pack.name for pack in self.packs if pack.builtin)

    def builtin_concerns(self) -> frozenset[str]:
        """The concerns the built-in packs among these cover (the clause reader's, beside them)."""
        packs = self.builtin_packs()
        return frozenset(rule.concern for rule in self.rules if rule.pack in packs)

    def compile_patterns(self) -> None:
        """Compile every rule's regexes and build their RE2 screens now (a batch before it forks its
        workers; ``rules validate`` and ``rules test``)."""
        for rule in self.rules:
            rule.compile_patterns()

    def select(self, only: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
        """The rules whose concern is in ``only`` (if given) and not in ``ignore``."""
        only, ignore = set(only), set(ignore)
        return [r for r in self.rules if (not only or r.concern in only) and r.concern not in ignore]


def builtin_pack_files() -> dict[str, Path]:
    """Built-in pack name (file stem) -> file."""
    folder = packs_dir()
    return {
        Path(entry.name).stem: Path(str(entry))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(PACK_SUFFIXES) and entry.name not in SHARED_FILES
    }


def pack_paths(packs: Sequence[str] | None = None,
               rules: Sequence[str | Path] = ()) -> list[tuple[str, Path]]:
    """``(display path, file)`` for the chosen built-in packs (all if None) and the user's paths."""
    builtin = builtin_pack_files()
    chosen = list(builtin) if packs is None else list(packs)
    result = []
    for name in chosen:
        if name not in builtin:
            raise RuleError("--pack", f"unknown built-in pack '{name}'{did_you_mean(name, list(builtin))}"
                            f" (built-in packs: {', '.join(builtin) or 'none'})")
        result.append((f"rules/{builtin[name].name}", builtin[name]))
    for entry in rules:
        path = Path(entry)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file())
            result += [(str(p), p) for p in files]
        elif path.is_file():
            result.append((str(path), path))
        else:
            raise RuleError(str(path), "no such rule file or folder")
    return result


def load_rules(packs: Sequence[str] | None = None, rules: Sequence[str | Path] = ()) -> RuleSet:
    """Load, validate and compile the packs (cached while the files are unchanged)."""
    paths = pack_paths(packs, rules)
    key = (shared_stamps(), *((shown, _stamp(path)) for shown, path in paths))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    ruleset = load_files(paths)
    if len(_CACHE) >= CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = ruleset
    return ruleset


def load_files(paths: Sequence[tuple[str, Path]]) -> RuleSet:
    """Load the given ``(display path, file)`` pairs, checking ids and pack names across them."""
    catalog = builtin_catalog()
    builtin = set(builtin_pack_files().values())
    loaded: list[Pack] = []
    seen_packs: dict[str, str] = {}
    seen_rules: dict[str, Rule] = {}
    digest = hashlib.sha256()
    for text in catalog.texts:
        digest.update(text.encode("utf-8"))
    for shown, path in paths:
        text = _read(shown, path)
        shipped = path in builtin
        # the built-in packs' patterns are compiled by the tests; a user's, now, to report a bad one
        pack = parse_pack(shown, text, catalog, eager=not shipped)
        pack.builtin = shipped
        if pack.name in seen_packs:
            raise RuleError(shown, f"pack name '{pack.name}' is already used by {seen_packs[pack.name]}")
        seen_packs[pack.name] = shown
        for rule in pack.rules:
            first = seen_rules.get(rule.id)
            if first is not None:
                where = rule.raw.key_mark("id")
                first_at = first.raw.key_mark("id")
                raise where.error(f"duplicate rule id '{rule.id}' (first defined at {first_at})", rule.id)
            seen_rules[rule.id] = rule
        digest.update(f"\0{shown}\0".encode() + text.encode("utf-8"))
        loaded.append(pack)
    rules = [rule for pack in loaded for rule in pack.rules]
    return RuleSet(loaded, rules, digest.hexdigest()[:16])


def _read(shown: str, path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_RULE_FILE_BYTES + 1)
    except OSError as error:
        raise RuleError(shown, f"cannot read: {error.strerror or error}") from None
    if len(data) > MAX_RULE_FILE_BYTES:
        raise RuleError(shown, f"over {MAX_RULE_FILE_BYTES:,} bytes, too large for a rule file "
                        "(split it into several packs)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RuleError(shown, f"not UTF-8 text (byte {error.start})") from None


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size
