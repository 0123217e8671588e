"""`render` of a folder of specs on several cores, with the bytes of a one-process run.

The spec files are cut into contiguous shares of about equal size (loading is most of the cost,
and it goes with the bytes). Each process loads its share and renders the share's example tabs,
one spec at a time, keeping of a method spec only what the typed clients read; the workers are
forked before any spec is loaded, so they do not carry this process's memory. Then, the workers
gone, this process formats the tabs and renders the event stubs and the typed clients. (A worker
rendering the clients meanwhile saved about a second of wall time, but the processes' summed
memory then passed 250 MB on the RU corpus; this way it stays near 170 MB.) What a share hands
back is in path order, so the files, and the first error reported (a spec that does not load
before a template that fails, as when every spec is loaded first), are the same whatever the
split (tests/test_render_corpus.py renders the RU corpus both ways).
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import progress
from generator.diagnostics import Diagnostic, DocgenError
from generator.render.build import ExampleSources, example_sources, format_examples

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from generator.options import Options
    from generator.outputs import WriteReport
    from generator.spec.method import MethodSpec
    from generator.spec.model import PageSpec

SERIAL_BYTES = 4_000_000  # fewer bytes of specs: a worker would cost more than it saves
MAX_JOBS = 4


@dataclass
class Share:
    """What one process hands back for its share of the spec files."""

    specs: list[PageSpec] = field(default_factory=list)  # method specs slimmed (`_slim`)
    sources: ExampleSources = field(default_factory=ExampleSources)
    spec_error: Diagnostic | None = None  # the first spec file that does not load
    render_error: Diagnostic | None = None  # the first template failure, before any spec error


def render_folder(folder: Path, out: Path, options: Options, *, use_cache: bool) -> WriteReport:
    """`render_all` of every `.yaml` spec under `folder`, loaded and rendered in `options.jobs`
    processes (default: the cores, at most 4; one for a small folder)."""
    from generator.cache import CACHE_DIR
    from generator.clients.render import render_clients
    from generator.outputs import collector_paused, read_specs, write_files
    from generator.render.build import render_all
    from generator.render.stubs.files import render_stubs

    paths = sorted(folder.rglob("*.yaml"))
    sizes = [_size(path) for path in paths]
    jobs = options.jobs if options.jobs is not None else min(os.cpu_count() or 1, MAX_JOBS)
    if jobs <= 1 or len(paths) < 2 or sum(sizes) < SERIAL_BYTES:
        specs = read_specs(folder)
        gc.freeze()  # the specs live until the end: the collector need not walk them again
        return render_all(specs, out, options, use_cache=use_cache)
    cache_dir = CACHE_DIR / "black" if use_cache else None
    chunks = balanced(paths, sizes, jobs)
    progress.add_total(sum(len(chunk) for chunk in chunks[1:]))  # this process counts its own
    _preload(options)
    with worker_pool(len(chunks) - 1) as pool:
        pending = [pool.submit(load_and_render, chunk, options) for chunk in chunks[1:]]
        with collector_paused():
            shares = [load_and_render(chunks[0], options)]
            for future, chunk in zip(pending, chunks[1:], strict=True):
                shares.append(future.result())
                progress.advance(len(chunk))
    # the workers are gone: the rest is a quarter of the work, and one process's memory
    raise_first_error(shares)
    specs = [spec for share in shares for spec in share.specs]
    gc.freeze()  # the specs live until the end: the collector need not walk them again
    sources = ExampleSources()
    for share in shares:
        sources.update(share.sources)
    del shares  # `sources` is consumed as the files are formatted
    files = format_examples(sources, options, cache_dir)
    files.update(render_stubs(specs, user_dirs=options.templates, cache_dir=cache_dir))
    files.update(render_clients(_methods(specs), user_dirs=options.templates, cache_dir=cache_dir))
    return write_files(out, dict(sorted(files.items())))


def _preload(options: Options) -> None:
    """What every share needs, made once before the workers are forked (they inherit it): the
    libraries, the spec schema's validators, the profiles."""
    import jinja2  # noqa: F401
    import yaml  # noqa: F401

    from generator.profiles import load_profiles
    from generator.spec.io import warm_validators

    warm_validators()
    load_profiles(options.profiles_file, options.templates)


def load_and_render(paths: Sequence[Path], options: Options) -> Share:
    """Load each spec and render its example tabs, in path order. After a template failure the
    rest is only loaded: a spec that does not load is the error to report, as in one process."""
    from generator.outputs import read_spec
    from generator.spec.io import SpecError

    share = Share()
    for path in paths:
        try:
            spec = read_spec(path)
        except SpecError as exc:
            share.spec_error = exc.diagnostic
            return share
        if share.render_error is None:
            try:
                share.sources.update(example_sources([spec], options))
            except DocgenError as exc:
                share.render_error = exc.diagnostic
        share.specs.append(_slim(spec))
    return share


def raise_first_error(shares: Sequence[Share]) -> None:
    """The error one process would have stopped at: the first spec that does not load, else the
    first template failure, in path order."""
    from generator.spec.io import SpecError

    for share in shares:
        if share.spec_error is not None:
            found = share.spec_error
            raise SpecError(found.path, found.message, found.line, found.col)
    for share in shares:
        if share.render_error is not None:
            raise DocgenError(share.render_error)


def _slim(spec: PageSpec) -> PageSpec:
    """A method spec without what only its examples read (the tabs and their calls) and what no
    later stage reads (notes, errors, links, diagnostics): the typed clients read the method's
    identity, scopes, auth, params and response. Less to hand back and to hold."""
    from generator.spec.method import MethodSpec

    if isinstance(spec, MethodSpec):
        return dataclasses.replace(
            spec, examples=[], calls=[], notes=[], errors=[], related=[], diagnostics=[]
        )
    return spec


def _methods(specs: Sequence[PageSpec]) -> list[MethodSpec]:
    from generator.spec.method import MethodSpec

    return [spec for spec in specs if isinstance(spec, MethodSpec)]


def balanced(paths: Sequence[Path], sizes: Sequence[int], parts: int) -> list[list[Path]]:
    """`paths` cut into at most `parts` contiguous runs of about equal total size."""
    total = sum(sizes) or 1
    chunks: list[list[Path]] = [[] for _ in range(parts)]
    running = 0
    for path, size in zip(paths, sizes, strict=True):
        chunks[min(running * parts // total, parts - 1)].append(path)
        running += size
    return [chunk for chunk in chunks if chunk]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will report the problem


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes that die with this one; killed at once if this process is interrupted."""
    from concurrent.futures import ProcessPoolExecutor

    from generator.workers import stop_workers

    pool = ProcessPoolExecutor(max(workers, 1), initializer=_start_worker, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown()


def _start_worker(parent: int) -> None:
    from generator.workers import bind_to_parent

    bind_to_parent(parent)
    progress._ACTIVE.clear()  # the bar is this process's parent's to draw
    # a worker lives for one render: what it loads and unpickles stays alive until it ends, and
    # the collector's passes over those objects were a third of loading them
    gc.disable()
