"""Typed stubs: rendering, the generated Python package (mypy, import, parse, bind), TS, PHP, manifest.

A fixture set built here covers every type shape and naming hazard; the corpus part renders all
corpus event specs and parses every documented payload example through the generated parser.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import random
import re
import string
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

import pytest

from generator import formatting, outputs
from generator.diagnostics import DocgenError
from generator.render.stubs import files as stubs
from generator.render.stubs.names import NameRegistry, event_words, safe_identifier
from generator.render.stubs.types import parse_docs_type
from generator.spec.event import EventSpec, Handler, Payload, Subscribers, Subscription
from generator.spec.parts import Field, Scope, Source
from generator.vocabulary import Delivery, EventKind
from tests.corpus import CORPUS_RU, need
from tests.support import toolchains

PY = "python/b24_events/"


# --- fixture specs -------------------------------------------------------------------------------


def fld(name: str, type_: str | None = "string", required: bool = False, text: str = "") -> Field:
    return Field(name, type_, required, text, None, 1)


def make_spec(
    event: str,
    fields: list[Field],
    payloads: Sequence[object] = (),
    *,
    kind: EventKind = "rest_event",
    page: str | None = None,
    method: str | None = "event.bind",
    scopes: tuple[str, ...] = ("crm",),
    description: str = "",
) -> EventSpec:
    path = page or f"api-reference/test/{event.lower().replace('::', '-')}.md"
    delivery: Delivery = "callback" if kind == "js_event" else "post"
    return EventSpec(
        spec_version=1,
        kind=kind,
        event=event,
        title=event,
        locale="en",
        source=Source(path=path, sha256="0" * 64, spans={}),
        scopes=[Scope(name) for name in scopes],
        subscribers=Subscribers("any user", "any_user"),
        description=description or f"Fixture event {event}.",
        notes=[],
        handler=Handler(delivery, [Payload(None, "json", p, 1) for p in payloads], fields),
        subscription=Subscription(method, None, None, []),
        examples=[],
        related=[],
        diagnostics=[],
    )


AUTH = [
    fld("auth", "object"),
    fld("auth.access_token"),
    fld("auth.domain", required=True, text="Portal \"domain\" with a \\ and */ and '''"),
    fld("auth.member_id", required=True),
]
AUTH_EXAMPLE = {"access_token": "tok", "domain": "x.bitrix24.com", "member_id": "m1"}

DEAL = make_spec(
    "onCrmDealAdd",
    [
        fld("event", required=True),
        fld("event_handler_id", "integer"),
        fld("data", "object", required=True),
        fld("data.FIELDS", "object"),
        fld("data.FIELDS.ID", "integer", required=True, text='The deal id """ quoted'),
        fld("ts", "timestamp"),
        *AUTH,
    ],
    [
        {
            "event": "ONCRMDEALADD",
            "event_handler_id": "7",
            "data": {"FIELDS": {"ID": "6641"}},
            "ts": "1735374081",
            "auth": AUTH_EXAMPLE,
        }
    ],
    page="api-reference/crm/deals/events/on-crm-deal-add.md",
)

SINK = make_spec(
    "ONKITCHENSINK",
    [
        fld("event", required=True),
        fld("data", "object", required=True),
        fld("data.from", required=True),
        fld("data.some-key", "integer"),
        fld("data.str"),
        fld("data.FLAG", "boolean"),
        fld("data.PRICE", "double"),
        fld("data.TAGS", "string[]"),
        fld("data.ITEMS", "object[]"),
        fld("data.ITEMS.ID", "integer", required=True),
        fld("data.ITEMS.NAME"),
        fld("data.BOT.{BOT_ID}", "object"),
        fld("data.BOT.{BOT_ID}.BOT_CODE"),
        fld("data.BOT.{BOT_ID}.BOT_ID", "integer"),
        fld("data.MENTIONS./{USER_ID/}", "integer"),
        fld("data.BEFORE", "undefined|object", required=True),
        fld("data.BEFORE.ID", "integer", required=True),
        fld("data.UF", "array|null"),
        fld("data.ENTITY", "crm_entity_id"),
        fld("data.PRODUCT", "catalog_price.id|catalog_product.id"),
        fld("data.WHEN", "datetime"),
        fld("data.EXTRA", "object"),
        fld("data.ANYTHING", None),
        fld("data.DOCS_SAY_REQUIRED", "integer", required=True),
        fld("data.NUM_TEXT", "integer"),
        fld("data.EMPTY_LIST", "array", required=True),
        fld("data.self"),
        fld("data.match"),
        fld("data.__init__"),
        fld("data.None", "boolean"),
        fld("data.a*/b"),
        fld("class"),
        fld("this", "integer"),
        *AUTH,
    ],
    [
        {
            "event": "ONKITCHENSINK",
            "data": {
                "from": "me",
                "some-key": 5,
                "str": "s",
                "FLAG": "Y",
                "PRICE": "12.50",
                "TAGS": ["a", "b"],
                "ITEMS": [{"ID": "1", "NAME": "one"}, {"ID": 2}],
                "BOT": {"571": {"BOT_CODE": "bot", "BOT_ID": "571"}},
                "MENTIONS": {"27": "1"},
                "BEFORE": "undefined",
                "UF": [1, 2],
                "ENTITY": "L_12",
                "PRODUCT": "300",
                "WHEN": "2024-01-01T00:00:00+03:00",
                "EXTRA": {"k": "v"},
                "ANYTHING": {"deep": [1]},
                "NUM_TEXT": "abc",
                "EMPTY_LIST": [],
                "self": "me",
                "__init__": "i",
                "None": "N",
                "a*/b": "c",
            },
            "class": "k",
            "this": "3",
            "auth": AUTH_EXAMPLE,
        }
    ],
    page="api-reference/test/on-kitchen-sink.md",
)

