"""What @bitrix24/b24jssdk's typings say about REST methods, read with tree-sitter.

The SDK's entry points (`callMethod`, `actions.v2.call.make({method, params})`, ...) take the
method as a `string` and the params as one generic `TypeCallParams`: the typings name no method
and no per-method parameter. This module finds those entry points and counts string-literal
types that look like method names, so the report states exactly what could be compared.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tree_sitter as ts

from generator.calls.trees import parser
from generator.diagnostics import DocgenError, error
from generator.sdkdiff.model import SdkSurface

SDK_NAME = "@bitrix24/b24jssdk"
_METHOD_NAME = re.compile(r"^[a-z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$")
_PUBLIC_OWNERS = re.compile(r"^(TypeB24\.|Action)")
_DECLARATIONS = frozenset(
    {
        "class_declaration",
        "abstract_class_declaration",
        "interface_declaration",
        "type_alias_declaration",
        "method_signature",
        "abstract_method_signature",
    }
)
_MEMBERS = frozenset({"property_signature", "required_parameter", "optional_parameter"})


@dataclass(frozen=True, slots=True)
class MethodSlot:
    """A place the typings take a REST method name: `TypeB24.callMethod` takes `string`."""

    owner: str
    type: str


def introspect_b24jssdk(package_dir: Path) -> SdkSurface:
    """The SDK's method-name slots and literal method names, as an (uncomparable) surface."""
    manifest = package_dir / "package.json"
    typings = package_dir / "dist" / "esm" / "index.d.ts"
    try:
        version = str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
        source = typings.read_bytes()
    except (OSError, ValueError, KeyError) as exc:
        message = f"cannot read the installed {SDK_NAME}: {type(exc).__name__}"
        raise DocgenError(error(package_dir.as_posix(), "E-SDK", message)) from None
    slots, literals = read_typings(source)
    return SdkSurface(SDK_NAME, version, (), comparable=bool(literals), note=note(slots, literals))


def read_typings(source: bytes) -> tuple[list[MethodSlot], list[str]]:
    """The public slots named `method` (sorted, unique) and the method-like string literal types."""
    root = parser("typescript").parse(source).root_node
    slots: set[MethodSlot] = set()
    literals: set[str] = set()
    for node in _walk(root):
        if node.type in _MEMBERS and _member_name(node) == "method":
            owner = _owner(node)
            if _PUBLIC_OWNERS.match(owner):
                kind = _text(node.child_by_field_name("type")).lstrip(":").strip()
                slots.add(MethodSlot(owner, kind))
        elif node.type == "literal_type":
            value = _text(node).strip("'\"")
            if _METHOD_NAME.match(value):
                literals.add(value)
    return sorted(slots, key=lambda s: s.owner), sorted(literals)


def note(slots: list[MethodSlot], literals: list[str]) -> str:
    places = ", ".join(f"{s.owner} ({s.type})" for s in slots)
    if literals:
        return f"{len(literals)} method names appear as literal types; method slots: {places}"
    return (
        f"the typings name no REST method: every entry point takes the method as a plain "
        f"string ({places}) and params as one generic type, so there are no per-method "
        f"signatures to compare"
    )


def _walk(node: ts.Node) -> Iterator[ts.Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _member_name(node: ts.Node) -> str:
    """A property's `name`; a parameter's `pattern` (tree-sitter-typescript's field names)."""
    return _text(node.child_by_field_name("name") or node.child_by_field_name("pattern"))


def _owner(node: ts.Node) -> str:
    """`Declaration.member` names around a node, outermost first."""
    names: list[str] = []
    parent = node.parent
    while parent is not None:
        if parent.type in _DECLARATIONS:
            names.append(_text(parent.child_by_field_name("name")))
        parent = parent.parent
    return ".".join(reversed(names))


def _text(node: ts.Node | None) -> str:
    return node.text.decode("utf-8") if node is not None and node.text is not None else ""
