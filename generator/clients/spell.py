"""How each target language spells a client type (the Jinja filters of the method templates)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from generator.clients.types import CType, Member, Shape
from generator.render.stubs.spelling import FILTERS as STUB_FILTERS
from generator.render.stubs.spelling import php_shape_key, py_doc, ts_key

if TYPE_CHECKING:
    from generator.clients.model import MethodModel

# each language's spelling of every kind but `shape`; `{}` is where the item type goes
_PY = {"str": "str", "int": "int", "float": "float", "bool": "bool", "any": "Any"}
_PY |= {"dict": "dict[str, Any]", "list": "list[{}]", "map": "dict[str, {}]"}
_TS = {"str": "string", "int": "number", "float": "number", "bool": "boolean", "any": "unknown"}
_TS |= {"dict": "Record<string, unknown>", "list": "Array<{}>", "map": "Record<string, {}>"}
_PHP = {"str": "string", "int": "int", "float": "float", "bool": "bool", "any": "mixed"}
_PHP |= {"dict": "array<array-key, mixed>", "list": "list<{}>", "map": "array<array-key, {}>"}


def _spell(ctype: CType, table: dict[str, str], shape_name: Callable[[Shape], str]) -> str:
    if ctype.kind == "shape":
        if ctype.shape is None:
            raise ValueError("shape type without a shape")
        return shape_name(ctype.shape)
    if ctype.kind in ("list", "map"):
        if ctype.item is None:
            raise ValueError(f"{ctype.kind} type without an item type")
        return table[ctype.kind].format(_spell(ctype.item, table, shape_name))
    return table[ctype.kind]


def py_ctype(ctype: CType) -> str:
    """`int`, `list[CrmDealGetResultItem]`; an open shape also takes any `dict[str, Any]`."""
    return _spell(
        ctype, _PY, lambda shape: f"{shape.name} | dict[str, Any]" if shape.open else shape.name
    )


def _nullable(member: Member) -> bool:
    """The value may be null and the type does not already admit it (`any` does)."""
    return member.nullable and member.type.kind != "any"


def py_value(member: Member) -> str:
    """The value type of a TypedDict key: `Required[int]`, `NotRequired[str | None]`."""
    text = py_ctype(member.type)
    if _nullable(member):
        text += " | None"
    return f"{'Required' if member.required else 'NotRequired'}[{text}]"


def py_argument(member: Member) -> str:
    """A keyword argument: `id: int`, `fields: X | None = None` (None: not sent)."""
    text = py_ctype(member.type)
    if member.required:
        return f"{member.name}: {text}{' | None' if _nullable(member) else ''}"
    if member.type.kind == "any":
        return f"{member.name}: Any = None"
    return f"{member.name}: {text} | None = None"


# --- TypeScript ----------------------------------------------------------------------------------


def ts_ctype(ctype: CType) -> str:
    """`number`, `Array<X>`, `Record<string, unknown>`, a shape's interface name."""
    return _spell(ctype, _TS, lambda shape: shape.name)


def ts_member(member: Member) -> str:
    """An interface member: `TITLE?: string`, `ID: number | null`."""
    text = ts_ctype(member.type)
    if _nullable(member):
        text += " | null"
    return f"{ts_key(member.key)}{'' if member.required else '?'}: {text}"


# --- PHP -----------------------------------------------------------------------------------------


def php_ctype(ctype: CType) -> str:
    """`int`, `list<X>`, `array<array-key, mixed>`, a shape's `@phpstan-type` name."""
    return _spell(ctype, _PHP, lambda shape: shape.name)


def php_shape(shape: Shape) -> str:
    """`array{TITLE?: string, ID: int|null}`; an open shape ends with `...` (unsealed)."""
    parts = [_php_member(member) for member in shape.members]
    if shape.open:
        parts.append("...")
    return "array{" + ", ".join(parts) + "}" if parts else "array<array-key, mixed>"


def _php_member(member: Member) -> str:
    text = php_ctype(member.type)
    if _nullable(member):
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
