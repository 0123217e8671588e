"""No byte lost on the way to disk: a full disk, a read-only page and a SIGKILL in the middle of `sync`.

Writes go through `generator.fileio.write_atomic` (temp file in the same folder, fsync, rename). A
failed write must leave the target with its old bytes and no temp file; a killed sync must leave
every page either old or new. A SIGKILL cannot be cleaned up after: it may leave at most the one
hidden temp file being written (`.<page>.<random>.tmp`, never a `.md`, so no command reads it).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generator import fileio
from generator.cli import main
from generator.diagnostics import DocgenError
from generator.fileio import write_atomic

REPO = Path(__file__).resolve().parents[1]
TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.b24-docgen\.\d+\.[^.]+\.tmp$")

JS_PAGE = """# Событие закрытия демо-виджета Widget::Closed{n}

> Scope: [`placement`](../../../../scopes/permissions.md)
>
> Кто может подписаться: любой пользователь

Событие `Widget::Closed{n}` приходит в виджет, когда пользователь закрывает демо-окно номер {n}.

{{% note info "" %}}

Это событие js-интерфейса, а не событие REST.

{{% endnote %}}

## Примеры кода

{{% list tabs %}}

- BX24.js

    ```js
    BX24.placement.bindEvent('Widget::Closed{n}', function () {{ /* старый код {n} */ }});
    ```

{{% endlist %}}
"""


def make_docs(root: Path, pages: int, newline: str = "\n") -> list[Path]:
    made = []
    for n in range(pages):
        page = root / "api-reference" / "demo" / "widget" / "events" / f"widget-closed-{n:03d}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_bytes(JS_PAGE.format(n=n).replace("\n", newline).encode("utf-8"))
        made.append(page)
    return made


def leftovers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".md"))


# --- a full disk ----------------------------------------------------------------------------------


def _enospc(*_: Any, **__: Any) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _HalfWriter:
    """A temp file whose write puts down half the bytes, then finds the disk full."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def _os_with(**overrides: Any) -> SimpleNamespace:
    """`os` as generator.fileio sees it, with some functions replaced."""
    return SimpleNamespace(
        **{**{k: getattr(os, k) for k in dir(os) if not k.startswith("__")}, **overrides}
    )


@pytest.mark.parametrize("where", ["write", "fsync", "replace", "chmod"])
def test_a_full_disk_keeps_the_old_bytes_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "page.md"
    target.write_bytes(b"old bytes\r\nsecond line")
    overrides = {
        "write": {"fdopen": lambda *a, **k: _HalfWriter(os.fdopen(*a, **k))},
        "fsync": {"fsync": _enospc},
        "replace": {"replace": _enospc},
        "chmod": {"chmod": _enospc},
    }[where]
    monkeypatch.setattr(fileio, "os", _os_with(**overrides))
    with pytest.raises(DocgenError) as caught:
        write_atomic(target, b"new bytes that do not fit")
    assert caught.value.diagnostic.code == "E-WRITE"
    assert "No space left on device" in caught.value.diagnostic.message
    assert target.read_bytes() == b"old bytes\r\nsecond line"
    assert leftovers(tmp_path) == []


