"""Terms: inflected, whole-word, tolerant of spacing, hyphens and curly apostrophes."""

from __future__ import annotations

import regex

from clausecheck.engine.terms import inflections, terms_regex


def found(phrases: list[str], text: str) -> list[str]:
    return [m.group() for m in regex.finditer(terms_regex(phrases), text, flags=regex.IGNORECASE)]


def test_inflections():
    assert set(inflections("train")) == {"train", "trains", "trained", "training"}
    assert set(inflections("copy")) == {"copy", "copies", "copied", "copying"}
    assert {"made", "making", "makes"} <= set(inflections("make"))
    assert {"likenesses"} <= set(inflections("likeness"))
    assert inflections("AI") == ["ai", "ais"]


def test_whole_words_spacing_hyphens_and_apostrophes():
    text = ("The Writer\u2019s draft was fine-tuned, then fine\ntuning and finetunes; the writer's "
            "constraint; retraining; digital\n replicas.")
    assert found(["train"], text) == []
    assert found(["fine-tune"], text) == ["fine-tuned", "fine\ntuning", "finetunes"]
    assert found(["Writer's"], text) == ["Writer\u2019s", "writer's"]
    assert found(["digital replica"], text) == ["digital\n replicas"]
