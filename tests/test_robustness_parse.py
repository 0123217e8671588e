"""Property tests for `parse`: composed YFM pages never make it raise, specs round-trip through YAML,
line endings do not change what is parsed, and pathological nesting ends in a spec or a diagnostic.

Pages come from tests/fuzz/pages.py (the dialect's constructs, CRLF/CR, BOM, NBSP, TABs, no final
newline). Hypothesis runs derandomized so CI sees the same examples every time.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.check.run import evaluate
from generator.diagnostics import Diagnostic
from generator.extract.recovery import is_fatal
from generator.includes import IncludeResolver
from generator.options import Options
from generator.parse import PageResult, parse_page
from generator.spec.io import dump_yaml, load_yaml
from tests.fuzz.pages import PAGE, Composer, HypothesisChoices, Tree, tree_strategy, write_tree

# Shrinking a composed page can take minutes; set B24_ROBUSTNESS_SHRINK=1 to get a minimal example.
# B24_ROBUSTNESS_SCALE=N multiplies every example count (a longer local hunt).
SCALE = max(1, int(os.environ.get("B24_ROBUSTNESS_SCALE", "1")))
PHASES = (
    tuple(Phase) if os.environ.get("B24_ROBUSTNESS_SHRINK") else (Phase.explicit, Phase.generate)
)
PARSE_SETTINGS = settings(
    phases=PHASES,
    max_examples=200 * SCALE,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def assert_well_formed(result: PageResult) -> None:
    assert isinstance(result, PageResult)
    assert all(isinstance(d, Diagnostic) for d in result.diagnostics)
    if result.spec is None:
        assert any(d.is_error for d in result.diagnostics), "no spec, yet no error says why"
    else:  # a spec may carry a recoverable error (a missing include), never a fatal one
        assert not any(is_fatal(d.code, d.severity) for d in result.diagnostics)
    for d in result.diagnostics:
        assert "\n" not in d.format_text(), d  # one line per diagnostic
        assert d.line >= 0 and d.col >= 0


@PARSE_SETTINGS
@given(tree=tree_strategy())
def test_parse_never_raises_and_specs_round_trip(
    tmp_path_factory: pytest.TempPathFactory, tree: Tree
) -> None:
    root = tmp_path_factory.mktemp("docs", numbered=True)
    write_tree(root, tree)
    result = parse_page(root, tree.page)
    assert_well_formed(result)
    if result.spec is not None:
        text = dump_yaml(result.spec)
        loaded = load_yaml(text, "composed.yaml")
        assert loaded == result.spec
        assert dump_yaml(loaded) == text


@st.composite
def same_page_three_ways(draw: st.DrawFn) -> tuple[list[str], bool, bool]:
    choices = HypothesisChoices(draw)
    composer = Composer(choices)
    lines = composer.page_lines()
    final_newline = draw(st.booleans())
    bom = draw(st.booleans())
    return lines, final_newline, bom


@settings(PARSE_SETTINGS, max_examples=100 * SCALE)
@given(case=same_page_three_ways())
def test_line_endings_and_bom_do_not_change_the_spec(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[list[str], bool, bool]
) -> None:
    lines, final_newline, bom = case
    # a line of the composer never holds a line break itself, or the three pages would differ
    lines = [line.replace("\r", "").replace("\n", "") for line in lines]
    results = []
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(lines) + (newline if final_newline else "")
        for variant in (text,) if not bom else (text, "\ufeff" + text):
            root = tmp_path_factory.mktemp("eol", numbered=True)
            (root / PAGE).parent.mkdir(parents=True)
            (root / PAGE).write_bytes(variant.encode("utf-8"))
            results.append(parse_page(root, PAGE))
    first = _comparable(results[0])
    for other in results[1:]:
        assert _comparable(other) == first


def _comparable(result: PageResult) -> object:
    diagnostics = [(d.line, d.col, d.code, d.message, d.severity) for d in result.diagnostics]
    if result.spec is None:
        return None, diagnostics
    source = dataclasses.replace(result.spec.source, sha256="")
    return dataclasses.replace(result.spec, source=source), diagnostics


# --- pathological nesting and size ---------------------------------------------------------------

HEAD = (
    "# Событие при проверке глубины onDemoWidgetAdd\n\n"
    "> Scope: [`crm`](../../scopes/permissions.md)\n>\n> Кто может подписаться: любой пользователь\n\n"
    "Событие `onDemoWidgetAdd` срабатывает при проверке.\n\n"
)


def _deep(kind: str, depth: int) -> str:
    if kind == "bullets":
        return "".join("  " * i + "- пункт\n" for i in range(depth))
    if kind == "bullets4":
        return "".join("    " * i + "- пункт\n" for i in range(depth))
    if kind == "numbered":
        return "".join("   " * i + "1. шаг\n" for i in range(depth))
    if kind == "quotes":
        return "".join(">" * i + " цитата\n" for i in range(1, depth + 1))
    if kind == "one-line-quotes":
        return ">" * depth + " x\n"
    if kind == "one-line-bullets":
        return "- " * depth + "x\n"
    if kind == "notes":
        return "{% note info %}\n\n" * depth + "текст\n\n" + "{% endnote %}\n\n" * depth
    if kind == "tabs-in-lists":
        out = []
        for i in range(depth):
            pad = "    " * i
            out += [
                f"{pad}- уровень {i}",
                "",
                f"{pad}    {{% list tabs %}}",
                "",
                f"{pad}    - PHP",
                "",
                f"{pad}        ```php",
                f"{pad}        echo {i};",
                f"{pad}        ```",
                "",
            ]
        out += ["    " * i + "    {% endlist %}" for i in reversed(range(depth))]
        return "\n".join(out) + "\n"
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "bullets",
        "bullets4",
        "numbered",
        "quotes",
        "one-line-quotes",
        "one-line-bullets",
        "notes",
        "tabs-in-lists",
    ],
)
def test_200_deep_nesting_ends_in_a_spec_or_a_diagnostic(tmp_path: Path, kind: str) -> None:
    (tmp_path / PAGE).parent.mkdir(parents=True)
    (tmp_path / PAGE).write_text(HEAD + _deep(kind, 200) + "\nконец\n", encoding="utf-8")
    result = parse_page(tmp_path, PAGE)
    assert_well_formed(result)
    if result.spec is not None:
        assert load_yaml(dump_yaml(result.spec)) == result.spec


def test_a_long_include_chain_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / PAGE).parent.mkdir(parents=True)
    (tmp_path / PAGE).write_text(
        HEAD + "{% include [x](../../../_includes/c0.md) %}\n", encoding="utf-8"
    )
    (tmp_path / "_includes").mkdir()
    for i in range(1500):
        (tmp_path / "_includes" / f"c{i}.md").write_text(
            f"{{% include [x](c{i + 1}.md) %}}\n", encoding="utf-8"
        )
    (tmp_path / "_includes" / "c1500.md").write_text("конец\n", encoding="utf-8")
    result = parse_page(tmp_path, PAGE, IncludeResolver(tmp_path))
    assert_well_formed(result)
    outcome = evaluate(tmp_path, PAGE, Options())  # check and sync too
    assert outcome.diagnostics and not outcome.edits
    assert all("\n" not in d.format_text() for d in outcome.diagnostics)


def test_nul_bytes_and_control_characters_are_survived(tmp_path: Path) -> None:
    (tmp_path / PAGE).parent.mkdir(parents=True)
    junk = "".join(chr(i) for i in range(32) if chr(i) not in "\r\n") + "\x7f\u2028\u2029\x85"
    (tmp_path / PAGE).write_text(
        HEAD + junk + '\n```json\n{"event": "' + junk.replace("\\", "") + '"}\n```\n',
        encoding="utf-8",
    )
    result = parse_page(tmp_path, PAGE)
    assert_well_formed(result)
    if result.spec is not None:
        assert load_yaml(dump_yaml(result.spec)) == result.spec
