"""The client model: which spec a method comes from, names, docs types, result types, auth."""

from __future__ import annotations

import pytest

from generator.clients.model import (
    auth_rules,
    build_scopes,
    python_name,
    rest_version,
    select_methods,
)
from generator.clients.spell import php_ctype, py_ctype, ts_ctype
from generator.clients.types import docs_type, is_list_type
from tests.clients_fixtures import (
    DEAL_GET,
    DUPLICATE,
    FIXTURE,
    V3_TWIN,
)


def test_one_spec_per_method_rest2_first_then_most_params() -> None:
    selected = select_methods(FIXTURE)
    assert [s.method for s in selected] == [
        "call.followup.list",
        "crm.deal.add",
        "crm.deal.get",
        "crm.item.list",
        "event.bind",
        "main.eventlog.list",
        "user.current",
    ]
    chosen = next(s for s in selected if s.method == "crm.deal.get")
    assert chosen is DEAL_GET and chosen is not DUPLICATE and chosen is not V3_TWIN


def test_scopes_modules_classes() -> None:
    scopes = build_scopes(FIXTURE)
    assert [(s.scope, s.module, s.cls) for s in scopes] == [
        ("", "common", "Common"),
        ("crm", "crm", "Crm"),
        ("main", "main", "Main"),
        ("telephony", "telephony", "Telephony"),
        ("user", "user", "User"),  # the first of the page's scopes
    ]


@pytest.mark.parametrize(
    ("raw", "py", "ts", "php", "nullable"),
    [
        ("integer", "int", "number", "int", False),
        ("string", "str", "string", "string", False),
        ("crm_contact[]", "list[int]", "Array<number>", "list<int>", False),
        ("catalog_price.id", "int", "number", "int", False),
        ("sale_paysystem.ID", "int", "number", "int", False),
        ("catalog_measure.code", "str", "string", "string", False),
        ("crm_status", "str", "string", "string", False),
        ("crm_multifield", "Any", "unknown", "mixed", False),
        (
            "undefined|object",
            "dict[str, Any]",
            "Record<string, unknown>",
            "array<array-key, mixed>",
            True,
        ),
        ("object|array", "Any", "unknown", "mixed", False),
        ("double", "float", "number", "float", False),
        ("char", "str", "string", "string", False),
        ("timestamp", "str", "string", "string", False),
        (None, "Any", "unknown", "mixed", False),
    ],
)
def test_docs_types(raw: str | None, py: str, ts: str, php: str, nullable: bool) -> None:
    ctype, is_nullable = docs_type(raw)
    assert (py_ctype(ctype), ts_ctype(ctype), php_ctype(ctype), is_nullable) == (
        py,
        ts,
        php,
        nullable,
    )


def test_list_types_are_lists_only() -> None:
    assert [is_list_type(t) for t in ("object[]", "array", "object|array", "null|array", None)] == [
        True,
        True,
        False,
        True,
        False,
    ]


def test_python_names() -> None:
    taken: set[str] = set()
    names = [
        python_name(k, taken)
        for k in ("entityTypeId", "ID", "id", "from", "list", "1st", "im.v2.Chat")
    ]
    assert names == ["entity_type_id", "id", "id_", "from_", "list_", "p_1st", "im_v2_chat"]


def test_auth_and_version() -> None:
    assert auth_rules({"app_only": True, "webhook": True}) == (True, False)
    assert auth_rules({"webhook": False}) == (False, False)
    assert auth_rules({}) == (False, True)
    assert [rest_version(v) for v in (2, 3, "3", "v3", None, "/rest/api/")] == [2, 3, 3, 3, 2, 3]
