"""PHP CRest tabs (`php_crest`): how the `CRest::call` params array and the output are written.

Read from the PHP tree (tree-sitter):

- `params`: the array's shape (`generator/layout/shape.py`) less the template's defaults (4 spaces,
  lists of scalars on one line, no trailing comma, single quotes); `indent: 0` is an array on one
  line; `key_quote` / `value_quote`: `"` when the first string key / value is double-quoted;
- `call: one_line`: `$result = CRest::call('method', [...]);` opens on one line (default: the method
  and the array each on a line of their own);
- `output`: the statements after the call, as written, when they are not the template's
  `print_r` between `<PRE>` tags (the result handling and error branch some pages write by hand;
  never when they make another CRest call).
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
    "key_quote": "'",
    "value_quote": "'",
}
QUOTES = {"string": "'", "encapsed_string": '"'}
PRE_OUTPUT = ["", "echo '<PRE>';", "print_r($result);", "echo '</PRE>';"]


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
    if _one_line_call(call):
        layout["call"] = "one_line"
    output = _output(piece, call)
    if output is not None:
        layout["output"] = output
    return layout


def _one_line_call(call: Node) -> bool:
    from generator.calls.trees import args_of

    args = args_of(call)
    return bool(args) and args[0].start_point[0] == call.start_point[0]


def _output(piece: Piece, call: Node) -> str | None:
    """The code after the call's statement, from its next line, when it is not the default."""
    statement = _statement(call)
    rest = piece.data[statement.end_byte :].decode("utf-8", "replace")
    newline = rest.find("\n")
    tail = rest[newline + 1 :] if newline >= 0 else ""
    if tail.rstrip("\n") == "\n".join(PRE_OUTPUT) or not tail.strip():
        return None
    calls = piece.nodes("scoped_call_expression")
    if any(_is_crest(piece, n) and n.start_byte != call.start_byte for n in calls):
        return None
    return tail.rstrip("\n")


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
    shape.update(_quotes(array))
    if shape.get("inline") == _default_inline(array):
        del shape["inline"]
    return {k: v for k, v in shape.items() if DEFAULTS.get(k, object()) != v}


def _quotes(array: Node) -> dict[str, Json]:
    """The quotes of the array's first string key and first string value."""
    found: dict[str, Json] = {}
    for node, _ in containers(array, PHP_SYNTAX):
        for item in PHP_SYNTAX.items(node):
            named = [c for c in item.named_children if c.type != "comment"]
            roles = (
                list(zip(("key_quote", "value_quote"), named[:2], strict=True))
                if len(named) > 1
                else []
            )
            for role, part in [*roles, ("value_quote", named[-1])] if named else []:
                if part.type in QUOTES:
                    found.setdefault(role, QUOTES[part.type])
    return found


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


def _statement(node: Node) -> Node:
    """The top-level statement holding `node`."""
    while node.parent is not None and node.parent.type != "program":
        node = node.parent
    return node


def _is_crest(piece: Piece, node: Node) -> bool:
    scope = node.child_by_field_name("scope")
    return scope is not None and piece.src(scope).lstrip("\\") == "CRest"
