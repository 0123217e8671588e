"""The parts every page spec shares: source spans, scopes, notes, fields, example tabs, links.

Field order here is the key order of the YAML files and of the JSON Schema (`generator/schema/`),
which is generated from these classes (`b24-docgen schema`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.vocabulary import Locale, Severity

SPEC_VERSION = 2  # every spec class's `spec_version` (spec/model.py re-exports it)

__all__ = ["Locale", "Severity"]  # re-exported: the spec's vocabularies

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
    documented: bool = True  # False: shown in the payload example only, typed from its value


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
