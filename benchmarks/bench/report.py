"""The Markdown table and the target lines."""

from __future__ import annotations

from typing import Any

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
