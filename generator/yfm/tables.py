"""YFM multiline tables: `#|` … `|#` with `|| … ||` rows and `|` cells.

The table is split into rows and cells before any fence parsing, so a fence inside a cell (even the
malformed ```` ``` || ```` closing the corpus has) cannot swallow the rest of the page. Cells keep their
raw Markdown (escaped `\\|` included) as token `content`; every row and cell token carries its `map`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from generator.yfm.directives import (
    FENCE_CHARS,
    FENCE_START,
    closes_fence,
    lines_outside_fences,
    parse_directive,
    starts_with,
)
from generator.yfm.plain_table import SPECIAL, dedent_cell, push_plain_table

DEV_CONDITION = re.compile(r"build\s*==\s*['\"]dev['\"]")


@dataclass(slots=True)
class Cell:
    parts: list[str] = field(default_factory=list)
    first_line: int | None = None
    last_line: int = 0

    def add(self, text: str, line: int) -> None:
        if text.strip():
            if self.first_line is None:
                self.first_line = line
            self.last_line = line
        self.parts.append(text)

    @property
    def content(self) -> str:
        return dedent_cell("".join(self.parts).strip())


@dataclass(slots=True)
class TableScan:
    """Row/cell splitter fed one line at a time."""

    rows: list[list[Cell]] = field(default_factory=list)
    dev_rows: set[int] = field(default_factory=set)  # rows inside `{% if build == 'dev' %}`
    dev_depth: list[bool] = field(default_factory=list)
    row: list[Cell] | None = None
    cell: Cell | None = None
    fence: str | None = None
    nested: int = 0  # depth of `#|` tables inside the current cell: their lines are cell text

    def feed(self, text: str, line: int) -> None:
        cell = self.cell
        if self.fence is not None:
            start = self._close_fence(text, line)
            if start is None:
                return
        elif cell is None:
            if "{%" in text and self._directive(text.strip()):
                return
            start = 0
        else:
            stripped = text.lstrip()
            if self.nested or stripped.startswith("#|"):  # a table nested in a cell is its text
                if stripped.startswith("#|"):
                    self.nested += 1
                elif stripped.startswith("|#"):
                    self.nested -= 1
                cell.add(text + "\n", line)
                return
            if "{%" in text and self._directive(text.strip()):
                return
            if stripped.startswith(FENCE_CHARS) and (run := FENCE_START.match(stripped)):
                self.fence = run.group(0)  # a fence opens (inside a cell: nowhere else)
                cell.add(text + "\n", line)
                return
            start = 0
        self._scan(text, start, line)

    def _scan(self, text: str, i: int, line: int) -> None:
        """Split on `||` and `|`, skipping escapes and code spans: the text between two cell
        boundaries is the cell's as written (from `i`, or from 0 after a fence's closing marker,
        which the cell holds too), and the line break goes to the cell open at the end."""
        search = SPECIAL.search
        begin = 0
        while (match := search(text, i)) is not None:
            start, i = match.span()
            token = match.group()
            if token[0] == "`":
                close = text.find(token, i)
                i = i if close < 0 else close + len(token)
            elif token == "||" or (token == "|" and self.row is not None):
                if start > begin and self.cell is not None:
                    self.cell.add(text[begin:start], line)
                if token == "||":
                    self._row_boundary()
                else:
                    self._close_cell()
                    self.cell = Cell()
                begin = i
        if self.cell is not None:
            self.cell.add(text[begin:] + "\n", line)

    def _row_boundary(self) -> None:
        if self.row is None:
            self.row, self.cell = [], Cell()
            if any(self.dev_depth):
                self.dev_rows.add(len(self.rows))
        else:
            self._close_cell()
            self.rows.append(self.row)
            self.row, self.cell = None, None

    def _directive(self, text: str) -> bool:
        """`{% if %}` / `{% else %}` / `{% endif %}` lines between rows: track dev-only rows."""
        directive = parse_directive(text)
        if directive is None or directive.name not in ("if", "else", "endif"):
            return False
        if directive.name == "if":
            self.dev_depth.append(DEV_CONDITION.search(directive.args) is not None)
        elif directive.name == "else" and self.dev_depth:
            self.dev_depth[-1] = False
        elif directive.name == "endif" and self.dev_depth:
            self.dev_depth.pop()
        return True

    def _close_fence(self, text: str, line: int) -> int | None:
        """Where the cell's text goes on after the fence's closing marker (None: still inside)."""
        fence = self.fence
        assert fence is not None
        stripped = text.lstrip()
        if closes_fence(stripped, fence):
            run = FENCE_START.match(stripped)
            self.fence = None
            return len(text) - len(stripped) + (run.end() if run else len(fence))
        if self.cell is not None:
            self.cell.add(text + "\n", line)
        return None

    def finish(self) -> None:
        """A last row left open before `|#` is still a row: Diplodoc renders it."""
        if self.row is not None and self.fence is None:
            self._row_boundary()

    def _close_cell(self) -> None:
        if self.row is not None and self.cell is not None:
            self.row.append(self.cell)
        self.cell = None


def find_table_end(state: StateBlock, start: int, end: int) -> int | None:
    """The line of the `|#` closing the table opened on `start` (nested tables and fenced code
    skipped), None when none does before `end`."""
    depth = 0
    for line, text in lines_outside_fences(state, start, end, ("#|", "|#")):
        if text.startswith("#|") and line != start:
            depth += 1
        elif text.startswith("|#"):
            if depth == 0:
                return line
            depth -= 1
    return None


def close_before_fences(state: StateBlock, start: int, end: int) -> int | None:
    """The line of the first `|#` after the line `start` when it begins that line's text (before
    `end`) and no fence or `#|` comes between: `find_table_end`'s answer, found by string
    searches (None: ask `find_table_end`)."""
    src, after = state.src, state.eMarks[start]
    close = src.find("|#", after)
    if close < 0 or src.find("#|", after, close) >= 0:
        return None
    if src.find("```", after, close) >= 0 or src.find("~~~", after, close) >= 0:
        return None
    line = bisect_right(state.bMarks, close) - 1
    if line < end and state.bMarks[line] + state.tShift[line] == close:
        return line
    return None


Scanner = Callable[[StateBlock, int, int], "TableScan"]  # the table's lines → rows and cells


def table_rule(
    state: StateBlock, start: int, end: int, silent: bool, *, scanner: Scanner | None = None
) -> bool:
    """`scanner` (tests only) splits the table's lines into rows and cells; by default a plain
    table is split and pushed by `push_plain_table`, any other by `scan_rows`."""
    if not starts_with(state, start, "#|") or state.is_code_block(start):
        return False
    if silent:
        return True
    close = close_before_fences(state, start, end)
    clean = close is not None  # no fence, no nested table: `push_plain_table` need not look
    if close is None:
        close = find_table_end(state, start, end)
    last = end - 1 if close is None else close
    stop = last + (1 if close is None else 0)
    unclosed = close is None
    if scanner is not None or not push_plain_table(state, start, stop, last + 1, unclosed, clean):
        scan = (scanner or scan_rows)(state, start, stop)
        push_table(state, scan, start, last + 1, unclosed=unclosed)
    state.line = last + 1
    return True


def scan_rows(state: StateBlock, start: int, stop: int) -> TableScan:
    """Lines `start`..`stop` (exclusive) fed to a TableScan, the table's indent cut."""
    scan = TableScan()
    base = state.sCount[start]
    pad = " " * base
    src, begins, ends = state.src, state.bMarks, state.eMarks
    for line in range(start, stop):
        text = src[begins[line] : ends[line]]
        # the usual line has the table's own indent: cut at once, not measured
        cut = base if text.startswith(pad) else min(base, len(text) - len(text.lstrip(" ")))
        text = text[cut:]
        if line == start:
            text = text.lstrip()[2:]
        scan.feed(text, line)
    scan.finish()
    return scan


def push_table(state: StateBlock, scan: TableScan, start: int, end: int, unclosed: bool) -> None:
    opening = state.push("yfm_table_open", "table", 1)
    opening.map = [start, end]
    opening.block = True
    if unclosed:
        opening.meta["unclosed"] = True
    for index, row in enumerate(scan.rows):
        cells = [cell for cell in row if cell.first_line is not None or cell.parts]
        firsts = [c.first_line for c in cells if c.first_line is not None]
        row_start = min(firsts) if firsts else start
        row_end = max([c.last_line for c in cells]) if cells else row_start
        row_open = state.push("yfm_table_row_open", "tr", 1)
        row_open.map = [row_start, row_end + 1]
        if index in scan.dev_rows:
            row_open.meta["dev_only"] = True
        for cell in cells:
            token = state.push("yfm_table_cell", "td", 0)
            first = cell.first_line if cell.first_line is not None else row_start
            token.map = [first, max(cell.last_line, first) + 1]
            token.content = cell.content
        state.push("yfm_table_row_close", "tr", -1)
    state.push("yfm_table_close", "table", -1)


def tables_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before(
        "fence", "yfm_table", table_rule, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
