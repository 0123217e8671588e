"""The event page kind: REST, JS-interface and legacy event pages (spec: EventSpec)."""

from __future__ import annotations

from typing import Any

from generator.check.lint import event_page_findings, twin_findings
from generator.check.report import Finding
from generator.extract.event import extract_event
from generator.includes import IncludeResolver
from generator.kinds.base import Purpose, Reading, TabLabels
from generator.pages.classify import PageType
from generator.pages.model import Page
from generator.render.model import ON_PREFIX, callback_args, subscription_call
from generator.source import SourceText
from generator.spec.event import EventSpec
from generator.targets import Targets
from generator.vocabulary import EVENT_KINDS


class EventKind:
    name = "event"
    page_type = PageType.EVENT
    spec_kinds = EVENT_KINDS
    parses = True

    def read(
        self,
        source: SourceText,
        resolver: IncludeResolver | None,
        targets: Targets,
        purpose: Purpose = "spec",
    ) -> Reading:
        page = Page(source.path, source)  # one spec for every purpose
        return Reading(page, extract_event(page, resolver, targets))

    def profile_key(self, spec: EventSpec) -> str | None:
        """The templates render `event.bind` subscriptions and widget bindings; chat-bot v1
        events, bound through `imbot.register`, have no template and so no rendered tabs."""
        if spec.kind == "rest_event" and spec.subscription.method != "event.bind":
            return None
        return spec.kind

    def example_context(self, spec: EventSpec) -> dict[str, Any]:
        bind_event = spec.bind_event
        return {
            "event": spec.event,
            "bind_event": bind_event,
            "event_stem": ON_PREFIX.sub("", bind_event),
            "call": subscription_call(spec),
            "callback_args": callback_args(spec.handler) if spec.kind == "js_event" else (),
        }

    def lint(self, spec: EventSpec, path: str, labels: TabLabels) -> list[Finding]:
        expected = labels.expected
        return [
            f
            for f in event_page_findings(spec, path, expected.get, labels.targets)
            # a profile that prescribes a REST tab for JS events (the 2024 shape) makes it expected
            if not (f.kind == "rest-tab-on-js-event" and f.label in expected)
        ]

    def twin(self, path: str, spec: EventSpec, twin: EventSpec) -> list[Finding]:
        return twin_findings(path, spec, twin)
