"""Spreading per-page work over processes: one interleaved chunk a worker, results in input order."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


def map_pages(
    work: Callable[[list[str]], list[Result]],
    rels: list[str],
    jobs: int | None,
    threshold: int,
    preload: Callable[[], None] | None = None,
) -> list[Result]:
    """`work(rels)` in up to `jobs` processes (default: up to 4 cores); `work` returns one result a
    page, so the chunks' results are woven back into `rels`' order. Small runs stay in-process,
    where starting workers would cost more than it saves. `preload` runs before forking."""
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(rels) < threshold:
        return work(rels)
    from concurrent.futures import ProcessPoolExecutor

    if preload is not None:
        preload()
    chunks = [rels[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(work, chunks))
    ordered: list[Result] = []
    for k in range(len(chunks[0])):
        ordered.extend(part[k] for part in parts if k < len(part))
    return ordered
