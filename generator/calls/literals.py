"""Literal → data for each language's grammar: objects, arrays, strings, numbers, booleans, null.

Anything the code computes (a variable, a call, an interpolated string) becomes {"$expr": source},
so a value is always storable as YAML/JSON and never guessed.
"""

from __future__ import annotations

import ast
import re

from generator.calls.model import Json, expr
from generator.calls.trees import Node, Piece, walk

ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|.)", re.S)
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def unescape(body: str) -> str:
    """C-family escapes inside a string literal's body (JS, PHP double quotes, Go)."""
    return ESCAPE.sub(_escape, body) if "\\" in body else body


def _escape(match: re.Match[str]) -> str:
    sequence = match.group(1)
    if sequence[0] == "u":
        return chr(int(sequence[1:].strip("{}"), 16))
    if sequence[0] == "x" and len(sequence) == 3:
        return chr(int(sequence[1:], 16))
    if sequence.isdigit() and sequence != "0":
        return chr(int(sequence, 8))
    return SIMPLE_ESCAPES.get(sequence, sequence)


def number(text: str) -> Json:
    clean = text.replace("_", "").rstrip("nLl")
    try:
        return int(clean, 0)
    except ValueError:
        pass
    try:
        return float(clean)
    except ValueError:
        return expr(text)


def _negate(value: Json, text: str) -> Json:
    return -value if isinstance(value, int | float) and not isinstance(value, bool) else expr(text)


def key_text(value: Json, source: str) -> str:
    return value if isinstance(value, str) else source


# ---- JavaScript / TypeScript --------------------------------------------------------------


JS_CONSTANTS: dict[str, Json] = {"true": True, "false": False, "null": None}


def js_value(piece: Piece, node: Node) -> Json:
    kind = node.type
    if kind == "object":
        return _js_object(piece, node)
    if kind == "array":
        return [js_value(piece, n) for n in node.named_children if n.type != "comment"]
    if kind == "string":
        return unescape(piece.src(node)[1:-1])
    if kind == "template_string" and not any(
        n.type == "template_substitution" for n in node.named_children
    ):
        return piece.src(node)[1:-1]
    if kind == "number":
        return number(piece.src(node))
    if kind in JS_CONSTANTS:
        return JS_CONSTANTS[kind]
    if kind in ("as_expression", "satisfies_expression", "parenthesized_expression"):
        return js_value(piece, node.named_children[0])
    if kind == "unary_expression" and piece.src(node).startswith("-"):
        return _negate(js_value(piece, node.named_children[0]), piece.src(node))
    return expr(piece.src(node))


def _js_object(piece: Piece, node: Node) -> Json:
    data: dict[str, Json] = {}
    for member in node.named_children:
        if member.type == "pair":
            key, value = member.child_by_field_name("key"), member.child_by_field_name("value")
            assert key is not None and value is not None
            data[js_key(piece, key)] = js_value(piece, value)
        elif member.type != "comment":  # shorthand `{ id }`, spread `...rest`, methods
            data[piece.src(member)] = expr(piece.src(member))
    return data


def js_key(piece: Piece, key: Node) -> str:
    if key.type == "string":
        return unescape(piece.src(key)[1:-1])
    return piece.src(key)


# ---- PHP --------------------------------------------------------------------------------------


PHP_CONSTANTS: dict[str, Json] = {"true": True, "false": False, "null": None}


def php_value(piece: Piece, node: Node) -> Json:
    kind = node.type
    if kind == "array_creation_expression":
        return _php_array(piece, node)
    if kind == "string":
        body = piece.src(node)[1:-1]
        return body.replace("\\\\", "\\").replace("\\'", "'")
    if kind == "encapsed_string" and all(
        n.type in ("string_content", "escape_sequence") for n in node.named_children
    ):
        return unescape(piece.src(node)[1:-1])
    if kind in ("integer", "float"):
        return number(piece.src(node))
    if kind in ("boolean", "null"):
        return PHP_CONSTANTS.get(piece.src(node).lower(), expr(piece.src(node)))
    if kind == "unary_op_expression" and piece.src(node).startswith("-"):
        return _negate(php_value(piece, node.named_children[-1]), piece.src(node))
    if kind == "parenthesized_expression":
        return php_value(piece, node.named_children[0])
    return expr(piece.src(node))


def _php_array(piece: Piece, node: Node) -> Json:
    elements = [n for n in node.named_children if n.type == "array_element_initializer"]
    pairs = [[c for c in e.named_children if c.type != "comment"] for e in elements]
    if all(len(parts) == 1 for parts in pairs):
        return [php_value(piece, parts[0]) for parts in pairs]
    data: dict[str, Json] = {}
    for index, parts in enumerate(pairs):
        if len(parts) == 1:
            data[str(index)] = php_value(piece, parts[0])
            continue
        key = parts[0]
        data[key_text(php_key(piece, key), piece.src(key))] = php_value(piece, parts[-1])
    return data


def php_key(piece: Piece, key: Node) -> Json:
    value = php_value(piece, key)
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# ---- Python -----------------------------------------------------------------------------------


def py_value(piece: Piece, node: Node) -> Json:
    kind = node.type
    if kind == "dictionary":
        return _py_dict(piece, node)
    if kind in ("list", "tuple", "set"):
        return [py_value(piece, n) for n in node.named_children if n.type != "comment"]
    if kind in ("string", "concatenated_string", "integer", "float", "true", "false", "none"):
        return _py_literal(piece, node)
    if kind == "unary_operator" and piece.src(node).startswith("-"):
        return _negate(py_value(piece, node.named_children[-1]), piece.src(node))
    if kind == "parenthesized_expression":
        return py_value(piece, node.named_children[0])
    return expr(piece.src(node))


