"""Read clausecheck's settings from ``clausecheck.toml`` (or ``[tool.clausecheck]`` in pyproject.toml).

```toml
packs = ["wga", "sag-aftra"]      # built-in packs to run (default: all)
rules = ["my-rules"]              # folders or files of your own packs, relative to this file
fail_on = "medium"                # high | medium | low | never
reader = false                    # leave out the clause reader's findings (default: true)
state = "CA"                      # facts that decide which rules apply
represented = "none"
role = "writer"
status = "contractor"
union = "wga"

[limits]
regex_timeout = 2.0
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine.context import Context
from .engine.expr import did_you_mean
from .engine.schema import APPLIES
from .errors import ConfigError
from .limits import DEFAULT_LIMITS, Limits

CONFIG_NAME = "clausecheck.toml"
FAIL_ON = ("high", "medium", "low", "never")
KEYS = ("packs", "rules", "fail_on", "reader", "limits", *APPLIES)


@dataclass(frozen=True)
class Config:
    """Settings from a config file; all optional. ``path`` is None when no file was found."""

    path: Path | None = None
    packs: tuple[str, ...] | None = None
    rules: tuple[Path, ...] = ()
    fail_on: str | None = None
    context: Context = field(default_factory=Context)
    limits: Limits = DEFAULT_LIMITS
    reader: bool = True

    def rule_sources(self, packs: tuple[str, ...] = (), rules: tuple[str | Path, ...] = ()
                     ) -> tuple[tuple[str, ...] | None, tuple[str | Path, ...]]:
        """``(packs, rules)`` for :func:`~clausecheck.engine.load_rules`: command-line ``--pack``
        names replace the configured ones (None: every built-in pack); ``--rules`` paths add to them."""
        return (tuple(packs) or self.packs), (*self.rules, *rules)

    def context_with(self, given: dict[str, str | None]) -> Context:
        """The command line's facts (origin "user") over the configured ones."""
        return Context.given(given, "user").over(self.context)


def find_config(folder: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The settings table and its file in ``folder`` (default: the current folder), or None."""
    folder = Path.cwd() if folder is None else folder
    own = folder / CONFIG_NAME
    if own.is_file():
        return own, _read(own)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        table = _read(pyproject).get("tool", {}).get("clausecheck")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError(str(pyproject), "[tool.clausecheck] must be a table")
            return pyproject, table
    return None


def load_config(folder: Path | None = None) -> Config:
    """The validated settings (an empty :class:`Config` when there is no file)."""
    found = find_config(folder)
    if found is None:
        return Config()
    path, table = found
    for key in table:
        if key not in KEYS:
            raise ConfigError(str(path), f"unknown setting '{key}'{did_you_mean(key, KEYS)}")
    packs = table.get("packs")
    if packs is not None:
        packs = tuple(_strings(path, "packs", packs))
    rules = tuple((path.parent / r) for r in _strings(path, "rules", table.get("rules", [])))
    fail_on = table.get("fail_on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise ConfigError(str(path), f"fail_on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    facts = {}
    for name, allowed in APPLIES.items():
        value = table.get(name)
        if value is None:
            continue
        value = value.upper() if name == "state" and isinstance(value, str) else value
        if value not in allowed:
            raise ConfigError(str(path), f"{name} must be one of {', '.join(sorted(allowed))}, not {value!r}")
        facts[name] = value
    reader = table.get("reader", True)
    if not isinstance(reader, bool):
        raise ConfigError(str(path), f"reader must be true or false, not {reader!r}")
    return Config(path, packs, rules, fail_on, Context.given(facts, "config"), _limits(path, table), reader)


def _limits(path: Path, table: dict[str, Any]) -> Limits:
    values = table.get("limits", {})
    if not isinstance(values, dict):
        raise ConfigError(str(path), "[limits] must be a table")
    defaults = DEFAULT_LIMITS.__dict__
    for name, value in values.items():
        if name in defaults and (isinstance(value, bool) or not isinstance(value, (int, float))
                                 or value <= 0):
            raise ConfigError(str(path), f"limits.{name} must be a positive number, not {value!r}")
    try:
        return DEFAULT_LIMITS.updated(values)
    except KeyError as error:
        name = error.args[0]
        raise ConfigError(str(path), f"unknown limit '{name}'{did_you_mean(name, list(defaults))}") from None


def _strings(path: Path, key: str, value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(str(path), f"{key} must be a list of names")
    return value


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), f"not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(str(path), f"cannot read: {error.strerror or error}") from None
