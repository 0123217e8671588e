"""sdk-diff on a fake SDK shaped like b24pysdk: annotations, offline introspection, the comparison,
the three formats and the baseline (the command and the real SDKs: test_sdkdiff_command.py)."""

from __future__ import annotations

import functools
import inspect
import json
from collections import Counter
from pathlib import Path
from typing import Any, Literal, Optional

import pytest

from generator.diagnostics import DocgenError
from generator.sdkdiff import report
from generator.sdkdiff.annotations import describe, kinds_of, sample_value
from generator.sdkdiff.compare import compare, compare_params, snake_case, types_agree
from generator.sdkdiff.introspect_py import introspect_client, map_keys
from generator.sdkdiff.model import DocMethod, DocParam, SdkMethod, SdkParam, SdkSurface

# --- a fake SDK: contexts with cached-property children and wrappers returning lazy requests ----


class FakeRequest:
    """What a b24pysdk wrapper returns: a lazy request holding the wire name and params."""

    def __init__(self, method: str, params: dict[str, Any]) -> None:
        self._api_method = method
        self._params = params


class Context:
    def __init__(self, parent: object, name: str) -> None:
        self._parent = parent
        self._name = name

    def __str__(self) -> str:
        return f"{self._parent}.{self._name}" if isinstance(self._parent, Context) else self._name


class Contact(Context):
    def add(
        self, fields: dict[str, Any], *, params: dict[str, Any] | None = None, timeout: float = 1
    ) -> FakeRequest:
        body: dict[str, Any] = {"fields": fields}
        if params is not None:
            body["params"] = params
        return FakeRequest(f"{self}.Add", body)

    def get(self, bitrix_id: int) -> FakeRequest:
        return FakeRequest(f"{self}.get", {"id": bitrix_id})

    def list(
        self,
        *,
        filter: dict[str, Any] | None = None,
        start: int | None = None,
        use_original_uf_names: bool | None = None,
    ) -> FakeRequest:
        flag = "Y" if use_original_uf_names else "N"
        return FakeRequest(
            f"{self}.list", {"filter": filter, "start": start, "useOriginalUfNames": flag}
        )

    def set_name(self, bitrix_id: int, name: str) -> FakeRequest:
        return FakeRequest(
            f"{self}.setName", {"ID": bitrix_id, "fields": {"NAME": name}, "MODE": 1}
        )

    def picky(self, owner_type_id: int) -> FakeRequest:
        raise ValueError("the offline call cannot satisfy this wrapper")

    def update(self, bitrix_id: int, **fields: Any) -> FakeRequest:
        return FakeRequest(f"{self}.update", {"id": bitrix_id, "fields": dict(fields)})

    def export(self) -> FakeRequest:
        return FakeRequest(f"{self}.export", {})

    def describe(self) -> str:
        return "not a REST wrapper"


class User(Context):
    def add(self, fields: dict[str, Any]) -> FakeRequest:
        return FakeRequest(f"{self}.add", {**fields})


class Crm(Context):
    @functools.cached_property
    def contact(self) -> Contact:
        return Contact(self, "contact")


class FakeClient:
    @functools.cached_property
    def crm(self) -> Crm:
        return Crm(self, "crm")

    @functools.cached_property
    def user(self) -> User:
        return User(self, "user")

    @property
    def label(self) -> str:
        return "not a scope"


# --- the documented methods it is compared with ---------------------------------------------

