"""Literals written in a tab's own shape (`generator/layout/shape.py`): the method templates'
`json_shaped`, `php_shaped` and `js_shaped` filters.

Containers are numbered in pre-order, as the layout reader numbers them: a container listed in
`inline` (or any container under one written on one line) stays on one line; the others put each
item on a line of its own, `indent` spaces deeper than the line the container opens on. A shape
without `indent` (or with 0) writes the whole literal on one line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.render.literals import (
    IDENTIFIER,
    is_scalar,
    js_string,
    php_string,
    placeholder_text,
)

DECIMAL_KEY = re.compile(r"0|[1-9][0-9]*")  # a key PHP stores as an integer (`'547'` is 547)
JSON_DEFAULTS: dict[str, Any] = {"comma": ",", "colon": ":", "pad": False, "pad_list": False}
JS_DEFAULTS: dict[str, Any] = {  # what `js_object` writes (the JS (TS) and JS (UMD) params)
    "indent": 2,
    "comma": ", ",
    "colon": ": ",
    "pad": False,
    "pad_list": False,
    "trailing_comma": True,
}
PHP_DEFAULTS: dict[str, Any] = {
    "indent": 4,
    "comma": ", ",
    "colon": " => ",
    "pad": False,
    "pad_list": False,
    "trailing_comma": False,
    "key_quote": "'",
    "value_quote": "'",
}


@dataclass
class _Writer:
    scalar: Callable[[object], str]
    key: Callable[[object], str]
    shape: Mapping[str, Any]
    inline: set[int] | None  # None: the default rule (lists of scalars on one line)
    brackets: tuple[str, str] = ("[{", "]}")  # (list, mapping) openers, then closers
    count: int = field(default=0)
    bare: bool = False  # a `**placeholder**` stands bare (the cURL body), else as a string

    def write(self, value: object, pad: str, one_line: bool = False) -> str:
        text = placeholder_text(value)
        if text is not None:
            return text if self.bare else self.scalar(text)
        if not isinstance(value, dict | list):
            return self.scalar(value)
        number, self.count = self.count, self.count + 1
        items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
        keyed = isinstance(value, dict)
        if one_line or not items or not self.shape.get("indent") or self._inline(number, value):
            return self._one_line(items, keyed, number)
        step = 0 if number == 0 and self.shape.get("flush") else int(self.shape["indent"])
        inner = pad + " " * step
        lines = [
            inner + self._item(k, v, keyed, inner, False, f"{number}.{index}")
            for index, (k, v) in enumerate(items)
        ]
        trailing = self.shape.get("trailing_comma")
        last = "," if (number in trailing if isinstance(trailing, list) else trailing) else ""
        notes = self.shape.get("comments") or {}
        body = [
            line + ("," if index < len(lines) - 1 else last) + _note(notes, f"i{number}.{index}")
            for index, line in enumerate(lines)
        ]
        opener, closer = self.brackets[0][keyed], self.brackets[1][keyed]
        close_pad = pad + " " * int(self.shape.get("close", 0)) if number == 0 else pad
        head = opener + _note(notes, f"c{number}")
        return head + "\n" + "\n".join(body) + "\n" + close_pad + closer

    def _inline(self, number: int, value: object) -> bool:
        if self.inline is not None:
            return number in self.inline
        return isinstance(value, list) and all(is_scalar(v) for v in value)

    def _one_line(self, items: list[tuple[Any, Any]], keyed: bool, number: int) -> str:
        parts = [
            self._item(k, v, keyed, "", True, f"{number}.{index}")
            for index, (k, v) in enumerate(items)
        ]
        pad = " " if items and self.shape.get("pad" if keyed else "pad_list") else ""
        comma, seps = str(self.shape.get("comma", ", ")), self.shape.get("seps") or {}
        body = parts[0] if parts else ""
        for index, part in enumerate(parts[1:], start=1):
            body += str(seps.get(f"{number}.{index}", comma)) + part
        return self.brackets[0][keyed] + pad + body + pad + self.brackets[1][keyed]

    def _item(
        self, key: object, value: object, keyed: bool, pad: str, one_line: bool, where: str
    ) -> str:
        colon = (self.shape.get("colons") or {}).get(where, self.shape.get("colon", ": "))
        head = self.key(key) + str(colon) if keyed else ""  # key first
        if keyed and self._opens_below(value, one_line):
            head = head.rstrip() + "\n" + pad
        return head + self.write(value, pad, one_line)

    def _opens_below(self, value: object, one_line: bool) -> bool:
        if one_line or not self.shape.get("open_break") or not self.shape.get("indent"):
            return False
        return (
            isinstance(value, dict | list) and bool(value) and not self._inline(self.count, value)
        )


def _note(notes: Mapping[str, Any], where: str) -> str:
    """A line-end comment the tab writes there (`generator/layout/shape.py: line_end_comments`)."""
    return f" {notes[where]}" if where in notes else ""


def _shape_of(shape: Mapping[str, Any] | None, defaults: Mapping[str, Any]) -> dict[str, Any]:
    return {**defaults, **(shape or {})}


def json_shaped(value: object, shape: Mapping[str, Any] | None = None, base: int = 0) -> str:
    """JSON in the shape `shape` (default: one line, no spaces), continuation lines `base` deep."""
    full = _shape_of(shape, JSON_DEFAULTS)

    def scalar(item: object) -> str:
        return json.dumps(item, ensure_ascii=False)

    inline = set(full.get("inline") or [])
    return _Writer(scalar, scalar, full, inline, bare=True).write(value, " " * base)


def php_shaped(value: object, shape: Mapping[str, Any] | None = None, base: int = 0) -> str:
    """A PHP short array in the shape `shape` (default: one item a line, 4 spaces, lists of
    scalars on one line, no trailing comma, placeholders quoted), continuation lines `base`
    deep."""
    full = _shape_of(shape, PHP_DEFAULTS)

    strings = iter(range(1 << 30))  # numbers the strings in source order, keys first
    double = set(full.get("double", ()))

    def quoted(text: object, quote: str) -> str:
        number = next(strings)
        if number in double:
            quote = '"'
        return _php_quoted(text, quote, bool(full.get("raw")))

    def scalar(item: object) -> str:
        if item is None:
            return "null"
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, int | float):
            return json.dumps(item)
        return quoted(item, full["value_quote"])

    def key(name: object) -> str:
        is_index = isinstance(name, int) and not isinstance(name, bool)
        if is_index or (full.get("bare_numbers") and DECIMAL_KEY.fullmatch(str(name))):
            return str(name)  # an integer key is no string: `double` does not number it
        return quoted(name, full["key_quote"])

    inline = set(full["inline"]) if "inline" in full else None
    writer = _Writer(scalar, key, full, inline, ("[[", "]]"), bare=bool(full.get("bare")))
    return writer.write(value, " " * base)


def js_shaped(value: object, shape: Mapping[str, Any] | None = None, base: int = 0) -> str:
    """A JS object literal in the shape `shape`; the default is `js_object`'s (2 spaces, lists of
    scalars on one line, trailing commas, single quotes), continuation lines `base` deep.
    `bare_numbers`: keys that are decimal numbers go unquoted (`{ 0: 'read' }`)."""
    full = _shape_of(shape, JS_DEFAULTS)

    def scalar(item: object) -> str:
        if item is None:
            return "null"
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, int | float):
            return json.dumps(item)
        return js_string(item)

    def key(name: object) -> str:
        text = str(name)
        number = full.get("bare_numbers") and text.isdigit() and text == str(int(text))
        return text if number or IDENTIFIER.match(text) else js_string(text)

    inline = set(full["inline"]) if "inline" in full else None
    return _Writer(scalar, key, full, inline).write(value, " " * base)


def _php_quoted(value: object, quote: str, raw: bool = False) -> str:
    """`php_string`, or a double-quoted string (`\\`, `"` and `$` escaped) when the tab writes
    its strings in double quotes; `raw`: single quotes even around characters `php_string` would
    escape (the tab writes them as they are)."""
    text = str(value)
    if raw and quote == "'":
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if quote != '"' or php_string(text).startswith('"'):
        return php_string(text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


SHAPED_FILTERS: dict[str, Callable[..., Any]] = {
    "json_shaped": json_shaped,
    "php_shaped": php_shaped,
    "js_shaped": js_shaped,
}
