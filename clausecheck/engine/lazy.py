"""A rule leaf's regex, compiled the first time it is used.

The ``regex`` module takes about 5 ms to compile one of the built-in packs' patterns, some 1,000 of
them, so compiling them all is most of a single ``check``'s wait, while one contract only ever runs the
few whose keywords and RE2 screen it passes (115 of 998 over 32 bench contracts). A
:class:`LazyPattern` stands in for the compiled pattern (same methods, and an identity that does not
change, which the engine uses as a key) and compiles on first use. A batch compiles every one before it
forks its workers (``api.prepare``), which would otherwise each compile the same ones. Packs from a
user's files are compiled at once, so a bad pattern is reported with its line before any contract is
read; ``rules validate`` and ``rules test`` compile every one.
"""

from __future__ import annotations

from typing import Any

import regex

METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyPattern:
    """``regex.compile(pattern, flags)``, done on the first call of any of its methods.

    ``written``: the author's own pattern, compiled alone when the full one fails so that the error
    points into what the author wrote (the full pattern wraps it in word boundaries).
    """

    def __init__(self, pattern: str, flags: int, written: str | None = None) -> None:
        self.pattern = pattern
        self._flags = flags
        self._written = written

    def compile(self) -> regex.Pattern:
        """Compile now (again only if needed); later calls go straight to the compiled pattern's
        methods, which this object then holds as its own attributes."""
        compiled = self.__dict__.get("_compiled")
        if compiled is not None:
            return compiled
        try:
            compiled = regex.compile(self.pattern, self._flags)
        except regex.error:
            if self._written is not None:
                regex.compile(self._written, self._flags)
            raise
        for name in METHODS:
            self.__dict__[name] = getattr(compiled, name)
        self.__dict__["flags"] = compiled.flags
        self.__dict__["_compiled"] = compiled
        return compiled

    @property
    def compiled(self) -> bool:
        """Whether the pattern has been compiled yet."""
        return "_compiled" in self.__dict__

    def __getattr__(self, name: str) -> Any:  # only for what is not yet an attribute
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compile(), name)

    def __reduce__(self) -> tuple:
        return LazyPattern, (self.pattern, self._flags, self._written)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}{', compiled' if self.compiled else ''})"
