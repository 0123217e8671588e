"""Page → spec for event pages: identity, kind, scopes, handler, subscription, examples, links."""

from __future__ import annotations

import re

from generator.extract.common import (
    DiagnosticLog,
    check_structure,
    collect_spans,
    detect_locale,
    read_related,
    report_tab_problems,
)
from generator.extract.evidence import Vote, decide
from generator.extract.examples import find_example_blocks
from generator.extract.fields import FieldCollector
from generator.extract.header import (
    Header,
    has_homoglyph,
    prod_nodes,
    read_description,
    read_h1,
    read_notes,
    read_rights,
)
from generator.extract.payload import parse_payload
from generator.extract.sections import Section, split_sections
from generator.extract.text import (
    BACKTICKED,
    LINK,
    is_event_code,
    strip_code,
)
from generator.extract.undocumented import with_payload_only
from generator.extract.unresolved import KeepGoingResolver, report_unresolved
from generator.includes import IncludeResolver, expand
from generator.pages.model import Node, Page, inline_text, line_of, walk
from generator.spec.event import EventSpec, Handler, Payload, Subscription
from generator.spec.parts import SPEC_VERSION, ExampleBlock, Source
from generator.targets import Targets, load_targets
from generator.vocabulary import Delivery, EventKind

JS_INTERFACE_NOTE = re.compile(r"событие js-интерфейса|js interface event|js-interface event", re.I)
JS_AT = (0, 8)  # where "js" sits in each alternative: at the start, or after "событие "
POST_LINE = re.compile(r"POST", re.I)
DEFAULT_HANDLER_URL = "https://example.com/handler.php"
PAYLOAD_LANGS = (None, "json", "js", "javascript", "php")


def extract_event(
    page: Page, resolver: IncludeResolver | None, targets: Targets | None = None
) -> EventSpec:
    targets = targets or load_targets()
    findings = DiagnosticLog()
    resolver = KeepGoingResolver(resolver) if resolver is not None else None
    check_structure(page, findings)
    preamble, sections = split_sections(page)
    header = read_h1(page) or Header("", None, "missing", 0)
    prod = prod_nodes(preamble.nodes)
    rights = read_rights(list(expand(page, prod, resolver)))
    description, description_span = read_description(prod, page, rights.node)
    handler = read_handler(page, preamble, sections, resolver, findings)
    kind = classify(page, header, handler)
    examples = find_example_blocks(page, targets)
    event = decide_event(
        page,
        header,
        description_votes(description, description_span),
        handler,
        examples,
        findings,
    )
    report_tab_problems(examples, findings, targets)
    if has_homoglyph(header.title):
        findings.warn(
            header.line, "W-H1-HOMOGLYPH", "H1 starts with a Latin `C` in a Cyrillic word"
        )
    if rights.scopes is None and kind != "legacy_event":
        findings.warn(
            line_of(rights.node) if rights.node else header.line, "W-SCOPE-MISSING", "no Scope line"
        )
    spans = collect_spans(header, rights.node, description_span, sections)
    report_unresolved(page, resolver, findings)
    return EventSpec(
        spec_version=SPEC_VERSION,
        kind=kind,
        event=event,
        title=header.title,
        locale=detect_locale(page),
        source=Source(page.path, page.source.sha256, spans),
        scopes=rights.scopes or [],
        subscribers=rights.subscribers,
        description=description,
        notes=read_notes(page),
        handler=with_delivery(handler, kind),
        subscription=read_subscription(page, kind, event, sections, resolver, examples),
        examples=examples,
        related=read_related(page, sections),
        diagnostics=sorted(findings.items, key=lambda d: (d.line, d.code)),
    )


