"""`check` and `sync` over a docs tree: walk, cache, workers, and each page through its kind.

A page is read by the same kind plug-in `parse` uses (generator/kinds/), then planned against the
profile's rendered tabs (check/plan.py) and linted (the kind's `lint`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from generator.check.outcome import Outcome, Report
from generator.diagnostics import Diagnostic, DocgenError, error
from generator.pages.discover import check_root
from generator.realpaths import RealPaths
from generator.workers import map_pages

if TYPE_CHECKING:
    from generator.cache import Cache
    from generator.check.expected import ProfileTable
    from generator.kinds.base import PageKind
    from generator.options import Options
    from generator.source import SourceText

SharedIncludes = dict[str, Any]  # include path → parsed page, shared by one chunk's pages


class RunState(NamedTuple):
    """What the pages of one chunk share."""

    table: ProfileTable | None
    includes: SharedIncludes
    paths: RealPaths
    with_deps: bool  # whether an outcome records its includes' stats (the cache's freshness test)


TABS_MARKER = b"{% list tabs"
PARALLEL_THRESHOLD = 64


def run_check(
    root: Path,
    paths: Sequence[str],
    options: Options,
    use_cache: bool,
    want_edits: bool = False,
) -> Report:
    """Evaluate every page with example tabs (and every event page) under the root."""
    from generator.cache import cache_key, open_cache

    check_root(root)
    if not want_edits:  # findings only: no sync edit is planned (nor black run to write one)
        options = replace(options, mode=replace(options.mode, edits=False))
    enabled = use_cache and not want_edits
    # stats and include stats are what the cache compares: a run without it takes neither
    stats = _page_stats(root, paths) if enabled else {}
    rels = list(stats) if enabled else _page_list(root, paths)
    profiles = [options.profiles_file] if options.profiles_file is not None else []
    # the key hashes the tool's sources and every template: only a cache that is read needs it
    key = (
        cache_key(root, options.cache_options(), _template_dirs(options), profiles)
        if enabled
        else ""
    )
    cache = open_cache(root, key, enabled)
    outcomes: dict[str, Outcome] = {}
    todo: list[str] = []
    for rel in rels:
        cached = cache.lookup(root, rel, stats[rel]) if enabled else None
        if cached is not None:
            try:
                outcomes[rel] = Outcome.from_cache(rel, cached)
                continue
            except (KeyError, TypeError, ValueError):  # a damaged entry is a miss, not a crash
                pass
        todo.append(rel)
    table = cached_profile_table(cache, options) if todo else None
    work = partial(_evaluate_chunk, root, options, table, enabled)
    for outcome in map_pages(work, todo, options.jobs, PARALLEL_THRESHOLD, _preload_workers):
        outcomes[outcome.rel] = outcome
        if enabled and outcome.sha256 is not None:  # None: reported by evaluate (E-READ)
            cache.store(
                outcome.rel, stats[outcome.rel], outcome.sha256, outcome.to_cache(), outcome.deps
            )
    if not paths:
        cache.forget_missing(set(rels))
    cache.save()
    return Report([outcomes[rel] for rel in rels])


def _page_stats(root: Path, paths: Sequence[str]) -> dict[str, os.stat_result]:
    from generator.pages.discover import expand_paths, markdown_stats

    if paths:
        return {rel: (root / rel).stat() for rel in expand_paths(root, paths)}
    return dict(markdown_stats(root))


def _page_list(root: Path, paths: Sequence[str]) -> list[str]:
    from generator.pages.discover import expand_paths, markdown_files

    return expand_paths(root, paths) if paths else markdown_files(root)


def cached_profile_table(cache: Cache, options: Options) -> ProfileTable:
    """The resolved profile: from the cache (whose key covers templates and profiles) or fresh."""
    from generator.check.expected import profile_table, table_from_data

    stored = cache.extra.get("profile_table")
    if stored is not None:
        return table_from_data(stored)
    table = profile_table(options)
    cache.extra["profile_table"] = table
    cache.dirty = True
    return table


def _template_dirs(options: Options) -> list[Path]:
    from generator.paths import builtin_templates

    # the profiles file is hashed by itself (cache_key's files), never its folder: at a docs
    # repository's root that folder is the whole repository, .git included
    dirs = [*options.templates, builtin_templates()]
    return [d for d in dirs if d.is_dir()]


PRELOADED_GRAMMARS = ("javascript", "typescript", "php")  # the event pages' tab languages


def _preload_workers() -> None:
    """Import what every worker needs before forking, so each does not pay for it again: the
    event kind, the renderer and Jinja (a page's expected tabs), the call readers and the
    grammars of the event pages' tabs (JavaScript, TypeScript, PHP; the method pages' others
    load in the workers that meet them)."""
    import jinja2  # noqa: F401

    import generator.calls.js
    import generator.check.evaluate
    import generator.kinds.event
    import generator.render.examples
    import generator.render.sandbox  # noqa: F401
    from generator.calls.trees import language

    for grammar in PRELOADED_GRAMMARS:
        language(grammar)


def _evaluate_chunk(
    root: Path, options: Options, table: ProfileTable | None, with_deps: bool, rels: list[str]
) -> list[Outcome]:
    """`with_deps`: the outcomes go to the cache, which needs the stats of each page's includes."""
    includes: SharedIncludes = {}  # a chunk's pages share the parsed includes (each read once)
    paths = RealPaths()  # ... and the resolved folders
    return [evaluate(root, rel, options, table, includes, paths, with_deps) for rel in rels]


