"""Paragraphs and setext headings whose lines are checked only against the terminators that can
match them.

markdown-it-py's `paragraph` and `lheading` rules ask every terminator rule (fence, list, heading …)
about every line of a paragraph, twice (once for each rule). These do the same, asking only the
rules the line's first character allows (`DispatchingParserBlock.terminators`): the same lines end
the same paragraphs (tests/test_yfm_fast_paths.py holds the tokens equal to markdown-it-py's).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock

from generator.yfm.dispatch import DispatchingParserBlock

LAZY_INDENT = 3  # a line indented more than this past the block continues a paragraph lazily
# env key: (start, end, block indent, line) of the paragraph end `lheading` found without an underline
LHEADING_MISS = "yfm_lheading_miss"


def paragraph_end(state: StateBlock, start: int, end: int, underline: bool) -> tuple[int, str]:
    """(line, marker): where the paragraph starting at `start` ends and, when `underline` is asked
    for, the `=` or `-` of the setext underline found there ("" when none). The caller has set
    the parent type to "paragraph", as the terminators expect."""
    block = state.md.block
    assert isinstance(block, DispatchingParserBlock)
    src, begins, shifts, ends = state.src, state.bMarks, state.tShift, state.eMarks
    counts, indent = state.sCount, state.blkIndent
    line = start + 1
    while line < end:
        pos = begins[line] + shifts[line]
        if pos >= ends[line]:
            break  # an empty line
        count = counts[line]
        if count - indent > LAZY_INDENT or count < 0:
            line += 1  # a lazy continuation line, or one a blockquote has checked
            continue
        first = src[pos]
        underlined = underline and first in "-=" and count >= indent
        if underlined and not src[pos : ends[line]].rstrip(" \t").strip(first):
            return line, first
        for rule in block.terminators(first):
            if rule(state, line, end, True):
                return line, ""
        line += 1
    return line, ""


def paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's `paragraph` rule: the lines up to an empty line or a terminator's line."""
    old_parent = state.parentType
    state.parentType = "paragraph"
    line = _known_end(state, start, state.lineMax)
    if line is None:
        line, _ = paragraph_end(state, start, state.lineMax, underline=False)
    content = mdTrim(state.getLines(start, line, state.blkIndent, False))
    state.line = line
    state.push("paragraph_open", "p", 1).map = [start, line]
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = content, [start, line], []
    state.push("paragraph_close", "p", -1)
    state.parentType = old_parent
    return True


def _known_end(state: StateBlock, start: int, end: int) -> int | None:
    """The end `lheading` found for this paragraph just before (the rule tried right before
    `paragraph` on every line), when it scanned the same lines: with no underline among them,
    the same terminators stop both scans on the same line. Taken once, so it cannot go stale."""
    known = state.env.pop(LHEADING_MISS, None)
    if known is None or known[:3] != (start, end, state.blkIndent):
        return None
    line: int = known[3]
    return line


def lheading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's `lheading` rule: a paragraph whose last line is a `===` or `---` underline.
    Without one it returns False and, as markdown-it's does, leaves the parent type "paragraph"."""
    if state.is_code_block(start):
        return False
    old_parent = state.parentType
    state.parentType = "paragraph"
    line, marker = paragraph_end(state, start, end, underline=True)
    if not marker:
        state.env[LHEADING_MISS] = (start, end, state.blkIndent, line)
        return False
    content = mdTrim(state.getLines(start, line, state.blkIndent, False))
    state.line = line + 1
    tag = "h1" if marker == "=" else "h2"
    opening = state.push("heading_open", tag, 1)
    opening.markup, opening.map = marker, [start, line + 1]
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = content, [start, line], []
    state.push("heading_close", tag, -1).markup = marker
    state.parentType = old_parent
    return True


def paragraph_plugin(md: MarkdownIt) -> None:
    """Use after `dispatch_plugin`."""
    md.block.ruler.at("lheading", lheading)
    md.block.ruler.at("paragraph", paragraph)
