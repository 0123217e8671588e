"""The stub type model (generator/render/stubs/types.py) value by value: docs type strings, and the
widening an example value forces. Written from the mutation run of issue 14, which found most of
these rules unasserted."""

from __future__ import annotations

import pytest

from generator.render.stubs.types import (
    ANY,
    BOOL,
    DICT,
    FLOAT,
    INT,
    STR,
    TypeRef,
    is_explicit_list,
    list_of,
    map_of,
    parse_docs_type,
    widen,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("string", (STR, False)),
        ("Text", (STR, False)),
        ("datetime", (STR, False)),
        ("integer", (INT, False)),
        ("double", (FLOAT, False)),
        ("boolean", (BOOL, False)),
        ("object", (DICT, False)),
        ("array", (list_of(ANY), False)),
        ("mixed", (ANY, False)),
        ("integer[]", (list_of(INT), False)),
        ("object[][]", (list_of(list_of(DICT)), False)),
        ("catalog_price.id", (INT, False)),
        ("crm_entity_id", (STR, False)),
        ("undefined|object", (DICT, True)),
        ("integer\\|null", (INT, True)),
        ("null", (ANY, True)),
        ("integer|string", (ANY, False)),
        ("integer | int", (INT, False)),
        ("", (ANY, False)),
        (None, (ANY, False)),
    ],
)
def test_docs_types(raw: str | None, expected: tuple[TypeRef, bool]) -> None:
    assert parse_docs_type(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("string[]", True), ("null|integer[]", True), ("string", False), ("", False), (None, False)],
)
def test_explicit_lists(raw: str | None, expected: bool) -> None:
    assert is_explicit_list(raw) is expected


@pytest.mark.parametrize(
    ("ref", "values", "expected"),
    [
        (INT, ["7", 8, 9.0, " -3 "], INT),
        (INT, ["7", "1.5"], FLOAT),
        (INT, [1.5], FLOAT),
        (INT, ["abc"], STR),
        (INT, [True], STR),
        (INT, [None, "", "undefined"], INT),  # absent values say nothing
        (FLOAT, ["1.5", 2, "3", ".5", "1e3"], FLOAT),
        (FLOAT, ["x"], STR),
        (FLOAT, [False], STR),
        (BOOL, [True, 0, 1, "Y", "n", " Yes ", "off", "TRUE"], BOOL),
        (BOOL, [2], STR),
        (BOOL, ["maybe"], STR),
        (STR, [5, 1.5, True], STR),
        (STR, [{"a": 1}], ANY),
        (ANY, [{"a": 1}, [1], "x"], ANY),
        (DICT, [{"a": 1}], DICT),
        (DICT, ["x"], ANY),
        (list_of(INT), [["1", 2]], list_of(INT)),
        (list_of(INT), [["1", "x"]], list_of(STR)),
        (list_of(INT), [{"0": "1", "1": "2"}], list_of(INT)),  # a PHP list sent as a map
        (list_of(INT), [{"a": "1"}], ANY),
        (list_of(INT), ["x"], ANY),
        (map_of(INT), [{"a": "1", "b": "x"}], map_of(STR)),
        (map_of(INT), [["1", 2]], map_of(INT)),
        (TypeRef("list"), [["1"]], ANY),
        (TypeRef("map"), [{"a": 1}], ANY),
    ],
)
def test_widening(ref: TypeRef, values: list[object], expected: TypeRef) -> None:
    assert widen(ref, values) == expected
