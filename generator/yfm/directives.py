"""Liquid-style YFM directives: `{% note %}`, `{% list tabs %}`, `{% cut %}`, `{% if %}` and `{% include %}`.

Paired directives become `yfm_<name>_open` / `yfm_<name>_close` tokens around their tokenised content;
single-line ones (`include`, `else`, stray closers) become one `yfm_<name>` token. Every token keeps
its source `map`; `info` holds the directive's arguments. An opener without its closer still yields a
container (up to the end of its parent) flagged `meta["unclosed"]`, so the extractor can report it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from generator.yfm.tab_list import Closing, push_closed_tab_list, push_tab_list

DIRECTIVE = re.compile(r"\{%-?\s*(?P<name>[a-z]+)\b(?P<args>.*?)-?%\}\s*$", re.DOTALL)
PAIRED = {"note": "endnote", "list": "endlist", "cut": "endcut", "if": "endif"}
CLOSERS = {closer: opener for opener, closer in PAIRED.items()}
# the marker run a line opens a fence with, to this scan and to the table scanner
FENCE_START = re.compile(r"`{3,}|~{3,}")
FENCE_CHARS = ("`", "~")


@dataclass(frozen=True, slots=True)
class Directive:
    name: str
    args: str


def parse_directive(line: str) -> Directive | None:
    """The directive a stripped line holds, if the whole line is one."""
    if not line.startswith("{%"):
        return None
    match = DIRECTIVE.match(line)
    if match is None:
        return None
    return Directive(match["name"], match["args"].strip())


def line_text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def closes_fence(text: str, fence: str) -> bool:
    """Whether a stripped line closes the fence whose opening marker run is `fence`: a run of the same
    character at least as long, then nothing, or the `||`/`|#` of a YFM table row (```` ``` || ````)."""
    run = len(text) - len(text.lstrip(fence[0]))
    rest = text[run:].strip()
    return run >= len(fence) and (not rest or rest.startswith("|"))


def lines_outside_fences(
    state: StateBlock, start: int, end: int, marks: tuple[str, ...] = ("",)
) -> Iterator[tuple[int, str]]:
    """(line, stripped text) for the lines after `start` that are not inside fenced code and start
    with one of `marks` (by default every such line). A line is cut from the source only when its
    first character can matter (this runs over every line of a table and of a directive)."""
    src, begins, shifts, ends = state.src, state.bMarks, state.tShift, state.eMarks
    fence: str | None = None
    for line in range(start + 1, end):
        pos = begins[line] + shifts[line]
        if fence is not None:
            if src.startswith(fence[0], pos) and closes_fence(src[pos : ends[line]], fence):
                fence = None
            continue
        if src.startswith(FENCE_CHARS, pos):
            fence_match = FENCE_START.match(src, pos, ends[line])
            if fence_match:
                fence = fence_match.group()
                continue
        if src.startswith(marks, pos):
            yield line, src[pos : ends[line]]


def starts_with(state: StateBlock, line: int, mark: str) -> bool:
    """Whether the line's text (after its indent) starts with `mark`, without cutting it out."""
    return state.src.startswith(mark, state.bMarks[line] + state.tShift[line], state.eMarks[line])


def find_closer(state: StateBlock, opener: str, start: int, end: int) -> int | None:
    """The line of the closer matching the opener on `start`, skipping fenced code and nesting.

    One scan matches every directive it passes (a stack per name) and remembers the matches in
    the parse's env: a nested container's lookup is then O(1), so nested notes cost one pass over
    their lines instead of one pass per nesting level. A remembered match is used only when the
    opener's line reads the same as when it was scanned (a blockquote shifts its lines)."""
    memo: dict[int, tuple[int, int | None, int]] = state.env.setdefault(MEMO_KEY, {})
    known = memo.get(start)
    if known is not None and known[0] == _offset(state, start):
        _, closer, scanned = known
        if closer is not None:
            return closer if closer < end else None
        if end <= scanned:
            return None
    return _scan_closers(state, opener, start, end, memo)


MEMO_KEY = "yfm_directive_closers"


def _scan_closers(
    state: StateBlock,
    opener: str,
    start: int,
    end: int,
    memo: dict[int, tuple[int, int | None, int]],
) -> int | None:
    stacks: dict[str, list[int]] = {opener: [start]}
    reached = end
    for line, text in lines_outside_fences(state, start, end, ("{%",)):
        directive = parse_directive(text)
        if directive is None:
            continue
        if directive.name in PAIRED:
            stacks.setdefault(directive.name, []).append(line)
        elif stacks.get(CLOSERS.get(directive.name, "")):
            matched = stacks[CLOSERS[directive.name]].pop()
            memo[matched] = (_offset(state, matched), line, end)
            if matched == start:
                reached = line
                break
    for stack in stacks.values():
        for line in stack:  # no closer between the opener and where the scan stopped
            memo[line] = (_offset(state, line), None, reached)
    return memo[start][1]


def _offset(state: StateBlock, line: int) -> int:
    return state.bMarks[line] + state.tShift[line]


def directive_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if not starts_with(state, start, "{%") or state.is_code_block(start):
        return False
    directive = parse_directive(line_text(state, start))
    if directive is None:
        return False
    if silent:
        return True
    if directive.name in PAIRED:
        push_container(state, directive, start, end)
    else:
        token = state.push(f"yfm_{directive.name}", "", 0)
        token.info = directive.args
        token.map = [start, start + 1]
        token.markup = line_text(state, start)
        state.line = start + 1
    return True


def push_container(state: StateBlock, directive: Directive, start: int, end: int) -> None:
    opening = state.push(f"yfm_{directive.name}_open", "div", 1)
    opening.info = directive.args
    opening.markup = line_text(state, start)
    opening.block = True
    closer = push_closed_list(state, start, end) if directive.name == "list" else None
    if closer is None:
        closer = find_closer(state, directive.name, start, end)
        push_content(state, directive, start + 1, end if closer is None else closer)
    opening.map = [start, end if closer is None else closer + 1]
    if closer is None:
        opening.meta["unclosed"] = True

    closing = state.push(f"yfm_{directive.name}_close", "div", -1)
    closing.markup = "" if closer is None else line_text(state, closer)
    closing.block = True
    state.line = end if closer is None else closer + 1


def push_content(state: StateBlock, directive: Directive, start: int, end: int) -> None:
    """The container's tokens, its lines [start, end) read as a block of their own."""
    old_parent, old_line_max = state.parentType, state.lineMax
    state.parentType = "yfm_directive"  # any name stops lazy continuation
    state.lineMax = end
    if directive.name != "list" or not push_tab_list(state, start, end):
        tokenize_content(state, start, end)
    state.parentType, state.lineMax = old_parent, old_line_max


def push_closed_list(state: StateBlock, start: int, end: int) -> int | None:
    """The closer of the `list` directive opened on `start`, its content pushed, when that is a
    list of regular tabs (`tab_list.push_closed_tab_list`) and no scan has matched the opener
    yet; the match is remembered as `find_closer` would remember it."""
    memo: dict[int, tuple[int, int | None, int]] = state.env.setdefault(MEMO_KEY, {})
    if start in memo:
        return None
    closing = Closing(lambda line: _ends_list(state, line), closes_fence)
    closer = push_closed_tab_list(state, start, end, closing)
    if closer is not None:
        memo[start] = (_offset(state, start), closer, end)
    return closer


def _ends_list(state: StateBlock, line: int) -> bool:
    if not starts_with(state, line, "{%"):
        return False
    directive = parse_directive(line_text(state, line))
    return directive is not None and directive.name == PAIRED["list"]


def tokenize_content(state: StateBlock, start: int, end: int) -> None:
    """Tokenise a container's lines. A line indented less than the container's list item (a tab
    label that slipped to column 0) would end markdown-it's loop and drop the rest of the
    block; such lines are kept inside the container, with the block indent lowered to theirs."""
    old_indent = state.blkIndent
    line = start
    while line < end:
        state.md.block.tokenize(state, line, end)
        line = state.skipEmptyLines(state.line)
        if line >= end or state.sCount[line] >= state.blkIndent:
            break
        lowered = max(state.sCount[line], 0)
        if lowered >= state.blkIndent:  # a lazy line (sCount -1) cannot be reached: stop, not spin
            break
        state.blkIndent = lowered
    state.blkIndent = old_indent


def directives_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before(
        "fence",
        "yfm_directive",
        directive_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
