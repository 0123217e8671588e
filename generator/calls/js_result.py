"""Which result paths JavaScript code reads, from the response root: `response.getData().result.items`
gives ("result", "items"); BX24.js `result.data()` is the response's `result`. Names bound to such
a chain (`const { result } = response.getData()`) carry it on; `*` stands for an array index."""

from __future__ import annotations

from generator.calls.literals import js_key
from generator.calls.trees import CALLEE, Node, Piece, in_source_order

Path = tuple[str, ...]
ROOT_CALLS: dict[str, Path] = {"getData": (), "data": ("result",), "total": ("total",)}
NOT_KEYS = {"length"}
WRAPPERS = ("non_null_expression", "parenthesized_expression", "await_expression")


def js_result_access(piece: Piece) -> tuple[Path, ...]:
    bound: dict[str, Path] = {}
    paths: list[Path] = []
    for node in _declarators_and_reads(piece):
        if node.type == "variable_declarator":
            _bind(piece, node, bound)
        else:
            path = chain(piece, node, bound)
            if path is not None:
                paths.append(path)
    return tuple(paths)


def _declarators_and_reads(piece: Piece) -> list[Node]:
    """The declarators and the member and subscript expressions that are no call's callee, in
    source order: the callees are taken out (a set difference) before the sort, not after.
    A callee (`r.data` in `r.data()`) names a method, not a result key; the piece's query pass
    captures them (the calls' first named children), where asking each expression's parent
    would have tree-sitter find it from the root."""
    reads = {*piece.captured("member_expression"), *piece.captured("subscript_expression")}
    reads.difference_update(piece.captured(CALLEE))
    return in_source_order([*piece.captured("variable_declarator"), *reads])


def chain(piece: Piece, node: Node, bound: dict[str, Path]) -> Path | None:
    """The result path an expression reads, or None when it is not rooted in the response."""
    kind = node.type  # each read of a node's type makes a new string: read once
    if kind in WRAPPERS and node.named_children:
        return chain(piece, node.named_children[-1], bound)
    if kind == "identifier":  # no name bound yet (most of a tab): no text to make
        return bound.get(piece.src(node)) if bound else None
    if kind == "call_expression":
        return _root_call(piece, node)
    target = node.child_by_field_name("object")
    base = chain(piece, target, bound) if target is not None else None
    if base is None:
        return None
    if kind == "member_expression":
        name = node.child_by_field_name("property")
        key = piece.src(name) if name is not None else ""
        return base if key in NOT_KEYS else (*base, key)
    index = node.child_by_field_name("index")
    if index is not None and index.type == "string":
        return (*base, js_key(piece, index))
    return (*base, "*")


def _root_call(piece: Piece, call: Node) -> Path | None:
    function = call.child_by_field_name("function")
    arguments = call.child_by_field_name("arguments")
    if function is None or function.type != "member_expression":
        return None
    name = function.child_by_field_name("property")
    if name is None or (arguments is not None and arguments.named_child_count):
        return None
    return ROOT_CALLS.get(piece.src(name))


def _bind(piece: Piece, declarator: Node, bound: dict[str, Path]) -> None:
    name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
    if name is None or value is None:
        return
    path = chain(piece, value, bound)
    if path is None:
        return
    if name.type == "identifier":
        bound[piece.src(name)] = path
    elif name.type == "object_pattern":
        for member in name.named_children:
            if member.type == "shorthand_property_identifier_pattern":
                bound[piece.src(member)] = (*path, piece.src(member))
            elif member.type == "pair_pattern":
                key, alias = member.child_by_field_name("key"), member.child_by_field_name("value")
                if key is not None and alias is not None and alias.type == "identifier":
                    bound[piece.src(alias)] = (*path, js_key(piece, key))
