"""Discover pages under a docs root and tell event pages from overviews, includes and method pages."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from generator.diagnostics import DocgenError, error
from generator.extract.text import METHOD_NAME

EVENT_MARKER = re.compile(r"Кто может подписаться|Who can subscribe")
METHOD_MARKER = re.compile(
    r"Кто может выполнять метод|Who can (?:execute|perform) (?:the |this )?method"
)
UNMARKED_EVENT_H1 = re.compile(r"(?:^|\s)(?:[oO]n[A-Z]\w+|ON[A-Z]+)\s*$")
EVENTS_FOLDER = re.compile(r"(?:^|/)events[^/]*/")


class PageType(Enum):
    EVENT = "event"
    OVERVIEW = "overview"
    METHOD = "method"
    INCLUDE = "include"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Found:
    path: str  # relative to the docs root, `/`-separated
    type: PageType


def first_heading(text: str) -> str:
    for line in text.lstrip("\ufeff").splitlines()[:5]:
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def classify_file(path: str, text: str) -> PageType:
    """Section 0 of the corpus notes: marker minus overviews, includes and mis-marked method pages,
    plus the unmarked legacy pages found by folder and H1."""
    name = path.rsplit("/", 1)[-1]
    if "_includes/" in path or path.startswith("_includes"):
        return PageType.INCLUDE
    heading = first_heading(text)
    last_word = heading.split()[-1].strip("`") if heading.split() else ""
    if EVENT_MARKER.search(text):
        if name == "index.md":
            return PageType.OVERVIEW
        if METHOD_NAME.match(last_word):
            return PageType.METHOD
        return PageType.EVENT
    if name != "index.md" and EVENTS_FOLDER.search(path) and UNMARKED_EVENT_H1.search(heading):
        return PageType.EVENT
    if METHOD_MARKER.search(text):
        return PageType.METHOD
    return PageType.OTHER


def markdown_files(root: Path) -> list[str]:
    """Every `.md` file below the root, relative and sorted (hidden folders skipped)."""
    return [rel for rel, _ in markdown_stats(root)]


def markdown_stats(root: Path) -> list[tuple[str, os.stat_result]]:
    """`markdown_files` with each file's stat, from one `scandir` walk (the warm `check` path).

    Regular files only: a broken symlink or a FIFO named `*.md` is not a page (reading a FIFO
    would block forever)."""
    found: list[tuple[str, os.stat_result]] = []
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
                found.append((prefix + entry.name, entry.stat()))
    return sorted(found, key=lambda item: item[0])


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
