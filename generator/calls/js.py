"""JavaScript and TypeScript tabs (b24jssdk actions v2/v3, legacy `$b24.callMethod`, BX24.js),
and HTML tabs, whose `<script>` bodies are read with the JavaScript grammar."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from itertools import accumulate

from generator.calls.js_interface import CALLBACKS, read_interface
from generator.calls.js_result import js_result_access
from generator.calls.literals import js_key, js_value
from generator.calls.model import CallModel, Json, unreadable
from generator.calls.shared import batch_methods, first_readable, join_calls, sdk_call
from generator.calls.trees import Node, Piece, args_of, in_source_order, kind_ids


@dataclass(frozen=True, slots=True)
class Api:
    sdk: str
    style: str
    version: int | None
    keyword: bool  # one object argument {method, params} rather than positional (method, params)


ACTIONS = {"call": "single", "callList": "list", "fetchList": "list", "batch": "batch"}
LEGACY = {
    "callMethod": "single",
    "callListMethod": "list",
    "fetchListMethod": "list",
    "callBatch": "batch",
}


def api_of(callee: str) -> Api | None:
    """Which SDK entry point a dotted callee is (`$b24.actions.v2.call.make`, `BX24.callMethod`)."""
    parts = callee.split(".")
    if len(parts) >= 4 and parts[-1] == "make" and parts[-4] == "actions":
        version, action = parts[-3], parts[-2]
        if version in ("v2", "v3") and action in ACTIONS:
            return Api(f"b24jssdk-{version}", ACTIONS[action], int(version[1]), True)
    if len(parts) >= 2 and parts[-1] in LEGACY:
        sdk = "bx24js" if parts[-2] == "BX24" else "b24jssdk-legacy"
        return Api(sdk, LEGACY[parts[-1]], None, False)
    return None


def read_js(piece: Piece, language: str) -> CallModel:
    return _read_pieces([piece], language)


def read_html(code: str) -> CallModel:
    pieces = [Piece(body, "javascript", code, base) for base, body in script_bodies(code)]
    if not pieces:
        return unreadable("no-call", "b24jssdk-v2", "html")
    return _read_pieces(pieces, "html")


def _read_pieces(pieces: list[Piece], language: str) -> CallModel:
    found = [(piece, call, api) for piece in pieces for call, api in _sdk_calls(piece)]
    if not found:  # no REST call: a widget function of the JS interface, if the tab calls one
        interface = next((m for p in pieces if (m := read_interface(p, language))), None)
        if interface is not None:
            return interface
        reason = "parse-error" if any(p.root.has_error for p in pieces) else "no-call"
        return unreadable(reason, "b24jssdk-v2" if language == "html" else "unknown", language)
    models = [_model(piece, call, api, language) for piece, call, api in found]
    access = tuple(a for p in pieces for a in js_result_access(p))
    return join_calls(first_readable(models), models, access)


# A callee api_of knows ends with an entry point's name (`make`, `callMethod`, `callBatch`...),
# whitespace aside: a callee whose last byte is ASCII, not whitespace and not one of those names'
# last letters calls something else (most of a tab's calls: `console.log`, `JSON.stringify`).
API_ENDS = {name[-1] for name in ("make", *LEGACY)}
NOT_API_END = [b < 0x80 and not chr(b).isspace() and chr(b) not in API_ENDS for b in range(256)]


def _maybe_sdk_calls(piece: Piece) -> list[Node]:
    """The calls whose callee may be an SDK entry point, in source order: the others are left
    out by their callee's last byte, before their callee's text is made (an `await f<T>(...)`
    callee is always kept: its member is inside)."""
    data, awaits = piece.data, kind_ids(piece.grammar, "await_expression")
    maybe: list[Node] = []
    for node in piece.captured("call_expression"):
        callee = node.child_by_field_name("function")
        if callee is None:
            continue
        end = callee.end_byte
        if end and NOT_API_END[data[end - 1]] and callee.kind_id not in awaits:
            continue
        maybe.append(node)
    return in_source_order(maybe)


def _sdk_calls(piece: Piece) -> list[tuple[Node, Api]]:
    found: list[tuple[Node, Api]] = []
    for node in _maybe_sdk_calls(piece):
        callee = node.child_by_field_name("function")
        if callee is not None and callee.type == "await_expression":
            # TS reads `await f<T>(...)` as `(await f)<T>(...)`
            callee = callee.named_children[0] if callee.named_children else None
        if callee is None or callee.type != "member_expression":
            continue
        api = api_of("".join(piece.src(callee).split()))
        if api is not None:
            found.append((node, api))
    return found


def _model(piece: Piece, call: Node, api: Api, language: str) -> CallModel:
    args = args_of(call)
    if api.style == "batch":
        return _batch(piece, args, api, language)
    method_node, params_node = _method_and_params(piece, args, api)
    if method_node is None or method_node.type != "string":
        reason = "no-call" if method_node is None else "method-not-literal"
        return unreadable(reason, api.sdk, language, auth="sdk")
    method = str(js_value(piece, method_node))
    params: Json = {}
    if params_node is not None and params_node.type in CALLBACKS:
        params_node = None  # `BX24.callMethod('m', callback)`: no parameters
    if params_node is not None:
        params_node = _resolve(piece, params_node)
        if params_node.type not in ("object", "array"):
            return unreadable(
                "params-not-literal", api.sdk, language, method=method, calls=(method,), auth="sdk"
            )
        params = js_value(piece, params_node)
    return sdk_call(
        piece, params_node, sdk=api.sdk, language=language, method=method, params=params,
        style=api.style, version=api.version,
    )  # fmt: skip


def _method_and_params(piece: Piece, args: list[Node], api: Api) -> tuple[Node | None, Node | None]:
    if not api.keyword:
        return (args[0] if args else None), (args[1] if len(args) > 1 else None)
    options = _resolve(piece, args[0]) if args else None
    if options is None or options.type != "object":
        return None, None
    members = _members(piece, options)
    return members.get("method"), members.get("params")


def _members(piece: Piece, obj: Node) -> dict[str, Node]:
    members: dict[str, Node] = {}
    for pair in obj.named_children:
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if pair.type == "pair" and key is not None and value is not None:
            members[js_key(piece, key)] = value
        elif pair.type == "shorthand_property_identifier":
            members[piece.src(pair)] = pair
    return members


def _batch(piece: Piece, args: list[Node], api: Api, language: str) -> CallModel:
    calls_node = args[0] if args else None
    if calls_node is not None and api.keyword:
        options = _resolve(piece, calls_node)
        calls_node = _members(piece, options).get("calls") if options.type == "object" else None
    if calls_node is None:
        return unreadable("no-call", api.sdk, language, auth="sdk")
    calls_node = _resolve(piece, calls_node)
    if calls_node.type not in ("object", "array"):
        return unreadable("params-not-literal", api.sdk, language, method="batch", auth="sdk")
    params = js_value(piece, calls_node)
    return sdk_call(
        piece, calls_node, sdk=api.sdk, language=language, method="batch", params=params,
        style="batch", version=api.version, calls=("batch", *batch_methods(params)),
    )  # fmt: skip


def _resolve(piece: Piece, node: Node) -> Node:
    """An identifier's value when the code declares it once with a literal (`const params = {...}`)."""
    if node.type != "identifier":
        return node
    name = piece.src(node)
    for declarator in piece.nodes("variable_declarator"):
        if declarator.type != "variable_declarator":
            continue
        target, value = (
            declarator.child_by_field_name("name"),
            declarator.child_by_field_name("value"),
        )
        if target is not None and value is not None and piece.src(target) == name:
            return value if value.type in ("object", "array") else node
    return node


