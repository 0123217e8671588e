"""Byte-faithful page edits: replace a fence body, replace or insert lines, keep everything else.

Edits address 1-based lines of the page as markdown-it counts them (CRLF, CR and LF each end a line).
New lines take the page's own line ending; the final-newline state of the file is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.source import BOM, SourceText, split_lines_keepends


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace lines `start..end` (1-based, inclusive) with `lines`; `end = start - 1` inserts."""

    start: int
    end: int
    lines: tuple[str, ...]  # without line endings


def newline_of(text: str) -> str:
    for candidate in ("\r\n", "\n", "\r"):
        index = text.find(candidate)
        if index >= 0 and (candidate != "\n" or text[index - 1 : index] != "\r"):
            return candidate
    return "\n"


def fence_body_edit(page_lines: list[str], opener_line: int, closer_line: int, code: str) -> Edit:
    """Replace the body of the fence whose opening/closing lines are given (1-based) with `code`,
    indented like the opening line (its very spaces and tabs); blank lines stay empty."""
    opener = page_lines[opener_line - 1]
    indent = opener[: len(opener) - len(opener.lstrip(" \t"))]
    return Edit(opener_line + 1, closer_line - 1, tuple(indent_lines(code, indent)))


def indent_lines(code: str, indent: str) -> list[str]:
    body = code[:-1] if code.endswith("\n") else code
    # "" is no lines; "\n" is one empty line (so what is written reads back as the same code)
    return [indent + line if line.strip() else "" for line in body.split("\n")] if code else []


def apply_edits(source: SourceText, edits: list[Edit]) -> bytes:
    """The page with the edits applied; bytes outside the edited line ranges are untouched."""
    text = source.text
    lines = split_lines_keepends(text)
    page_newline = newline_of(text)
    ends_with_newline = bool(lines) and lines[-1].endswith(("\n", "\r"))
    for edit in sorted(edits, reverse=True):
        _check_bounds(edit, len(lines))
        newline = _seam_safe(lines, edit, page_newline)
        replacement = [line + newline for line in edit.lines]
        touches_end = edit.end == len(lines) or edit.start == len(lines) + 1
        if touches_end and not ends_with_newline and replacement:
            if edit.start == len(lines) + 1 and lines:
                lines[-1] += newline  # appending after a last line that had no line ending
            replacement[-1] = replacement[-1][: -len(newline)]
        lines[edit.start - 1 : edit.end] = replacement
    result = "".join(lines)
    if source.has_bom and not result.startswith(BOM):
        result = BOM + result
    return result.encode("utf-8")


def _seam_safe(lines: list[str], edit: Edit, newline: str) -> str:
    """The page's line ending, unless the new lines would fuse with their neighbours on a page with
    mixed endings: a lone CR before an inserted LF (or an inserted CR before a line that is a lone
    LF) reads as one CRLF, and a line would vanish. CRLF itself never fuses."""
    before = lines[edit.start - 2] if edit.start >= 2 else ""
    after = lines[edit.end] if edit.end < len(lines) else ""
    fuses_before = before.endswith("\r") and newline.startswith("\n")
    fuses_after = newline.endswith("\r") and after.startswith("\n")
    return "\r\n" if fuses_before or fuses_after else newline


def _check_bounds(edit: Edit, line_count: int) -> None:
    if not (1 <= edit.start <= line_count + 1 and edit.start - 1 <= edit.end <= line_count):
        raise ValueError(f"edit {edit.start}..{edit.end} outside the page (1..{line_count})")