PY_CONSTANTS: dict[str, Json] = {"True": True, "False": False, "None": None}
NOT_SIMPLE = object()


def simple_py_literal(text: str) -> Json | object:
    """`ast.literal_eval`'s answer for the commonest literals, read by hand (NOT_SIMPLE for any
    other text): a constant, a short decimal without leading zeros, a one-quoted string with no
    backslash, brace (no interpolation), line break or NUL inside."""
    if text in PY_CONSTANTS:
        return PY_CONSTANTS[text]
    if text.isascii() and text.isdigit() and (text[0] != "0" or len(text) == 1) and len(text) < 19:
        return int(text)
    quote = text[:1]
    if quote in ("'", '"') and len(text) >= 2 and text[-1] == quote:
        body = text[1:-1]
        if quote not in body and "\\" not in body and "{" not in body and _one_line(body):
            return body
    return NOT_SIMPLE


def _one_line(body: str) -> bool:
    return "\n" not in body and "\r" not in body and "\0" not in body


def _py_literal(piece: Piece, node: Node) -> Json:
    text = piece.src(node)
    simple = simple_py_literal(text)
    if simple is not NOT_SIMPLE:  # most literals: no tree walk, no compile
        return simple  # type: ignore[return-value]
    if any(n.type == "interpolation" for n in walk(node)):
        return expr(text)
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return expr(text)
    return value if isinstance(value, str | int | float | bool) or value is None else expr(text)


def _py_dict(piece: Piece, node: Node) -> Json:
    data: dict[str, Json] = {}
    for pair in node.named_children:
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if pair.type != "pair" or key is None or value is None:
            if pair.type != "comment":
                data[piece.src(pair)] = expr(piece.src(pair))
            continue
        data[key_text(py_value(piece, key), piece.src(key))] = py_value(piece, value)
    return data


# ---- Go ---------------------------------------------------------------------------------------


GO_CONSTANTS: dict[str, Json] = {"true": True, "false": False, "nil": None}


def go_value(piece: Piece, node: Node) -> Json:
    kind = node.type
    if kind == "literal_element":
        return go_value(piece, node.named_children[0])
    if kind == "composite_literal":
        body = node.child_by_field_name("body")
        kind_of = node.child_by_field_name("type")
        if body is None or (kind_of is not None and kind_of.type == "struct_type"):
            return expr(piece.src(node))
        return _go_body(piece, body)
    if kind == "literal_value":
        return _go_body(piece, node)
    if kind == "interpreted_string_literal":
        return unescape(piece.src(node)[1:-1])
    if kind == "raw_string_literal":
        return piece.src(node)[1:-1]
    if kind in ("int_literal", "float_literal"):
        return number(piece.src(node))
    if kind in GO_CONSTANTS:
        return GO_CONSTANTS[kind]
    if kind == "unary_expression" and piece.src(node).startswith("-"):
        return _negate(go_value(piece, node.named_children[-1]), piece.src(node))
    return expr(piece.src(node))


def _go_body(piece: Piece, body: Node) -> Json:
    elements = [n for n in body.named_children if n.type != "comment"]
    if not any(e.type == "keyed_element" for e in elements):
        return [go_value(piece, e) for e in elements]
    data: dict[str, Json] = {}
    for element in elements:
        key, value = element.child_by_field_name("key"), element.child_by_field_name("value")
        if element.type != "keyed_element" or key is None or value is None:
            data[piece.src(element)] = expr(piece.src(element))
            continue
        data[key_text(go_value(piece, key), piece.src(key))] = go_value(piece, value)
    return data


# ---- JSON with bare placeholders (cURL bodies) ------------------------------------------------

JSON_DELIMITERS = set(',:{}[]"') | set(" \t\r\n")
JSON_WORDS = {"true", "false", "null"}


def bare_words_quoted(text: str, sentinel: str) -> tuple[str, list[str]]:
    """JSON text whose bare words outside strings (`**put_id_here**`, `id`) become quoted
    sentinels, and trailing commas are dropped; returns the new text and the words, in order."""
    out: list[str] = []
    words: list[str] = []
    index, in_string = 0, False
    while index < len(text):
        char = text[index]
        if in_string or char in JSON_DELIMITERS:
            if char == '"' and not _escaped(text, index):
                in_string = not in_string
            if char in "}]" and not in_string:
                _drop_trailing_comma(out)
            out.append(char)
            index += 1
            continue
        end = index
        while end < len(text) and text[end] not in JSON_DELIMITERS:
            end += 1
        word = text[index:end]
        if word in JSON_WORDS or _is_number(word):
            out.append(word)
        else:
            out.append(f'"{sentinel.format(len(words))}"')
            words.append(word)
        index = end
    return "".join(out), words


def _drop_trailing_comma(out: list[str]) -> None:
    index = len(out) - 1
    while index >= 0 and out[index].isspace():
        index -= 1
    if index >= 0 and out[index] == ",":
        del out[index]


def _escaped(text: str, index: int) -> bool:
    backslashes = len(text[:index]) - len(text[:index].rstrip("\\"))
    return backslashes % 2 == 1


def _is_number(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return True
