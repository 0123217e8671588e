"""cURL tabs: the `curl` command (or its arguments alone, when the command word is missing).

The body of `-d`/`--data*`/`--json` is shell-evaluated word by word (quotes, concatenation); pieces
the shell computes (`$var`, `$(...)`) stand in the JSON as sentinels and come back as {"$expr"}.
The URL decides method, REST version and webhook auth; `"auth"` in the body or `?auth=` in the
query marks OAuth. `params` is the body without its `auth` key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from generator.calls.literals import bare_words_quoted
from generator.calls.model import CallModel, CodeSpan, Json, expr, unreadable
from generator.calls.shared import distinct_in_source_order, words_at
from generator.calls.trees import Node, Piece

DATA_FLAGS = {"-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json"}
BASH_ESCAPE = re.compile(r"\\([$`\"\\\n])")
REST_PATH = re.compile(r"/rest/(?P<api>api/)?(?P<rest>[^?#]*)")
SENTINEL = "__b24docgen_expr_{}__"


@dataclass(slots=True)
class Word:
    """A shell word as the command receives it; computed pieces replaced by sentinels."""

    text: str
    node: Node
    computed: list[str] = field(default_factory=list)


def read_bash(piece: Piece, language: str) -> CallModel:
    command = _curl_command(piece)
    if command is None:
        return unreadable("no-call", "curl", language)
    words = [_word(piece, n) for n in command.children_by_field_name("argument")]
    url = next((w.text for w in words if "/rest/" in w.text), None)
    if url is None:
        return _split_command(piece, command, words, language)
    method, version, webhook, query = _read_url(url)
    body = _body(words)
    headers = [words[i + 1].text for i, w in enumerate(words[:-1]) if w.text in ("-H", "--header")]
    if method is None:
        return unreadable("no-call", "curl", language)
    if body is None:
        params: Json = {k: v for k, v in query.items() if k != "auth"}
        span = None
    else:
        decoded = _decode_json(body)
        if not isinstance(decoded, dict | list):  # a list: the old positional task.* methods
            return unreadable("params-not-json", "curl", language, method=method, calls=(method,))
        params = decoded
        span = _body_span(piece, body)
    auth = _auth(webhook, params, query, headers)
    if isinstance(params, dict):
        params.pop("auth", None)
    return CallModel(
        readable=True,
        reason=None,
        sdk="curl",
        language=language,
        method=method,
        params=params,
        params_span=span,
        auth=auth,
        style="single",
        rest_version=version,
        result_access=(),
        calls=(method,),
    )


def _split_command(piece: Piece, command: Node, words: list[Word], language: str) -> CallModel:
    """A curl whose lines do not join (`/` instead of `\\`, a comment after `\\`): the URL sits
    in a later command. Read on to name the method, but the tab is not a working call."""
    later = command.next_named_sibling
    while later is not None and not any("/rest/" in w.text for w in words):
        words += [_word(piece, n) for n in later.named_children if n.type != "comment"]
        later = later.next_named_sibling
    url = next((w.text for w in words if "/rest/" in w.text), None)
    method = _read_url(url)[0] if url is not None else None
    if method is None:
        return unreadable("no-call", "curl", language)
    return unreadable("curl-split", "curl", language, method=method, calls=(method,))


def _curl_command(piece: Piece) -> Node | None:
    """The `curl` command; failing that, a command that starts with an option (`-X POST ...`)."""
    named = _named_curl(piece) if not piece.root.has_error else None
    if named is not None:
        return named
    commands = piece.nodes("command")
    for command in commands:
        name = command.child_by_field_name("name")
        if name is not None and piece.src(name) == "curl":
            return command
    for command in commands:
        name = command.child_by_field_name("name")
        if name is not None and piece.src(name).startswith("-"):
            return command
    return None


def _named_curl(piece: Piece) -> Node | None:
    """The first command named `curl`, found from where the word occurs (no query walk)."""
    found: list[Node] = []
    for word in words_at(piece, b"curl"):
        name = word.parent
        command = name.parent if name is not None and name.type == "command_name" else None
        if command is not None and command.type == "command":
            found.append(command)
    first = distinct_in_source_order(found)
    return first[0] if first else None


def _word(piece: Piece, node: Node) -> Word:
    kind = node.type
    if kind == "word":  # most arguments (`-X`, `POST`, a URL): `_part`'s answer, read here
        return Word(_unescape(piece.src(node)), node, [])
    word = Word("", node, [])
    parts = node.named_children if kind == "concatenation" else [node]
    for part in parts:
        word.text += _part(piece, part, word)
    return word


def _part(piece: Piece, part: Node, word: Word) -> str:
    kind = part.type  # each read of a node's type makes a new string: read once
    if kind == "command_name":
        return _part(piece, part.named_children[0], word)
    source = piece.src(part)
    if kind == "raw_string":
        return source[1:-1]
    if kind == "string" and all(c.type == "string_content" for c in part.named_children):
        return _unescape(source[1:-1])
    if kind in ("word", "number"):
        return _unescape(source)
    word.computed.append(source)
    token = SENTINEL.format(len(word.computed) - 1)
    inside_string = (word.text.count('"') - word.text.count('\\"')) % 2 == 1
    return token if inside_string else f'"{token}"'


def _unescape(text: str) -> str:
    """The shell's backslash escapes inside double quotes and bare words (none without a `\\`)."""
    return BASH_ESCAPE.sub(r"\1", text) if "\\" in text else text


