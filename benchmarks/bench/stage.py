"""One measured stage (a command and how to judge its exit) and its summary."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import TRACEBACK
from bench.measure import Sample, measure


@dataclass
class Stage:
    id: str
    label: str
    group: str  # "floor" | "peer" | "tool"
    pages: str | None  # "event" | "all" | None: which pages it works on (picks the floor and peer)
    cmd: list[str]
    cwd: Path
    env: dict[str, str]
    ok_rcs: frozenset[int] = frozenset({0})
    setup: Callable[[], None] | None = None  # untimed, before every measured run
    warmup: Callable[[], None] | None = None  # untimed, once before the measured runs
    samples: list[Sample] = field(default_factory=list)
    status: str = "ok"  # "ok" | "failed" | "skipped"
    error: str = ""
    rcs: list[int] = field(default_factory=list)

    def fail(self, why: str) -> None:
        self.status = "failed"
        self.error = why.strip()[-2000:]

    def run_once(self, logs: Path) -> Sample | None:
        sample, stderr = measure(self.cmd, self.cwd, self.env, logs / self.id)
        problem = ""
        if sample.rc not in self.ok_rcs:
            problem = f"exit status {sample.rc}"
        elif TRACEBACK in stderr:
            problem = "crashed (traceback)"
        if problem:
            self.fail(f"{problem}: {' '.join(self.cmd)}\n{stderr}")
            return None
        return sample

    def summary(self) -> dict[str, Any]:
        walls = [s.wall for s in self.samples]
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "group": self.group,
            "pages": self.pages,
            "cmd": self.cmd,
            "status": self.status,
            "error": self.error or None,
            "runs": [round(w, 4) for w in walls],
            "exit_codes": sorted(set(self.rcs)),
            "median_s": None,
            "min_s": None,
            "max_s": None,
            "peak_rss_mb": None,
            "largest_process_rss_mb": None,
            "cpu_runs": [round(x.cpu, 4) for x in self.samples],
            "cpu_median_s": None,
        }
        if walls:
            data.update(
                median_s=round(statistics.median(walls), 4),
                min_s=round(min(walls), 4),
                max_s=round(max(walls), 4),
                peak_rss_mb=round(max(s.tree_kb for s in self.samples) / 1024, 1),
                largest_process_rss_mb=round(max(s.rss_kb for s in self.samples) / 1024, 1),
                cpu_median_s=round(statistics.median(s.cpu for s in self.samples), 4),
            )
        return data
