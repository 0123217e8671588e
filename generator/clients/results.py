"""Result types: the response example decides the shape, the fields table adds what it lacks.

What the portal returns is what the docs' example shows (ids as strings, maps keyed by id), so
example values win over the table's declared types; keys only the table names are optional.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.clients.inputs import ParamLike
from generator.clients.types import (
    ANY,
    DICT,
    CType,
    Member,
    Shape,
    docs_type,
    is_index_map,
    is_list_type,
    list_of,
    map_of,
    merge,
    scalar_of,
    shape_of,
)
from generator.render.casing import pascal, words
from generator.render.stubs.names import NameRegistry

TableMembers = Callable[[Sequence[ParamLike], str], tuple[tuple[Member, ...], bool]]


def payload_of(example: object) -> tuple[bool, object]:
    """(an example exists, the `result` value) of a response example: the envelope
    `{"result": ..., "time": ...}` is unwrapped; anything else is taken as the result itself."""
    if isinstance(example, dict) and "result" in example:
        return True, example["result"]
    return example is not None, example


class ResultBuilder:
    """Builds the result type from example values at one position and the matching table row."""

    def __init__(self, shapes: NameRegistry, table_members: TableMembers) -> None:
        self.shapes = shapes
        self.table_members = table_members

    def build(self, name: str, values: list[object], row: ParamLike | None) -> CType:
        present = [v for v in values if v is not None]
        if not present:
            return self._from_table(name, row)
        if all(isinstance(v, dict) for v in present):
            return self._objects(name, [v for v in present if isinstance(v, dict)], row)
        if all(isinstance(v, list) for v in present):
            items = [item for v in present if isinstance(v, list) for item in v]
            item_row = row if row is not None and row.children else None
            return list_of(self.build(name + "Item", items, item_row) if items else ANY)
        if any(isinstance(v, dict | list) for v in present):
            return ANY
        return merge([scalar_of(v) for v in present])

    def _from_table(self, name: str, row: ParamLike | None) -> CType:
        if row is None:
            return ANY
        declared, _ = docs_type(row.type)
        if not row.children:
            return declared
        members, open_shape = self.table_members(row.children, name)
        optional = tuple(_optional(m) for m in members)
        many = is_list_type(row.type)
        shape = Shape(self.shapes.claim(name + ("Item" if many else "")), optional, open_shape, "")
        return list_of(shape_of(shape)) if many else shape_of(shape)

    def _objects(self, name: str, objects: list[dict[str, object]], row: ParamLike | None) -> CType:
        if not any(objects):
            return DICT
        if all(is_index_map(o) for o in objects):
            values = [value for o in objects for value in o.values()]
            return map_of(self.build(name + "Item", values, row))
        shape_name = self.shapes.claim(name)
        rows = {child.name.strip(): child for child in (row.children if row else ())}
        keys = list(dict.fromkeys(str(key) for o in objects for key in o))
        members = [self._member(shape_name, key, objects, rows.get(key)) for key in keys]
        members += [
            self._table_only(shape_name, key, r) for key, r in rows.items() if key not in keys
        ]
        open_shape = row is not None and any(child.wildcard for child in row.children)
        description = row.description if row is not None else ""
        return shape_of(Shape(shape_name, tuple(members), open_shape, description))

    def _member(
        self, parent: str, key: str, objects: list[dict[str, object]], row: ParamLike | None
    ) -> Member:
        values = [o[key] for o in objects if key in o]
        ctype = self.build(parent + pascal(words(key)), values, row)
        required = len(values) == len(objects)
        nullable = any(v is None for v in values)
        return Member(key, key, ctype, required, nullable, row.description if row else "")

    def _table_only(self, parent: str, key: str, row: ParamLike) -> Member:
        ctype = self._from_table(parent + pascal(words(key)), row)
        return Member(key, key, ctype, False, docs_type(row.type)[1], row.description)


def _optional(member: Member) -> Member:
    return Member(member.key, member.name, member.type, False, member.nullable, member.description)
