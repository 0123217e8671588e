"""The plain path (tests/yfm_plain): the table scanner as it was before its fast path. What did
not change (the rule around it, the patterns, the row and directive bookkeeping) is the tool's
own."""

from __future__ import annotations

from functools import partial

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from generator.yfm import tables
from generator.yfm.directives import FENCE_START, closes_fence
from generator.yfm.tables import SPECIAL, Cell, TableScan


class PlainTableScan(TableScan):
    """The scanner's line feed as it was: fences, nested tables and cell text one piece at a
    time."""

    __slots__ = ()

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

    def _continue_fence(self, text: str, line: int) -> int | None:
        if self.fence is None:
            return self._open_fence(text, line)
        stripped = text.lstrip()
        if closes_fence(stripped, self.fence):
            run = FENCE_START.match(stripped)
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
        run = FENCE_START.match(stripped) if stripped.startswith(("`", "~")) else None
        if run is None:
            return 0
        self.fence = run.group(0)
        self._append(text + "\n", line)
        return None

    def _append(self, text: str, line: int) -> None:
        if self.cell is not None:
            self.cell.add(text, line)


def plain_rows(state: StateBlock, start: int, stop: int) -> TableScan:
    """The table's lines fed to the plain scanner, each line's indent measured."""
    scan = PlainTableScan()
    base = state.sCount[start]
    for line in range(start, stop):
        text = state.src[state.bMarks[line] : state.eMarks[line]]
        text = text[min(base, len(text) - len(text.lstrip(" "))) :]
        if line == start:
            text = text.lstrip()[2:]
        scan.feed(text, line)
    scan.finish()
    return scan


table_rule = partial(tables.table_rule, scanner=plain_rows)


def tables_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before(
        "fence", "yfm_table", table_rule, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