PAGE = "api-reference/crm/contacts/"
DOCS = [
    DocMethod(
        "crm.contact.add",
        PAGE + "crm-contact-add.md",
        1,
        False,
        (
            DocParam("fields", "object", True, 20, has_children=True),
            DocParam("fields.NAME", "string", False, 21),
            DocParam("params", "object", False, 22),
        ),
    ),
    DocMethod(
        "crm.contact.get",
        PAGE + "crm-contact-get.md",
        1,
        False,
        (DocParam("ID", "integer", True, 18),),
    ),
    DocMethod(
        "crm.contact.list",
        PAGE + "crm-contact-list.md",
        1,
        False,
        (
            DocParam("select", "array", False, 18),
            DocParam("filter", "object", True, 19),
            DocParam("start", "string", False, 20),
            DocParam("useOriginalUFNames", "boolean", False, 21),
        ),
    ),
    DocMethod(
        "crm.contact.setName",
        PAGE + "crm-contact-set-name.md",
        1,
        False,
        (
            DocParam("id", "integer", True, 18),
            DocParam("fields", "object", True, 19, has_children=True),
            DocParam("fields.NAME", "string", True, 20),
            DocParam("fields.LAST_NAME", "string", False, 21),
            DocParam("MODE", "integer", False, 22),
        ),
    ),
    DocMethod(
        "crm.contact.picky",
        PAGE + "crm-contact-picky.md",
        1,
        False,
        (
            DocParam("ownerTypeId", "integer", True, 18),
            DocParam("ownerId", "integer", True, 19),
        ),
    ),
    DocMethod(
        "crm.contact.update",
        PAGE + "crm-contact-update.md",
        1,
        False,
        (
            DocParam("id", "integer", True, 18),
            DocParam("fields", "object", True, 19, has_children=True),
            DocParam("fields.TITLE", "string", False, 20),
        ),
    ),
    DocMethod("crm.contact.fields", PAGE + "crm-contact-fields.md", 1, False, ()),
    DocMethod(
        "crm.contact.delete", "api-reference/crm/outdated/crm-contact-delete.md", 1, True, ()
    ),
    DocMethod(
        "user.add",
        "api-reference/user/user-add.md",
        1,
        True,
        (
            DocParam("NAME", "string", False, 18),
            DocParam("EMAIL", "string", True, 19),
        ),
    ),
]

EXPECTED_TEXT = """\
api-reference/crm/contacts/crm-contact-fields.md:1:0: SDK-UNWRAPPED crm.contact.fields: fakesdk has no wrapper
api-reference/crm/contacts/crm-contact-get.md:18:0: SDK-PARAM-RENAMED crm.contact.get: fakesdk sends `id`; the page documents `ID` (case)
api-reference/crm/contacts/crm-contact-list.md:18:0: SDK-PARAM-MISSING crm.contact.list: `select` (optional) is documented; fakesdk does not send it
api-reference/crm/contacts/crm-contact-list.md:19:0: SDK-PARAM-REQUIRED crm.contact.list: `filter` is required on the page, optional in fakesdk (filter)
api-reference/crm/contacts/crm-contact-list.md:20:0: SDK-PARAM-TYPE crm.contact.list: `start` is `string` on the page, `int | None` in fakesdk (start)
api-reference/crm/contacts/crm-contact-list.md:21:0: SDK-PARAM-RENAMED crm.contact.list: fakesdk sends `useOriginalUfNames`; the page documents `useOriginalUFNames` (case)
api-reference/crm/contacts/crm-contact-picky.md:19:0: SDK-PARAM-MISSING crm.contact.picky: `ownerId` (required) is documented; fakesdk does not send it
api-reference/crm/contacts/crm-contact-set-name.md:18:0: SDK-PARAM-RENAMED crm.contact.setName: fakesdk sends `ID`; the page documents `id` (case)
api-reference/crm/contacts/crm-contact-set-name.md:21:0: SDK-PARAM-MISSING crm.contact.setName: `fields.LAST_NAME` (optional) is documented; fakesdk does not send it
api-reference/user/user-add.md:1:0: SDK-DEPRECATED user.add: fakesdk wraps it (client.user.add)
tests/test_sdkdiff.py:{export_line}:0: SDK-UNDOCUMENTED crm.contact.export: fakesdk wraps it (client.crm.contact.export); the docs have no page for it
sdk-diff: 9 methods in the docs, 7 wrapped by fakesdk 0.1, 4 signatures disagree
differences: 11 (1 SDK-DEPRECATED, 3 SDK-PARAM-MISSING, 3 SDK-PARAM-RENAMED, 1 SDK-PARAM-REQUIRED, 1 SDK-PARAM-TYPE, 1 SDK-UNDOCUMENTED, 1 SDK-UNWRAPPED)
"""  # noqa: E501