JS_STATE = make_spec(
    "Widget::stateChanged",
    [fld("state", required=True), fld("params", "object"), fld("params.code")],
    [["idle", {"code": "486"}]],
    kind="js_event",
    method="BX24.placement.bindEvent",
    scopes=("placement",),
)
JS_ENTITY = make_spec(
    "Widget::entityChanged",
    [fld("PHONE", required=True), fld("ENTITY_ID", "integer", required=True)],
    [[{"PHONE": "+1", "ENTITY_ID": 5}]],
    kind="js_event",
    method="BX24.placement.bindEvent",
)
JS_CLOSED = make_spec("Widget::closed", [], kind="js_event", method="BX24.placement.bindEvent")
JS_MUTED = make_spec(
    "Widget::muted",
    [fld("eventData", "boolean", required=True)],
    [[True]],
    kind="js_event",
    method="BX24.placement.bindEvent",
)
LEGACY = make_spec("onLegacyItemAdd", [fld("FIELDS", "array")], kind="legacy_event")
LEGACY_EMPTY = make_spec("onLegacyGone", [], [{"FIELDS": {"ID": "$id"}}], kind="legacy_event")
BOT = make_spec(
    "ONBOTJOIN", [fld("event"), fld("data", "object")], method="imbot.register", scopes=("imbot",)
)
# `OnTask` + `add.data` and `OnTaskAdd` + `data` both want the class name OnTaskAddData
TASK = make_spec("OnTask", [fld("add", "object"), fld("add.data", "object"), fld("add.data.ID")])
TASK_ADD = make_spec("OnTaskAdd", [fld("data", "object"), fld("data.ID", "integer")])

FIXTURE = [
    DEAL,
    SINK,
    JS_STATE,
    JS_ENTITY,
    JS_CLOSED,
    JS_MUTED,
    LEGACY,
    LEGACY_EMPTY,
    BOT,
    TASK,
    TASK_ADD,
]


# --- helpers -------------------------------------------------------------------------------------


def write_tree(root: Path, files: Mapping[str, bytes]) -> Path:
    for rel, data in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def import_package(root: Path, files: Mapping[str, bytes], name: str) -> ModuleType:
    """The generated `b24_events` package, imported under another name (one per file set)."""
    for rel, data in files.items():
        if rel.startswith(PY):
            target = root / name / rel.removeprefix(PY)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(root))


def php_form(data: object, prefix: str = "") -> list[tuple[str, str]]:
    """`http_build_query`: nested keys in brackets, lists by index, true→1, null and [] dropped."""
    if isinstance(data, dict):
        items: list[tuple[object, object]] = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        if data is None:
            return []
        text = ("1" if data else "0") if isinstance(data, bool) else str(data)
        return [(prefix, text)]
    pairs: list[tuple[str, str]] = []
    for key, value in items:
        pairs += php_form(value, f"{prefix}[{key}]" if prefix else str(key))
    return pairs


def form_body(data: object) -> bytes:
    return urlencode(php_form(data)).encode("utf-8")


