"""`write_atomic_many`: the batch write `render` uses (one flush to disk for all files, not one fsync
a file), with the same guarantees as `write_atomic`: old or new bytes, no temp file left behind."""

from __future__ import annotations

import errno
import itertools
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


def test_new_files_get_the_mode_a_new_file_gets_and_old_files_keep_theirs(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_bytes(b"old")
    kept.chmod(0o600)
    previous = os.umask(0o027)
    try:
        assert write_atomic_many([(kept, b"new"), (tmp_path / "d" / "new.txt", b"x")]) == [
            True,
            True,
        ]
    finally:
        os.umask(previous)
    assert oct(kept.stat().st_mode & 0o777) == oct(0o600)
    assert oct((tmp_path / "d" / "new.txt").stat().st_mode & 0o777) == oct(0o640)
    assert kept.read_bytes() == b"new"


def test_each_new_folder_is_made_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = fileio.make_folder

    def counting(folder: Path) -> None:
        made.append(folder.relative_to(tmp_path).as_posix())
        real(folder)

    monkeypatch.setattr(fileio, "make_folder", counting)
    names = ["a/1", "a/2", "a/3", "b/1", "b/2"]
    assert write_atomic_many([(tmp_path / n, n.encode()) for n in names]) == [True] * 5
    assert made == ["a", "b"]
    assert [(tmp_path / n).read_bytes() for n in names] == [n.encode() for n in names]
    assert _leftovers(tmp_path) == []


def test_a_symlink_in_a_listed_folder_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(b"keep")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "link.txt").symlink_to(tmp_path / "real.txt")
    items = [(tmp_path / "d" / "new.txt", b"new"), (tmp_path / "d" / "link.txt", b"changed")]
    with pytest.raises(DocgenError) as caught:
        write_atomic_many(items)
    assert caught.value.diagnostic.code == "E-SYMLINK"
    assert (tmp_path / "real.txt").read_bytes() == b"keep"
    assert not (tmp_path / "d" / "new.txt").exists()
    assert _leftovers(tmp_path) == []


def test_batch_temp_files_are_leftovers_the_next_run_recognises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fileio, "_temp_numbers", itertools.count())
    taken = tmp_path / f".page.md{fileio.TEMP_MARK}{os.getpid()}.0.tmp"
    taken.write_bytes(b"an earlier process's leftover")
    handle, name = fileio.temp_file(tmp_path / "page.md", 0o666)
    os.close(handle)
    assert Path(name).name == f".page.md{fileio.TEMP_MARK}{os.getpid()}.1.tmp"
    match = fileio.LEFTOVER.match(Path(name).name)
    assert match is not None and int(match["pid"]) == os.getpid()
    assert taken.read_bytes() == b"an earlier process's leftover"
