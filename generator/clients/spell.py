"""How each target language spells a client type (the Jinja filters of the method templates)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from generator.clients.types import CType, Member, Shape
from generator.render.stubs.spelling import FILTERS as STUB_FILTERS
from generator.render.stubs.spelling import php_shape_key, py_doc, ts_key

if TYPE_CHECKING:
    from generator.clients.model import MethodModel

_PY_SCALARS = {"str": "str", "int": "int", "float": "float", "bool": "bool", "any": "Any"}
_TS_SCALARS = {"str": "string", "int": "number", "float": "number", "bool": "boolean"}
_PHP_SCALARS = {"str": "string", "int": "int", "float": "float", "bool": "bool", "any": "mixed"}


def _inner(ctype: CType) -> CType:
    if ctype.item is None:
        raise ValueError(f"{ctype.kind} type without an item type")
    return ctype.item


def _shape(ctype: CType) -> Shape:
    if ctype.shape is None:
        raise ValueError("shape type without a shape")
    return ctype.shape


# --- Python --------------------------------------------------------------------------------------


def py_ctype(ctype: CType) -> str:
    if ctype.kind in _PY_SCALARS:
        return _PY_SCALARS[ctype.kind]
    if ctype.kind == "dict":
        return "dict[str, Any]"
    if ctype.kind == "list":
        return f"list[{py_ctype(_inner(ctype))}]"
    if ctype.kind == "map":
        return f"dict[str, {py_ctype(_inner(ctype))}]"
    shape = _shape(ctype)
    return f"{shape.name} | dict[str, Any]" if shape.open else shape.name


def py_value(member: Member) -> str:
    """The value type of a TypedDict key: `Required[int]`, `NotRequired[str | None]`."""
    text = py_ctype(member.type)
    if member.nullable and member.type.kind != "any":
        text += " | None"
    return f"{'Required' if member.required else 'NotRequired'}[{text}]"


def py_argument(member: Member) -> str:
    """A keyword argument: `id: int`, `fields: X | None = None` (None: not sent)."""
    text = py_ctype(member.type)
    if member.required:
        nullable = member.nullable and member.type.kind != "any"
        return f"{member.name}: {text}{' | None' if nullable else ''}"
    if member.type.kind == "any":
        return f"{member.name}: Any = None"
    return f"{member.name}: {text} | None = None"


# --- TypeScript ----------------------------------------------------------------------------------


def ts_ctype(ctype: CType) -> str:
    if ctype.kind in _TS_SCALARS:
        return _TS_SCALARS[ctype.kind]
    if ctype.kind == "any":
        return "unknown"
    if ctype.kind == "dict":
        return "Record<string, unknown>"
    if ctype.kind == "list":
        return f"Array<{ts_ctype(_inner(ctype))}>"
    if ctype.kind == "map":
        return f"Record<string, {ts_ctype(_inner(ctype))}>"
    return _shape(ctype).name


def ts_member(member: Member) -> str:
    """An interface member: `TITLE?: string`, `ID: number | null`."""
    text = ts_ctype(member.type)
    if member.nullable and member.type.kind != "any":
        text += " | null"
    return f"{ts_key(member.key)}{'' if member.required else '?'}: {text}"


# --- PHP -----------------------------------------------------------------------------------------


def php_ctype(ctype: CType) -> str:
    if ctype.kind in _PHP_SCALARS:
        return _PHP_SCALARS[ctype.kind]
    if ctype.kind == "dict":
        return "array<array-key, mixed>"
    if ctype.kind == "list":
        return f"list<{php_ctype(_inner(ctype))}>"
    if ctype.kind == "map":
        return f"array<array-key, {php_ctype(_inner(ctype))}>"
    return _shape(ctype).name


def php_shape(shape: Shape) -> str:
    """`array{TITLE?: string, ID: int|null}`; an open shape ends with `...` (unsealed)."""
    parts = [_php_member(member) for member in shape.members]
    if shape.open:
        parts.append("...")
    return "array{" + ", ".join(parts) + "}" if parts else "array<array-key, mixed>"


def _php_member(member: Member) -> str:
    text = php_ctype(member.type)
    if member.nullable and member.type.kind != "any":
        text += "|null"
    return f"{php_shape_key(member.key)}{'' if member.required else '?'}: {text}"


def method_doc(method: MethodModel) -> str:
    """A callable's docstring: the first paragraph of the description, the page, the auth rule."""
    first = method.description.strip().split("\n\n", 1)[0].strip()
    lines = [first or f"Call {method.method}.", "", f"Docs: {method.docs or '(unknown page)'}."]
    if method.app_only:
        lines.append("Works only in an application (OAuth) context, not through a webhook.")
    required = ", ".join(member.name for member in method.required_params)
    if required:
        lines.append(f"Required: {required}.")
    return "\n".join(lines)


def py_docblock(text: str, indent: int = 4) -> str:
    """A docstring whose closing quotes stand on their own line when it spans lines (black
    moves them there anyway once the last line is too long; this way ruff and black agree)."""
    literal = py_doc(text, indent)
    if "\n" not in literal:
        return literal
    return literal[:-3] + "\n" + " " * indent + '"""'


FILTERS: dict[str, Callable[..., Any]] = {
    **STUB_FILTERS,
    "py_ctype": py_ctype,
    "py_value": py_value,
    "py_argument": py_argument,
    "ts_ctype": ts_ctype,
    "ts_member": ts_member,
    "php_ctype": php_ctype,
    "php_shape": php_shape,
    "method_doc": method_doc,
    "py_docblock": py_docblock,
}
