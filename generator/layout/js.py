"""Layout slots of the b24jssdk tabs, JS (TS) and JS (UMD): the parts the docs write by hand.

The templates render the scaffold (imports, `declare const $b24`, the frame set-up, try/catch, the
`call.make({method, params, requestId})` call, the `isSuccess` check, the error lines) from the
page's facts. What each page words for itself is read here, with tree-sitter, as slots:

- `comments`: whether the tab carries the scaffold's explanatory comments (a few pages drop them);
- `sdk_types`: type names imported from the SDK besides `B24Frame` (`ISODate`);
- `types`: the TS declarations between `declare const $b24` and `try` (the result's shape), with
  the blank line that ends them;
- `result_type`: the type argument of `call.make<…>` (None: the call has none);
- `function_name`: the UMD helper run on DOMContentLoaded;
- `pagination_note`: the tab carries the single-page note of list calls (the template words it,
  `note_page` and `note_variant` the page size and the variant it names, when a page words them
  otherwise);
- `params_shape`: the params literal's layout (`generator/layout/shape.py`) less `js_object`'s,
  with `bare_numbers` when numeric keys go unquoted; `start_zero`: an explicit `start: 0`;
- `result_name` / `result_lines`: the variable the payload goes to, and the statements that use
  it, dedented (`console.info(...)` lines, loops, comments).

A slot is only read from code in the scaffold's shape; what it cannot place is left out, and the
template's default stands (slots equal to the defaults are left out too: `{}` is the default).
No slot holds the method or the params: those stay facts, so a tab whose call differs still
drifts in `exact` mode.
"""

from __future__ import annotations

from generator.calls.js import api_of, script_bodies
from generator.calls.trees import Node, Piece, walk
from generator.layout.shape import Syntax, containers, read_shape
from generator.spec.parts import Json

JS_SYNTAX = Syntax(
    containers=frozenset({"object", "array"}),
    mapping=frozenset({"object"}),
    keyed_item=frozenset({"pair"}),
)
# How `js_object` writes a params literal (generator/render/literals.py): the shape a tab needs
# no slot for. Lists of scalars stay on one line.
PARAMS_DEFAULTS: dict[str, Json] = {
    "indent": 2,
    "comma": ", ",
    "colon": ": ",
    "pad": False,
    "pad_list": False,
    "trailing_comma": True,
}
SDK_MODULE = "@bitrix24/b24jssdk"
FRAME_TYPE = "B24Frame"
# The single-page note of list calls, line by line, as the templates word it (after the method
# that starts it). A page may word `{page}` and `{variant}` otherwise (slots); `{version}` is the
# call's REST version, a fact. tests/test_layout_js.py renders the note and reads it back.
NOTE = (
    "returns a single page{page}. For the whole result set",
    "use a list helper: $b24.actions.{version}.callList.make() returns every record as one",
    "array, $b24.actions.{version}.fetchList.make() yields them in chunks (async generator).",
    "NOTE: the list helpers do not accept `order` (it is excluded from their params, so",
    "passing it is a TS error) — keep this call.make + {variant} variant when sort matters.",
)
NOTE_DEFAULTS = {"page": " (max 50 records)", "variant": "`start`"}
# What a tab in the template's default layout reads as: left out of the layout (`{}` is the default)
DEFAULTS: dict[str, Json] = {
    "comments": True,
    "sdk_types": [],
    "types": "",
    "pagination_note": False,
    "result_name": "result",
    "result_lines": "console.info(result)",
}


def read_ts_layout(code: str) -> dict[str, Json]:
    """The slots of a JS (TS) tab: a top-level `try` after `declare const $b24: B24Frame`."""
    piece = Piece(code, "typescript")
    top = piece.root.named_children
    declare = next((i for i, n in enumerate(top) if n.type == "ambient_declaration"), None)
    tries = [i for i, n in enumerate(top) if n.type == "try_statement"]
    if piece.root.has_error or declare is None or len(tries) != 1 or tries[0] < declare:
        return {}
    slots: dict[str, Json] = {"comments": top[0].type == "comment"}
    slots["sdk_types"] = _sdk_types(piece, top[:declare])
    between = top[declare + 1 : tries[0]]
    # the declarations with the blank line(s) that part them from `try`, as written
    if between and _calls_the_api(piece, between[0].start_byte, top[tries[0]].start_byte):
        return {}
    slots["types"] = _text(piece, between[0], top[tries[0]]) if between else ""
    body = top[tries[0]].child_by_field_name("body")
    if body is not None:
        slots.update(_ts_try_body(piece, body.named_children))
    return _less_defaults(slots)


def read_umd_layout(code: str) -> dict[str, Json]:
    """The slots of a JS (UMD) tab: an inline script holding `async function name() { try … }`
    and the DOMContentLoaded listener."""
    for _, body in script_bodies(code):
        piece = Piece(body, "javascript")
        functions = [n for n in piece.root.named_children if n.type == "function_declaration"]
        if piece.root.has_error or len(functions) != 1:
            continue
        return _less_defaults(_umd_function(piece, functions[0]))
    return {}


