"""The one literal and casing library: spec data (JSON-like values) → literals of each language.

Both the example templates and the stub templates use these (the stubs through
render/stubs/spelling.py); the name-casing filters come from render/casing.py.

Every literal filter escapes what its language needs (quotes, backslashes, `$`, control characters)
and keeps printable Unicode as is, like the docs do. Multi-line literals put their inner lines at
`(level + 1) * indent` and the closing bracket at `level * indent`; the opening bracket is emitted
with no indentation, so a template writes `params: {{ value|js_object(level=2) }}` in place.

A value the docs leave for the reader to fill in reaches the filters as a placeholder marker,
`{"$expr": "**put_attach_id**"}` (render/canonical.py `shown_params`); these filters write it as
a string literal (valid code for every language and formatter); the filters that follow a page
tab's own shape (render/shaped.py) write it bare, as the docs do.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.calls.model import EXPR, is_placeholder
from generator.render.casing import camel, pascal, py_kwarg, py_method, snake

IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$", re.ASCII)
GO_SMALL_KEY = 40  # go/printer: keys up to this size always align
GO_KEY_RATIO = 2.5  # go/printer: a key this far from the run's mean size breaks alignment


# --- quoted scalars -------------------------------------------------------------------------------


def _escape(text: str, table: Mapping[str, str], hex_escape: Callable[[int], str]) -> str:
    translated = text.translate(_translation(table))
    if translated.isprintable():  # no character left is `_is_unprintable` (a non-printable one)
        return translated
    out: list[str] = []
    for char in text:
        if char in table:
            out.append(table[char])
        elif _is_unprintable(char):
            out.append(hex_escape(ord(char)))
        else:
            out.append(char)
    return "".join(out)


def _is_unprintable(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def _u_escape(code: int) -> str:
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _js_u_escape(code: int) -> str:
    return f"\\u{{{code:x}}}" if code > 0xFFFF else f"\\u{code:04x}"


C_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
QUOTED = {quote: {**C_ESCAPES, quote: "\\" + quote} for quote in ("'", '"')}


def _quoted(quote: str) -> Mapping[str, str]:
    """`C_ESCAPES` plus the quote, escaped (one shared table for each usual quote)."""
    return QUOTED.get(quote) or {**C_ESCAPES, quote: "\\" + quote}


def js_string(value: object, quote: str = "'") -> str:
    """A JS string literal; `quote` is `'` (the docs' TS/UMD style) or `"`. `</` and `<!--` are
    written `<\\/` and `<\\!--`, so the literal is also safe inside an HTML `<script>` element."""
    literal = _escape(str(value), _quoted(quote), _js_u_escape)
    return quote + literal.replace("</", "<\\/").replace("<!--", "<\\!--") + quote


def php_string(value: object) -> str:
    """A PHP string: single-quoted, or double-quoted (`\\$` escaped) for control characters."""
    text = str(value)
    if text.isprintable() or not any(_is_unprintable(c) for c in text):
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    table = {**C_ESCAPES, '"': '\\"', "$": "\\$", "\v": "\\v", "\f": "\\f", "\x1b": "\\e"}
    return '"' + _escape(text, table, lambda code: f"\\u{{{code:x}}}") + '"'


def py_string(value: object) -> str:
    """A Python string literal as black writes it: double quotes, unless the text holds more `"`
    than `'` (black never adds escapes)."""
    text = str(value)
    quote = "'" if text.count('"') > text.count("'") else '"'
    return quote + _escape(text, _quoted(quote), _u_escape) + quote


GO_ESCAPES = {**C_ESCAPES, '"': '\\"', "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
_TRANSLATIONS = {
    id(table): (table, {ord(char): escaped for char, escaped in table.items()})
    for table in (*QUOTED.values(), GO_ESCAPES)
}


def _translation(table: Mapping[str, str]) -> dict[int, str]:
    """`str.translate`'s table for `table`: made once for the shared tables, else each time."""
    shared = _TRANSLATIONS.get(id(table))
    if shared is not None and shared[0] is table:
        return shared[1]
    return {ord(char): escaped for char, escaped in table.items()}


def _go_u_escape(code: int) -> str:
    # In Go `\xhh` is one byte, not a code point: only ASCII may use it.
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def go_string(value: object) -> str:
    """A Go interpreted string literal, as `strconv.Quote` writes it."""
    return '"' + _escape(str(value), GO_ESCAPES, _go_u_escape) + '"'


def shell_single_quote(value: object) -> str:
    """One shell word in single quotes; `'` becomes `'\\''`. Nothing inside is expanded."""
    return "'" + str(value).replace("'", "'\\''") + "'"


def placeholder_text(value: object) -> str | None:
    """`**put_id**` for the marker `{"$expr": "**put_id**"}`, else None."""
    if not isinstance(value, dict) or len(value) != 1 or EXPR not in value:
        return None
    text = value[EXPR]
    return text if isinstance(text, str) and is_placeholder(text) else None


def unmarked(value: object) -> object:
    """`value` with each placeholder marker replaced by its text (a string)."""
    text = placeholder_text(value)
    if text is not None:
        return text
    if isinstance(value, dict):
        return {k: unmarked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unmarked(v) for v in value]
    return value


def json_compact(value: object) -> str:
    """One-line JSON with no spaces, Unicode kept: the `-d '...'` body of the docs' cURL tabs."""
    return json.dumps(unmarked(value), ensure_ascii=False, separators=(",", ":"))


# --- structured literals --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Style:
    """How one language writes nested objects and lists."""

    key: Callable[[object], str]
    scalar: Callable[[object], str]
    separator: str
    dict_brackets: tuple[str, str]
    list_brackets: tuple[str, str]
    indent: int
    trailing_comma: bool
    align: bool = False


def render_literal(value: object, style: Style, level: int = 0) -> str:
    """Dicts one entry per line, lists of scalars inline, anything else one item per line."""
    text = placeholder_text(value)
    if text is not None:
        return style.scalar(text)
    if isinstance(value, dict):
        return _dict_literal(value, style, level)
    if isinstance(value, list):
        opener, closer = style.list_brackets
        if all(is_scalar(item) for item in value):
            return opener + ", ".join(style.scalar(item) for item in value) + closer
        pad = " " * (style.indent * (level + 1))
        lines = [pad + render_literal(item, style, level + 1) for item in value]
        return _join(lines, opener, closer, " " * (style.indent * level), style.trailing_comma)
    return style.scalar(value)


def is_scalar(value: object) -> bool:
    """Not a container: a scalar, or a placeholder marker (written as one)."""
    return not isinstance(value, dict | list) or placeholder_text(value) is not None


def _dict_literal(value: dict[Any, Any], style: Style, level: int) -> str:
    opener, closer = style.dict_brackets
    if not value:
        return opener + closer
    keys = [style.key(k) for k in value]
    width = max(len(k) for k in keys) if style.align else 0
    pad = " " * (style.indent * (level + 1))
    lines = [
        pad + k.ljust(width) + style.separator + render_literal(v, style, level + 1)
        for k, v in zip(keys, value.values(), strict=True)
    ]
    return _join(lines, opener, closer, " " * (style.indent * level), style.trailing_comma)


def _join(lines: list[str], opener: str, closer: str, close_pad: str, trailing_comma: bool) -> str:
    body = ",\n".join(lines) + ("," if trailing_comma else "")
    return f"{opener}\n{body}\n{close_pad}{closer}"


def _number(value: float) -> str:
    return json.dumps(value)


def _c_scalar(
    null: str, true: str, false: str, string: Callable[[object], str]
) -> Callable[[object], str]:
    def scalar(item: object) -> str:
        if item is None:
            return null
        if isinstance(item, bool):
            return true if item else false
        if isinstance(item, int | float):
            return _number(item)
        return string(item)

    return scalar


def js_object(
    value: object,
    indent: int = 2,
    level: int = 0,
    quote: str = "'",
    quote_keys: bool = False,
    trailing_comma: bool = True,
) -> str:
    """A JS object/array literal; the BX24.js tabs use `indent=4, quote='"', quote_keys=True`."""

    def string(item: object) -> str:
        return js_string(item, quote)

    def key(name: object) -> str:
        text = str(name)
        return text if not quote_keys and IDENTIFIER.match(text) else string(text)

    scalar = _c_scalar("null", "true", "false", string)
    style = Style(key, scalar, ": ", ("{", "}"), ("[", "]"), indent, trailing_comma)
    return render_literal(value, style, level)


def php_array(
    value: object,
    indent: int = 4,
    level: int = 0,
    align: bool = False,
    trailing_comma: bool = False,
) -> str:
    """A PHP short array; `align=True` pads keys so the `=>` line up (the B24PhpSDK event tabs)."""

    def key(name: object) -> str:
        is_index = isinstance(name, int) and not isinstance(name, bool)
        return str(name) if is_index else php_string(name)

    scalar = _c_scalar("null", "true", "false", php_string)
    style = Style(key, scalar, " => ", ("[", "]"), ("[", "]"), indent, trailing_comma, align)
    return render_literal(value, style, level)


def py_literal(value: object, indent: int = 4, level: int = 0) -> str:
    """A Python literal as black leaves it: dicts exploded, trailing commas, scalar lists inline."""

    def scalar(item: object) -> str:
        if item is None:
            return "None"
        if isinstance(item, bool):
            return "True" if item else "False"
        if isinstance(item, int | float):
            return repr(item)
        return py_string(item)

    style = Style(py_string, scalar, ": ", ("{", "}"), ("[", "]"), indent, True)
    return render_literal(value, style, level)


# --- Go -------------------------------------------------------------------------------------------


def go_params(value: object, level: int = 0) -> str:
    """`b24.Params{...}`, TAB-indented, keys aligned the way gofmt aligns them."""
    if not isinstance(value, dict) or placeholder_text(value) is not None:
        return _go_value(value, level)
    if not value:
        return "b24.Params{}"
    return "b24.Params" + _go_map_body(value, level)


def _go_map_body(value: dict[Any, Any], level: int) -> str:
    entries = [(go_string(k), _go_value(v, level + 1)) for k, v in value.items()]
    pad = "\t" * (level + 1)
    gaps = _go_gaps(entries)
    lines = [pad + k + ":" + gap + v + "," for (k, v), gap in zip(entries, gaps, strict=True)]
    return "{\n" + "\n".join(lines) + "\n" + "\t" * level + "}"


def _go_value(value: object, level: int) -> str:
    text = placeholder_text(value)
    if text is not None:
        return go_string(text)
    if isinstance(value, dict):
        return go_params(value, level)
    if isinstance(value, list):
        return _go_slice(value, level)
    return _c_scalar("nil", "true", "false", go_string)(value)


def _go_slice(items: list[Any], level: int) -> str:
    element = _go_element_type(items)
    if element != "b24.Params":
        return f"[]{element}{{" + ", ".join(_go_value(item, level) for item in items) + "}"
    pad = "\t" * (level + 1)
    inner = [pad + _go_map_body(item, level + 1) + "," for item in items]
    return "[]b24.Params{\n" + "\n".join(inner) + "\n" + "\t" * level + "}"


def _go_element_type(items: list[Any]) -> str:
    kinds = {_go_scalar_type(item) for item in items}
    if len(kinds) == 1:
        return kinds.pop()
    return "float64" if kinds == {"int", "float64"} else "any"


def _go_scalar_type(item: object) -> str:
    if isinstance(item, bool):
        return "bool"
    if isinstance(item, int):
        return "int"
    if isinstance(item, float):
        return "float64"
    if isinstance(item, str) or placeholder_text(item) is not None:
        return "string"
    return "b24.Params" if isinstance(item, dict) and item else "any"


def _go_gaps(entries: list[tuple[str, str]]) -> list[str]:
    """Spaces after each `key:`: one, or padding to the run's widest key (go/printer `exprList`)."""
    sizes = [0 if "\n" in value else len(key.encode()) for key, value in entries]
    runs: list[list[int]] = []
    prev, lnsum, count = 0, 0.0, 0
    for index, size in enumerate(sizes):
        if not runs or _go_breaks_alignment(prev, size, lnsum, count):
            runs.append([])
        runs[-1].append(index)
        prev = size
        if size > 0:
            lnsum, count = lnsum + math.log(size), count + 1
    gaps = [" "] * len(entries)
    for run in (r for r in runs if len(r) > 1):
        width = max(len(entries[i][0]) for i in run)
        for i in run:
            gaps[i] = " " * (width - len(entries[i][0]) + 1)
    return gaps


def _go_breaks_alignment(prev: int, size: int, lnsum: float, count: int) -> bool:
    if prev <= 0 or size <= 0:
        return True
    if count == 0 or (prev <= GO_SMALL_KEY and size <= GO_SMALL_KEY):
        return False
    ratio = size / math.exp(lnsum / count)
    return GO_KEY_RATIO * ratio <= 1 or ratio >= GO_KEY_RATIO


FILTERS: dict[str, Callable[..., Any]] = {
    "camel": camel,
    "go_params": go_params,
    "go_string": go_string,
    "js_object": js_object,
    "js_string": js_string,
    "json_compact": json_compact,
    "pascal": pascal,
    "php_array": php_array,
    "php_string": php_string,
    "py_kwarg": py_kwarg,
    "py_literal": py_literal,
    "py_method": py_method,
    "py_string": py_string,
    "shell_single_quote": shell_single_quote,
    "snake": snake,
}
