"""The parse stage as a library call: docs root → specs and located diagnostics.

Every page goes through the kind plug-in its classification selects (generator/kinds/); `check`
reads pages through the same plug-ins, so there is one parse pipeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from generator.diagnostics import Diagnostic, DocgenError, error
from generator.extract.recovery import is_fatal
from generator.includes import IncludeResolver
from generator.kinds import kind_for, page_kinds
from generator.kinds.base import PageKind
from generator.pages.classify import PageType, classify_file
from generator.pages.discover import check_root, expand_paths, markdown_files
from generator.source import decode, read_page
from generator.spec.model import PageSpec
from generator.targets import Targets, load_targets
from generator.vocabulary import EVENT_KINDS
from generator.workers import map_pages

PARALLEL_THRESHOLD = 48
PIECES = 8  # chunks a worker: it holds one chunk's specs at a time, not half the corpus's


@dataclass
class PageResult:
    path: str
    spec: PageSpec | None
    diagnostics: list[Diagnostic]


@dataclass
class ParseResult:
    root: Path
    pages: list[PageResult] = field(default_factory=list)

    @property
    def specs(self) -> list[PageSpec]:
        return [p.spec for p in self.pages if p.spec is not None]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for p in self.pages for d in p.diagnostics]

    @property
    def failed(self) -> list[str]:
        return [p.path for p in self.pages if p.spec is None]

    def counts(self) -> dict[str, int]:
        """Specs per kind: the event kinds, then `method`."""
        counter: Counter[str] = Counter(spec.kind for spec in self.specs)
        return {kind: counter.get(kind, 0) for kind in (*EVENT_KINDS, "method")}


def select_pages(root: Path, paths: Sequence[str] = ()) -> list[str]:
    """Pages of a parsing kind (event pages today) under the root, or among the given paths."""
    check_root(root)
    candidates = markdown_files(root) if not paths else expand_paths(root, paths)
    events = []
    for rel in candidates:
        try:
            raw = read_page(root, rel)
        except DocgenError:
            events.append(rel)  # parse_page reports why it cannot be read
            continue
        text = raw.decode("utf-8", errors="replace")
        if classify_file(rel, text) in _parsed_types():
            events.append(rel)
    return events


def parse_page(
    root: Path, rel: str, resolver: IncludeResolver | None = None, targets: Targets | None = None
) -> PageResult:
    """One page → spec; never raises on page content (problems come back as diagnostics)."""
    display = display_path(root, rel)
    resolver = resolver or IncludeResolver(root)
    try:
        source = decode(read_page(root, rel), rel)
        kind = _reading_kind(rel, source.normalized)
        spec = kind.read(source, resolver, targets or load_targets()).spec
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
    if any(is_fatal(d.code, d.severity) for d in diagnostics):
        return PageResult(rel, None, diagnostics)
    return PageResult(rel, spec, diagnostics)  # a missing include is reported, the spec kept


def _reading_kind(rel: str, text: str) -> PageKind:
    """The page's kind when that kind parses; else the event kind (`parse PAGE` reads any page
    it is given as an event page, as it always has)."""
    kind = kind_for(classify_file(rel, text))
    if kind is not None and kind.parses:
        return kind
    event = kind_for(PageType.EVENT)
    assert event is not None
    return event


def _parsed_types() -> set[PageType]:
    return {kind.page_type for kind in page_kinds() if kind.parses}


def display_path(root: Path, rel: str) -> str:
    return (root / rel).as_posix()


def parse_docs(
    root: Path, paths: Sequence[str] = (), jobs: int | None = None, targets: Targets | None = None
) -> ParseResult:
    """Every selected page through its kind; `targets` is the registry (user template folders'
    entries included) that decides which tabs are examples and which SDK each is."""
    selected = select_pages(root, paths)
    result = ParseResult(root)
    work = partial(_parse_chunk, root, targets or load_targets())
    result.pages = map_pages(work, selected, jobs, PARALLEL_THRESHOLD, pieces=PIECES)
    return result


def _parse_chunk(root: Path, targets: Targets, rels: list[str]) -> list[PageResult]:
    resolver = IncludeResolver(root)
    return [parse_page(root, rel, resolver, targets) for rel in rels]