def run(args: list[str | Path], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


def run_mypy(root: Path, extra: Mapping[str, str] = {}) -> None:
    pytest.importorskip("mypy", reason="mypy is a test dependency: pip install -e '.[test]'")
    py = root / "python"
    for name, text in extra.items():
        (py / name).write_text(text, encoding="utf-8")
    (root / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    args: list[str | Path] = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--config-file",
        root / "mypy.ini",
    ]
    args += ["--python-version", "3.10", "--cache-dir", root / ".mypy_cache", "-p", "b24_events"]
    for name in extra:
        args += ["-m", name.removesuffix(".py")]
    done = run(args, cwd=py)
    assert done.returncode == 0, done.stdout + done.stderr


def tsc_check(root: Path, extra: Mapping[str, str] = {}) -> None:
    toolchains.require("node")
    tsc = toolchains.require("tsc")
    node_modules = toolchains.require("b24jssdk").parents[1]
    project = root / "typescript"
    (project / "node_modules").symlink_to(node_modules, target_is_directory=True)
    for name, text in extra.items():
        (project / name).write_text(text, encoding="utf-8")
    options = {
        "strict": True,
        "noEmit": True,
        "target": "es2022",
        "module": "esnext",
        "moduleResolution": "bundler",
        "lib": ["es2022", "dom"],
        "types": [],
        "skipLibCheck": True,
        "noUnusedLocals": True,
        "exactOptionalPropertyTypes": True,
    }
    config = {"compilerOptions": options, "files": ["b24-events.ts", *extra]}
    (project / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    done = run([tsc, "-p", project, "--pretty", "false"], cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr


def php_lint_all(root: Path) -> int:
    php = toolchains.require("php")
    files = sorted((root / "php").rglob("*.php"))

    def lint(path: Path) -> str | None:
        done = run([php, "-l", path], cwd=root)
        return None if done.returncode == 0 else done.stdout + done.stderr

    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [f for f in pool.map(lint, files) if f]
    assert not failures, "\n".join(failures)
    return len(files)


def php_from_requests(root: Path, bodies: list[str]) -> list[dict[str, Any]]:
    """Run `Events::fromRequest(parse_str(body))` for each body in one PHP process."""
    php = toolchains.require("php")
    script = root / "driver.php"
    script.write_text(
        "<?php\ndeclare(strict_types=1);\n"
        "spl_autoload_register(function (string $class): void {\n"
        "    require __DIR__ . '/php/B24Events/' . substr($class, strlen('B24Events\\\\')) . '.php';\n"
        "});\n"
        "$out = [];\n"
        "foreach (json_decode(file_get_contents($argv[1]), true) as $body) {\n"
        "    parse_str($body, $post);\n"
        "    try {\n"
        "        $payload = \\B24Events\\Events::fromRequest($post);\n"
        "        $out[] = ['class' => get_class($payload), 'props' => get_object_vars($payload)];\n"
        "    } catch (\\B24Events\\PayloadException $e) {\n"
        "        $out[] = ['error' => $e->getMessage()];\n"
        "    }\n"
        "}\n"
        "echo json_encode($out);\n",
        encoding="utf-8",
    )
    (root / "bodies.json").write_text(json.dumps(bodies), encoding="utf-8")
    done = run([php, script, root / "bodies.json"], cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


# --- the fixture set -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_files() -> dict[str, bytes]:
    return stubs.render_stubs(FIXTURE)


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory, fixture_files: dict[str, bytes]) -> ModuleType:
    return import_package(tmp_path_factory.mktemp("pkg"), fixture_files, "b24_events_fixture")


def test_render_is_deterministic_and_order_independent(fixture_files: dict[str, bytes]) -> None:
    formatting.clear_memory_cache()
    shuffled = FIXTURE[:]
    random.Random(7).shuffle(shuffled)
    again = stubs.render_stubs(shuffled)
    assert again == fixture_files
    assert list(again) == sorted(again)


def test_layout(fixture_files: dict[str, bytes]) -> None:
    names = set(fixture_files)
    assert {
        f"{PY}__init__.py",
        f"{PY}_runtime.py",
        f"{PY}binding.py",
        f"{PY}registry.py",
        f"{PY}py.typed",
        f"{PY}payloads/__init__.py",
        f"{PY}payloads/on_crm_deal_add.py",
        f"{PY}payloads/on_kitchen_sink.py",
        f"{PY}payloads/widget_state_changed.py",
        "typescript/b24-events.ts",
        "php/B24Events/OnCrmDealAdd.php",
        "php/B24Events/WidgetStateChanged.php",
        "php/B24Events/Events.php",
        "php/B24Events/Support.php",
    } <= names
    assert not [n for n in names if "legacy_gone" in n.lower() or "LegacyGone" in n]
    assert "MANIFEST.json" not in names  # write_files adds it


def test_every_file_has_a_header_naming_tool_and_source(fixture_files: dict[str, bytes]) -> None:
    for path, data in fixture_files.items():
        text = data.decode("utf-8").removeprefix("<?php\n\n")
        assert text.startswith(("# Generated by b24-docgen", "// Generated by b24-docgen")), path
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text.split("\n", 1)[0]), path  # no timestamp
    deal = fixture_files[f"{PY}payloads/on_crm_deal_add.py"].decode()
    assert "api-reference/crm/deals/events/on-crm-deal-add.md (onCrmDealAdd)" in deal[:400]
    registry = fixture_files[f"{PY}registry.py"].decode()
    assert "api-reference/test/on-kitchen-sink.md (ONKITCHENSINK)" in registry[:2000]


def test_names_are_unique_and_safe(pkg: ModuleType) -> None:
    payloads = pkg.payloads
    assert {"OnTaskAddData", "OnTaskAddData2"} <= set(payloads.__all__)
    sink = payloads.OnKitchenSinkData
    attrs = {f.name: f.metadata.get("b24_key", f.name) for f in dataclasses.fields(sink)}
    assert attrs["from_"] == "from"
    assert attrs["some_key"] == "some-key"
    assert attrs["str_"] == "str"
    assert attrs["FLAG"] == "FLAG"


def test_name_helpers() -> None:
    names = NameRegistry()
    assert names.claim("List") == "List2"  # a PHP keyword
    assert names.claim("OnX") == "OnX"
    assert names.claim("onx") == "onx2"  # case-insensitive, like PHP classes
    assert names.claim("1st") == "E1st"
    assert names.claim("") == "Event"
    assert event_words("_", "api/_.md") == ["Event"]
    assert event_words("ONCRMDEALADD", "x/on-crm-deal-add.md") == ["on", "crm", "deal", "add"]
    assert event_words("onCrmDealAdd", "x/whatever.md") == ["on", "Crm", "Deal", "Add"]
    taken: set[str] = set()
    assert [safe_identifier(k, taken) for k in ("class", "a-b", "a_b", "9x", "__x")] == [
        "class_",
        "a_b",
        "a_b_",
        "f_9x",
        "f__x",
    ]
    assert parse_docs_type("undefined|object")[1] is True
    assert parse_docs_type("catalog_product.id|catalog_product_sku.id")[0].name == "int"
    assert parse_docs_type("string|integer")[0].name == "any"
    assert parse_docs_type("object[]")[0].name == "list"


def test_python_mypy_strict(tmp_path: Path, fixture_files: dict[str, bytes]) -> None:
    usage = """
from b24_events import EVENTS, OnCrmDealAddPayload, bind, parse_event
from b24_events.payloads import OnKitchenSinkDataItemsItem


def deal_id(body: bytes) -> int | None:
    payload = parse_event(body)
    if isinstance(payload, OnCrmDealAddPayload) and payload.data.FIELDS is not None:
        value: int = payload.data.FIELDS.ID
        return value
    return None


def first_item(items: list[OnKitchenSinkDataItemsItem]) -> int:
    return items[0].ID


def subscribe(url: str) -> object:
    kind: str = EVENTS["ONCRMDEALADD"].kind
    return bind(lambda method, params: (method, params, kind), "onCrmDealAdd", url)
"""
    run_mypy(write_tree(tmp_path, fixture_files), {"usage.py": usage})


def test_parse_event_fixture(pkg: ModuleType) -> None:
    body = form_body(DEAL.handler.payloads[0].data)
    payload = pkg.parse_event(body)
    assert isinstance(payload, pkg.OnCrmDealAddPayload)
    assert payload.event == "ONCRMDEALADD"
    assert payload.event_handler_id == 7
    assert payload.data.FIELDS.ID == 6641
    assert payload.ts == "1735374081"
    assert payload.auth.domain == "x.bitrix24.com"
    assert pkg.parse_event(body.decode()) == payload  # text
    assert pkg.parse_event(DEAL.handler.payloads[0].data) == payload  # a nested mapping
    flat = dict(php_form(DEAL.handler.payloads[0].data))
    assert pkg.parse_event(flat) == payload  # a framework's flat form dict
    lower = pkg.parse_event(body.replace(b"ONCRMDEALADD", b"onCrmDealAdd"))
    assert isinstance(lower, pkg.OnCrmDealAddPayload)


def test_parse_event_kitchen_sink(pkg: ModuleType) -> None:
    data = pkg.parse_event(form_body(SINK.handler.payloads[0].data)).data
    assert (data.from_, data.some_key, data.str_) == ("me", 5, "s")
    assert data.FLAG is True and data.PRICE == 12.5
    assert data.TAGS == ["a", "b"]
    assert [(i.ID, i.NAME) for i in data.ITEMS] == [(1, "one"), (2, None)]
    assert data.BOT["571"].BOT_ID == 571 and data.BOT["571"].BOT_CODE == "bot"
    assert data.MENTIONS == {"27": 1}
    assert data.BEFORE is None  # "undefined"
    assert data.UF == ["1", "2"]  # untyped list items stay as sent
    assert (data.ENTITY, data.PRODUCT, data.WHEN) == ("L_12", 300, "2024-01-01T00:00:00+03:00")
    assert data.EXTRA == {"k": "v"}
    assert data.ANYTHING == {"deep": ["1"]}
    assert data.DOCS_SAY_REQUIRED is None  # the example omits it, so it is optional
    assert data.NUM_TEXT == "abc"  # the example contradicts `integer`
    assert data.EMPTY_LIST == []  # http_build_query drops empty arrays
    assert (data.self, data.match, data.f__init__, data.None_) == ("me", None, "i", False)
    assert data.a__b == "c"


def test_form_decoding(pkg: ModuleType) -> None:
    decode = pkg.decode_form
    assert decode(b"a[]=1&a[]=2&b[x][]=3&c[1]=z&d[0]=p&d[1]=q&e") == {
        "a": ["1", "2"],
        "b": {"x": ["3"]},
        "c": {"1": "z"},
        "d": ["p", "q"],
        "e": "",
    }
    assert decode("x=%D0%BF%D1%80+1&y[a]b=2") == {"x": "пр 1", "y": {"a": "2"}}
    with pytest.raises(pkg.MalformedBodyError):
        decode(b"x=\xff")
    with pytest.raises(pkg.MalformedBodyError):
        decode("a" + "[x]" * 70 + "=1")


def test_parse_errors(pkg: ModuleType) -> None:
    good = DEAL.handler.payloads[0].data
    assert isinstance(good, dict)
    cases: list[tuple[object, type[Exception], str]] = [
        ({**good, "event": "ONNOPE"}, pkg.UnknownEventError, "ONNOPE"),
        ({k: v for k, v in good.items() if k != "event"}, pkg.UnknownEventError, "event"),
        ({**good, "data": {"FIELDS": {"X": "1"}}}, pkg.MissingFieldError, "data.FIELDS.ID"),
        ({**good, "data": {"FIELDS": {"ID": "x1"}}}, pkg.FieldTypeError, "data.FIELDS.ID"),
        ({**good, "auth": "nope"}, pkg.FieldTypeError, "auth"),
    ]
    for body, error, mentioned in cases:
        with pytest.raises(error, match=mentioned.replace(".", r"\.")) as caught:
            pkg.parse_event(form_body(body))
        assert isinstance(caught.value, ValueError)
    bad_flag = {**SINK.handler.payloads[0].data, "data": {"from": "x", "FLAG": "maybe"}}  # type: ignore[dict-item]
    with pytest.raises(pkg.FieldTypeError, match=r"data\.FLAG"):
        pkg.parse_event(form_body(bad_flag))


def test_js_events_in_python(pkg: ModuleType) -> None:
    state = pkg.parse_payload("widget::statechanged", {"state": "idle", "params": {"code": "486"}})
    assert isinstance(state, pkg.WidgetStateChangedPayload)
    assert (state.state, state.params.code) == ("idle", "486")
    assert pkg.parse_payload(pkg.WidgetMutedPayload, {"eventData": "true"}).eventData is True
    assert pkg.EVENTS["WIDGET::CLOSED"].payload is pkg.WidgetClosedPayload
    assert "ONLEGACYGONE" not in pkg.EVENTS and "ONLEGACYITEMADD" in pkg.EVENTS
    info = pkg.EVENTS["ONCRMDEALADD"]
    assert (info.name, info.kind, info.scopes, info.subscribers) == (
        "onCrmDealAdd",
        "rest_event",
        ("crm",),
        "any_user",
    )
    assert info.docs == DEAL.source.path and info.payload is pkg.OnCrmDealAddPayload


def test_bind_with_a_callable(pkg: ModuleType) -> None:
    calls: list[tuple[str, dict[str, Any]]] = []

    def caller(method: str, params: dict[str, Any]) -> bool:
        calls.append((method, params))
        return True

    assert pkg.bind(caller, "ONCRMDEALADD", "https://example.com/h") is True
    pkg.unbind(caller, pkg.OnCrmDealAddPayload, "https://example.com/h")
    handler = {"event": "onCrmDealAdd", "handler": "https://example.com/h"}
    assert calls == [("event.bind", handler), ("event.unbind", handler)]
    for code in ("Widget::closed", "onLegacyItemAdd", "ONBOTJOIN"):
        with pytest.raises(pkg.NotBindableError):
            pkg.bind(caller, code, "https://example.com/h")
    with pytest.raises(pkg.UnknownEventError):
        pkg.bind(caller, "onNothing", "https://example.com/h")
    assert len(calls) == 2


def test_bind_through_b24pysdk(pkg: ModuleType, rest_double: Any) -> None:
    toolchains.require("b24pysdk")
    loopback = pytest.importorskip("tests.support.b24pysdk_loopback")
    client = loopback.webhook_client(rest_double)
    rest_double.results["event.bind"] = True
    rest_double.results["event.unbind"] = {"count": 1}
    assert isinstance(client, pkg.SdkClient)
    assert pkg.bind(client, "onCrmDealAdd", "https://example.com/h") is True
    call = rest_double.last_call()
    assert (call.method, call.params) == (
        "event.bind",
        {"event": "onCrmDealAdd", "handler": "https://example.com/h"},
    )
    pkg.unbind(client, "onCrmDealAdd", "https://example.com/h")
    assert rest_double.last_call().method == "event.unbind"


def test_typescript_strict(tmp_path: Path, fixture_files: dict[str, bytes]) -> None:
    usage = """import type { B24Frame } from '@bitrix24/b24jssdk'
import { bindEvent, JS_EVENT_ARGS } from './b24-events'
import type { EventPayloads, JsEventCode } from './b24-events'

declare const $b24: B24Frame

export async function demo(): Promise<void> {
  await bindEvent($b24, 'Widget::stateChanged', (payload) => {
    const state: string = payload.state
    const code: string | undefined = payload.params?.code
    console.log(state, code)
  })
  await bindEvent($b24, 'Widget::muted', (payload) => {
    const muted: boolean = payload.eventData
    console.log(muted)
  })
  // @ts-expect-error: not a JS event
  await bindEvent($b24, 'ONCRMDEALADD', () => {})
  // @ts-expect-error: a string field is not a number
  await bindEvent($b24, 'Widget::entityChanged', (p) => { const n: number = p.PHONE; console.log(n) })
}

export const deal: EventPayloads['ONCRMDEALADD'] = { event: 'x', data: { FIELDS: { ID: 1 } } }
export const args: readonly string[] | null = JS_EVENT_ARGS['Widget::stateChanged' as JsEventCode]
"""
    tsc_check(write_tree(tmp_path, fixture_files), {"usage.ts": usage})
    text = fixture_files["typescript/b24-events.ts"].decode()
    assert '"Widget::stateChanged": ["state", "params"],' in text
    assert '"Widget::entityChanged": null,' in text
    assert "import type { B24Frame } from '@bitrix24/b24jssdk'" in text


def test_php_lint_and_from_request(tmp_path: Path, fixture_files: dict[str, bytes]) -> None:
    root = write_tree(tmp_path, fixture_files)
    assert php_lint_all(root) == len([p for p in fixture_files if p.endswith(".php")])
    deal = form_body(DEAL.handler.payloads[0].data).decode()
    results = php_from_requests(root, [deal, "event=ONNOPE", "event=onCrmDealAdd&ts=1"])
    assert results[0]["class"] == "B24Events\\OnCrmDealAdd"
    assert results[0]["props"]["event_handler_id"] == 7
    assert results[0]["props"]["data"] == {"FIELDS": {"ID": "6641"}}
    assert "unknown event" in results[1]["error"]
    assert results[2] == {"error": "data: required field is missing"}
    php = fixture_files["php/B24Events/OnCrmDealAdd.php"].decode()
    assert "@phpstan-type OnCrmDealAddDataFields array{ID: int|numeric-string}" in php


def test_user_templates_override_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "stubs" / "python").mkdir(parents=True)
    (tmp_path / "stubs" / "python" / "py.typed.j2").write_text("# mine\n", encoding="utf-8")
    files = stubs.render_stubs([DEAL], user_dirs=[tmp_path])
    assert files[f"{PY}py.typed"] == b"# mine\n"
    assert files[f"{PY}registry.py"].startswith(b"# Generated by b24-docgen")


def test_black_output_can_be_cached_on_disk(
    tmp_path: Path, fixture_files: dict[str, bytes]
) -> None:
    formatting.clear_memory_cache()
    assert stubs.render_stubs(FIXTURE, cache_dir=tmp_path) == fixture_files
    python_files = [p for p in fixture_files if p.endswith(".py")]
    assert len(list((tmp_path / "black").rglob("*.py"))) == len(python_files)


def test_broken_user_template_is_e_template(tmp_path: Path) -> None:
    folder = tmp_path / "stubs" / "typescript"
    folder.mkdir(parents=True)
    (folder / "b24-events.ts.j2").write_text("{{ events | nosuchfilter }}\n", encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        stubs.render_stubs([DEAL], user_dirs=[tmp_path])
    assert caught.value.diagnostic.code == "E-TEMPLATE"
    (folder / "b24-events.ts.j2").write_text("{{ no_such_name }}\n", encoding="utf-8")
    with pytest.raises(DocgenError, match=r"typescript/b24-events\.ts"):
        stubs.render_stubs([DEAL], user_dirs=[tmp_path])


def test_empty_spec_list_still_type_checks(tmp_path: Path) -> None:
    files = stubs.render_stubs([])
    run_mypy(write_tree(tmp_path, files))
    pkg = import_package(tmp_path / "import", files, "b24_events_empty")
    assert pkg.EVENTS == {}
    with pytest.raises(pkg.UnknownEventError):
        pkg.parse_event(b"event=ONCRMDEALADD")


def random_specs(seed: int, count: int) -> list[EventSpec]:
    """Specs whose codes, field names, types and texts are drawn from a hostile alphabet."""
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + "_-.{}/ *\"'\\$#\tЖ"
    types = ["string", "integer", "object", "object[]", "array", "undefined|object", "boolean"]
    types += ["double", "x.id", "string[]", "foo|bar", "*/", ""]

    def text(low: int, high: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))

    specs = []
    for _ in range(count):
        fields = [
            fld(text(1, 10), rng.choice(types) or None, rng.random() < 0.5, '"""*/ \\' + text(0, 9))
            for _ in range(rng.randint(0, 8))
        ]
        code = text(1, 12)
        kind: EventKind = rng.choice(["rest_event", "js_event", "legacy_event"])
        specs.append(make_spec(code, fields, kind=kind, page=f"x/{code.replace('/', '_')}.md"))
    return specs


def test_hostile_specs_give_valid_code(tmp_path: Path) -> None:
    files = stubs.render_stubs(random_specs(2, 40))
    root = write_tree(tmp_path, files)
    run_mypy(root)
    assert len(import_package(tmp_path / "import", files, "b24_events_hostile").EVENTS) > 30
    php_lint_all(root)
    tsc_check(root)


# --- writing and the manifest --------------------------------------------------------------------


def test_write_and_prune_with_the_manifest(tmp_path: Path) -> None:
    first = stubs.render_stubs([DEAL, JS_MUTED])
    report = outputs.write_files(tmp_path, first)
    assert report.changed == report.written and outputs.MANIFEST in report.written
    manifest = json.loads((tmp_path / outputs.MANIFEST).read_text(encoding="utf-8"))
    assert [e["path"] for e in manifest["files"]] == sorted(first)
    assert outputs.write_files(tmp_path, first).changed == []  # nothing changed on disk

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")  # not in any manifest
    second = stubs.render_stubs([DEAL])
    report = outputs.write_files(tmp_path, second)
    gone = f"{PY}payloads/widget_muted.py"
    assert gone in report.removed and "php/B24Events/WidgetMuted.php" in report.removed
    assert not (tmp_path / gone).exists()
    assert (tmp_path / "notes.txt").exists()
    assert (
        f"{PY}registry.py" in report.changed
        and f"{PY}payloads/on_crm_deal_add.py" not in report.changed
    )


def test_prune_keeps_hand_edited_and_ignores_bad_manifest(tmp_path: Path) -> None:
    outputs.write_files(tmp_path, stubs.render_stubs([DEAL, JS_MUTED]))
    edited = tmp_path / "php/B24Events/WidgetMuted.php"
    edited.write_text("<?php // edited by hand\n", encoding="utf-8")
    report = outputs.write_files(tmp_path, stubs.render_stubs([DEAL]))
    assert report.kept == ["php/B24Events/WidgetMuted.php"] and edited.exists()

    (tmp_path / outputs.MANIFEST).write_text("{not json", encoding="utf-8")
    report = outputs.write_files(tmp_path, {"typescript/b24-events.ts": b"// x\n"})
    assert report.removed == [] and (tmp_path / f"{PY}registry.py").exists()


# --- the corpus ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_specs() -> list[EventSpec]:
    from generator.parse import parse_docs

    return [s for s in parse_docs(need(CORPUS_RU)).specs if isinstance(s, EventSpec)]


@pytest.fixture(scope="module")
def corpus_files(corpus_specs: list[EventSpec]) -> dict[str, bytes]:
    return stubs.render_stubs(corpus_specs)


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory: pytest.TempPathFactory, corpus_files: dict[str, bytes]) -> Path:
    return write_tree(tmp_path_factory.mktemp("stubs-corpus"), corpus_files)


