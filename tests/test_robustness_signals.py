"""Issue 14 item 9: `check` and `sync` killed at random points leave no worker behind.

Each run starts `check` or `sync` with two workers over 300 pages, waits until its workers exist,
then sends SIGTERM, SIGINT or SIGKILL after a random delay (seeded: the same points every run).
Whatever the signal, no worker may outlive its parent by more than 2 s: workers ask the kernel to
kill them when their parent dies (PR_SET_PDEATHSIG), and an interrupted parent kills them itself.
SIGTERM and SIGINT end the run with 143 and 130, no traceback, every page old or new and no temp
file left.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_robustness_io import JS_PAGE, leftovers, make_docs

REPO = Path(__file__).resolve().parents[1]
PAGES = 300
OUTLIVE_LIMIT = 2.0
EXIT_FOR = {signal.SIGTERM: 143, signal.SIGINT: 130, signal.SIGKILL: -signal.SIGKILL}
TRIALS = [
    (command, signum, seed)
    for command in ("check", "sync")
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGKILL)
    for seed in (1, 2)
]

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and _stat(int(entry))[1] == pid:
            found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    state, _ = _stat(pid)
    return state not in ("", "Z", "X")  # a zombie has ended; it only waits to be reaped


def _stat(pid: int) -> tuple[str, int]:
    """(state, parent pid) from /proc/<pid>/stat; ("", 0) when the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return "", 0
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


@pytest.mark.slow
@pytest.mark.parametrize(("command", "signum", "seed"), TRIALS)
def test_no_worker_outlives_its_parent(
    tmp_path: Path, command: str, signum: signal.Signals, seed: int
) -> None:
    docs = tmp_path / "docs"
    pages = make_docs(docs, PAGES)
    old = {p: p.read_bytes() for p in pages}
    argv = [sys.executable, "-m", "generator", command, "--docs", str(docs), "--no-cache"]
    process = subprocess.Popen(
        [*argv, "--jobs", "2"],
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
    time.sleep(random.Random(f"{command}{signum}{seed}").uniform(0, 0.4))
    os.kill(process.pid, signum)
    _, err = process.communicate(timeout=60)
    parent_gone = time.monotonic()
    while any(alive(w) for w in workers) and time.monotonic() - parent_gone < OUTLIVE_LIMIT:
        time.sleep(0.02)
    survivors = [w for w in workers if alive(w)]
    for worker in survivors:  # never leave them behind, even when the test fails
        os.kill(worker, signal.SIGKILL)
    assert survivors == [], f"workers {survivors} outlived their parent by {OUTLIVE_LIMIT} s"
    if process.returncode == 0:
        return  # the run finished before the signal landed: nothing was interrupted
    # EXIT_FOR: the run unwound; -signum (what a shell also shows as 128 + n): the signal landed
    # after the command had returned, once the interpreter had put the default action back while
    # shutting down. The pages must then be whole all the same (checked below).
    assert process.returncode in (EXIT_FOR[signum], -signum), (process.returncode, err.decode())
    if signum == signal.SIGKILL:
        return
    assert b"Traceback" not in err, err.decode()
    for page, data in old.items():
        now = page.read_bytes()
        assert now == data or now != JS_PAGE.format(n=0).encode(), page
        assert b"```js" in now and now.count(b"```") == data.count(b"```"), page  # whole pages
    assert leftovers(docs) == [], "an interrupted run must remove its temp file"
