"""Where the shared corpus and seed live; tests that need them skip with a stated reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS_RU = SHARED / "corpus" / "ru"
CORPUS_EN = SHARED / "corpus" / "en-sample"
SEED = SHARED / "seeds" / "000_4e12cae85d8c6b77.txt"
SEED_PAGE = "api-reference/widgets/ui-interaction/call-card/call-card-before-close.md"
EXAMPLES_DOCS = REPO / "examples" / "docs"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: corpus tests need ../shared beside the repository")
    return path


def writable_copy(source: Path, target: Path) -> Path:
    """A copy of a docs tree whose files and folders are writable (`../shared` is read-only)."""
    shutil.copytree(source, target, copy_function=shutil.copyfile)
    for path in [target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def seed_root(tmp: Path) -> Path:
    """A docs root holding the seed page at its 2024 path, plus the include it uses."""
    need(SEED)
    page = tmp / SEED_PAGE
    page.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, page)
    include = tmp / "_includes" / "examples.md"
    include.parent.mkdir(parents=True, exist_ok=True)
    include.write_text("See how the examples are meant to be used. {.b24-info}\n", encoding="utf-8")
    return tmp
