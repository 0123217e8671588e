"""Client value types: what a docs type (`integer`, `crm_contact[]`) or an example value means.

`CType` is language-neutral; `generator.clients.spell` spells it in Python, TypeScript and PHP.
Params are typed from the docs' type column (what a caller sends); results from the response
example first (what the portal really returns: ids often arrive as strings), then the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["str", "int", "float", "bool", "any", "list", "map", "dict", "shape"]
SCALAR_KINDS = frozenset({"str", "int", "float", "bool"})


@dataclass(frozen=True, slots=True)
class CType:
    """A scalar, `any`, a free-form `dict`, a `list`/`map` of `item`, or a named `shape`."""

    kind: Kind
    item: CType | None = None
    shape: Shape | None = None


@dataclass(frozen=True, slots=True)
class Member:
    """One key of a shape. `name` is the keyword-argument name (top-level params only)."""

    key: str
    name: str
    type: CType
    required: bool
    nullable: bool
    description: str


@dataclass(frozen=True, slots=True)
class Shape:
    """A TypedDict / interface / array shape; `open` when the docs allow keys of a family (UF_*)."""

    name: str
    members: tuple[Member, ...]
    open: bool
    description: str


STR = CType("str")
INT = CType("int")
FLOAT = CType("float")
BOOL = CType("bool")
ANY = CType("any")
DICT = CType("dict")


def list_of(item: CType) -> CType:
    return CType("list", item=item)


def map_of(item: CType) -> CType:
    return CType("map", item=item)


def shape_of(shape: Shape) -> CType:
    return CType("shape", shape=shape)


# --- docs types ----------------------------------------------------------------------------------

_DOCS: dict[str, CType] = {
    **dict.fromkeys(("string", "str", "text", "char", "enum", "textwithtranslation"), STR),
    **dict.fromkeys(("date", "datetime", "time", "timestamp", "isodate"), STR),
    **dict.fromkeys(("integer", "int", "long", "user", "bigint"), INT),
    **dict.fromkeys(("crm_company", "crm_contact", "crm_lead", "crm_deal", "crm_quote"), INT),
    **dict.fromkeys(("crm_category", "crm_smart_invoice", "crm_item"), INT),
    **dict.fromkeys(("double", "float", "number", "decimal", "numeric"), FLOAT),
    **dict.fromkeys(("boolean", "bool"), BOOL),
    **dict.fromkeys(("object", "json", "lang_map", "assoc"), DICT),
    "array": list_of(ANY),
    **dict.fromkeys(("any", "mixed", "callable", "function", "file", "diskfile"), ANY),
}
_NULLISH = frozenset({"null", "undefined", "nil"})
_ID_REFERENCE = re.compile(r"^[a-z][a-z0-9_]*\.(id|ID)$")
_CODE_REFERENCE = re.compile(r"^[a-z][a-z0-9_]*\.[A-Za-z_]+$")
# string identifiers: status and currency codes, enum values, entity codes (`C_12`)
_IDENTIFIER_TYPE = re.compile(
    r"^(crm_status|crm_currency|crm_entity|crm_enum_[a-z_]+|sale_status|userfieldentityid)$"
)


def docs_type(raw: str | None) -> tuple[CType, bool]:
    """(type, nullable) of a docs type such as `integer`, `object[]`, `undefined|object`."""
    parts = [p.strip().strip("`") for p in (raw or "").replace("\\|", "|").split("|")]
    parts = [p for p in parts if p]
    nullable = any(p.lower() in _NULLISH for p in parts)
    kinds = {_one(p) for p in parts if p.lower() not in _NULLISH}
    if len(kinds) != 1:
        return ANY, nullable  # no type at all, or a union of different ones
    return kinds.pop(), nullable


def _one(part: str) -> CType:
    if part.endswith("[]"):
        return list_of(_one(part[:-2]))
    low = part.lower()
    if low in _DOCS:
        return _DOCS[low]
    if _ID_REFERENCE.match(part):  # catalog_price.id, sale_paysystem.ID: numeric entity ids
        return INT
    if _CODE_REFERENCE.match(part) or _IDENTIFIER_TYPE.match(low):
        return STR  # catalog_measure.code, crm_status: string identifiers
    return ANY  # DTOs and structures the docs describe elsewhere (crm_multifield, ActionDto)


def is_list_type(raw: str | None) -> bool:
    """The docs type names only lists (`object[]`, `array`; not `object|array`)."""
    parts = [p.strip().strip("`").lower() for p in (raw or "").replace("\\|", "|").split("|")]
    parts = [p for p in parts if p and p not in _NULLISH]
    return bool(parts) and all(p.endswith("[]") or p == "array" for p in parts)


# --- example values ------------------------------------------------------------------------------

_INDEX_KEY = re.compile(r"^-?[0-9]+$")


def is_index_map(value: dict[str, object]) -> bool:
    """A JSON object keyed by ids (`{"12": {...}, "15": {...}}`): a map, not a record."""
    return bool(value) and all(_INDEX_KEY.match(str(key)) for key in value)


def scalar_of(value: object) -> CType:
    """The type of a scalar example value (None and containers give `any`)."""
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, float):
        return FLOAT
    return STR if isinstance(value, str) else ANY


def merge(types: Sequence[CType]) -> CType:
    """One type that every one of `types` fits (scalars only; containers are merged by the
    builder, which sees their values): int+float → float, disagreement → any."""
    kinds = {t.kind for t in types}
    if not kinds:
        return ANY
    if kinds == {"int", "float"}:
        return FLOAT
    if len(kinds) == 1 and len(set(types)) == 1:
        return types[0]
    return ANY


def walk_shapes(ctype: CType) -> list[Shape]:
    """Every shape a type mentions, nested ones first."""
    if ctype.kind == "shape" and ctype.shape is not None:
        found = [s for m in ctype.shape.members for s in walk_shapes(m.type)]
        return [*found, ctype.shape]
    return walk_shapes(ctype.item) if ctype.item is not None else []
