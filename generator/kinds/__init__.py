"""Page kinds as plug-ins: every kind the pipeline knows, and how to find a page's or a spec's.

Adding a kind: implement `PageKind` (kinds/base.py) in a module here and list it in `PAGE_KINDS`.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from generator.pages.classify import PageType

if TYPE_CHECKING:
    from generator.kinds.base import PageKind


@cache
def page_kinds() -> tuple[PageKind, ...]:
    """Every registered kind (imported on first use: the warm check path needs none of them)."""
    from generator.kinds.event import EventKind
    from generator.kinds.method import MethodKind

    return (EventKind(), MethodKind())


def kind_for(page_type: PageType) -> PageKind | None:
    """The kind that handles pages of this classification (None: not a page the pipeline reads)."""
    return next((k for k in page_kinds() if k.page_type is page_type), None)


def checking_kind(page_type: PageType) -> PageKind | None:
    """The kind `check` reads a page with: its own, else the method kind, which checks the tabs of
    any page that has some (tutorials and overviews carry SDK examples too)."""
    return kind_for(page_type) or kind_for(PageType.METHOD)


def kind_of_spec(spec: Any) -> PageKind:
    """The kind a spec belongs to, by its `kind` field."""
    found = next((k for k in page_kinds() if spec.kind in k.spec_kinds), None)
    if found is None:
        raise ValueError(f"no page kind for spec kind {spec.kind!r}")
    return found
