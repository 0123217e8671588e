"""`write_atomic_many`: the batch write `render` uses (one flush to disk for all files, not one fsync
a file), with the same guarantees as `write_atomic`: old or new bytes, no temp file left behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generator import fileio
from generator.diagnostics import DocgenError
from generator.fileio import write_atomic_many


def _os_with(**overrides: Any) -> SimpleNamespace:
    names = {k: getattr(os, k) for k in dir(os) if not k.startswith("__")}
    return SimpleNamespace(**{**names, **overrides})


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*.tmp"))


def test_changed_files_are_written_with_one_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    same = tmp_path / "same.txt"
    same.write_bytes(b"kept")
    syncs: list[int] = []
    fsyncs: list[int] = []
    monkeypatch.setattr(
        fileio, "os", _os_with(sync=lambda: syncs.append(1), fsync=lambda fd: fsyncs.append(fd))
    )
    items = [(same, b"kept"), (tmp_path / "a" / "new.txt", b"new"), (tmp_path / "b.txt", b"b")]
    assert write_atomic_many(items) == [False, True, True]
    assert (tmp_path / "a" / "new.txt").read_bytes() == b"new"
    assert (tmp_path / "b.txt").read_bytes() == b"b"
    assert (syncs, fsyncs) == ([1], [])
    assert _leftovers(tmp_path) == []


def test_nothing_changed_needs_no_sync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(b"x")
    syncs: list[int] = []
    monkeypatch.setattr(fileio, "os", _os_with(sync=lambda: syncs.append(1)))
    assert write_atomic_many([(page, b"x")]) == [False]
    assert syncs == []


def test_a_failed_rename_keeps_old_bytes_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_bytes(b"old 1")
    second.write_bytes(b"old 2")
    real_replace = os.replace

    def replace(source: str, target: Path) -> None:
        if Path(target).name == "second.txt":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, target)

    monkeypatch.setattr(fileio, "os", _os_with(replace=replace))
    with pytest.raises(DocgenError) as caught:
        write_atomic_many([(first, b"new 1"), (second, b"new 2")])
    assert caught.value.diagnostic.code == "E-WRITE"
    assert caught.value.diagnostic.path == str(second)
    assert (first.read_bytes(), second.read_bytes()) == (b"new 1", b"old 2")
    assert _leftovers(tmp_path) == []


def test_a_symlink_is_refused_before_any_file_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"keep")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    first = tmp_path / "first.txt"
    with pytest.raises(DocgenError) as caught:
        write_atomic_many([(first, b"new"), (link, b"changed")])
    assert caught.value.diagnostic.code == "E-SYMLINK"
    assert not first.exists() and real.read_bytes() == b"keep"
    assert _leftovers(tmp_path) == []
