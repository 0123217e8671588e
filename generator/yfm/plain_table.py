"""Plain YFM tables split in one pass over their text, their tokens pushed as they are found.

A table whose lines hold no directive, fence or nested table (most of them) needs none of the
line by line scanner's states (`tables.TableScan`): a cell is the text between two of its
boundaries (`||`, `|`, outside escapes and code spans), its lines those of its first and last
visible characters. The tokens are `tables.push_table`'s for the scanner's rows
(tests/test_yfm_fast_paths.py holds them equal on every corpus page and the edge cases).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it.rules_block import StateBlock

SPECIAL = re.compile(r"\\.|`+|\|\||\|")
NOT_PLAIN = ("{%", "```", "~~~", "#|")  # what needs the line by line scanner

Cell = tuple[int | None, int, str]  # first visible line (None: blank), last one, content


def dedent_cell(text: str) -> str:
    if "\n" not in text:
        return text
    lines = text.split("\n")
    indents = [len(x) - len(x.lstrip(" ")) for x in lines[1:] if x.strip()]
    cut = min(indents, default=0)
    return "\n".join([lines[0], *(x[cut:] for x in lines[1:])]) if cut else text


def plain_table_text(state: StateBlock, start: int, stop: int) -> str | None:
    """Lines `start`..`stop` (exclusive) as the line by line scan reads them (each line's indent
    cut, the opening `#|` removed, a line break after every line), when they are one unmoved
    piece of the source holding none of `NOT_PLAIN`; else None."""
    begins, ends = state.bMarks, state.eMarks
    if begins[start:stop] != getattr(state, "line_begins", ())[start:stop]:
        return None  # a blockquote moved the starts of the lines: not one piece of the source
    src = state.src
    opener = src[begins[start] : ends[start]]
    body = src[ends[start] + 1 : ends[stop - 1]] if stop > start + 1 else ""
    if "{%" in opener or any(mark in body for mark in NOT_PLAIN):
        return None
    base = state.sCount[start]
    first = opener[min(base, len(opener) - len(opener.lstrip(" "))) :].lstrip()[2:]
    if stop == start + 1:
        return first + "\n"
    if base:
        body = _spaces_up_to(base).sub("", body)
    return f"{first}\n{body}\n"


@lru_cache(maxsize=16)
def _spaces_up_to(columns: int) -> re.Pattern[str]:
    return re.compile(f"^ {{1,{columns}}}", re.MULTILINE)


def push_plain_table(state: StateBlock, start: int, stop: int, end: int, unclosed: bool) -> bool:
    """Push the tokens of the table on lines `start`..`stop` (its map ending at `end`) when it is
    plain (`plain_table_text`); False, pushing nothing, when it is not."""
    text = plain_table_text(state, start, stop)
    if text is None:
        return False
    opening = state.push("yfm_table_open", "table", 1)
    opening.map = [start, end]
    if unclosed:
        opening.meta["unclosed"] = True
    cells = _Cells(text, start)
    search, find = SPECIAL.search, text.find
    row: list[Cell] | None = None
    begin = i = 0
    while (match := search(text, i)) is not None:
        at, i = match.span()
        token = match.group()
        if token[0] == "`":
            close = find(token, i, find("\n", i))  # a code span ends on its line
            i = i if close < 0 else close + len(token)
        elif token == "||":
            if row is None:
                row = []
            else:
                cells.add(row, begin, at)
                _push_row(state, row, start)
                row = None
            begin = i
        elif token == "|" and row is not None:
            cells.add(row, begin, at)
            begin = i
    if row is not None:  # a last row left open before `|#` is still a row
        cells.add(row, begin, len(text))
        _push_row(state, row, start)
    state.push("yfm_table_close", "table", -1)
    return True


class _Cells:
    """Cells cut from a table's text, in order: the line of a position is counted on from the
    last one asked."""

    __slots__ = ("line", "position", "text")

    def __init__(self, text: str, line: int) -> None:
        self.text, self.position, self.line = text, 0, line

    def add(self, row: list[Cell], begin: int, end: int) -> None:
        """The cell between `begin` and `end`; one without a character (not even a line break)
        is no cell, as a cell the scanner fed nothing."""
        if begin == end:
            return
        text = self.text
        part = text[begin:end]
        visible = part.strip()
        if not visible:
            row.append((None, 0, ""))
            return
        position = begin + len(part) - len(part.lstrip())
        first = self.line = self.line + text.count("\n", self.position, position)
        if "\n" not in visible:
            self.position = position
            row.append((first, first, visible))
            return
        self.position = begin + len(part.rstrip()) - 1
        self.line += text.count("\n", position, self.position)
        row.append((first, self.line, dedent_cell(visible)))


def _push_row(state: StateBlock, cells: list[Cell], table_start: int) -> None:
    firsts = [first for first, _, _ in cells if first is not None]
    row_start = min(firsts) if firsts else table_start
    row_end = max([last for _, last, _ in cells]) if cells else row_start
    state.push("yfm_table_row_open", "tr", 1).map = [row_start, row_end + 1]
    for first, last, content in cells:
        token = state.push("yfm_table_cell", "td", 0)
        first = row_start if first is None else first
        token.map = [first, max(last, first) + 1]
        token.content = content
    state.push("yfm_table_row_close", "tr", -1)
