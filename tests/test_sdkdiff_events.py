"""Events meet the SDK: the generated `payload_from(event_data)` turns a b24pysdk `OAuthEventData`
(parsed by b24pysdk itself from a form-encoded event POST) into the typed payload of its event."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest

from generator.render.stubs.files import render_stubs
from generator.spec.event import EventSpec, Handler, Payload, Subscribers, Subscription
from generator.spec.parts import Field, Scope, Source

b24pysdk = pytest.importorskip("b24pysdk", reason="b24pysdk is a test dependency")

PY = "python/b24_events/"
_AUTH_TYPES = {"expires": "integer", "expires_in": "integer"}
_REQUIRED = ("domain", "member_id")
AUTH_KEYS = ("access_token", "expires", "expires_in", "scope", "domain", "server_endpoint")
AUTH_KEYS += ("status",)
AUTH_KEYS += ("client_endpoint", "member_id", "user_id", "refresh_token", "application_token")


def field(name: str, type_: str = "string", required: bool = False) -> Field:
    return Field(name, type_, required, "", None, 1)


def spec(event: str, data: list[Field]) -> EventSpec:
    fields = [
        field("event", required=True),
        field("event_handler_id", "integer"),
        field("data", "object", required=True),
        *data,
        field("ts", "timestamp"),
        field("auth", "object"),
        *(
            field(f"auth.{key}", _AUTH_TYPES.get(key, "string"), key in _REQUIRED)
            for key in AUTH_KEYS
        ),
    ]
    return EventSpec(
        spec_version=1,
        kind="rest_event",
        event=event,
        title=event,
        locale="en",
        source=Source(path=f"api-reference/test/{event.lower()}.md", sha256="0" * 64, spans={}),
        scopes=[Scope("crm")],
        subscribers=Subscribers("any user", "any_user"),
        description=f"Fixture event {event}.",
        notes=[],
        handler=Handler("post", [Payload(None, "json", {}, 1)], fields),
        subscription=Subscription("event.bind", None, None, []),
        examples=[],
        related=[],
        diagnostics=[],
    )


DEAL = spec(
    "ONCRMDEALUPDATE",
    [field("data.FIELDS", "object"), field("data.FIELDS.ID", "integer", required=True)],
)
TASK = spec("ONTASKADD", [field("data.FIELDS_AFTER", "object"), field("data.FIELDS_AFTER.ID")])

POST = [
    ("event", "ONCRMDEALUPDATE"),
    ("event_handler_id", "41"),
    ("data[FIELDS][ID]", "6641"),
    ("ts", "1735374081"),
    ("auth[access_token]", "s6p6eclrvim6da22ft9ch94ekreb52lv"),
    ("auth[expires]", "1735377681"),
    ("auth[expires_in]", "3600"),
    ("auth[scope]", "crm,user"),
    ("auth[domain]", "example.bitrix24.com"),
    ("auth[server_endpoint]", "https://oauth.bitrix.info/rest/"),
    ("auth[status]", "L"),
    ("auth[client_endpoint]", "https://example.bitrix24.com/rest/"),
    ("auth[member_id]", "a223c6b3710f85df22e9377d6c4f7553"),
    ("auth[user_id]", "1"),
    ("auth[refresh_token]", "4s386p3q0tr8dy89xvmt96234v3dljg8"),
    ("auth[application_token]", "51856fefc120afa4b628cc82d3935cce"),
]


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    root = tmp_path_factory.mktemp("events_sdk")
    for rel, data in render_stubs([DEAL, TASK]).items():
        if rel.startswith(PY):
            target = root / "b24_events_sdk" / rel.removeprefix(PY)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("b24_events_sdk")
    finally:
        sys.path.remove(str(root))


def sdk_parse(body: bytes) -> Any:
    """What a b24pysdk handler does with the POST: the SDK's own flattened-key parsing."""
    from b24pysdk.credentials import OAuthEventData

    return OAuthEventData.from_dict(dict(parse_qsl(body.decode("utf-8"))))


def test_payload_from_b24pysdk_event_data(pkg: ModuleType) -> None:
    event_data = sdk_parse(urlencode(POST).encode("utf-8"))
    payload = pkg.payload_from(event_data)
    assert type(payload) is pkg.OncrmdealupdatePayload
    assert payload.event == "ONCRMDEALUPDATE"
    assert payload.event_handler_id == 41
    assert payload.data.FIELDS.ID == 6641
    assert payload.ts == "1735374081"
    assert payload.auth.domain == "example.bitrix24.com"
    assert payload.auth.member_id == "a223c6b3710f85df22e9377d6c4f7553"
    assert payload.auth.access_token == "s6p6eclrvim6da22ft9ch94ekreb52lv"
    assert payload.auth.expires == 1735377681
    assert payload.auth.expires_in == 3600
    assert payload.auth.scope == "crm,user"
    assert payload.auth.status == "L"
    assert payload.auth.user_id == "1"
    assert payload.auth.application_token == "51856fefc120afa4b628cc82d3935cce"


def test_payload_from_equals_parse_event_of_the_same_post(pkg: ModuleType) -> None:
    body = urlencode(POST).encode("utf-8")
    assert pkg.payload_from(sdk_parse(body)) == pkg.parse_event(body)


def test_payload_from_picks_the_class_by_the_event(pkg: ModuleType) -> None:
    post = [(k, v) for k, v in POST if not k.startswith("data")]
    post[0] = ("event", "onTaskAdd")
    post.append(("data[FIELDS_AFTER][ID]", "17"))
    payload = pkg.payload_from(sdk_parse(urlencode(post).encode("utf-8")))
    assert type(payload) is pkg.OntaskaddPayload
    assert payload.data.FIELDS_AFTER.ID == "17"


def test_payload_from_a_system_event_without_a_token(pkg: ModuleType) -> None:
    post = [(k, v) for k, v in POST if k.split("[")[-1].rstrip("]") not in _TOKEN_KEYS]
    payload = pkg.payload_from(sdk_parse(urlencode(post).encode("utf-8")))
    assert payload.auth.access_token is None
    assert payload.auth.expires_in is None
    assert payload.auth.domain == "example.bitrix24.com"


def test_payload_from_an_unknown_event_is_an_event_error(pkg: ModuleType) -> None:
    post = [("event", "ONSOMETHINGELSE"), *POST[1:]]
    with pytest.raises(pkg.UnknownEventError):
        pkg.payload_from(sdk_parse(urlencode(post).encode("utf-8")))


def test_payload_from_is_typed(tmp_path: Path) -> None:
    """A handler that passes b24pysdk's OAuthEventData to payload_from type-checks (the generated
    `SdkEventData` protocol matches the SDK's dataclass)."""
    pytest.importorskip("mypy")
    from mypy import api

    root = tmp_path / "py"
    for rel, data in render_stubs([DEAL]).items():
        if rel.startswith(PY):
            target = root / "b24_events" / rel.removeprefix(PY)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    usage = (
        "from typing import Any\nfrom b24_events import payload_from, OncrmdealupdatePayload\n\n"
        "def handle(event_data: Any) -> int:\n    payload = payload_from(event_data)\n"
        "    assert isinstance(payload, OncrmdealupdatePayload)\n"
        "    return payload.data.FIELDS.ID if payload.data.FIELDS else 0\n"
    )
    (root / "usage.py").write_text(usage, encoding="utf-8")
    out, err, status = api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "c"), str(root)]
    )
    assert status == 0, out + err


_TOKEN_KEYS = frozenset({"access_token", "expires", "expires_in", "refresh_token", "scope"})
_TOKEN_KEYS |= {"status", "user_id"}
