"""`check` and `sync` over a docs tree: evaluate each page (cached), report findings, apply edits."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.diagnostics import Diagnostic, DocgenError, error
from generator.findings import Finding
from generator.pages import check_root
from generator.workers import map_pages

if TYPE_CHECKING:
    from generator.cache import Cache
    from generator.expectations import ProfileTable
    from generator.rewrite import Edit

TABS_MARKER = b"{% list tabs"
PARALLEL_THRESHOLD = 64


@dataclass(frozen=True, slots=True)
class SyncMode:
    add_missing: bool = False
    reshape: bool = False


@dataclass(frozen=True, slots=True)
class CheckOptions:
    profile: str = "current"
    templates: tuple[Path, ...] = ()
    profiles_file: Path | None = None
    twin: Path | None = None
    mode: SyncMode = field(default_factory=SyncMode)
    jobs: int | None = None
    profile_table: ProfileTable | None = None  # filled by run_check (from its cache when warm)

    def cache_options(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "templates": [str(p) for p in self.templates],
            "profiles": str(self.profiles_file),
            "twin": str(self.twin),
        }


@dataclass
class Outcome:
    rel: str
    page_type: str  # "event" | "method" | "none"
    findings: list[Finding] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    deps: dict[str, list[int]] = field(default_factory=dict)
    sha256: str | None = None  # of the bytes evaluated (the cache's hash; what edits apply to)

    @property
    def in_sync(self) -> bool:
        return (
            self.page_type != "none"
            and not any(f.failing for f in self.findings)
            and not self.diagnostics
        )

    def to_cache(self) -> dict[str, Any]:
        return {
            "page_type": self.page_type,
            "findings": [asdict(f) for f in self.findings],
            "diagnostics": [asdict(d) for d in self.diagnostics],
        }

    @classmethod
    def from_cache(cls, rel: str, data: dict[str, Any]) -> Outcome:
        return cls(
            rel,
            data["page_type"],
            [Finding(**f) for f in data["findings"]],
            diagnostics=[Diagnostic(**d) for d in data["diagnostics"]],
        )


@dataclass
class Report:
    outcomes: list[Outcome]

    @property
    def findings(self) -> list[Finding]:
        return sorted(f for o in self.outcomes for f in o.findings)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for o in self.outcomes for d in o.diagnostics]

    @property
    def checked(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.page_type != "none"]

    @property
    def in_sync(self) -> int:
        return sum(o.in_sync for o in self.checked)


def run_check(
    root: Path,
    paths: Sequence[str],
    options: CheckOptions,
    use_cache: bool,
    want_edits: bool = False,
) -> Report:
    """Evaluate every page with example tabs (and every event page) under the root."""
    from generator.cache import cache_key, open_cache
    from generator.pages import expand_paths, markdown_stats

    check_root(root)
    if paths:
        rels = expand_paths(root, paths)
        stats: dict[str, os.stat_result] = {rel: (root / rel).stat() for rel in rels}
    else:
        stats = dict(markdown_stats(root))
        rels = list(stats)
    cache = open_cache(
        root,
        cache_key(root, options.cache_options(), _template_dirs(options)),
        use_cache and not want_edits,
    )
    outcomes: dict[str, Outcome] = {}
    todo: list[str] = []
    for rel in rels:
        cached = cache.lookup(root, rel, stats[rel])
        if cached is not None:
            outcomes[rel] = Outcome.from_cache(rel, cached)
        else:
            todo.append(rel)
    if todo and options.profile_table is None:
        options = replace(options, profile_table=cached_profile_table(cache, options))
    work = partial(_evaluate_chunk, root, options)
    for outcome in map_pages(work, todo, options.jobs, PARALLEL_THRESHOLD, _preload_workers):
        outcomes[outcome.rel] = outcome
        if outcome.sha256 is None:
            continue  # reported by evaluate (E-READ); nothing to cache
        cache.store(
            outcome.rel,
            stats[outcome.rel],
            outcome.sha256,
            outcome.to_cache(),
            outcome.deps,
        )
    if not paths:
        cache.forget_missing(set(rels))
    cache.save()
    return Report([outcomes[rel] for rel in rels])


def cached_profile_table(cache: Cache, options: CheckOptions) -> ProfileTable:
    """The resolved profile: from the cache (whose key covers templates and profiles) or fresh."""
    from generator.expectations import profile_table

    stored = cache.extra.get("profile_table")
    if stored is not None:
        return tuple((kind, tuple((a, b, c) for a, b, c in tabs)) for kind, tabs in stored)
    table = profile_table(options)
    cache.extra["profile_table"] = table
    cache.dirty = True
    return table


def _template_dirs(options: CheckOptions) -> list[Path]:
    from generator.paths import builtin_templates

    dirs = [*options.templates, builtin_templates()]
    if options.profiles_file is not None:
        dirs.append(options.profiles_file.parent)
    return [d for d in dirs if d.is_dir()]


def _preload_workers() -> None:
    """Import what every worker needs before forking, so each does not pay for it again."""
    import generator.consistency
    import generator.expectations
    import generator.extract.event
    import generator.render.examples  # noqa: F401


def _evaluate_chunk(root: Path, options: CheckOptions, rels: list[str]) -> list[Outcome]:
    return [evaluate(root, rel, options) for rel in rels]


def evaluate(root: Path, rel: str, options: CheckOptions) -> Outcome:
    """One page's findings (and sync edits); page problems come back as diagnostics. The edits
    carry the hash of the bytes they were planned on, so `sync` never applies them to others."""
    display = (root / rel).as_posix()
    try:
        raw = (root / rel).read_bytes()
    except OSError as exc:
        return Outcome(
            rel, "none", diagnostics=[error(display, "E-READ", f"cannot read: {exc.strerror}")]
        )
    outcome = _evaluate(root, rel, raw, options)
    outcome.sha256 = hashlib.sha256(raw).hexdigest()
    return outcome


def _evaluate(root: Path, rel: str, raw: bytes, options: CheckOptions) -> Outcome:
    from generator.pages import PageType, classify_file

    display = (root / rel).as_posix()
    is_tabs = TABS_MARKER in raw
    text = raw.decode("utf-8", errors="replace")
    page_type = classify_file(rel, text)
    if page_type is not PageType.EVENT and not is_tabs:
        return Outcome(rel, "none")
    try:
        if page_type is PageType.EVENT:
            return _evaluate_event(root, rel, raw, display, options)
        return _evaluate_method(rel, raw, display, options)
    except DocgenError as exc:
        found = exc.diagnostic
        path = (
            found.path if found.path.startswith(root.as_posix()) else (root / found.path).as_posix()
        )
        return Outcome(
            rel,
            "event" if page_type is PageType.EVENT else "method",
            diagnostics=[
                Diagnostic(path, found.line, found.col, found.code, found.message, found.severity)
            ],
        )
    except RecursionError:  # as in parse_page: a page (or include chain) nested too deep
        too_deep = error(display, "E-TOO-DEEP", "page nesting is too deep to parse", 1, 1)
        return Outcome(
            rel, "event" if page_type is PageType.EVENT else "method", diagnostics=[too_deep]
        )


def _evaluate_event(
    root: Path, rel: str, raw: bytes, display: str, options: CheckOptions
) -> Outcome:
    from generator.consistency import event_page_findings, twin_findings
    from generator.expectations import expected_tabs_for
    from generator.extract.event import extract_event
    from generator.includes import IncludeResolver
    from generator.page import Page
    from generator.plan import plan_event_page
    from generator.source import decode

    resolver = IncludeResolver(root, _shared_includes(root))
    page = Page(rel, decode(raw, rel))
    spec = extract_event(page, resolver)
    errors = [d for d in spec.diagnostics if d.severity == "error"]
    deps = {p: _stat_pair(root / p) for p in sorted(resolver.loaded)}
    if errors:
        return Outcome(
            rel,
            "event",
            diagnostics=[
                Diagnostic(display, d.line, d.col, d.code, d.message, "error") for d in errors
            ],
            deps=deps,
        )
    expected = expected_tabs_for(spec, options)
    labels = {e.label: e.target for e in expected}
    plan = plan_event_page(display, page, spec, expected, options.mode)
    consistency = [
        f
        for f in event_page_findings(spec, display, labels.get)
        # a profile that prescribes a REST tab for JS events (the 2024 shape) makes it expected
        if not (f.kind == "rest-tab-on-js-event" and f.label in labels)
    ]
    findings = plan.findings + consistency
    if options.twin is not None:
        twin = _twin_spec(options.twin, rel)
        if twin is not None:
            findings += twin_findings(display, spec, twin)
    return Outcome(rel, "event", sorted(set(findings)), plan.edits, deps=deps)


def _evaluate_method(rel: str, raw: bytes, display: str, options: CheckOptions) -> Outcome:
    from generator.consistency import method_page_findings
    from generator.expectations import label_targets
    from generator.extract.method import extract_method, method_view
    from generator.page import Page
    from generator.source import decode

    source = decode(raw, rel)
    facts = extract_method(Page(rel, source, method_view(source.normalized)))
    if not facts.blocks:
        return Outcome(rel, "none")
    findings = method_page_findings(display, facts, label_targets(options))
    if options.twin is not None and (options.twin / rel).is_file():
        twin = extract_method(Page(rel, decode((options.twin / rel).read_bytes(), rel)))
        if twin.method and facts.method and twin.method != facts.method:
            findings.append(
                Finding(
                    display,
                    1,
                    "twin-mismatch",
                    None,
                    f"method differs: RU `{facts.method}` vs EN `{twin.method}`",
                )
            )
    return Outcome(rel, "method", sorted(set(findings)))


def _twin_spec(twin_root: Path, rel: str) -> Any:
    from generator.parse import parse_page

    if not (twin_root / rel).is_file():
        return None
    return parse_page(twin_root, rel).spec


_INCLUDES: dict[Path, dict[str, Any]] = {}


def _shared_includes(root: Path) -> dict[str, Any]:
    """Parsed includes shared by the pages one process evaluates (a run reads each once)."""
    return _INCLUDES.setdefault(root, {})


def _stat_pair(path: Path) -> list[int]:
    try:
        stat = path.stat()
    except OSError:
        return [-1, -1]  # gone since it was read: never fresh
    return [stat.st_size, stat.st_mtime_ns]
