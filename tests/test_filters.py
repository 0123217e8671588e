"""Literal filters: each language's escaping and the docs' layout, checked by round trips and tools."""

from __future__ import annotations

import ast
import json
import shlex
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.render.literals import (
    FILTERS,
    camel,
    go_params,
    go_string,
    js_object,
    js_string,
    json_compact,
    pascal,
    php_array,
    php_string,
    py_literal,
    py_string,
    shell_single_quote,
    snake,
)

NASTY = [
    "plain",
    "it's",
    'say "hi"',
    "back\\slash",
    "C:\\path\\'quoted'",
    "$HOME and ${x} and {$y}",
    "line1\nline2\r\n\ttab",
    "Привет, мир — «ёлка»",
    "emoji 😀 and CJK 漢字",
    "bell\x07 nul\x00 esc\x1b",
    "separators \u2028 \u2029",
    "zero width \u200b joiner",
    "",
]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def test_every_filter_is_registered() -> None:
    expected = {"camel", "go_params", "go_string", "js_object", "js_string", "json_compact"}
    expected |= {"pascal", "php_array", "php_string", "py_literal", "py_string"}
    expected |= {"py_kwarg", "py_method"}
    expected |= {"shell_single_quote", "snake"}
    assert set(FILTERS) == expected


# --- quoted scalars ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "single", "double"),
    [
        ("CallCard::BeforeClose", "'CallCard::BeforeClose'", '"CallCard::BeforeClose"'),
        ("it's", "'it\\'s'", '"it\'s"'),
        ('say "hi"', "'say \"hi\"'", '"say \\"hi\\""'),
        ("a\\b", "'a\\\\b'", '"a\\\\b"'),
        ("$x ${y}", "'$x ${y}'", '"$x ${y}"'),
        ("a\nb\r\tc", "'a\\nb\\r\\tc'", '"a\\nb\\r\\tc"'),
        ("ёж \u2028", "'ёж \\u2028'", '"ёж \\u2028"'),
    ],
)
def test_js_string(value: str, single: str, double: str) -> None:
    assert js_string(value) == single
    assert js_string(value, '"') == double


@given(st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"])))
def test_js_string_double_quoted_is_json(value: str) -> None:
    # `<\/` and `<\!--` keep the literal safe inside <script>; JS reads them as `</` and `<!--`
    literal = js_string(value, '"').replace("<\\/", "</").replace("<\\!--", "<!--")
    assert json.loads(literal) == value


def test_js_string_is_safe_inside_a_script_element() -> None:
    assert js_string("</script><!--") == "'<\\/script><\\!--'"


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("onTaskAdd", "'onTaskAdd'"),
        ("it's", "'it\\'s'"),
        ("a\\b", "'a\\\\b'"),
        ("$not_a_var {$x}", "'$not_a_var {$x}'"),
        ("Ошибка", "'Ошибка'"),
        ("two\nlines $x", '"two\\nlines \\$x"'),
        ('tab\t"q"\\', '"tab\\t\\"q\\"\\\\"'),
    ],
)
def test_php_string(value: str, literal: str) -> None:
    assert php_string(value) == literal


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("onTaskAdd", '"onTaskAdd"'),
        ('say "hi"', "'say \"hi\"'"),  # black's choice: the quote that needs no escape
        ("it's", '"it\'s"'),
        ("a\\b\n", '"a\\\\b\\n"'),
        ("{braces} $x", '"{braces} $x"'),
        ("Непредвиденная", '"Непредвиденная"'),
        ("nul\x00", '"nul\\x00"'),
    ],
)
def test_py_string(value: str, literal: str) -> None:
    assert py_string(value) == literal


@given(st.text())
def test_py_string_round_trips(value: str) -> None:
    assert ast.literal_eval(py_string(value)) == value


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("event.bind", '"event.bind"'),
        ('q"\\', '"q\\"\\\\"'),
        ("a\tb\n", '"a\\tb\\n"'),
        ("разбор ответа: %w", '"разбор ответа: %w"'),
        ("esc\x1b", '"esc\\x1b"'),
        ("\u2028", '"\\u2028"'),
    ],
)
def test_go_string(value: str, literal: str) -> None:
    assert go_string(value) == literal


