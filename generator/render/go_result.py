"""How the Go tab of a method page reads its result, from the page's response example.

The docs' Go tabs come from a generator that read the response example: a boolean is unmarshalled
into `ok`, an `add` id into `newID`, another number or a string into `value`, a list of scalars
into `items`; an object into a struct of its first six scalar fields (`item`, or `items` for a
list of objects), through `b24.Unwrap` when the result wraps it in a single key; an object of
objects is counted with `b24.Keys`; anything else is printed raw. Struct fields are aligned the
way gofmt aligns them. This module computes those facts for the Go template (`go` in the context).
"""

from __future__ import annotations

import re
from typing import Any

from generator.spec.parts import Json

MAX_FIELDS = 6
INITIALISMS = frozenset(
    {"API", "CRM", "CSS", "HTML", "HTTP", "ID", "IP", "JSON", "SQL", "UF", "UI", "URI", "URL"}
)
INITIALISMS |= frozenset({"UID", "UUID", "XML"})
CAMEL_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
LIST_VERBS = frozenset({"list", "getlist"})


def go_field_name(key: str) -> str:
    """`app_code` → `AppCode`, `PUBLIC_URL` → `PublicURL`, `docId` → `DocID`, `1` → `F1`."""
    if key[:1].isdigit():
        return f"F{key}"
    parts = [p for p in re.split(r"[_\-]", key) if p]
    if len(parts) > 1 or key.isupper() or (key.islower() and key.upper() in INITIALISMS):
        return "".join(p.upper() if p.upper() in INITIALISMS else p.capitalize() for p in parts)
    words = CAMEL_WORD.findall(key)
    return "".join("ID" if w.lower() == "id" else w[:1].upper() + w[1:] for w in words)


def go_type(key: str, value: Json) -> str | None:
    """The field's Go type; None for values the generator leaves out (objects, lists, null)."""
    id_like = key.lower() == "id" or key.endswith(("Id", "ID", "_id"))
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit() and id_like):
        return "b24.ID" if id_like else "int"
    if isinstance(value, float):
        return "float64"
    return "string" if isinstance(value, str) else None


def struct_fields(item: dict[str, Json]) -> list[dict[str, str]]:
    found = []
    for key, value in item.items():
        kind = go_type(key, value)
        if kind is not None and re.fullmatch(r"[\w\-]+", key):
            found.append({"name": go_field_name(key), "type": kind, "tag": key})
        if len(found) == MAX_FIELDS:
            break
    name_width = max((len(f["name"]) for f in found), default=0)
    type_width = max((len(f["type"]) for f in found), default=0)
    for field in found:
        field["line"] = (
            f"{field['name'].ljust(name_width)} {field['type'].ljust(type_width)} "
            f'`json:"{field["tag"]}"`'
        )
    return found


def go_result(result: Json, method: str) -> dict[str, Any]:
    """The Go template's `go`: `variant` (ok | new_id | value | scalars | struct | keys |
    wrapped_raw | raw) and,
    for structs, `wrap` (the key `b24.Unwrap` takes), `many`, `fields`, `printed`, `total`."""
    verb = method.rsplit(".", 1)[-1].lower()
    wrap, inner = _unwrapped(result)
    many = isinstance(inner, list)
    item = inner[0] if isinstance(inner, list) and inner else inner
    fields = struct_fields(item) if isinstance(item, dict) else []
    if isinstance(result, dict) and not fields and len(result) > 1:
        return {"variant": "keys"}
    if wrap is not None and not fields:
        return {"variant": "wrapped_raw", "wrap": wrap}
    if not fields:
        return {"variant": _scalar_variant(result, verb)}
    shown = fields[:2]
    prefix = "it" if many else "item"
    return {
        "variant": "struct",
        "wrap": wrap,
        "many": many,
        "fields": fields,
        "printed": ", ".join(f"{prefix}.{f['name']}" for f in shown),
        "total": many and wrap is None and verb in LIST_VERBS,
    }


def _unwrapped(result: Json) -> tuple[str | None, Json]:
    if isinstance(result, dict) and len(result) == 1:
        [(key, value)] = result.items()
        if isinstance(value, dict) or (
            isinstance(value, list) and value and isinstance(value[0], dict)
        ):
            return key, value
    return None, result


def _scalar_variant(result: Json, verb: str) -> str:
    if isinstance(result, bool):
        return "ok"
    if isinstance(result, int) and verb == "add":
        return "new_id"
    if isinstance(result, int | str):
        return "value"
    if isinstance(result, list) and result and isinstance(result[0], int | str):
        return "scalars"
    return "raw"
