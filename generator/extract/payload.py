"""Payload examples: JSON, a JS `callback({...})` call, or the PHP `array(...)` of legacy pages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from generator.calls.model import EXPR

CALLBACK_CALL = re.compile(r"^\s*callback\s*\((?P<body>.*)\)\s*;?\s*$", re.S)
PHP_ARRAY_START = re.compile(r"^(?:\$\w+\s*=\s*)?array\s*\(", re.I)


@dataclass(frozen=True, slots=True)
class ParsedPayload:
    data: object
    problem: str | None


def parse_payload(code: str, lang: str | None) -> ParsedPayload:
    text = code.strip()
    callback = CALLBACK_CALL.match(text)
    if callback:
        return _callback_arguments(callback["body"])
    if lang == "php":
        return _from_php(text)
    if PHP_ARRAY_START.match(text):
        php = _from_php(text)
        return ParsedPayload(
            php.data, php.problem or f"`{lang or 'untyped'}` fence holds a PHP array"
        )
    try:
        return ParsedPayload(json.loads(text), None)
    except json.JSONDecodeError as exc:
        php = _from_php(text)
        if php.problem is None:
            return ParsedPayload(php.data, "payload is a PHP array, not JSON")
        return ParsedPayload(None, f"payload is not valid JSON: {exc.msg} (line {exc.lineno})")


def _callback_arguments(body: str) -> ParsedPayload:
    """A JS `callback(a, b)` example: the data is the list of arguments."""
    try:
        return ParsedPayload(json.loads(f"[{body}]"), None)
    except json.JSONDecodeError as exc:
        return ParsedPayload(None, f"callback arguments are not valid JSON: {exc.msg}")


def _from_php(text: str) -> ParsedPayload:
    """A PHP array literal (`array(...)`, `Array (...)`, `[...]`, maybe assigned and commented),
    read with tree-sitter; values the code computes (`$id`) are kept as their source text."""
    from generator.calls.literals import php_value
    from generator.calls.trees import Piece

    piece = Piece(text if text.endswith(";") else text + ";", "php")  # a statement, as PHP wants
    arrays = piece.nodes("array_creation_expression")
    if not arrays:
        return ParsedPayload(None, "payload is neither JSON nor a PHP array")
    if piece.root.has_error:
        return ParsedPayload(None, "cannot read the PHP array: it does not parse as PHP")
    return ParsedPayload(_plain(php_value(piece, arrays[0])), None)


def _plain(value: object) -> object:
    """The literal as payload data: a computed value (`{"$expr": "$id"}`) becomes its text."""
    if isinstance(value, dict):
        if set(value) == {EXPR}:
            return value[EXPR]
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
