"""sdk-diff output: text (`path:line:col: CODE message`), json and GitHub annotations, a summary
line, and the baseline that lets a maintainer adopt the check one difference at a time.

Baseline file (version 1), deterministic JSON: `{"version": 1, "sdk": NAME, "differences":
[{"key", "page", "message", "count"}]}`, sorted by key. A difference's key is its code, method and
key name: it survives line moves on the page.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.diagnostics import DocgenError, dump_json, error, github_command
from generator.fileio import write_atomic
from generator.sdkdiff.compare import Comparison
from generator.sdkdiff.model import Difference, SdkSurface

BASELINE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Outcome:
    """The differences to report after the baseline, and what the baseline already knew."""

    new: tuple[Difference, ...]
    known: int
    fixed: int


def summary_line(comparison: Comparison) -> str:
    return (
        f"{comparison.documented} methods in the docs, {comparison.wrapped} wrapped by "
        f"{comparison.sdk} {comparison.version}, {comparison.disagree} signatures disagree"
    )


def counts_by_code(differences: Sequence[Difference]) -> dict[str, int]:
    return dict(sorted(Counter(d.code for d in differences).items()))


def format_text(comparison: Comparison, outcome: Outcome, note: str = "") -> str:
    lines = [f"{d.page}:{d.line}:0: {d.code} {d.method}: {d.message}" for d in outcome.new]
    if note:
        lines.append(f"note: {note}")
    lines.append(f"sdk-diff: {summary_line(comparison)}")
    codes = ", ".join(f"{n} {code}" for code, n in counts_by_code(outcome.new).items())
    lines.append(f"differences: {len(outcome.new)}" + (f" ({codes})" if codes else ""))
    if outcome.known or outcome.fixed:
        lines.append(f"baseline: {outcome.known} known, {outcome.fixed} fixed")
    return "\n".join(lines) + "\n"


def format_github(comparison: Comparison, outcome: Outcome, note: str = "") -> str:
    lines = [
        github_command(
            "warning",
            {"file": d.page, "line": str(max(d.line, 1))},
            f"{d.code} {d.method}: {d.message}",
        )
        for d in outcome.new
    ]
    if note:
        lines.append(github_command("notice", {"title": "sdk-diff"}, note))
    lines.append(github_command("notice", {"title": "sdk-diff"}, summary_line(comparison)))
    return "\n".join(lines) + "\n"


def format_json(comparison: Comparison, outcome: Outcome, surface: SdkSurface) -> str:
    payload: dict[str, Any] = {
        "sdk": comparison.sdk,
        "version": comparison.version,
        "comparable": surface.comparable,
        "note": surface.note,
        "summary": {
            "documented": comparison.documented,
            "wrapped": comparison.wrapped,
            "disagree": comparison.disagree,
            "sdk_methods": len(surface.methods),
        },
        "counts": counts_by_code(outcome.new),
        "differences": [_difference_json(d) for d in outcome.new],
        "baseline": {"known": outcome.known, "fixed": outcome.fixed},
    }
    return dump_json(payload) + "\n"


def _difference_json(difference: Difference) -> dict[str, object]:
    return {
        "page": difference.page,
        "line": difference.line,
        "method": difference.method,
        "code": difference.code,
        "param": difference.param,
        "message": difference.message,
    }


def apply_baseline(differences: Sequence[Difference], known: Counter[str]) -> Outcome:
    """Split the differences into new ones and those the baseline allows (by key and count)."""
    allowed = Counter(known)
    new: list[Difference] = []
    matched = 0
    for difference in differences:
        if allowed[difference.key] > 0:
            allowed[difference.key] -= 1
            matched += 1
        else:
            new.append(difference)
    return Outcome(tuple(new), matched, sum(allowed.values()))


def baseline_bytes(sdk: str, differences: Sequence[Difference]) -> bytes:
    counts = Counter(d.key for d in differences)
    first = {d.key: d for d in reversed(differences)}
    entries = [
        {"key": key, "page": first[key].page, "message": first[key].message, "count": counts[key]}
        for key in sorted(counts)
    ]
    document = {"version": BASELINE_VERSION, "sdk": sdk, "differences": entries}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_baseline(path: Path, sdk: str, differences: Sequence[Difference]) -> None:
    if path.is_dir():
        raise DocgenError(error(path.as_posix(), "E-BASELINE", "is a folder, not a file"))
    write_atomic(path, baseline_bytes(sdk, differences))


def load_baseline(path: Path) -> Counter[str]:
    """The keys a baseline file allows, with their counts; a bad file is a located E-BASELINE."""
    display = path.as_posix()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        entries = document["differences"] if document.get("version") == BASELINE_VERSION else None
        if not isinstance(entries, list):
            raise ValueError("version")
        return Counter({str(e["key"]): int(e["count"]) for e in entries})
    except FileNotFoundError:
        raise DocgenError(error(display, "E-BASELINE", "baseline file does not exist")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DocgenError(error(display, "E-BASELINE", f"cannot read: {exc}")) from None
    except (ValueError, KeyError, TypeError, AttributeError):
        message = f"not an sdk-diff baseline (version {BASELINE_VERSION} expected)"
        raise DocgenError(error(display, "E-BASELINE", message, 1, 1)) from None