def evaluate(
    root: Path,
    rel: str,
    options: Options,
    table: ProfileTable | None = None,
    includes: SharedIncludes | None = None,
    paths: RealPaths | None = None,
    with_deps: bool = True,
) -> Outcome:
    """One page's findings (and sync edits); page problems come back as diagnostics. The edits
    carry the hash of the bytes they were planned on, so `sync` never applies them to others.
    `with_deps`: the outcome records the stats of the includes the page read (for the cache)."""
    from generator.source import read_page

    try:  # refuses a FIFO, a symlink out of the root, a file name that is not UTF-8
        raw = read_page(root, rel, paths)
    except DocgenError as exc:
        found = exc.diagnostic
        located = error((root / found.path).as_posix(), found.code, found.message)
        return Outcome(rel, "none", diagnostics=[located])
    run = RunState(table, {} if includes is None else includes, paths or RealPaths(), with_deps)
    digest = hashlib.sha256(raw).hexdigest()
    outcome = _evaluate(root, rel, raw, options, run, digest)
    outcome.sha256 = digest
    return outcome


def _evaluate(
    root: Path, rel: str, raw: bytes, options: Options, run: RunState, digest: str
) -> Outcome:
    from generator.kinds import checking_kind
    from generator.pages.classify import PageType, classify_file
    from generator.source import SourceText, decode

    try:  # decoded once: classified, then read by the kind
        source: SourceText | DocgenError = decode(raw, rel, digest)
    except DocgenError as refused:  # reported only for a page a kind reads
        source = refused
    text = source.text if isinstance(source, SourceText) else raw.decode("utf-8", "replace")
    page_type = classify_file(rel, text)
    if page_type is not PageType.EVENT and TABS_MARKER not in raw:
        return Outcome(rel, "none")  # decided before a kind is looked up: no import for nothing
    kind = checking_kind(page_type)
    if kind is None:
        return Outcome(rel, "none")
    try:
        if isinstance(source, DocgenError):
            raise source
        return _evaluate_kind(kind, root, rel, source, options, run)
    except DocgenError as exc:
        found = exc.diagnostic
        path = found.path
        if not path.startswith(root.as_posix()):
            path = (root / found.path).as_posix()
        located = Diagnostic(path, found.line, found.col, found.code, found.message, found.severity)
        return Outcome(rel, kind.name, diagnostics=[located])
    except RecursionError:  # as in parse_page: a page (or include chain) nested too deep
        display = (root / rel).as_posix()
        too_deep = error(display, "E-TOO-DEEP", "page nesting is too deep to parse", 1, 1)
        return Outcome(rel, kind.name, diagnostics=[too_deep])


def _evaluate_kind(
    kind: PageKind,
    root: Path,
    rel: str,
    source: SourceText,
    options: Options,
    run: RunState,
) -> Outcome:
    from generator.check.evaluate import evaluate_page
    from generator.includes import IncludeResolver
    from generator.targets import load_targets

    resolver = IncludeResolver(root, run.includes, run.paths)
    reading = kind.read(source, resolver, load_targets(options.templates), "check")
    if reading.spec is None:
        return Outcome(rel, "none")
    twin = _twin_spec(kind, options, rel) if options.twin is not None else None
    outcome = evaluate_page(kind, (root / rel).as_posix(), reading, options, run.table, twin)
    if run.with_deps:
        outcome.deps = {p: _stat_pair(root / p) for p in sorted(resolver.loaded)}
    return outcome


def _twin_spec(kind: PageKind, options: Options, rel: str) -> Any:
    """The twin page's spec, read by the same kind; None when it is missing or unreadable."""
    from generator.includes import IncludeResolver
    from generator.source import decode
    from generator.targets import load_targets

    twin_root = options.twin
    if twin_root is None or not (twin_root / rel).is_file():
        return None
    try:
        source = decode((twin_root / rel).read_bytes(), rel)
        targets = load_targets(options.templates)
        reading = kind.read(source, IncludeResolver(twin_root), targets, "check")
    except (DocgenError, RecursionError, OSError):
        return None
    problems = getattr(reading.spec, "diagnostics", ())
    return None if any(d.severity == "error" for d in problems) else reading.spec


def _stat_pair(path: Path) -> list[int]:
    try:
        stat = path.stat()
    except OSError:
        return [-1, -1]  # gone since it was read: never fresh
    return [stat.st_size, stat.st_mtime_ns]
