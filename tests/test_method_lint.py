"""Method-page lints on fixture pages (tests/fixtures/method_lint): each kind fires on its page,
at the params literal's line, with its message; each `-ok` twin uses the same feature as the docs
allow (wildcards, `start`, computed values, snake_case keywords, maps keyed by codes, filter
lists, an alternative required key, the 2024 `PHP` label) and yields nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.lint_method import method_page_lint
from generator.check.report import FAILING_KINDS, Finding
from generator.extract.method import extract_method_spec
from generator.kinds.base import TabLabels
from generator.kinds.method import MethodKind
from generator.pages.model import Page
from generator.source import decode
from generator.spec.method import MethodSpec
from generator.targets import load_targets

FIXTURES = Path(__file__).parent / "fixtures" / "method_lint"

POSITIVE = {
    "auth-mode.md": [(47, "auth-mode", "cURL (Webhook)")],
    "auth-mode-labels.md": [(45, "auth-mode", "cURL (Webhook)"), (55, "auth-mode", "cURL (OAuth)")],
    "auth-mode-no-token.md": [(55, "auth-mode", "cURL (OAuth)")],
    "method.md": [(64, "method", "BX24.js")],
    "mixed-block.md": [(37, "mixed-block", None)],
    "param-case.md": [(45, "param-case", "cURL (Webhook)")],
    "param-required-missing.md": [(45, "param-required-missing", "cURL (Webhook)")],
    "param-structure.md": [(45, "param-structure", "cURL (Webhook)")],
    "param-type.md": [(45, "param-type", "cURL (Webhook)")],
    "param-unknown.md": [(45, "param-unknown", "cURL (Webhook)")],
    "response-shape.md": [(64, "response-shape", "BX24.js")],
    "tabs-disagree.md": [(59, "tabs-disagree", "BX24.js")],
    "wrong-sdk.md": [(80, "wrong-sdk", "Python")],
}
NEGATIVE = sorted(p.name for p in FIXTURES.glob("*.md") if p.stem.endswith(("-ok", "-alt")))


def spec_of(name: str) -> MethodSpec:
    path = FIXTURES / name
    return extract_method_spec(Page(name, decode(path.read_bytes(), name)), None)


def lint(name: str) -> list[Finding]:
    return method_page_lint(name, spec_of(name), lambda label: None, load_targets())


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_each_kind_fires_on_its_page(name: str) -> None:
    assert [(f.line, f.kind, f.label) for f in lint(name)] == POSITIVE[name]


@pytest.mark.parametrize("name", NEGATIVE)
def test_the_negative_twins_yield_nothing(name: str) -> None:
    assert lint(name) == []


def test_every_kind_has_a_positive_and_a_negative_fixture() -> None:
    kinds = {kind for found in POSITIVE.values() for _, kind, _ in found}
    assert len(kinds) == 11
    assert {k for k in kinds if not (FIXTURES / f"{k}-ok.md").exists()} == set()


def test_messages_say_what_the_tab_does_what_the_page_says_and_the_fix() -> None:
    messages = {f.kind: f.message for name in sorted(POSITIVE) for f in lint(name)}
    assert messages["param-unknown"] == (
        "passes `fields.TITEL`; the parameter table has no such key (nearest: `TITLE`); "
        "fix: rename it to `TITLE` (also cURL (OAuth), BX24.js)"
    )
    assert messages["param-structure"] == (
        "wraps `id`, `fields` in an object `data`; the parameter table has them at this level "
        "and no `data`; fix: drop the `data` wrapper, or document it in the table (also cURL (OAuth), "
        "BX24.js)"
    )
    assert messages["auth-mode"].startswith(
        "calls through an incoming webhook; the page says the method works only in an "
        "application context (line 7); fix:"
    )
    no_token = [f.message for f in lint("auth-mode-no-token.md")]
    assert no_token == [
        "sends no access token (no `auth` in the body or the query, no Authorization header): "
        "the portal answers 401 NO_AUTH_FOUND; fix: add "
        '`"auth": "**put_access_token_here**"` to the body'
    ]
    assert messages["tabs-disagree"] == (
        "BX24.js lacks `fields`; the other 2 of 3 tabs pass `fields`, `id`; fix: make the odd "
        "tabs pass the keys the others and the parameter table agree on"
    )
    assert messages["response-shape"] == (
        "reads `result.ITEMS`; `result` in the response example has `ID`, `TITLE`, no `ITEMS`; "
        "fix: read the keys the example shows, or correct the example"
    )
    assert messages["wrong-sdk"] == (
        "holds a `php` fence (PHP code); the label promises b24pysdk (python); "
        "fix: move the `php` code under its own label"
    )


def test_the_method_kind_runs_these_lints() -> None:
    labels = TabLabels(expected={}, any_kind=lambda label: None, targets=load_targets())
    found = MethodKind().lint(spec_of("param-case.md"), "param-case.md", labels)
    assert [(f.line, f.kind) for f in found] == [(45, "param-case")]


def test_case_and_response_findings_are_notices() -> None:
    failing = {"method", "param-unknown", "param-structure", "param-type"}
    assert failing | {"param-required-missing", "auth-mode", "tabs-disagree"} <= FAILING_KINDS
    assert not {"param-case", "response-shape"} & FAILING_KINDS
