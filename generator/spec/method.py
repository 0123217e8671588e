"""The method spec: one REST method page's facts (identity, who and how may call it, parameters,
response, errors, example tabs with the call each tab makes).

Field order here is the key order of the YAML files and of the JSON Schema (`generator/schema/`).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.spec.parts import (
    ExampleBlock,
    Json,
    Link,
    Note,
    Scope,
    Source,
    SpecDiagnostic,
)
from generator.vocabulary import Locale, MethodKind

__all__ = [
    "Auth",
    "CallSpan",
    "Callers",
    "MethodError",
    "MethodKind",
    "MethodSpec",
    "Param",
    "Response",
    "TabCall",
]


@dataclass(frozen=True, slots=True)
class Callers:
    """`Кто может выполнять метод` / `Who can execute the method`: who, not how."""

    raw: str
    value: str  # any_user | admin | other


@dataclass(frozen=True, slots=True)
class Auth:
    """How the method may be called, as the page's own statements say (`evidence`, at `line`)."""

    webhook: bool
    app_only: bool
    user_only: bool
    evidence: str | None
    line: int | None


@dataclass(frozen=True, slots=True)
class Param:
    """One documented key. `path` is dotted from the top (`fields.PHONE.VALUE`); `wildcard` marks
    a row naming a family of keys (`UF_CRM_...`, `<code>`)."""

    name: str
    path: str
    type: str | None
    required: bool
    default: str | None
    description: str
    anchor: str | None
    line: int
    wildcard: bool
    children: list[Param]


@dataclass(frozen=True, slots=True)
class Response:
    status: int | None
    example: Json  # the response JSON as data; None when the page has none readable
    line: int | None
    fields: list[Param]


@dataclass(frozen=True, slots=True)
class MethodError:
    code: str | None
    http_status: int | None
    text: str
    description: str
    line: int


@dataclass(frozen=True, slots=True)
class CallSpan:
    """Character offsets into the tab's code (end exclusive), 1-based line and column of start."""

    start: int
    end: int
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class TabCall:
    """The call model of `examples[block].tabs[tab]` (see `generator.calls`), and the tab's
    `layout`: the style choices its template leaves open, read from its code (`generator.layout`;
    never the method or the params), so a tab renders in its own style."""

    block: int
    tab: int
    fence: int  # 0: the tab's first fence; n: `more_fences[n - 1]` (offsets are into that code)
    label: str
    line: int
    readable: bool
    reason: str | None
    sdk: str
    language: str
    method: str | None
    params: Json
    params_span: CallSpan | None
    auth: str
    style: str
    rest_version: int | None
    result_access: list[list[str]]
    layout: dict[str, Json]


@dataclass(frozen=True, slots=True)
class MethodSpec:
    spec_version: int
    kind: MethodKind
    method: str
    title: str
    locale: Locale
    source: Source
    scopes: list[Scope]
    callers: Callers | None
    description: str
    notes: list[Note]
    auth: Auth
    rest_version: int
    params: list[Param]
    response: Response
    errors: list[MethodError]
    examples: list[ExampleBlock]
    calls: list[TabCall]
    related: list[Link]
    diagnostics: list[SpecDiagnostic]