EXPORT_LINE = inspect.getsourcelines(Contact.export)[1]  # an undocumented wrapper is located at it


def fake_surface() -> SdkSurface:
    return SdkSurface("fakesdk", "0.1", introspect_client(FakeClient(), Context))


def no_baseline(comparison: Any) -> report.Outcome:
    return report.apply_baseline(comparison.differences, Counter())


# --- annotations ---------------------------------------------------------------------------------


def test_kinds_of_annotations() -> None:
    assert kinds_of(Optional[int]) == {"int"}  # noqa: UP045 (b24pysdk spells it so)
    assert kinds_of(int | str | None) == {"int", "str"}
    assert kinds_of(dict[str, Any]) == {"dict"}
    assert kinds_of(list[str]) == {"list"}
    assert kinds_of(tuple[str, str]) == {"list"}
    assert kinds_of(Literal["a", 1]) == {"str", "int"}
    assert kinds_of(bool) == {"bool"}
    assert kinds_of(Any) == {"any"}
    assert kinds_of(object) == {"any"}


def test_sample_values_are_unique_and_accepted() -> None:
    assert sample_value(int, 3) == 7003
    assert sample_value(Optional[str], 4) == "sample4"  # noqa: UP045
    assert sample_value(dict[str, Any], 2) == {"sample2": 2}
    assert sample_value(list[int], 1, size=2) == [7010, 7011]
    assert describe(Optional[int]) == "Optional[int]"  # noqa: UP045
    with pytest.raises(TypeError):
        sample_value(object, 0)


def test_map_keys_by_value_by_spread_and_by_name() -> None:
    samples: dict[str, object] = {"owner_id": 7000, "fields": {"sample1": 1}, "active": True}
    params = {"ownerId": 7000, "sample1": 1, "ACTIVE": "Y", "MODE": "fixed"}
    assert map_keys(params, samples) == (
        {"owner_id": "ownerId", "fields": "*", "active": "ACTIVE"},
        ["MODE"],
    )


def test_snake_case_and_types() -> None:
    assert snake_case("ownerTypeId") == "owner_type_id"
    assert snake_case("fields.ENTITY_ID") == "entity_id"
    assert types_agree("integer", frozenset({"int"}))
    assert types_agree("integer", frozenset({"float"}))
    assert types_agree("datetime", frozenset({"datetime"}))
    assert types_agree("ActionDto", frozenset({"int"}))  # a type described elsewhere: any
    assert not types_agree("string", frozenset({"int"}))
    assert types_agree("array", frozenset({"dict"}))  # the docs' PHP word for a keyed array too
    assert not types_agree("object[]", frozenset({"dict"}))
    assert not types_agree("boolean", frozenset({"str"}))


# --- introspection, comparison and report on the fake SDK ----------------------------------------


def test_introspect_the_fake_sdk() -> None:
    methods = {m.method: m for m in fake_surface().methods}
    assert sorted(methods) == [
        "crm.contact.Add",
        "crm.contact.export",
        "crm.contact.get",
        "crm.contact.list",
        "crm.contact.picky",
        "crm.contact.setName",
        "crm.contact.update",
        "user.add",
    ]
    assert [(p.name, p.wire, p.required) for p in methods["crm.contact.setName"].params] == [
        ("bitrix_id", "ID", True),
        ("name", "fields.NAME", True),
    ]
    assert methods["crm.contact.setName"].fixed == ("MODE",)
    assert [(p.name, p.wire) for p in methods["crm.contact.update"].params] == [
        ("bitrix_id", "id"),
        ("**fields", "fields.*"),
    ]
    assert [p.wire for p in methods["user.add"].params] == ["*"]
    assert methods["crm.contact.export"].source == ("tests/test_sdkdiff.py", EXPORT_LINE)
    picky = methods["crm.contact.picky"]
    assert (picky.resolved, [p.wire for p in picky.params]) == (False, [None])


