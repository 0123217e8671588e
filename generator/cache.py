"""Incremental cache for `check`: stat first, then content hash, under a key of tool, templates, options.

A page whose size and mtime are unchanged is a hit without reading it; otherwise its bytes are hashed
and compared. Anything that changes the outcome for every page (tool version, template files,
profiles, options) is folded into one key; a different key starts an empty cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
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
        try:
            data = (root / rel).read_bytes()
        except OSError:
            return None  # evaluate reports why the page cannot be read
        if hashlib.sha256(data).hexdigest() == entry.sha256:
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
        """Write the cache (a unique temp file, then rename: concurrent runs never share a temp
        name). The cache is an optimisation: a folder that cannot be written only warns."""
        if self.path is None or not self.dirty:
            return
        data = {
            "key": self.key,
            "extra": self.extra,
            "entries": {rel: vars(e) for rel, e in sorted(self.entries.items())},
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            _write(self.path, text.encode("utf-8", "surrogateescape"))
        except OSError as exc:
            _warn(self.path.parent, f"cannot write the cache: {exc.strerror or exc}")

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


def cache_key(
    root: Path, options: dict[str, Any], template_dirs: list[Path], files: Iterable[Path] = ()
) -> str:
    """Tool version, root, options, every file of the template folders, and the single `files`
    (a profiles file: hashed by itself, never its folder, which may be a whole repository)."""
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(os.fsencode(root.resolve()))
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for folder in template_dirs:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            _hash_file(digest, os.fsencode(file.relative_to(folder)), file)
    for file in files:
        _hash_file(digest, os.fsencode(file), file)
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())  # a changed extractor changes every outcome
    return digest.hexdigest()


def _hash_file(digest: Any, name: bytes, file: Path) -> None:
    from generator.fileio import read_regular

    digest.update(name + b"\0")
    try:
        digest.update(read_regular(file))
    except OSError as exc:
        digest.update(f"unreadable: {exc}".encode("utf-8", "surrogateescape"))


def open_cache(root: Path, key: str, enabled: bool) -> Cache:
    if not enabled:
        return Cache(None, key)
    if CACHE_DIR.exists() and not CACHE_DIR.is_dir():
        _warn(CACHE_DIR, "is not a folder; running without the cache")
        return Cache(None, key)
    name = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:16]
    path = CACHE_DIR / f"check-{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Cache(path, key)
    if not isinstance(data, dict) or data.get("key") != key:
        return Cache(path, key, dirty=True)
    entries = _entries(data.get("entries"))
    extra = data.get("extra")
    if entries is None or not isinstance(extra, dict):
        return Cache(path, key, dirty=True)  # damaged: start afresh, never trust part of it
    return Cache(path, key, entries, extra=extra)


OUTCOME_SHAPE = {"page_type": str, "findings": list, "diagnostics": list}


def _entries(raw: object) -> dict[str, Entry] | None:
    """The stored entries, or None when any of them is not what `store` writes."""
    if not isinstance(raw, dict):
        return None
    entries: dict[str, Entry] = {}
    for rel, item in raw.items():
        if not isinstance(item, dict) or set(item) != {*Entry.__dataclass_fields__}:
            return None
        outcome = item["outcome"]
        if not isinstance(outcome, dict) or not all(
            isinstance(outcome.get(k), t) for k, t in OUTCOME_SHAPE.items()
        ):
            return None
        if not all(isinstance(f, dict) for f in outcome["findings"] + outcome["diagnostics"]):
            return None
        deps = item["deps"]
        if not isinstance(deps, dict) or not all(
            isinstance(v, list) and len(v) == 2 for v in deps.values()
        ):
            return None
        entries[rel] = Entry(**item)
    return entries


def _write(path: Path, data: bytes) -> None:
    from generator.fileio import temp_file

    path.parent.mkdir(parents=True, exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    handle, temp = temp_file(path)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes it 0600; the cache is as readable as before
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _warn(path: Path, message: str) -> None:
    """The cache never fails a run: its problems are one warning line on stderr."""
    print(f"{path.as_posix()}:0:0: W-CACHE {message}", file=sys.stderr)
