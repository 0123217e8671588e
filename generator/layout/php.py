"""PHP CRest tabs (`php_crest`): how the `CRest::call` params array and the output are written.

Read from the PHP tree (tree-sitter):

- `params`: the array's shape (`generator/layout/shape.py`) less the template's defaults (4 spaces,
  lists of scalars on one line, no trailing comma, single quotes); `indent: 0` is an array on one
  line; its strings' quotes (`key_quote`, `value_quote`, `double`, `raw`: `_quotes`); `bare: true`
  when it writes a docs placeholder as a bare value (`'id' => **put_id**`, not valid PHP until the
  reader fills it in; the template's default quotes it); `bare_numbers: true` when it writes
  decimal keys as integers (`547 => …`; PHP turns the key `'547'` into that integer anyway);
- `call: one_line`: `$result = CRest::call('method', [...]);` opens on one line (default: the method
  and the array each on a line of their own);
- `output`: the statements after the call, as written, when they are not the template's
  `print_r` between `<PRE>` tags (the result handling and error branch some pages write by hand;
  never when they make another CRest call);
- `setup`: the code before the call's statement, as written, when it is not the template's
  `require_once('crest.php');` and a blank line (same proviso).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.calls.model import is_placeholder
from generator.layout.shape import Syntax, containers, read_shape, spacing_exceptions

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
DEFAULT_SETUP = "require_once('crest.php');\n\n"
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
    setup = piece.data[: _statement(call).start_byte].decode("utf-8", "replace")
    if setup != DEFAULT_SETUP and not _calls_crest_outside(piece, call):
        layout["setup"] = setup
    return layout


def _calls_crest_outside(piece: Piece, call: Node) -> bool:
    """Another CRest call besides the tab's own: code a layout may not carry."""
    calls = piece.nodes("scoped_call_expression")
    return any(_is_crest(piece, n) and n.start_byte != call.start_byte for n in calls)


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
    if tail.rstrip("\n") == "\n".join(PRE_OUTPUT):
        return None
    if _calls_crest_outside(piece, call):
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
    comma, colon = str(shape.get("comma", ", ")), str(shape.get("colon", " => "))
    shape.update(spacing_exceptions(piece, array, PHP_SYNTAX, comma, colon))
    shape.setdefault("indent", 0)
    shape.update(_quotes(piece, array))
    if any(_is_bare_placeholder(piece, value) for value in _values(array)):
        shape["bare"] = True
    if any(key.type == "integer" for key in _keys(array)):
        shape["bare_numbers"] = True  # `547 => …`: PHP reads the key `'547'` as this integer
    if shape.get("inline") == _default_inline(array):
        del shape["inline"]
    return {k: v for k, v in shape.items() if DEFAULTS.get(k, object()) != v}


def _quotes(piece: Piece, array: Node) -> dict[str, Json]:
    """How the array quotes its strings: `value_quote` / `key_quote` when every value / key is
    double-quoted, else `double`, the numbers (keys and values in source order) of those that are;
    `raw: true` when a single-quoted string holds a character PHP would otherwise escape."""
    strings = list(_strings(array))
    double = [n for n, node in enumerate(strings) if node.type == "encapsed_string"]
    found: dict[str, Json] = {}
    if any(node.type == "string" and _unprintable(piece.src(node)) for node in strings):
        found["raw"] = True
    if not double:
        return found
    keys = {n for n, node in enumerate(strings) if _is_key(node)}
    if set(double) == set(range(len(strings))):
        return {**found, "key_quote": '"', "value_quote": '"'}
    if set(double) == set(range(len(strings))) - keys:
        return {**found, "value_quote": '"'}
    return {**found, "double": double}


def _strings(array: Node) -> Iterator[Node]:
    """The array's string literals, keys before their values, in source order."""
    for item in PHP_SYNTAX.items(array):
        named = [c for c in item.named_children if c.type != "comment"]
        if len(named) > 1 and named[0].type in QUOTES:
            yield named[0]
        value = PHP_SYNTAX.value(item)
        if value.type in PHP_SYNTAX.containers:
            yield from _strings(value)
        elif value.type in QUOTES:
            yield value


def _keys(array: Node) -> Iterator[Node]:
    """The array's keys at every depth, in source order."""
    for item in PHP_SYNTAX.items(array):
        named = [c for c in item.named_children if c.type != "comment"]
        if len(named) > 1:
            yield named[0]
        value = PHP_SYNTAX.value(item)
        if value.type in PHP_SYNTAX.containers:
            yield from _keys(value)


def _values(array: Node) -> Iterator[Node]:
    """The array's scalar values at every depth, in source order."""
    for item in PHP_SYNTAX.items(array):
        value = PHP_SYNTAX.value(item)
        if value.type in PHP_SYNTAX.containers:
            yield from _values(value)
        else:
            yield value


def _is_bare_placeholder(piece: Piece, node: Node) -> bool:
    """A value the parser read as a name because the docs wrote `**put_id**` there
    (generator/calls/trees.py: PLACEHOLDER)."""
    return is_placeholder(piece.src(node))


def _is_key(node: Node) -> bool:
    parent = node.parent
    if parent is None or parent.type not in PHP_SYNTAX.keyed_item:
        return False
    named = [c for c in parent.named_children if c.type != "comment"]
    return len(named) > 1 and named[0].start_byte == node.start_byte


def _unprintable(text: str) -> bool:
    import unicodedata

    return any(unicodedata.category(c) in ("Cc", "Cf") for c in text if c not in "\n\t\r")


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
