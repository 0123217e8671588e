"""The run: prepare the workspace, warm up, measure every stage round-robin, describe the machine."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import DIPLODOC_PACKAGE, PYCACHE, REPO, log
from bench.stage import Stage
from bench.stages import build_stages
from bench.targets import assemble
from bench.workspace import (
    Workspace,
    child_env,
    ensure_diplodoc,
    prepare,
    source_fingerprint,
    tool_command,
)


def run_benchmark(
    docs: Path,
    runs: int,
    skip_diplodoc: bool = False,
    only: Sequence[str] = (),
    keep_work: bool = False,
) -> dict[str, Any]:
    started = time.perf_counter()
    docs = docs.resolve()
    if not docs.is_dir():
        raise SystemExit(f"docs root not found: {docs}")
    base = Path(tempfile.mkdtemp(prefix="b24-bench-"))
    meta: dict[str, Any] = {}
    try:
        ws = prepare(docs, base)
        stages, state = build_stages(ws, skip_diplodoc)
        stages = select_stages(stages, only)
        diplodoc_version = peer_version(stages)
        meta = describe(docs, ws, runs, diplodoc_version)
        log(
            f"{len(ws.event_pages)} event pages, {len(ws.all_pages)} pages; "
            f"{runs} runs of {len(stages)} stages"
        )
        # untimed: byte-code, page cache, the specs render reads, the warm check cache
        for stage in stages:
            if stage.status == "ok" and stage.warmup is not None:
                log(f"warm-up: {stage.id}")
                stage.warmup()
        measure_rounds(stages, runs, ws.logs)
        meta["tool"]["checkout_fingerprint_end"] = source_fingerprint()
        meta["tool"]["check_cache_rewarmed"] = state.rewarmed
        meta["load_average_end"] = list(os.getloadavg())
        meta["elapsed_s"] = round(time.perf_counter() - started, 1)
        return assemble(meta, [s.summary() for s in stages])
    finally:
        if keep_work:
            log(f"scratch folder kept: {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


def select_stages(stages: list[Stage], only: Sequence[str]) -> list[Stage]:
    if not only:
        return stages
    unknown = set(only) - {s.id for s in stages}
    if unknown:
        raise SystemExit(f"unknown stage ids: {', '.join(sorted(unknown))}")
    return [s for s in stages if s.id in only]


def peer_version(stages: list[Stage]) -> str | None:
    """Installs the peer when a peer stage will run; a failed install fails those stages."""
    if not any(s.group == "peer" and s.status == "ok" for s in stages):
        return None
    try:
        return ensure_diplodoc()
    except RuntimeError as exc:
        for stage in stages:
            if stage.group == "peer":
                stage.fail(str(exc))
    return None


def measure_rounds(stages: list[Stage], runs: int, logs: Path) -> None:
    """Run 1 of every stage, then run 2, ...: a noisy machine hurts all stages alike."""
    for number in range(1, runs + 1):
        for stage in stages:
            if stage.status != "ok":
                continue
            try:
                if stage.setup is not None:
                    stage.setup()
                sample = stage.run_once(logs)
            except (OSError, RuntimeError, AssertionError) as exc:
                stage.fail(f"setup failed: {exc}")
                continue
            if sample is None:
                log(f"[{number}/{runs}] {stage.id}: FAILED ({stage.error.splitlines()[0]})")
                continue
            stage.samples.append(sample)
            stage.rcs.append(sample.rc)
            log(
                f"[{number}/{runs}] {stage.id}: {sample.wall:.3f} s, "
                f"{sample.tree_kb / 1024:.0f} MB, exit {sample.rc}"
            )


def _output(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> str | None:
    with contextlib.suppress(OSError):
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            return done.stdout.strip()
    return None


def describe(docs: Path, ws: Workspace, runs: int, diplodoc_version: str | None) -> dict[str, Any]:
    status = _output(["git", "status", "--porcelain", "--", "generator", "templates"], REPO)
    return {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "runs": runs,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "node": _output(["node", "--version"]),
        },
        "load_average_start": list(os.getloadavg()),
        "docs": {
            "root": str(docs),
            "pages_all": len(ws.all_pages),
            "pages_event": len(ws.event_pages),
            "mb_all": round(ws.bytes_all / 2**20, 1),
            "mb_event": round(ws.bytes_event / 2**20, 2),
            "event_tree_included_files": ws.event_tree_extra,
            "changed_page": ws.changed_page,
            "changed_method_page": ws.changed_method_page,
        },
        "tool": {
            "command": tool_command(),
            "snapshot_of": str(REPO),
            "version": _output([*tool_command(), "--version"], env=child_env(ws.tool)),
            "git_head": _output(["git", "rev-parse", "--short", "HEAD"], REPO),
            "uncommitted_changes": bool(status) if status is not None else None,
            "fingerprint": source_fingerprint(ws.tool),
            "checkout_fingerprint_start": source_fingerprint(),
        },
        "diplodoc": {"package": DIPLODOC_PACKAGE, "version": diplodoc_version},
        "conditions": {
            "pycache_prefix": str(PYCACHE),
            "jobs": "tool default",
            "inherited_PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE"),
        },
    }
