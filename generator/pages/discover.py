"""Discover pages under a docs root: the scandir walk, the paths a command names, the root check."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from generator.diagnostics import DocgenError, error


def markdown_files(root: Path) -> list[str]:
    """Every `.md` file below the root, relative and sorted (hidden folders skipped)."""
    return sorted(rel for rel, _ in _markdown_entries(root))


def markdown_stats(root: Path) -> list[tuple[str, os.stat_result]]:
    """`markdown_files` with each file's stat, from the same walk (the warm `check` path)."""
    found = [(rel, entry.stat()) for rel, entry in _markdown_entries(root)]
    return sorted(found, key=lambda item: item[0])


def _markdown_entries(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(relative path, entry) of every `.md` file below the root, from one `scandir` walk.

    Regular files only: a broken symlink or a FIFO named `*.md` is not a page (reading a FIFO
    would block forever)."""
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                pending.append((entry.path, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".md") and entry.is_file():
                yield prefix + entry.name, entry


def check_root(root: Path) -> None:
    if not root.is_dir():
        raise DocgenError(
            error(str(root), "E-DOCS-ROOT", "docs root does not exist or is not a folder")
        )


def expand_paths(root: Path, paths: Sequence[str]) -> list[str]:
    found: set[str] = set()
    all_files: list[str] | None = None
    for given in paths:
        rel = relative_to_root(root, given)
        target = root / rel
        if target.is_dir():
            all_files = all_files if all_files is not None else markdown_files(root)
            prefix = "" if rel in ("", ".") else rel.rstrip("/") + "/"
            found.update(f for f in all_files if f.startswith(prefix))
        elif target.is_file():
            found.add(rel)
        elif target.exists():  # a FIFO, socket or device: never opened (a FIFO would block)
            from generator.fileio import file_kind

            kind = file_kind(target.stat().st_mode)
            raise DocgenError(error(given, "E-NOT-REGULAR", f"not a regular file ({kind})"))
        else:
            raise DocgenError(error(given, "E-NOT-FOUND", f"no such page or folder under {root}"))
    return sorted(found)


def relative_to_root(root: Path, given: str) -> str:
    path = Path(given)
    if path.is_absolute() or path.exists():
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            raise DocgenError(
                error(given, "E-OUTSIDE-ROOT", f"path is outside the docs root {root}")
            ) from None
    return path.as_posix()
