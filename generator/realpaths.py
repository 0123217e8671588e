"""Real paths for one run: each folder resolved once, each file with one `lstat`.

`Path.resolve()` walks every component of a path with an `lstat`; for the 2,700 pages of a corpus
(and each page's includes, and the root once a page) that was a third of a second of a `check`. A
file's real path is its folder's real path plus its name, unless the name is itself a symlink:
so the folders are resolved once and kept, and a file costs one `lstat`. Anything else (a symlink,
an unusual name, an error) takes the full resolution, so the answers are those of
`Path.resolve()` and `os.path.realpath(strict=True)` exactly. The folders are kept by a
`RealPaths` made for one run (a chunk of pages in one worker), never by the process: a folder
swapped for a symlink between two runs of one process is seen by the next.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PLAIN = frozenset({"", ".", ".."})  # names whose join with a real folder is not a real path


class RealPaths:
    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def folder(self, path: Path | str) -> str | None:
        """`str(Path(path).resolve())`, worked out once a run; None where that raises."""
        key = os.fspath(path)
        real = self._folders.get(key)
        if real is None:
            try:
                real = self._folders[key] = str(Path(key).resolve())
            except (OSError, RuntimeError):  # a loop: the caller's full resolution says so
                return None
        return real

    def resolve(self, path: Path | str) -> str:
        """`str(Path(path).resolve())`: a missing file resolves to where it would be."""
        joined = self._in_real_folder(os.fspath(path))
        if joined is None:
            return str(Path(path).resolve())
        try:
            mode = os.lstat(joined).st_mode
        except FileNotFoundError:
            return joined
        except OSError:
            return str(Path(path).resolve())
        return str(Path(path).resolve()) if stat.S_ISLNK(mode) else joined

    def existing(self, path: Path | str) -> str | None:
        """`os.path.realpath(path, strict=True)`, or None where that raises FileNotFoundError or
        meets a symlink loop; other OS errors propagate."""
        joined = self._in_real_folder(os.fspath(path))
        if joined is None:
            return _strict(os.fspath(path))
        try:
            mode = os.lstat(joined).st_mode
        except OSError:  # missing (or its folder is): strict resolution says which answer
            return _strict(os.fspath(path))
        return _strict(os.fspath(path)) if stat.S_ISLNK(mode) else joined

    def _in_real_folder(self, path: str) -> str | None:
        """The path's name joined to its folder's real path: its real path unless the name is a
        symlink (the callers `lstat` it). None when the folder cannot be resolved (or the name
        is not a plain name): the callers resolve the whole path."""
        head, name = os.path.split(path)
        folder = None if name in PLAIN or not head else self.folder(head)
        return None if folder is None else os.path.join(folder, name)


def _strict(path: str) -> str | None:
    try:
        return os.path.realpath(path, strict=True)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None
        raise
