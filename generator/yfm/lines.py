"""markdown-it's line index, built with string methods: the same markers, a third of the cost.

markdown-it-py's `StateBlock` finds each line's indent one character at a time in Python; on the
method pages (deeply indented code inside tab lists) that was a fifth of tokenising. The block
rules, and so what markdown-it-py reads, are unchanged: only the arrays they read are built here,
with the state's own helpers made cheaper (`push`, `getLines`) and the core `normalize` rule
skipped where it has nothing to do.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore, normalize
from markdown_it.token import Token
from markdown_it.utils import EnvType

TAB_STOP = 4
_new_token = Token.__new__


class IndexedStateBlock(StateBlock):
    """A `StateBlock` whose line markers come from `line_markers` (tests/test_page_model.py
    holds them equal to markdown-it-py's own)."""

    def __init__(
        self,
        src: str,
        md: MarkdownIt,
        env: EnvType,
        tokens: list[Token],
        lines: list[str] | None = None,
    ) -> None:
        """`lines`, when given, are `src.split("\\n")`, already made by the caller."""
        super().__init__("", md, env, tokens)  # every other field, as markdown-it-py sets it
        self.src = src
        begins, ends, shifts, counts = line_markers(src, lines)
        length = len(src)
        self.bMarks = [*begins, length]  # the fake last line markdown-it's bounds checks expect
        self.eMarks = [*ends, length]
        self.tShift = [*shifts, 0]
        self.sCount = [*counts, 0]
        self.bsCount = [0] * (len(begins) + 1)
        self.lineMax = len(begins)
        # as no rule has moved them
        self.line_begins, self.line_shifts, self.line_counts = begins, shifts, counts

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        """markdown-it's `push`, the token's fields set directly (its dataclass `__init__` and
        `__post_init__` were a tenth of tokenising; tests/test_yfm_fast_paths.py holds the two
        tokens equal and the field list complete)."""
        token = _new_token(Token)
        token.type, token.tag, token.nesting = ttype, tag, nesting
        token.attrs, token.map, token.children = {}, None, None
        token.content = token.markup = token.info = ""
        token.meta, token.block, token.hidden = {}, True, False
        if nesting < 0:
            self.level -= 1
        token.level = self.level
        if nesting > 0:
            self.level += 1
        self.tokens.append(token)
        return token

    def getLines(self, begin: int, end: int, indent: int, keepLastLF: bool) -> str:
        """markdown-it's `getLines`. Lines no rule has moved the start of (a blockquote's or a
        list item's first line) are one piece of the source: cut at once, their indent (spaces,
        unless a tab comes before the indent's end) removed by one regex pass; other lines that
        start with `indent` spaces are cut without walking their indent a character at a time."""
        if begin >= end:
            return ""
        begins = self.bMarks
        if (
            begins[begin:end] == self.line_begins[begin:end]
            and self.tShift[begin:end] == self.line_shifts[begin:end]
        ):
            return self.unmoved_lines(begin, end, indent, keepLastLF)
        return self._cut_lines(begin, end, indent, keepLastLF)

    def unmoved(self, start: int, end: int) -> bool:
        """Whether no rule has moved the lines' markers (a quote, a lazy line) from the index's."""
        return (
            self.bMarks[start:end] == self.line_begins[start:end]
            and self.tShift[start:end] == self.line_shifts[start:end]
            and self.sCount[start:end] == self.line_counts[start:end]
            and not any(self.bsCount[start:end])
        )

    def unmoved_lines(self, begin: int, end: int, indent: int, keepLastLF: bool) -> str:
        """`getLines` of lines (`begin` < `end`) the caller knows no rule has moved."""
        last = self.eMarks[end - 1] + 1 if keepLastLF else self.eMarks[end - 1]
        chunk = self.src[self.bMarks[begin] : last]
        if not indent:
            return chunk
        if "\t" not in chunk or _tab_in_indent(indent).search("\n" + chunk) is None:
            return cut_indent(chunk, indent)  # no tab markdown-it would expand
        return self._cut_lines(begin, end, indent, keepLastLF)

    def _cut_lines(self, begin: int, end: int, indent: int, keepLastLF: bool) -> str:
        pad = " " * indent
        src, begins, ends = self.src, self.bMarks, self.eMarks
        parts = []
        for line in range(begin, end):
            first = begins[line]
            last = ends[line] + 1 if line + 1 < end or keepLastLF else ends[line]
            if src.startswith(pad, first, last):
                parts.append(src[first + indent : last])
            else:
                parts.append(self._cut_line(line, indent, last))
        return "".join(parts)

    def _cut_line(self, line: int, indent: int, last: int) -> str:
        """The line up to `last`, less what markdown-it's `getLines` counts as indent (up to
        `indent` columns: the characters before `tShift`, then spaces); a line with a tab there
        goes to markdown-it's own."""
        first, shift = self.bMarks[line], self.tShift[line]
        window = self.src[first : min(first + indent, last)]
        if "\t" in window:
            return super().getLines(line, line + 1, indent, last > self.eMarks[line])
        rest = window[shift:]
        return self.src[first + min(shift, len(window)) + len(rest) - len(rest.lstrip(" ")) : last]


def cut_indent(chunk: str, indent: int) -> str:
    """Up to `indent` spaces cut from the start of each line of `chunk` (`_indent_of`). When no
    line but the first starts with fewer spaces than that (and some), every `\\n` and `indent`
    spaces become `\\n`: one replace instead of a regex pass trying every position."""
    if indent > 1 and _short_indent(indent).search(chunk):
        return _indent_of(indent).sub("", chunk)
    pad = " " * indent
    chunk = chunk.replace("\n" + pad, "\n")
    return chunk[indent:] if chunk.startswith(pad) else chunk.lstrip(" ")


@lru_cache(maxsize=64)
def _indent_of(columns: int) -> re.Pattern[str]:
    """Up to `columns` spaces at the start of each line."""
    return re.compile(f"^ {{1,{columns}}}", re.MULTILINE)


@lru_cache(maxsize=64)
def _tab_in_indent(columns: int) -> re.Pattern[str]:
    """A line that starts with fewer than `columns` spaces, then a tab: markdown-it's `getLines`
    expands such a tab (elsewhere, a tab after the indent is cut as it stands)."""
    return re.compile(f"\n {{0,{columns - 1}}}\t")


@lru_cache(maxsize=64)
def _short_indent(columns: int) -> re.Pattern[str]:
    """A line (not the first) that starts with 1 to `columns` - 1 spaces, then no space."""
    return re.compile(f"\n {{1,{columns - 1}}}(?! )")


def line_markers(
    src: str, lines: list[str] | None = None
) -> tuple[list[int], list[int], list[int], list[int]]:
    """(begin, end, indent in characters, indent in columns) of every line (`lines`, when given,
    are `src.split("\\n")`). As in markdown-it, a last line without a line break that holds only
    spaces and tabs is not a line."""
    begins: list[int] = []
    ends: list[int] = []
    shifts: list[int] = []
    counts: list[int] = []
    pieces = src.split("\n") if lines is None else lines
    if not pieces[-1].strip(" \t"):
        pieces = pieces[:-1]
    start = 0
    for piece in pieces:
        size = len(piece)
        indent = size - len(piece.lstrip(" \t"))
        begins.append(start)
        ends.append(start + size)
        shifts.append(indent)
        counts.append(_columns(piece[:indent]) if indent and "\t" in piece[:indent] else indent)
        start += size + 1
    return begins, ends, shifts, counts


def _columns(blank: str) -> int:
    columns = 0
    for char in blank:
        columns += TAB_STOP - columns % TAB_STOP if char == "\t" else 1
    return columns


SOURCE_LINES = "yfm_source_lines"  # env key: (text, text.split("\\n")) the caller already has


def block_rule(state: StateCore) -> None:
    """markdown-it's core `block` rule, on the indexed state."""
    if state.inlineMode or not state.src:
        from markdown_it.rules_core import block

        block(state)
        return
    known = state.env.get(SOURCE_LINES)  # (text, its lines) from `tokenize`
    lines = known[1] if known is not None and known[0] is state.src else None
    block_state = IndexedStateBlock(state.src, state.md, state.env, state.tokens, lines)
    state.md.block.tokenize(block_state, block_state.line, block_state.lineMax)


def normalize_rule(state: StateCore) -> None:
    """markdown-it's core `normalize` rule (line breaks to `\\n`, NUL to U+FFFD), whose two regex
    passes over the page change nothing when it holds neither `\\r` nor NUL (the usual page)."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def lines_plugin(md: MarkdownIt) -> None:
    md.core.ruler.at("normalize", normalize_rule)
    md.core.ruler.at("block", block_rule)
