"""`sync`: apply the planned edits to each page, atomically, and prove nothing else moved.

Every page is read, re-hashed and checked (not a symlink, inside the root, writable) before the
first is written, and nothing is written when any page of the run has an error. A write that
still fails names the pages written before it, so the report is always exactly what changed.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.outcome import Outcome
from generator.diagnostics import DocgenError, error
from generator.extract.recovery import is_fatal
from generator.fileio import remove_leftovers, write_atomic
from generator.rewrite import apply_edits
from generator.source import decode, read_page


@dataclass
class SyncResult:
    changed: list[str] = field(default_factory=list)  # written (or, with dry_run, would be)
    diffs: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # temp files an interrupted run left


def sync_pages(root: Path, outcomes: list[Outcome], dry_run: bool) -> SyncResult:
    result = SyncResult()
    if not dry_run:
        folders = {(root / o.rel).parent for o in outcomes}
        result.removed = [p.as_posix() for p in remove_leftovers(folders)]
    planned = _planned(root, outcomes)
    if dry_run:
        result.changed = [display for display, _, _, _ in planned]
        result.diffs = [unified(old, new, display) for display, _, old, new in planned]
        return result
    if any(is_fatal(d.code, d.severity) for o in outcomes for d in o.diagnostics):
        return result  # the run refuses (exit 2): it writes nothing
    for display, path, _, _ in planned:
        _check_writable(path, display)
    _write_all([(display, path, new) for display, path, _, new in planned], result)
    return result


def _planned(root: Path, outcomes: list[Outcome]) -> list[tuple[str, Path, bytes, bytes]]:
    """(display path, file, old bytes, new bytes) of every page whose edits change it."""
    planned = []
    for outcome in outcomes:
        if not outcome.edits or any(d.is_error for d in outcome.diagnostics):
            continue  # a page read only in part (a missing include) is never rewritten
        path = root / outcome.rel
        source = decode(read_page(root, outcome.rel), outcome.rel)
        if outcome.sha256 is not None and source.sha256 != outcome.sha256:
            raise DocgenError(
                error(
                    path.as_posix(), "E-CHANGED", "page changed while sync ran; nothing was changed"
                )
            )
        new = apply_edits(source, outcome.edits)
        if new != source.raw:
            planned.append((path.as_posix(), path, source.raw, new))
    return planned


def _check_writable(path: Path, display: str) -> None:
    if path.is_symlink():
        raise DocgenError(
            error(
                display,
                "E-SYMLINK",
                "page is a symlink; refusing to write through it; nothing was changed",
            )
        )
    if not path.exists() or not _writable(path):
        raise DocgenError(error(display, "E-READONLY", "page is not writable; nothing was changed"))


def _write_all(planned: list[tuple[str, Path, bytes]], result: SyncResult) -> None:
    """Write each page; a failure or an interruption names exactly the pages already written."""
    try:
        for display, path, new in planned:
            write_atomic(path, new)
            result.changed.append(display)
    except DocgenError as exc:
        found = exc.diagnostic
        raise DocgenError(
            error(found.path, found.code, f"{found.message}; {_written(result.changed)}")
        ) from None
    except BaseException:
        print(f"sync: interrupted; {_written(result.changed)}", file=sys.stderr)
        raise


def _written(changed: list[str]) -> str:
    if not changed:
        return "nothing was changed"
    return f"{len(changed)} pages were written before it: {', '.join(changed)}"


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
