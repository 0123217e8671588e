"""Page → spec for method pages (`MethodSpec`).

The sections a method page has (corpus notes 3.2, 6): the preamble (H1, Scope and rights quote,
description, notes), `Параметры метода` / `Method Parameters` with `{#anchor}` sub-tables,
`Примеры кода`, `Обработка ответа` (example JSON, `Возвращаемые данные`), `Обработка ошибок`
(`Возможные коды ошибок`) and `Продолжите изучение`.
"""

from __future__ import annotations

import re
from functools import cache

from generator.extract.common import DiagnosticLog, detect_locale, read_related
from generator.extract.examples import find_example_blocks, with_called_methods
from generator.extract.header import prod_nodes, read_description, read_notes, read_rights
from generator.extract.method_auth import (
    prose_auth,
    prose_callers,
    prose_rest_version,
    read_prose,
)
from generator.extract.method_calls import tab_calls
from generator.extract.method_name import decide_method
from generator.extract.method_params import ParamTree
from generator.extract.method_results import read_errors, read_response
from generator.extract.sections import Section, split_sections
from generator.extract.unresolved import KeepGoingResolver, report_unresolved
from generator.includes import IncludeResolver, Located, expand
from generator.pages.model import Node, Page, inline_text, line_of
from generator.spec.method import MethodSpec, Param, Response, TabCall
from generator.spec.model import SPEC_VERSION
from generator.spec.parts import ExampleBlock, Source, Span

PARAM_TITLES = frozenset({"method_params", "params"})
RESPONSE_TITLES = frozenset(
    {"ответ в случае успеха", "successful response", "возвращаемые данные", "returned data"}
)
ERROR_TITLES = frozenset({"ошибки и диагностика", "возможные коды ошибок", "possible error codes"})


def section_kind(section: Section) -> str:
    """`params`, `response`, `errors` or the section's role as `split_sections` names it."""
    return _kind_of(section.title, section.role)


@cache  # a page's sections are asked for again for each part the extractor reads
def _kind_of(heading: str, role: str) -> str:
    title = re.sub(r"\s+", " ", heading).strip().rstrip(":").casefold()
    if role in PARAM_TITLES:
        return "params"
    if role == "response" or title in RESPONSE_TITLES:
        return "response"
    if role in ("error_handling", "errors") or title in ERROR_TITLES:
        return "errors"
    return role


def extract_method_spec(
    page: Page, resolver: IncludeResolver | None, *, for_check: bool = False
) -> MethodSpec:
    """The page's MethodSpec. `for_check` leaves out what `check` never reads: each
    `TabCall.layout` (it reads the few it needs from the tabs), the error codes and the related
    links (their sections' includes are still resolved: a missing one is still reported), every
    tab's `events`, the `calls` of each tab but those whose call names a method other than the
    page's (the method lint reads only theirs), and the params' and response fields' defaults."""
    findings = DiagnosticLog()
    resolver = KeepGoingResolver(resolver) if resolver is not None else None
    preamble, sections = split_sections(page)
    title = inline_text(page.h1).strip() if page.h1 is not None else ""
    prod = prod_nodes(preamble.nodes)
    rights = read_rights(list(expand(page, prod, resolver)))
    description, description_span = read_description(prod, page, rights.node)
    prose = read_prose(page.lines)
    callers, callers_line = prose_callers(prose)
    examples = find_example_blocks(page, names=not for_check)
    calls = tab_calls(examples, layouts=not for_check)
    decision = decide_method(title, page.path, calls)
    if for_check:
        examples = with_called_methods(examples, _stray_tabs(calls, decision.method))
    for code, message in decision.problems:
        findings.warn(line_of(page.h1) if page.h1 is not None else 1, code, message)
    params = read_params(page, sections, resolver, findings, preamble.nodes, defaults=not for_check)
    response = read_method_response(page, sections, resolver, findings, defaults=not for_check)
    if callers is None:
        findings.warn(1, "W-CALLERS-MISSING", "no `Кто может выполнять метод` line")
    error_nodes = _nodes(page, sections, "errors", resolver)
    errors = [] if for_check else read_errors(error_nodes)
    spans = method_spans(page, rights.node, callers_line, description_span, sections)
    report_unresolved(page, resolver, findings)
    return MethodSpec(
        spec_version=SPEC_VERSION,
        kind="method",
        method=decision.method,
        title=title,
        locale=detect_locale(page),
        source=Source(page.path, page.source.sha256, spans),
        scopes=rights.scopes or [],
        callers=callers,
        description=description,
        notes=read_notes(page),
        auth=prose_auth(prose),
        rest_version=prose_rest_version(prose, _all_code(examples)),
        params=params,
        response=response,
        errors=errors,
        examples=examples,
        calls=calls,
        related=[] if for_check else read_related(page, sections),
        diagnostics=sorted(findings.items, key=lambda d: (d.line, d.code, d.message)),
    )


