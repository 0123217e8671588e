"""The event spec: one event page's facts (identity, rights, payload, subscription, examples).

Field order here is the key order of the YAML files and of the JSON Schema (`generator/schema/`).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.spec.parts import (
    ExampleBlock,
    Field,
    Json,
    Link,
    Note,
    Scope,
    Source,
    SpecDiagnostic,
)
from generator.vocabulary import Delivery, EventKind, Locale

__all__ = [
    "Delivery",
    "EventKind",
    "EventSpec",
    "Handler",
    "Payload",
    "Subscribers",
    "Subscription",
]


@dataclass(frozen=True, slots=True)
class Subscribers:
    raw: str
    value: str


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
class EventSpec:
    """An event page: what it delivers, how to subscribe, and its examples."""

    spec_version: int
    kind: EventKind
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

    @property
    def bind_event(self) -> str:
        """The event name a subscription passes (`onTaskAdd`): the subscription's own spelling,
        else the page's code. The one bind-name rule of the project (examples and stubs)."""
        return self.subscription.event_name or self.event
