"""The check planner's building blocks (generator/check/plan.py) one by one, with exact values: the
lines of a tab and a block, where missing tabs go, the examples section a page without one gets,
the drift diff headers, and the findings and edits of the planner for each sync mode."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from generator.check.plan import (
    block_lines,
    drift_finding,
    examples_section_edit,
    insert_missing,
    plan_page,
    tab_lines,
)
from generator.check.report import Finding
from generator.options import SyncMode
from generator.rewrite import Edit
from generator.spec.parts import ExampleBlock, Span, Tab


@dataclass(frozen=True)
class Rendered:
    label: str
    target: str = "js"
    lang: str = "js"
    code: str = "go();\n"
    drift: str = "strict"
    block: int | None = None


def _tab(label: str, start: int, end: int, code: str = "go();\n", skipped: bool = False) -> Tab:
    code_span = Span(start + 2, end)
    return Tab(label, "js", "js", code, Span(start, end), code_span, [], [], [], None, skipped)


def _page(path: str = "a/b/page.md", line_count: int = 20) -> Any:
    return SimpleNamespace(path=path, line_count=line_count, lines=["x"] * line_count)


def _spec(locale: str = "ru", blocks: list[ExampleBlock] | None = None, **spans: Span) -> Any:
    return SimpleNamespace(
        locale=locale, examples=blocks or [], source=SimpleNamespace(spans=spans)
    )


def test_tab_lines_indent_the_code_and_keep_blank_lines_blank() -> None:
    assert tab_lines(Rendered("A", code="a\n\nb\n"), 2) == [
        "  - A",
        "",
        "      ```js",
        "      a",
        "",
        "      b",
        "      ```",
    ]
    assert tab_lines(Rendered("B", lang="php", code="x"), 0) == [
        "- B",
        "",
        "    ```php",
        "    x",
        "    ```",
    ]


def test_block_lines_wrap_the_tabs_in_a_list_tabs_block() -> None:
    a, b = Rendered("A", code="a\n"), Rendered("B", code="b\n")
    assert block_lines([a, b], 1) == [
        " {% list tabs %}",
        "",
        *tab_lines(a, 1),
        "",
        *tab_lines(b, 1),
        "",
        " {% endlist %}",
    ]


def test_insert_missing_puts_each_tab_after_the_nearest_earlier_one() -> None:
    block = ExampleBlock(Span(1, 13), 0, False, [_tab("A", 3, 6), _tab("C", 8, 11)])
    order = [Rendered(x) for x in ("Z", "A", "B", "B2", "C", "D")]
    z, b, b2, d = order[0], order[2], order[3], order[5]
    assert insert_missing(block, order, [z, b, b2, d]) == [
        Edit(3, 2, (*tab_lines(z, 0), "")),
        Edit(7, 6, ("", *tab_lines(b, 0), "", *tab_lines(b2, 0))),
        Edit(12, 11, ("", *tab_lines(d, 0))),
    ]


def test_insert_missing_into_a_block_without_tabs_goes_before_its_end() -> None:
    block = ExampleBlock(Span(4, 6), 2, False, [])
    item = Rendered("A")
    assert insert_missing(block, [item], [item]) == [Edit(6, 5, (*tab_lines(item, 2), ""))]


def _section(locale: str, include: str) -> list[str]:
    heading = {"ru": "## Примеры кода", "en": "## Code Examples"}[locale]
    text = {"ru": "Сноска о примерах", "en": "Note on examples"}[locale]
    return [heading, "", f"{{% include [{text}]({include}) %}}", ""]


def test_examples_section_goes_before_continue_learning_with_a_relative_include() -> None:
    item = Rendered("A")
    edit = examples_section_edit(_page("a/b/page.md"), _spec(related=Span(9, 12)), [item])
    lines = (*_section("ru", "../../_includes/examples.md"), *block_lines([item], 0), "")
    assert edit == Edit(9, 8, lines)


def test_examples_section_of_a_top_level_english_page_is_appended() -> None:
    item = Rendered("A")
    edit = examples_section_edit(_page("page.md", 7), _spec("en"), [item])
    lines = ("", *_section("en", "./_includes/examples.md"), *block_lines([item], 0))
    assert edit == Edit(8, 7, lines)


def test_an_existing_examples_section_gets_the_block_before_continue_learning() -> None:
    item = Rendered("A")
    spec = _spec(examples=Span(5, 6), related=Span(9, 12))
    edit = examples_section_edit(_page(), spec, [item])
    assert edit == Edit(9, 8, (*block_lines([item], 0), ""))


def test_an_existing_examples_section_after_continue_learning_gets_the_block_at_the_end() -> None:
    item = Rendered("A")
    for spec in (_spec(examples=Span(15, 16), related=Span(9, 12)), _spec(examples=Span(5, 6))):
        edit = examples_section_edit(_page(line_count=20), spec, [item])
        assert edit == Edit(21, 20, ("", *block_lines([item], 0)))


def test_drift_finding_carries_a_unified_diff_with_both_names() -> None:
    tab = _tab("JS", 7, 11, code="old();\n")
    found = drift_finding("p.md", tab, Rendered("JS", target="bx24", code="new();\n"))
    diff = "--- p.md:7 [JS]\n+++ rendered bx24\n@@ -1 +1 @@\n-old();\n+new();\n"
    assert found == Finding(
        "p.md", 7, "drift", "JS", "differs from what the template renders (2 lines)", diff
    )


def test_a_page_without_examples_gets_a_section_only_when_sync_adds_or_reshapes() -> None:
    item = Rendered("A")
    message = "no example tabs; the profile expects A | B"
    expected = [item, Rendered("B")]
    finding = Finding("p.md", 1, "missing-examples", None, message)
    for mode, edits in (
        (SyncMode(), 0),
        (SyncMode(add_missing=True), 1),
        (SyncMode(reshape=True), 1),
    ):
        plan = plan_page("p.md", _page(), _spec(), expected, mode)
        assert plan.findings == [finding]
        assert len(plan.edits) == edits
    assert plan_page("p.md", _page(), _spec(), [], SyncMode(add_missing=True)).findings == []


def test_skipped_blocks_and_tabs_are_reported_and_left_alone() -> None:
    skipped = ExampleBlock(Span(3, 9), 0, True, [_tab("A", 5, 8, code="x\n")])
    tabs = [_tab("A", 12, 15, code="x\n", skipped=True)]
    block = ExampleBlock(Span(10, 17), 0, False, tabs)
    spec = _spec(blocks=[skipped, block])
    plan = plan_page("p.md", _page(), spec, [Rendered("A")], SyncMode(reshape=True))
    assert plan.findings == [
        Finding("p.md", 3, "skipped", None, "example block marked to skip"),
        Finding("p.md", 12, "skipped", "A", "tab marked to skip"),
    ]
    assert plan.edits == []


def test_drift_is_fixed_in_place_unless_the_block_is_reshaped() -> None:
    block = ExampleBlock(Span(3, 9), 0, False, [_tab("A", 5, 8, code="old();\n")])
    spec = _spec(blocks=[block])
    expected = [Rendered("A", code="new();\n")]
    plain = plan_page("p.md", _page(), spec, expected, SyncMode())
    assert [f.kind for f in plain.findings] == ["drift"]
    assert [(e.start, e.end) for e in plain.edits] == [(8, 7)]
    reshaped = plan_page("p.md", _page(), spec, expected, SyncMode(reshape=True))
    assert reshaped.edits == [Edit(3, 9, tuple(block_lines(expected, 0)))]


def test_reshape_replaces_a_block_with_an_extra_tab_and_add_missing_inserts() -> None:
    block = ExampleBlock(Span(3, 14), 0, False, [_tab("A", 5, 8), _tab("X", 10, 13)])
    spec = _spec(blocks=[block])
    expected = [Rendered("A"), Rendered("B")]
    reshaped = plan_page("p.md", _page(), spec, expected, SyncMode(reshape=True))
    assert [(f.kind, f.line, f.label) for f in reshaped.findings] == [
        ("extra-tab", 10, "X"),
        ("missing-tab", 3, "B"),
    ]
    assert reshaped.edits == [Edit(3, 14, tuple(block_lines(expected, 0)))]
    added = plan_page("p.md", _page(), spec, expected, SyncMode(add_missing=True))
    assert added.edits == [Edit(9, 8, ("", *tab_lines(expected[1], 0)))]
    assert plan_page("p.md", _page(), spec, expected, SyncMode()).edits == []


def test_reshape_of_tabs_out_of_order_only() -> None:
    block = ExampleBlock(Span(3, 14), 0, False, [_tab("B", 5, 8), _tab("A", 10, 13)])
    expected = [Rendered("A"), Rendered("B")]
    plan = plan_page("p.md", _page(), _spec(blocks=[block]), expected, SyncMode(reshape=True))
    assert plan.findings == [
        Finding("p.md", 3, "tab-order", None, "tabs are B | A, the profile orders them A, B")
    ]
    assert plan.edits == [Edit(3, 14, tuple(block_lines(expected, 0)))]
    in_order = ExampleBlock(Span(3, 14), 0, False, [_tab("A", 5, 8), _tab("B", 10, 13)])
    plan = plan_page("p.md", _page(), _spec(blocks=[in_order]), expected, SyncMode(reshape=True))
    assert (plan.findings, plan.edits) == ([], [])


def test_a_missing_tab_and_an_extra_one_reshape_or_only_the_extra_one() -> None:
    block = ExampleBlock(Span(3, 14), 0, False, [_tab("A", 5, 8), _tab("X", 10, 13)])
    plan = plan_page(
        "p.md", _page(), _spec(blocks=[block]), [Rendered("A"), Rendered("B")], SyncMode()
    )
    assert plan.findings[1] == Finding(
        "p.md", 3, "missing-tab", "B", "the profile expects a `B` tab"
    )
    only_extra = plan_page(
        "p.md", _page(), _spec(blocks=[block]), [Rendered("A")], SyncMode(reshape=True)
    )
    assert only_extra.edits == [Edit(3, 14, tuple(block_lines([Rendered("A")], 0)))]


def test_reshaping_a_second_block_keeps_the_edit_of_the_first() -> None:
    first = ExampleBlock(Span(3, 9), 0, False, [_tab("B", 5, 8)])
    second = ExampleBlock(Span(12, 18), 0, False, [_tab("B", 14, 17)])
    expected = [Rendered("A"), Rendered("B")]
    plan = plan_page(
        "p.md", _page(), _spec(blocks=[first, second]), expected, SyncMode(reshape=True)
    )
    lines = tuple(block_lines(expected, 0))
    assert plan.edits == [Edit(3, 9, lines), Edit(12, 18, lines)]


def test_normalised_drift_mode_ignores_whitespace_in_js() -> None:
    block = ExampleBlock(Span(3, 9), 0, False, [_tab("A", 5, 8, code="go( ) ;\n")])
    expected = [Rendered("A", drift="normalised")]
    plan = plan_page("p.md", _page(), _spec(blocks=[block]), expected, SyncMode())
    assert (plan.findings, plan.edits) == ([], [])


CALL = "BX24.callMethod('crm.deal.get', {id: 2, select: ['ID']});"


@dataclass(frozen=True)
class CallTab(Rendered):
    code: str = CALL + "\n"
    drift: str = "call"
    call_code: str = CALL + "\n"


def test_call_mode_tabs_report_the_params_and_rewrite_them_only_when_editing() -> None:
    code = "BX24.callMethod('crm.deal.get', {id: 1});"
    page = SimpleNamespace(
        path="p.md", line_count=6, lines=["", "- A", "", "    ```js", f"    {code}", "    ```"]
    )
    block = ExampleBlock(Span(1, 6), 0, False, [_tab("A", 2, 6, code=code + "\n")])
    expected = [CallTab("A")]
    finding = Finding("p.md", 5, "drift", "A", "params differ: lacks `select`")
    edit = Edit(5, 5, (f"    {CALL}",))
    for mode, edits in (
        (SyncMode(), [edit]),
        (SyncMode(edits=False), []),
        (SyncMode(reshape=True), [Edit(1, 6, tuple(block_lines(expected, 0)))]),
    ):
        plan = plan_page("p.md", page, _spec(blocks=[block]), expected, mode)
        assert (plan.findings, plan.edits) == ([finding], edits)
