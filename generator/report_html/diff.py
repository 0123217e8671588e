"""A unified diff as a side-by-side HTML table: the page's lines left, the template's right."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape

SIMILAR = 0.5  # below this ratio two paired lines are shown whole, without word marks
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")  # words, runs of space, single punctuation marks
HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: a line number and text per side (None: nothing on that side)."""

    kind: str  # "same" | "change" | "hunk"
    old_no: int | None
    old: str | None
    new_no: int | None
    new: str | None


def diff_rows(diff: str) -> list[Row]:
    """Rows of a unified diff, runs of removed lines paired with the added lines that follow."""
    rows: list[Row] = []
    removed: list[tuple[int, str]] = []
    added: list[tuple[int, str]] = []
    old_no = new_no = 0
    for line in diff.splitlines():
        if line.startswith(("---", "+++")) and not rows and not removed and not added:
            continue
        tag, text = line[:1], line[1:]
        if tag == "-":
            removed.append((old_no, text))
            old_no += 1
            continue
        if tag == "+":
            added.append((new_no, text))
            new_no += 1
            continue
        rows.extend(_paired(removed, added))
        removed, added = [], []
        hunk = HUNK.match(line)
        if hunk:
            old_no, new_no = int(hunk.group(1)), int(hunk.group(2))
            rows.append(Row("hunk", None, line, None, None))
        elif tag == " " or line == "":
            rows.append(Row("same", old_no, text, new_no, text))
            old_no += 1
            new_no += 1
    rows.extend(_paired(removed, added))
    return rows


def _paired(removed: list[tuple[int, str]], added: list[tuple[int, str]]) -> list[Row]:
    rows = []
    for index in range(max(len(removed), len(added))):
        old = removed[index] if index < len(removed) else (None, None)
        new = added[index] if index < len(added) else (None, None)
        rows.append(Row("change", old[0], old[1], new[0], new[1]))
    return rows


def highlight(old: str, new: str) -> tuple[str, str]:
    """Both lines escaped, the words (and punctuation) that differ wrapped in <mark>."""
    before, after = TOKEN.findall(old), TOKEN.findall(new)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    if matcher.ratio() < SIMILAR:  # a rewritten line: marking scattered words is noise
        return escape(old), escape(new)
    left: list[str] = []
    right: list[str] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = escape("".join(before[a1:a2])), escape("".join(after[b1:b2]))
        if tag == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f"<mark>{removed}</mark>")
        if added:
            right.append(f"<mark>{added}</mark>")
    return "".join(left), "".join(right)


def diff_table(diff: str, left_title: str, right_title: str) -> str:
    """The side-by-side table; every piece of text from the diff is escaped."""
    head = (
        '<table class="diff"><colgroup><col class="no"><col class="code"><col class="no">'
        '<col class="code"></colgroup><thead><tr>'
        f'<th colspan="2">{escape(left_title)}</th><th colspan="2">{escape(right_title)}</th>'
        "</tr></thead><tbody>"
    )
    return head + "".join(_row_html(row) for row in diff_rows(diff)) + "</tbody></table>"


def _row_html(row: Row) -> str:
    if row.kind == "hunk":
        return f'<tr class="hunk"><td colspan="4">{escape(row.old or "")}</td></tr>'
    if row.kind == "same":
        text = escape(row.old or "")
        return (
            f'<tr><td class="no">{row.old_no}</td><td class="same">{text}</td>'
            f'<td class="no">{row.new_no}</td><td class="same">{text}</td></tr>'
        )
    if row.old is not None and row.new is not None:
        old, new = highlight(row.old, row.new)
    else:
        old, new = escape(row.old or ""), escape(row.new or "")
    return (
        f'<tr><td class="no">{_number(row.old_no)}</td>'
        f'<td class="{"del" if row.old is not None else "empty"}">{old}</td>'
        f'<td class="no">{_number(row.new_no)}</td>'
        f'<td class="{"add" if row.new is not None else "empty"}">{new}</td></tr>'
    )


def _number(number: int | None) -> str:
    return "" if number is None else str(number)
