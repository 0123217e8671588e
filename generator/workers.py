"""Spreading per-page work over processes: one interleaved chunk a worker, results in input order.

Workers never outlive the run: on Linux each asks the kernel to SIGKILL it when its parent dies
(`prctl(PR_SET_PDEATHSIG)`, so even a SIGKILLed parent leaves no orphan), and a parent that is
interrupted kills its workers before it unwinds. Workers ignore SIGINT: a Ctrl-C reaches the whole
process group, and only the parent decides what happens next.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from generator import progress

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Result = TypeVar("Result")
PIECES = 8  # chunks a worker while a progress bar is shown, so the bar moves as chunks finish


def map_pages(
    work: Callable[[list[str]], list[Result]],
    rels: list[str],
    jobs: int | None,
    threshold: int,
    preload: Callable[[], None] | None = None,
    pieces: int = 1,
) -> list[Result]:
    """`work(rels)` in up to `jobs` processes (default: up to 4 cores); `work` returns one result a
    page, so the chunks' results are woven back into `rels`' order. Small runs stay in-process,
    where starting workers would cost more than it saves. `preload` runs before forking. Each
    worker gets `pieces` chunks (at least PIECES while a progress bar is shown): a worker holds
    one chunk's results at a time."""
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    pieces = max(pieces, PIECES if progress.active() else 1)
    progress.add_total(len(rels))
    if workers <= 1 or len(rels) < threshold:
        return _in_process(work, rels, pieces)
    from concurrent.futures import ProcessPoolExecutor

    if preload is not None:
        preload()
    chunks = [rels[i :: workers * pieces] for i in range(workers * pieces)]
    parts: list[list[Result]] = []
    # what exists now is the workers' inheritance: frozen, their collector never walks it, which
    # would copy every page of it that the fork shares (the parent unfreezes once they are done)
    gc.freeze()
    pool = ProcessPoolExecutor(workers, initializer=bind_to_parent, initargs=(os.getpid(),))
    try:
        # submitted one by one, not `pool.map`: an interrupted map cancels its futures from this
        # thread, and Python 3.11's pool manager then sets an exception on those cancelled futures
        # as it finds the killed workers (InvalidStateError, a traceback from its thread)
        futures = [pool.submit(work, chunk) for chunk in chunks]
        for future in futures:
            part = future.result()
            parts.append(part)
            progress.advance(len(part))
    except BaseException:
        stop_workers(pool)
        raise
    finally:
        gc.unfreeze()
    pool.shutdown()
    ordered: list[Result] = []
    for k in range(len(chunks[0])):
        ordered.extend(part[k] for part in parts if k < len(part))
    return ordered


def _in_process(
    work: Callable[[list[str]], list[Result]], rels: list[str], pieces: int
) -> list[Result]:
    size = max(len(rels) // (pieces * 4), 1) if pieces > 1 else max(len(rels), 1)
    results: list[Result] = []
    for start in range(0, len(rels), size):
        results.extend(work(rels[start : start + size]))
        progress.advance(min(size, len(rels) - start))
    return results


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def bind_to_parent(parent: int) -> None:
    """Worker initializer: die with the parent, leave signals to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform == "linux":
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers now (an interrupted run must not wait for their chunks)."""
    # the stdlib has no public way to kill them; `shutdown` drops these references, so they are
    # taken first (`_processes` is None once the pool is shut down)
    processes = list((pool._processes or {}).values())
    results = getattr(pool, "_result_queue", None)
    manager = getattr(pool, "_executor_manager_thread", None)
    for process in processes:
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=2)
    # a worker killed while it wrote a result leaves half a message in the result pipe, and the
    # manager thread waits for the rest forever (so does the interpreter's exit, which joins it);
    # with the workers gone, closing this end of the pipe ends that wait (EOF: a broken pool)
    if results is not None:
        results._writer.close()
    # the pool's manager thread closes its wakeup pipe as it ends; joining it here keeps the
    # interpreter's exit hook from writing to that pipe while it closes ("Bad file descriptor")
    if manager is not None:
        manager.join(timeout=2)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so the run unwinds (temp files removed) like a Ctrl-C."""

    status = 143  # 128 + SIGTERM, what a shell reports for a process SIGTERM ended


@contextmanager
def terminate_as_exception() -> Iterator[None]:
    """While inside, SIGTERM raises `Terminated` (main thread only; elsewhere a no-op)."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated
