"""Writing outputs: specs to `<out>/<page path>.yaml` (pruning the ones whose page is gone), and
generated files under a `MANIFEST.json` that lets the next run delete what it no longer generates."""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.fileio import confined, write_atomic, write_atomic_many
from generator.spec.model import PageSpec


def spec_relpath(page_path: str) -> str:
    return page_path.removesuffix(".md") + ".yaml"


def write_specs(out: Path, specs: Iterable[PageSpec], prune: bool) -> tuple[list[str], list[str]]:
    """Write every spec (only changed bytes hit the disk); with `prune`, delete stale `.yaml` files.

    Returns (written relative paths, changed relative paths).
    """
    from generator.spec.io import dump_yaml

    written: list[str] = []
    changed: list[str] = []
    for spec in sorted(specs, key=lambda s: s.source.path):
        rel = spec_relpath(spec.source.path)
        if write_atomic(confined(out, rel), dump_yaml(spec).encode("utf-8")):
            changed.append(rel)
        written.append(rel)
    if prune and out.is_dir():
        keep = set(written)
        for stale in sorted(out.rglob("*.yaml")):
            rel = stale.relative_to(out).as_posix()
            if rel not in keep:
                stale.unlink()
                changed.append(rel)
    return written, changed


def read_specs(folder: Path) -> list[PageSpec]:
    """Every `.yaml` spec under `folder`, sorted by path."""
    with collector_paused():
        return [read_spec(path) for path in sorted(folder.rglob("*.yaml"))]


def read_spec(path: Path) -> PageSpec:
    from generator.spec.io import SpecError, load_yaml

    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(path.as_posix(), f"not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise SpecError(path.as_posix(), f"cannot read: {exc.strerror or exc}") from None
    return load_yaml(text, path.as_posix())


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: loading a corpus of specs makes millions of objects
    that all stay alive, and the collector's passes over them were a third of the load time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


TOOL = "b24-docgen"
MANIFEST = "MANIFEST.json"


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What `write_files` did; every list holds paths relative to the output folder, sorted."""

    written: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # stale but edited by hand, so not deleted


def manifest_bytes(files: dict[str, bytes]) -> bytes:
    """The manifest of `files`: generator name and sorted (path, sha256) entries, no timestamp."""
    entries = [{"path": p, "sha256": hashlib.sha256(files[p]).hexdigest()} for p in sorted(files)]
    text = json.dumps({"generator": TOOL, "files": entries}, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def write_files(out: Path, files: dict[str, bytes]) -> WriteReport:
    """Write `files` under `out` (only changed bytes), prune what the last manifest listed."""
    previous = read_manifest(out)
    report = WriteReport()
    targets = confined_all(out, sorted(files))  # refuse before writing any
    changed = write_atomic_many((target, files[path]) for path, target in targets.items())
    for path, was_changed in zip(targets, changed, strict=True):
        if was_changed:
            report.changed.append(path)
        report.written.append(path)
    for path in sorted(set(previous) - set(files) - {MANIFEST}):
        _prune(out, path, previous[path], report)
    if write_atomic(confined(out, MANIFEST), manifest_bytes(files)):
        report.changed.append(MANIFEST)
    report.written.append(MANIFEST)
    return report


def confined_all(out: Path, paths: Iterable[str]) -> dict[str, Path]:
    """`fileio.confined` of each path, resolving each folder once instead of every path in full
    (two `realpath` walks a file were a third of writing a corpus's 16,000 files): a plain
    relative path whose folder resolves inside the root and which is not itself a symlink stays
    inside; anything else gets `confined`'s own check and diagnostic."""
    root = out.resolve()
    folders: dict[str, bool] = {}
    links: dict[str, frozenset[str] | None] = {}
    targets: dict[str, Path] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        if folder not in folders:
            folders[folder] = _plain(folder) and (out / folder).resolve().is_relative_to(root)
            links[folder] = _symlinks(out / folder)
        target = out / path
        found = links[folder]
        linked = target.is_symlink() if found is None else name in found
        if not (folders[folder] and _plain(name) and name and not linked):
            target = confined(out, path)
        targets[path] = target
    return targets


def _symlinks(folder: Path) -> frozenset[str] | None:
    """The names of the symlinks in `folder`, listed once (none when it does not exist yet);
    None when it cannot be listed: each file is then asked on its own."""
    try:
        with os.scandir(folder) as entries:
            return frozenset(entry.name for entry in entries if entry.is_symlink())
    except (FileNotFoundError, NotADirectoryError):
        return frozenset()
    except OSError:
        return None


def _plain(relative: str) -> bool:
    """No absolute start, no `..`, `.` or empty step: the path means what it spells."""
    return not relative.startswith("/") and all(
        step not in ("", ".", "..") for step in relative.split("/") if relative
    )


def read_manifest(out: Path) -> dict[str, str]:
    """path → sha256 from `out/MANIFEST.json`; empty when missing or unreadable (nothing is pruned)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        entries = data["files"] if isinstance(data, dict) else []
        return {str(e["path"]): str(e["sha256"]) for e in entries if isinstance(e, dict)}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _prune(out: Path, path: str, sha256: str, report: WriteReport) -> None:
    target = confined(out, path)
    if target.is_symlink() or not target.is_file():
        return
    if hashlib.sha256(target.read_bytes()).hexdigest() != sha256:
        report.kept.append(path)
        return
    target.unlink()
    report.removed.append(path)
    report.changed.append(path)
    _remove_empty_parents(out, target.parent)


def _remove_empty_parents(out: Path, folder: Path) -> None:
    root = out.resolve()
    while folder.resolve() != root and folder.resolve().is_relative_to(root):
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        folder = folder.parent
