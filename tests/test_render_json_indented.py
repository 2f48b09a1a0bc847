"""``render.json.indented`` writes exactly what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes,
for any JSON-shaped value (values it leaves to the json module included) and for real reports."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clausecheck.api import check
from clausecheck.render.json import indented, report_to_dict

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text())
VALUES = st.recursive(
    SCALARS,
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(st.text(max_size=8), inner, max_size=4)
                   | st.dictionaries(st.integers(), inner, max_size=2)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_same_text_as_json_dumps(value: object) -> None:
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_same_text_for_a_real_report() -> None:
    data = report_to_dict(check(FIXTURES / "contracts" / "writer-ai-draft-polish.txt"))
    text = indented(data)
    assert text == json.dumps(data, ensure_ascii=False, indent=2)
    assert '\n    "clauses": [\n      {\n        "index": 0,' in text