@pytest.fixture(scope="module")
def corpus_pkg(
    tmp_path_factory: pytest.TempPathFactory, corpus_files: dict[str, bytes]
) -> ModuleType:
    return import_package(tmp_path_factory.mktemp("corpus-pkg"), corpus_files, "b24_events_corpus")


def corpus_examples(specs: list[EventSpec]) -> Iterator[tuple[EventSpec, dict[str, Any]]]:
    for spec in specs:
        if spec.handler.payloads:
            data = spec.handler.payloads[0].data
            if isinstance(data, dict) and "event" in data:
                yield spec, data


@pytest.mark.corpus
def test_corpus_render_is_deterministic(
    corpus_specs: list[EventSpec], corpus_files: dict[str, bytes]
) -> None:
    shuffled = corpus_specs[:]
    random.Random(3).shuffle(shuffled)
    assert stubs.render_stubs(shuffled) == corpus_files
    events = {s.event.upper() for s in corpus_specs if s.kind != "legacy_event" or s.handler.fields}
    modules = [
        p for p in corpus_files if p.startswith(f"{PY}payloads/") and not p.endswith("__init__.py")
    ]
    assert len(modules) == len(events) > 150


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_mypy_strict(corpus_out: Path) -> None:
    run_mypy(corpus_out)


