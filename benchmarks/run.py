#!/usr/bin/env python3
"""Benchmark b24-docgen against its floors and its peer, all in one run so the ratios are fair.

    python benchmarks/run.py [--docs ROOT] [--runs N] [--out results.json] [--skip-diplodoc]
                             [--only ID,ID,...] [--keep-work]

Every measured stage is a whole process (start-up included), timed wall-clock; the stages are measured
round-robin (run 1 of every stage, then run 2, ...) so that a noisy, shared machine hurts all of them
alike. Each stage reports the median, min and max wall time, its peak resident memory, and its ratio to
the floor (markdown-it-py tokenising the same pages) and to the peer (`@diplodoc/transform` rendering the
same pages). The Markdown table and the pass/miss lines for the targets go to stdout, progress to
stderr, everything as JSON to `--out` (default `benchmarks/results/latest.json`).

Everything runs on copies in a scratch folder (the tool's cache, the one-page edits and the specs stay
there): `tool/` (a snapshot of generator/ and templates/, first on PYTHONPATH, so that one run measures
one version of the tool even while the checkout is edited), `corpus/` (the whole docs root) and
`events/` (the event pages `b24-docgen parse` finds, plus every `_includes/` folder and every file they
include, so the event pipeline runs on the same pages as the event-page floors).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"
DEFAULT_DOCS = Path("../shared/corpus/ru")  # relative to the repository root
DEFAULT_OUT = BENCH / "results" / "latest.json"
PEER_DIR = BENCH / ".peer"
PYCACHE = BENCH / ".pycache"
DRIVER = BENCH / "diplodoc_driver.js"
FLOORS = BENCH / "floors.py"
DIPLODOC_PACKAGE = "@diplodoc/transform"
DIPLODOC_VERSION = "4.78.9"  # pinned: `npm view @diplodoc/transform version` on 2026-11-25

# Targets (see README, "Performance").
TARGET_COLD_VS_FLOOR = 1.0  # event-pipeline check cold, × markdown-it-py on the same pages
TARGET_VS_DIPLODOC = 3.0  # ... and at least this many times faster than Diplodoc on them
TARGET_CHANGED_S = 0.3  # warm whole-corpus check after one page changed, wall incl. start-up
TARGET_VERSION_S = 0.15  # `b24-docgen --version`
TARGET_RSS_MB = 250.0  # peak resident memory of any b24-docgen command

TRACEBACK = "Traceback (most recent call last)"
INCLUDE = re.compile(rb"\{%-?\s*include\s+(?:notitle\s+)?\[[^\]]*\]\(([^)\s]+)\)\s*-?%\}")
SAMPLE_EVERY_S = 0.02


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- measuring one process --------------------------------------------------------------------------


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


# --- stages -------------------------------------------------------------------------------------------


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


@dataclass
class Workspace:
    """The scratch copies every stage works on."""

    base: Path
    tool: Path  # the snapshot of generator/ and templates/ every stage imports
    corpus: Path
    events: Path
    cwd: Path
    logs: Path
    lists: Path
    specs: Path
    out: Path
    all_pages: list[str]
    event_pages: list[str]
    changed_page: str | None = None
    bytes_all: int = 0
    bytes_event: int = 0
    event_tree_extra: int = 0


def markdown_files(root: Path) -> list[str]:
    """Every `.md` file under the root, relative and sorted, hidden folders skipped."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder).relative_to(root).as_posix()
        prefix = "" if base == "." else base + "/"
        found.extend(prefix + f for f in files if f.endswith(".md"))
    return sorted(found)


def snapshot_tool(base: Path) -> Path:
    """Copy generator/ and templates/ aside: every stage then runs one consistent version of the tool,
    even while the checkout is being edited (an edit would also change the check cache's key)."""
    snapshot = base / "tool"
    for name in ("generator", "templates"):
        shutil.copytree(REPO / name, snapshot / name, ignore=shutil.ignore_patterns("__pycache__"))
    return snapshot


def event_pages(root: Path, env: dict[str, str]) -> list[str]:
    """The pages `b24-docgen parse` would parse (its own selection function, from the snapshot)."""
    code = (
        "import json, sys; from pathlib import Path; from generator.parse import select_pages; "
        "print(json.dumps(select_pages(Path(sys.argv[1]))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(
            f"cannot list the event pages with generator.parse.select_pages:\n{done.stderr[-3000:]}"
        )
    return list(json.loads(done.stdout))


