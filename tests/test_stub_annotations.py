"""Each generated Python stub field's annotation, asserted against the docs type of its spec field.

Issue 14's mutation run turned a stub annotation from `str` into `Any` and only stale goldens
noticed (until `b24-docgen build` refreshed them). Here the expected annotation of every field of
two fixture specs is written by hand from the docs type, by these rules:
- string, text, timestamp, datetime and custom ids (`crm_entity_id`) → `str`; integer and
  `*.id` → `int`; double → `float`; boolean → `bool`; `T[]` → `list[T]`; `array` → `list[Any]`;
  object with documented children → its class; object without → `dict[str, Any]`; no type →
  `Any`; `{KEY}` / `/{KEY/}` children → `dict[str, T]`;
- an example value that does not fit widens the type (`integer` given "abc" → `str`);
- a field is `T | None` unless the docs mark it required and the example carries it.
The table must cover every field of the spec, so a new field cannot go unasserted.
"""

from __future__ import annotations

import dataclasses
import importlib
from types import ModuleType

import pytest

from generator.render.stubs import files as stubs
from tests.test_stubs import DEAL, SINK, import_package


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    files = stubs.render_stubs([DEAL, SINK])
    package = import_package(tmp_path_factory.mktemp("pkg"), files, "b24_events_annotations")
    return package


DEAL_FIELDS = {
    "event": ("OnCrmDealAddPayload", "event", "str"),
    "event_handler_id": ("OnCrmDealAddPayload", "event_handler_id", "int | None"),
    "data": ("OnCrmDealAddPayload", "data", "OnCrmDealAddData"),
    "data.FIELDS": ("OnCrmDealAddData", "FIELDS", "OnCrmDealAddDataFields | None"),
    "data.FIELDS.ID": ("OnCrmDealAddDataFields", "ID", "int"),
    "ts": ("OnCrmDealAddPayload", "ts", "str | None"),
    "auth": ("OnCrmDealAddPayload", "auth", "OnCrmDealAddAuth | None"),
    "auth.access_token": ("OnCrmDealAddAuth", "access_token", "str | None"),
    "auth.domain": ("OnCrmDealAddAuth", "domain", "str"),
    "auth.member_id": ("OnCrmDealAddAuth", "member_id", "str"),
}

D = "OnKitchenSinkData"
SINK_FIELDS = {
    "event": ("OnKitchenSinkPayload", "event", "str"),
    "data": ("OnKitchenSinkPayload", "data", D),
    "data.from": (D, "from_", "str"),
    "data.some-key": (D, "some_key", "int | None"),
    "data.str": (D, "str_", "str | None"),
    "data.FLAG": (D, "FLAG", "bool | None"),
    "data.PRICE": (D, "PRICE", "float | None"),
    "data.TAGS": (D, "TAGS", "list[str] | None"),
    "data.ITEMS": (D, "ITEMS", "list[OnKitchenSinkDataItemsItem] | None"),
    "data.ITEMS.ID": ("OnKitchenSinkDataItemsItem", "ID", "int"),
    "data.ITEMS.NAME": ("OnKitchenSinkDataItemsItem", "NAME", "str | None"),
    "data.BOT.{BOT_ID}": (D, "BOT", "dict[str, OnKitchenSinkDataBotItem] | None"),
    "data.BOT.{BOT_ID}.BOT_CODE": ("OnKitchenSinkDataBotItem", "BOT_CODE", "str | None"),
    "data.BOT.{BOT_ID}.BOT_ID": ("OnKitchenSinkDataBotItem", "BOT_ID", "int | None"),
    "data.MENTIONS./{USER_ID/}": (D, "MENTIONS", "dict[str, int] | None"),
    "data.BEFORE": (D, "BEFORE", "OnKitchenSinkDataBefore | None"),  # `undefined|object`
    "data.BEFORE.ID": ("OnKitchenSinkDataBefore", "ID", "int"),
    "data.UF": (D, "UF", "list[Any] | None"),  # `array|null`
    "data.ENTITY": (D, "ENTITY", "str | None"),  # crm_entity_id
    "data.PRODUCT": (D, "PRODUCT", "int | None"),  # catalog_price.id|catalog_product.id
    "data.WHEN": (D, "WHEN", "str | None"),  # datetime arrives as a string
    "data.EXTRA": (D, "EXTRA", "dict[str, Any] | None"),
    "data.ANYTHING": (D, "ANYTHING", "Any"),  # no docs type
    "data.DOCS_SAY_REQUIRED": (D, "DOCS_SAY_REQUIRED", "int | None"),  # not in the example
    "data.NUM_TEXT": (D, "NUM_TEXT", "str | None"),  # integer, but the example says "abc"
    "data.EMPTY_LIST": (D, "EMPTY_LIST", "list[Any]"),
    "data.self": (D, "self", "str | None"),
    "data.match": (D, "match", "str | None"),
    "data.__init__": (D, "f__init__", "str | None"),
    "data.None": (D, "None_", "bool | None"),
    "data.a*/b": (D, "a__b", "str | None"),
    "class": ("OnKitchenSinkPayload", "class_", "str | None"),
    "this": ("OnKitchenSinkPayload", "this_", "int | None"),
    "auth": ("OnKitchenSinkPayload", "auth", "OnKitchenSinkAuth | None"),
    "auth.access_token": ("OnKitchenSinkAuth", "access_token", "str | None"),
    "auth.domain": ("OnKitchenSinkAuth", "domain", "str"),
    "auth.member_id": ("OnKitchenSinkAuth", "member_id", "str"),
}


@pytest.mark.parametrize(
    ("spec", "table", "module"),
    [(DEAL, DEAL_FIELDS, "on_crm_deal_add"), (SINK, SINK_FIELDS, "on_kitchen_sink")],
    ids=["onCrmDealAdd", "ONKITCHENSINK"],
)
def test_every_field_has_the_annotation_its_docs_type_gives(
    generated: ModuleType, spec: object, table: dict[str, tuple[str, str, str]], module: str
) -> None:
    fields = [f.name for f in spec.handler.fields]  # type: ignore[attr-defined]
    assert sorted(fields) == sorted(table), "every spec field needs a row in the table"
    payload_module = importlib.import_module(f"{generated.__name__}.payloads.{module}")
    for path, (class_name, attr, annotation) in table.items():
        cls = getattr(payload_module, class_name)
        assert cls.__annotations__.get(attr) == annotation, (path, cls.__annotations__.get(attr))
    for class_name in {row[0] for row in table.values()}:
        cls = getattr(payload_module, class_name)
        rows = {attr for name, attr, _ in table.values() if name == class_name}
        assert {f.name for f in dataclasses.fields(cls)} == rows, class_name