def _read_url(url: str) -> tuple[str | None, int | None, bool, dict[str, str]]:
    address, _, query_text = url.strip().partition("?")  # not urlsplit: placeholders break it
    query = dict(parse_qsl(query_text.partition("#")[0]))
    found = REST_PATH.search(address)
    if found is None:
        return None, None, False, query
    segments = [s for s in found.group("rest").split("/") if s]
    if not segments:
        return None, None, False, query
    method = segments[-1].removesuffix(".json")
    return method or None, 3 if found.group("api") else 2, len(segments) >= 3, query


def _body(words: list[Word]) -> Word | None:
    for index, word in enumerate(words[:-1]):
        if word.text in DATA_FLAGS:
            return words[index + 1]
    return None


def _decode_json(word: Word) -> Json:
    """The body as JSON; bare words outside strings (placeholders) are kept as {"$expr"}."""
    try:
        data: Json = json.loads(word.text)
    except ValueError:
        first = len(word.computed)
        text, bare = bare_words_quoted(word.text, SENTINEL.replace("{}", f"{{}}_{first}"))
        try:
            data = json.loads(text)
        except ValueError:
            return None
        return _restore(_restore(data, word.computed), bare, f"_{first}")
    return _restore(data, word.computed) if word.computed else data


def _restore(value: Json, computed: list[str], suffix: str = "") -> Json:
    if isinstance(value, dict):
        return {k: _restore(v, computed, suffix) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore(v, computed, suffix) for v in value]
    if isinstance(value, str) and "__b24docgen_expr_" in value:
        text = value
        for index, source in enumerate(computed):
            text = text.replace(SENTINEL.format(f"{index}{suffix}"), source)
        return expr(text) if text != value else value
    return value


def _body_span(piece: Piece, word: Word) -> CodeSpan:
    """The JSON text: inside the quotes of a plain quoted word, else the whole shell word."""
    span = piece.span(word.node)
    if word.node.type in ("raw_string", "string") and not word.computed:
        return CodeSpan(span.start + 1, span.end - 1, span.line, span.col + 1)
    return span


def _auth(webhook: bool, params: Json, query: dict[str, str], headers: list[str]) -> str:
    if webhook:
        return "webhook"
    if isinstance(params, dict) and "auth" in params:
        return "oauth-body"
    if "auth" in query:
        return "oauth-query"
    if any(h.lower().startswith("authorization:") for h in headers):
        return "oauth-header"
    return "none"
