"""The method page kind, as far as check needs it today: the documented method, tabs, parameters.

The method-pages work replaces `MethodFacts` with a `MethodSpec` (spec/method.py) read by
extract/method.py, and then sets `parses`, `profile_key` and `example_context` here.
"""

from __future__ import annotations

from typing import Any

from generator.check.lint import method_page_findings
from generator.check.report import Finding
from generator.extract.method import MethodFacts, extract_method, method_view
from generator.includes import IncludeResolver
from generator.kinds.base import Reading, TabLabels
from generator.pages.classify import PageType
from generator.pages.model import Page
from generator.source import SourceText
from generator.targets import Targets


class MethodKind:
    name = "method"
    page_type = PageType.METHOD
    spec_kinds = ("method",)
    parses = False

    def read(
        self, source: SourceText, resolver: IncludeResolver | None, targets: Targets
    ) -> Reading:
        page = Page(source.path, source, method_view(source.normalized))
        facts = extract_method(page)
        return Reading(page, facts if facts.blocks else None)

    def profile_key(self, spec: MethodFacts) -> str | None:
        return None  # no method templates yet

    def example_context(self, spec: MethodFacts) -> dict[str, Any]:
        return {}

    def lint(self, spec: MethodFacts, path: str, labels: TabLabels) -> list[Finding]:
        return method_page_findings(path, spec, labels.any_kind, labels.targets)

    def twin(self, path: str, spec: MethodFacts, twin: MethodFacts) -> list[Finding]:
        if not (twin.method and spec.method and twin.method != spec.method):
            return []
        message = f"method differs: RU `{spec.method}` vs EN `{twin.method}`"
        return [Finding(path, 1, "twin-mismatch", None, message)]