@pytest.mark.parametrize("value", NASTY)
def test_shell_single_quote_is_one_word(value: str) -> None:
    quoted = shell_single_quote(value)
    assert quoted.startswith("'") and quoted.endswith("'")
    assert shlex.split(quoted) == [value]


def test_shell_single_quote_escapes_only_the_quote() -> None:
    assert shell_single_quote("it's $HOME `x` \\n") == "'it'\\''s $HOME `x` \\n'"


def test_json_compact() -> None:
    value = {"event": "onTaskAdd", "handler": "https://example.com/handler.php", "n": [1, True]}
    assert json_compact(value) == (
        '{"event":"onTaskAdd","handler":"https://example.com/handler.php","n":[1,true]}'
    )
    assert json_compact({"t": 'Сделка "A"\n'}) == '{"t":"Сделка \\"A\\"\\n"}'
    assert json_compact({}) == "{}"


@given(JSON_VALUES)
def test_json_compact_round_trips_and_is_one_line(value: object) -> None:
    text = json_compact(value)
    assert "\n" not in text
    assert json.loads(text) == value


# --- structured literals --------------------------------------------------------------------------

PARAMS = {"event": "onTaskAdd", "handler": "https://example.com/handler.php"}


def test_js_object_ts_style() -> None:
    assert js_object(PARAMS, level=2) == (
        "{\n      event: 'onTaskAdd',\n      handler: 'https://example.com/handler.php',\n    }"
    )


def test_js_object_bx24_style() -> None:
    rendered = js_object(
        PARAMS, indent=4, level=1, quote='"', quote_keys=True, trailing_comma=False
    )
    assert rendered == (
        "{\n"
        '        "event": "onTaskAdd",\n'
        '        "handler": "https://example.com/handler.php"\n'
        "    }"
    )


def test_js_object_nesting_keys_and_scalars() -> None:
    value: dict[str, object] = {
        "a-b": None,
        "ok": True,
        "n": 1.5,
        "list": [1, "x"],
        "rows": [{"id": 1}],
        "e": {},
    }
    assert js_object(value) == textwrap.dedent(
        """\
        {
          'a-b': null,
          ok: true,
          n: 1.5,
          list: [1, 'x'],
          rows: [
            {
              id: 1,
            },
          ],
          e: {},
        }"""
    )


def test_php_array_aligned_with_trailing_comma() -> None:
    assert php_array(PARAMS, level=3, align=True, trailing_comma=True) == (
        "[\n"
        "                'event'   => 'onTaskAdd',\n"
        "                'handler' => 'https://example.com/handler.php',\n"
        "            ]"
    )


def test_php_array_crest_style_and_values() -> None:
    value: dict[str, object] = {
        "PLACEMENT": "CallCard::BeforeClose",
        "n": None,
        "f": False,
        "ids": [1, 2],
        "o": {},
    }
    assert php_array(value, level=1) == textwrap.dedent(
        """\
        [
                'PLACEMENT' => 'CallCard::BeforeClose',
                'n' => null,
                'f' => false,
                'ids' => [1, 2],
                'o' => []
            ]"""
    )
    assert php_array({}) == "[]"
    assert php_array({"x": "it's $y"}) == "[\n    'x' => 'it\\'s $y'\n]"


def test_php_array_integer_keys_stay_bare() -> None:
    assert php_array({5: "a"}) == "[\n    5 => 'a'\n]"


def test_py_literal_matches_black() -> None:
    value = {"ID": "desc", "list": [1, 2], "nested": {"x": None, "y": True}, "rows": [{"a": 1.5}]}
    assert py_literal(value) == textwrap.dedent(
        """\
        {
            "ID": "desc",
            "list": [1, 2],
            "nested": {
                "x": None,
                "y": True,
            },
            "rows": [
                {
                    "a": 1.5,
                },
            ],
        }"""
    )
    black = pytest.importorskip("black")
    source = f"x = {py_literal(value)}\n"
    assert black.format_str(source, mode=black.Mode()) == source


