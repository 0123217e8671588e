"""Measuring one process: wall time, CPU time, and the peak memory of its whole process tree."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import SAMPLE_EVERY_S


@dataclass
class Sample:
    wall: float  # seconds, fork to reap
    rss_kb: int  # peak RSS of the largest process (the command or one of its children)
    tree_kb: int  # largest sampled sum of VmRSS over the command's process tree
    rc: int
    cpu: float = (
        0.0  # user + system seconds of the command and all its children (less noisy than wall)
    )


def _tree_rss_kb(pid: int) -> int:
    """Sum of VmRSS over a process and its descendants (Linux /proc; 0 elsewhere)."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            with open(f"/proc/{current}/status", encoding="ascii", errors="replace") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    stack.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total


GNU_TIME = Path("/usr/bin/time")


def measure(
    cmd: Sequence[str], cwd: Path, env: dict[str, str], log_base: Path
) -> tuple[Sample, str]:
    """Run one command to completion: wall time, peak memory, exit status, and the tail of stderr.

    The largest process's peak comes from GNU time's `%M` when /usr/bin/time exists: a child forked
    straight from this (bigger) process would report this process's RSS at fork as its own high-water
    mark. Without it, wait4's ru_maxrss is used, which has that floor.
    """
    out_path, err_path = log_base.with_suffix(".out"), log_base.with_suffix(".err")
    rss_path = log_base.with_suffix(".rss")
    wrapper = [str(GNU_TIME), "-f", "%M", "-o", str(rss_path)] if GNU_TIME.is_file() else []
    peak = [0]
    done = threading.Event()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*wrapper, *cmd], cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )

        def sample() -> None:
            while not done.wait(SAMPLE_EVERY_S):
                peak[0] = max(peak[0], _tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    rss_kb = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    if wrapper:
        with contextlib.suppress(OSError, ValueError, IndexError):
            rss_kb = int(
                rss_path.read_text(encoding="utf-8").split()[-1]
            )  # after any "exited with" line
    stderr = err_path.read_bytes()[-4000:].decode("utf-8", errors="replace")
    cpu = usage.ru_utime + usage.ru_stime  # wait4 counts the reaped descendants too
    return Sample(wall, int(rss_kb), max(peak[0], int(rss_kb)), process.returncode, cpu), stderr
