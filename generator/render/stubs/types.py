"""The stub model: docs types → neutral types, safe names, and how each language spells them.

`TypeRef` is language-neutral; the `py_*`, `ts_*` and `php_*` functions are the Jinja filters
that spell a type, a string literal or a comment in one target language.
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Callable, Iterable, Sequence
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


# --- names ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_RESERVED_CLASSES = frozenset(
    name.lower()
    for name in (  # noqa: SIM905 - a word list reads better than 130 quoted strings
        "EventPayload Model EventInfo TypedPayload Any Events Support PayloadException B24Frame"
        " EventCode JsEventCode RestEventCode EventPayloads JsPayloads Promise Record Array Object"
        " String Number Boolean Function Symbol Error Map Set Date JSON Math"
        # PHP keywords and reserved type names cannot be class names
        " abstract and array as break callable case catch class clone const continue declare"
        " default do echo else elseif empty enddeclare endfor endforeach endif endswitch endwhile"
        " enum eval exit extends final finally fn for foreach function global goto if implements"
        " include instanceof insteadof interface isset list match namespace new or print private"
        " protected public readonly require return static switch throw trait try unset use var"
        " while xor yield die self parent bool int float string iterable mixed never null void"
        " true false object resource numeric"
    ).split()
)
_PY_SHADOWED = frozenset({"str", "int", "float", "bool", "list", "dict", "Any", "field", "rt"})


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def pascal(parts: list[str]) -> str:
    """`["on", "CRM", "deal"]` → `OnCrmDeal`: words capitalised, all-caps words title-cased."""
    return "".join(_capitalised(w.lower() if w.isupper() else w) for w in parts)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def snake(parts: list[str]) -> str:
    return "_".join(w.lower() for w in parts)


def event_words(code: str, page_path: str) -> list[str]:
    """Words of an event code; for a single-case code (`ONCRMDEALADD`) the page file name
    (`on-crm-deal-add.md`) supplies the word breaks when it spells the same letters."""
    if code.upper() == code or code.lower() == code:
        stem = page_path.rsplit("/", 1)[-1].removesuffix(".md")
        stem_words = [w for w in re.split(r"[^A-Za-z0-9]+", stem) if w]
        if stem_words and "".join(stem_words).lower() == re.sub(r"[^A-Za-z0-9]", "", code).lower():
            return stem_words
    return words(code) or ["Event"]


class NameRegistry:
    """Hands out unique names (case-insensitively, as PHP classes and some filesystems need)."""

    def __init__(self, reserved: frozenset[str] = _RESERVED_CLASSES) -> None:
        self._taken = set(reserved)

    def claim(self, name: str) -> str:
        name = name or "Event"
        if name[:1].isdigit():
            name = "E" + name
        candidate, n = name, 1
        while candidate.lower() in self._taken:
            n += 1
            candidate = f"{name}{n}"
        self._taken.add(candidate.lower())
        return candidate


def module_name(parts: list[str], registry: NameRegistry) -> str:
    name = snake(parts) or "event"
    if name[0].isdigit() or keyword.iskeyword(name):
        name = "event_" + name
    return registry.claim(name)


def safe_identifier(key: str, taken: set[str], avoid: frozenset[str] = _PY_SHADOWED) -> str:
    """A Python/PHP attribute name for a payload key; unique within `taken` (which it updates)."""
    name = re.sub(r"\W", "_", key, flags=re.ASCII) or "field"
    if name[0].isdigit():
        name = "f_" + name
    if name.startswith("__"):
        name = "f" + name  # no name mangling
    if keyword.iskeyword(name) or name in avoid or name == "this":
        name += "_"
    while name in taken:
        name += "_"
    taken.add(name)
    return name


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


def py_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


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
        return f"({py_str(items[0])},)"
    return "(" + ", ".join(py_str(item) for item in items) + ")"


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
    return key if _TS_IDENT.match(key) else json.dumps(key)


def ts_str(text: str) -> str:
    text = json.dumps(text, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


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
    return key if _PHP_IDENT.match(key) else php_str(comment_text(key))


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


def php_str(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


FILTERS: dict[str, Callable[..., Any]] = {
    "py_type": py_type,
    "py_annotation": py_annotation,
    "py_str": py_str,
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
    "php_str": php_str,
}