def test_compare_and_text_report() -> None:
    comparison = compare(DOCS, fake_surface())
    assert (comparison.documented, comparison.wrapped, comparison.disagree) == (9, 7, 4)
    expected = EXPECTED_TEXT.replace("{export_line}", str(EXPORT_LINE))
    assert report.format_text(comparison, no_baseline(comparison)) == expected


def test_github_and_json_reports() -> None:
    comparison = compare(DOCS, fake_surface())
    outcome = no_baseline(comparison)
    github = report.format_github(comparison, outcome).splitlines()
    assert github[1] == (
        "::warning file=api-reference/crm/contacts/crm-contact-get.md,line=18::SDK-PARAM-RENAMED "
        "crm.contact.get: fakesdk sends `id`; the page documents `ID` (case)"
    )
    assert github[10] == (
        f"::warning file=tests/test_sdkdiff.py,line={EXPORT_LINE}::SDK-UNDOCUMENTED "
        "crm.contact.export: fakesdk wraps it (client.crm.contact.export); the docs have no "
        "page for it"
    )
    assert github[-1] == (
        "::notice title=sdk-diff::9 methods in the docs, 7 wrapped by fakesdk 0.1, "
        "4 signatures disagree"
    )
    document = json.loads(report.format_json(comparison, outcome, fake_surface()))
    assert document["summary"] == {"documented": 9, "wrapped": 7, "disagree": 4, "sdk_methods": 8}
    assert document["counts"]["SDK-PARAM-MISSING"] == 3
    assert document["differences"][2] == {
        "page": "api-reference/crm/contacts/crm-contact-list.md",
        "line": 18,
        "method": "crm.contact.list",
        "code": "SDK-PARAM-MISSING",
        "param": "select",
        "message": "`select` (optional) is documented; fakesdk does not send it",
    }
    assert document["baseline"] == {"known": 0, "fixed": 0}


def test_baseline_round_trip(tmp_path: Path) -> None:
    comparison = compare(DOCS, fake_surface())
    path = tmp_path / "sdk-baseline.json"
    report.write_baseline(path, "fakesdk", comparison.differences)
    assert path.read_bytes() == report.baseline_bytes("fakesdk", comparison.differences)
    known = report.load_baseline(path)
    assert report.apply_baseline(comparison.differences, known) == report.Outcome((), 11, 0)
    fewer = comparison.differences[1:]
    assert report.apply_baseline(fewer, known) == report.Outcome((), 10, 1)
    known["SDK-PARAM-TYPE|crm.contact.list|start"] = 0
    outcome = report.apply_baseline(comparison.differences, known)
    assert [d.key for d in outcome.new] == ["SDK-PARAM-TYPE|crm.contact.list|start"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file does not exist"),
        ("{", "not an sdk-diff baseline (version 1 expected)"),
        ('{"version": 2, "differences": []}', "not an sdk-diff baseline (version 1 expected)"),
    ],
)
def test_bad_baseline_is_e_baseline(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        report.load_baseline(path)
    assert (caught.value.diagnostic.code, caught.value.diagnostic.message) == (
        "E-BASELINE",
        message,
    )


def test_renamed_keys_say_how() -> None:
    doc = DocMethod(
        "x.item.update",
        "x.md",
        1,
        False,
        (
            DocParam("itemIdentifier", "integer", True, 10),
            DocParam("NAME", "string", False, 11),
            DocParam("sprintId", "integer", True, 12),
        ),
    )
    sdk = SdkMethod(
        "x.item.update",
        "client.x.item.update",
        (
            SdkParam("item_identifer", "itemIdentifer", frozenset({"int"}), "int", True),
            SdkParam("name", "FIELDS.NAME", frozenset({"str"}), "str", False),
            SdkParam("sprint_id", "id", frozenset({"int"}), "int", True),
        ),
    )
    assert [d.message for d in compare_params(doc, sdk, "sdk")] == [
        "sdk sends `itemIdentifer`; the page documents `itemIdentifier` (spelling)",
        "sdk sends `FIELDS.NAME`; the page documents `NAME` (depth)",
        "sdk sends `id`; the page documents `sprintId` (another key)",
    ]
