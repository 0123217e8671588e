"""Fast paths of tokenising, third round: each gives the tokens of the path it replaces on every
RU and EN page and on edge cases (the tokens of the edges also equal stock markdown-it-py's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.source import decode
from generator.yfm import markdown, paragraph
from tests.corpus import CORPUS_EN, CORPUS_RU, need
from tests.test_yfm_fast_paths import PLAIN, tokens

PARAGRAPHS = [
    "text\nmore\n- item\n",
    "text\n---\n",
    "text\n===\nafter\n",
    "text\n  ---\n",
    "text\n    ---\n",
    "- item\n  text\n  ---\n- next\n",
    "- item\ntext\n---\n",
    "> quote\nlazy\n> ---\n",
    "> quote\nlazy\n---\n",
    "{% note %}\n\ntext\n---\n{% endnote %}\n",
    "{% note %}\ntext\n{% endnote %}\nafter\n",
    "{% list tabs %}\n\n- tab\n\n  text\n  more\n  ```\n  code\n  ```\n\n{% endlist %}\n",
    "1. one\ntext\n2. two\n",
    "text\n# heading\n",
    "text\n#|\n|| a ||\n|#\n",
    "text\n    code-like\n- item\n",
    "  text\n - = \n",
    "text\n-\n",
    "text\n=\n",
    "text\n\n---\n",
    "para\n> quote\n",
    "a\n\tb\n---\n",
]


def without_reuse(monkeypatch: pytest.MonkeyPatch, text: str) -> list[dict[str, Any]]:
    """The tokens when `paragraph` scans its lines again instead of taking lheading's end."""
    with monkeypatch.context() as patch:
        patch.setattr(paragraph, "_known_end", lambda *_: None)
        return tokens(markdown(), text)


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_a_paragraph_ends_where_its_own_scan_ends(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    fast = tokens(markdown(), text)
    assert fast == without_reuse(monkeypatch, text) == tokens(PLAIN, text)


def test_the_end_lheading_found_is_taken_by_every_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken: list[int | None] = []
    known_end = paragraph._known_end

    def counted(*args: Any) -> int | None:
        taken.append(known_end(*args))
        return taken[-1]

    monkeypatch.setattr(paragraph, "_known_end", counted)
    markdown().parse("a\nb\n- c\n\nd\n> e\nf\n")
    assert taken == [2, 3, 5, 7]  # the end line of a-b, c (in its item), d, e-f (in the quote)
    taken.clear()
    markdown().parse("    code\n\ntext\n---\n")
    assert taken == []  # a setext heading: no paragraph rule


@pytest.mark.parametrize("corpus", [CORPUS_RU, CORPUS_EN])
def test_every_corpus_page_tokenises_as_without_the_reuse(
    monkeypatch: pytest.MonkeyPatch, corpus: Path
) -> None:
    files = sorted(need(corpus).rglob("*.md"))
    for file in files:
        text = decode(file.read_bytes(), file.name).normalized
        assert tokens(markdown(), text) == without_reuse(monkeypatch, text), file
    assert len(files) == (2687 if corpus == CORPUS_RU else 35)
