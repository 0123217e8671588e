"""Atomic, change-only writes confined to an output root."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from generator.diagnostics import DocgenError, error


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
    if path.is_symlink():
        raise DocgenError(error(str(path), "E-SYMLINK", "refusing to write through a symlink"))
    try:
        if path.read_bytes() == data:
            return False
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode if mode is not None else 0o666 & ~_umask())
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise DocgenError(
            error(str(path), "E-WRITE", f"cannot write: {exc.strerror or exc}")
        ) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return True


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