def include_closure(root: Path, pages: Sequence[str]) -> set[str]:
    """Files the pages include, recursively, plus every file under an `_includes/` folder."""
    found = {p for p in markdown_files(root) if "_includes/" in f"/{p}"}
    todo = [*pages, *found]
    while todo:
        rel = todo.pop()
        try:
            raw = (root / rel).read_bytes()
        except OSError:
            continue
        for match in INCLUDE.finditer(raw):
            target = os.path.normpath(
                os.path.join(os.path.dirname(rel), match[1].decode("utf-8", "replace"))
            )
            target = target.split("#", 1)[0].replace(os.sep, "/")
            if target.startswith("..") or target in found or not (root / target).is_file():
                continue
            found.add(target)
            todo.append(target)
    return found - set(pages)


def prepare(docs: Path, base: Path) -> Workspace:
    log(f"preparing scratch copies of the tool and of {docs} in {base}")
    snapshot = snapshot_tool(base)
    corpus, events = base / "corpus", base / "events"
    shutil.copytree(docs, corpus, symlinks=False)
    all_pages = markdown_files(corpus)
    pages = event_pages(corpus, child_env(snapshot))
    extra = include_closure(corpus, pages)
    for rel in [*pages, *sorted(extra)]:
        (events / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(corpus / rel, events / rel)
    ws = Workspace(
        base,
        snapshot,
        corpus,
        events,
        base / "cwd",
        base / "logs",
        base / "lists",
        base / "specs",
        base / "out",
        all_pages,
        pages,
        event_tree_extra=len(extra),
    )
    for folder in (ws.cwd, ws.logs, ws.lists, ws.out):
        folder.mkdir()
    ws.bytes_all = sum((corpus / p).stat().st_size for p in all_pages)
    ws.bytes_event = sum((corpus / p).stat().st_size for p in pages)
    (ws.lists / "all.txt").write_text("\n".join([str(corpus), *all_pages]) + "\n", encoding="utf-8")
    (ws.lists / "events.txt").write_text("\n".join([str(events), *pages]) + "\n", encoding="utf-8")
    ws.changed_page = next((p for p in pages if description_line(corpus / p) is not None), None)
    return ws


def description_line(path: Path) -> int | None:
    """Index of the first prose line after the H1 (the description), or None."""
    lines = path.read_bytes().split(b"\n")
    seen_h1 = in_fence = False
    for index, line in enumerate(lines):
        text = line.strip()
        if not seen_h1:
            seen_h1 = line.lstrip(b"\xef\xbb\xbf").startswith(b"# ")
            continue
        if text.startswith((b"```", b"~~~")):
            in_fence = not in_fence
            continue
        if in_fence or not text or text[:1] in b"#{|>-*<![" or text[:1].isdigit():
            continue
        return index
    return None


def edit_one_page(path: Path) -> None:
    """Change one byte of the page's description line: append a space, or take it away again."""
    lines = path.read_bytes().split(b"\n")
    index = description_line(path)
    assert index is not None
    line = lines[index]
    cr = line.endswith(b"\r")
    body = line[:-1] if cr else line
    body = body[:-1] if body.endswith(b" ") else body + b" "
    lines[index] = body + (b"\r" if cr else b"")
    path.write_bytes(b"\n".join(lines))


def source_fingerprint(base: Path = REPO) -> str:
    """What the check cache's key hashes besides options: the tool's sources and templates."""
    digest = hashlib.sha256()
    for folder in (base / "generator", base / "templates"):
        for file in sorted(
            p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            digest.update(file.relative_to(base).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def tool_command() -> list[str]:
    """The installed console script beside this interpreter (not a version manager's shim, such as
    pyenv's, which is a shell script that adds its own start-up to every call)."""
    beside = Path(sys.executable).with_name("b24-docgen")
    if beside.is_file():
        return [str(beside)]
    script = shutil.which("b24-docgen")
    return [script] if script else [sys.executable, "-m", "generator"]


def child_env(snapshot: Path, bytecode: bool = True) -> dict[str, str]:
    """The snapshot first on the path; byte-code cached like a normal install, but in benchmarks/.pycache
    (nothing written elsewhere). `bytecode=False` keeps the inherited byte-code settings."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(snapshot), *filter(None, [env.get("PYTHONPATH")])])
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def ensure_diplodoc() -> str:
    """Install the pinned @diplodoc/transform into benchmarks/.peer on first use; return its version."""
    manifest = PEER_DIR / "node_modules" / "@diplodoc" / "transform" / "package.json"

    def installed() -> str | None:
        try:
            return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
        except (OSError, ValueError, KeyError):
            return None

    if installed() != DIPLODOC_VERSION:
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            raise RuntimeError(
                "node and npm are needed for the Diplodoc peer (or pass --skip-diplodoc)"
            )
        log(f"installing {DIPLODOC_PACKAGE}@{DIPLODOC_VERSION} into {PEER_DIR}")
        done = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(PEER_DIR),
                "--no-audit",
                "--no-fund",
                "--save-exact",
                f"{DIPLODOC_PACKAGE}@{DIPLODOC_VERSION}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or installed() != DIPLODOC_VERSION:
            raise RuntimeError(f"npm install failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return DIPLODOC_VERSION


class State:
    """Keeps the whole-corpus check cache warm across rounds (re-warms if the tool's sources change)."""

    def __init__(self, stage_cmd: list[str], ws: Workspace, env: dict[str, str]) -> None:
        self.cmd, self.ws, self.env = stage_cmd, ws, env
        self.warm_fingerprint: str | None = None
        self.rewarmed = 0

    def ensure_warm(self) -> None:
        now = source_fingerprint(self.ws.tool)
        if now != self.warm_fingerprint:
            if self.warm_fingerprint is not None:
                self.rewarmed += 1
                log("  (the tool's sources changed: re-warming the check cache)")
            subprocess.run(
                self.cmd,
                cwd=self.ws.cwd,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            self.warm_fingerprint = now


def build_stages(ws: Workspace, skip_diplodoc: bool) -> tuple[list[Stage], State]:
    env = child_env(ws.tool)
    py = sys.executable
    tool = tool_command()
    lists_all, lists_events = str(ws.lists / "all.txt"), str(ws.lists / "events.txt")
    checks = frozenset({0, 1, 2})  # 1 = findings, 2 = page diagnostics: both are finished runs

    def fresh(folder: Path) -> Callable[[], None]:
        return lambda: shutil.rmtree(folder, ignore_errors=True)

    def plain(cmd: list[str], cwd: Path) -> Callable[[], None]:
        return lambda: (
            subprocess.run(
                cmd,
                cwd=cwd,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            and None
        )

    check_all = [*tool, "check", "--docs", str(ws.corpus)]
    state = State(check_all, ws, env)
    changed = ws.corpus / ws.changed_page if ws.changed_page else None

    def changed_setup() -> None:
        state.ensure_warm()
        if changed is None:
            raise RuntimeError("no event page with a description line to edit")
        edit_one_page(changed)

    node = shutil.which("node") or "node"
    stages = [
        Stage(
            "python-start",
            "floor: `python -c pass`",
            "floor",
            None,
            [py, "-c", "pass"],
            ws.cwd,
            env,
        ),
        Stage(
            "read-events",
            "floor: read + decode, event pages",
            "floor",
            "event",
            [py, str(FLOORS), "read", lists_events],
            ws.cwd,
            env,
        ),
        Stage(
            "read-all",
            "floor: read + decode, all pages",
            "floor",
            "all",
            [py, str(FLOORS), "read", lists_all],
            ws.cwd,
            env,
        ),
        Stage(
            "mdit-events",
            "floor: markdown-it-py parse, event pages",
            "floor",
            "event",
            [py, str(FLOORS), "mdit", lists_events],
            ws.cwd,
            env,
            warmup=plain([py, str(FLOORS), "mdit", lists_events], ws.cwd),
        ),
        Stage(
            "mdit-all",
            "floor: markdown-it-py parse, all pages",
            "floor",
            "all",
            [py, str(FLOORS), "mdit", lists_all],
            ws.cwd,
            env,
        ),
        Stage(
            "diplodoc-events",
            "peer: Diplodoc transform, event pages",
            "peer",
            "event",
            [node, str(DRIVER), lists_events],
            ws.cwd,
            env,
        ),
        Stage(
            "diplodoc-all",
            "peer: Diplodoc transform, all pages",
            "peer",
            "all",
            [node, str(DRIVER), lists_all],
            ws.cwd,
            env,
        ),
        Stage(
            "version",
            "`b24-docgen --version`",
            "tool",
            None,
            [*tool, "--version"],
            ws.cwd,
            env,
            warmup=plain([*tool, "--version"], ws.cwd),
        ),
        Stage(
            "parse-events",
            "`parse`, event pages",
            "tool",
            "event",
            [*tool, "parse", "--docs", str(ws.events), "--out", str(ws.out / "parse")],
            ws.cwd,
            env,
            ok_rcs=frozenset({0, 2}),
            setup=fresh(ws.out / "parse"),
            # the specs `render` reads; also compiles the byte-code of the parse path
            warmup=plain(
                [*tool, "parse", "--docs", str(ws.events), "--out", str(ws.specs)], ws.cwd
            ),
        ),
        Stage(
            "parse-all",
            "`parse`, whole corpus (selects the same event pages)",
            "tool",
            "event",
            [*tool, "parse", "--docs", str(ws.corpus), "--out", str(ws.out / "parse-all")],
            ws.cwd,
            env,
            ok_rcs=frozenset({0, 2}),
            setup=fresh(ws.out / "parse-all"),
        ),
        Stage(
            "render",
            "`render --no-cache` of the event specs",
            "tool",
            "event",
            [
                *tool,
                "render",
                "--specs",
                str(ws.specs),
                "--out",
                str(ws.out / "render"),
                "--no-cache",
            ],
            ws.cwd,
            env,
            setup=fresh(ws.out / "render"),
            warmup=plain(
                [
                    *tool,
                    "render",
                    "--specs",
                    str(ws.specs),
                    "--out",
                    str(ws.out / "render-prime"),
                    "--no-cache",
                ],
                ws.cwd,
            ),
        ),
        Stage(
            "render-warm",
            "`render`, black's disk cache warm",
            "tool",
            "event",
            [*tool, "render", "--specs", str(ws.specs), "--out", str(ws.out / "render-warm")],
            ws.cwd,
            env,
            setup=fresh(ws.out / "render-warm"),
            warmup=plain(  # fills the cache (.b24-docgen-cache/ in the scratch cwd)
                [*tool, "render", "--specs", str(ws.specs), "--out", str(ws.out / "render-fill")],
                ws.cwd,
            ),
        ),
        Stage(
            "check-cold-events",
            "`check --no-cache`, event pages",
            "tool",
            "event",
            [*tool, "check", "--docs", str(ws.events), "--no-cache"],
            ws.cwd,
            env,
            ok_rcs=checks,
            warmup=plain([*tool, "check", "--docs", str(ws.events), "--no-cache"], ws.cwd),
        ),
        Stage(
            "check-cold-all",
            "`check --no-cache`, whole corpus",
            "tool",
            "all",
            [*tool, "check", "--docs", str(ws.corpus), "--no-cache"],
            ws.cwd,
            env,
            ok_rcs=checks,
        ),
        Stage(
            "check-warm-all",
            "`check` warm, whole corpus, nothing changed",
            "tool",
            "all",
            check_all,
            ws.cwd,
            env,
            ok_rcs=checks,
            setup=state.ensure_warm,
        ),
        Stage(
            "check-changed-all",
            "`check` warm, whole corpus, one page changed",
            "tool",
            "all",
            check_all,
            ws.cwd,
            env,
            ok_rcs=checks,
            setup=changed_setup,
        ),
        Stage(
            "sync-dry-all",
            "`sync --dry-run`, whole corpus",
            "tool",
            "all",
            [*tool, "sync", "--docs", str(ws.corpus), "--dry-run"],
            ws.cwd,
            env,
            ok_rcs=checks,
            warmup=plain([*tool, "sync", "--docs", str(ws.events), "--dry-run"], ws.cwd),
        ),
    ]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # As this machine's environment runs it: no .pyc is ever written, so generator/ (an editable
        # install without __pycache__) is compiled from source at every start.
        stages.insert(
            8,
            Stage(
                "version-nopyc",
                "`b24-docgen --version`, PYTHONDONTWRITEBYTECODE=1 as inherited",
                "tool",
                None,
                [*tool, "--version"],
                ws.cwd,
                child_env(ws.tool, bytecode=False),
            ),
        )
    if skip_diplodoc:
        for stage in stages:
            if stage.group == "peer":
                stage.status, stage.error = "skipped", "--skip-diplodoc"
    return stages, state


# --- the run ------------------------------------------------------------------------------------------


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
        if only:
            unknown = set(only) - {s.id for s in stages}
            if unknown:
                raise SystemExit(f"unknown stage ids: {', '.join(sorted(unknown))}")
            stages = [s for s in stages if s.id in only]
        diplodoc_version = None
        if any(s.group == "peer" and s.status == "ok" for s in stages):
            try:
                diplodoc_version = ensure_diplodoc()
            except RuntimeError as exc:
                for stage in stages:
                    if stage.group == "peer":
                        stage.fail(str(exc))
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
        for number in range(1, runs + 1):
            for stage in stages:
                if stage.status != "ok":
                    continue
                try:
                    if stage.setup is not None:
                        stage.setup()
                    sample = stage.run_once(ws.logs)
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


def assemble(meta: dict[str, Any], stages: list[dict[str, Any]]) -> dict[str, Any]:
    """Add the ratios (to the floor and the peer on the same pages) and the targets."""
    by_id = {s["id"]: s for s in stages}
    floor_of = {"event": "mdit-events", "all": "mdit-all"}
    peer_of = {"event": "diplodoc-events", "all": "diplodoc-all"}
    for stage in stages:
        stage["floor"] = floor_of.get(stage["pages"] or "")
        stage["peer"] = peer_of.get(stage["pages"] or "")
        stage["ratio_floor"] = _ratio(stage, by_id.get(stage["floor"] or ""))
        stage["ratio_diplodoc"] = _ratio(stage, by_id.get(stage["peer"] or ""))
        stage["ratio_floor_cpu"] = _ratio(stage, by_id.get(stage["floor"] or ""), "cpu_median_s")
        stage["ratio_diplodoc_cpu"] = _ratio(stage, by_id.get(stage["peer"] or ""), "cpu_median_s")
    return {"meta": meta, "stages": stages, "targets": evaluate_targets(by_id)}


def _ratio(
    stage: dict[str, Any], base: dict[str, Any] | None, key: str = "median_s"
) -> float | None:
    if base is None or not stage.get(key) or not base.get(key):
        return None
    return round(stage[key] / base[key], 3)


def evaluate_targets(by_id: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    def median(sid: str) -> float | None:
        stage = by_id.get(sid)
        return stage["median_s"] if stage and stage["status"] == "ok" else None

    def target(tid: str, text: str, ok: bool | None, value: str) -> dict[str, Any]:
        return {
            "id": tid,
            "text": text,
            "status": "n/a" if ok is None else "pass" if ok else "miss",
            "value": value,
        }

    def missing(*sids: str) -> str:
        why = [
            f"{sid} {by_id[sid]['status']}" if sid in by_id else f"{sid} not run"
            for sid in sids
            if median(sid) is None
        ]
        return "not measured: " + ", ".join(why)

    cold, floor, peer = (
        median("check-cold-events"),
        median("mdit-events"),
        median("diplodoc-events"),
    )
    changed, version = median("check-changed-all"), median("version")

    def cpu_ratio(top_id: str, bottom_id: str, text: str) -> str:
        top, bottom = (by_id.get(x, {}).get("cpu_median_s") for x in (top_id, bottom_id))
        return f"; {text} {top / bottom:.2f}×" if top and bottom else ""

    found = [
        target(
            "cold-vs-floor",
            f"event-pipeline `check` cold ≤ {TARGET_COLD_VS_FLOOR:.1f}× markdown-it-py on the same pages",
            None if cold is None or floor is None else cold / floor <= TARGET_COLD_VS_FLOOR,
            missing("check-cold-events", "mdit-events")
            if cold is None or floor is None
            else f"{cold / floor:.2f}× ({cold:.3f} s vs {floor:.3f} s"
            f"{cpu_ratio('check-cold-events', 'mdit-events', 'by CPU time')})",
        ),
        target(
            "vs-diplodoc",
            f"event-pipeline `check` cold ≥ {TARGET_VS_DIPLODOC:.0f}× faster than Diplodoc on the same pages",
            None if cold is None or peer is None else peer / cold >= TARGET_VS_DIPLODOC,
            missing("check-cold-events", "diplodoc-events")
            if cold is None or peer is None
            else f"{peer / cold:.2f}× faster ({cold:.3f} s vs {peer:.3f} s"
            f"{cpu_ratio('diplodoc-events', 'check-cold-events', 'by CPU time')})",
        ),
        target(
            "changed-page",
            f"warm whole-corpus `check`, one page changed ≤ {TARGET_CHANGED_S} s wall",
            None if changed is None else changed <= TARGET_CHANGED_S,
            missing("check-changed-all") if changed is None else f"{changed:.3f} s",
        ),
        target(
            "version",
            f"`b24-docgen --version` ≤ {TARGET_VERSION_S} s",
            None if version is None else version <= TARGET_VERSION_S,
            missing("version") if version is None else f"{version:.3f} s",
        ),
    ]
    tools = [s for s in by_id.values() if s["group"] == "tool"]
    measured = [s for s in tools if s["peak_rss_mb"] is not None]
    worst = max(measured, key=lambda s: s["peak_rss_mb"], default=None)
    failed = [s["id"] for s in tools if s["status"] != "ok"]
    if worst is None:
        ok, value = None, "not measured: no b24-docgen stage ran"
    else:
        over = worst["peak_rss_mb"] > TARGET_RSS_MB
        ok = False if over else (None if failed else True)
        value = f"max {worst['peak_rss_mb']:.0f} MB ({worst['id']})" + (
            f"; not measured: {', '.join(failed)}" if failed else ""
        )
    found.append(
        target("rss", f"peak RSS of every `b24-docgen` command ≤ {TARGET_RSS_MB:.0f} MB", ok, value)
    )
    return found


# --- output -------------------------------------------------------------------------------------------

COLUMNS = ("stage", "median s", "min", "max", "CPU s", "peak RSS MB", "× floor", "× Diplodoc")


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 10 else f"{value:.2f}"


def _times(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def render_table(results: dict[str, Any]) -> str:
    rows = ["| " + " | ".join(COLUMNS) + " |", "|---|" + "---:|" * (len(COLUMNS) - 1)]
    for stage in results["stages"]:
        label = stage["label"].replace("|", "\\|")
        if stage["status"] != "ok":
            reason = (stage["error"] or "").splitlines()[0] if stage["error"] else ""
            label += f" — **{stage['status']}**" + (
                f" ({reason})" if reason and stage["status"] == "failed" else ""
            )
        rows.append(
            "| "
            + " | ".join(
                [
                    label,
                    _seconds(stage["median_s"]),
                    _seconds(stage["min_s"]),
                    _seconds(stage["max_s"]),
                    _seconds(stage.get("cpu_median_s")),
                    "—" if stage["peak_rss_mb"] is None else f"{stage['peak_rss_mb']:.0f}",
                    _times(stage["ratio_floor"]),
                    _times(stage["ratio_diplodoc"]),
                ]
            )
            + " |"
        )
    return "\n".join(rows)


def target_lines(results: dict[str, Any]) -> list[str]:
    return [f"- **{t['status'].upper()}** {t['text']}: {t['value']}" for t in results["targets"]]


def render_report(results: dict[str, Any]) -> str:
    meta = results["meta"]
    docs = meta.get("docs", {})
    head = (
        f"{docs.get('pages_event', '?')} event pages ({docs.get('mb_event', '?')} MB) of "
        f"{docs.get('pages_all', '?')} pages ({docs.get('mb_all', '?')} MB); {meta.get('runs', '?')} runs, "
        f"{meta.get('machine', {}).get('cpus', '?')} CPUs; ratios are median / median "
        "(floor: markdown-it-py on the same pages; below 1 is faster)."
    )
    return (
        "\n".join([head, "", render_table(results), "", "Targets:", "", *target_lines(results)])
        + "\n"
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--docs",
        type=Path,
        default=None,
        help=f"docs root (default: {DEFAULT_DOCS} relative to the repository root)",
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="measured runs per stage (default: %(default)s)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="JSON results (default: benchmarks/results/latest.json)",
    )
    parser.add_argument(
        "--skip-diplodoc", action="store_true", help="do not install or run the Diplodoc peer"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated stage ids to run (default: all)"
    )
    parser.add_argument(
        "--keep-work", action="store_true", help="keep the scratch folder (logs, copies, specs)"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # so the scratch folder is still removed


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    docs = args.docs if args.docs is not None else REPO / DEFAULT_DOCS
    if args.runs < 5:
        log(f"note: {args.runs} run(s); use at least 5 for numbers worth quoting")
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main else None
    try:
        results = run_benchmark(docs, args.runs, args.skip_diplodoc, only, args.keep_work)
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(render_report(results))
    log(f"results: {args.out}")
    return 1 if any(s["status"] == "failed" for s in results["stages"]) else 0


if __name__ == "__main__":
    sys.exit(main())
