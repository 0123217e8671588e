"""`parse` hands its specs back a chunk at a time (generator/parse.py PIECES): a worker killed
while it writes a chunk's specs leaves half a message in the pool's result pipe. An interrupted
parse must still end (exit 143, no traceback, no worker left), never wait for the rest."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_robustness_io import make_docs
from tests.test_robustness_signals import PAGES, alive, children

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_sigterm_ends_a_parallel_parse(tmp_path: Path, seed: int) -> None:
    docs = tmp_path / "docs"
    make_docs(docs, PAGES)
    argv = [sys.executable, "-m", "generator", "parse", "--docs", str(docs), "--jobs", "2"]
    process = subprocess.Popen(
        [*argv, "--out", str(tmp_path / "specs")],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
        workers |= children(process.pid)
        time.sleep(0.005)
    assert len(workers) >= 2, "the run ended before its workers were seen: make it longer"
    time.sleep(random.Random(seed).uniform(0, 0.6))
    os.kill(process.pid, signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=30)
    finally:
        for worker in workers:
            if alive(worker):
                os.kill(worker, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
    if process.returncode == 0:
        return  # it finished before the signal landed
    # 143: the run unwound; -SIGTERM: the signal landed after the command, while it printed
    assert process.returncode in (143, -signal.SIGTERM), (process.returncode, err.decode()[-800:])
    assert b"Traceback" not in err, err.decode()


def sleeping_chunk(rels: list[str]) -> list[str]:
    time.sleep(30)
    return rels


def test_an_interrupted_map_cancels_no_future_from_the_main_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python 3.11's pool manager sets an exception on every pending future once it finds the
    workers killed, cancelled or not: a future cancelled from the main thread (as an interrupted
    `pool.map` does) makes that an InvalidStateError traceback from the manager's thread. So an
    interrupted map_pages leaves cancelling to the pool's own shutdown."""
    import threading
    from concurrent.futures import Future

    from generator.workers import map_pages

    cancelled_here: list[Future[object]] = []
    real_cancel = Future.cancel

    def cancel(self: Future[object]) -> bool:
        if threading.current_thread() is threading.main_thread():
            cancelled_here.append(self)
        return real_cancel(self)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Future, "cancel", cancel)
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        with pytest.raises(KeyboardInterrupt):
            map_pages(sleeping_chunk, [str(n) for n in range(16)], 2, 1, pieces=4)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert cancelled_here == []
