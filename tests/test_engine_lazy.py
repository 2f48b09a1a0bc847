"""Built-in packs compile each leaf's regex and screen on first use; a batch compiles them all. (A
user's pack is compiled when loaded: test_engine_schema reports its bad pattern with the line.)"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex

from clausecheck import api
from clausecheck.engine import expr, loader
from clausecheck.engine.expr import iter_leaves
from clausecheck.engine.lazy import LazyPattern

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contracts"


def leaves(ruleset):
    for rule in ruleset.rules:
        for tree in (rule.match, rule.trigger, rule.requires, *rule.exceptions):
            if tree is not None and not isinstance(tree, str):
                yield from iter_leaves(tree, inside_not=True)


@pytest.fixture
def builtin_fresh(monkeypatch):
    """The built-in packs, read again from their files, with none of their patterns compiled: the
    caches that would share earlier tests' patterns are emptied (``check`` then uses this rule set)."""
    monkeypatch.setattr(loader, "_CACHE", {})
    monkeypatch.setattr(api, "_ENGINES", {})
    expr.compile_pattern.cache_clear()
    expr.compile_terms.cache_clear()
    return loader.load_rules()


def test_lazy_pattern_acts_as_the_compiled_one():
    lazy = LazyPattern(r"\bgrant(?:s|ed)?\b", regex.IGNORECASE | regex.V0)
    assert not lazy.compiled
    real = regex.compile(lazy.pattern, regex.IGNORECASE | regex.V0)
    text = "Artist GRANTS and has granted; grantor"
    assert lazy.search(text).span() == real.search(text).span()
    assert lazy.compiled
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.fullmatch("granted") and not lazy.fullmatch("grantor")
    assert lazy.flags == real.flags
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy.pattern == lazy.pattern and copy.search(text).span() == (7, 13)


def test_inline_flags_reach_the_flags_attribute():
    assert LazyPattern("(?s)a.b", regex.V0).flags & regex.DOTALL


def test_a_bad_pattern_reports_the_authors_own_text():
    lazy = LazyPattern(r"\b(?:(?:open)(?!\w)", 0, written="(?:open")
    with pytest.raises(regex.error) as error:
        lazy.search("open")
    assert error.value.pattern == "(?:open"


def test_builtin_packs_compile_only_what_a_contract_uses(builtin_fresh):
    ruleset = builtin_fresh
    every = {id(leaf.pattern): leaf.pattern for leaf in leaves(ruleset)}
    assert len(every) > 500 and not any(p.compiled for p in every.values())
    api.check(FIXTURES / "gig-contributor-terms.pdf")
    used = sum(p.compiled for p in every.values())
    assert 0 < used < len(every) / 2
    screens = [leaf for leaf in leaves(ruleset) if "screen" in vars(leaf)]  # built (a cached_property)
    assert 0 < len(screens) < len(every)


def test_a_batch_compiles_every_builtin_pattern_and_screen_before_it_forks(builtin_fresh):
    ruleset = builtin_fresh
    assert api.prepare() is ruleset  # what the batch runner calls before starting its workers
    assert all(leaf.pattern.compiled and "screen" in vars(leaf) for leaf in leaves(ruleset))
