"""Hand-written method specs for the typed-client tests (shaped like MethodSpec, facts only).

`P`, `Response`, `Method` carry exactly the attributes the client model reads, so the tests do
not depend on the method-page extractor; `contract_of` turns a spec into the REST double's
`MethodContract`, independently of the generated code.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from generator.clients.inputs import MethodLike
from generator.clients.model import auth_rules, select_methods
from generator.clients.results import payload_of
from generator.clients.types import CType, docs_type
from tests.support.rest_double import MethodContract


@dataclass(frozen=True)
class P:
    name: str
    type: str | None = "string"
    required: bool = False
    description: str = ""
    children: tuple[P, ...] = ()
    wildcard: bool = False


@dataclass(frozen=True)
class Response:
    example: object = None
    fields: tuple[P, ...] = ()


@dataclass(frozen=True)
class Source:
    path: str


@dataclass(frozen=True)
class Method:
    method: str | None
    scopes: tuple[str, ...] = ("crm",)
    params: tuple[P, ...] = ()
    response: Response | None = None
    auth: dict[str, bool] = field(default_factory=dict)
    rest_version: object = 2
    description: str = ""
    source: Source = Source("api-reference/x.md")


def envelope(result: object) -> dict[str, object]:
    return {"result": result, "time": {"start": 1.0, "finish": 1.1, "duration": 0.1}}


DEAL_ADD = Method(
    "crm.deal.add",
    params=(
        P(
            "fields",
            "object",
            True,
            "Deal fields.",
            (
                P("TITLE", "string"),
                P("TYPE_ID", "crm_status"),
                P("OPPORTUNITY", "double"),
                P("CONTACT_IDS", "crm_contact[]"),
                P("UF_CRM_...", "any", wildcard=True),
            ),
        ),
        P("params", "object", False, "", (P("REGISTER_SONET_EVENT", "char"),)),
    ),
    response=Response(envelope(11), (P("result", "integer"),)),
    description="Creates a deal.\n\nMore words.",
    source=Source("api-reference/crm/deals/crm-deal-add.md"),
)

DEAL_GET = Method(
    "crm.deal.get",
    params=(P("id", "integer", True),),
    response=Response(
        envelope(
            {
                "ID": "11",
                "TITLE": "Deal",
                "OPPORTUNITY": "100.00",
                "CLOSED": "N",
                "COMMENTS": None,
                "CONTACT_IDS": [{"CONTACT_ID": 3, "SORT": 10}, {"CONTACT_ID": 4}],
                "PRODUCTS": {"12": {"PRICE": 1.5}, "15": {"PRICE": 2}},
            }
        ),
        (P("result", "object", children=(P("TITLE", "string", description="Title."),)),),
    ),
    source=Source("api-reference/crm/deals/crm-deal-get.md"),
)

EVENT_BIND = Method(
    "event.bind",
    scopes=(),
    params=(
        P("event", "string", True),
        P("handler", "string", True),
        P("auth_type", "integer"),
        P("event_type", "string"),
    ),
    response=Response(envelope(True)),
    auth={"app_only": True, "webhook": False},
    source=Source("api-reference/events/event-bind.md"),
)

USER_CURRENT = Method(
    "user.current",
    scopes=("user", "user_basic"),
    response=Response(envelope({"ID": "1", "ADMIN": True, "NAME": "Ann"})),
)

ODD_NAMES = Method(
    "crm.item.list",
    params=(
        P("entityTypeId", "integer", True),
        P("from", "string"),
        P("ID", "integer"),
        P("id", "string"),
        P("client", "string"),
        P("select", "string[]"),
        P("filter", "object", children=(P(">=DATE", "datetime"),)),
        P("order", "object"),
    ),
    response=Response(envelope({"items": [{"id": 1}], "total": 1})),
)

V3_METHOD = Method(
    "main.eventlog.list",
    scopes=("main",),
    params=(P("select", "string[]"), P("pagination", "object", children=(P("limit", "integer"),))),
    response=Response(envelope({"items": []})),
    rest_version=3,
)

V3_UNLISTED = Method(  # REST 3.0 in the docs, not in b24pysdk 1.3.2's v3 list
    "call.followup.list",
    scopes=("telephony",),
    response=Response(envelope({"items": []})),
    rest_version=3,
)

NO_METHOD = Method(None)
BROWSER = Method("BX24.placement.call", scopes=("placement",))  # the browser library: no client
DUPLICATE = Method("crm.deal.get", params=(), source=Source("api-reference/other.md"))
V3_TWIN = Method(  # the same name on a REST 3.0 page, with more params: the REST 2 page wins
    "crm.deal.get",
    params=(P("id", "integer", True), P("select", "string[]")),
    rest_version=3,
    source=Source("api-reference/crm/deals/crm-deal-get-rest-v3.md"),
)

FIXTURE = [
    DEAL_ADD,
    DEAL_GET,
    EVENT_BIND,
    USER_CURRENT,
    ODD_NAMES,
    V3_METHOD,
    V3_UNLISTED,
    NO_METHOD,
    BROWSER,
    DUPLICATE,
    V3_TWIN,
]


def contract_of(spec: MethodLike) -> MethodContract:
    """The double's view of a spec: auth rule, required top-level params, their kinds, result."""
    _, webhook = auth_rules(spec.auth)
    types: dict[str, str] = {}
    for param in (p for p in spec.params if not p.wildcard):
        kind = docs_type(param.type)[0].kind
        if param.children and kind in ("dict", "any"):
            kind = "object"
        types.setdefault(param.name, {"dict": "object", "map": "object"}.get(kind, kind))
    _, value = payload_of(spec.response.example if spec.response else None)
    required = tuple(p.name for p in spec.params if p.required and not p.wildcard)
    return MethodContract(webhook=webhook, required=required, types=types, result=value)


