"""The method page kind: single-method pages (spec: `MethodSpec`, spec/method.py).

`parse` writes a MethodSpec per page; `lint` reads each tab's call model against it
(check/lint_method.py).
"""

from __future__ import annotations

from typing import Any

from generator.check.lint_method import method_page_lint
from generator.check.report import Finding
from generator.extract.method import extract_method_spec
from generator.includes import IncludeResolver
from generator.kinds.base import Purpose, Reading, TabLabels
from generator.pages.classify import PageType
from generator.pages.model import Page
from generator.source import SourceText
from generator.spec.method import MethodSpec
from generator.targets import Targets


class MethodKind:
    name = "method"
    page_type = PageType.METHOD
    spec_kinds = ("method",)
    parses = True

    def read(
        self,
        source: SourceText,
        resolver: IncludeResolver | None,
        targets: Targets,
        purpose: Purpose = "spec",
    ) -> Reading:
        page = Page(source.path, source)
        return Reading(page, extract_method_spec(page, resolver, for_check=purpose == "check"))

    def profile_key(self, spec: MethodSpec) -> str | None:
        """Single-method pages (they say who may call the method) with example blocks carry the
        profile's `method` tabs (render/method_tabs.py); other pages whose tabs the method kind
        checks (tutorials, overviews) have none."""
        return "method" if spec.examples and spec.callers is not None else None

    def example_context(self, spec: MethodSpec) -> dict[str, Any]:
        from generator.render.canonical import canonical_call

        return {"call": canonical_call(spec).as_context()}

    def lint(self, spec: MethodSpec, path: str, labels: TabLabels) -> list[Finding]:
        return method_page_lint(path, spec, labels.any_kind, labels.targets)

    def twin(self, path: str, spec: MethodSpec, twin: MethodSpec) -> list[Finding]:
        if not (twin.method and spec.method and twin.method != spec.method):
            return []
        message = f"method differs: RU `{spec.method}` vs EN `{twin.method}`"
        return [Finding(path, 1, "twin-mismatch", None, message)]
