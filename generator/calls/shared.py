"""Helpers every language reader shares: picking the tab's main call, batch method names."""

from __future__ import annotations

from generator.calls.model import CallModel, Json, unreadable
from generator.calls.trees import Node, Piece


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
