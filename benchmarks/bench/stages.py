"""Every stage of a run: the floors, the peer, and the b24-docgen commands, with their setups."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import DRIVER, FLOORS, log
from bench.stage import Stage
from bench.workspace import Workspace, child_env, edit_one_page, source_fingerprint, tool_command

CHECKS = frozenset({0, 1, 2})  # 1 = findings, 2 = page diagnostics: both are finished runs
PARSES = frozenset({0, 2})


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


@dataclass
class Kit:
    """What every stage definition needs: the workspace, the environment, the commands."""

    ws: Workspace
    env: dict[str, str]
    tool: list[str]
    py: str

    def lists(self, pages: str) -> str:
        return str(self.ws.lists / ("all.txt" if pages == "all" else "events.txt"))

    def stage(self, sid: str, label: str, group: str, pages: str | None, cmd: list[str]) -> Stage:
        return Stage(sid, label, group, pages, cmd, self.ws.cwd, self.env)

    def fresh(self, folder: Path) -> Callable[[], None]:
        return lambda: shutil.rmtree(folder, ignore_errors=True)

    def plain(self, cmd: list[str]) -> Callable[[], None]:
        def run() -> None:
            subprocess.run(
                cmd,
                cwd=self.ws.cwd,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )

        return run


def floor_stages(kit: Kit) -> list[Stage]:
    py, floors = kit.py, str(FLOORS)
    mdit_events = [py, floors, "mdit", kit.lists("event")]
    stages = [
        kit.stage("python-start", "floor: `python -c pass`", "floor", None, [py, "-c", "pass"]),
        kit.stage(
            "read-events",
            "floor: read + decode, event pages",
            "floor",
            "event",
            [py, floors, "read", kit.lists("event")],
        ),
        kit.stage(
            "read-all",
            "floor: read + decode, all pages",
            "floor",
            "all",
            [py, floors, "read", kit.lists("all")],
        ),
        kit.stage(
            "mdit-events", "floor: markdown-it-py parse, event pages", "floor", "event", mdit_events
        ),
        kit.stage(
            "mdit-all",
            "floor: markdown-it-py parse, all pages",
            "floor",
            "all",
            [py, floors, "mdit", kit.lists("all")],
        ),
    ]
    stages[3].warmup = kit.plain(mdit_events)
    return stages


def peer_stages(kit: Kit) -> list[Stage]:
    node = shutil.which("node") or "node"
    return [
        kit.stage(
            f"diplodoc-{pages if pages == 'all' else 'events'}",
            f"peer: Diplodoc transform, {'all' if pages == 'all' else 'event'} pages",
            "peer",
            pages,
            [node, str(DRIVER), kit.lists(pages)],
        )
        for pages in ("event", "all")
    ]


def version_stages(kit: Kit) -> list[Stage]:
    version = kit.stage("version", "`b24-docgen --version`", "tool", None, [*kit.tool, "--version"])
    version.warmup = kit.plain([*kit.tool, "--version"])
    stages = [version]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # As this machine's environment runs it: no .pyc is ever written, so generator/ (an editable
        # install without __pycache__) is compiled from source at every start.
        label = "`b24-docgen --version`, PYTHONDONTWRITEBYTECODE=1 as inherited"
        nopyc = kit.stage("version-nopyc", label, "tool", None, [*kit.tool, "--version"])
        nopyc.env = child_env(kit.ws.tool, bytecode=False)
        stages.append(nopyc)
    return stages


def parse_stages(kit: Kit) -> list[Stage]:
    ws, tool = kit.ws, kit.tool
    events = kit.stage(
        "parse-events",
        "`parse`, event pages",
        "tool",
        "event",
        [*tool, "parse", "--docs", str(ws.events), "--out", str(ws.out / "parse")],
    )
    events.ok_rcs, events.setup = PARSES, kit.fresh(ws.out / "parse")
    # the specs `render` reads; also compiles the byte-code of the parse path
    events.warmup = kit.plain(_parse_events(kit))
    whole = kit.stage(
        "parse-all",
        "`parse`, whole corpus (event and method pages)",
        "tool",
        "all",
        [*tool, "parse", "--docs", str(ws.corpus), "--out", str(ws.out / "parse-all")],
    )
    whole.ok_rcs, whole.setup = PARSES, kit.fresh(ws.out / "parse-all")
    return [events, whole]


def chained(steps: list[Callable[[], None]]) -> Callable[[], None]:
    """One warm-up that runs the steps in order."""

    def run() -> None:
        for step in steps:
            step()

    return run


def _parse_events(kit: Kit) -> list[str]:
    """`parse` of the event-page tree into the specs folder the `render` stages read."""
    return [*kit.tool, "parse", "--docs", str(kit.ws.events), "--out", str(kit.ws.specs)]


def render_stages(kit: Kit) -> list[Stage]:
    ws = kit.ws

    def render(out: str, *flags: str) -> list[str]:
        return [*kit.tool, "render", "--specs", str(ws.specs), "--out", str(ws.out / out), *flags]

    cold = kit.stage(
        "render",
        "`render --no-cache` of the event specs",
        "tool",
        "event",
        render("render", "--no-cache"),
    )
    cold.setup = kit.fresh(ws.out / "render")
    # the event specs (parse-events' warm-up writes them too, but --only may leave it out)
    steps = [kit.plain(_parse_events(kit)), kit.plain(render("render-prime", "--no-cache"))]
    cold.warmup = chained(steps)
    warm = kit.stage(
        "render-warm", "`render`, black's disk cache warm", "tool", "event", render("render-warm")
    )
    warm.setup = kit.fresh(ws.out / "render-warm")
    warm.warmup = kit.plain(render("render-fill"))  # fills .b24-docgen-cache/ in the scratch cwd
    return [cold, warm]


def render_all_stage(kit: Kit) -> Stage:
    """`render --no-cache` of every spec of the corpus (event and method specs: examples, event
    stubs, method clients), against markdown-it-py on all pages. The specs are parsed once, untimed."""
    ws = kit.ws
    specs_all = ws.base / "specs-all"

    def render(out: str) -> list[str]:
        return [
            *kit.tool,
            "render",
            "--specs",
            str(specs_all),
            "--out",
            str(ws.out / out),
            "--no-cache",
        ]

    parse = [*kit.tool, "parse", "--docs", str(ws.corpus), "--out", str(specs_all)]
    stage = kit.stage(
        "render-all",
        "`render --no-cache` of every spec (events and methods)",
        "tool",
        "all",
        render("render-all"),
    )
    stage.setup = kit.fresh(ws.out / "render-all")
    stage.warmup = chained([kit.plain(parse), kit.plain(render("render-all-prime"))])
    return stage


def method_check_stage(kit: Kit, state: State) -> Stage:
    """Warm whole-corpus `check` after one method page changed (its description line)."""
    stage = kit.stage(
        "check-changed-method",
        "`check` warm, whole corpus, one method page changed",
        "tool",
        "all",
        state.cmd,
    )
    stage.ok_rcs = CHECKS
    stage.setup = changed_setup(kit.ws, state, kit.ws.changed_method_page)
    return stage


def check_stages(kit: Kit, state: State) -> list[Stage]:
    ws, tool = kit.ws, kit.tool
    cold_events = [*tool, "check", "--docs", str(ws.events), "--no-cache"]
    stages = [
        kit.stage(
            "check-cold-events", "`check --no-cache`, event pages", "tool", "event", cold_events
        ),
        kit.stage(
            "check-cold-all",
            "`check --no-cache`, whole corpus",
            "tool",
            "all",
            [*tool, "check", "--docs", str(ws.corpus), "--no-cache"],
        ),
        kit.stage(
            "check-warm-all",
            "`check` warm, whole corpus, nothing changed",
            "tool",
            "all",
            state.cmd,
        ),
        kit.stage(
            "check-changed-all",
            "`check` warm, whole corpus, one page changed",
            "tool",
            "all",
            state.cmd,
        ),
        kit.stage(
            "sync-dry-all",
            "`sync --dry-run`, whole corpus",
            "tool",
            "all",
            [*tool, "sync", "--docs", str(ws.corpus), "--dry-run"],
        ),
    ]
    for stage in stages:
        stage.ok_rcs = CHECKS
    stages[0].warmup = kit.plain(cold_events)
    stages[2].setup = state.ensure_warm
    stages[3].setup = changed_setup(ws, state, ws.changed_page)
    stages[4].warmup = kit.plain([*tool, "sync", "--docs", str(ws.events), "--dry-run"])
    return stages


def changed_setup(ws: Workspace, state: State, page: str | None) -> Callable[[], None]:
    changed = ws.corpus / page if page else None

    def setup() -> None:
        state.ensure_warm()
        if changed is None:
            raise RuntimeError("no page of that kind with a description line to edit")
        edit_one_page(changed)

    return setup


def build_stages(ws: Workspace, skip_diplodoc: bool) -> tuple[list[Stage], State]:
    kit = Kit(ws, child_env(ws.tool), tool_command(), sys.executable)
    state = State([*kit.tool, "check", "--docs", str(ws.corpus)], ws, kit.env)
    stages = [
        *floor_stages(kit),
        *peer_stages(kit),
        *version_stages(kit),
        *parse_stages(kit),
        *render_stages(kit),
        render_all_stage(kit),
        *check_stages(kit, state),
        method_check_stage(kit, state),
    ]
    if skip_diplodoc:
        for stage in stages:
            if stage.group == "peer":
                stage.status, stage.error = "skipped", "--skip-diplodoc"
    return stages, state
