"""`check --report FILE`: one self-contained HTML page of the findings, for CI artefacts and review.

Everything is inline (CSS, script, SVG chart) and a Content-Security-Policy allows only that
inline CSS and script by hash, so the page makes no request and no text from a docs page can run
as code; every file name, message and line of code is escaped as well.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from generator.baseline import relative_path
from generator.check.report import Finding
from generator.report_html.chart import bar_chart, kind_colours, section_anchor
from generator.report_html.diff import diff_table

CODE_SPAN = re.compile(r"`([^`]+)`")


@dataclass(frozen=True, slots=True)
class ReportInput:
    """What the page shows: the findings of one run over `root`, and where the page is written."""

    findings: Sequence[Finding]
    root: Path
    pages: int
    in_sync: int
    report_path: Path
    new: Collection[Finding] | None = None  # with --baseline: the findings it does not hold


def section_of(rel: str) -> str:
    """A page's section: its first two folders (`api-reference/tasks`), or fewer when shallower."""
    folders = rel.split("/")[:-1]
    return "/".join(folders[:2]) or "."


def write_report(data: ReportInput) -> None:
    from generator.diagnostics import DocgenError, error
    from generator.fileio import write_atomic

    if data.report_path.is_dir():
        where = data.report_path.as_posix()
        raise DocgenError(error(where, "E-REPORT", "is a folder, not a file"))

    write_atomic(data.report_path, render_report(data).encode("utf-8"))


def render_report(data: ReportInput) -> str:
    css = _asset("report.css")
    script = _asset("report.js")
    grouped = _grouped(data)
    colours = kind_colours(sorted({f.kind for f in data.findings}))
    body = [
        _header(data, colours),
        "<main>",
        _chart(grouped, colours),
        *(_section(data, name, kinds) for name, kinds in sorted(grouped.items())),
        "</main>",
    ]
    policy = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    failing = sum(f.failing for f in data.findings)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>b24-docgen check: {failing} findings</title><style>{css}</style></head><body>"
        + "".join(body)
        + f"<script>{script}</script></body></html>\n"
    )


def _asset(name: str) -> str:
    return files("generator.report_html").joinpath(name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _grouped(data: ReportInput) -> dict[str, dict[str, list[Finding]]]:
    grouped: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in sorted(data.findings):
        rel = relative_path(finding.path, data.root)
        grouped[section_of(rel)][finding.kind].append(finding)
    return grouped


def _header(data: ReportInput, colours: dict[str, str]) -> str:
    counts = Counter(f.kind for f in data.findings)
    failing = sum(f.failing for f in data.findings)
    buttons = "".join(
        f'<button type="button" data-kind="{escape(kind)}" aria-pressed="true">'
        f"{_swatch(colours[kind])}{escape(kind)} {count}</button>"
        for kind, count in sorted(counts.items())
    )
    new = "" if data.new is None else f", {len(data.new)} new since the baseline"
    return (
        f"<header><h1>b24-docgen check: {escape(data.root.as_posix())}</h1>"
        f'<p class="summary">pages checked: {data.pages}, in sync: {data.in_sync}; '
        f"findings: {failing}{new}</p>"
        f'<div class="controls">{buttons}'
        '<input id="filter" type="search" placeholder="filter by path" aria-label="filter by path">'
        "</div></header>"
    )


def _swatch(colour: str) -> str:
    """The kind's colour as a tiny SVG (no style attribute: the page's policy allows none)."""
    return (
        '<svg class="swatch" width="10" height="10" aria-hidden="true">'
        f'<rect width="10" height="10" rx="2" fill="{colour}"/></svg>'
    )


def _chart(grouped: dict[str, dict[str, list[Finding]]], colours: dict[str, str]) -> str:
    if not grouped:
        return '<p class="summary">No findings.</p>'
    counts = {
        section: Counter({kind: len(items) for kind, items in kinds.items()})
        for section, kinds in grouped.items()
    }
    return f"<figure><figcaption>findings per section</figcaption>{bar_chart(counts, colours)}</figure>"


def _section(data: ReportInput, name: str, kinds: dict[str, list[Finding]]) -> str:
    total = sum(len(items) for items in kinds.values())
    groups = "".join(
        f'<div class="kind" data-kind="{escape(kind)}"><h3>{escape(kind)} '
        f'<span class="count">{len(items)}</span></h3>'
        + "".join(_finding(data, finding) for finding in items)
        + "</div>"
        for kind, items in sorted(kinds.items())
    )
    return (
        f'<section class="section" id="{section_anchor(name)}"><details open><summary>'
        f'<h2>{escape(name)}</h2><span class="count">{total}</span></summary>{groups}'
        "</details></section>"
    )


def _finding(data: ReportInput, finding: Finding) -> str:
    rel = relative_path(finding.path, data.root)
    where = f"{rel}:{finding.line}"
    label = f' <span class="label">[{escape(finding.label)}]</span>' if finding.label else ""
    badge = (
        ' <span class="badge">new</span>' if data.new is not None and finding in data.new else ""
    )
    diff = ""
    if finding.diff:
        target = finding.diff.splitlines()[1][4:] if finding.diff.count("\n") > 1 else "template"
        diff = diff_table(finding.diff, f"page: {where}", target)
    return (
        f'<article class="finding{"" if finding.failing else " info"}" '
        f'data-kind="{escape(finding.kind)}" data-path="{escape(rel)}">'
        f'<p><a class="loc" href="{escape(_link(data, finding))}">{escape(where)}</a>{label}{badge} '
        f'<span class="msg">{_code_spans(escape(finding.message))}</span></p>{diff}</article>'
    )


def _code_spans(escaped: str) -> str:
    """`name` in an (already escaped) message as <code>: messages quote names that way."""
    return CODE_SPAN.sub(r"<code>\1</code>", escaped)


def _link(data: ReportInput, finding: Finding) -> str:
    """A link from the report's folder to the page, at its line (`#L143`, as code hosts use)."""
    page = Path(finding.path).absolute()
    relative = os.path.relpath(page, data.report_path.absolute().parent).replace(os.sep, "/")
    return f"{quote(relative)}#L{finding.line}"
