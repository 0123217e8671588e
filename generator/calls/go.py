"""Go tabs: b24gosdk `client.Core().Call(ctx, "m", b24.Params{...}[, b24.WithIdempotent()])`.

Result access: the JSON tags of the struct `res.Result` is unmarshalled into (through
`b24.Unwrap(res.Result, "key")` when the code unwraps first); `*` stands for a slice element.
"""

from __future__ import annotations

from generator.calls.go_result import go_result_access
from generator.calls.literals import go_value
from generator.calls.model import CallModel, Json, unreadable
from generator.calls.shared import (
    calls_of_field,
    distinct_in_source_order,
    first_readable,
    join_calls,
    sdk_call,
)
from generator.calls.trees import Node, Piece, args_of

ENTRY_POINTS = {"Call": "single", "Pages": "list"}
ENTRY_NAMES = tuple(name.encode() for name in ENTRY_POINTS)


def read_go(piece: Piece, language: str) -> CallModel:
    found = [m for node in call_nodes(piece) if (m := _call(piece, node, language)) is not None]
    if not found:
        reason = "parse-error" if piece.root.has_error else "no-call"
        return unreadable(reason, "b24gosdk", language)
    return join_calls(first_readable(found), found, go_result_access(piece))


def call_nodes(piece: Piece) -> list[Node]:
    """The calls `_call` may read: `x.Call(...)` and `x.Pages(...)`, found where the names
    occur. A tree with errors is searched in full."""
    if piece.root.has_error:
        return piece.nodes("call_expression")
    return distinct_in_source_order(
        [c for name in ENTRY_NAMES for c in calls_of_field(piece, name)]
    )


def _call(piece: Piece, node: Node, language: str) -> CallModel | None:
    if node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    if function is None or function.type != "selector_expression":
        return None
    name = function.child_by_field_name("field")
    operand = function.child_by_field_name("operand")
    style = ENTRY_POINTS.get(piece.src(name)) if name is not None else None
    if style is None or operand is None or not piece.src(operand).endswith(".Core()"):
        return None
    args = args_of(node)
    if len(args) < 2:
        return unreadable("no-call", "b24gosdk", language, auth="sdk")
    method = go_value(piece, args[1])
    if not isinstance(method, str):
        return unreadable("method-not-literal", "b24gosdk", language, auth="sdk")
    params_node = args[2] if len(args) > 2 else None
    params: Json = {}
    if params_node is not None and params_node.type == "composite_literal":
        params = go_value(piece, params_node)
    elif params_node is not None and params_node.type != "nil":
        return unreadable(
            "params-not-literal", "b24gosdk", language, method=method, calls=(method,), auth="sdk"
        )
    return sdk_call(
        piece, params_node, sdk="b24gosdk", language=language, method=method, params=params,
        style=style,
    )  # fmt: skip
