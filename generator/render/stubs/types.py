"""The stub type model: docs types → language-neutral `TypeRef`s, widened to fit the examples."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

TypeName = Literal["str", "int", "float", "bool", "any", "list", "map", "dict", "object"]
SCALARS = frozenset({"str", "int", "float", "bool"})


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A payload value type: a scalar, `any`, a free-form `dict`, `list`/`map` of `item`, an `obj`."""

    name: TypeName
    item: TypeRef | None = None
    obj: ObjectModel | None = None


@dataclass(frozen=True, slots=True)
class FieldModel:
    key: str
    attr: str
    type: TypeRef
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class ObjectModel:
    """One class / interface / array shape; `path` is the dotted docs path ('' for the payload)."""

    name: str
    path: str
    description: str
    fields: tuple[FieldModel, ...]

    @property
    def is_root(self) -> bool:
        return self.path == ""


STR = TypeRef("str")
INT = TypeRef("int")
FLOAT = TypeRef("float")
BOOL = TypeRef("bool")
ANY = TypeRef("any")
DICT = TypeRef("dict")


def list_of(item: TypeRef) -> TypeRef:
    return TypeRef("list", item=item)


def map_of(item: TypeRef) -> TypeRef:
    return TypeRef("map", item=item)


def obj_of(model: ObjectModel) -> TypeRef:
    return TypeRef("object", obj=model)


# --- docs type strings --------------------------------------------------------------------------

_DOCS_TYPES: dict[str, TypeRef] = {
    **dict.fromkeys(("string", "str", "text"), STR),
    **dict.fromkeys(("timestamp", "datetime", "date", "time"), STR),  # sent as strings
    **dict.fromkeys(("integer", "int"), INT),
    **dict.fromkeys(("double", "float", "number", "decimal"), FLOAT),
    **dict.fromkeys(("boolean", "bool"), BOOL),
    "object": DICT,
    "array": list_of(ANY),
    **dict.fromkeys(("callable", "function", "mixed", "any"), ANY),
}
_NULLISH = frozenset({"null", "undefined"})


def parse_docs_type(raw: str | None) -> tuple[TypeRef, bool]:
    """(type, nullable) of a docs type such as `integer`, `object[]`, `undefined|object`."""
    parts = [p.strip() for p in (raw or "").replace("\\|", "|").split("|") if p.strip()]
    nullable = any(p.lower() in _NULLISH for p in parts)
    kinds = {_one_docs_type(p) for p in parts if p.lower() not in _NULLISH}
    if len(kinds) != 1:
        return ANY, nullable  # no type at all, or a union of different ones
    return kinds.pop(), nullable


def is_explicit_list(raw: str | None) -> bool:
    return bool(raw) and any(p.strip().endswith("[]") for p in (raw or "").split("|"))


def _one_docs_type(part: str) -> TypeRef:
    if part.endswith("[]"):
        return list_of(_one_docs_type(part[:-2]))
    low = part.lower()
    if low in _DOCS_TYPES:
        return _DOCS_TYPES[low]
    if low.endswith(".id"):  # catalog_price.id, sale_order.id: numeric entity ids
        return INT
    return STR  # custom identifiers (userFieldEntityId, crm_entity_id) arrive as strings


_INT_TEXT = re.compile(r"^\s*[+-]?[0-9]+\s*$")
_FLOAT_TEXT = re.compile(r"^\s*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$")
_BOOL_TEXT = frozenset({"1", "y", "yes", "true", "on", "0", "n", "no", "false", "off"})
_ABSENT = ("", "undefined")  # how PHP forms and the docs spell a missing value


def widen(ref: TypeRef, values: Iterable[object]) -> TypeRef:
    """`ref` loosened until every example value fits it (the generated parsers accept them)."""
    for value in values:
        if value is not None and not (isinstance(value, str) and value in _ABSENT):
            ref = _fit(ref, value)
    return ref


def _fit(ref: TypeRef, value: object) -> TypeRef:
    if isinstance(value, dict | list):
        return _fit_container(ref, value)
    if ref.name not in SCALARS:
        return ref if ref.name == "any" else ANY
    if ref.name == "int" and not _is_int(value):
        return FLOAT if _is_float(value) else STR
    if ref.name == "float" and not _is_float(value):
        return STR
    if ref.name == "bool" and not _is_bool(value):
        return STR
    return ref


def _fit_container(ref: TypeRef, value: dict[Any, Any] | list[Any]) -> TypeRef:
    items = list(value.values()) if isinstance(value, dict) else value
    if ref.name == "map" and ref.item is not None:
        return map_of(widen(ref.item, items))
    if ref.name == "list" and ref.item is not None and _list_like(value):
        return list_of(widen(ref.item, items))
    return ref if ref.name in ("dict", "any") else ANY


def _list_like(value: dict[Any, Any] | list[Any]) -> bool:
    return isinstance(value, list) or all(_INT_TEXT.match(str(k)) for k in value)


def _is_int(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, int) or (isinstance(value, str) and bool(_INT_TEXT.match(value)))


def _is_float(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and bool(_FLOAT_TEXT.match(value))


def _is_bool(value: object) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return value in (0, 1)
    return isinstance(value, str) and value.strip().lower() in _BOOL_TEXT
