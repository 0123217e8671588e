"""How each stub language spells a type, a string or a comment: the stub templates' filters.

String literals come from the one literal library (render/literals.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from generator.render.literals import js_string, php_string, py_string
from generator.render.stubs.types import FieldModel, TypeRef

# --- Python spelling -----------------------------------------------------------------------------


def py_type(ref: TypeRef) -> str:
    if ref.name == "object":
        assert ref.obj is not None
        return ref.obj.name
    if ref.name in ("list", "map"):
        assert ref.item is not None
        inner = py_type(ref.item)
        return f"list[{inner}]" if ref.name == "list" else f"dict[str, {inner}]"
    return {"any": "Any", "dict": "dict[str, Any]"}.get(ref.name, ref.name)


def py_annotation(field: FieldModel) -> str:
    text = py_type(field.type)
    return text if field.required or field.type.name == "any" else f"{text} | None"


def py_doc(text: str, indent: int = 4) -> str:
    """A triple-quoted docstring literal holding `text`, continuation lines indented for black."""
    body = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    body = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: f"\\x{ord(m[0]):02x}", body)
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    lines = [line.rstrip() for line in body.split("\n")]
    pad = " " * indent
    body = "\n".join([lines[0], *(pad + line if line else "" for line in lines[1:])])
    return f'"""{body}"""'


def py_tuple(items: Sequence[str]) -> str:
    """A tuple literal of strings, spelled as black spells it."""
    if len(items) == 1:
        return f"({py_string(items[0])},)"
    return "(" + ", ".join(py_string(item) for item in items) + ")"


# --- TypeScript spelling -------------------------------------------------------------------------

_TS_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def ts_type(ref: TypeRef) -> str:
    if ref.name == "object":
        assert ref.obj is not None
        return ref.obj.name
    if ref.name in ("list", "map"):
        assert ref.item is not None
        inner = ts_type(ref.item)
        return f"Array<{inner}>" if ref.name == "list" else f"Record<string, {inner}>"
    return {
        "str": "string",
        "int": "number",
        "float": "number",
        "bool": "boolean",
        "any": "unknown",
        "dict": "Record<string, unknown>",
    }[ref.name]


def ts_key(key: str) -> str:
    return key if _TS_IDENT.match(key) else ts_str(key)


def ts_str(text: str) -> str:
    """A TS string literal in double quotes (the stubs' style)."""
    return js_string(text, '"')


def comment_text(text: str) -> str:
    """Text safe inside a `/* */` block comment or a `//` line: no terminator, no line breaks."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", text).replace("*/", "*\\/").strip()


def block_comment_lines(text: str) -> list[str]:
    """Lines of `text` safe inside a `/** */` doc comment."""
    return [comment_text(line) for line in text.strip().splitlines()]


# --- PHP spelling --------------------------------------------------------------------------------

_PHP_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def php_shape_type(ref: TypeRef) -> str:
    """A PHPStan type for the decoded request value (form values arrive as strings)."""
    if ref.name == "object":
        assert ref.obj is not None
        return ref.obj.name
    if ref.name in ("list", "map"):
        assert ref.item is not None
        inner = php_shape_type(ref.item)
        return f"list<{inner}>" if ref.name == "list" else f"array<string, {inner}>"
    return {
        "str": "string",
        "int": "int|numeric-string",
        "float": "float|numeric-string",
        "bool": "bool|string",
        "any": "mixed",
        "dict": "array<array-key, mixed>",
    }[ref.name]


def php_shape_key(key: str) -> str:
    """An array-shape key; it lives in a doc comment, so `*/` must not survive."""
    return key if _PHP_IDENT.match(key) else php_string(comment_text(key))


def php_prop_type(field: FieldModel) -> str:
    """The native type of a top-level readonly property."""
    native = {"str": "string", "int": "int", "float": "float", "bool": "bool", "any": "mixed"}
    base = native.get(field.type.name, "array")
    if base == "mixed" or field.required:
        return base
    return "?" + base


def php_reader(field: FieldModel) -> str:
    """The `Support` reader that turns the request value into the property's native type."""
    return {"str": "string", "int": "int", "float": "float", "bool": "bool", "any": "mixed"}.get(
        field.type.name, "array"
    )


FILTERS: dict[str, Callable[..., Any]] = {
    "py_type": py_type,
    "py_annotation": py_annotation,
    "py_str": py_string,
    "py_doc": py_doc,
    "py_tuple": py_tuple,
    "ts_type": ts_type,
    "ts_key": ts_key,
    "ts_str": ts_str,
    "comment_text": comment_text,
    "block_comment_lines": block_comment_lines,
    "php_shape_type": php_shape_type,
    "php_shape_key": php_shape_key,
    "php_prop_type": php_prop_type,
    "php_reader": php_reader,
    "php_str": php_string,
}
