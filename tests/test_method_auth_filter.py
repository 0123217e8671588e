"""`read_auth` tries only the lines that name a context, `read_callers` only those with the words
of the rights line: on every page that must be the answer of trying every line, and no pattern
may match a line without its words."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import pytest

from generator.extract.method_auth import (
    APP_ONLY,
    CALLERS,
    CALLERS_WORDS,
    CONTEXT_ERROR,
    CONTEXT_WORD,
    USER_ONLY,
    parse_callers,
    prose_lines,
    read_auth,
    read_callers,
    read_rest_version,
    statements_auth,
)
from tests.corpus import CORPUS_EN, CORPUS_RU, need


def corpus_lines(root_path: object) -> dict[str, list[tuple[int, str]]]:
    root = need(root_path)  # type: ignore[arg-type]
    return {
        path.relative_to(root).as_posix(): prose_lines(path.read_text(encoding="utf-8").split("\n"))
        for path in sorted(root.rglob("*.md"))
    }


@pytest.fixture(scope="module")
def ru_lines() -> dict[str, list[tuple[int, str]]]:
    return corpus_lines(CORPUS_RU)


def test_the_filtered_reading_is_the_full_reading(
    ru_lines: dict[str, list[tuple[int, str]]],
) -> None:
    kinds: Counter[str] = Counter()
    for rel, lines in ru_lines.items():
        auth = read_auth(lines)
        assert auth == statements_auth(lines), rel
        kinds["app_only" if auth.app_only else "user_only" if auth.user_only else "any"] += 1
    assert kinds == {"any": 2505, "app_only": 182}


def test_the_en_sample_reads_the_same_either_way() -> None:
    for rel, lines in corpus_lines(CORPUS_EN).items():
        assert read_auth(lines) == statements_auth(lines), rel


def test_no_statement_matches_a_line_without_the_context_word(
    ru_lines: dict[str, list[tuple[int, str]]],
) -> None:
    patterns = (*APP_ONLY, *USER_ONLY, CONTEXT_ERROR)
    matched = 0
    for lines in ru_lines.values():
        for _, line in lines:
            if any(p.search(line) for p in patterns):
                matched += 1
                assert CONTEXT_WORD.search(line), line
    assert matched == 259


def test_a_statement_is_found_by_its_word_in_either_case() -> None:
    lines = [(1, "Intro."), (2, "Метод работает ТОЛЬКО в КОНТЕКСТЕ приложения."), (3, "x")]
    auth = read_auth(lines)
    assert (auth.app_only, auth.line) == (True, 2)
    assert auth.evidence == "Метод работает ТОЛЬКО в КОНТЕКСТЕ приложения."
    assert read_auth([(1, "No word here, only app.")]).webhook is True


def test_the_rest_version_is_read_from_the_prose_joined() -> None:
    assert read_rest_version([(1, "a"), (4, "see REST 3.0 docs")], []) == 3
    assert read_rest_version([(1, "REST"), (2, "3.0")], []) == 2
    assert read_rest_version([(1, "a")], ["curl https://x/rest/api/1/k/m"]) == 3


def every_line_callers(lines: list[tuple[int, str]]) -> tuple[object, int | None]:
    for number, line in lines:
        for part in re.split(r"\s\|\s", line):
            match = CALLERS.search(part)
            if match:
                return parse_callers(match["value"]), number
    return None, None


def test_the_rights_line_is_found_as_by_trying_every_line(
    ru_lines: dict[str, list[tuple[int, str]]],
) -> None:
    found = 0
    for rel, lines in ru_lines.items():
        callers = read_callers(lines)
        assert callers == every_line_callers(lines), rel
        found += callers[0] is not None
        for _, line in lines:
            if CALLERS.search(line):
                assert CALLERS_WORDS.search(line), line
    assert found == 1873


def test_prose_lines_skip_fences_as_the_fence_pattern_says() -> None:
    """The fence test runs only on lines with three backticks or tildes. Every RU page's prose
    lines, as `path:line:text`, hash to what matching every line gave when this was changed
    (344,110 lines)."""
    root = need(CORPUS_RU)
    digest, total = hashlib.sha256(), 0
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        for number, line in prose_lines(path.read_text(encoding="utf-8").split("\n")):
            digest.update(f"{rel}:{number}:{line}\n".encode())
            total += 1
    assert (total, digest.hexdigest()) == (344110, PROSE_DIGEST)
    assert prose_lines(["a", "  ~~~~ x", "b", "~~~", "c"]) == [(1, "a"), (5, "c")]
    assert prose_lines(["a ``` b", "c"]) == [(1, "a ``` b"), (2, "c")]


PROSE_DIGEST = "eda4404fd3fe095d2a4c1a4c78d70dc2e26ec2b84764192425f3751f36bd67ee"
