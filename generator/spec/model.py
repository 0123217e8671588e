"""The spec family: `PageSpec` is what every page kind's spec offers the shared stages.

`EventSpec` (spec/event.py) is an event page; `MethodSpec` (spec/method.py, the method-pages
work) joins by implementing the same protocol and being listed in `SPEC_CLASSES`. The YAML loader
picks the class by the spec's `kind`; the JSON Schema describes every class in `SPEC_CLASSES`.
"""

from __future__ import annotations

from typing import Protocol

from generator.spec.event import EventSpec
from generator.spec.method import MethodSpec
from generator.spec.parts import SPEC_VERSION as SPEC_VERSION  # where the extractors read it
from generator.spec.parts import ExampleBlock, Source, SpecDiagnostic
from generator.vocabulary import EVENT_KINDS, Locale


class PageSpec(Protocol):
    """What plan, lint, render and the spec I/O read from a spec of any kind."""

    @property
    def spec_version(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def locale(self) -> Locale: ...
    @property
    def source(self) -> Source: ...
    @property
    def examples(self) -> list[ExampleBlock]: ...
    @property
    def diagnostics(self) -> list[SpecDiagnostic]: ...


# spec class → the `kind` values it carries
SPEC_CLASSES: tuple[tuple[type, tuple[str, ...]], ...] = (
    (EventSpec, EVENT_KINDS),
    (MethodSpec, ("method",)),
)


def spec_class(kind: object) -> type | None:
    """The spec class whose specs carry this `kind` (None for an unknown kind)."""
    return next((cls for cls, kinds in SPEC_CLASSES if kind in kinds), None)
