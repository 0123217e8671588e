"""The tabs a method page should carry: the profile's, less those the method's auth rules out,
each rendered per example block from that block's canonical call (render/canonical.py)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from generator.render.canonical import WEBHOOK_TARGETS, CanonicalCall, app_only, canonical_call

if TYPE_CHECKING:
    from pathlib import Path

    from generator.calls import Json
    from generator.layout import Layout
    from generator.spec.method import MethodSpec
    from generator.spec.parts import ExampleBlock, Tab

LEGACY_LABELS = frozenset({"JS", "cURL"})  # labels of example tabs the profile no longer writes


def allowed_tabs(
    spec: MethodSpec, tabs: Sequence[tuple[str, str, str, str]]
) -> list[tuple[str, str, str, str]]:
    """App-only methods drop the webhook tab (a webhook call answers WRONG_AUTH_TYPE)."""
    return [t for t in tabs if not (app_only(spec) and t[1] in WEBHOOK_TARGETS)]


def tab_layout(spec: MethodSpec, block: int, tab: Tab) -> Layout:
    """The layout recorded for a page tab (`TabCall.layout`); {} when the spec has no call model
    of it."""
    call = next((c for c in spec.calls if c.block == block and c.line == tab.span.start), None)
    return dict(call.layout) if call is not None else {}


def majority_layout(spec: MethodSpec, block: int, target: str) -> Layout:
    """The layout a tab the block lacks is written in: the most common layout of the block's tabs
    read by the same layout reader as `target` (cURL (OAuth) for a missing cURL (Webhook)), the
    first of them on a tie; {} when there is none."""
    from generator.layout import READERS
    from generator.targets import load_targets

    reader = READERS.get(target)
    if reader is None:
        return {}
    targets = load_targets()
    layouts = [
        c.layout
        for c in spec.calls
        if c.block == block
        and (found := targets.for_label(c.label)) is not None
        and READERS.get(found.name) == reader
    ]
    if not layouts:
        return {}
    votes = Counter(json.dumps(layout, sort_keys=True) for layout in layouts)
    winner = max(votes.values())
    return dict(next(lay for lay in layouts if votes[json.dumps(lay, sort_keys=True)] == winner))


class LazyMethodTab:
    """One profile tab of a method page, rendered for one example block when read, in a layout:
    a page tab's own (`for_tab`), else the block's majority (a tab the block lacks)."""

    def __init__(
        self,
        spec: MethodSpec,
        tab: tuple[str, str, str, str],
        templates: Sequence[Path],
        block: int = 0,
        layout: Layout | None = None,
    ) -> None:
        self.spec, self.templates, self.block, self.row = spec, templates, block, tab
        self.label, self.target, self.lang, self.drift = tab
        self._layout = layout

    def for_block(self, index: int) -> LazyMethodTab:
        return (
            self
            if index == self.block
            else LazyMethodTab(self.spec, self.row, self.templates, index)
        )

    def for_tab(self, tab: Tab) -> LazyMethodTab:
        """This tab rendered in the layout of the page's `tab` (same block): what `exact` mode
        compares, so a difference of style is no drift and a difference of call still is."""
        layout = tab_layout(self.spec, self.block, tab)
        if layout == self.layout:
            return self
        return LazyMethodTab(self.spec, self.row, self.templates, self.block, layout)

    @cached_property
    def layout(self) -> Layout:
        if self._layout is not None:
            return dict(self._layout)
        return majority_layout(self.spec, self.block, self.target)

    @cached_property
    def canonical(self) -> CanonicalCall:
        return canonical_call(self.spec, self.block)

    def makes_canonical_call(self, tab: Tab) -> bool:
        """The page's recorded call model (`spec.calls`) of `tab` already is the canonical call.
        False when that is not known from the spec alone (a Python tab: b24pysdk keywords; a
        call read from a later fence; no readable call): the rendered tab decides then."""
        from generator.check.method_drift import comparable, same_shape

        call = next(
            (c for c in self.spec.calls if c.block == self.block and c.line == tab.span.start),
            None,
        )
        if call is None or not call.readable or call.fence or call.language == "python":
            return False
        canonical = self.canonical
        page, wanted = cast("Json", call.params), cast("Json", canonical.params)
        same_method = (call.method or "").lower() == canonical.method.lower()
        return same_method and same_shape(comparable(page), comparable(wanted))

    @cached_property
    def call_code(self) -> str:
        """The tab unformatted: enough to read its call (black changes layout only)."""
        from generator.render.method_tabs import render_method_tab

        return render_method_tab(
            self.spec,
            self.target,
            block=self.block,
            user_dirs=self.templates,
            label=self.label,
            formatted=False,
            layout=self.layout,
        )

    @cached_property
    def code(self) -> str:
        from generator.render.method_tabs import render_method_tab

        return render_method_tab(
            self.spec,
            self.target,
            block=self.block,
            user_dirs=self.templates,
            label=self.label,
            layout=self.layout,
        )


def method_expected_tabs(
    spec: MethodSpec, tabs: Sequence[tuple[str, str, str, str]], templates: Sequence[Path]
) -> list[LazyMethodTab]:
    return [LazyMethodTab(spec, tab, templates) for tab in allowed_tabs(spec, tabs)]


OPTIONAL_TARGETS = frozenset({"python"})
LATE_AFTER = "php_crest"  # the second position an optional Python tab may take


def block_tabs(expected: Sequence[Any], block: ExampleBlock, index: int) -> list[Any]:
    """The tabs one block should carry: none for a block that shows no example (its labels are
    field types, not SDKs); an optional tab only when the block has it, at the block's position
    when that is the second one the docs use (right after PHP CRest)."""
    present = [t.label for t in block.tabs]
    known = {e.label for e in expected} | LEGACY_LABELS
    if not known.intersection(present):
        return []
    tabs = [
        e.for_block(index)
        for e in expected
        if e.target not in OPTIONAL_TARGETS or e.label in present
    ]
    return _late_optional(tabs, present)


def _late_optional(tabs: list[Any], present: list[str]) -> list[Any]:
    for tab in [t for t in tabs if t.target in OPTIONAL_TARGETS]:
        anchor = next((t for t in tabs if t.target == LATE_AFTER), None)
        if anchor is None or anchor.label not in present:
            continue
        if present.index(tab.label) == present.index(anchor.label) + 1:
            tabs.remove(tab)
            tabs.insert(tabs.index(anchor) + 1, tab)
    return tabs
