"""A directive's list in its regular shape, tokenised at once: the tokens markdown-it-py pushes.

Most `{% list tabs %}` blocks hold one bullet list whose items are a title line, blank lines and
fenced code blocks (sometimes a line of prose). markdown-it-py's list rule reads such a list line
by line in Python (its item loop, a block loop per item, the paragraph and fence rules, the
fence's scan for its closer), after the directive's own scan for its `{% endlist %}` has read
every line too. Here the shape is recognised, the fence closers found by a regex search, the
same tokens pushed and, when the directive's scan has not run yet, its closer found on the way
(the line after the list), with the check that the scan would read the fences as the list rule
does. Anything else (a paragraph of two lines, a nested block, a tab in a marker line, an
unclosed fence, moved lines) goes the generic way. tests/test_yfm_fast_paths_4.py holds the tokens
equal on every corpus page and on edge shapes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock

from generator.yfm.dispatch import CODE_INDENT, FIRST_CHARACTERS
from generator.yfm.lines import IndexedStateBlock
from generator.yfm.paragraph import LHEADING_MISS

FENCE_CHARS = "`~"
MIN_FENCE = 3
MAX_MARKER_SPACES = 4  # more spaces after a marker make the title indented code
# A title starting with one of these could start a block other than a paragraph (or be no title).
NOT_A_TITLE = frozenset("".join(FIRST_CHARACTERS.values()) + " \t")


@dataclass(frozen=True, slots=True)
class Closing:
    """How the directive's own scan (`directives.find_closer`) reads lines: whether a line is the
    directive's closer, and whether a line's text closes a fence (whose marker run is given)."""

    closes_directive: Callable[[int], bool]
    closes_fence: Callable[[str, str], bool]


def push_tab_list(state: StateBlock, start: int, end: int) -> bool:
    """Push the tokens of the lines [start, end) and move past them, when they are blank lines
    and a bullet list of regular tabs; otherwise leave the tokens as they were, return False."""
    return push_list(state, start, end, None) is not None


def push_closed_tab_list(state: StateBlock, start: int, end: int, closing: Closing) -> int | None:
    """The closer line of the directive opened on `start`, its content (blank lines and a list of
    regular tabs) pushed, when the directive's scan would match that closer: the list's fences
    are fences to the scan too, and nothing else in the list is a directive or a fence to it
    (None, nothing pushed, otherwise). One pass instead of the scan's and the list's."""
    return push_list(state, start + 1, end, closing)


def push_list(state: StateBlock, start: int, end: int, closing: Closing | None) -> int | None:
    """The line after the list pushed (`end`, or the directive's closer with `closing`). Whether
    a rule moved the lines read is asked last, of those lines only (`end` may be far)."""
    if not isinstance(state, IndexedStateBlock) or state.level + 2 >= state.md.options.maxNesting:
        return None
    line = first = next_filled(state, start, end)
    size, level = len(state.tokens), state.level
    marker = state.src[state.bMarks[line] + state.tShift[line]] if line < end else ""
    opening = state.push("bullet_list_open", "ul", 1)
    while line < end and (closing is None or not closing.closes_directive(line)):
        after = push_tab(state, line, end, marker, closing)
        if after is None:
            break
        line = after
    else:
        found = line > first and (closing is None) == (line == end)
        if found and state.unmoved(start, min(line + 1, end)):
            opening.map, opening.markup = [first, line], marker
            state.push("bullet_list_close", "ul", -1).markup = marker
            state.line, state.tight = line, True  # as the block loop leaves them after one list
            state.env.pop(LHEADING_MISS, None)
            return line
    del state.tokens[size:]
    state.level = level
    return None


def next_filled(state: StateBlock, line: int, end: int) -> int:
    """The first line from `line` that is not blank, or `end`."""
    begins, shifts, ends = state.bMarks, state.tShift, state.eMarks
    while line < end and begins[line] + shifts[line] >= ends[line]:
        line += 1
    return line


def push_tab(
    state: IndexedStateBlock, line: int, end: int, marker: str, closing: Closing | None
) -> int | None:
    """Push the item whose marker line is `line` and return the line after it, if it is `marker`,
    spaces and a title, a blank line, then closed fences and one-line paragraphs at the item's
    indent (at least one), up to a line indented less than the item (the next item) or `end`."""
    src, counts = state.src, state.sCount
    indent = item_indent(state, line, marker)
    if indent is None or line + 1 >= end or not state.isEmpty(line + 1):
        return None  # no title, or a title that is not a paragraph of one line
    item = state.push("list_item_open", "li", 1)
    item.map, item.markup = [line, end], marker
    push_paragraph(state, line, mdTrim(src[state.bMarks[line] + indent : state.eMarks[line]]))
    block = next_filled(state, line + 2, end)
    if block >= end or counts[block] < indent:
        return None
    while block < end and counts[block] >= indent:
        if counts[block] - indent >= CODE_INDENT:
            return None
        if src[state.bMarks[block] + state.tShift[block]] in FENCE_CHARS:
            after = push_fence(state, block, end, indent, closing)
        else:
            after = push_line(state, block, end, indent)
        if after is None:
            return None
        block = next_filled(state, after, end)
    item.map[1] = block
    state.push("list_item_close", "li", -1).markup = marker
    return block


def item_indent(state: StateBlock, line: int, marker: str) -> int | None:
    """The indent of the item's content, when the line is a marker of this list (not indented for
    code, no tab before its title), 1 to 4 spaces and a title that starts a paragraph."""
    src, column = state.src, state.sCount[line]
    begin, pos = state.bMarks[line], state.bMarks[line] + state.tShift[line]
    if not 0 <= column - state.blkIndent < CODE_INDENT or src[pos] != marker:
        return None
    rest = src[pos + 1 : state.eMarks[line]]
    spaces = len(rest) - len(rest.lstrip(" "))
    if not 1 <= spaces <= MAX_MARKER_SPACES or spaces == len(rest) or rest[spaces] in NOT_A_TITLE:
        return None
    if "\t" in src[begin:pos]:
        return None
    return column + 1 + spaces


def push_paragraph(state: StateBlock, line: int, content: str) -> None:
    state.push("paragraph_open", "p", 1).map = [line, line + 1]
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = content, [line, line + 1], []
    state.push("paragraph_close", "p", -1)


def push_line(state: StateBlock, line: int, end: int, indent: int) -> int | None:
    """A paragraph of one line (then a blank line or `end`) that starts no other block."""
    if state.src[state.bMarks[line] + state.tShift[line]] in NOT_A_TITLE:
        return None
    if line + 1 < end and not state.isEmpty(line + 1):
        return None
    push_paragraph(state, line, mdTrim(state.getLines(line, line + 1, indent, False)))
    return line + 1


def push_fence(
    state: IndexedStateBlock, line: int, end: int, indent: int, closing: Closing | None
) -> int | None:
    """A fence closed before `end` and before any line indented less than `indent` (and, with
    `closing`, before any line the directive's scan would take for its closer)."""
    run = fence_run(state, line)
    closer = fence_closer(state, line, end, indent, run, closing) if run else None
    if closer is None:
        return None
    src, opener = state.src, state.bMarks[line] + state.tShift[line]
    fence = state.push("fence", "code", 0)
    fence.info = src[opener + run : state.eMarks[line]]
    if closer > line + 1:  # unmoved lines, or nothing pushed here is kept (`push_list`)
        fence.content = state.unmoved_lines(line + 1, closer, state.sCount[line], True)
    fence.markup = src[opener : opener + run]
    fence.map = [line, closer + 1]
    return closer + 1


def fence_run(state: StateBlock, line: int) -> int:
    """The length of the marker run of the fence the line opens, 0 when it opens none."""
    pos = state.bMarks[line] + state.tShift[line]
    text = state.src[pos : state.eMarks[line]]
    if not text or text[0] not in FENCE_CHARS:
        return 0
    run = len(text) - len(text.lstrip(text[0]))
    if run < MIN_FENCE or (text[0] == "`" and "`" in text[run:]):
        return 0
    return run


def fence_closer(
    state: IndexedStateBlock,
    fence: int,
    end: int,
    indent: int,
    run: int,
    closing: Closing | None = None,
) -> int | None:
    """The line that closes the fence opened on `fence` (markdown-it's fence rule with the block
    indent `indent`), None when a line indented less than `indent` or `end` comes first. Only the
    lines a regex finds can do either: those starting with fewer spaces than `indent` and then
    anything but a space, or with the fence's character after their indent."""
    src, begins, shifts, counts, ends = (
        state.src,
        state.line_begins,
        state.tShift,
        state.sCount,
        state.eMarks,
    )
    char = src[begins[fence] + shifts[fence]]
    candidates = candidate_lines(char, indent)
    pos, stop = ends[fence], ends[end - 1]
    while pos < stop:
        found = candidates.search(src, pos, stop)
        if found is None:
            return None
        line = bisect_left(begins, found.start() + 1)
        first = begins[line] + shifts[line]
        if first < ends[line] and counts[line] < indent:
            return None
        if src.startswith(char, first):
            text = src[first : ends[line]]
            length = len(text) - len(text.lstrip(char))
            closes = length >= run and not text[length:].strip(" \t")
            if closes and counts[line] - indent < CODE_INDENT:
                return line
            if closing is not None and closing.closes_fence(text, char * run):
                return None  # the directive's scan ends the fence here
        pos = ends[line]
    return None


@lru_cache(maxsize=32)
def candidate_lines(char: str, indent: int) -> re.Pattern[str]:
    """A line break before a line that may end a fence of `char` inside a block indented by
    `indent` columns (at least 1)."""
    return re.compile(f"\n(?: {{0,{indent - 1}}}[^ \n]|[ \t]*{re.escape(char)})")
