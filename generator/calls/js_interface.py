"""JS-interface calls: a widget function of BX24.js (`BX24.placement.call('getStatus', {}, cb)`) or
its b24jssdk twin (`$b24.placement.call('getStatus')`), read when a tab makes no REST call.

The method is the function as BX24.js names it (`BX24.placement.call`), whichever library the tab
calls it through; the params are the arguments that are data, in order (a callback is the tab's own
code). Trailing empty objects are left out: BX24.js wants the parameters argument before the
callback, b24jssdk takes none for a command without parameters, and both send the same command.
"""

from __future__ import annotations

from generator.calls.literals import js_value
from generator.calls.model import CallModel, Json, unreadable
from generator.calls.shared import first_readable, join_calls
from generator.calls.trees import Node, Piece, args_of, span_of

INTERFACE = "BX24.placement"  # the spelling of the method: BX24.placement.<function>
SDK_OF_OWNER = {"BX24.placement": "bx24js", "$b24.placement": "b24jssdk-placement"}
CALLBACKS = ("arrow_function", "function_expression", "function")
STYLE = "interface"
# b24jssdk answers BX24.placement.info() with properties of its placement manager
PROPERTIES = {"$b24.placement.placement": "info", "$b24.placement.options": "info"}
PROPERTY_SDK = SDK_OF_OWNER["$b24.placement"]


def read_interface(piece: Piece, language: str) -> CallModel | None:
    """The tab's widget-function calls, the first one as the main call; None when it makes none."""
    models = [
        _model(piece, node, sdk, f"{INTERFACE}.{function}", language)
        for node, sdk, function in _interface_calls(piece)
    ]
    if not models:
        read = _properties_read(piece)[:1]
        models = [
            _model(piece, None, PROPERTY_SDK, f"{INTERFACE}.{name}", language) for name in read
        ]
    return join_calls(first_readable(models), models, ()) if models else None


def _properties_read(piece: Piece) -> list[str]:
    sources = ("".join(piece.src(node).split()) for node in piece.nodes("member_expression"))
    return [PROPERTIES[source] for source in sources if source in PROPERTIES]


def _interface_calls(piece: Piece) -> list[tuple[Node, str, str]]:
    found: list[tuple[Node, str, str]] = []
    for node in piece.nodes("call_expression"):
        callee = node.child_by_field_name("function")
        if callee is None or callee.type != "member_expression":
            continue
        owner, _, function = "".join(piece.src(callee).split()).rpartition(".")
        sdk = SDK_OF_OWNER.get(owner)
        if sdk is not None and function.isidentifier():
            found.append((node, sdk, function))
    return found


def _model(piece: Piece, call: Node | None, sdk: str, method: str, language: str) -> CallModel:
    arguments = args_of(call) if call is not None else []
    data = [arg for arg in arguments if arg.type not in CALLBACKS]
    if any(arg.has_error for arg in data):
        return unreadable("parse-error", sdk, language, method=method, calls=(method,), auth="sdk")
    values: list[Json] = [js_value(piece, arg) for arg in data]
    while values and values[-1] == {}:
        values.pop()
    span = None
    if data:
        start, end = piece.span(data[0]).start, piece.span(data[-1]).end
        span = span_of(piece.full, start, end)
    return CallModel(
        readable=True,
        reason=None,
        sdk=sdk,
        language=language,
        method=method,
        params=values,
        params_span=span,
        auth="sdk",
        style=STYLE,
        rest_version=None,
        result_access=(),
        calls=(method,),
    )
