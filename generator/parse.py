"""The parse stage as a library call: docs root → event specs and located diagnostics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from generator.diagnostics import Diagnostic, DocgenError, error
from generator.extract.event import extract_event
from generator.includes import IncludeResolver
from generator.page import Page
from generator.pages import PageType, check_root, classify_file, expand_paths, markdown_files
from generator.source import decode
from generator.spec.model import Spec
from generator.workers import map_pages

KINDS = ("rest_event", "js_event", "legacy_event")
PARALLEL_THRESHOLD = 48


@dataclass
class PageResult:
    path: str
    spec: Spec | None
    diagnostics: list[Diagnostic]


@dataclass
class ParseResult:
    root: Path
    pages: list[PageResult] = field(default_factory=list)

    @property
    def specs(self) -> list[Spec]:
        return [p.spec for p in self.pages if p.spec is not None]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for p in self.pages for d in p.diagnostics]

    @property
    def failed(self) -> list[str]:
        return [p.path for p in self.pages if p.spec is None]

    def counts(self) -> dict[str, int]:
        counter: Counter[str] = Counter(spec.kind for spec in self.specs)
        return {kind: counter.get(kind, 0) for kind in KINDS}


def select_pages(root: Path, paths: Sequence[str] = ()) -> list[str]:
    """Event pages under the root, or among the given paths (files or folders, relative to root)."""
    check_root(root)
    candidates = markdown_files(root) if not paths else expand_paths(root, paths)
    events = []
    for rel in candidates:
        try:
            raw = (root / rel).read_bytes()
        except OSError:
            events.append(rel)  # parse_page reports why it cannot be read
            continue
        text = raw.decode("utf-8", errors="replace")
        if classify_file(rel, text) is PageType.EVENT:
            events.append(rel)
    return events


def parse_page(root: Path, rel: str, resolver: IncludeResolver | None = None) -> PageResult:
    """One page → spec; never raises on page content (problems come back as diagnostics)."""
    display = display_path(root, rel)
    resolver = resolver or IncludeResolver(root)
    try:
        source = decode((root / rel).read_bytes(), rel)
        spec = extract_event(Page(rel, source), resolver)
    except DocgenError as exc:
        found = exc.diagnostic
        return PageResult(rel, None, [replace(found, path=display_path(root, found.path))])
    except RecursionError:
        return PageResult(
            rel, None, [error(display, "E-TOO-DEEP", "page nesting is too deep to parse", 1, 1)]
        )
    except OSError as exc:
        return PageResult(
            rel, None, [error(display, "E-READ", f"cannot read: {exc.strerror or exc}")]
        )
    diagnostics = [
        Diagnostic(display, d.line, d.col, d.code, d.message, d.severity) for d in spec.diagnostics
    ]
    if any(d.is_error for d in diagnostics):
        return PageResult(rel, None, diagnostics)
    return PageResult(rel, spec, diagnostics)


def display_path(root: Path, rel: str) -> str:
    return (root / rel).as_posix()


def parse_docs(root: Path, paths: Sequence[str] = (), jobs: int | None = None) -> ParseResult:
    selected = select_pages(root, paths)
    result = ParseResult(root)
    result.pages = map_pages(partial(_parse_chunk, root), selected, jobs, PARALLEL_THRESHOLD)
    return result


def _parse_chunk(root: Path, rels: list[str]) -> list[PageResult]:
    resolver = IncludeResolver(root)
    return [parse_page(root, rel, resolver) for rel in rels]
