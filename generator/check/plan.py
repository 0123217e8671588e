"""Compare one page's example tabs with what the templates render, and plan the sync edits.

Findings come in separate kinds so a docs team can adopt a profile gradually: `drift` (a tab's code
differs), `missing-tab`, `extra-tab`, `tab-order`, `missing-examples`; and `skipped` for blocks or
tabs under a `<!-- b24-docgen: skip -->` marker.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from generator.check.compare import same_code
from generator.check.report import Finding
from generator.render.tab import ExpectedTab
from generator.rewrite import Edit, fence_body_edit
from generator.spec.parts import ExampleBlock, Tab

if TYPE_CHECKING:
    from generator.options import SyncMode
    from generator.pages.model import Page
    from generator.spec.model import PageSpec

EXAMPLES_HEADING = {"ru": "Примеры кода", "en": "Code Examples"}
EXAMPLES_INCLUDE_TEXT = {"ru": "Сноска о примерах", "en": "Note on examples"}


class Expected(Protocol):
    """A rendered tab: what a page's tab with this label should hold."""

    @property
    def label(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def drift(self) -> str: ...  # the tab's drift mode (generator/check/compare.py)
    @property
    def block(self) -> int | None: ...  # the example block it is for; None: the same in every one
    @property
    def call_code(self) -> str: ...  # the code before the target's formatter (`call` mode)


@dataclass
class PagePlan:
    findings: list[Finding] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


def plan_page(
    path: str, page: Page, spec: PageSpec, expected: Sequence[Expected], mode: SyncMode
) -> PagePlan:
    plan = PagePlan()
    if not expected:
        return plan
    blocks = list(spec.examples)
    if not blocks:
        plan.findings.append(
            Finding(
                path,
                1,
                "missing-examples",
                None,
                f"no example tabs; the profile expects {_labels(expected)}",
            )
        )
        if mode.add_missing or mode.reshape:
            plan.edits.append(examples_section_edit(page, spec, expected))
        return plan
    for index, block in enumerate(blocks):
        if block.skipped:
            plan.findings.append(
                Finding(path, block.span.start, "skipped", None, "example block marked to skip")
            )
            continue
        wanted = _for_block(expected, block, index)
        if wanted:  # a method page's tab block that shows no examples (field types) is no block
            _plan_block(path, page, spec, block, wanted, mode, plan)
    return plan


def _plan_block(
    path: str,
    page: Page,
    spec: PageSpec,
    block: ExampleBlock,
    expected: Sequence[Expected],
    mode: SyncMode,
    plan: PagePlan,
) -> None:
    by_label = {e.label: e for e in expected}
    present = [t for t in block.tabs if t.label in by_label]
    for tab in block.tabs:
        _plan_tab(path, page, spec, tab, by_label, mode, plan)
    labels = [t.label for t in block.tabs]
    missing = [e for e in expected if e.label not in labels]
    for item in missing:
        plan.findings.append(
            Finding(
                path,
                block.span.start,
                "missing-tab",
                item.label,
                f"the profile expects a `{item.label}` tab",
            )
        )
    order = [e.label for e in expected if e.label in labels]
    if [t.label for t in present] != order:
        plan.findings.append(
            Finding(
                path,
                block.span.start,
                "tab-order",
                None,
                f"tabs are {_labels(present)}, the profile orders them {', '.join(order)}",
            )
        )
    if mode.reshape and (
        missing
        or len(present) != len(block.tabs)
        or [t.label for t in present] != order
        or any(f.kind == "drift" for f in plan.findings)
    ):
        plan.edits = [e for e in plan.edits if not (block.span.start <= e.start <= block.span.end)]
        plan.edits.append(
            Edit(block.span.start, block.span.end, tuple(block_lines(expected, block.indent)))
        )
    elif mode.add_missing and missing:
        plan.edits.extend(insert_missing(block, expected, missing))


def _for_block(expected: Sequence[Expected], block: ExampleBlock, index: int) -> Sequence[Expected]:
    """Method pages render each block from its own canonical call (check/method_expected.py)."""
    if all(e.block is None for e in expected):
        return expected
    from generator.check.method_expected import block_tabs

    return block_tabs(expected, block, index)


def _plan_tab(
    path: str,
    page: Page,
    spec: PageSpec,
    tab: Tab,
    by_label: dict[str, Expected],
    mode: SyncMode,
    plan: PagePlan,
) -> None:
    if tab.skipped:
        plan.findings.append(
            Finding(path, tab.span.start, "skipped", tab.label, "tab marked to skip")
        )
    elif tab.label not in by_label:
        plan.findings.append(
            Finding(
                path,
                tab.span.start,
                "extra-tab",
                tab.label,
                f"the profile has no `{tab.label}` tab for this kind of page",
            )
        )
    elif by_label[tab.label].drift == "call":
        _plan_call_tab(path, page, spec, tab, by_label[tab.label], mode, plan)
    elif not _same(tab, expected := _in_layout_of(spec, by_label[tab.label], tab)):
        plan.findings.append(drift_finding(path, tab, expected))
        if tab.code_span is not None and not mode.reshape:
            plan.edits.append(
                fence_body_edit(page.lines, tab.code_span.start, tab.code_span.end, expected.code)
            )


def _plan_call_tab(
    path: str,
    page: Page,
    spec: PageSpec,
    tab: Tab,
    wanted: Expected,
    mode: SyncMode,
    plan: PagePlan,
) -> None:
    """A tab whose recorded call already is the canonical call passes without rendering."""
    from generator.check.method_drift import plan_call_tab

    if wanted.block is not None:
        from generator.check.method_expected import makes_canonical_call

        if makes_canonical_call(spec, wanted.block, tab):  # type: ignore[arg-type]
            return
    expected = _in_layout_of(spec, wanted, tab)  # sync keeps the tab's style
    rewrite = mode.edits and not mode.reshape  # the edit needs black's layout of the tab
    found, edit = plan_call_tab(path, page.lines, tab, expected, rewrite=rewrite)
    plan.findings.extend([found] if found else [])
    plan.edits.extend([edit] if edit else [])


def _in_layout_of(spec: PageSpec, expected: Expected, tab: Tab) -> Expected:
    """A tab rendered per block (a method page's) in the page tab's own layout
    (check/method_expected.py)."""
    if expected.block is None or not isinstance(expected, ExpectedTab):
        return expected
    from generator.check.method_expected import in_layout_of

    return in_layout_of(spec, expected, tab)  # type: ignore[arg-type]


def _same(tab: Tab, expected: Expected) -> bool:
    """The tab holds what the template renders, under the tab's drift mode."""
    return same_code(tab.code, expected.code, expected.lang, expected.drift)


def drift_finding(path: str, tab: Tab, expected: Expected) -> Finding:
    diff = "".join(
        difflib.unified_diff(
            tab.code.splitlines(keepends=True),
            expected.code.splitlines(keepends=True),
            fromfile=f"{path}:{tab.span.start} [{tab.label}]",
            tofile=f"rendered {expected.target}",
        )
    )
    return Finding(
        path, tab.span.start, "drift", tab.label, drift_reason(tab.code, expected.code), diff
    )


def drift_reason(actual: str, rendered: str) -> str:
    if "".join(actual.split()) == "".join(rendered.split()):
        return "differs from the template only in whitespace"
    if actual.strip() == "":
        return "tab has no code"
    changed = sum(
        1 for line in difflib.ndiff(actual.splitlines(), rendered.splitlines()) if line[:1] in "+-"
    )
    return f"differs from what the template renders ({changed} lines)"


def tab_lines(item: Expected, indent: int) -> list[str]:
    pad = " " * indent
    body = item.code[:-1] if item.code.endswith("\n") else item.code
    code = [f"{pad}    {line}" if line.strip() else "" for line in body.split("\n")]
    return [f"{pad}- {item.label}", "", f"{pad}    ```{item.lang}", *code, f"{pad}    ```"]


def block_lines(expected: Sequence[Expected], indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}{{% list tabs %}}", ""]
    for item in expected:
        lines += [*tab_lines(item, indent), ""]
    return [*lines, f"{pad}{{% endlist %}}"]


def insert_missing(
    block: ExampleBlock, expected: Sequence[Expected], missing: Sequence[Expected]
) -> list[Edit]:
    """Each missing tab goes right after the nearest tab the profile puts before it."""
    spans = {t.label: t.span for t in block.tabs}
    groups: dict[int, list[str]] = {}
    order = [e.label for e in expected]
    for item in missing:
        before = [label for label in order[: order.index(item.label)] if label in spans]
        if before:
            anchor = spans[before[-1]].end + 1
            groups.setdefault(anchor, []).extend(["", *tab_lines(item, block.indent)])
        else:
            anchor = block.tabs[0].span.start if block.tabs else block.span.end
            groups.setdefault(anchor, []).extend([*tab_lines(item, block.indent), ""])
    return [Edit(line, line - 1, tuple(lines)) for line, lines in groups.items()]


def examples_section_edit(page: Page, spec: PageSpec, expected: Sequence[Expected]) -> Edit:
    """A `## Примеры кода` section before "continue learning" (or at the end), as the docs place it."""
    locale = spec.locale
    depth = page.path.count("/")
    include = posixpath.join(*([".."] * depth or ["."]), "_includes", "examples.md")
    lines = [
        f"## {EXAMPLES_HEADING[locale]}",
        "",
        f"{{% include [{EXAMPLES_INCLUDE_TEXT[locale]}]({include}) %}}",
        "",
        *block_lines(expected, 0),
    ]
    related = spec.source.spans.get("related")
    existing = spec.source.spans.get("examples")
    if existing is not None:
        next_line = (
            related.start if related is not None and related.start > existing.start else None
        )
        at = next_line or page.line_count + 1
        return Edit(
            at,
            at - 1,
            tuple([*block_lines(expected, 0), ""])
            if next_line
            else ("", *block_lines(expected, 0)),
        )
    if related is not None:
        return Edit(related.start, related.start - 1, tuple([*lines, ""]))
    return Edit(page.line_count + 1, page.line_count, ("", *lines))


def _labels(items: Sequence[Expected] | Sequence[Tab]) -> str:
    return " | ".join(item.label for item in items)