def read_handler(
    page: Page,
    preamble: Section,
    sections: list[Section],
    resolver: IncludeResolver | None,
    findings: DiagnosticLog,
) -> Handler:
    roles = ("handler", "handler_params", "params", "response")
    # legacy pages without any H2 keep their table in the preamble
    preamble_counts = not any(s.role in roles for s in sections)
    used = [preamble, *sections] if preamble_counts else sections
    shown = {id(s): prod_nodes(s.nodes) for s in used}
    payloads = [
        p
        for s in used
        if s.role in (*roles, "preamble")
        for p in read_payloads(page, shown[id(s)], findings)
    ]
    first = next((p.data for p in payloads if isinstance(p.data, dict)), None)
    collector = FieldCollector(payload=first)
    delivery: Delivery = "none"
    for section in used:
        # an unknown H2 (`## BOT/[39]???`, 2024) counts when its table names payload keys
        if section.role not in (*roles, "preamble") and not (
            section.role == "other" and first is not None and collector.fits(shown[id(section)])
        ):
            continue
        collector.start_section()
        for located in expand(page, shown[id(section)], resolver):
            collector.visit(located)
        for node in shown[id(section)]:
            if node.type == "paragraph" and node.attrs.get("class"):
                delivery = "post" if POST_LINE.search(inline_text(node)) else "callback"
    fields, undocumented = with_payload_only(page.lines, payloads, collector.fields)
    for line, code, message in collector.warnings + undocumented:
        findings.warn(line, code, message)
    return Handler(delivery, payloads, fields)


def read_payloads(page: Page, nodes: list[Node], findings: DiagnosticLog) -> list[Payload]:
    payloads: list[Payload] = []
    for node in nodes:
        if node.type == "fence" and _fence_lang(node) in PAYLOAD_LANGS:
            payloads.extend(_payload(page, node, None, findings))
        elif node.type == "yfm_list" and node.info.strip().startswith("tabs"):
            payloads.extend(_payload_variants(page, node, findings))
    return payloads


def _payload_variants(page: Page, node: Node, findings: DiagnosticLog) -> list[Payload]:
    from generator.extract.examples import tab_items, tab_label

    found: list[Payload] = []
    for item, nodes in tab_items(node):
        for child in nodes:
            for fence in [child, *walk(child)]:
                if fence.type == "fence" and _fence_lang(fence) in PAYLOAD_LANGS:
                    found.extend(_payload(page, fence, tab_label(item), findings))
    return found


def _payload(page: Page, node: Node, label: str | None, findings: DiagnosticLog) -> list[Payload]:
    lang = _fence_lang(node)
    parsed = parse_payload(node.content, lang)
    if parsed.problem:
        findings.warn(line_of(node), "W-PAYLOAD", parsed.problem)
    if parsed.data is None:
        return []
    return [Payload(label, lang, parsed.data, line_of(node))]


def _fence_lang(node: Node) -> str | None:
    info = node.info.strip().split()
    return info[0].lower() if info else None


def classify(page: Page, header: Header, handler: Handler) -> EventKind:
    """Section 2 of the corpus notes: JS-interface, then REST (POST or payload with auth), else legacy."""
    if "::" in (header.code or header.title) or mentions_js_interface(page.text):
        return "js_event"
    has_auth = any(isinstance(p.data, dict) and "auth" in p.data for p in handler.payloads)
    if handler.delivery == "post" or has_auth:
        return "rest_event"
    return "legacy_event"


def mentions_js_interface(text: str) -> bool:
    """`JS_INTERFACE_NOTE.search(text)`, tried only where a `j` or `J` could start its "js": a
    case-insensitive search over a whole Cyrillic page has no literal to skip ahead by and was
    the slowest single step of classifying an event page."""
    for letter in "jJ":  # nothing else matches `j` ignoring case
        at = text.find(letter)
        while at >= 0:
            if any(at >= k and JS_INTERFACE_NOTE.match(text, at - k) for k in JS_AT):
                return True
            at = text.find(letter, at + 1)
    return False


