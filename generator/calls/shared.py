"""Helpers every language reader shares: picking the tab's main call, batch method names, and
finding nodes from where their text occurs."""

from __future__ import annotations

from collections.abc import Iterator

from generator.calls.model import CallModel, Json, unreadable
from generator.calls.trees import Node, Piece, in_source_order


def first_readable(models: list[CallModel]) -> CallModel:
    """The tab's main call: the first one read fully, else the first one found."""
    return next((m for m in models if m.readable), models[0])


def join_calls(
    primary: CallModel, models: list[CallModel], access: tuple[tuple[str, ...], ...]
) -> CallModel:
    """The main call, carrying every method the tab calls and the result paths it reads."""
    calls = tuple(dict.fromkeys(c for m in models for c in (m.calls or _own(m))))
    return CallModel(  # dataclasses.replace's answer (every field is required: none is missed)
        readable=primary.readable,
        reason=primary.reason,
        sdk=primary.sdk,
        language=primary.language,
        method=primary.method,
        params=primary.params,
        params_span=primary.params_span,
        auth=primary.auth,
        style=primary.style,
        rest_version=primary.rest_version,
        result_access=maximal(access),
        calls=calls,
    )


def _own(model: CallModel) -> tuple[str, ...]:
    return (model.method,) if model.method else ()


def maximal(paths: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Distinct non-empty paths, first-seen order, without those that only prefix a longer one."""
    if not paths:  # half the tabs read no result path
        return ()
    unique = list(dict.fromkeys(p for p in paths if p))
    if len(unique) < 2:
        return tuple(unique)
    return tuple(p for p in unique if not any(len(q) > len(p) and q[: len(p)] == p for q in unique))


def batch_methods(calls: Json) -> tuple[str, ...]:
    """Method names inside a batch: `[method, params]` pairs or `{method, params}` objects,
    in a list or keyed by name; a string command (`'crm.deal.get?id=1'`) gives its path."""
    entries = (
        calls.values() if isinstance(calls, dict) else calls if isinstance(calls, list) else []
    )
    found: list[str] = []
    for entry in entries:
        if isinstance(entry, list) and entry and isinstance(entry[0], str):
            found.append(entry[0])
        elif isinstance(entry, dict) and isinstance(entry.get("method"), str):
            found.append(str(entry["method"]))
        elif isinstance(entry, str):
            found.append(entry.split("?")[0])
    return tuple(found)


def sdk_call(
    piece: Piece,
    node: Node | None,
    *,
    sdk: str,
    language: str,
    method: str,
    params: Json,
    style: str = "single",
    version: int | None = None,
    calls: tuple[str, ...] = (),
) -> CallModel:
    """A readable SDK call whose params are the literal `node` (None: the call passes none),
    unless that literal holds a syntax error: tree-sitter recovered it, so the data is a guess."""
    if node is not None and node.has_error:
        return unreadable("parse-error", sdk, language, method=method, calls=(method,), auth="sdk")
    span = piece.span(node) if node is not None else None
    return CallModel(
        readable=True,
        reason=None,
        sdk=sdk,
        language=language,
        method=method,
        params=params,
        params_span=span,
        auth="sdk",
        style=style,
        rest_version=version,
        result_access=(),
        calls=calls or (method,),
    )


def tokens_at(
    piece: Piece, needle: bytes, unless_before: bytes = b""
) -> Iterator[tuple[int, Node]]:
    """Each byte offset where `needle` occurs in the piece (not where a byte of `unless_before`
    follows it), with the smallest node holding it there: tree-sitter descends to it from the
    root in C, where a query walks the whole tree."""
    data, root, size = piece.data, piece.root, len(needle)
    at = data.find(needle)
    while at >= 0:
        following = data[at + size : at + size + 1]
        if not (following and following in unless_before):
            node = root.descendant_for_byte_range(at, at + size)
            if node is not None:
                yield at, node
        at = data.find(needle, at + 1)


def words_at(piece: Piece, word: bytes) -> Iterator[Node]:
    """The nodes that are `word` itself where it occurs (not a part of a longer token)."""
    size = len(word)
    for at, node in tokens_at(piece, word):
        if node.start_byte == at and node.end_byte == at + size:
            yield node


def distinct_in_source_order(nodes: list[Node]) -> list[Node]:
    """Distinct nodes in `Piece.nodes`' order: by start, outer before inner."""
    return in_source_order(list({n.id: n for n in nodes}.values()) if len(nodes) > 1 else nodes)


def calls_of_field(piece: Piece, name: bytes) -> list[Node]:
    """Go's calls of a selector whose field is `name` (`x.name(...)`), found where it occurs."""
    found: list[Node] = []
    for node in words_at(piece, name):
        selector = node.parent
        call = selector.parent if selector is not None else None
        if call is not None and call.type == "call_expression":
            found.append(call)
    return found
