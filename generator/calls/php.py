"""PHP tabs: b24phpsdk `$b24Service->core->call('m', [...])`, typed service-builder calls,
CRest `CRest::call('m', [...])` / `CRest::callBatch([...])`, and the old `restCommand('m', [...])`."""

from __future__ import annotations

from collections.abc import Iterable

from generator.calls.literals import php_value
from generator.calls.model import CallModel, Json, unreadable
from generator.calls.php_result import php_result_access
from generator.calls.shared import (
    batch_methods,
    distinct_in_source_order,
    first_readable,
    join_calls,
    sdk_call,
    tokens_at,
)
from generator.calls.trees import Node, Piece, args_of

CALL_TYPES = ("member_call_expression", "scoped_call_expression", "function_call_expression")


def read_php(piece: Piece, language: str) -> CallModel:
    found = [m for node in call_nodes(piece) if (m := _call(piece, node, language)) is not None]
    if not found:
        if _is_typed_service(piece):
            return unreadable("typed-service-call", "b24phpsdk-service", language, auth="sdk")
        reason = "parse-error" if piece.root.has_error else "no-call"
        return unreadable(reason, "unknown", language)
    return join_calls(first_readable(found), found, php_result_access(piece))


def call_nodes(piece: Piece) -> list[Node]:
    """The CALL_TYPES nodes `_call` may read: those whose name holds `call` (`callBatch` too) or
    `restCommand`, found where the text occurs. A tree with errors is searched in full."""
    if piece.root.has_error:
        return piece.nodes(*CALL_TYPES)
    found = [
        parent
        for needle in (b"call", b"restCommand")
        for at, node in tokens_at(piece, needle)
        if node.start_byte == at
        and (parent := node.parent) is not None
        and parent.type in CALL_TYPES
    ]
    return distinct_in_source_order(found)


def _call(piece: Piece, node: Node, language: str) -> CallModel | None:
    if node.type not in CALL_TYPES:
        return None
    name = _name(piece, node)
    if node.type == "member_call_expression" and name == "call" and _on_core(piece, node):
        return _single(piece, node, "b24phpsdk", language)
    if node.type == "scoped_call_expression" and _scope(piece, node) == "CRest":
        if name == "call":
            return _single(piece, node, "crest", language)
        if name == "callBatch":
            return _batch(piece, node, language)
    if node.type == "function_call_expression" and name == "restCommand":
        return _single(piece, node, "restcommand", language)
    return None


def _name(piece: Piece, node: Node) -> str:
    name = node.child_by_field_name("name") or node.child_by_field_name("function")
    return piece.src(name) if name is not None else ""


def _scope(piece: Piece, node: Node) -> str:
    scope = node.child_by_field_name("scope")
    return piece.src(scope).lstrip("\\") if scope is not None else ""


def _on_core(piece: Piece, node: Node) -> bool:
    """`...->core->call(...)`: the b24phpsdk core service."""
    target = node.child_by_field_name("object")
    if target is None:
        return False
    if target.type == "member_access_expression":
        return _name(piece, target) == "core"
    return "core" in piece.src(target).lower()


def _single(piece: Piece, node: Node, sdk: str, language: str) -> CallModel:
    args = args_of(node)
    values = [a.named_children[-1] if a.type == "argument" else a for a in args]
    method_node = values[0] if values else None
    if method_node is None:
        return unreadable("no-call", sdk, language, auth="sdk")
    method = php_value(piece, method_node)
    if not isinstance(method, str):
        return unreadable("method-not-literal", sdk, language, auth="sdk")
    params: Json = {}
    params_node = _resolve(piece, values[1]) if len(values) > 1 else None
    if params_node is not None and params_node.type != "array_creation_expression":
        return unreadable(
            "params-not-literal", sdk, language, method=method, calls=(method,), auth="sdk"
        )
    if params_node is not None:
        params = php_value(piece, params_node)
    return sdk_call(piece, params_node, sdk=sdk, language=language, method=method, params=params)


def _batch(piece: Piece, node: Node, language: str) -> CallModel:
    args = [a.named_children[-1] if a.type == "argument" else a for a in args_of(node)]
    calls_node = _resolve(piece, args[0]) if args else None
    if calls_node is None or calls_node.type != "array_creation_expression":
        return unreadable("params-not-literal", "crest", language, method="batch", auth="sdk")
    params = php_value(piece, calls_node)
    return sdk_call(
        piece, calls_node, sdk="crest", language=language, method="batch", params=params,
        style="batch", calls=("batch", *batch_methods(params)),
    )  # fmt: skip


def _resolve(piece: Piece, node: Node) -> Node:
    """A variable's array when the code assigns it one literal (`$params = [...]`)."""
    if node.type != "variable_name":
        return node
    name = piece.src(node)
    for assignment in piece.nodes("assignment_expression"):
        if assignment.type != "assignment_expression":
            continue
        left, right = (
            assignment.child_by_field_name("left"),
            assignment.child_by_field_name("right"),
        )
        if left is not None and right is not None and piece.src(left) == name:
            return right if right.type == "array_creation_expression" else node
    return node


def _is_typed_service(piece: Piece) -> bool:
    """`$serviceBuilder->getCRMScope()->deal()->add(...)`: b24phpsdk's typed services."""
    calls: Iterable[Node | None] = (
        piece.nodes("member_call_expression")
        if piece.root.has_error
        else (name.parent for at, name in tokens_at(piece, b"Scope") if name.end_byte == at + 5)
    )  # without errors: the calls whose name ends in `Scope`, found where the text occurs
    return any(
        node is not None
        and node.type == "member_call_expression"
        and (text := _name(piece, node)).startswith("get")
        and text.endswith("Scope")
        for node in calls
    )
