"""A baseline of accepted findings, so a docs repo with known findings can switch CI on today.

`check --write-baseline FILE` records each failing finding by a fingerprint that survives edits
elsewhere on the page: the page path relative to the docs root, the kind, the tab label and the
normalised fact (the message, and for a drift the changed lines of its diff), never the line.
`check --baseline FILE` then fails only on findings the baseline does not hold, and lists the
recorded ones that are gone so the baseline can be pruned.

Baseline file (version 1), deterministic JSON, sorted:
    {"version": 1,
     "findings": [{"fingerprint", "path", "kind", "label", "message", "count"}]}
`count` is how many findings share the fingerprint (two identical blocks on one page).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check.report import Finding
from generator.diagnostics import DocgenError, error

BASELINE_VERSION = 1
ENTRY_KEYS = ("fingerprint", "path", "kind", "label", "message", "count")


@dataclass(frozen=True, slots=True, order=True)
class Entry:
    """One recorded finding (or `count` identical ones) as the baseline file holds it."""

    path: str
    kind: str
    label: str | None
    message: str
    fingerprint: str
    count: int = 1

    def to_json(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in ENTRY_KEYS}

    def format_text(self) -> str:
        label = f" [{self.label}]" if self.label else ""
        times = f" (x{self.count})" if self.count > 1 else ""
        return f"{self.path}: {self.kind}{label} {self.message}{times}"


@dataclass(frozen=True, slots=True)
class Comparison:
    """The current findings against a baseline: what is new, what the baseline knew, what is fixed."""

    new: tuple[Finding, ...]
    known: int
    fixed: tuple[Entry, ...]

    @property
    def fixed_count(self) -> int:
        return sum(entry.count for entry in self.fixed)

    def summary(self) -> str:
        return (
            f"baseline: {self.known} known, {len(self.new)} new, "
            f"{self.fixed_count} fixed (prune them with --write-baseline)"
            if self.fixed
            else f"baseline: {self.known} known, {len(self.new)} new, 0 fixed"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "known": self.known,
            "new": len(self.new),
            "fixed": [entry.to_json() for entry in self.fixed],
        }


def relative_path(path: str, root: Path) -> str:
    """The page path as the baseline stores it: relative to the docs root, POSIX separators."""
    prefix = root.as_posix().rstrip("/") + "/"
    return path[len(prefix) :] if path.startswith(prefix) else path


def normalised_fact(finding: Finding, root: Path) -> str:
    """What the finding states, without anything that moves when lines above it move."""
    prefix = root.as_posix().rstrip("/") + "/"
    parts = [" ".join(finding.message.replace(prefix, "").split())]
    if finding.diff:
        parts.extend(_changed_lines(finding.diff))
    return "\n".join(parts)


def _changed_lines(diff: str) -> list[str]:
    """The `-`/`+` lines of a unified diff: its headers and hunk positions carry line numbers."""
    return [
        line.rstrip()
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def fingerprint(finding: Finding, root: Path) -> str:
    key = [relative_path(finding.path, root), finding.kind, finding.label]
    key.append(normalised_fact(finding, root))
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:20]


def entries(findings: Iterable[Finding], root: Path) -> list[Entry]:
    """The failing findings as baseline entries, identical fingerprints counted once, sorted."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for finding in findings:
        if not finding.failing:
            continue
        key = fingerprint(finding, root)
        counts[key] += 1
        first.setdefault(key, finding)
    return sorted(
        Entry(
            relative_path(f.path, root),
            f.kind,
            f.label,
            " ".join(f.message.split()),
            key,
            counts[key],
        )
        for key, f in first.items()
    )


def baseline_bytes(findings: Iterable[Finding], root: Path) -> bytes:
    document = {
        "version": BASELINE_VERSION,
        "findings": [entry.to_json() for entry in entries(findings, root)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_baseline(path: Path, findings: Sequence[Finding], root: Path) -> int:
    """Write the baseline atomically (only when its bytes change); returns the findings recorded."""
    from generator.fileio import write_atomic

    if path.is_dir():
        raise DocgenError(error(path.as_posix(), "E-BASELINE", "is a folder, not a file"))
    write_atomic(path, baseline_bytes(findings, root))
    return sum(1 for f in findings if f.failing)


def load_baseline(path: Path) -> list[Entry]:
    """The entries of a baseline file; a missing or malformed file is a located E-BASELINE."""
    display = path.as_posix()
    if path.is_dir():
        raise DocgenError(error(display, "E-BASELINE", "is a folder, not a file"))
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DocgenError(error(display, "E-BASELINE", "baseline file does not exist")) from None
    except OSError as exc:
        raise DocgenError(error(display, "E-BASELINE", f"cannot read: {exc.strerror}")) from None
    except UnicodeDecodeError:
        raise DocgenError(error(display, "E-BASELINE", "not UTF-8 text", 1, 1)) from None
    except json.JSONDecodeError as exc:
        message = f"not JSON: {exc.msg}"
        raise DocgenError(error(display, "E-BASELINE", message, exc.lineno, exc.colno)) from None
    return _entries_from(document, display)


def _entries_from(document: Any, display: str) -> list[Entry]:
    if not isinstance(document, dict) or document.get("version") != BASELINE_VERSION:
        message = f"not a b24-docgen baseline (version {BASELINE_VERSION} expected)"
        raise DocgenError(error(display, "E-BASELINE", message, 1, 1))
    try:
        return [
            Entry(
                str(item["path"]),
                str(item["kind"]),
                None if item["label"] is None else str(item["label"]),
                str(item["message"]),
                str(item["fingerprint"]),
                int(item["count"]),
            )
            for item in document["findings"]
        ]
    except (KeyError, TypeError, ValueError):
        message = "malformed entry (expected keys: " + ", ".join(ENTRY_KEYS) + ")"
        raise DocgenError(error(display, "E-BASELINE", message, 1, 1)) from None


def compare(
    findings: Sequence[Finding],
    baseline: Sequence[Entry],
    root: Path,
    scope: Collection[str] | None = None,
) -> Comparison:
    """Split the failing findings into new and known; the baseline's surplus is fixed. `scope`:
    the pages (relative paths) this run evaluated, when it was not the whole tree."""
    allowed: Counter[str] = Counter()
    for entry in baseline:
        allowed[entry.fingerprint] += entry.count
    new: list[Finding] = []
    known = 0
    for finding in sorted(f for f in findings if f.failing):
        key = fingerprint(finding, root)
        if allowed[key] > 0:
            allowed[key] -= 1
            known += 1
        else:
            new.append(finding)
    fixed = [
        _with_count(e, allowed[e.fingerprint])
        for e in baseline
        if allowed[e.fingerprint] > 0 and (scope is None or e.path in scope)
    ]
    return Comparison(tuple(new), known, tuple(sorted(set(fixed))))


def _with_count(entry: Entry, count: int) -> Entry:
    return Entry(entry.path, entry.kind, entry.label, entry.message, entry.fingerprint, count)
