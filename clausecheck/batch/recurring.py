"""Flagged clauses that recur across contracts, exact and near-identical wording grouped together.

Two quotes are the same clause when their normalised texts are equal, or when the Jaccard
similarity of their features (words and word pairs of the normalised text) is at least
:data:`THRESHOLD`. Normalising lower-cases, folds Unicode (NFKC), replaces the contract's own party
names and their short names with "party", every number with "0", drops punctuation and collapses
whitespace. Word pairs make word order count, so "may use" and "may not use" stay apart.
Candidates are found exactly with prefix filtering (a set with similarity >= t shares one of its
first ``|A| - ceil(t|A|) + 1`` features, in one fixed global order, with the other's prefix), so
the grouping is deterministic and needs no pairwise pass. Feed quotes in a fixed order (the batch
sorts by relative path): a group's representative is its first quote.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import regex

from .parties import is_company

THRESHOLD = 0.85
_NUMBER = regex.compile(r"\d+(?:[.,/:-]\d+)*")
_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")


@dataclass
class Group:
    """One recurring clause: its first quote and every contract it appears in."""

    quote: str
    norm: str
    contracts: set[str] = field(default_factory=set)
    exact_contracts: set[str] = field(default_factory=set)
    parties: Counter[str] = field(default_factory=Counter)
    companies: set[str] = field(default_factory=set)
    concerns: set[str] = field(default_factory=set)
    severity: str = "low"

    @property
    def count(self) -> int:
        return len(self.contracts)

    @property
    def variants(self) -> int:
        """Contracts whose wording is near-identical but not exactly the first quote's."""
        return len(self.contracts - self.exact_contracts)


class Grouper:
    """Collects quotes one at a time and groups them (see the module docstring)."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.groups: list[Group] = []
        self._features: list[frozenset[str]] = []
        self._exact: dict[str, int] = {}
        self._index: dict[str, list[int]] = {}
        self._rank: dict[str, bytes] = {}

    def add(self, quote: str, *, contract: str, parties: list[str], aliases: list[str],
            concern: str, severity: str) -> None:
        """Count ``quote`` (a flagged clause of ``contract``) into its group, making one if new."""
        norm = normalise(quote, [*parties, *aliases])
        if not norm:
            return
        gid = self._exact.get(norm)
        if gid is None:
            feats = features(norm)
            gid = self._near(feats)
            if gid is None:
                gid = len(self.groups)
                self.groups.append(Group(quote=" ".join(quote.split()), norm=norm))
                self._features.append(feats)
                for key in self._prefix(feats):
                    self._index.setdefault(key, []).append(gid)
            self._exact[norm] = gid
        group = self.groups[gid]
        group.contracts.add(contract)
        if norm == group.norm:
            group.exact_contracts.add(contract)
        group.parties.update(set(parties))
        group.companies.update(p for p in parties if is_company(p))
        group.concerns.add(concern)
        if _SEVERITY_RANK.get(severity, 9) < _SEVERITY_RANK[group.severity]:
            group.severity = severity

    def recurring(self, minimum: int = 2) -> list[Group]:
        """Groups found in at least ``minimum`` contracts, most widespread first."""
        found = [g for g in self.groups if g.count >= minimum]
        return sorted(found, key=lambda g: (-g.count, _SEVERITY_RANK.get(g.severity, 9), g.norm))

    def _near(self, feats: frozenset[str]) -> int | None:
        seen: set[int] = set()
        for key in self._prefix(feats):
            for gid in self._index.get(key, ()):
                if gid in seen:
                    continue
                seen.add(gid)
                if jaccard(feats, self._features[gid]) >= self.threshold:
                    return gid
        return None

    def _prefix(self, feats: frozenset[str]) -> list[str]:
        ordered = sorted(feats, key=self._order)
        length = len(ordered) - math.ceil(self.threshold * len(ordered)) + 1
        return ordered[:max(1, length)]

    def _order(self, feature: str) -> bytes:
        rank = self._rank.get(feature)
        if rank is None:
            rank = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest() + feature.encode()
            self._rank[feature] = rank
        return rank


_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def normalise(text: str, names: list[str]) -> str:
    """The comparable form of a clause: see the module docstring."""
    text = unicodedata.normalize("NFKC", text).casefold()
    for name in sorted({n.casefold() for n in names if len(n) >= 2}, key=len, reverse=True):
        text = text.replace(name, " party ")
    text = _NUMBER.sub(" 0 ", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def features(norm: str) -> frozenset[str]:
    """Words and adjacent word pairs of a normalised text."""
    words = norm.split()
    return frozenset(words) | frozenset(f"{a} {b}" for a, b in itertools.pairwise(words))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a & b| / |a | b| (1.0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 1.0
