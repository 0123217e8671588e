"""PHP CRest tabs (`php_crest`): how the `CRest::call` params array and the output are written.

Read from the PHP tree (tree-sitter):

- `params`: the array's shape (`generator/layout/shape.py`) less the template's defaults (4 spaces,
  lists of scalars on one line, no trailing comma); `indent: 0` is an array on one line;
- `output: print_r`: the result printed without the `<PRE>` tags around it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.layout.shape import Syntax, containers, read_shape

if TYPE_CHECKING:
    from generator.calls.trees import Node, Piece
    from generator.spec.parts import Json

PHP_SYNTAX = Syntax(
    containers=frozenset({"array_creation_expression"}),
    mapping=frozenset(),
    keyed_item=frozenset({"array_element_initializer"}),
)
DEFAULTS: dict[str, Json] = {
    "indent": 4,
    "comma": ", ",
    "colon": " => ",
    "pad": False,
    "pad_list": False,
    "trailing_comma": False,
}
PRE_OUTPUT = ["echo '<PRE>';", "print_r($result);", "echo '</PRE>';"]


def read_crest(code: str) -> dict[str, Json]:
    from generator.calls.trees import Piece

    piece = Piece(code, "php")
    call = next(
        (n for n in piece.nodes("scoped_call_expression") if _is_crest_call(piece, n)), None
    )
    if call is None:
        return {}
    layout: dict[str, Json] = {}
    array = _params_array(call)
    if array is not None:
        shape = _params_shape(piece, array)
        if shape:
            layout["params"] = shape
    if _after(piece, call) == PRE_OUTPUT[1:2]:
        layout["output"] = "print_r"
    return layout


def _is_crest_call(piece: Piece, node: Node) -> bool:
    scope, name = node.child_by_field_name("scope"), node.child_by_field_name("name")
    if scope is None or name is None:
        return False
    return piece.src(scope).lstrip("\\") == "CRest" and piece.src(name) == "call"


def _params_array(call: Node) -> Node | None:
    from generator.calls.trees import args_of

    values = [a.named_children[-1] if a.type == "argument" else a for a in args_of(call)]
    if len(values) < 2 or values[1].type not in PHP_SYNTAX.containers:
        return None
    return values[1]


def _params_shape(piece: Piece, array: Node) -> dict[str, Json]:
    shape = read_shape(piece, array, PHP_SYNTAX)
    shape.setdefault("indent", 0)
    if shape.get("inline") == _default_inline(array):
        del shape["inline"]
    return {k: v for k, v in shape.items() if DEFAULTS.get(k, object()) != v}


def _default_inline(array: Node) -> list[int]:
    """The containers the template writes on one line by default: lists of scalars (numbered as
    `read_shape` numbers them, inside a multi-line parent)."""
    found = []
    for number, (node, parent) in enumerate(containers(array, PHP_SYNTAX)):
        values = [PHP_SYNTAX.value(item) for item in PHP_SYNTAX.items(node)]
        scalars = values and not any(v.type in PHP_SYNTAX.containers for v in values)
        multiline_parent = parent is not None and parent.start_point[0] != parent.end_point[0]
        if multiline_parent and scalars and not PHP_SYNTAX.is_mapping(node):
            found.append(number)
    return found


def _after(piece: Piece, call: Node) -> list[str]:
    """The statements after the one that makes the call, as written."""
    statement = call
    while statement.parent is not None and statement.parent.type != "program":
        statement = statement.parent
    following = []
    sibling = statement.next_named_sibling
    while sibling is not None:
        if sibling.type != "comment":
            following.append(piece.src(sibling))
        sibling = sibling.next_named_sibling
    return following
