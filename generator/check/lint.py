"""Checks that need no template: does each tab call what its page documents, in the right SDK?

Event pages and the block-level checks shared with method pages; the method pages' own
lints read the call models (check/lint_method.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.check.report import Finding
from generator.spec.event import EventSpec
from generator.spec.parts import ExampleBlock, Tab
from generator.targets import Targets

SDK_FUNCTION = re.compile(r"^(?:BX24|\$b24|B24Js)\.|^CRest::")
LabelTargets = Callable[[str], str | None]


def rest_methods(tab: Tab) -> list[str]:
    return [c for c in tab.calls if not SDK_FUNCTION.match(c)]


def same_method(a: str, b: str) -> bool:
    """`crm.duplicate.findbycomm` (Python's lower/snake form) is `crm.duplicate.findByComm`."""
    return a.replace("_", "").casefold() == b.replace("_", "").casefold()


def mixed_block_findings(path: str, block: ExampleBlock, registry: Targets) -> list[Finding]:
    labels = [t.label for t in block.tabs]
    content = [label for label in labels if not registry.for_label(label)]
    if not content or len(content) == len(labels):  # no language tab: a content block
        return []
    message = f"language tabs mixed with content tabs ({', '.join(content)})"
    return [Finding(path, block.span.start, "mixed-block", None, message)]


def block_findings(
    path: str, block: ExampleBlock, targets: LabelTargets, registry: Targets
) -> list[Finding]:
    found = mixed_block_findings(path, block, registry)
    for tab in block.tabs:
        if tab.skipped or not tab.code:
            continue
        by_label = registry.for_label(tab.label)
        expected = targets(tab.label) or (by_label.name if by_label else None)
        family, promised = registry.sdk_of(tab.target), registry.sdk_of(expected or "")
        if expected and tab.target != "unknown" and family != promised:
            found.append(
                Finding(
                    path,
                    tab.span.start,
                    "wrong-sdk",
                    tab.label,
                    f"code is {family}, the label promises {promised}",
                )
            )
    return found


# spec diagnostics that name a page source outvoted on the event code (generator/extract/evidence.py)
EVENT_CODE_DIAGNOSTICS = (
    "W-H1-CODE-MISMATCH",
    "W-DESCRIPTION-CODE-MISMATCH",
    "W-PAYLOAD-CODE-MISMATCH",
)


def event_page_findings(
    spec: EventSpec, path: str, targets: LabelTargets, registry: Targets
) -> list[Finding]:
    found = [
        Finding(path, d.line, "event-code", None, d.message)
        for d in spec.diagnostics
        if d.code in EVENT_CODE_DIAGNOSTICS
    ]
    for block in spec.examples:
        if block.skipped:
            continue
        found += block_findings(path, block, targets, registry)
        for tab in block.tabs:
            if tab.skipped or not tab.code:
                continue
            found += _event_tab_findings(spec, path, tab, registry)
    return found


def _event_tab_findings(spec: EventSpec, path: str, tab: Tab, registry: Targets) -> list[Finding]:
    found: list[Finding] = []
    if spec.kind == "js_event" and (_calls_rest(tab, registry) or rest_methods(tab)):
        what = ", ".join(rest_methods(tab)) or registry.sdk_of(tab.target) or tab.target
        found.append(
            Finding(
                path,
                tab.span.start,
                "rest-tab-on-js-event",
                tab.label,
                f"subscribes through REST ({what}); a JS-interface event cannot be bound "
                "by a request to /rest/",
            )
        )
    if tab.events and not any(_same_event(e, spec.event) for e in tab.events):
        found.append(
            Finding(
                path,
                tab.span.start,
                "wrong-event",
                tab.label,
                f"binds `{tab.events[0]}` but the page documents `{spec.event}`",
            )
        )
    methods = rest_methods(tab)
    subscribe = spec.subscription.method
    if (
        spec.kind == "rest_event"
        and methods
        and subscribe
        and not any(same_method(m, subscribe) for m in methods)
    ):
        found.append(
            Finding(
                path,
                tab.span.start,
                "method",
                tab.label,
                f"calls `{methods[0]}`, not `{spec.subscription.method}`",
            )
        )
    return found


def _calls_rest(tab: Tab, registry: Targets) -> bool:
    target = registry.get(tab.target)
    return target is not None and target.api == "rest"


def _same_event(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def twin_findings(path: str, ru: EventSpec, en: EventSpec) -> list[Finding]:
    """RU and EN pages at the same path must state the same facts."""
    found: list[Finding] = []
    pairs = [
        ("event code", ru.event.casefold(), en.event.casefold()),
        ("scopes", [s.name for s in ru.scopes], [s.name for s in en.scopes]),
        (
            "payload fields",
            [f.name for f in ru.handler.fields],
            [f.name for f in en.handler.fields],
        ),
    ]
    for what, left, right in pairs:
        if left != right:
            found.append(
                Finding(path, 1, "twin-mismatch", None, f"{what} differ: RU {left} vs EN {right}")
            )
    return found
