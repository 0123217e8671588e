"""Ratios to the floor and the peer, and the pass/miss verdict on each target."""

from __future__ import annotations

from typing import Any

from bench.common import (
    TARGET_CHANGED_S,
    TARGET_COLD_ALL_VS_FLOOR,
    TARGET_COLD_VS_FLOOR,
    TARGET_RENDER_ALL_VS_FLOOR,
    TARGET_RSS_MB,
    TARGET_VERSION_S,
    TARGET_VS_DIPLODOC,
)


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
    facts = _Facts(by_id)
    return [*speed_targets(facts), *corpus_targets(facts), rss_target(by_id)]


class _Facts:
    """Medians of the stages that ran, and why a measure is missing."""

    def __init__(self, by_id: dict[str, dict[str, Any]]) -> None:
        self.by_id = by_id

    def median(self, sid: str) -> float | None:
        stage = self.by_id.get(sid)
        return stage["median_s"] if stage and stage["status"] == "ok" else None

    def missing(self, *sids: str) -> str:
        why = [
            f"{sid} {self.by_id[sid]['status']}" if sid in self.by_id else f"{sid} not run"
            for sid in sids
            if self.median(sid) is None
        ]
        return "not measured: " + ", ".join(why)

    def cpu_ratio(self, top_id: str, bottom_id: str, text: str) -> str:
        top, bottom = (self.by_id.get(x, {}).get("cpu_median_s") for x in (top_id, bottom_id))
        return f"; {text} {top / bottom:.2f}×" if top and bottom else ""


def target(tid: str, text: str, ok: bool | None, value: str) -> dict[str, Any]:
    return {
        "id": tid,
        "text": text,
        "status": "n/a" if ok is None else "pass" if ok else "miss",
        "value": value,
    }


def speed_targets(facts: _Facts) -> list[dict[str, Any]]:
    cold, floor = facts.median("check-cold-events"), facts.median("mdit-events")
    peer = facts.median("diplodoc-events")
    return [
        target(
            "cold-vs-floor",
            f"event-pipeline `check` cold ≤ {TARGET_COLD_VS_FLOOR:.1f}× markdown-it-py on the same pages",
            None if cold is None or floor is None else cold / floor <= TARGET_COLD_VS_FLOOR,
            facts.missing("check-cold-events", "mdit-events")
            if cold is None or floor is None
            else f"{cold / floor:.2f}× ({cold:.3f} s vs {floor:.3f} s"
            f"{facts.cpu_ratio('check-cold-events', 'mdit-events', 'by CPU time')})",
        ),
        target(
            "vs-diplodoc",
            f"event-pipeline `check` cold ≥ {TARGET_VS_DIPLODOC:.0f}× faster than Diplodoc on the same pages",
            None if cold is None or peer is None else peer / cold >= TARGET_VS_DIPLODOC,
            facts.missing("check-cold-events", "diplodoc-events")
            if cold is None or peer is None
            else f"{peer / cold:.2f}× faster ({cold:.3f} s vs {peer:.3f} s"
            f"{facts.cpu_ratio('diplodoc-events', 'check-cold-events', 'by CPU time')})",
        ),
        seconds_target(
            facts,
            "changed-page",
            "check-changed-all",
            TARGET_CHANGED_S,
            f"warm whole-corpus `check`, one page changed ≤ {TARGET_CHANGED_S} s wall",
        ),
        seconds_target(
            facts,
            "version",
            "version",
            TARGET_VERSION_S,
            f"`b24-docgen --version` ≤ {TARGET_VERSION_S} s",
        ),
    ]


def seconds_target(facts: _Facts, tid: str, sid: str, limit: float, text: str) -> dict[str, Any]:
    """`sid`'s median wall time, at most `limit` seconds."""
    mine = facts.median(sid)
    if mine is None:
        return target(tid, text, None, facts.missing(sid))
    return target(tid, text, mine <= limit, f"{mine:.3f} s")


def floor_target(facts: _Facts, tid: str, sid: str, limit: float, text: str) -> dict[str, Any]:
    """`sid`'s median over markdown-it-py's on all pages, at most `limit`."""
    mine, floor = facts.median(sid), facts.median("mdit-all")
    if mine is None or floor is None:
        return target(tid, text, None, facts.missing(sid, "mdit-all"))
    cpu = facts.cpu_ratio(sid, "mdit-all", "by CPU time")
    value = f"{mine / floor:.2f}× ({mine:.3f} s vs {floor:.3f} s{cpu})"
    return target(tid, text, mine / floor <= limit, value)


def corpus_targets(facts: _Facts) -> list[dict[str, Any]]:
    """Issue 11 and 12: the whole corpus with method pages, and rendering every spec."""
    cold = f"whole-corpus `check` cold, method pages included, ≤ {TARGET_COLD_ALL_VS_FLOOR:.1f}×"
    render = f"`render --no-cache` of every spec ≤ {TARGET_RENDER_ALL_VS_FLOOR:.1f}×"
    return [
        floor_target(
            facts,
            "cold-all-vs-floor",
            "check-cold-all",
            TARGET_COLD_ALL_VS_FLOOR,
            f"{cold} markdown-it-py on all pages",
        ),
        seconds_target(
            facts,
            "changed-method",
            "check-changed-method",
            TARGET_CHANGED_S,
            f"warm whole-corpus `check`, one method page changed ≤ {TARGET_CHANGED_S} s wall",
        ),
        floor_target(
            facts,
            "render-all-vs-floor",
            "render-all",
            TARGET_RENDER_ALL_VS_FLOOR,
            f"{render} markdown-it-py on all pages",
        ),
    ]


def rss_target(by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    tools = [s for s in by_id.values() if s["group"] == "tool"]
    measured = [s for s in tools if s["peak_rss_mb"] is not None]
    worst = max(measured, key=lambda s: s["peak_rss_mb"], default=None)
    failed = [s["id"] for s in tools if s["status"] != "ok"]
    ok: bool | None
    if worst is None:
        ok, value = None, "not measured: no b24-docgen stage ran"
    else:
        over = worst["peak_rss_mb"] > TARGET_RSS_MB
        ok = False if over else (None if failed else True)
        value = f"max {worst['peak_rss_mb']:.0f} MB ({worst['id']})" + (
            f"; not measured: {', '.join(failed)}" if failed else ""
        )
    text = f"peak RSS of every `b24-docgen` command ≤ {TARGET_RSS_MB:.0f} MB"
    return target("rss", text, ok, value)
