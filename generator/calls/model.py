"""The call model: what one example tab's code calls, read by a parser (see `generator.calls`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

Json: TypeAlias = dict[str, "Json"] | list["Json"] | str | int | float | bool | None

EXPR = "$expr"  # a value the code computes: {"$expr": "<source text>"}


@dataclass(frozen=True, slots=True)
class CodeSpan:
    """Character offsets into the tab's code string (end exclusive); 1-based line/col of start."""

    start: int
    end: int
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class CallModel:
    readable: bool
    reason: str | None  # why not readable: a stable short code (see REASONS)
    sdk: str
    language: str
    method: str | None
    params: Json | None
    params_span: CodeSpan | None
    auth: str
    style: str  # single | list | batch
    rest_version: int | None
    result_access: tuple[tuple[str, ...], ...]
    calls: tuple[str, ...]


REASONS = {
    "empty": "the tab holds no code",
    "parse-error": "the code does not parse in its language",
    "no-call": "the code makes no REST call this reader knows",
    "method-not-literal": "the method name is computed, not a string literal",
    "params-not-literal": "the parameters are a variable or expression, not a literal",
    "params-not-json": "the cURL body is not JSON",
    "curl-split": "the curl command's lines do not join (`/` or a comment after `\\`)",
    "typed-service-call": "a typed b24phpsdk service call: the REST method is not in the code",
}


def unreadable(
    reason: str,
    sdk: str,
    language: str,
    *,
    method: str | None = None,
    calls: tuple[str, ...] = (),
    auth: str = "unknown",
) -> CallModel:
    assert reason in REASONS, reason
    return CallModel(
        readable=False,
        reason=reason,
        sdk=sdk,
        language=language,
        method=method,
        params=None,
        params_span=None,
        auth=auth,
        style="single",
        rest_version=None,
        result_access=(),
        calls=calls,
    )


def expr(text: str) -> Json:
    return {EXPR: text}


def is_placeholder(text: str) -> bool:
    """`**put_id**`: a value the docs leave for the reader, written where code wants a value."""
    return len(text) > 4 and text[:2] == text[-2:] == "**"