@pytest.mark.corpus
def test_corpus_import_in_a_fresh_interpreter(corpus_out: Path) -> None:
    code = "import b24_events as b; print(len(b.EVENTS))"
    done = run([sys.executable, "-c", code], cwd=corpus_out / "python")
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 150


@pytest.mark.corpus
def test_corpus_examples_parse(corpus_specs: list[EventSpec], corpus_pkg: ModuleType) -> None:
    checked = 0
    for spec, data in corpus_examples(corpus_specs):
        info = corpus_pkg.lookup(spec.event)
        for body in (form_body(data), data):
            payload = corpus_pkg.parse_event(body)
            assert isinstance(payload, info.payload), spec.source.path
            assert_matches(payload, data, spec.source.path)
        checked += 1
    assert checked > 150


def assert_matches(model: object, data: Mapping[str, Any], where: str) -> None:
    """Every scalar the example holds under a declared field came through, converted."""
    for item in dataclasses.fields(model):  # type: ignore[arg-type]
        key = item.metadata.get("b24_key", item.name)
        value, raw = getattr(model, item.name), data.get(key)
        if raw is None or value is None:
            continue
        if dataclasses.is_dataclass(value) and isinstance(raw, dict):
            assert_matches(value, raw, f"{where}:{key}")
        elif isinstance(value, bool):
            assert value == (str(raw).lower() in ("1", "y", "yes", "true", "on")), (where, key)
        elif isinstance(value, int | float) and not isinstance(raw, bool):
            assert value == type(value)(raw), (where, key)
        elif isinstance(value, str):
            sent = ("1" if raw else "0") if isinstance(raw, bool) else str(raw)
            assert value == sent, (where, key)


