"""Which result paths PHP code reads, from the response root: CRest returns the whole response
(`$result['result']['items']`), b24phpsdk's `->getResponseData()->getResult()` its `result`.
Variables bound to such an expression carry the path on; `*` stands for a numeric index."""

from __future__ import annotations

from collections.abc import Iterator

from generator.calls.literals import php_value
from generator.calls.shared import distinct_in_source_order, tokens_at
from generator.calls.trees import Node, Piece

Path = tuple[str, ...]


def php_result_access(piece: Piece) -> tuple[Path, ...]:
    if b"CRest" not in piece.data and b"getRes" not in piece.data:
        return ()  # every path starts at a CRest call or a getResult/getResponseData call
    bound: dict[str, Path] = {}
    paths: list[Path] = []
    for node in result_nodes(piece):
        if node.type == "assignment_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            path = chain(piece, right, bound) if right is not None else None
            if left is not None and left.type == "variable_name" and path is not None:
                bound[piece.src(left)] = path
        elif node.type == "subscript_expression":
            path = chain(piece, node, bound)
            if path is not None:
                paths.append(path)
    return tuple(paths)


def result_nodes(piece: Piece) -> list[Node]:
    """Every assignment and subscript, found from their `=` and `[` tokens (a tree with errors
    is searched in full); none when there is no subscript, where a path would be read. Without
    errors, an `=` followed by `>` or `=` is another token."""
    if piece.root.has_error:
        return piece.nodes("assignment_expression", "subscript_expression")
    found = _parents(tokens_at(piece, b"["), "[", "subscript_expression")
    if found:  # most tabs subscript nothing: their assignments bind nothing that is read
        equals = tokens_at(piece, b"=", unless_before=b">=")
        found += _parents(equals, "=", "assignment_expression")
    return distinct_in_source_order(found)


def _parents(tokens: Iterator[tuple[int, Node]], token: str, kind: str) -> list[Node]:
    return [
        parent
        for _, node in tokens
        if node.type == token and (parent := node.parent) is not None and parent.type == kind
    ]


def chain(piece: Piece, node: Node, bound: dict[str, Path]) -> Path | None:
    if node.type == "variable_name":
        return bound.get(piece.src(node))
    if node.type == "scoped_call_expression":
        scope = node.child_by_field_name("scope")
        return () if scope is not None and piece.src(scope).lstrip("\\") == "CRest" else None
    if node.type == "member_call_expression":
        name = node.child_by_field_name("name")
        method = piece.src(name) if name is not None else ""
        return {"getResult": ("result",), "getResponseData": ()}.get(method)
    if node.type != "subscript_expression" or len(node.named_children) < 2:
        return None
    base = chain(piece, node.named_children[0], bound)
    if base is None:
        return None
    key = php_value(piece, node.named_children[1])
    return (*base, key if isinstance(key, str) else "*")
