"""Property tests for `sync`: no byte outside the example blocks ever changes, and sync is idempotent.

Two layers. The rewrite engine alone (no templates): every tab's fence body is replaced with new code
through `fence_body_edit` + `apply_edits`. The real planner: `check.evaluate(...)`
with the built-in templates, in the default mode, `--add-missing` and `--reshape`. Either way, the
page with its example blocks cut out is the same before and after (add-missing and reshape may only
insert lines), the
re-parsed page holds what was written, and a second pass changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from generator.check.outcome import Outcome
from generator.check.run import evaluate
from generator.options import Options, SyncMode
from generator.parse import parse_page
from generator.rewrite import Edit, apply_edits, fence_body_edit
from generator.source import decode, split_lines_keepends
from generator.spec.event import EventSpec
from generator.sync import sync_pages
from tests.fuzz.pages import CODE_ATOMS, Tree, block_spans, cut_lines, tree_strategy, write_tree

# Shrinking a composed page can take minutes; set B24_ROBUSTNESS_SHRINK=1 to get a minimal example.
# B24_ROBUSTNESS_SCALE=N multiplies every example count (a longer local hunt).
SCALE = max(1, int(os.environ.get("B24_ROBUSTNESS_SCALE", "1")))
PHASES = (
    tuple(Phase) if os.environ.get("B24_ROBUSTNESS_SHRINK") else (Phase.explicit, Phase.generate)
)
SYNC_SETTINGS = settings(
    phases=PHASES,
    max_examples=60 * SCALE,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# New fence bodies: anything a template could emit, except a line that would close the fence.
code_line = (
    st.lists(st.sampled_from(CODE_ATOMS), max_size=6)
    .map("".join)
    .filter(lambda line: not line.lstrip().startswith(("```", "~~~")))
)
new_code = st.lists(code_line, max_size=6).map(lambda lines: "".join(f"{x}\n" for x in lines))


def _parse(root: Path, tree: Tree) -> EventSpec | None:
    return parse_page(root, tree.page).spec


def _replace_all_tabs(
    page_raw: bytes, spec: EventSpec, codes: list[str]
) -> tuple[bytes, list[str]]:
    source = decode(page_raw, "p.md")
    lines = source.normalized.split("\n")
    edits: list[Edit] = []
    written: list[str] = []
    tabs = [t for b in spec.examples for t in b.tabs if t.code_span is not None]
    for tab, code in zip(tabs, codes, strict=False):
        assert tab.code_span is not None
        edits.append(fence_body_edit(lines, tab.code_span.start, tab.code_span.end, code))
        written.append(code)
    return apply_edits(source, edits), written


def _normal(code: str) -> str:
    """What a fence body reads back as: whitespace-only lines are written empty."""
    return "".join((line if line.strip() else "") + "\n" for line in code.split("\n")[:-1])


@settings(SYNC_SETTINGS, max_examples=150 * SCALE)
@given(tree=tree_strategy(), codes=st.lists(new_code, min_size=8, max_size=8))
def test_rewriting_fence_bodies_keeps_every_other_byte(
    tmp_path_factory: pytest.TempPathFactory, tree: Tree, codes: list[str]
) -> None:
    root = tmp_path_factory.mktemp("rw", numbered=True)
    write_tree(root, tree)
    spec = _parse(root, tree)
    assume(spec is not None and any(t.code_span for b in spec.examples for t in b.tabs))
    assert spec is not None
    old = tree.page_bytes
    new, written = _replace_all_tabs(old, spec, codes)
    (root / tree.page).write_bytes(new)
    again = _parse(root, tree)
    assert again is not None, parse_page(root, tree.page).diagnostics
    assert [len(b.tabs) for b in again.examples] == [len(b.tabs) for b in spec.examples]
    assert cut_lines(old, block_spans(spec)) == cut_lines(new, block_spans(again))
    read_back = [t.code for b in again.examples for t in b.tabs if t.code_span is not None]
    assert read_back[: len(written)] == [_normal(c) for c in written]
    # the same rewrite on the rewritten page is a no-op
    assert _replace_all_tabs(new, again, codes)[0] == new


# --- the real planner ----------------------------------------------------------------------------


def _outcome(root: Path, rel: str, mode: SyncMode) -> Outcome:
    return evaluate(root, rel, Options(mode=mode))


def _sync_once(root: Path, tree: Tree, mode: SyncMode) -> tuple[bytes, Outcome]:
    outcome = _outcome(root, tree.page, mode)
    raw = (root / tree.page).read_bytes()
    new = apply_edits(decode(raw, tree.page), outcome.edits) if outcome.edits else raw
    return new, outcome


def _is_subsequence(small: list[bytes], big: list[bytes]) -> bool:
    """`small` in order inside `big`. A last line without a line ending may have gained one: lines
    appended after it need it (the appended text then ends without one, as the page did)."""
    it = iter(big)

    def same(line: bytes, other: bytes, last: bool) -> bool:
        if last and not line.endswith((b"\n", b"\r")):
            return other in (line, line + b"\n", line + b"\r\n", line + b"\r")
        return line == other

    return all(
        any(same(line, other, i == len(small) - 1) for other in it) for i, line in enumerate(small)
    )


@pytest.mark.parametrize(
    "mode",
    [SyncMode(), SyncMode(add_missing=True), SyncMode(reshape=True)],
    ids=["default", "add-missing", "reshape"],
)
@settings(SYNC_SETTINGS)
@given(tree=tree_strategy())
def test_sync_touches_only_example_blocks_and_is_idempotent(
    tmp_path_factory: pytest.TempPathFactory, tree: Tree, mode: SyncMode
) -> None:
    root = tmp_path_factory.mktemp("sync", numbered=True)
    write_tree(root, tree)
    before = parse_page(root, tree.page).spec
    old = tree.page_bytes
    new, outcome = _sync_once(root, tree, mode)
    if any(d.is_error for d in outcome.diagnostics):
        # a page with problems is never rewritten (a missing include keeps a spec, and a plan)
        assert sync_pages(root, [outcome], dry_run=True).changed == []
        return
    if before is None:
        assert new == old
        return
    (root / tree.page).write_bytes(new)
    after = parse_page(root, tree.page)
    assert after.spec is not None, after.diagnostics
    kept_before = cut_lines(old, block_spans(before))
    kept_after = cut_lines(new, block_spans(after.spec))
    if mode.add_missing or mode.reshape:  # both may add a missing examples section
        assert _is_subsequence(kept_before, kept_after)
    else:
        assert kept_before == kept_after
    assert len(after.spec.examples) >= len(before.examples)
    # idempotent: syncing the synced page changes nothing
    newer, _ = _sync_once(root, tree, mode)
    assert newer == new
    # and nothing drifts any more in the tabs sync could reach
    second = _outcome(root, tree.page, mode)
    drifting = [f for f in second.findings if f.kind == "drift"]
    reachable = {
        t.span.start for b in after.spec.examples for t in b.tabs if t.code_span is not None
    }
    assert not [f for f in drifting if f.line in reachable], drifting


# --- the rewrite engine on pages with mixed line endings -----------------------------------------

line_text = st.text(
    st.sampled_from(["a", "b", " ", "\t", "é", "\u00a0", "`", "{", "%"]), max_size=4
)
endings = st.sampled_from([("\n", "\r"), ("\n", "\r\n", "\r"), ("\r",), ("\r\n", "\n"), ("\n",)])


@st.composite
def page_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    ending = st.sampled_from(draw(endings))
    text = "".join(draw(line_text) + draw(ending) for _ in range(draw(st.integers(0, 12))))
    if text and draw(st.booleans()):
        text = text.rstrip("\r\n") + draw(line_text)  # no final line ending
    count = len(split_lines_keepends(text))
    edits: list[Edit] = []
    line = 1
    while line <= count + 1:
        if draw(st.integers(0, 3)) == 0:
            end = draw(st.integers(line - 1, count))
            # as in real edits, the last new line is not empty (an empty last line without a line
            # ending, at the end of a page without a final newline, is no line at all)
            new = [*draw(st.lists(line_text, max_size=2)), draw(line_text.filter(bool))]
            edits.append(Edit(line, end, tuple(new)))
            line = end + 2
        else:
            line += 1
    return text, edits


@settings(SYNC_SETTINGS, max_examples=500 * SCALE)
@given(case=page_and_edits())
def test_apply_edits_keeps_lines_apart_on_mixed_endings(case: tuple[str, list[Edit]]) -> None:
    """No inserted line fuses with a neighbour (lone CR + LF = CRLF) and none splits: the result
    has exactly the old lines outside the edits, with their own endings, and the new ones."""
    text, edits = case
    source = decode(text.encode("utf-8"), "p.md")
    old = split_lines_keepends(source.text)
    new = split_lines_keepends(apply_edits(source, edits).decode("utf-8"))
    expected: list[tuple[str, str]] = []  # ("old", line with its ending) or ("new", content)
    position = 1
    for edit in sorted(edits):
        expected += [("old", x) for x in old[position - 1 : edit.start - 1]]
        expected += [("new", x) for x in edit.lines]
        position = edit.end + 1
    expected += [("old", x) for x in old[position - 1 :]]
    assert len(new) == len(expected)
    for got, (kind, want) in zip(new, expected, strict=True):
        if kind == "new" or not want.endswith(("\n", "\r")):
            # new lines take some ending; a last line without one gains one if lines follow it
            assert got.rstrip("\r\n") == want
        else:
            assert got == want
    if new and old:
        assert new[-1].endswith(("\n", "\r")) == old[-1].endswith(("\n", "\r"))
