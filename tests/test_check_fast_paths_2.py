"""More cheaper paths of a cold `check` that give what the plain ones gave: a page's bytes decoded
and hashed once, and the canonical side of a block's call-mode comparison made once a block."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import cast

import pytest

from generator.calls import Json
from generator.check.lint_method import fields_listed_elsewhere
from generator.check.lint_params import Issue, Level, is_expr, kind_of
from generator.check.lint_response import _issue, first_missing, response_issues
from generator.check.method_drift import as_json, comparable, same_shape, same_shape_as
from generator.check.method_expected import call_of, makes_canonical_call
from generator.diagnostics import DocgenError
from generator.extract.method_params import walk_params
from generator.includes import IncludeResolver
from generator.kinds.method import MethodKind
from generator.pages.classify import PageType, classify_file
from generator.render.canonical import _key as canonical_key
from generator.render.canonical import canonical_call
from generator.source import MAX_PAGE_BYTES, decode
from generator.spec.method import MethodSpec, Param, Response, TabCall
from generator.spec.parts import Tab
from generator.targets import load_targets
from tests.corpus import CORPUS_RU, need


def test_the_shared_decoding_is_decode_on_every_ru_page() -> None:
    root = need(CORPUS_RU)
    pages = sorted(root.rglob("*.md"))
    for path in pages:
        raw = path.read_bytes()
        rel = path.relative_to(root).as_posix()
        digest = hashlib.sha256(raw).hexdigest()
        assert decode(raw, rel, digest) == decode(raw, rel), rel
    assert len(pages) == 2687


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbf# T\r\n",
        b"",
        b"# A\n\xc3\xa9\n",
        b"bad \xff byte\n",
        b"x" * (MAX_PAGE_BYTES + 1),
    ],
)
def test_the_shared_decoding_keeps_decode_on_edges(raw: bytes) -> None:
    digest = hashlib.sha256(raw).hexdigest()
    try:
        expected = decode(raw, "a/b.md")
    except DocgenError as exc:
        with pytest.raises(DocgenError) as got:
            decode(raw, "a/b.md", digest)
        assert got.value.diagnostic == exc.diagnostic
        return
    assert decode(raw, "a/b.md", digest) == expected


def plain_makes_canonical_call(spec: MethodSpec, block: int, tab: Tab) -> bool:
    call = call_of(spec, block, tab)
    if call is None or not call.readable or call.fence or call.language == "python":
        return False
    canonical = canonical_call(spec, block)
    if (call.method or "").lower() != canonical.method.lower():
        return False
    page, wanted = cast("Json", call.params), cast("Json", canonical.params)
    return same_shape(comparable(page), comparable(wanted))


def method_specs(root: Path) -> list[MethodSpec]:
    targets = load_targets()
    specs = []
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        if classify_file(rel, text) is not PageType.METHOD or b"{% list tabs" not in raw:
            continue
        reading = MethodKind().read(decode(raw, rel), IncludeResolver(root), targets, "check")
        specs.append(cast("MethodSpec", reading.spec))
    return specs


@pytest.fixture(scope="module")
def ru_specs() -> list[MethodSpec]:
    return method_specs(need(CORPUS_RU))


def test_the_canonical_call_test_once_a_block_is_the_plain_test_on_every_ru_tab(
    ru_specs: list[MethodSpec],
) -> None:
    specs = ru_specs
    answers = {True: 0, False: 0}
    for spec in specs:
        for index, block in enumerate(spec.examples):
            for tab in block.tabs:
                fast = makes_canonical_call(spec, index, tab)
                assert fast == plain_makes_canonical_call(spec, index, tab), spec.source.path
                answers[fast] += 1
    assert len(specs) == 1652
    assert answers == {True: 12680, False: 732}


@pytest.mark.parametrize(
    ("page", "canonical"),
    [
        ({"id": 1}, {"id": 1}),
        ({"id": True}, {"id": 1}),
        ({"ID": 1}, {"id": "2"}),
        ({"a": {"b": []}}, {"a": {"b": [1]}}),
        ([1, 2], {"x": 1, "y": 2}),
        ({"id": 1.0}, {"id": 1}),
        ({}, {"x": 1}),
        ("**x**", {"x": 1}),
    ],
)
def test_same_shape_as_is_same_shape(page: Json, canonical: Json) -> None:
    from generator.check.method_drift import as_json

    assert same_shape_as(page, canonical, as_json(canonical)) == same_shape(page, canonical)


def plain_exact(level: Level, key: str) -> Param | None:
    names = {key, key.split("|")[0]}
    return next((p for p in level.params if p.name in names and not p.wildcard), None)


def json_keys(value: Json) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in json_keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in json_keys(v)]
    return []


def test_level_exact_is_the_plain_scan_on_every_ru_key_and_level(
    ru_specs: list[MethodSpec],
) -> None:
    asked = found = 0
    for spec in ru_specs:
        keys = {k for c in spec.calls for k in json_keys(cast("Json", c.params))}
        keys |= {p.name for p in walk_params(spec.params)}
        levels = [spec.params, *(p.children for p in walk_params(spec.params) if p.children)]
        for params in levels:
            level = Level(params, python=False)
            for key in keys:
                answer = level.exact(key)
                assert answer is plain_exact(level, key), (spec.source.path, key)
                asked += 1
                found += answer is not None
    assert (asked, found) == (17993, 7737)


def test_level_exact_on_edges() -> None:
    def param(name: str, wildcard: bool = False) -> Param:
        return Param(
            name=name,
            path=name,
            type=None,
            required=False,
            default=None,
            description="",
            anchor=None,
            line=1,
            wildcard=wildcard,
            children=[],
        )

    params = [param("UF_*", True), param("TASKS_TASK"), param("id"), param("id"), param("a|b")]
    level = Level(params, python=False)
    for key in ["id", "ID", "TASKS_TASK|UF_CRM_TASK", "a|b", "a", "UF_*", "", "|", "id|x|y"]:
        assert level.exact(key) is plain_exact(level, key), key
    assert level.exact("id") is params[2]
    assert level.exact("TASKS_TASK|UF_X") is params[1]
    assert level.exact("a|b") is params[4]


def plain_response_issues(call: TabCall, response: Response) -> list[Issue]:
    example = response.example
    if not isinstance(example, dict) or "result" not in example:
        return []
    documented = {p.name.casefold() for p in walk_params(response.fields)}
    for path in call.result_access:
        if len(path) < 2 or path[0] != "result":
            continue
        step = first_missing(example, path)
        if step is None or path[step].casefold() in documented:
            continue
        return [_issue(path, step, example)]
    return []


def test_response_issues_with_the_lazy_field_names_on_every_ru_call(
    ru_specs: list[MethodSpec],
) -> None:
    calls = issues = 0
    for spec in ru_specs:
        for call in spec.calls:
            found = list(response_issues(call, spec.response))
            assert found == plain_response_issues(call, spec.response), spec.source.path
            calls += 1
            issues += len(found)
    assert (calls, issues) == (13412, 5)


EDGE_VALUES: list[object] = [
    {},
    [],
    None,
    "Сделка «1»",
    {"b": 1, "a": [True, False, None, 1.5, float("nan"), float("inf")], "c": {"z": "\u2028"}},
    {"$expr": "**put_id**"},
    ["\ud83d\ude00", 10**20, -0.0],
]


def test_the_made_encoders_write_what_dumps_writes(ru_specs: list[MethodSpec]) -> None:
    values: list[object] = [c.params for s in ru_specs for c in s.calls]
    values += EDGE_VALUES
    for value in values:
        json_value = cast("Json", value)
        assert as_json(json_value) == json.dumps(value, sort_keys=True, ensure_ascii=False)
        assert canonical_key(json_value) == json.dumps(value, ensure_ascii=False)
    assert len(values) == 13412 + len(EDGE_VALUES)


def plain_kind_of(value: Json) -> str | None:
    if is_expr(value) or value is None or value in ({}, []):
        return None
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "scalar"


def json_values(value: Json) -> list[Json]:
    if isinstance(value, dict):
        return [value, *(v for item in value.values() for v in json_values(item))]
    if isinstance(value, list):
        return [value, *(v for item in value for v in json_values(item))]
    return [value]


def test_kind_of_and_the_kept_field_list_answer_on_every_ru_page(
    ru_specs: list[MethodSpec],
) -> None:
    specs = ru_specs
    kinds: dict[str | None, int] = {}
    for spec in specs:
        for call in spec.calls:
            for value in json_values(cast("Json", call.params)):
                kind = kind_of(value)
                assert kind == plain_kind_of(value), (spec.source.path, value)
                kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds == {None: 2523, "array": 4219, "object": 22865, "scalar": 59498}
    plain = [fields_listed_elsewhere.__wrapped__(s) for s in specs]  # type: ignore[attr-defined]
    assert [fields_listed_elsewhere(s) for s in specs] == plain
    assert [fields_listed_elsewhere(s) for s in reversed(specs)] == plain[::-1]
    assert sum(plain) == 5


@pytest.mark.parametrize(
    "value",
    [{}, [], None, 0, False, "", "x", {"$expr": "a"}, {"a": 1, "$expr": "b"}, [None], {"a": {}}],
)
def test_kind_of_on_edges(value: Json) -> None:
    assert kind_of(value) == plain_kind_of(value)