def _less_defaults(slots: dict[str, Json]) -> dict[str, Json]:
    return {k: v for k, v in slots.items() if k not in DEFAULTS or DEFAULTS[k] != v}


def _umd_function(piece: Piece, function: Node) -> dict[str, Json]:
    name = function.child_by_field_name("name")
    body = function.child_by_field_name("body")
    slots: dict[str, Json] = {"function_name": piece.src(name) if name is not None else None}
    statements = body.named_children if body is not None else []
    if len(statements) != 1 or statements[0].type != "try_statement":
        return slots
    block = statements[0].child_by_field_name("body")
    inner = block.named_children if block is not None else []
    slots["comments"] = bool(inner) and inner[0].type == "comment"
    response = _response_index(piece, inner)
    if response is None:
        return slots
    slots.update(_note(piece, inner, response))
    slots.update(_params_layout(piece, inner[response]))
    checks = [i for i in range(response + 1, len(inner)) if inner[i].type == "if_statement"]
    if checks:
        slots.update(_result(piece, inner[checks[0] + 1 :]))
    return slots


def _ts_try_body(piece: Piece, inner: list[Node]) -> dict[str, Json]:
    response = _response_index(piece, inner)
    if response is None:
        return {}
    slots = _note(piece, inner, response)
    slots["result_type"] = _type_argument(piece, inner[response])
    slots.update(_params_layout(piece, inner[response]))
    check = next((n for n in inner[response + 1 :] if n.type == "if_statement"), None)
    alternative = check.child_by_field_name("alternative") if check is not None else None
    if alternative is not None and alternative.named_children:
        slots.update(_result(piece, alternative.named_children[0].named_children))
    return slots


def _sdk_types(piece: Piece, imports: list[Node]) -> list[Json]:
    """Names of `import type { B24Frame, … } from '@bitrix24/b24jssdk'` besides `B24Frame`."""
    names: list[Json] = []
    for node in imports:
        source = node.child_by_field_name("source")
        is_type = any(child.type == "type" for child in node.children)
        if node.type != "import_statement" or not is_type or source is None:
            continue
        if piece.src(source).strip("'\"") != SDK_MODULE:
            continue
        for specifier in walk(node):
            name = piece.src(specifier)
            if specifier.type == "import_specifier" and name != FRAME_TYPE:
                names.append(name)
    return names


def _response_index(piece: Piece, statements: list[Node]) -> int | None:
    """Where `const response = await $b24.actions…make(…)` stands among the statements."""
    for index, node in enumerate(statements):
        declarator = _declarator(node)
        if declarator is not None and _name(piece, declarator) == "response":
            return index
    return None


def _note(piece: Piece, statements: list[Node], response: int) -> dict[str, Json]:
    """The comments right above the call: the single-page note of list calls, or none."""
    start = response
    while start > 0 and statements[start - 1].type == "comment":
        start -= 1
    lines = [piece.src(node).removeprefix("//").strip() for node in statements[start:response]]
    first = lines[0].split(" ", 1) if lines else []
    if len(first) != 2 or len(lines) != len(NOTE):
        return {"pagination_note": False}
    found: dict[str, str] = {}
    for line, wording in zip((first[1], *lines[1:]), NOTE, strict=True):
        if not _fill(line, wording, found):
            return {"pagination_note": False}
    if found.get("version", "v2") not in ("v2", "v3"):
        return {"pagination_note": False}
    slots: dict[str, Json] = {"pagination_note": True}
    for name, default in NOTE_DEFAULTS.items():
        if found[name] != default:
            slots[f"note_{name}"] = found[name]
    return slots


def _fill(line: str, wording: str, found: dict[str, str]) -> bool:
    """Whether `line` is `wording` with its one `{name}` filled in (recorded in `found`; a name
    filled twice must agree)."""
    if "{" not in wording:
        return line == wording
    head, rest = wording.split("{", 1)
    name, tail = rest.split("}", 1)
    if not (line.startswith(head) and line.endswith(tail) and len(line) >= len(head + tail)):
        return False
    value = line[len(head) : len(line) - len(tail)]
    return found.setdefault(name, value) == value


def _call(statement: Node) -> Node | None:
    """The `…call.make(…)` of `const response = await …`."""
    declarator = _declarator(statement)
    value = declarator.child_by_field_name("value") if declarator is not None else None
    if value is not None and value.type == "await_expression" and value.named_children:
        value = value.named_children[0]  # JavaScript: `await f(…)`; TS reads `(await f)<T>(…)`
    return value if value is not None and value.type == "call_expression" else None


