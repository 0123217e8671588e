"""Method-page extraction on hand-written fixture pages: one page per shape, exact facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.extract.method import extract_method_spec
from generator.extract.method_params import walk_params
from generator.includes import IncludeResolver
from generator.pages.model import Page
from generator.source import decode
from generator.spec.io import to_data, validate
from generator.spec.method import MethodSpec

FIXTURES = Path(__file__).parent / "fixtures" / "methods"


def spec_of(name: str) -> MethodSpec:
    source = decode((FIXTURES / name).read_bytes(), name)
    return extract_method_spec(Page(name, source), IncludeResolver(FIXTURES))


def params_of(spec: MethodSpec) -> list[tuple[str, str | None, bool, str | None, bool, int]]:
    return [
        (p.path, p.type, p.required, p.default, p.wildcard, p.line)
        for p in walk_params(spec.params)
    ]


def test_param_tree_markers_wildcards_and_unclosed_last_row() -> None:
    spec = spec_of("shelf-item-add.md")
    assert spec.method == "shelf.item.add"
    assert params_of(spec) == [
        ("shelfId", "integer", True, None, False, 14),  # header-less `***` marker
        ("fields", "object", True, None, False, 16),  # `**fields**^*^`
        ("fields.TITLE", "string", True, None, False, 27),  # `**TITLE^*^**`
        ("fields.SIZE", "object", False, None, False, 29),
        ("fields.SIZE.width", "integer", False, None, False, 42),  # heading `Объект SIZE`
        ("fields.UF_SHELF_...", "string", False, None, True, 31),  # a family of keys
        ("fields.WEIGHT", "double", False, None, False, 33),  # last row without `||`
        ("mode", "string", False, "append", False, 18),
    ]
    assert [p.anchor for p in spec.params[1].children] == ["fields"] * 4


def test_response_example_headerless_fields_and_errors() -> None:
    spec = spec_of("shelf-item-add.md")
    assert spec.response.status == 200
    assert spec.response.example == {
        "result": {"item": {"id": 12, "title": "Lamp"}},
        "time": {"start": 1.5},
    }
    assert spec.response.line == 73
    assert [(p.path, p.type, p.line) for p in walk_params(spec.response.fields)] == [
        ("result", "object", 83),
        ("result.id", "integer", 94),
        ("time", "time", 85),
    ]
    assert [(e.code, e.http_status, e.text, e.description, e.line) for e in spec.errors] == [
        ("SHELF_NOT_FOUND", 400, "Shelf not found", "Полки нет", 106),
        ("ACCESS_DENIED", 403, "Access denied", "Нет прав", 107),
    ]


def test_identity_callers_scopes_and_tab_calls() -> None:
    spec = spec_of("shelf-item-add.md")
    assert (spec.kind, spec.locale, spec.rest_version) == ("method", "ru", 2)
    assert [s.name for s in spec.scopes] == ["shelf"]
    assert (spec.callers.raw, spec.callers.value) == ("любой пользователь", "any_user")  # type: ignore[union-attr]
    assert (spec.auth.webhook, spec.auth.app_only, spec.auth.evidence) == (True, False, None)
    calls = [(c.block, c.tab, c.label, c.method, c.auth, c.params) for c in spec.calls]
    assert calls == [
        (
            0,
            0,
            "cURL (Webhook)",
            "shelf.item.add",
            "webhook",
            {"shelfId": 3, "fields": {"TITLE": "Lamp"}},
        ),
        (0, 1, "BX24.js", "shelf.item.add", "sdk", {"shelfId": 3, "fields": {"TITLE": "Lamp"}}),
    ]
    assert spec.related[0].path == "./shelf-item-get.md"
    assert spec.diagnostics == []


@pytest.mark.parametrize(
    ("name", "app_only", "evidence", "line"),
    [
        (
            "lamp-switch.md",
            True,
            "Запускать метод можно только в контексте приложения: лампы принадлежат ему.",
            9,
        ),
        (
            "lamp-get.md",
            True,
            "The method works only within the context of application authorization.",
            9,
        ),
        (
            "lamp-list.md",
            True,
            "`ACCESS_DENIED` | Access denied! Application context required | No application context",
            17,
        ),
        ("lamp-color.md", False, None, None),  # the error row is tied to one parameter's value
        ("desk-count.md", False, None, None),
    ],
)
def test_app_only_wordings(
    name: str, app_only: bool, evidence: str | None, line: int | None
) -> None:
    auth = spec_of(name).auth
    assert (auth.app_only, auth.webhook, auth.user_only, auth.evidence, auth.line) == (
        app_only,
        not app_only,
        False,
        evidence,
        line,
    )


def test_blocks_nested_in_a_numbered_list() -> None:
    spec = spec_of("lamp-switch.md")
    assert [(b.span.start, b.indent, [t.label for t in b.tabs]) for b in spec.examples] == [
        (24, 4, ["cURL (OAuth)", "PHP CRest"]),
        (46, 4, ["cURL (OAuth)"]),
    ]
    assert [(c.block, c.tab, c.method, c.auth, c.params) for c in spec.calls] == [
        (0, 0, "lamp.switch", "oauth-body", {"id": 5, "on": True}),
        (0, 1, "lamp.switch", "sdk", {"id": 5, "on": True}),
        (1, 0, "lamp.switch", "oauth-body", {"id": 5, "on": False}),
    ]
    assert params_of(spec) == [
        ("id", "integer", True, None, False, 14),
        ("on", "boolean", False, "true", False, 16),
    ]
    assert (spec.callers.value, spec.errors[0].code) == ("admin", "WRONG_AUTH_TYPE")  # type: ignore[union-attr]


def test_rest_v3_page() -> None:
    spec = spec_of("desk-count.md")
    assert spec.rest_version == 3
    assert spec.params == []
    assert spec.response.example == {"result": {"count": 4}}
    assert [(c.label, c.readable, c.method, c.rest_version) for c in spec.calls] == [
        ("cURL (Webhook)", True, "desk.count", 3),
        ("Go", False, None, None),
    ]


def test_method_decided_by_slug_and_tabs_against_the_h1() -> None:
    spec = spec_of("chair-move.md")
    assert spec.method == "chair.move"
    assert [(d.line, d.code, d.message) for d in spec.diagnostics] == [
        (1, "W-METHOD-H1", "H1 names `chair.add` but the file name and 2 tabs call `chair.move`")
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.md")))
def test_every_fixture_spec_follows_the_schema(name: str) -> None:
    validate(to_data(spec_of(name)))


def test_a_broken_include_keeps_the_method_spec(tmp_path: Path) -> None:
    """Issue 13: a footnote include one level short costs the page nothing it states itself."""
    text = (
        "# Получить элемент demo.item.get\n\n"
        "> Scope: [`demo`](../scopes/permissions.md)\n>\n"
        "> Кто может выполнять метод: любой пользователь\n\n"
        "Метод возвращает элемент.\n\n"
        "## Параметры метода\n\n"
        "{% include [Сноска](../_includes/required.md) %}\n\n"
        "#|\n|| **Название**\n`тип` | **Описание** ||\n"
        "|| **id***\n[`integer`](../data-types.md) | Идентификатор ||\n|#\n"
    )
    name = "demo/demo-item-get.md"
    spec = extract_method_spec(Page(name, decode(text.encode(), name)), IncludeResolver(tmp_path))
    assert spec.method == "demo.item.get"
    assert [(p.path, p.required) for p in spec.params] == [("id", True)]
    missing = [d for d in spec.diagnostics if d.code == "E-INCLUDE-MISSING"]
    assert [(d.line, d.severity) for d in missing] == [(11, "error")]
