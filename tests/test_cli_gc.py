"""Every command runs with the cyclic collector's thresholds raised (cli.GC_THRESHOLDS): the
pipeline's objects are freed by reference counting, and the default gen0 threshold spent about a
sixteenth of a whole-corpus `check` in collections that found nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from generator import cli


@pytest.fixture
def thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


@pytest.mark.usefixtures("thresholds")
def test_a_command_raises_the_collector_thresholds(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert gc.get_threshold() == cli.GC_THRESHOLDS == (100_000, 50, 100)
    assert capsys.readouterr().out.startswith("b24-docgen ")
