"""Hand-written method specs for the typed-client tests (shaped like MethodSpec, facts only).

`P`, `Response`, `Method` carry exactly the attributes the client model reads, so the tests do
not depend on the method-page extractor; `contract_of` turns a spec into the REST double's
`MethodContract`, independently of the generated code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.clients.model import auth_rules, select_methods
from generator.clients.results import payload_of
from generator.clients.types import docs_type
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

NO_METHOD = Method(None)
DUPLICATE = Method("crm.deal.get", params=(), source=Source("api-reference/other.md"))

FIXTURE = [DEAL_ADD, DEAL_GET, EVENT_BIND, USER_CURRENT, ODD_NAMES, V3_METHOD, NO_METHOD, DUPLICATE]


def contract_of(spec: Method) -> MethodContract:
    """The double's view of a spec: auth rule, required top-level params, their kinds, result."""
    _, webhook = auth_rules(spec.auth)
    types: dict[str, str] = {}
    for param in spec.params:
        kind = docs_type(param.type)[0].kind
        if param.children and kind in ("dict", "any"):
            kind = "object"
        types[param.name] = {"dict": "object", "map": "object"}.get(kind, kind)
    _, value = payload_of(spec.response.example if spec.response else None)
    required = tuple(p.name for p in spec.params if p.required)
    return MethodContract(webhook=webhook, required=required, types=types, result=value)


def contracts(specs: list[Method]) -> dict[str, MethodContract]:
    return {str(spec.method): contract_of(spec) for spec in select_methods(specs)}
