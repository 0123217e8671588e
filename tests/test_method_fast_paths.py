"""The method extractors' cheaper paths give what the plain ones gave: the prose searched once,
lower-cased, for the callers line, the auth statements and the REST version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.extract.method_auth import (
    CALLERS_WORDS,
    CASE_ODD,
    CONTEXT_WORD,
    REST_V3,
    prose_auth,
    prose_callers,
    prose_lines,
    prose_rest_version,
    read_auth,
    read_callers,
    read_prose,
    read_rest_version,
)
from generator.extract.method_rows import DEFAULT_ODD, DEFAULT_WORDS, default_of, read_default
from tests.corpus import CORPUS_EN, CORPUS_RU, need


def corpus_pages(root_path: Path) -> dict[str, list[str]]:
    root = need(root_path)
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8").split("\n")
        for path in sorted(root.rglob("*.md"))
    }


def plain_and_fast(lines: list[str], code: list[str]) -> tuple[object, object]:
    numbered = prose_lines(lines)
    plain = (read_callers(numbered), read_auth(numbered), read_rest_version(numbered, code))
    prose = read_prose(lines)
    assert prose.lines == numbered  # the fence test on the lines with ``` or ~~~ only
    assert prose.text == "\n".join(line for _, line in numbered)
    assert [prose.line(row) for row in range(len(numbered))] == numbered
    fast = (prose_callers(prose), prose_auth(prose), prose_rest_version(prose, code))
    return plain, fast


@pytest.mark.parametrize("root", [CORPUS_RU, CORPUS_EN])
def test_the_lowered_prose_reads_what_the_patterns_read(root: Path) -> None:
    pages = corpus_pages(root)
    said = {"callers": 0, "app": 0, "v3": 0}
    for rel, lines in pages.items():
        plain, fast = plain_and_fast(lines, [])
        assert fast == plain, rel
        callers, auth, version = plain  # type: ignore[misc]
        said["callers"] += callers[0] is not None
        said["app"] += auth.app_only
        said["v3"] += version == 3
    if root == CORPUS_RU:
        assert len(pages) == 2687
        assert said == {"callers": 1873, "app": 182, "v3": 134}


EDGES = [
    "Кто может выполнять метод: любой пользователь",
    "**КТО МОЖЕТ ВЫПОЛНЯТЬ МЕТОД**: администратор",
    "WHO CAN EXECUTE THE METHOD: any user",
    "Метод работает только в КОНТЕКСТЕ приложения.",
    "Works only in the Context of an application | x",
    "|| `ERROR` | Application context required | some text ||",
    "see /REST/API/ and more",
    "ReSt V3 is here",
    "rest 3.0",
    "rest 3x0",
    "кон\u1c82екст приложения только",  # narrow o: re.I reads it as о, lower() keeps it
    "only in the conte\u017f\u0074 of an app",
    "/re\u017ft/api/ long s",
    "/rest/ap\u0131/ dotless i",
    "/rest/ap\u0130/ dotted I",
    "\u0130 only in the context of the app",
    "```",
    "inside a fence: only in the context of an app, /rest/api/",
    "```",
    "после: REST v3",
    "",
    "  ~~~~ tildes",
    "``` not closing: ~~~ is another fence",
    "  ~~~",
    "text with ``` inside a line",
    "````",
]


@pytest.mark.parametrize("cut", range(len(EDGES)))
def test_edge_pages_read_the_same(cut: int) -> None:
    for lines in (EDGES[cut:], EDGES[:cut], [EDGES[cut]], [*EDGES[cut:], *EDGES[:cut]]):
        for code in ([], ["curl https://x/rest/api/y"]):
            plain, fast = plain_and_fast(lines, code)
            assert fast == plain, lines


def odd_letters(letters: set[str]) -> set[str]:
    """Every character on which re.I (matching one of `letters`) and str.lower() disagree."""
    odd = set()
    for letter in letters:
        pattern = re.compile(re.escape(letter), re.I)
        for point in range(0x110000):
            char = chr(point)
            if (pattern.fullmatch(char) is not None) != (char.lower() == letter):
                odd.add(char)
    return odd


def test_the_odd_letters_are_every_letter_lower_misses() -> None:
    """Every letter re.I matches to a letter of the patterns' words and str.lower() does not map
    to it is in CASE_ODD, and only U+0130 lowers to more than one letter."""
    words = "кто может выполнять метод who can контекст context rest api v"
    assert odd_letters({c for c in words if c.isalpha()}) == set(CASE_ODD)
    assert [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1] == ["\u0130"]
    assert {CALLERS_WORDS.pattern, CONTEXT_WORD.pattern, REST_V3.pattern} == {
        "Кто может выполнять метод|Who can",
        "контекст|context",
        r"/rest/api/|REST 3\.0|REST v3",
    }


def test_the_default_prefilter_reads_what_the_pattern_reads_on_every_ru_line() -> None:
    """Every line of every RU page stands in for a description (a superset of the table cells)."""
    said = 0
    lines = [line for page in corpus_pages(CORPUS_RU).values() for line in page]
    for line in lines:
        fast = read_default(line)
        assert fast == default_of(line), line
        said += fast is not None
    assert said == 982


@pytest.mark.parametrize(
    "text",
    [
        "По умолчанию: `Y`",
        "ПО УМОЛЧАНИЮ — 50",
        "Значение по умолчанию равно «все»",
        "By DEFAULT is N.",
        "default=10",
        "defaults to nothing",
        "по ум\u1c82лчанию `5`",  # narrow o: the pattern's о to re.I
        "\u0130 default: 3",
        "no such word",
        "",
    ],
)
def test_the_default_prefilter_on_edges(text: str) -> None:
    assert read_default(text) == default_of(text)


def test_the_default_odd_letters_are_every_letter_lower_misses() -> None:
    letters = {c for word in DEFAULT_WORDS for c in word if c.isalpha()}
    assert odd_letters(letters) == {"\u1c82"}
    assert DEFAULT_ODD.pattern == "[\u0130\u1c82]"
