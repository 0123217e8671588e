"""Plain YFM tables split with string methods, their tokens pushed as they are found.

A table whose lines hold no directive, fence or nested table (most of them) needs none of the
line by line scanner's states (`tables.TableScan`): a cell is the text between two of its
boundaries (`||`, `|`, outside escapes and code spans), its lines those of its first and last
visible characters. The boundaries are found by `str.split` (a row at a time), on a copy of the
text whose pipes inside escapes and code spans are blanked when it has any. The tokens are
`tables.push_table`'s for the scanner's rows (tests/test_yfm_fast_paths.py and
tests/test_tables_fast_paths_2.py hold them equal on every corpus page and the edge cases).
"""

from __future__ import annotations

import re
from typing import Literal

from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from generator.yfm.lines import cut_indent

SPECIAL = re.compile(r"\\.|`+|\|\||\|")
# An escape or a code span (closed on its line by the same run of backticks), whole in group 1:
# what `SPECIAL`'s scan skips. Each branch starts with a literal, which lets the regex engine
# jump from one backslash or backtick to the next instead of trying every position.
SKIPPED = re.compile(r"(\\.|`(`*)(?:[^\n]*?`\2)?)")
NOT_PLAIN = ("{%", "```", "~~~", "#|")  # what needs the line by line scanner

_new_token = Token.__new__


def dedent_cell(text: str) -> str:
    if "\n " not in text:  # no line but the first starts with a space: nothing to cut
        return text
    lines = text.split("\n")
    indents = [len(x) - len(x.lstrip(" ")) for x in lines[1:] if x.strip()]
    cut = min(indents, default=0)
    return "\n".join([lines[0], *(x[cut:] for x in lines[1:])]) if cut else text


def plain_table_text(
    state: StateBlock, start: int, stop: int, no_fences: bool = False
) -> str | None:
    """Lines `start`..`stop` (exclusive) as the line by line scan reads them (each line's indent
    cut, the opening `#|` removed, a line break after every line), when they are one unmoved
    piece of the source holding none of `NOT_PLAIN`; else None. `no_fences`: the caller knows
    the lines after the first hold no fence marker nor `#|` (only `{%` is looked for)."""
    begins, ends = state.bMarks, state.eMarks
    if begins[start:stop] != getattr(state, "line_begins", ())[start:stop]:
        return None  # a blockquote moved the starts of the lines: not one piece of the source
    src = state.src
    opener = src[begins[start] : ends[start]]
    body = src[ends[start] + 1 : ends[stop - 1]] if stop > start + 1 else ""
    if "{%" in opener or ("{%" in body if no_fences else any(m in body for m in NOT_PLAIN)):
        return None
    base = state.sCount[start]
    first = opener[min(base, len(opener) - len(opener.lstrip(" "))) :].lstrip()[2:]
    if stop == start + 1:
        return first + "\n"
    if base:
        body = cut_indent(body, base)
    return f"{first}\n{body}\n"


def push_plain_table(
    state: StateBlock, start: int, stop: int, end: int, unclosed: bool, no_fences: bool = False
) -> bool:
    """Push the tokens of the table on lines `start`..`stop` (its map ending at `end`) when it is
    plain (`plain_table_text`); False, pushing nothing, when it is not."""
    text = plain_table_text(state, start, stop, no_fences)
    if text is None:
        return False
    opening = state.push("yfm_table_open", "table", 1)
    opening.map = [start, end]
    if unclosed:
        opening.meta["unclosed"] = True
    level, tokens = state.level, state.tokens
    line = start
    gaps, rows = split_rows(text)
    for index, cells in enumerate(rows):  # a last row left open before `|#` is still a row
        line = _push_row(tokens, cells, line + gaps[index].count("\n"), start, level)
    state.push("yfm_table_close", "table", -1)
    return True


def split_rows(text: str) -> tuple[list[str], list[list[str]]]:
    """The text cut at its row boundaries (`||` outside escapes and code spans): the texts
    between rows (the one before each row at its index), and each row's cells' texts (cut at
    its `|`s)."""
    masked = blank_skipped_pipes(text)
    pieces = masked.split("||")
    if masked is text:
        return pieces[0::2], [row.split("|") for row in pieces[1::2]]
    cut = _cut_like(text, pieces, 2)
    rows = [_cut_like(cut[i], pieces[i].split("|"), 1) for i in range(1, len(pieces), 2)]
    return cut[0::2], rows


def blank_skipped_pipes(text: str) -> str:
    """The text with each `|` inside an escape or a code span made a space (the text itself,
    the same object, when none is)."""
    if "`" not in text and "\\" not in text:
        return text
    if not any("|" in skipped for skipped, _ in SKIPPED.findall(text)):
        return text
    return SKIPPED.sub(_blank_pipes, text)


def _blank_pipes(match: re.Match[str]) -> str:
    return match.group().replace("|", " ")


def _cut_like(text: str, pieces: list[str], gap: int) -> list[str]:
    """`text` cut into pieces as long as `pieces`, `gap` characters apart."""
    cut: list[str] = []
    at = 0
    for piece in pieces:
        cut.append(text[at : at + len(piece)])
        at += len(piece) + gap
    return cut


def _push_row(
    tokens: list[Token], parts: list[str], line: int, table_start: int, level: int
) -> int:
    """Push a row whose cells' texts are `parts` (an empty one is no cell: the scanner fed it
    nothing), the first starting on `line`; the line the row's last part ends on is returned."""
    row = _token("yfm_table_row_open", "tr", 1, level)
    tokens.append(row)
    inner = level + 1
    row_start: int | None = None  # the first line of the first cell with visible text
    row_end = -1  # the last line of the last one; 0 with only blank cells, as `max` gave
    blanks: list[Token] = []
    for part in parts:
        if not part:
            continue
        cell = _new_token(Token)  # `_token`'s, inline: there is one a cell
        cell.type, cell.tag, cell.nesting, cell.level = "yfm_table_cell", "td", 0, inner
        cell.attrs, cell.children, cell.markup, cell.info = {}, None, "", ""
        cell.meta, cell.block, cell.hidden = {}, True, False
        tokens.append(cell)
        visible = part.strip()
        breaks = part.count("\n")
        if not visible:
            cell.content = ""
            blanks.append(cell)
            row_end = max(row_end, 0)
        else:
            first = line + part.count("\n", 0, len(part) - len(part.lstrip())) if breaks else line
            if breaks and "\n" in visible:
                row_end = first + visible.count("\n")
                cell.content = dedent_cell(visible)
            else:
                row_end = first
                cell.content = visible
            cell.map = [first, row_end + 1]
            if row_start is None:
                row_start = first
        line += breaks
    start = table_start if row_start is None else row_start
    for cell in blanks:
        cell.map = [start, start + 1]
    row.map = [start, (start if row_end < 0 else row_end) + 1]
    tokens.append(_token("yfm_table_row_close", "tr", -1, level))
    return line


def _token(ttype: str, tag: str, nesting: Literal[-1, 0, 1], level: int) -> Token:
    """The token `state.push` makes at `level` (tests/test_tables_fast_paths_2.py: the same)."""
    token = _new_token(Token)
    token.type, token.tag, token.nesting = ttype, tag, nesting
    token.attrs, token.map, token.children = {}, None, None
    token.content = token.markup = token.info = ""
    token.meta, token.block, token.hidden, token.level = {}, True, False, level
    return token