@given(JSON_VALUES)
def test_py_literal_round_trips(value: object) -> None:
    assert ast.literal_eval(py_literal(value)) == value


def test_go_params_aligns_like_gofmt() -> None:
    value = {
        "entityTypeId": 2,
        "id": 351,
        "fields": {"title": "REST Deal #1", "observers": [1, 2, 3], "opportunity": 10000.5},
        "select": ["id", "title"],
        "x": None,
    }
    assert go_params(value) == (
        "b24.Params{\n"
        '\t"entityTypeId": 2,\n'
        '\t"id":           351,\n'
        '\t"fields": b24.Params{\n'
        '\t\t"title":       "REST Deal #1",\n'
        '\t\t"observers":   []int{1, 2, 3},\n'
        '\t\t"opportunity": 10000.5,\n'
        "\t},\n"
        '\t"select": []string{"id", "title"},\n'
        '\t"x":      nil,\n'
        "}"
    )
    assert go_params({}) == "b24.Params{}"


def test_go_params_slices() -> None:
    assert go_params({"m": [1, 2.5], "b": [True], "a": [1, "x"], "r": [{"k": 1}]}) == (
        "b24.Params{\n"
        '\t"m": []float64{1, 2.5},\n'
        '\t"b": []bool{true},\n'
        '\t"a": []any{1, "x"},\n'
        '\t"r": []b24.Params{\n'
        "\t\t{\n"
        '\t\t\t"k": 1,\n'
        "\t\t},\n"
        "\t},\n"
        "}"
    )


@pytest.mark.toolchain
def test_go_params_is_gofmt_stable(tmp_path: Path) -> None:
    gofmt = shutil.which("gofmt")
    if gofmt is None:
        pytest.skip("gofmt is not installed")
    long_key = "k" * 45
    value = {
        "a": 1,
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb": 2,
        "cc": {"x": [1, 2], "yyyy": 'q"\\\n', "z": {}},
        long_key: "v",
        "d": 3,
        "é": [{"k": True, "kk": None}],
        "e": 4,
    }
    source = f"package p\n\nvar v = {go_params(value)}\n"
    completed = subprocess.run([gofmt], input=source, capture_output=True, text=True, check=True)
    assert completed.stdout == source


@pytest.mark.toolchain
@pytest.mark.parametrize("value", NASTY)
def test_php_string_round_trips_through_php(value: str) -> None:
    php = shutil.which("php")
    if php is None:
        pytest.skip("php is not installed")
    code = f"echo json_encode({php_string(value)}, JSON_UNESCAPED_UNICODE);"
    completed = subprocess.run([php, "-r", code], capture_output=True, check=True)
    assert json.loads(completed.stdout.decode("utf-8", "surrogatepass")) == value


@pytest.mark.toolchain
def test_js_strings_round_trip_through_node() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    literals = ", ".join(js_string(v) for v in NASTY)
    script = f"process.stdout.write(JSON.stringify([{literals}]))"
    completed = subprocess.run([node, "-e", script], capture_output=True, check=True)
    assert json.loads(completed.stdout) == NASTY


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("event.bind", "EventBind"),
        ("onTaskAdd", "OnTaskAdd"),
        ("TaskCommentAdd", "TaskCommentAdd"),
        ("ONCRMLEADADD", "Oncrmleadadd"),
        ("CallCard::BeforeClose", "CallCardBeforeClose"),
        ("im.v2.Event.subscribe", "ImV2EventSubscribe"),
        ("getHTTPResponse", "GetHttpResponse"),
        ("", ""),
    ],
)
def test_pascal(value: str, expected: str) -> None:
    assert pascal(value) == expected


def test_camel_and_snake() -> None:
    assert camel("bind task add event") == "bindTaskAddEvent"
    assert camel("OnTaskAdd") == "onTaskAdd"
    assert camel("") == ""
    assert snake("entityTypeId") == "entity_type_id"
    assert snake("event") == "event"
    assert snake("ENTITY_TYPE") == "entity_type"
