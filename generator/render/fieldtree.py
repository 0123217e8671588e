"""The one field tree: dotted docs field names (`data.FIELDS.ID`) as nested nodes, in docs order.

The example context (JS callback argument types, render/model.py) and the typed stubs
(render/stubs/tree.py) both build on it, so a field means the same thing in a tab and in a stub.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.spec.parts import Field

HOLE = "{}"  # a `{BOT_ID}` segment: the key of a map entry, not a field name
HOLE_SEGMENT = re.compile(r"^[/\\]?\{.*\}$")


@dataclass(slots=True)
class FieldNode:
    """One key of the tree; `doc` is the table row that documents it (None: only implied by a
    deeper name such as `data` in `data.ID`)."""

    key: str = ""
    doc: Field | None = None
    children: dict[str, FieldNode] = field(default_factory=dict)


def field_keys(name: str) -> list[str]:
    """`data.FIELDS.ID` → `data`, `FIELDS`, `ID`: blank segments dropped, a `{BOT_ID}` segment
    becomes the map-entry key `{}`."""
    parts = (part.strip() for part in name.split("."))
    return [HOLE if HOLE_SEGMENT.match(part) else part for part in parts if part]


def field_tree(fields: Sequence[Field], *, drop_brackets: bool = False) -> FieldNode:
    """The fields as a tree; the first row that names a key documents it. `drop_brackets` reads
    `items[].ID` as `items.ID` (the callback types mark arrays from the row's type instead)."""
    root = FieldNode()
    for declared in fields:
        node = root
        name = declared.name.replace("[]", "") if drop_brackets else declared.name
        for key in field_keys(name):
            node = node.children.setdefault(key, FieldNode(key))
        if node is not root and node.doc is None:
            node.doc = declared
    return root
