"""The render model: the field tree, the call an example makes, and JS-interface callback arguments.

What the templates see is built from these (render/context.py); the stub models build on
the one field tree (render/fieldtree.py) too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.extract.presence import only_sometimes
from generator.render.fieldtree import FieldNode, field_tree
from generator.render.literals import js_string
from generator.spec.event import EventSpec, Handler

BIND_METHOD = "event.bind"
DEFAULT_HANDLER_URL = "https://example.com/handler.php"
SINGLE_ARG = "eventData"
ON_PREFIX = re.compile(r"^(?:on|On|ON)(?=[A-Z])")
JS_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$", re.ASCII)


TS_TYPES: Mapping[str, str] = {
    "string": "string",
    "str": "string",
    "text": "string",
    "date": "string",
    "datetime": "string",
    "integer": "number",
    "int": "number",
    "number": "number",
    "double": "number",
    "float": "number",
    "boolean": "boolean",
    "bool": "boolean",
    "array": "unknown[]",
    "object": "Record<string, unknown>",
    "null": "null",
    "undefined": "undefined",
}


@dataclass(frozen=True, slots=True)
class CallbackArg:
    """One argument of a JS-interface event callback."""

    name: str
    ts_type: str
    ts_log: str  # what the TS tab logs for it: the argument, or its last field for an object


# --- JS-interface callbacks ----------------------------------------------------------------------


def callback_args(handler: Handler) -> tuple[CallbackArg, ...]:
    """Arguments the callback receives: from the example payload (a list of arguments) and fields.

    One argument is named `eventData`; several take the names of the top-level fields.
    """
    tree = field_tree(handler.fields, drop_brackets=True).children
    values = _callback_values(handler)
    if values is None:
        return (_arg(SINGLE_ARG, FieldNode("", None, tree), None),) if tree else ()
    if len(values) == 1:
        return (_arg(SINGLE_ARG, _single_node(tree, values[0]), values[0]),)
    usable = len(tree) == len(values) and all(_is_param_name(name) for name in tree)
    names = list(tree) if usable else [f"arg{i}" for i in range(1, len(values) + 1)]
    return tuple(
        _arg(name, tree.get(name), value) for name, value in zip(names, values, strict=True)
    )


# Names a JS/TS (strict mode) parameter cannot take.
RESERVED_NAMES = frozenset(
    (  # noqa: SIM905 - a word list reads better than 48 quoted strings
        "await break case catch class const continue debugger default delete do else enum export"
        " extends false finally for function if implements import in instanceof interface let new"
        " null package private protected public return static super switch this throw true try"
        " typeof var void while with yield arguments eval"
    ).split()
)


def _is_param_name(name: str) -> bool:
    """A field name usable as is for a callback parameter (else the arguments become arg1, arg2...)."""
    return JS_IDENTIFIER.match(name) is not None and name not in RESERVED_NAMES


def call_model(method: str, params: Mapping[str, Any], auth: str) -> dict[str, Any]:
    """The call an example makes (context v2): `{method, params, auth}`."""
    return {"method": method, "params": dict(params), "auth": auth}


def subscription_call(spec: EventSpec) -> dict[str, Any] | None:
    """`event.bind` with `{event, handler}` for REST and legacy events (an app's authorisation);
    None for JS-interface events, which bind in the widget."""
    if spec.kind == "js_event":
        return None
    handler = spec.subscription.handler_url or DEFAULT_HANDLER_URL
    return call_model(BIND_METHOD, {"event": spec.bind_event, "handler": handler}, "app")


def _single_node(tree: dict[str, FieldNode], value: object) -> FieldNode:
    """A lone argument: the one documented field, or an object whose keys are the fields."""
    if len(tree) == 1:
        only = next(iter(tree.values()))
        if only.children or not isinstance(value, dict):
            return only
    return FieldNode("", None, tree)


def _callback_values(handler: Handler) -> list[object] | None:
    """The first example payload as the list of callback arguments; None without an example."""
    if not handler.payloads:
        return None
    data = handler.payloads[0].data
    return list(data) if isinstance(data, list) else [data]


def _arg(name: str, node: FieldNode | None, value: object) -> CallbackArg:
    keys = _object_keys(node, value)
    typed = ts_type(node, value)
    log = name
    # a field is logged only where the TS type lets it be read (not on `unknown`, `string`, ...)
    if keys and not _is_array(node, value) and typed.startswith(("{", "Record<")):
        last = keys[-1]
        log = f"{name}.{last}" if JS_IDENTIFIER.match(last) else f"{name}[{js_string(last)}]"
    return CallbackArg(name, typed, log)


def _object_keys(node: FieldNode | None, value: object) -> list[str]:
    if node is not None and node.children:
        return list(node.children)
    return [str(k) for k in value] if isinstance(value, dict) else []


def _is_array(node: FieldNode | None, value: object) -> bool:
    declared = node.doc.type if node is not None and node.doc is not None else None
    return isinstance(value, list) or bool(declared and declared.strip().endswith("[]"))


def ts_type(node: FieldNode | None, value: object) -> str:
    """A TS type from the documented field (type, children), else from the example value."""
    declared = (node.doc.type or "").strip() if node is not None and node.doc else ""
    if node is not None and node.children:
        sample = value[0] if isinstance(value, list) and value else value
        members = "; ".join(
            f"{_ts_key(key)}{_mark(child)}: "
            f"{ts_type(child, sample.get(key) if isinstance(sample, dict) else None)}"
            for key, child in node.children.items()
        )
        shape = "{ " + members + " }"
        return f"Array<{shape}>" if declared.endswith("[]") else shape
    if declared:
        return " | ".join(_ts_scalar(part.strip()) for part in declared.split("|"))
    return _ts_from_value(value)


def _mark(node: FieldNode) -> str:
    """`?` for a member the page says arrives only sometimes (generator/extract/presence.py)."""
    return "?" if node.doc is not None and only_sometimes(node.doc.description) else ""


def _ts_key(key: str) -> str:
    return key if JS_IDENTIFIER.match(key) else js_string(key)


def _ts_scalar(declared: str) -> str:
    if declared.endswith("[]"):
        inner = _ts_scalar(declared[:-2])
        return f"{inner}[]" if re.fullmatch(r"\w+", inner) else f"Array<{inner}>"
    return TS_TYPES.get(declared.lower(), "unknown")


def _ts_from_value(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        members = "; ".join(f"{_ts_key(str(k))}: {_ts_from_value(v)}" for k, v in value.items())
        return "{ " + members + " }"
    if isinstance(value, list):
        return "unknown[]"
    return "unknown"