def decide_event(
    page: Page,
    header: Header,
    described: list[Vote],
    handler: Handler,
    examples: list[ExampleBlock],
    findings: DiagnosticLog,
) -> str:
    """The code the evidence agrees on (generator/extract/evidence.py); outvoted sources reported."""
    votes = [Vote("h1", header.code, header.line)] if header.code else []
    votes += described + payload_votes(page, handler) + tab_votes(examples)
    verdict = decide(page.path, votes)
    if verdict is None:
        findings.warn(header.line, "W-H1-CODE-MISSING", "no event code on the page")
        return ""
    if header.code is None:
        findings.warn(
            header.line, "W-H1-CODE-MISSING", f"H1 has no event code; using `{verdict.code}`"
        )
    elif header.code_position == "elsewhere":
        findings.warn(
            header.line,
            "W-H1-CODE-POSITION",
            f"event code `{header.code}` is not the H1's last word",
        )
    for outvoted in verdict.outvoted:
        if outvoted.source == "tab":
            continue  # `check` reports it, as `wrong-event` on the tab
        code = outvoted.diagnostic_code or "W-SLUG-MISMATCH"
        findings.warn(outvoted.line, code, outvoted.message)
    return verdict.code


def description_votes(description: str, span: tuple[int, int] | None) -> list[Vote]:
    line = span[0] if span else 0
    code = next((strip_code(c) for c in BACKTICKED.findall(description) if is_event_code(c)), None)
    return [Vote("description", code, line)] if code else []


def payload_votes(page: Page, handler: Handler) -> list[Vote]:
    for payload in handler.payloads:
        if isinstance(payload.data, dict) and isinstance(payload.data.get("event"), str):
            code = payload.data["event"]
            line = next(
                (
                    n
                    for n, text in enumerate(page.lines[payload.line - 1 :], payload.line)
                    if code in text
                ),
                payload.line,
            )
            return [Vote("payload", code, line)]
    return []


def tab_votes(examples: list[ExampleBlock]) -> list[Vote]:
    """One vote per tab that binds exactly one event (the case of the code aside)."""
    votes = []
    for block in examples:
        for tab in block.tabs:
            if not tab.skipped and len({e.casefold() for e in tab.events}) == 1:
                votes.append(Vote("tab", tab.events[0], tab.span.start))
    return votes


def read_subscription(
    page: Page,
    kind: EventKind,
    event: str,
    sections: list[Section],
    resolver: IncludeResolver | None,
    examples: list[ExampleBlock],
) -> Subscription:
    collector = FieldCollector()
    method: str | None = None
    for section in sections:
        if section.role != "subscription":
            continue
        collector.start_section()
        for located in expand(page, section.nodes, resolver):
            collector.visit(located)
            if method is None and located.node.type == "paragraph":
                method = _linked_method(inline_text(located.node))
    if method is None:
        method = default_method(page, kind)
    handler_url = (
        None if kind == "js_event" else _example_handler_url(examples) or DEFAULT_HANDLER_URL
    )
    return Subscription(method, bind_name(event, examples), handler_url, collector.fields)


def default_method(page: Page, kind: EventKind) -> str:
    if kind == "js_event":
        return "BX24.placement.bindEvent"
    if "/chat-bots/outdated/" in page.path or "ONIMBOT" in page.text[:400].upper():
        return "imbot.register"
    return "event.bind"


def bind_name(event: str, examples: list[ExampleBlock]) -> str:
    """The event name as the page states it: the spelling its tabs bind (when they bind this
    code), else the H1's. Event names are case-insensitive; a profile may normalise the case
    (`event_name_case`), the spec does not."""
    bound = (e for b in examples for t in b.tabs if not t.skipped for e in t.events)
    return next((e for e in bound if e.casefold() == event.casefold()), event)


def _linked_method(text: str) -> str | None:
    for link in LINK.finditer(text):
        candidate = link["text"].strip("`")
        if "." in candidate and " " not in candidate:
            return candidate
    return None


def _example_handler_url(examples: list[ExampleBlock]) -> str | None:
    for block in examples:
        for tab in block.tabs:
            match = re.search(
                r"['\"]handler['\"]?\s*(?:=>|:)\s*['\"](https?://[^'\"]+)['\"]", tab.code
            )
            if match:
                return match.group(1)
    return None


def with_delivery(handler: Handler, kind: EventKind) -> Handler:
    """JS-interface events deliver to a callback, REST events by POST; legacy stubs state neither."""
    if kind == "js_event":
        delivery: Delivery = "callback"
    elif kind == "rest_event":
        delivery = "post"
    else:
        delivery = "none"
    return Handler(delivery, handler.payloads, handler.fields)
