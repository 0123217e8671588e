"""sync_pages (generator/sync.py) on hand-made outcomes: which pages it skips, the exact
diagnostic of a page changed under it, of a page that is not UTF-8 or not writable, and what an
interrupted run says it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.sync as sync
from generator.check.outcome import Outcome
from generator.diagnostics import DocgenError, error
from generator.rewrite import Edit

EDIT = [Edit(1, 1, ("new",))]


def _docs(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / name).write_bytes(b"old\n")
    return tmp_path


def test_a_page_with_an_error_is_skipped_and_the_next_one_still_synced(tmp_path: Path) -> None:
    root = _docs(tmp_path, "a.md", "b.md")
    broken = Outcome(
        "a.md", "event", edits=EDIT, diagnostics=[error("a.md", "E-INCLUDE-MISSING", "x")]
    )
    result = sync.sync_pages(root, [broken, Outcome("b.md", "event", edits=EDIT)], dry_run=False)
    assert result.changed == [(root / "b.md").as_posix()]
    assert (root / "a.md").read_bytes() == b"old\n"
    assert (root / "b.md").read_bytes() == b"new\n"


def test_a_fatal_error_elsewhere_stops_every_write(tmp_path: Path) -> None:
    root = _docs(tmp_path, "b.md")
    fatal = Outcome("c.md", "none", diagnostics=[error("c.md", "E-PARSE", "x")])
    result = sync.sync_pages(root, [fatal, Outcome("b.md", "event", edits=EDIT)], dry_run=False)
    assert result.changed == []
    assert (root / "b.md").read_bytes() == b"old\n"


def test_a_page_changed_under_sync_is_refused_with_its_path(tmp_path: Path) -> None:
    root = _docs(tmp_path, "a.md")
    stale = Outcome("a.md", "event", edits=EDIT, sha256="0" * 64)
    with pytest.raises(DocgenError) as caught:
        sync.sync_pages(root, [stale], dry_run=True)
    path = (root / "a.md").as_posix()
    message = "page changed while sync ran; nothing was changed"
    assert caught.value.diagnostic == error(path, "E-CHANGED", message)


def test_a_page_that_is_not_utf8_is_refused_with_its_docs_path(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"ok\n\xff\n")
    with pytest.raises(DocgenError) as caught:
        sync.sync_pages(tmp_path, [Outcome("a.md", "event", edits=EDIT)], dry_run=True)
    expected = error("a.md", "E-ENCODING", "not valid UTF-8 (byte 0xff)", 2, 1)
    assert caught.value.diagnostic == expected


def test_a_page_without_write_bits_is_refused_even_with_the_execute_bit(tmp_path: Path) -> None:
    root = _docs(tmp_path, "a.md")
    (root / "a.md").chmod(0o001)
    try:
        with pytest.raises(DocgenError) as caught:
            sync.sync_pages(root, [Outcome("a.md", "event", edits=EDIT)], dry_run=False)
    finally:
        (root / "a.md").chmod(0o644)
    path = (root / "a.md").as_posix()
    assert caught.value.diagnostic.code == "E-READONLY"
    assert caught.value.diagnostic.path == path
    assert (root / "a.md").read_bytes() == b"old\n"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (0, "nothing was changed"),
        (2, "2 pages were written before it: {a}, {b}"),
    ],
)
def test_an_interrupted_run_names_the_pages_it_wrote(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    written: int,
    said: str,
) -> None:
    root = _docs(tmp_path, "a.md", "b.md", "c.md")
    real = sync.write_atomic
    calls: list[Path] = []

    def interrupt(path: Path, data: bytes) -> None:
        if len(calls) == written:
            raise KeyboardInterrupt
        calls.append(path)
        real(path, data)

    monkeypatch.setattr(sync, "write_atomic", interrupt)
    outcomes = [Outcome(name, "event", edits=EDIT) for name in ("a.md", "b.md", "c.md")]
    with pytest.raises(KeyboardInterrupt):
        sync.sync_pages(root, outcomes, dry_run=False)
    a, b = (root / "a.md").as_posix(), (root / "b.md").as_posix()
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"sync: interrupted; {said.format(a=a, b=b)}\n")
