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
    for outcome in outcomes:
        if not outcome.edits:
            continue
        path = root / outcome.rel
        source = decode(path.read_bytes(), outcome.rel)
        new = apply_edits(source, outcome.edits)
        if new == source.raw:
            continue
        display = path.as_posix()
        result.changed.append(display)
        if dry_run:
            result.diffs.append(unified(source.raw, new, display))
            continue
        if not path.exists() or not _writable(path):
            raise DocgenError(
                error(display, "E-READONLY", "page is not writable; nothing was changed")
            )
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

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