def _type_argument(piece: Piece, statement: Node) -> Json:
    call = _call(statement)
    arguments = call.child_by_field_name("type_arguments") if call is not None else None
    if arguments is None:
        return None
    return piece.src(arguments)[1:-1]


def _params(piece: Piece, statement: Node) -> Node | None:
    """The value of `params:` in the options object of the call."""
    call = _call(statement)
    arguments = call.child_by_field_name("arguments") if call is not None else None
    options = arguments.named_children[0] if arguments and arguments.named_children else None
    if options is None or options.type != "object":
        return None
    for pair in options.named_children:
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if key is not None and value is not None and piece.src(key) == "params":
            return value
    return None


def _params_layout(piece: Piece, statement: Node) -> dict[str, Json]:
    """`params_shape`: how the params literal is laid out, less what `js_object` does anyway;
    `start_zero`: the literal spells out `start: 0`, the first page, which the canonical call
    leaves out (the `call` drift mode ignores it too)."""
    value = _params(piece, statement)
    if value is None or value.type not in JS_SYNTAX.containers or not JS_SYNTAX.items(value):
        return {}  # an empty literal has no shape to keep
    slots: dict[str, Json] = {}
    if value.type == "object" and "start: 0" in (piece.src(p) for p in JS_SYNTAX.items(value)):
        slots["start_zero"] = True
    shape = read_shape(piece, value, JS_SYNTAX)
    shape.setdefault("indent", 0)
    if shape.get("inline") == _default_inline(value):
        del shape["inline"]
    changed = {k: v for k, v in shape.items() if PARAMS_DEFAULTS.get(k, object()) != v}
    if any(key.type == "number" for key in _pair_keys(value)):
        changed["bare_numbers"] = True
    if changed:
        slots["params_shape"] = changed
    return slots


def _pair_keys(literal: Node) -> list[Node]:
    """The keys of every pair in the literal, at any depth."""
    pairs = (node for node in walk(literal) if node.type == "pair")
    return [key for pair in pairs if (key := pair.child_by_field_name("key")) is not None]


def _default_inline(literal: Node) -> list[int]:
    """The containers `js_object` writes on one line: lists of scalars (numbered as `read_shape`
    numbers them, inside a multi-line parent)."""
    found = []
    for number, (node, parent) in enumerate(containers(literal, JS_SYNTAX)):
        values = [JS_SYNTAX.value(item) for item in JS_SYNTAX.items(node)]
        scalars = values and not any(v.type in JS_SYNTAX.containers for v in values)
        multiline_parent = parent is not None and parent.start_point[0] != parent.end_point[0]
        if multiline_parent and scalars and node.type == "array":
            found.append(number)
    return found


def _result(piece: Piece, statements: list[Node]) -> dict[str, Json]:
    """`const result = response.getData()…` and the statements after it, dedented (no such
    declaration: `result_name` is None and the lines are all the statements)."""
    if not statements:
        return {}
    declarator = _declarator(statements[0])
    column = statements[0].start_point[1]
    if declarator is not None:
        begin, rest = statements[0].end_byte + 1, statements[1:]
    else:
        begin, rest = statements[0].start_byte - column, statements
    end = rest[-1].end_byte if rest else begin
    if _calls_the_api(piece, begin, end):
        return {}  # another REST call: a fact, which no slot may carry
    lines = _dedent(piece.data[begin:end].decode("utf-8"), column)
    if lines is None:
        return {}
    name = _name(piece, declarator) if declarator is not None else None
    return {"result_name": name, "result_lines": lines}


def _calls_the_api(piece: Piece, start: int, end: int) -> bool:
    """Whether the code between the byte offsets calls the SDK (`$b24.actions…`, `BX24.…`)."""
    for node in piece.nodes("call_expression"):
        callee = node.child_by_field_name("function")
        if callee is not None and callee.type == "await_expression" and callee.named_children:
            callee = callee.named_children[0]
        inside = start <= node.start_byte and node.end_byte <= end
        if inside and callee is not None and api_of("".join(piece.src(callee).split())):
            return True
    return False


def _dedent(text: str, column: int) -> str | None:
    """`text` with `column` spaces taken off each line; None when a line has fewer (a multi-line
    string, say: re-indenting it would change the tab)."""
    prefix = " " * column
    out = []
    for line in text.split("\n"):
        if line and not line.startswith(prefix):
            return None
        out.append(line[column:])
    return "\n".join(out)


def _declarator(statement: Node) -> Node | None:
    if statement.type != "lexical_declaration" or statement.named_child_count != 1:
        return None
    declarator = statement.named_children[0]
    return declarator if declarator.type == "variable_declarator" else None


def _name(piece: Piece, declarator: Node) -> str:
    name = declarator.child_by_field_name("name")
    return piece.src(name) if name is not None else ""


def _text(piece: Piece, first: Node, following: Node) -> str:
    """From `first` up to where `following` starts."""
    return piece.data[first.start_byte : following.start_byte].decode("utf-8")
