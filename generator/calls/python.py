"""Python tabs: b24pysdk `client.crm.deal.add(fields={...}).response`.

The attribute chain after the client names the method as the page writes it (b24pysdk lower- or
snake-cases segments: `client.crm.duplicate.findbycomm`); keyword arguments are the params, with
their names as written (`bitrix_id=`). `.as_list()` / `.as_list_fast()` make it a list call.
"""

from __future__ import annotations

from generator.calls.literals import py_value
from generator.calls.model import CallModel, Json, unreadable
from generator.calls.shared import first_readable, join_calls, sdk_call
from generator.calls.trees import Node, Piece

LIST_CALLS = ("as_list", "as_list_fast")


def read_python(piece: Piece, language: str) -> CallModel:
    clients = _client_names(piece)
    found = [m for node in piece.nodes("call") if (m := _call(piece, node, clients)) is not None]
    if not found:
        reason = "parse-error" if piece.root.has_error else "no-call"
        return unreadable(reason, "b24pysdk", language)
    return join_calls(first_readable(found), found, _result_access(piece))


def _client_names(piece: Piece) -> set[str]:
    """`client` plus any name annotated or assigned with a b24pysdk client."""
    names = {"client"}
    for node in piece.nodes("assignment"):
        if node.type == "assignment":
            left, kind = node.child_by_field_name("left"), node.child_by_field_name("type")
            right = node.child_by_field_name("right")
            hint = piece.src(kind) if kind is not None else ""
            hint += piece.src(right) if right is not None and right.type == "call" else ""
            if left is not None and left.type == "identifier" and "Client" in hint:
                names.add(piece.src(left))
    return names


def _chain(piece: Piece, node: Node) -> list[str] | None:
    parts: list[str] = []
    while node.type == "attribute":
        name = node.child_by_field_name("attribute")
        target = node.child_by_field_name("object")
        if name is None or target is None:
            return None
        parts.append(piece.src(name))
        node = target
    return [piece.src(node), *reversed(parts)] if node.type == "identifier" else None


def _call(piece: Piece, node: Node, clients: set[str]) -> CallModel | None:
    if node.type != "call":
        return None
    function = node.child_by_field_name("function")
    chain = _chain(piece, function) if function is not None else None
    if chain is None or chain[0] not in clients or len(chain) < 3:
        return None
    method = ".".join(chain[1:])
    arguments = node.child_by_field_name("arguments")
    params: dict[str, Json] = {}
    for argument in arguments.named_children if arguments is not None else []:
        name, value = argument.child_by_field_name("name"), argument.child_by_field_name("value")
        if argument.type != "keyword_argument" or name is None or value is None:
            if argument.type == "comment":
                continue
            return unreadable(
                "params-not-literal", "b24pysdk", "python", method=method, calls=(method,),
                auth="sdk",
            )  # fmt: skip
        params[piece.src(name)] = py_value(piece, value)
    return sdk_call(
        piece, arguments, sdk="b24pysdk", language="python", method=method, params=dict(params),
        style=_style(piece, node),
    )  # fmt: skip


def _style(piece: Piece, call: Node) -> str:
    """`client.x.list(...).as_list()` is a list call."""
    parent = call.parent
    if parent is not None and parent.type == "attribute":
        name = parent.child_by_field_name("attribute")
        if name is not None and piece.src(name) in LIST_CALLS:
            return "list"
    return "single"


def _result_access(piece: Piece) -> tuple[tuple[str, ...], ...]:
    """`bitrix_response.result` and subscripts of a name bound to it (`result["items"]`)."""
    bound: set[str] = set()
    paths: list[tuple[str, ...]] = []
    for node in piece.nodes("attribute", "subscript"):
        if node.type == "attribute" and piece.src(node).endswith(".result"):
            paths.append(("result",))
            parent = node.parent
            left = parent.child_by_field_name("left") if parent is not None else None
            if parent is not None and parent.type == "assignment" and left is not None:
                bound.add(piece.src(left))
        elif node.type == "subscript":
            path = _subscripts(piece, node, bound)
            if path:
                paths.append(path)
    return tuple(paths)


def _subscripts(piece: Piece, node: Node, bound: set[str]) -> tuple[str, ...]:
    keys: list[str] = []
    while node.type == "subscript":
        index = node.child_by_field_name("subscript")
        value = py_value(piece, index) if index is not None else None
        keys.append(str(value) if isinstance(value, str | int) else "*")
        target = node.child_by_field_name("value")
        if target is None:
            return ()
        node = target
    if piece.src(node) not in bound:
        return ()
    return ("result", *reversed(keys))
