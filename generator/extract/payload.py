"""Payload examples: JSON, a JS `callback({...})` call, or the PHP `array(...)` of legacy pages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

CALLBACK_CALL = re.compile(r"^\s*callback\s*\((?P<body>.*)\)\s*;?\s*$", re.S)
PHP_TOKEN = re.compile(
    r"""\s*(?:(?P<open>array\s*\(|\[)|(?P<close>[)\]])|(?P<arrow>=>)|(?P<comma>,)
    |(?P<str>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")|(?P<var>\$\w+)|(?P<num>-?\d+(?:\.\d+)?)|(?P<word>[A-Za-z_]\w*))""",
    re.X,
)


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
    if text.startswith("array("):
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
    tokens = _php_tokens(text)
    if tokens is None:
        return ParsedPayload(None, "payload is neither JSON nor a PHP array")
    try:
        value, rest = _php_value(tokens, 0)
    except (IndexError, ValueError) as exc:
        return ParsedPayload(None, f"cannot read the PHP array: {exc}")
    if rest != len(tokens):
        return ParsedPayload(None, "cannot read the PHP array: trailing text")
    return ParsedPayload(value, None)


def _php_tokens(text: str) -> list[tuple[str, str]] | None:
    body = re.sub(r"^\$\w+\s*=\s*", "", text.strip()).rstrip(";").strip()
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(body):
        match = PHP_TOKEN.match(body, position)
        if match is None or match.end() == position:
            if body[position:].strip() == "":
                break
            return None
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _php_value(tokens: list[tuple[str, str]], i: int) -> tuple[object, int]:
    kind, text = tokens[i]
    if kind == "open":
        return _php_array(tokens, i + 1)
    if kind == "var":
        return text, i + 1
    if kind == "str":
        return text[1:-1].replace("\\'", "'").replace('\\"', '"'), i + 1
    if kind == "num":
        return (float(text) if "." in text else int(text)), i + 1
    if kind == "word":
        return {"true": True, "false": False, "null": None}.get(text.lower(), text), i + 1
    raise ValueError(f"unexpected `{text}`")


def _php_array(tokens: list[tuple[str, str]], i: int) -> tuple[object, int]:
    pairs: list[tuple[object, object]] = []
    keyed = False
    while tokens[i][0] != "close":
        value, i = _php_value(tokens, i)
        if tokens[i][0] == "arrow":
            keyed = True
            item, i = _php_value(tokens, i + 1)
            pairs.append((value, item))
        else:
            pairs.append((len(pairs), value))
        if tokens[i][0] == "comma":
            i += 1
    if keyed:
        return {str(k): v for k, v in pairs}, i + 1
    return [v for _, v in pairs], i + 1
