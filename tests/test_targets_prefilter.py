"""The target registry's prefilter (`generator/literals_required.py`) never changes an answer:
`Target.matches` with it equals a plain search of every signature pattern, and the texts it
derives are ones every match holds. Over hand-written patterns and over every tab of every RU page.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from generator.extract.examples import find_example_blocks
from generator.literals_required import required_literals
from generator.pages.model import Page
from generator.source import decode
from generator.targets import Target, Targets, load_targets, registry
from tests.corpus import CORPUS_RU, need

DERIVED = [
    (r"\bBX24\.", ("BX24.",)),
    (r"\$b24Service\b|\$serviceBuilder\b|ServiceBuilderFactory",
     ("$b24Service", "$serviceBuilder", "ServiceBuilderFactory")),
    (r"\$b24\.call(?:Method|ListMethod|Batch)\b|\$b24\.fetchListMethod\b", ("$b24.",)),
    (r"^\s*(?:curl\b|-X\s+POST)", ("curl", "POST")),
    (r"\bclient\.Core\(\)\.Call\b|\bb24\.Params\{|:=\s", ("client.Core().Call", "b24.Params{", ":=")),
    (r"(ab)+c", ("ab",)),
    (r"(?:ab){2,}x?", ("ab",)),
    (r"(?>abc)d", ("abc",)),
    (r"[a]bc", ("abc",)),
    (r"(a)\1", ("a",)),
    (r"a b c", ("a b c",)),
    (r"(?x) a b c", ("abc",)),
    (r"ж\u0436", ("жж",)),
    # nothing certain: case-insensitive, an empty branch, every part optional, lookarounds only
    (r"(?i)abc", None),
    (r"a(?i:bc)d", None),
    (r"abc|", None),
    (r"x*", None),
    (r"(?:ab)?", None),
    (r"(?=abc)\w+", None),
    (r"\d+\.\d+", (".",)),
    (r"\d+\w", None),
    (r"", None),
]  # fmt: skip


@pytest.mark.parametrize(("pattern", "expected"), DERIVED)
def test_required_literals_of_hand_written_patterns(pattern: str, expected: object) -> None:
    assert required_literals(re.compile(pattern, re.M)) == expected


def test_a_pattern_compiled_case_insensitive_gets_no_prefilter() -> None:
    assert required_literals(re.compile("curl", re.I)) is None
    target = toy_target(re.compile("curl", re.I), re.compile(r"(?i)/REST/"))
    assert target.prefilter == (None, None)
    assert target.matches("CURL https://x/rest/m") and plain_matches(
        target, "CURL https://x/rest/m"
    )


def toy_target(*signature: re.Pattern[str]) -> Target:
    return Target("toy", ("Toy",), "Toy", signature, "toy", "toy", "rest")


def plain_matches(target: Target, code: str) -> bool:
    return bool(target.signature) and all(p.search(code) for p in target.signature)


def plain_decide(targets: Targets, label: str, code: str) -> str:
    found = next((t for t in targets.by_name.values() if plain_matches(t, code)), None)
    found = found or targets.for_label(label)
    return found.name if found else "unknown"


EDGE_CODES = [
    "", "curl", "  curl -X POST https://x/rest/1/abc/crm.deal.add", "-X  POST /rest/**a**/b/c.d",
    "x := 1", "x :=1", "$b24.callMethod", "$b24.callMethods", "BX24", "BX24.", "aBX24.x",
    "try:\n  pass", "def f(): pass", "from b24pysdk import Client", "<script>", "<scripts>",
    "ServiceBuilderFactory::create", "$b24.actions.v2.call.make", "B24Frame", "restCommand (",
]  # fmt: skip


def test_every_target_matches_as_the_plain_search_on_edge_codes() -> None:
    targets = load_targets()
    extra = [toy_target(re.compile(r"(?i)CURL\b")), toy_target()]
    answers = [
        [t.matches(code) for t in (*targets.by_name.values(), *extra)] for code in EDGE_CODES
    ]
    plain = [
        [plain_matches(t, code) for t in (*targets.by_name.values(), *extra)] for code in EDGE_CODES
    ]
    assert answers == plain
    assert sum(map(sum, answers)) == 18
    toy = registry([*targets.by_name.values(), *extra])
    assert [toy.decide("Toy", c) for c in EDGE_CODES] == [
        plain_decide(toy, "Toy", c) for c in EDGE_CODES
    ]


@pytest.fixture(scope="module")
def ru_tab_codes() -> list[tuple[str, str]]:
    """(label, every fence's code joined) of every tab of every RU page: what `decide` is given."""
    root = need(CORPUS_RU)
    found: list[tuple[str, str]] = []
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        for block in find_example_blocks(Page(rel, decode(path.read_bytes(), rel))):
            for tab in block.tabs:
                found.append((tab.label, "\n".join([tab.code, *(f.code for f in tab.more_fences)])))
    return found


@pytest.mark.corpus
def test_matches_and_decide_equal_the_plain_search_on_every_ru_tab(
    ru_tab_codes: list[tuple[str, str]],
) -> None:
    targets = load_targets()
    decided: Counter[str] = Counter()
    for label, code in ru_tab_codes:
        for target in targets.by_name.values():
            assert target.matches(code) == plain_matches(target, code), (target.name, code[:200])
        decided[targets.decide(label, code)] += 1
        assert targets.decide(label, code) == plain_decide(targets, label, code)
    assert len(ru_tab_codes) == 15063
    assert decided == {
        "bx24_js": 1782, "curl_oauth": 1753, "curl_webhook": 1609, "go": 1777, "js_legacy": 284,
        "js_ts": 1804, "js_umd": 1629, "php_b24sdk": 2020, "php_crest": 1773, "php_legacy": 5,
        "python": 609, "unknown": 18,
    }  # fmt: skip


@pytest.mark.corpus
def test_every_required_text_occurs_in_every_matching_ru_tab(
    ru_tab_codes: list[tuple[str, str]],
) -> None:
    """The derived texts hold on their own: a tab a pattern matches holds one of them."""
    patterns = [p for t in load_targets().by_name.values() for p in t.signature]
    checked = 0
    for _, code in ru_tab_codes:
        for pattern in patterns:
            texts = required_literals(pattern)
            if texts is not None and pattern.search(code):
                assert any(text in code for text in texts), (pattern.pattern, code[:200])
                checked += 1
    assert checked == 21197
