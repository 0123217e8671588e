"""Page kinds as plug-ins: every kind the pipeline knows, and how to find a page's or a spec's.

Adding a kind: implement `PageKind` (kinds/base.py) in a module here and add a `Registered` line
to `REGISTRY`. A kind's module is imported only when a page or spec of that kind needs it, so an
event page never pays for the method kind's imports (and the reverse).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from generator.pages.classify import PageType
from generator.vocabulary import EVENT_KINDS

if TYPE_CHECKING:
    from generator.kinds.base import PageKind


@dataclass(frozen=True, slots=True)
class Registered:
    """A kind as the registry knows it before importing it."""

    page_type: PageType
    spec_kinds: tuple[str, ...]  # the `kind` values of its specs
    plugin: str  # "module:Class"


REGISTRY = (
    Registered(PageType.EVENT, EVENT_KINDS, "generator.kinds.event:EventKind"),
    Registered(PageType.METHOD, ("method",), "generator.kinds.method:MethodKind"),
)


@cache
def _load(plugin: str) -> PageKind:
    module, name = plugin.split(":")
    kind: PageKind = getattr(import_module(module), name)()
    return kind


def page_kinds() -> tuple[PageKind, ...]:
    """Every registered kind (each imported on first use)."""
    return tuple(_load(entry.plugin) for entry in REGISTRY)


def kind_for(page_type: PageType) -> PageKind | None:
    """The kind that handles pages of this classification (None: not a page the pipeline reads)."""
    entry = next((e for e in REGISTRY if e.page_type is page_type), None)
    return _load(entry.plugin) if entry is not None else None


def checking_kind(page_type: PageType) -> PageKind | None:
    """The kind `check` reads a page with: its own, else the method kind, which checks the tabs of
    any page that has some (tutorials and overviews carry SDK examples too)."""
    return kind_for(page_type) or kind_for(PageType.METHOD)


def kind_of_spec(spec: Any) -> PageKind:
    """The kind a spec belongs to, by its `kind` field."""
    entry = next((e for e in REGISTRY if spec.kind in e.spec_kinds), None)
    if entry is None:
        raise ValueError(f"no page kind for spec kind {spec.kind!r}")
    return _load(entry.plugin)