@pytest.mark.corpus
def test_corpus_deal_add_values(corpus_pkg: ModuleType, corpus_specs: list[EventSpec]) -> None:
    spec = next(s for s in corpus_specs if s.event == "onCrmDealAdd")
    data = spec.handler.payloads[0].data
    assert isinstance(data, dict)
    payload = corpus_pkg.parse_event(form_body(data))
    expected = ("OnCrmDealAddPayload", int(data["data"]["FIELDS"]["ID"]))
    assert (type(payload).__name__, payload.data.FIELDS.ID) == expected


@pytest.mark.corpus
def test_corpus_bind_records_the_call(corpus_pkg: ModuleType) -> None:
    calls: list[tuple[str, dict[str, Any]]] = []
    bindable = [info for info in corpus_pkg.EVENTS.values() if info.bindable]
    for info in bindable:
        corpus_pkg.bind(lambda m, p: calls.append((m, p)), info.code, "https://example.com/h")
    assert calls == [
        ("event.bind", {"event": info.name, "handler": "https://example.com/h"})
        for info in bindable
    ]
    assert len(bindable) > 140
    assert not any(i.bindable for i in corpus_pkg.EVENTS.values() if i.kind == "js_event")


@pytest.mark.corpus
@pytest.mark.toolchain
def test_corpus_typescript_strict(tmp_path: Path, corpus_files: dict[str, bytes]) -> None:
    tsc_check(
        write_tree(tmp_path, {k: v for k, v in corpus_files.items() if k.startswith("typescript/")})
    )


@pytest.mark.corpus
@pytest.mark.toolchain
def test_corpus_php(corpus_out: Path, corpus_specs: list[EventSpec]) -> None:
    assert php_lint_all(corpus_out) > 150
    examples = list(corpus_examples(corpus_specs))
    results = php_from_requests(corpus_out, [form_body(data).decode() for _, data in examples])
    for (spec, _), result in zip(examples, results, strict=True):
        assert "error" not in result, (spec.source.path, result)
        assert result["class"].startswith("B24Events\\"), spec.source.path
