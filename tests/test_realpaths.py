"""RealPaths answers what `Path.resolve()` and `os.path.realpath(strict=True)` answer, on every
corpus file and on the symlink shapes a docs tree can hold (a folder resolved once a run must not
change an answer)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.realpaths import RealPaths
from tests.corpus import CORPUS_RU, need


def _strict(path: str) -> str | None:
    """What the includes are promised: `Path.resolve(strict=True)`, None for a missing file or a
    symlink loop, other errors raised."""
    try:
        return str(Path(path).resolve(strict=True))
    except (FileNotFoundError, RuntimeError):
        return None


def _outcome(resolve: Callable[[str], str | None], path: str) -> object:
    try:
        return resolve(path)
    except OSError as exc:
        return type(exc)


def test_every_corpus_file_resolves_as_path_resolve_does() -> None:
    root = need(CORPUS_RU)
    paths = RealPaths()
    files = sorted(p for p in root.rglob("*") if p.is_file())
    assert len(files) > 2687
    assert [paths.resolve(p) for p in files] == [str(p.resolve()) for p in files]
    assert [paths.existing(str(p)) for p in files] == [_strict(str(p)) for p in files]
    assert paths.folder(root) == str(root.resolve())


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """docs/ with a plain page, a page symlink inside and one outside, a folder symlink, a
    dangling link, a loop, and a folder that is a symlink loop."""
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "page.md").write_text("x", encoding="utf-8")
    (tmp_path / "outside.md").write_text("y", encoding="utf-8")
    (docs / "a" / "inner.md").symlink_to("page.md")
    (docs / "a" / "out.md").symlink_to(tmp_path / "outside.md")
    (docs / "b").symlink_to(docs / "a")
    (docs / "a" / "dangling.md").symlink_to("nowhere.md")
    (docs / "a" / "loop1.md").symlink_to("loop2.md")
    (docs / "a" / "loop2.md").symlink_to("loop1.md")
    (docs / "c").symlink_to("d")
    (docs / "d").symlink_to("c")
    return docs


NAMES = [
    "a/page.md",
    "a/inner.md",
    "a/out.md",
    "b/page.md",
    "b/out.md",
    "a/dangling.md",
    "a/missing.md",
    "missing/page.md",
    "a/page.md/below",  # a file as a folder: NotADirectoryError from both
    "a/.",
    "a/..",
    "b/../a/page.md",
]


@pytest.mark.parametrize("name", NAMES)
def test_symlink_shapes_resolve_as_path_resolve_does(tree: Path, name: str) -> None:
    path = tree / name
    assert RealPaths().resolve(path) == str(path.resolve())
    assert _outcome(RealPaths().existing, str(path)) == _outcome(_strict, str(path))


@pytest.mark.parametrize("name", ["a/loop1.md", "c/page.md"])
def test_loops_fail_or_answer_none_as_the_full_resolution_does(tree: Path, name: str) -> None:
    path = tree / name
    assert RealPaths().existing(str(path)) is None
    with pytest.raises(RuntimeError):
        path.resolve()
    with pytest.raises(RuntimeError):
        RealPaths().resolve(path)


def test_folders_are_kept_by_one_run_only(tree: Path) -> None:
    run = RealPaths()
    assert run.resolve(tree / "b" / "page.md") == str(tree / "a" / "page.md")
    (tree / "b").unlink()
    (tree / "e").mkdir()
    (tree / "e" / "page.md").write_text("z", encoding="utf-8")
    (tree / "b").symlink_to(tree / "e")
    assert RealPaths().resolve(tree / "b" / "page.md") == str(tree / "e" / "page.md")
    assert run.resolve(tree / "b" / "page.md") == str(tree / "a" / "page.md")  # kept: one run


def test_a_page_linking_out_of_the_root_is_still_refused(tree: Path) -> None:
    from generator.diagnostics import DocgenError
    from generator.source import read_page

    paths = RealPaths()
    assert read_page(tree, "b/page.md", paths) == b"x"
    with pytest.raises(DocgenError) as found:
        read_page(tree, "a/out.md", paths)
    assert found.value.diagnostic.code == "E-OUTSIDE-ROOT"