def _stray_tabs(calls: list[TabCall], method: str) -> set[tuple[int, int]]:
    """The tabs whose call names a method other than `method` (spelled otherwise included)."""
    return {(c.block, c.tab) for c in calls if c.method and c.method != method}


def _nodes(
    page: Page, sections: list[Section], kind: str, resolver: IncludeResolver | None
) -> list[Located]:
    found: list[Located] = []
    for section in sections:
        if section_kind(section) == kind:
            found.extend(expand(page, prod_nodes(section.nodes), resolver))
    return found


def read_params(
    page: Page,
    sections: list[Section],
    resolver: IncludeResolver | None,
    findings: DiagnosticLog,
    preamble: list[Node],
    *,
    defaults: bool = True,
) -> list[Param]:
    """The params sections' tables; with no such section, the tables before the first heading
    (crm.deal.productrows.get documents its one parameter right under the description). Their
    rows' default values are read only with `defaults`."""
    tree = ParamTree(defaults=defaults)
    nodes = _nodes(page, sections, "params", resolver)
    if not any(section_kind(s) == "params" for s in sections):
        first = next((i for i, n in enumerate(preamble) if n.type == "heading"), len(preamble))
        nodes = list(expand(page, prod_nodes(preamble[:first]), resolver))
    for located in nodes:
        tree.visit(located)
    for line, heading in tree.orphans:
        findings.warn(
            line, "W-PARAM-TABLE-ORPHAN", f"no parameter owns the table under `{heading}`"
        )
    return tree.params()


def read_method_response(
    page: Page,
    sections: list[Section],
    resolver: IncludeResolver | None,
    findings: DiagnosticLog,
    *,
    defaults: bool = True,
) -> Response:
    nodes = _nodes(page, sections, "response", resolver)
    response, problems, orphans = read_response(nodes, defaults=defaults)
    for line, problem in problems:
        findings.warn(line, "W-RESPONSE-JSON", problem)
    for line, heading in orphans:
        findings.warn(line, "W-PARAM-TABLE-ORPHAN", f"no field owns the table under `{heading}`")
    return response


def _all_code(examples: list[ExampleBlock]) -> list[str]:
    return [t.code for b in examples for t in b.tabs] + [
        f.code for b in examples for t in b.tabs for f in t.more_fences
    ]


def method_spans(
    page: Page,
    rights: Node | None,
    callers_line: int | None,
    description: tuple[int, int] | None,
    sections: list[Section],
) -> dict[str, Span]:
    spans: dict[str, Span] = {}
    if page.h1 is not None:
        spans["h1"] = Span(line_of(page.h1), line_of(page.h1))
    rights_map = rights.map if rights is not None else None
    if rights_map:
        spans["rights"] = Span(rights_map[0] + 1, rights_map[1])
    elif callers_line:
        spans["rights"] = Span(callers_line, callers_line)
    if description:
        spans["description"] = Span(*description)
    for section in sections:
        span = section.span()
        kind = section_kind(section)
        if span and kind not in spans and kind != "other":
            spans[kind] = Span(*span)
    return dict(sorted(spans.items()))
