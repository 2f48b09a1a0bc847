"""The outline's clause snippet reads only the start of a long clause; it must be what collapsing the
white space of the whole clause and cutting it gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clausecheck.render.html import _snippet
from clausecheck.render.view import safe_url


def _whole(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "\u2026"


PIECES = st.lists(st.sampled_from(["word", "a", " ", "\n", "\t\t", " " * 300, "\u00a0", "x" * 90]),
                  max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(PIECES, st.integers(min_value=1, max_value=120))
def test_snippet_is_the_start_of_the_whole_clause_collapsed(text: str, width: int) -> None:
    assert _snippet(text, width) == _whole(text, width)


def test_safe_url_answers_the_same_when_asked_again() -> None:
    for url in ("https://www.wga.org/contracts", "javascript:alert(1)", " http://x.org ", None, ""):
        assert safe_url(url) == safe_url(url)
    assert safe_url(" http://x.org ") == "http://x.org"
    assert safe_url("javascript:alert(1)") is None
