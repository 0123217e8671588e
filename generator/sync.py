"""`sync`: apply the planned edits to each page, atomically, and prove nothing else moved."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import Outcome
from generator.diagnostics import DocgenError, error
from generator.fileio import write_atomic
from generator.rewrite import apply_edits
from generator.source import decode


@dataclass
class SyncResult:
    changed: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)


def sync_pages(root: Path, outcomes: list[Outcome], dry_run: bool) -> SyncResult:
    result = SyncResult()
    planned: list[tuple[Path, bytes]] = []
    for outcome in outcomes:
        if not outcome.edits:
            continue
        path = root / outcome.rel
        source = decode(path.read_bytes(), outcome.rel)
        if outcome.sha256 is not None and source.sha256 != outcome.sha256:
            raise DocgenError(
                error(
                    path.as_posix(), "E-CHANGED", "page changed while sync ran; nothing was changed"
                )
            )
        new = apply_edits(source, outcome.edits)
        if new == source.raw:
            continue
        display = path.as_posix()
        result.changed.append(display)
        if dry_run:
            result.diffs.append(unified(source.raw, new, display))
            continue
        planned.append((path, new))
    # every page is checked before the first is written, so "nothing was changed" is true
    for path, _ in planned:
        if not path.exists() or not _writable(path):
            raise DocgenError(
                error(path.as_posix(), "E-READONLY", "page is not writable; nothing was changed")
            )
    for path, new in planned:
        write_atomic(path, new)
    return result


def unified(old: bytes, new: bytes, display: str) -> str:
    return "".join(
        difflib.unified_diff(
            old.decode("utf-8").splitlines(keepends=True),
            new.decode("utf-8").splitlines(keepends=True),
            fromfile=f"a/{display}",
            tofile=f"b/{display}",
        )
    )


def _writable(path: Path) -> bool:
    import os

    # a page without any write bit is read-only even for root, whose os.access() always says yes
    has_write_bit = path.stat().st_mode & 0o222 != 0
    return has_write_bit and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
