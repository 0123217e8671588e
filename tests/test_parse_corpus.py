"""Every claim about the RU corpus and the EN sample, checked on the real pages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.parse import ParseResult, parse_docs
from generator.spec.event import EventSpec
from generator.spec.method import MethodSpec
from tests.corpus import CORPUS_EN, CORPUS_RU, need


def event_pages(result: ParseResult) -> ParseResult:
    """The event pages of a parse (method pages have their own corpus tests: test_method_*)."""
    pages = [p for p in result.pages if not isinstance(p.spec, MethodSpec)]
    return ParseResult(result.root, pages)


@pytest.fixture(scope="module")
def ru() -> ParseResult:
    return event_pages(parse_docs(need(CORPUS_RU)))


@pytest.fixture(scope="module")
def en() -> ParseResult:
    return event_pages(parse_docs(need(CORPUS_EN)))


def spec_of(result: ParseResult, path: str) -> EventSpec:
    for spec in result.specs:
        if spec.source.path == path:
            return spec
    raise AssertionError(f"no spec for {path}")


def field_names(spec: EventSpec) -> list[str]:
    return [f.name for f in spec.handler.fields]


def test_every_event_page_is_found_and_parsed(ru: ParseResult) -> None:
    assert ru.failed == []
    assert len(ru.pages) == 209  # 191 marked single-event pages + 18 unmarked legacy pages
    assert ru.counts() == {"rest_event": 162, "js_event": 20, "legacy_event": 27, "method": 0}
    assert not any(d.is_error for d in ru.diagnostics)


def test_overviews_and_includes_are_not_event_pages(ru: ParseResult) -> None:
    paths = [p.path for p in ru.pages]
    assert not any(p.endswith("/index.md") or "_includes/" in p for p in paths)


def test_unmarked_legacy_pages_are_found(ru: ParseResult) -> None:
    unmarked = [
        s
        for s in ru.specs
        if "/events-invoice/" in s.source.path or "/events-custom/" in s.source.path
    ]
    assert len(unmarked) == 18
    assert {s.kind for s in unmarked} == {"legacy_event"}
    assert all(s.subscribers is None and s.scopes == [] for s in unmarked)


def test_only_real_typos_break_the_slug_rule(ru: ParseResult) -> None:
    mismatched = sorted(
        d.path.rsplit("/", 1)[-1] for d in ru.diagnostics if d.code == "W-SLUG-MISMATCH"
    )
    assert mismatched == [
        "on-crm-invoice-add.md",
        "on-crm-invoice-delete.md",
    ]  # H1 says onCrmInvoce…


def test_latin_c_homoglyph_is_reported_on_eight_deal_pages(ru: ParseResult) -> None:
    flagged = [d for d in ru.diagnostics if d.code == "W-H1-HOMOGLYPH"]
    assert len(flagged) == 8
    assert all("/crm/deals/" in d.path for d in flagged)


def test_scope_values_and_two_scope_js_events(ru: ParseResult) -> None:
    scopes = Counter(scope.name for spec in ru.specs for scope in spec.scopes)
    assert scopes["basic"] == 5 and "базовый" not in scopes
    two = [s for s in ru.specs if len(s.scopes) == 2]
    assert len(two) == 20
    assert all(
        s.kind == "js_event" and [x.name for x in s.scopes] == ["placement", "telephony"]
        for s in two
    )
    assert all(x.description for s in two for x in s.scopes)


def test_subscriber_values(ru: ParseResult) -> None:
    values = Counter(s.subscribers.value for s in ru.specs if s.subscribers)
    assert values == {"any_user": 182, "app_user": 6, "hr_user": 3}


def test_payloads_parse_as_data(ru: ParseResult) -> None:
    rest = [s for s in ru.specs if s.kind == "rest_event"]
    with_payload = [s for s in rest if s.handler.payloads]
    assert len(with_payload) == 162
    for spec in with_payload:
        data = spec.handler.payloads[0].data
        assert isinstance(data, dict) and "auth" in data, spec.source.path
        assert str(data["event"]).casefold() == spec.event.casefold(), spec.source.path


def test_rest_deal_page(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/crm/deals/events/on-crm-deal-add.md")
    assert (spec.kind, spec.event, spec.locale) == ("rest_event", "onCrmDealAdd", "ru")
    assert [s.name for s in spec.scopes] == ["crm"]
    assert spec.subscribers is not None and spec.subscribers.value == "any_user"
    assert spec.handler.delivery == "post"
    names = field_names(spec)
    assert names[:7] == [
        "event",
        "event_handler_id",
        "data",
        "data.FIELDS",
        "ts",
        "auth",
        "data.FIELDS.ID",
    ]
    assert "auth.access_token" in names and "auth.application_token" in names
    fields_id = next(f for f in spec.handler.fields if f.name == "data.FIELDS.ID")
    assert (fields_id.type, fields_id.anchor) == ("integer", "fields")
    assert (
        spec.subscription.method == "event.bind" and spec.subscription.event_name == "onCrmDealAdd"
    )
    assert [link.path for link in spec.related][:2] == [
        "../../../events/index.md",
        "../../../events/event-bind.md",
    ]


def test_tasks_page_with_examples(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/tasks/events-tasks/on-task-add.md")
    assert spec.event == "OnTaskAdd" and spec.subscription.event_name == "onTaskAdd"
    assert {"data.FIELDS_BEFORE", "data.FIELDS_AFTER.ID", "data.IS_ACCESSIBLE_AFTER"} <= set(
        field_names(spec)
    )
    assert (
        next(f for f in spec.handler.fields if f.name == "data.FIELDS_BEFORE").type
        == "undefined|object"
    )
    [block] = spec.examples
    labels = [t.label for t in block.tabs]
    assert labels == ["JS (TS)", "JS (UMD)", "PHP", "BX24.js", "PHP CRest"]
    assert [t.target for t in block.tabs] == [
        "js_ts",
        "js_umd",
        "php_b24sdk",
        "bx24_js",
        "php_crest",
    ]
    assert all("event.bind" in t.calls and t.events == ["onTaskAdd"] for t in block.tabs)
    php = block.tabs[2]
    assert php.code.startswith("try {\n    $response = $b24Service\n")
    assert spec.subscription.handler_url == "https://example.com/handler.php"


def test_js_event_with_payload_and_subscription_table(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/widgets/ui-interaction/call-card/call-card-entity-changed.md")
    assert (spec.kind, spec.event, spec.handler.delivery) == (
        "js_event",
        "CallCard::EntityChanged",
        "callback",
    )
    assert field_names(spec) == ["PHONE_NUMBER", "CRM_ENTITY_TYPE", "CRM_ENTITY_ID"]
    assert spec.handler.payloads[0].data == [
        {"PHONE_NUMBER": "+79001234567", "CRM_ENTITY_TYPE": "CONTACT", "CRM_ENTITY_ID": 123}
    ]
    assert spec.subscription.method == "BX24.placement.bindEvent"
    assert [(p.name, p.type, p.required) for p in spec.subscription.params] == [
        ("event", "string", True),
        ("callback", "callable", True),
    ]
    assert [t.label for t in spec.examples[0].tabs] == ["BX24.js", "JS (TS)", "JS (UMD)"]
    assert spec.notes[1].type == "info" and "js" in spec.notes[1].text


def test_js_event_callback_with_two_arguments(ru: ParseResult) -> None:
    spec = spec_of(
        ru, "api-reference/widgets/ui-interaction/call-card/call-card-call-state-changed.md"
    )
    assert spec.handler.payloads[0].data == ["idle", {"failedCode": "486"}]
    assert field_names(spec) == ["callState", "additionalParams", "additionalParams.failedCode"]


def test_background_call_card_event_keeps_namespace(ru: ParseResult) -> None:
    spec = spec_of(
        ru,
        "api-reference/widgets/ui-interaction/page-background-worker/events/answer-button-click.md",
    )
    assert spec.event == "BackgroundCallCard::answerButtonClick" and spec.kind == "js_event"
    assert not any(d.code == "W-SLUG-MISMATCH" for d in spec.diagnostics)


def test_chat_bot_v1_event(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/chat-bots/outdated/messages/events/on-imbot-message-add.md")
    assert spec.event == "ONIMBOTMESSAGEADD" and spec.kind == "rest_event"
    assert spec.subscribers is not None and spec.subscribers.value == "app_user"
    assert ("warning", "DEPRECATED") in [(n.type, n.title) for n in spec.notes]
    assert [p.label for p in spec.handler.payloads] == ["Личный чат с ботом", "Групповой чат"]
    assert spec.subscription.method == "imbot.register"
    assert "data.BOT.{BOT_ID}.access_token" in field_names(spec)  # H4 `Элемент /{BOT_ID/}` table


def test_app_lifecycle_event(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/common/events/on-app-install.md")
    assert spec.event == "OnAppInstall" and [s.name for s in spec.scopes] == ["basic"]
    assert {"data.VERSION", "data.LANGUAGE_ID", "auth.refresh_token"} <= set(field_names(spec))


def test_offline_event_without_scope_line(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/events/on-offline-event.md")
    assert spec.scopes == [] and spec.kind == "rest_event"
    assert spec.handler.payloads[0].lang is None  # fence without a language
    assert [d.code for d in spec.diagnostics] == ["W-SCOPE-MISSING"]


def test_legacy_stub_with_php_payload_and_backticked_rights(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/crm/outdated/measure/events/on-crm-measure-add.md")
    assert spec.kind == "legacy_event"
    assert spec.subscribers is not None and spec.subscribers.raw == "любой пользователь"
    assert spec.handler.payloads[0].lang == "php"
    assert spec.handler.payloads[0].data == {"FIELDS": {"ID": "$id"}}


def test_legacy_bare_table_without_types(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/sonet-group/outdated/on-sonet-group-subject-add.md")
    assert spec.kind == "legacy_event" and field_names(spec) == ["ID"]
    assert spec.handler.fields[0].type is None
    assert [d.code for d in spec.diagnostics] == ["W-FIELD-NO-TYPE"]


def test_catalog_event_with_dotted_code_and_numeric_payload(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/catalog/measure/events/catalog-measure-on-add.md")
    assert spec.event == "CATALOG.MEASURE.ON.ADD"
    data = spec.handler.payloads[0].data
    assert isinstance(data, dict) and isinstance(data["ts"], int)


def test_open_lines_event_with_event_id(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/imopenlines/openlines/events/on-session-start.md")
    data = spec.handler.payloads[0].data
    assert isinstance(data, dict) and list(data) == ["event", "eventId", "data", "ts", "auth"]
    assert "eventId" in field_names(spec)


def test_hr_signing_event(ru: ParseResult) -> None:
    spec = spec_of(ru, "api-reference/sign/events/on-sign-b2e-document-status-changed.md")
    assert spec.subscribers is not None and spec.subscribers.value == "hr_user"
    assert [s.name for s in spec.scopes] == ["sign.b2e"]


def test_examples_exist_on_26_event_pages(ru: ParseResult) -> None:
    with_examples = [s for s in ru.specs if s.examples]
    assert len(with_examples) == 26
    assert Counter(s.kind for s in with_examples) == {"js_event": 20, "rest_event": 6}


def _facts(spec: EventSpec) -> tuple[object, ...]:
    return (
        spec.event.casefold(),
        spec.kind,
        [s.name for s in spec.scopes],
        spec.subscribers.value if spec.subscribers else None,
        field_names(spec),
        [t.label for b in spec.examples for t in b.tabs],
    )


def test_english_pages_have_the_facts_of_their_russian_twins(
    ru: ParseResult, en: ParseResult
) -> None:
    assert len(en.specs) == 12 and en.failed == []
    for spec in en.specs:
        twin = spec_of(ru, spec.source.path)
        assert spec.locale == "en" and twin.locale == "ru"
        assert _facts(spec) == _facts(twin), spec.source.path


def test_english_h1_irregularities_are_reported(en: ParseResult) -> None:
    codes = {(Path(d.path).name, d.code) for d in en.diagnostics}
    assert ("on-booking-update.md", "W-H1-CODE-MISSING") in codes
    assert ("on-offline-event.md", "W-H1-CODE-POSITION") in codes
    booking = spec_of(en, "api-reference/booking/booking/events/on-booking-update.md")
    assert booking.event == "ONBOOKINGUPDATE"
