"""The spec: one event's facts, as frozen dataclasses ready for templates.

Field order here is the key order of the YAML files and of the JSON Schema (`generator/schema/`),
which is generated from these classes (`b24-docgen schema`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.vocabulary import Delivery, Kind, Locale, Severity

SPEC_VERSION = 1

__all__ = ["Delivery", "Kind", "Locale", "Severity"]  # re-exported: the spec's vocabularies

Json = object  # any JSON value: the payload example as data


@dataclass(frozen=True, slots=True)
class Span:
    """Lines of the page, 1-based and inclusive."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    sha256: str
    spans: dict[str, Span]


@dataclass(frozen=True, slots=True)
class Scope:
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Subscribers:
    raw: str
    value: str


@dataclass(frozen=True, slots=True)
class Note:
    type: str
    title: str | None
    text: str
    dev_only: bool
    line: int


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str | None
    required: bool
    description: str
    anchor: str | None
    line: int
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Payload:
    label: str | None
    lang: str | None
    data: Json
    line: int


@dataclass(frozen=True, slots=True)
class Handler:
    delivery: Delivery
    payloads: list[Payload]
    fields: list[Field]


@dataclass(frozen=True, slots=True)
class Subscription:
    method: str | None
    event_name: str | None
    handler_url: str | None
    params: list[Field]


@dataclass(frozen=True, slots=True)
class Fence:
    lang: str | None
    code: str
    span: Span


@dataclass(frozen=True, slots=True)
class Tab:
    label: str
    target: str
    lang: str | None
    code: str
    span: Span
    code_span: Span | None
    calls: list[str]
    events: list[str]
    more_fences: list[Fence]
    prose: str | None
    skipped: bool


@dataclass(frozen=True, slots=True)
class ExampleBlock:
    span: Span
    indent: int
    skipped: bool
    tabs: list[Tab]


@dataclass(frozen=True, slots=True)
class Link:
    path: str
    text: str | None


@dataclass(frozen=True, slots=True)
class SpecDiagnostic:
    line: int
    col: int
    code: str
    message: str
    severity: Severity


@dataclass(frozen=True, slots=True)
class Spec:
    spec_version: int
    kind: Kind
    event: str
    title: str
    locale: Locale
    source: Source
    scopes: list[Scope]
    subscribers: Subscribers | None
    description: str
    notes: list[Note]
    handler: Handler
    subscription: Subscription
    examples: list[ExampleBlock]
    related: list[Link]
    diagnostics: list[SpecDiagnostic]
