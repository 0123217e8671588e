"""The stubs' field tree: dotted docs field names → nested object models, typed against examples."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from generator.render.fieldtree import HOLE, FieldNode
from generator.render.stubs.names import NameRegistry, pascal, safe_identifier, words
from generator.render.stubs.types import (
    FieldModel,
    ObjectModel,
    TypeRef,
    is_explicit_list,
    list_of,
    map_of,
    obj_of,
    parse_docs_type,
    widen,
)
from generator.spec.parts import Field


class ObjectBuilder:
    """Turns a field tree into ObjectModels (nested first), checking types against the examples."""

    def __init__(self, base: str, names: NameRegistry, examples: list[object]) -> None:
        self.base = base
        self.names = names
        self.examples = examples
        self.objects: list[ObjectModel] = []

    def build(
        self, node: FieldNode, name: str, description: str, path: tuple[str, ...] = ()
    ) -> ObjectModel:
        taken: set[str] = set()
        members = [child for key, child in node.children.items() if key != HOLE]
        fields = tuple(self._field(child, (*path, child.key), taken) for child in members)
        model = ObjectModel(name, ".".join(path), description, fields)
        self.objects.append(model)
        return model

    def _field(self, node: FieldNode, path: tuple[str, ...], taken: set[str]) -> FieldModel:
        evidence = _evidence(self.examples, path)
        ref = self._type(node, path, evidence)
        description = node.doc.description if node.doc else ""
        attr = safe_identifier(node.key, taken)
        return FieldModel(node.key, attr, ref, _required(node.doc, ref, evidence), description)

    def _type(self, node: FieldNode, path: tuple[str, ...], evidence: list[_Seen]) -> TypeRef:
        raw = node.doc.type if node.doc else None
        if any(key != HOLE for key in node.children):
            many = is_explicit_list(raw) or _seen_list(evidence)
            name = self.names.claim(self._class_name(path, many))
            description = node.doc.description if node.doc else ""
            ref = obj_of(self.build(node, name, description, path))
            return list_of(ref) if many else ref
        if HOLE in node.children:
            entry = (*path, HOLE)
            return map_of(self._type(node.children[HOLE], entry, _evidence(self.examples, entry)))
        return widen(parse_docs_type(raw)[0], [v for present, v in evidence if present])

    def _class_name(self, path: tuple[str, ...], item: bool) -> str:
        parts = [w for seg in path for w in (["Item"] if seg == HOLE else words(seg))]
        return self.base + pascal(parts) + ("Item" if item else "")


_Seen = tuple[bool, object]  # (key present, value) in one example object


def _evidence(examples: Sequence[object], path: tuple[str, ...]) -> list[_Seen]:
    """What the examples hold at `path`: one entry per example object holding its parent."""
    parents: list[object] = list(examples)
    for part in path[:-1]:
        parents = [child for parent in _objects(parents) for child in _children(parent, part)]
    if path[-1] == HOLE:
        return [(True, value) for parent in _objects(parents) for value in parent.values()]
    return [(path[-1] in parent, parent.get(path[-1])) for parent in _objects(parents)]


def _objects(values: Iterable[object]) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for value in values:
        if isinstance(value, dict):
            found.append(value)
        elif isinstance(value, list):
            found.extend(item for item in value if isinstance(item, dict))
    return found


def _children(parent: dict[str, object], part: str) -> list[object]:
    if part == HOLE:
        return list(parent.values())
    return [parent[part]] if part in parent else []


def _seen_list(evidence: list[_Seen]) -> bool:
    values = [value for present, value in evidence if present and value]
    return bool(values) and all(isinstance(value, list) for value in values)


def _required(decl: Field | None, ref: TypeRef, evidence: list[_Seen]) -> bool:
    """Required per the docs, unless the type is nullable or the docs' own example omits it."""
    if decl is None or not decl.required or parse_docs_type(decl.type)[1]:
        return False
    return all(_still_required(ref, present, value) for present, value in evidence)


def _still_required(ref: TypeRef, present: bool, value: object) -> bool:
    if not present or value is None:
        return False
    if ref.name in ("str", "any"):
        return True
    if isinstance(value, str) and value in ("", "undefined"):
        return False
    return not (ref.name == "object" and value in ([], {}))
