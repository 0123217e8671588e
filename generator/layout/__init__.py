"""Tab layouts: the style choices a method template leaves open, read from a tab's code by a parser.

A layout is what two tabs that make the same call may still write differently on neighbouring
pages: the continuation indent of a cURL command, pretty-printed or one-line JSON, a trailing
comma in a PHP array. It never holds what a fact decides (the method, the params' keys and values,
the auth mode): a tab rendered with its own layout differs from the page only where the call does.

`read_layout(target, code)` dispatches on the target through `READERS` (one module per language
family; a reader is imported the first time a tab of its target is read). A reader returns only the
choices that differ from the template's default style, so `{}` is the default (today's dominant
shape); targets without a reader get `{}`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module

from generator.spec.parts import Json

Layout = dict[str, Json]
Reader = Callable[[str], Layout]

# target → "module:function" under generator.layout; one line registers a reader.
READERS: dict[str, str] = {
    "curl_webhook": "curl:read_curl",
    "curl_oauth": "curl:read_curl",
    "php_crest": "php:read_crest",
    "js_ts": "js:read_ts_layout",
    "js_umd": "js:read_umd_layout",
}


def read_layout(target: str, code: str) -> Layout:
    """The layout of one tab's code; `{}` when the target has no reader or the code no call."""
    if target not in READERS:
        return {}
    return {key: _sorted(value) for key, value in sorted(_reader(target)(code).items())}


@cache
def _reader(target: str) -> Reader:
    module, function = READERS[target].split(":")
    reader: Reader = getattr(import_module(f"generator.layout.{module}"), function)
    return reader


def _sorted(value: Json) -> Json:
    """Mappings with their keys sorted, at every depth: the spec's bytes do not depend on the
    order a reader found things in."""
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value


__all__ = ["READERS", "Layout", "read_layout"]