def test_sync_on_a_full_disk_exits_2_and_keeps_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    pages = make_docs(docs, 3, newline="\r\n")
    before = {p: p.read_bytes() for p in pages}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(fileio, "os", _os_with(fsync=_enospc))
    code = main(["sync", "--docs", str(docs), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 2
    assert "E-WRITE cannot write: No space left on device" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert {p: p.read_bytes() for p in pages} == before
    assert leftovers(docs) == []


def test_a_read_only_page_is_never_replaced_and_nothing_else_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    pages = make_docs(docs, 3)
    pages[2].chmod(0o444)  # the last one: the first two must not be written either
    before = {p: p.read_bytes() for p in pages}
    monkeypatch.chdir(tmp_path)
    code = main(["sync", "--docs", str(docs), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 2 and "E-READONLY page is not writable; nothing was changed" in err
    assert {p: p.read_bytes() for p in pages} == before
    assert oct(pages[2].stat().st_mode & 0o777) == oct(0o444)
    pages[2].chmod(0o644)
    assert main(["sync", "--docs", str(docs), "--no-cache"]) == 0
    assert all(p.read_bytes() != before[p] for p in pages)


def test_a_symlinked_page_is_not_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"keep")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(DocgenError) as caught:
        write_atomic(link, b"changed")
    assert caught.value.diagnostic.code == "E-SYMLINK"
    assert real.read_bytes() == b"keep" and link.is_symlink()


# --- SIGKILL in the middle of sync ----------------------------------------------------------------

DRIVER = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
from types import SimpleNamespace
import generator.fileio as fileio
from generator.cli import main

real_fdopen = os.fdopen

class Slow:
    def __init__(self, real):
        self.real = real
    def write(self, data):
        print("writing", flush=True)
        half = len(data) // 2
        self.real.write(data[:half]); self.real.flush()
        time.sleep(0.02)
        return self.real.write(data[half:])
    def __getattr__(self, name):
        return getattr(self.real, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.real.close()

def slow_fsync(fd):
    time.sleep(0.01)
    os.fsync(fd)

fileio.os = SimpleNamespace(**{**{k: getattr(os, k) for k in dir(os) if not k.startswith("__")},
                               "fdopen": lambda *a, **k: Slow(real_fdopen(*a, **k)), "fsync": slow_fsync})
sys.exit(main(["sync", "--docs", sys.argv[2], "--no-cache"]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [1, 7, 23])
def test_sigkill_during_sync_leaves_every_page_old_or_new(tmp_path: Path, kill_after: int) -> None:
    pages_count = 30
    reference = tmp_path / "reference"
    make_docs(reference, pages_count)
    old = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*.md")}
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    assert (
        subprocess.run(
            [sys.executable, "-m", "generator", "sync", "--docs", str(reference), "--no-cache"],
            cwd=cwd,
            capture_output=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        ).returncode
        == 0
    )
    new = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*.md")}
    assert all(new[rel] != old[rel] for rel in old), "every page must need a sync for this test"

    docs = tmp_path / "docs"
    make_docs(docs, pages_count)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(driver), str(REPO), str(docs)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        seen = 0
        deadline = time.monotonic() + 120
        while seen < kill_after and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen += line.startswith("writing")
        assert seen == kill_after, (
            f"sync ended before write {kill_after}: {process.stderr.read() if process.stderr else ''}"
        )
        time.sleep(0.01)  # land inside the half-written temp file, or just after
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    states = {"old": 0, "new": 0}
    for rel, data in old.items():
        now = (docs / rel).read_bytes()
        assert now in (data, new[rel]), f"{rel} is neither the old nor the new page"
        states["old" if now == data else "new"] += 1
    assert states["new"] >= kill_after - 1 and states["old"] >= 1, states
    stray = leftovers(docs)
    assert len(stray) <= 1, stray
    for temp in stray:
        match = TEMP_NAME.match(temp.name)
        assert (
            match and match["target"].endswith(".md") and (temp.parent / match["target"]).is_file()
        ), temp
    assert not list(cwd.iterdir())
    # the next run removes the killed run's temp file (recognised by name and dead pid), says so
    again = subprocess.run(
        [sys.executable, "-m", "generator", "sync", "--docs", str(docs), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert again.returncode == 0, again.stderr
    assert again.stderr == "".join(
        f"{t.as_posix()}:0:0: W-LEFTOVER removed a temp file an interrupted run left\n"
        for t in stray
    )
    assert leftovers(docs) == []
    assert all((docs / rel).read_bytes() == new[rel] for rel in old)
    shutil.rmtree(docs)


def test_an_unreadable_page_is_a_located_error_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    pages = make_docs(docs, 2)
    real_read = fileio.read_regular

    def read_regular(file: Path) -> bytes:
        if file.name == pages[0].name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_read(file)

    monkeypatch.setattr(fileio, "read_regular", read_regular)  # root reads anything: EACCES
    monkeypatch.chdir(tmp_path)
    for argv in (
        ["parse", "--docs", str(docs), "--out", str(tmp_path / "specs")],
        ["check", "--docs", str(docs), "--no-cache"],
        ["sync", "--docs", str(docs), "--no-cache"],
    ):
        code = main(argv)
        captured = capsys.readouterr()
        assert code == 2, (argv, captured)
        assert "E-READ cannot read: Permission denied" in captured.err
        assert "Traceback" not in captured.err
    assert pages[0].read_bytes() == JS_PAGE.format(n=0).encode()
