"""Page classification reads the head of a page for its H1 and tests the markers as plain text
first: the same types as reading every line, on every corpus page and on the edge shapes."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.pages.classify import HEAD, PageType, classify_file, first_heading
from generator.pages.discover import markdown_files
from tests.corpus import CORPUS_EN, CORPUS_RU, need


def every_line_heading(text: str) -> str:
    """The first `# ` heading among the first five lines, from a split of the whole page."""
    for line in text.lstrip("\ufeff").splitlines()[:5]:
        if line.startswith("# "):
            return line[2:].strip()
    return ""


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        (CORPUS_RU, {"method": 1686, "other": 542, "overview": 232, "event": 209, "include": 18}),
        (CORPUS_EN, {"method": 16, "event": 12, "include": 7}),
    ],
)
def test_corpus_pages_keep_their_types(root: object, expected: dict[str, int]) -> None:
    docs = need(root)  # type: ignore[arg-type]
    types: Counter[str] = Counter()
    for rel in markdown_files(docs):
        text = (docs / rel).read_text(encoding="utf-8", errors="replace")
        assert first_heading(text) == every_line_heading(text), rel
        types[classify_file(rel, text).value] += 1
    assert types == expected


LONG = "x" * (HEAD + 10)


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff# Title\nbody",
        f"{LONG}\n\n\n\n# Late\n",
        f"a\nb\nc\nd\n{LONG}# no\n",
        "a\nb\nc\nd\n# Fifth\nsixth",
        "a\nb\nc\nd\ne\n# Sixth\n",
        "a" * (HEAD - 1) + "\r\n# After a CRLF at the edge\n" + "b\n" * 6,
        "a\u2028b\x0cc\x1ed\x85# Fifth after other breaks\n",
        "a\u2028b\x0cc\x1ed\x85e\n# Sixth after other breaks\n",
        "",
    ],
)
def test_the_head_gives_the_heading_the_whole_page_gives(text: str) -> None:
    assert first_heading(text) == every_line_heading(text)


def test_markers_decide_as_before() -> None:
    method = "# crm.deal.get\n\n> Кто может выполнять метод: любой пользователь\n"
    assert classify_file("a/crm-deal-get.md", method) is PageType.METHOD
    assert classify_file("a/index.md", method) is PageType.OVERVIEW
    assert classify_file("a/x.md", "# X\n\nWho can perform the method: admin\n") is PageType.METHOD
    assert classify_file("a/x.md", "# X\n\nWho can execute methods: admin\n") is PageType.OTHER
    assert classify_file("a/on.md", "# OnX\n\nWho can subscribe: any\n") is PageType.EVENT
