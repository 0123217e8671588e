"""Parameter tables (`#| … |#`) flattened into typed fields with dotted names.

A sub-table under a `{#anchor}` heading takes as prefix the field whose description links to that
anchor (`Структура описана [ниже](#fields)`); failing that, the field named like the heading's last
word. A row named like its own prefix (a table describing one field) refines that field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.extract.payload_home import home_of
from generator.extract.text import ANCHOR_LINK, BACKTICKED, BOLD_NAME, collapse, unescape
from generator.includes import Located
from generator.pages.model import Node, inline_text
from generator.spec.parts import Field


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    type: str | None
    required: bool
    description: str
    line: int
    extra: dict[str, str]


@dataclass
class FieldCollector:
    """Turns a run of headings and tables (in document order) into dotted fields."""

    fields: list[Field] = field(default_factory=list)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)
    _anchor_owner: dict[str, str] = field(default_factory=dict)
    payload: object = None  # the page's payload example: homes tables no heading places
    _prefix: str = ""
    _anchor: str | None = None

    def start_section(self) -> None:
        self._prefix, self._anchor = "", None

    def visit(self, located: Located) -> None:
        node = located.node
        if node.type == "heading" and node.tag != "h2":
            self._enter_heading(node)
        elif node.type == "yfm_table":
            self._add_table(node, located.page.path if located.included else None, located)

    def fits(self, nodes: list[Node]) -> bool:
        """Whether a table among the nodes lists keys of one payload object below the root."""
        for node in nodes:
            if node.type == "yfm_table":
                rows = [parse_row(cells, []) for cells in table_rows(node)[1:]]
                if home_of([r.name for r in rows if r is not None], self.payload):
                    return True
        return False

    def _enter_heading(self, node: Node) -> None:
        anchor = node.attrs.get("id")
        self._anchor = str(anchor) if anchor is not None else None
        title = inline_text(node)
        owner = self._anchor_owner.get(self._anchor or "")
        if owner is None:
            owner = self._owner_by_title(title) or _subject(title)
        elif (word := _subject(title)) and word.casefold() != owner.rsplit(".", 1)[-1].casefold():
            owner = f"{owner}.{word}"  # `data` links both `#connector` and `#chat`
        self._prefix = owner or ""

    def _owner_by_title(self, title: str) -> str | None:
        words = title.replace("[]", "").replace("/{", "{").replace("/}", "}").split()
        if not words:
            return None
        last = words[-1].strip("`").casefold()
        for known in reversed(self.fields):
            if known.name.rsplit(".", 1)[-1].casefold() == last:
                return known.name
        return None

    def _add_table(self, node: Node, included_from: str | None, located: Located) -> None:
        rows = table_rows(node)
        if not rows:
            return
        header, body = rows[0], rows[1:]
        extra_headers = [_header_title(cell) for cell, _ in header[2:]]
        if extra_headers:
            self.warnings.append(
                (_row_line(header), "W-TABLE-COLUMNS", f"table has {len(header)} columns")
            )
        prefix = self._prefix or ("auth" if included_from and "auth" in included_from else "")
        parsed = [parse_row(cells, extra_headers) for cells in body]
        read = [row for row in parsed if row is not None]
        if not prefix:
            prefix = home_of([r.name for r in read], self.payload) or ""
        for row in read:
            if located.included:
                row = Row(
                    row.name, row.type, row.required, row.description, located.host_line, row.extra
                )
            if row.type is None:
                self.warnings.append(
                    (row.line, "W-FIELD-NO-TYPE", f"field `{row.name}` has no type")
                )
            self._add_row(row, prefix)

    def _add_row(self, row: Row, prefix: str) -> None:
        # exact case: `DATA` under `### Параметр data` is the array inside `data`, not `data` again
        if prefix and row.name == prefix.rsplit(".", 1)[-1]:
            name = prefix
        elif prefix and not row.name.startswith(prefix + "."):
            name = f"{prefix}.{row.name}"
        else:
            name = row.name
        for anchor in ANCHOR_LINK.findall(row.description):
            self._anchor_owner.setdefault(anchor, name)
        if any(f.name == name for f in self.fields):
            return
        self.fields.append(
            Field(
                name,
                row.type,
                row.required,
                row.description,
                self._anchor if prefix else None,
                row.line,
                row.extra,
            )
        )


HEADING_WORDS = {
    "Parameter",
    "Parameters",
    "Field",
    "Fields",
    "Element",
    "Array",
    "Item",
    "Object",
    "Key",
}


def _subject(title: str) -> str | None:
    """The field a sub-table heading names (`Параметр FIELDS`, `additionalParams Parameter`)."""
    words = title.replace("[]", "").replace("/{", "{").replace("/}", "}").split()
    names = [w.strip("`") for w in words if re.fullmatch(r"`?\{?[A-Za-z_]\w*\}?`?", w)]
    names = [w for w in names if w not in HEADING_WORDS]
    return names[-1] if names else None


def table_rows(node: Node) -> list[list[tuple[str, int]]]:
    rows = []
    for row in node.children:
        if row.meta.get("dev_only"):
            continue  # a production build does not show it
        cells = [(cell.content, cell.map[0] + 1 if cell.map else 0) for cell in row.children]
        if cells:
            rows.append(cells)
    return rows


def parse_row(cells: list[tuple[str, int]], extra_headers: list[str]) -> Row | None:
    if len(cells) < 2:
        return None
    name_cell, line = cells[0]
    first, _, rest = name_cell.strip().partition("\n")
    match = BOLD_NAME.match(first.strip())
    if match is None:
        return None
    # `/{BOT_ID/}` is YFM's escaped `{BOT_ID}`: a map keyed by the bot's id
    name = (
        unescape(match["name"]).strip("`").replace("[]", "").replace("/{", "{").replace("/}", "}")
    )
    name = name.strip()
    required = bool(match["star"]) or first.strip().endswith("***")
    type_text = first[match.end() :] + " " + rest
    types = [t.strip() for t in BACKTICKED.findall(type_text.replace("\\|", "|"))]
    type_name = "|".join(types) if types else None
    extra = {h: collapse(c) for h, (c, _) in zip(extra_headers, cells[2:], strict=False)}
    return Row(name, type_name, required, collapse(cells[1][0]), line, extra)


def _header_title(cell: str) -> str:
    return cell.strip().strip("*").strip().casefold()


def _row_line(cells: list[tuple[str, int]]) -> int:
    return cells[0][1]
