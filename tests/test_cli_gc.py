"""The page-reading commands run with the cyclic collector's thresholds raised
(cli.GC_THRESHOLDS): their objects are freed by reference counting, and the default gen0
threshold spent about a sixteenth of a whole-corpus `check` in collections that found nothing.
`render` keeps the default (its cyclic garbage would pile up)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cli


@pytest.fixture
def thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


@pytest.mark.usefixtures("thresholds")
def test_check_raises_the_collector_thresholds(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("# A page\n\nNo tabs.\n", encoding="utf-8")
    assert cli.main(["check", "--docs", str(tmp_path), "--no-cache"]) == 0
    assert gc.get_threshold() == cli.GC_THRESHOLDS == (100_000, 50, 100)


@pytest.mark.usefixtures("thresholds")
def test_render_and_version_keep_the_default(tmp_path: Path) -> None:
    assert cli.main(["--version"]) == 0
    assert cli.main(["render", "--specs", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    assert gc.get_threshold() == (700, 10, 10)
