"""Incremental cache for `check`: stat first, then content hash, under a key of tool, templates, options.

A page whose size and mtime are unchanged is a hit without reading it; otherwise its bytes are hashed
and compared. Anything that changes the outcome for every page (tool version, template files,
profiles, options) is folded into one key; a different key starts an empty cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__

CACHE_DIR = Path(".b24-docgen-cache")


@dataclass
class Entry:
    size: int
    mtime_ns: int
    sha256: str
    outcome: dict[str, Any]
    deps: dict[str, list[int]] = field(default_factory=dict)  # included files: [size, mtime_ns]


@dataclass
class Cache:
    path: Path | None
    key: str
    entries: dict[str, Entry] = field(default_factory=dict)
    dirty: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # run-wide values under the same key
    _dep_stats: dict[str, tuple[int, int] | None] = field(default_factory=dict)

    def lookup(self, root: Path, rel: str, stat: os.stat_result) -> dict[str, Any] | None:
        entry = self.entries.get(rel)
        if entry is None or entry.size != stat.st_size or not self._deps_fresh(root, entry):
            return None
        if entry.mtime_ns == stat.st_mtime_ns:
            return entry.outcome
        if hashlib.sha256((root / rel).read_bytes()).hexdigest() == entry.sha256:
            entry.mtime_ns = stat.st_mtime_ns
            self.dirty = True
            return entry.outcome
        return None

    def store(
        self,
        rel: str,
        stat: os.stat_result,
        sha256: str,
        outcome: dict[str, Any],
        deps: dict[str, list[int]],
    ) -> None:
        self.entries[rel] = Entry(stat.st_size, stat.st_mtime_ns, sha256, outcome, deps)
        self.dirty = True

    def forget_missing(self, present: set[str]) -> None:
        for rel in [r for r in self.entries if r not in present]:
            del self.entries[rel]
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        data = {
            "key": self.key,
            "extra": self.extra,
            "entries": {rel: vars(e) for rel, e in sorted(self.entries.items())},
        }
        temp = self.path.with_suffix(".tmp")
        temp.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        os.replace(temp, self.path)

    def _deps_fresh(self, root: Path, entry: Entry) -> bool:
        return all(
            self._dep_stat(root, rel) == (size, mtime) for rel, (size, mtime) in entry.deps.items()
        )

    def _dep_stat(self, root: Path, rel: str) -> tuple[int, int] | None:
        """An included file's (size, mtime), looked up once a run: many pages share includes."""
        if rel not in self._dep_stats:
            try:
                stat = (root / rel).stat()
                self._dep_stats[rel] = (stat.st_size, stat.st_mtime_ns)
            except OSError:
                self._dep_stats[rel] = None
        return self._dep_stats[rel]


def cache_key(root: Path, options: dict[str, Any], template_dirs: list[Path]) -> str:
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(str(root.resolve()).encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for folder in template_dirs:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(file.relative_to(folder).as_posix().encode())
            digest.update(file.read_bytes())
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())  # a changed extractor changes every outcome
    return digest.hexdigest()


def open_cache(root: Path, key: str, enabled: bool) -> Cache:
    if not enabled:
        return Cache(None, key)
    path = CACHE_DIR / f"check-{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Cache(path, key)
    if data.get("key") != key:
        return Cache(path, key, dirty=True)
    entries = {rel: Entry(**raw) for rel, raw in data.get("entries", {}).items()}
    return Cache(path, key, entries, extra=data.get("extra", {}))
