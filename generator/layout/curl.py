"""cURL tabs (`curl_webhook`, `curl_oauth`): how the `curl` command is laid out.

Read from the bash tree (tree-sitter), never from the method or the params:

- `indent`: the continuation lines' indentation (default 0);
- `request_line`: `-X POST` on a line of its own after `curl \\` (default: on the `curl` line);
- `headers`: the `-H` words as written (default: Content-Type and Accept, double-quoted);
  `token_in: header`: an `Authorization` header carries the OAuth token, so the body does not
  (where the token goes is the page's choice: the portal reads all three places; a tab with no
  token anywhere gets no such key and drifts);
- `data_flag`: `--data`, `--data-raw`, ... instead of `-d`; `body: false`: no body at all (the
  template leaves it out only when the call's params are empty);
- `json`: the body's shape (`generator/layout/shape.py`) when it is not one-line compact JSON;
  `json.auth_first`: the OAuth token is the body's first key (default: its last); `token`: the
  token's placeholder in the body, when not the template's (the token's place is the auth mode,
  a fact: a tab without it in the body drifts);
- `url_quote`, `url_base`, `url_hook`, `url_suffix`: the URL's quotes, what precedes `/rest/`, the
  webhook's user and code segments, and a `.json` after the method.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.layout.shape import Syntax, read_shape, spacing_exceptions

if TYPE_CHECKING:
    from generator.calls.trees import Node, Piece
    from generator.spec.parts import Json

DATA_FLAGS = ("-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json")
DEFAULT_HEADERS = ['"Content-Type: application/json"', '"Accept: application/json"']
DEFAULT_BASE = "https://**put_your_bitrix24_address**"
DEFAULT_HOOK = "**put_your_user_id_here**/**put_your_webhook_here**"
DEFAULT_TOKEN = "**put_access_token_here**"
COMPACT = {"comma": ",", "colon": ":", "pad": False, "pad_list": False}
JSON_SYNTAX = Syntax(
    containers=frozenset({"object", "array"}),
    mapping=frozenset({"object"}),
    keyed_item=frozenset({"pair"}),
)


def read_curl(code: str) -> dict[str, Json]:
    from generator.calls.trees import Piece

    piece = Piece(code, "bash")
    command = _curl(piece)
    if command is None:
        return {}
    args = command.children_by_field_name("argument")
    if not any("/rest/" in piece.src(a) for a in args):
        return {}  # a command that does not join (`/` for `\\`): broken, no style to keep
    layout: dict[str, Json] = {}
    layout.update(_lines(command, args))
    layout.update(_headers(piece, args))
    layout.update(_body(piece, args))
    layout.update(_url(piece, args))
    layout.update(_token(piece, args))
    return layout


def _curl(piece: Piece) -> Node | None:
    for command in piece.nodes("command"):
        name = command.child_by_field_name("name")
        if name is not None and piece.src(name) == "curl":
            return command
    return None


def _lines(command: Node, args: list[Node]) -> dict[str, Json]:
    """The continuation indent, and whether `-X POST` waits for the second line."""
    found: dict[str, Json] = {}
    row = command.start_point[0]
    starts = [a for a in args if a.start_point[0] > row]
    if starts:
        first = min(starts, key=lambda a: a.start_point)
        indent = first.start_point[1]
        if indent:
            found["indent"] = indent
    if args and args[0].start_point[0] > row:
        found["request_line"] = True
    return found


def _headers(piece: Piece, args: list[Node]) -> dict[str, Json]:
    words = [piece.src(a) for a in args]
    headers = [words[i + 1] for i, word in enumerate(words[:-1]) if word in ("-H", "--header")]
    found: dict[str, Json] = {} if headers == DEFAULT_HEADERS else {"headers": headers}
    if any("authorization:" in header.lower() for header in headers):
        found["token_in"] = "header"
    return found


def _body(piece: Piece, args: list[Node]) -> dict[str, Json]:
    words = [piece.src(a) for a in args]
    index = next((i for i, w in enumerate(words[:-1]) if w in DATA_FLAGS), None)
    if index is None:
        return {"body": False}
    found: dict[str, Json] = {} if words[index] == "-d" else {"data_flag": words[index]}
    word = args[index + 1]
    if word.type == "raw_string":
        shape = _json_shape(piece, word, _line_indent(piece, args[index]))
        if shape:
            found["json"] = shape
    return found


def _json_shape(piece: Piece, word: Node, opening: int) -> dict[str, Json]:
    """The body's JSON shape less the compact defaults; {} for one-line compact JSON."""
    from generator.calls.trees import Piece

    text = piece.src(word)[1:-1]
    literal = Piece(f"({text})", "javascript")
    statement = literal.root.named_children[0] if literal.root.named_children else None
    if literal.root.has_error or statement is None:
        return {}
    value = statement.named_children[0].named_children[0]
    if value.type not in JSON_SYNTAX.containers:
        return {}
    shape = read_shape(literal, value, JSON_SYNTAX, opening)
    comma, colon = str(shape.get("comma", ",")), str(shape.get("colon", ":"))
    shape.update(spacing_exceptions(literal, value, JSON_SYNTAX, comma, colon))
    found = {k: v for k, v in shape.items() if COMPACT.get(k, object()) != v}
    first = JSON_SYNTAX.items(value)[0] if JSON_SYNTAX.items(value) else None
    key = first.child_by_field_name("key") if first is not None else None
    if key is not None and literal.src(key) == '"auth"' and len(JSON_SYNTAX.items(value)) > 1:
        found["auth_first"] = True
    return found


def _token(piece: Piece, args: list[Node]) -> dict[str, Json]:
    """The OAuth token's placeholder in the body, when it is not the template's."""
    import json

    words = [piece.src(a) for a in args]
    index = next((i for i, w in enumerate(words[:-1]) if w in DATA_FLAGS), None)
    if index is None or args[index + 1].type != "raw_string":
        return {}
    try:
        body = json.loads(words[index + 1][1:-1])
    except ValueError:
        return {}
    token = body.get("auth") if isinstance(body, dict) else None
    return {"token": token} if isinstance(token, str) and token != DEFAULT_TOKEN else {}


def _line_indent(piece: Piece, node: Node) -> int:
    line = piece.lines[node.start_point[0]]
    return len(line) - len(line.lstrip(b" "))


def _url(piece: Piece, args: list[Node]) -> dict[str, Json]:
    word = next((a for a in args if "/rest/" in piece.src(a)), None)
    if word is None:
        return {}
    text = piece.src(word)
    found: dict[str, Json] = {}
    if word.type in ("string", "raw_string"):
        found["url_quote"], text = text[0], text[1:-1]
    base, _, rest = text.partition("/rest/")
    if base != DEFAULT_BASE:
        found["url_base"] = base
    path = rest.partition("?")[0].removeprefix("api/").split("/")
    if len(path) >= 3 and "/".join(path[:-1]) != DEFAULT_HOOK:
        found["url_hook"] = "/".join(path[:-1])
    if path[-1].endswith(".json"):
        found["url_suffix"] = ".json"
    return found
