"""Page-level extraction every page kind shares: the diagnostics log, structure checks, tab
problems, the locale, the source spans of the sections and the related links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.extract.header import Header
from generator.extract.sections import Section
from generator.extract.text import LINK
from generator.pages.model import Node, Page, inline_text, line_of, walk
from generator.spec.parts import ExampleBlock, Link, Span, SpecDiagnostic
from generator.targets import Targets
from generator.vocabulary import Locale
from generator.yfm import markdown


@dataclass
class DiagnosticLog:
    """The spec diagnostics one page's extraction collects (W-... warnings, E-... errors)."""

    items: list[SpecDiagnostic] = field(default_factory=list)

    def warn(self, line: int, code: str, message: str, col: int = 1) -> None:
        self.items.append(SpecDiagnostic(line, col, code, message, "warning"))

    def fail(self, line: int, code: str, message: str, col: int = 1) -> None:
        self.items.append(SpecDiagnostic(line, col, code, message, "error"))


def report_tab_problems(examples: list[ExampleBlock], log: DiagnosticLog, targets: Targets) -> None:
    for block in examples:
        content = [t.label for t in block.tabs if not targets.for_label(t.label)]
        if content:
            log.warn(
                block.span.start,
                "W-TAB-MISPLACED",
                f"language tabs among content tabs ({', '.join(content)})",
            )
            continue
        for tab in block.tabs:
            if not tab.code and not tab.skipped:
                log.warn(tab.span.start, "W-TAB-NO-CODE", f"tab `{tab.label}` has no code")


def check_structure(page: Page, log: DiagnosticLog) -> None:
    """Unclosed directives, tables and fences are errors: what follows them cannot be trusted.
    Blocks nested deeper than markdown-it's `maxNesting` are dropped by it: that is a warning."""
    too_deep: Node | None = None
    deepest = markdown().options["maxNesting"] - 1
    for node in walk(page.root):
        if too_deep is None and node.level >= deepest:
            too_deep = node
        opening = node.nester_tokens.opening if node.nester_tokens else node.token
        if opening is not None and opening.meta.get("unclosed"):
            name = node.type.removeprefix("yfm_")
            log.fail(line_of(node), "E-UNCLOSED", f"`{name}` block is never closed")
        if node.type == "fence" and node.map and not _fence_closed(page, node):
            log.fail(line_of(node), "E-UNCLOSED", "code fence is never closed")
        if node.type in ("yfm_endnote", "yfm_endlist", "yfm_endcut", "yfm_endif"):
            log.warn(
                line_of(node), "W-STRAY-DIRECTIVE", f"`{{% {node.type[4:]} %}}` without its opener"
            )
    if too_deep is not None:
        log.warn(line_of(too_deep), "W-TOO-DEEP", "blocks nested this deep and deeper are not read")


def _fence_closed(page: Page, node: Node) -> bool:
    assert node.map is not None
    start, end = node.map
    marker = node.markup
    return end - 1 > start and page.lines[end - 1].strip().startswith(marker)


def detect_locale(page: Page) -> Locale:
    head = page.text[:4000]
    if re.search(r"Кто может|Что получает|Продолжите|Параметр", head):
        return "ru"
    return "en" if not re.search(r"[а-яё]{4,}", head, re.I) else "ru"


def collect_spans(
    header: Header,
    rights: Node | None,
    description: tuple[int, int] | None,
    sections: list[Section],
) -> dict[str, Span]:
    spans: dict[str, Span] = {}
    if header.line:
        spans["h1"] = Span(header.line, header.line)
    if rights is not None and rights.map:
        spans["rights"] = Span(rights.map[0] + 1, rights.map[1])
    if description:
        spans["description"] = Span(*description)
    for section in sections:
        span = section.span()
        if span and section.role not in spans and section.role != "other":
            spans[section.role] = Span(*span)
    return dict(sorted(spans.items()))


def read_related(page: Page, sections: list[Section]) -> list[Link]:
    links: list[Link] = []
    for section in sections:
        if section.role != "related":
            continue
        for node in section.nodes:
            for paragraph in (n for n in [node, *walk(node)] if n.type == "paragraph"):
                text = inline_text(paragraph)
                inline = next((c for c in paragraph.children if c.type == "inline"), None)
                titled = inline.meta.get("title_links", []) if inline is not None else []
                links.extend(Link(path, None) for path in titled)  # `[{#T}](path)`, from yfm.attrs
                for link in LINK.finditer(text):
                    if link["text"] != "{#T}":
                        links.append(Link(link["path"], link["text"]))
    return links
