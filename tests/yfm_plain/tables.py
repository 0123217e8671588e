"""The plain path (tests/yfm_plain).

YFM multiline tables: `#|` … `|#` with `|| … ||` rows and `|` cells.

The table is split into rows and cells before any fence parsing, so a fence inside a cell (even the
malformed ```` ``` || ```` closing the corpus has) cannot swallow the rest of the page. Cells keep their
raw Markdown (escaped `\\|` included) as token `content`; every row and cell token carries its `map`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from tests.yfm_plain.directives import (
    closes_fence,
    lines_outside_fences,
    parse_directive,
    starts_with,
)

FENCE_RUN = re.compile(r"`{3,}|~{3,}")
SPECIAL = re.compile(r"\\.|`+|\|\||\|")
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
        return dedent_cell("".join(self.parts).strip("\n").strip())


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
        if self.fence is None and self._nested_line(text, line):
            return
        if self.fence is None and "{%" in text and self._directive(text.strip()):
            return
        i = self._continue_fence(text, line)
        if i is None:
            return
        self._scan(text, i, line)
        if self.cell is not None:
            self.cell.add("\n", line)

    def _nested_line(self, text: str, line: int) -> bool:
        """A table nested in a cell (Diplodoc renders it there) is that cell's text."""
        if self.cell is None:
            return False
        stripped = text.lstrip()
        if not (self.nested or stripped.startswith("#|")):
            return False
        if stripped.startswith("#|"):
            self.nested += 1
        elif stripped.startswith("|#"):
            self.nested -= 1
        self._append(text + "\n", line)
        return True

    def _scan(self, text: str, i: int, line: int) -> None:
        """Split on `||` and `|`, skipping escapes and code spans; plain runs are copied whole."""
        while i < len(text):
            match = SPECIAL.search(text, i)
            if match is None:
                self._append(text[i:], line)
                return
            if match.start() > i:
                self._append(text[i : match.start()], line)
            token = match.group()
            i = match.end()
            if token[0] == "\\":
                self._append(token, line)
            elif token[0] == "`":
                close = text.find(token, i)
                end = i if close < 0 else close + len(token)
                self._append(text[match.start() : end], line)
                i = end
            elif token == "||":
                self._row_boundary()
            elif self.row is not None:
                self._close_cell()
                self.cell = Cell()
            else:
                self._append(token, line)

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

    def _continue_fence(self, text: str, line: int) -> int | None:
        if self.fence is None:
            return self._open_fence(text, line)
        stripped = text.lstrip()
        if closes_fence(stripped, self.fence):
            run = FENCE_RUN.match(stripped)
            end = len(text) - len(stripped) + (run.end() if run else len(self.fence))
            self._append(text[:end], line)
            self.fence = None
            return end
        self._append(text + "\n", line)
        return None

    def _open_fence(self, text: str, line: int) -> int | None:
        """None when a fence opens on this line (inside a cell: nowhere else), else 0."""
        if self.cell is None:
            return 0
        stripped = text.lstrip()
        run = FENCE_RUN.match(stripped) if stripped.startswith(("`", "~")) else None
        if run is None:
            return 0
        self.fence = run.group(0)
        self._append(text + "\n", line)
        return None

    def finish(self) -> None:
        """A last row left open before `|#` is still a row: Diplodoc renders it."""
        if self.row is not None and self.fence is None:
            self._row_boundary()

    def _append(self, text: str, line: int) -> None:
        if self.cell is not None:
            self.cell.add(text, line)

    def _close_cell(self) -> None:
        if self.row is not None and self.cell is not None:
            self.row.append(self.cell)
        self.cell = None


def dedent_cell(text: str) -> str:
    lines = text.split("\n")
    indents = [len(x) - len(x.lstrip(" ")) for x in lines[1:] if x.strip()]
    cut = min(indents, default=0)
    return "\n".join([lines[0], *(x[cut:] for x in lines[1:])]) if cut else text


def find_table_end(state: StateBlock, start: int, end: int) -> int | None:
    depth = 0
    for line, text in lines_outside_fences(state, start, end, ("#|", "|#")):
        if text.startswith("#|") and line != start:
            depth += 1
        elif text.startswith("|#"):
            if depth == 0:
                return line
            depth -= 1
    return None


def table_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if not starts_with(state, start, "#|") or state.is_code_block(start):
        return False
    if silent:
        return True
    close = find_table_end(state, start, end)
    last = end - 1 if close is None else close
    scan = TableScan()
    base = state.sCount[start]
    for line in range(start, last + (1 if close is None else 0)):
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        text = text[min(base, len(text) - len(text.lstrip(" "))) :]
        if line == start:
            text = text.lstrip()[2:]
        scan.feed(text, line)
    scan.finish()
    push_table(state, scan, start, last + 1, unclosed=close is None)
    state.line = last + 1
    return True


def push_table(state: StateBlock, scan: TableScan, start: int, end: int, unclosed: bool) -> None:
    opening = state.push("yfm_table_open", "table", 1)
    opening.map = [start, end]
    opening.block = True
    if unclosed:
        opening.meta["unclosed"] = True
    for index, row in enumerate(scan.rows):
        cells = [cell for cell in row if cell.first_line is not None or cell.parts]
        row_start = min((c.first_line for c in cells if c.first_line is not None), default=start)
        row_end = max((c.last_line for c in cells), default=row_start)
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