@lru_cache(maxsize=64)
def script_bodies(code: str) -> tuple[tuple[int, str], ...]:
    """The HTML's inline `<script>` bodies with their offsets. The call reader and the layout
    reader of a JS (UMD) tab both ask: the HTML is parsed once (by hand when it has the shape
    of nearly every tab, see `plain_tab_bodies`)."""
    bodies = plain_tab_bodies(code)
    if bodies is not None:
        return bodies
    scripts = ScriptBodies()
    scripts.feed(code)
    scripts.close()
    return tuple(scripts.bodies)


SPACE = " \t\r\n"
COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"
SDK_TAG_OPEN, SDK_TAG_CLOSE = '<script src="', '"></script>'
SCRIPT_OPEN, SCRIPT_CLOSE = "<script>", "</script>"


def plain_tab_bodies(code: str) -> tuple[tuple[int, str], ...] | None:
    """ScriptBodies' answer for HTML made only of whitespace, plain comments, `<script src="...">
    </script>` tags and `<script>` elements whose body holds no `</` or `<!--` (1,561 of the 1,582
    tabs an RU check reads); None for anything else, which the HTML tokenizer reads. Each piece
    is one the tokenizer reads one way only (no `--`, `<` or `>` in a comment, no quote, `&`,
    `<`, `>` or space in the address, lower-case tags), so the answer is its answer."""
    bodies: list[tuple[int, str]] = []
    at, size = _past_space(code, 0), len(code)
    while at < size:
        if code.startswith(COMMENT_OPEN, at):
            end = code.find(COMMENT_CLOSE, at + len(COMMENT_OPEN))
            if end < 0 or not _plain_comment(code[at + len(COMMENT_OPEN) : end]):
                return None
            at = end + len(COMMENT_CLOSE)
        elif code.startswith(SDK_TAG_OPEN, at):
            end = code.find(SDK_TAG_CLOSE, at + len(SDK_TAG_OPEN))
            address = code[at + len(SDK_TAG_OPEN) : end]
            if end < 0 or any(c in address for c in '"&<> \t\r\n\f'):
                return None
            at = end + len(SDK_TAG_CLOSE)
        elif code.startswith(SCRIPT_OPEN, at):
            start = at + len(SCRIPT_OPEN)
            end = code.find(SCRIPT_CLOSE, start)
            body = code[start:end]
            if end < 0 or "</" in body or COMMENT_OPEN in body:
                return None
            if body:
                bodies.append((start, body))
            at = end + len(SCRIPT_CLOSE)
        else:
            return None
        at = _past_space(code, at)
    return tuple(bodies)


def _plain_comment(text: str) -> bool:
    """A comment body that ends at the first `-->` for every HTML tokenizer."""
    if any(mark in text for mark in ("--", "<", ">")):
        return False
    return not text.startswith("-") and not text.endswith("-")


def _past_space(code: str, at: int) -> int:
    while at < len(code) and code[at] in SPACE:
        at += 1
    return at


class ScriptBodies(HTMLParser):
    """Inline `<script>` bodies with their character offsets in the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.bodies: list[tuple[int, str]] = []
        self._line_starts: list[int] = []
        self._in_script = False

    def feed(self, data: str) -> None:
        self._line_starts = list(
            accumulate((len(line) for line in data.split("\n")), lambda a, b: a + b + 1, initial=0)
        )
        super().feed(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script" and not any(name == "src" for name, _ in attrs)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            line, col = self.getpos()
            self.bodies.append((self._line_starts[line - 1] + col, data))