def contracts(specs: Iterable[MethodLike]) -> dict[str, MethodContract]:
    return {str(spec.method): contract_of(spec) for spec in select_methods(specs)}


# --- sample values and execution against the double ----------------------------------------------


def sample_value(ctype: CType) -> object:
    """A value of `ctype` the double accepts (shapes get their required keys)."""
    if ctype.kind in _SCALAR_SAMPLES:
        return _SCALAR_SAMPLES[ctype.kind]
    if ctype.kind == "list" and ctype.item is not None:
        return [sample_value(ctype.item)]
    if ctype.kind == "map" and ctype.item is not None:
        return {"k": sample_value(ctype.item)}
    if ctype.kind == "shape" and ctype.shape is not None:
        members = [m for m in ctype.shape.members if m.required] or list(ctype.shape.members[:1])
        return {m.key: sample_value(m.type) for m in members} or {"KEY": "value"}
    return {"KEY": "value"}


_SCALAR_SAMPLES: dict[str, object] = {
    "str": "text",
    "int": 7,
    "float": 1.5,
    "bool": True,
    "any": "x",
}


def write_tree(files: dict[str, bytes], root: Path) -> Path:
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def import_fresh(package_root: Path, name: str) -> ModuleType:
    """Import the generated package `name` from `package_root`, forgetting any earlier import."""
    for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[loaded]
    sys.path.insert(0, str(package_root))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(package_root))


def corpus_method_specs(root: Path) -> list[MethodLike]:
    """Every method spec of a docs tree, read as the method-page corpus tests read them."""
    from tests.test_method_corpus import method_pages, read_specs

    return list(read_specs(root, method_pages(root)).values())


HOSTILE = Method(  # keys and descriptions that each target language must quote or escape
    "im.v2.Chat.Message.send",
    scopes=("im.v2",),
    params=(
        P("chat-id", "integer", True, "Ends a comment */ early?"),
        P('say "hi"', "string", False, 'Triple quotes """ and a backslash \\'),
        P("*/", "string"),
        P("ключ", "boolean", True),
        P("1st", "integer"),
        P("class", "object", False, "", (P("$ref", "string", True), P("it's", "integer"))),
        P("", "string"),
        P("list", "object[]", False, "", (P("A", "string"),)),
    ),
    response=Response(envelope({"a-b": 1, "": 2, "*/": [None, 1], "'": {"5": "x"}})),
    description='Line one */ with "quotes" and \\ backslash.\n\nSecond paragraph.',
    source=Source("api-reference/chats/it's */ odd.md"),
)


def as_php_sees(value: object) -> object:
    """A JSON value after PHP's `json_decode(..., true)` and `json_encode`: `{}` and objects keyed
    0..n-1 come back as lists."""
    if isinstance(value, list):
        return [as_php_sees(item) for item in value]
    if isinstance(value, dict):
        items = {key: as_php_sees(item) for key, item in value.items()}
        if list(items) == [str(index) for index in range(len(items))]:
            return list(items.values())
        return items
    return value
