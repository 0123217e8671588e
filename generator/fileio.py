"""Atomic, change-only writes confined to an output root; reads that refuse what is not a file.

Temp files are named `.<name>.b24-docgen.<pid>.<random>.tmp`: an interrupted run's leftovers are
recognisable, and the next run removes those whose process is gone (never a live run's).
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.diagnostics import DocgenError, error

TEMP_MARK = ".b24-docgen."
LEFTOVER = re.compile(r"^\..+\.b24-docgen\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")


def confined(root: Path, relative: str) -> Path:
    """`root/relative`, refusing anything that would land outside the root."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise DocgenError(error(relative, "E-OUTPUT-OUTSIDE", f"output path escapes {root}"))
    return root / relative


def write_atomic(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ: temp file in the same folder, fsync, rename.

    Keeps the permissions of the file it replaces and refuses to write through a symlink.
    Returns whether the file changed.
    """
    with signals_deferred():  # a Ctrl-C or SIGTERM lands after the write, never mid-way
        temp_name = _stage(path, data, durable=True)
        if temp_name is None:
            return False
        try:
            _replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    return True


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while inside (main thread): a handler raising between the
    temp file's creation and its rename or removal would leave it behind. A signal that arrives
    meanwhile is delivered on the way out."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _current(path: Path, data: bytes) -> tuple[bool, int | None]:
    """Whether `path` already holds `data`, and its permission bits (None: no such file)."""
    if path.is_symlink():
        raise DocgenError(error(str(path), "E-SYMLINK", "refusing to write through a symlink"))
    try:
        if path.read_bytes() == data:
            return True, None
        return False, stat.S_IMODE(path.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False, None
    except OSError as exc:
        raise DocgenError(error(str(path), "E-WRITE", f"cannot write: {exc.strerror}")) from None


def write_atomic_many(items: Iterable[tuple[Path, bytes]]) -> list[bool]:
    """`write_atomic` for many files (whether each changed), with one flush to disk instead of one
    fsync a file (a disk round trip each: most of `render`'s wall time over a whole corpus). Every
    changed file goes to its temp file first, then all their data is flushed (`os.sync`), then each
    is renamed over its target: a target always holds its old or its new bytes.

    Each folder is listed once (`_Folder`): a file the listing does not hold is new, so it is
    neither read nor checked for a symlink, and its folder is made once, not once a file. Signals
    are held back a folder at a time (a staged temp file is in `staged` before one can land)."""
    staged: list[tuple[str, Path]] = []
    changed: list[bool] = []
    renamed = 0
    try:
        for folder, group in _by_folder(items):
            with signals_deferred():
                for path, data in group:
                    temp = folder.stage(path, data)
                    changed.append(temp is not None)
                    if temp is not None:
                        staged.append((temp, path))
        if staged:
            os.sync()
        for temp, path in staged:
            _replace(temp, path)
            renamed += 1
    finally:
        for temp, _ in staged[renamed:]:
            Path(temp).unlink(missing_ok=True)
    return changed


def _by_folder(
    items: Iterable[tuple[Path, bytes]],
) -> Iterator[tuple[_Folder, list[tuple[Path, bytes]]]]:
    """The items in their order, in runs of one folder each, with that folder's listing."""
    run: list[tuple[Path, bytes]] = []
    for item in items:
        if run and item[0].parent != run[0][0].parent:
            yield _Folder(run[0][0].parent), run
            run = []
        run.append(item)
    if run:
        yield _Folder(run[0][0].parent), run


class _Folder:
    """One output folder, listed once: the names it holds, the folder made on the first write."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            with os.scandir(folder) as entries:
                self.names: frozenset[str] | None = frozenset(entry.name for entry in entries)
        except (FileNotFoundError, NotADirectoryError):
            self.names = frozenset()  # nothing there yet (or a file in the way: made below)
        except OSError:
            self.names = None  # unlistable: every file is checked on its own
        self.made = False

    def stage(self, path: Path, data: bytes) -> str | None:
        """`_stage` for a file of this folder, skipping what the listing already answers."""
        if self.names is None or path.name in self.names:
            return _stage(path, data)
        if not self.made:
            make_folder(self.folder)
            self.made = True
        return _write_new_temp(path, data)


def _write_new_temp(path: Path, data: bytes) -> str:
    """A temp file beside `path` holding `data`, with the permissions a new file gets."""
    handle, temp_name = temp_file(path, 0o666)
    with _removed_on_failure(path, temp_name):
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)
    return temp_name


def _stage(path: Path, data: bytes, durable: bool = False) -> str | None:
    """The temp file holding `data` beside `path` (None: `path` already holds it); `durable`
    flushes it to disk (fsync) before it is returned."""
    unchanged, mode = _current(path, data)
    if unchanged:
        return None
    make_folder(path.parent)
    handle, temp_name = temp_file(path)
    with _removed_on_failure(path, temp_name):
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            if durable:
                temp.flush()
                os.fsync(temp.fileno())
        os.chmod(temp_name, mode if mode is not None else 0o666 & ~_umask())
    return temp_name


@contextmanager
def _removed_on_failure(path: Path, temp_name: str) -> Iterator[None]:
    """The temp file goes when writing it fails (interrupts too); an OSError is E-WRITE."""
    try:
        yield
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise


def _write_error(path: Path, exc: OSError) -> DocgenError:
    return DocgenError(error(str(path), "E-WRITE", f"cannot write: {exc.strerror or exc}"))


def _replace(temp: str, path: Path) -> None:
    try:
        os.replace(temp, path)
    except OSError as exc:
        raise _write_error(path, exc) from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def temp_file(path: Path, mode: int = 0o600) -> tuple[int, str]:
    """A new temp file beside `path` (open for writing, `mode` less the umask), named so that
    `remove_leftovers` recognises it."""
    if mode == 0o600:
        return tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}{TEMP_MARK}{os.getpid()}.", suffix=".tmp"
        )
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    while True:
        name = f"{path.parent}/.{path.name}{TEMP_MARK}{os.getpid()}.{next(_temp_numbers)}.tmp"
        try:
            return os.open(name, flags, mode), name
        except FileExistsError:
            continue  # a leftover of an earlier process with this pid


_temp_numbers = itertools.count()


def make_folder(folder: Path) -> None:
    """`mkdir -p`, with a located diagnostic instead of a traceback (a file in the way, EACCES)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = next(
            (p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None
        )
        if blocker is not None:
            raise DocgenError(
                error(blocker.as_posix(), "E-NOT-A-FOLDER", "is a file where a folder is needed")
            ) from None
        raise DocgenError(
            error(folder.as_posix(), "E-WRITE", f"cannot create folder: {exc.strerror or exc}")
        ) from None


def output_folder(folder: Path) -> Path:
    """An output folder that exists or can be made; refuses a file (before anything is written)."""
    if folder.exists() and not folder.is_dir():
        raise DocgenError(
            error(folder.as_posix(), "E-NOT-A-FOLDER", "is a file where a folder is needed")
        )
    return folder


def remove_leftovers(folders: Iterable[Path]) -> list[Path]:
    """Delete our temp files that a killed run left behind (their process is gone); sorted."""
    removed: list[Path] = []
    for folder in sorted(set(folders)):
        try:
            entries = [e for e in os.scandir(folder) if TEMP_MARK in e.name]
        except OSError:
            continue
        for entry in entries:
            match = LEFTOVER.match(entry.name)
            if (
                match is None
                or _alive(int(match["pid"]))
                or not entry.is_file(follow_symlinks=False)
            ):
                continue
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return sorted(removed)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def read_regular(file: Path) -> bytes:
    """The bytes of a regular file. A FIFO, device or socket is refused before it is read (opening
    it non-blocking and checking the open file, so a swap after a check cannot make us block)."""
    descriptor = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(file, file_kind(info.st_mode))
        os.set_blocking(descriptor, True)
        chunks = []
        while chunk := os.read(descriptor, max(info.st_size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


class NotRegularFileError(OSError):
    """Raised by `read_regular` for a FIFO, a device, a socket or a folder."""

    def __init__(self, file: Path, kind: str) -> None:
        super().__init__(f"not a regular file ({kind})")
        self.kind = kind
        self.strerror = f"not a regular file ({kind})"
        self.filename = str(file)

    def describe(self) -> str:
        return f"not a regular file ({self.kind})"


def file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")
