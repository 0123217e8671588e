"""Parameter trees: a section's tables and their `{#anchor}` sub-tables as nested `Param`s.

The first table of a section gives the top level. A table under a later heading belongs to every
row whose description links to the heading's anchor (`описана [ниже](#fields)`); failing that,
to the row named by the heading's last word (`Параметр fields`, `Объект result`). A table that
finds no owner is kept at the top level and reported (W-PARAM-TABLE-ORPHAN).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.extract.method_rows import ParamRow, read_param_row, split_header, table_cells
from generator.extract.text import ANCHOR_LINK
from generator.includes import Located
from generator.pages.model import Node, inline_text, line_of
from generator.spec.method import Param

MAX_DEPTH = 8
FORM_HEADING = re.compile(r"^\d+[.)]\s|^(?:вариант|способ|option|variant)\b", re.I)
VALUES_HEADING = re.compile(r"^(?:возможные\s+)?значения\b|^(?:possible\s+)?values\b", re.I)
HEADING_WORDS = frozenset(
    {
        "parameter",
        "parameters",
        "field",
        "fields",
        "element",
        "array",
        "item",
        "object",
        "key",
        "type",
        "structure",
        "параметр",
        "параметры",
        "поле",
        "поля",
        "элемент",
        "массива",
        "объект",
        "тип",
        "структура",
        "описание",
    }
)


@dataclass(eq=False)
class _Node:
    row: ParamRow
    anchor: str | None
    children: list[_Node] = field(default_factory=list)


@dataclass
class ParamTree:
    """Fed a section's nodes in document order; `params()` freezes the tree."""

    roots: list[_Node] = field(default_factory=list)
    orphans: list[tuple[int, str]] = field(default_factory=list)
    rows_without_type: list[tuple[int, str]] = field(default_factory=list)
    _all: list[_Node] = field(default_factory=list)
    _heading: Node | None = None
    _anchor: str | None = None
    _placed: list[_Node] | None = None  # where the last table went, while no heading intervenes
    forms: int = 0  # top-level tables under `1. Через …`-style headings: alternative call forms
    defaults: bool = True  # whether rows are searched for their default values

    def visit(self, located: Located) -> None:
        node = located.node
        if node.type == "heading" and node.tag not in ("h1", "h2"):
            self._heading, self._placed = node, None
            anchor = node.attrs.get("id")
            self._anchor = str(anchor) if anchor is not None else None
        elif node.type == "yfm_table":
            line = located.host_line if located.included else None
            self._add_table(node, line)

    def params(self) -> list[Param]:
        """With alternative call forms, a key is required only within its form: none is marked
        required in the merged top level (vote.attachedvote.get: id, or module + entity, or a
        signed id)."""
        frozen = [_freeze(n, "", 0, frozenset()) for n in self.roots]
        if self.forms < 2:
            return frozen
        return [replace(p, required=False) for p in frozen]

    def _add_table(self, node: Node, host_line: int | None) -> None:
        if self._heading is not None and VALUES_HEADING.search(inline_text(self._heading)):
            return  # `Возможные значения ключа TYPE`: values of a key, not keys
        _, body = split_header(table_cells(node))
        rows = [r for r in (read_param_row(c, self.defaults) for c in body) if r is not None]
        if host_line is not None:
            rows = [replace(r, line=host_line) for r in rows]
        if not rows:
            return
        owners = self._placed if self._placed is not None else self._owners() if self.roots else []
        title = inline_text(self._heading) if self._heading else ""
        form = not owners and FORM_HEADING.match(title) is not None
        self.forms += form
        if self.roots and not owners and self._placed is None and not form:
            self.orphans.append((line_of(node), title))
        fresh = [_Node(row, self._anchor if owners else None) for row in rows]
        self.rows_without_type.extend((r.line, r.name) for r in rows if r.type is None)
        if not owners:
            self.roots.extend(fresh)
        for owner in owners:
            children = [n for n in fresh if n.row.name.casefold() != owner.row.name.casefold()]
            owner.children.extend(c for c in children if c not in owner.children)
        self._all.extend(fresh)
        self._placed = owners

    def _owners(self) -> list[_Node]:
        if self._anchor:
            linked = [
                n for n in self._all if self._anchor in ANCHOR_LINK.findall(n.row.description)
            ]
            if linked:
                return linked
            typed = [n for n in self._all if _type_names(n.row.type, self._anchor)]
            if typed:  # `data` typed [`section[]`](#section) owns the table under {#section}
                return typed
        title = inline_text(self._heading) if self._heading else ""
        for subject in heading_subjects(title):
            named = [n for n in reversed(self._all) if n.row.name.casefold() == subject.casefold()]
            if named:
                return named[:1]
        return []


def _type_names(docs_type: str | None, anchor: str) -> bool:
    return docs_type is not None and docs_type.removesuffix("[]").casefold() == anchor.casefold()


def heading_subjects(title: str) -> list[str]:
    """The keys a sub-table heading may name, most likely first: its identifiers from the last,
    words like `fields` or `Parameter` after the others (`Parameter fields`, `Объект result`)."""
    text = re.sub(r"\{#[^}]*\}", "", title).replace("[]", "").replace("/{", "{").replace("/}", "}")
    words = [w.strip("`*:,.()") for w in text.split()]
    names = [
        w.rsplit(".", 1)[-1] for w in reversed(words) if re.fullmatch(r"\{?[A-Za-z_][\w.]*\}?", w)
    ]
    return [w for w in names if w.casefold() not in HEADING_WORDS] + [
        w for w in names if w.casefold() in HEADING_WORDS
    ]


def _freeze(node: _Node, prefix: str, depth: int, stack: frozenset[int]) -> Param:
    path = f"{prefix}.{node.row.name}" if prefix else node.row.name
    inner = stack | {id(node)}
    children = (
        [_freeze(c, path, depth + 1, inner) for c in node.children if id(c) not in inner]
        if depth < MAX_DEPTH
        else []
    )
    row = node.row
    return Param(
        name=row.name,
        path=path,
        type=row.type,
        required=row.required,
        default=row.default,
        description=row.description,
        anchor=node.anchor,
        line=row.line,
        wildcard=row.wildcard,
        children=children,
    )


def walk_params(params: list[Param]) -> list[Param]:
    """Every param of a tree, depth first."""
    found: list[Param] = []
    for param in params:
        found.append(param)
        found.extend(walk_params(param.children))
    return found
