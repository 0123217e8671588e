"""The page-kind plug-in protocol: what a kind of page (event, method) brings to the one pipeline.

parse, check, sync and render are written once; everything that differs between page kinds sits
behind these methods. A kind is registered in `generator/kinds/__init__.py` (`PAGE_KINDS`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from generator.check.report import Finding
    from generator.includes import IncludeResolver
    from generator.pages.classify import PageType
    from generator.pages.model import Page
    from generator.source import SourceText
    from generator.targets import Targets

LabelTargets = Callable[[str], str | None]  # tab label → target under the chosen profile
# `spec`: every fact (what `parse` writes); `check`: a kind may leave out what check reads again
# itself when it needs it (a method page's tab layouts: check/method_expected.read_tab_layout)
# and what check never reads (a method page's error codes and related links)
Purpose = Literal["spec", "check"]


@dataclass(frozen=True, slots=True)
class TabLabels:
    """What lint knows about tab labels: the profile's for this page, for any kind, the registry's."""

    expected: Mapping[str, str]  # label → target of the tabs the profile renders for this page
    any_kind: LabelTargets  # label → target under the chosen profile, for any page kind
    targets: Targets  # the target registry (labels, SDK signatures, REST or JS)


@dataclass(frozen=True, slots=True)
class Reading:
    """One page read by its kind: the tokenised page and its spec (None: nothing to check)."""

    page: Page
    spec: Any  # a PageSpec of this kind (spec/model.py), or the kind's own facts


class PageKind(Protocol):
    """One kind of page. `name` is what check reports as the page type (`event`, `method`)."""

    @property
    def name(self) -> str: ...
    @property
    def page_type(self) -> PageType:
        """The classification (pages/classify.py) that selects this kind."""
        ...

    @property
    def spec_kinds(self) -> tuple[str, ...]:
        """The `kind` values of this kind's specs (profile keys, spec/model.py SPEC_CLASSES)."""
        ...

    @property
    def parses(self) -> bool:
        """Whether `parse`/`build` write this kind's specs and `render` renders them."""
        ...

    def read(
        self,
        source: SourceText,
        resolver: IncludeResolver | None,
        targets: Targets,
        purpose: Purpose = "spec",
    ) -> Reading:
        """Tokenise and extract one page; raises DocgenError on unreadable structure."""
        ...

    def profile_key(self, spec: Any) -> str | None:
        """The profile section whose tabs this page carries; None: no rendered tabs."""
        ...

    def example_context(self, spec: Any) -> dict[str, Any]:
        """The kind's names in the template context (templates/CONTEXT.md), `call` included."""
        ...

    def lint(self, spec: Any, path: str, labels: TabLabels) -> list[Finding]:
        """Findings no template is needed for (wrong method, wrong SDK, ...)."""
        ...

    def twin(self, path: str, spec: Any, twin: Any) -> list[Finding]:
        """Facts that differ between the page and its twin (the other locale's page)."""
        ...
