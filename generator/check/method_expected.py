"""The tabs a method page should carry: the profile's, less those the method's auth rules out,
each rendered per example block from that block's canonical call (render/canonical.py)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from generator.memo import last_answer
from generator.render.canonical import WEBHOOK_TARGETS, CanonicalCall, app_only, canonical_call
from generator.render.tab import ExpectedTab

if TYPE_CHECKING:
    from pathlib import Path

    from generator.calls import Json
    from generator.layout import Layout
    from generator.render.tab import Render
    from generator.spec.method import MethodSpec, TabCall
    from generator.spec.parts import ExampleBlock, Tab

LEGACY_LABELS = frozenset({"JS", "cURL"})  # labels of example tabs the profile no longer writes


def allowed_tabs(
    spec: MethodSpec, tabs: Sequence[tuple[str, str, str, str]]
) -> list[tuple[str, str, str, str]]:
    """App-only methods drop the webhook tab (a webhook call answers WRONG_AUTH_TYPE)."""
    return [t for t in tabs if not (app_only(spec) and t[1] in WEBHOOK_TARGETS)]


def call_of(spec: MethodSpec, block: int, tab: Tab) -> TabCall | None:
    """The recorded call model of a page tab (`spec.calls`), if the spec has one."""
    return next((c for c in spec.calls if c.block == block and c.line == tab.span.start), None)


def tab_layout(spec: MethodSpec, block: int, tab: Tab) -> Layout:
    """The layout of a page tab (what `TabCall.layout` records, read from the tab's code when
    asked: check reads the few it needs); {} when the spec has no call model of it."""
    call = call_of(spec, block, tab)
    return read_tab_layout(tab) if call is not None else {}


def read_tab_layout(tab: Tab) -> Layout:
    """`extract/method_calls.tab_layout`, remembered for the page at hand: a block's layouts are
    asked for again for each of its tabs (`majority_layout`)."""
    return dict(_layout_of(tab.label, tab.code))


@lru_cache(maxsize=64)
def _layout_of(label: str, code: str) -> Layout:
    from generator.extract.method_calls import code_layout

    return code_layout(label, code)


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
        read_tab_layout(spec.examples[c.block].tabs[c.tab])
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


def method_expected_tabs(
    spec: MethodSpec, tabs: Sequence[tuple[str, str, str, str]], templates: Sequence[Path]
) -> list[ExpectedTab]:
    """The page's tabs for its first block (`ExpectedTab.for_block` aims them at the others)."""
    render = method_render(spec, templates)
    return [ExpectedTab(*tab, render, block=0) for tab in allowed_tabs(spec, tabs)]


def method_render(spec: MethodSpec, templates: Sequence[Path]) -> Render:
    """How a method page's tab is rendered: from its block's canonical call, in its layout or
    else the block's majority (a tab the block lacks)."""

    def render(tab: ExpectedTab, formatted: bool) -> str:
        from generator.render.method_tabs import render_method_tab

        block = tab.block or 0
        layout = tab.layout
        if layout is None:
            layout = majority_layout(spec, block, tab.target)
        return render_method_tab(
            spec,
            tab.target,
            block=block,
            user_dirs=templates,
            label=tab.label,
            formatted=formatted,
            layout=layout,
        )

    return render


def in_layout_of(spec: MethodSpec, expected: ExpectedTab, tab: Tab) -> ExpectedTab:
    """`expected` rendered in the layout of the page's `tab` (same block): what `exact` mode
    compares, so a difference of style is no drift and a difference of call still is."""
    block = expected.block or 0
    layout = tab_layout(spec, block, tab)
    if expected.layout is None and layout == majority_layout(spec, block, expected.target):
        return expected
    return expected.in_layout(layout)


def makes_canonical_call(spec: MethodSpec, block: int, tab: Tab) -> bool:
    """The page's recorded call model (`spec.calls`) of `tab` already is the block's canonical
    call. False when that is not known from the spec alone (a Python tab: b24pysdk keywords; a
    call read from a later fence; no readable call): the rendered tab decides then."""
    from generator.check.method_drift import comparable, same_shape_as

    call = call_of(spec, block, tab)
    if call is None or not call.readable or call.fence or call.language == "python":
        return False
    canonical = canonical_call(spec, block)
    if (call.method or "").lower() != canonical.method.lower():
        return False
    wanted, wanted_json = _canonical_shape(canonical)
    return same_shape_as(comparable(cast("Json", call.params)), wanted, wanted_json)


@last_answer  # a block's tabs ask in a row
def _canonical_shape(canonical: CanonicalCall) -> tuple[Json, str]:
    """The canonical params as the call mode compares them, and their JSON text: made once a
    block, not once a tab."""
    from generator.check.method_drift import as_json, comparable

    wanted = comparable(cast("Json", canonical.params))
    return wanted, as_json(wanted)


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
