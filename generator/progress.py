"""A progress bar on stderr for runs long enough to wonder about (rich, imported only when shown).

The command decides whether a run may show one (`enabled`: a terminal on stderr, text output, not
in CI, or `--progress`); the workers report finished pages through `advance`. Nothing is drawn,
and rich is not even imported, until a run has lasted `DELAY` seconds, so warm runs stay as fast
and as quiet as before.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

DELAY = 1.0  # seconds before a bar appears
Item = TypeVar("Item")


class Bar:
    """One run's bar: counts finished items, draws itself once the run has lasted DELAY seconds."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self._shown: Any = None  # rich.progress.Progress once drawn
        self._task: Any = None
        self._logged = 0  # the last tenth written as a plain line

    def add_total(self, count: int) -> None:
        self.total += count
        self._refresh()

    def advance(self, count: int) -> None:
        self.done += count
        self._refresh()

    def _refresh(self) -> None:
        if self._shown is None:
            if time.monotonic() - self.started < DELAY or self.total == 0:
                return
            if not sys.stderr.isatty():
                self._log_line()
                return
            self._start()
        self._shown.update(self._task, total=self.total, completed=self.done)

    def _log_line(self) -> None:
        """Asked for in a log (`--progress` in CI): a plain line at every tenth, not an animation."""
        tenth = self.done * 10 // self.total
        if tenth > self._logged:
            self._logged = tenth
            print(f"{self.label}: {self.done}/{self.total}", file=sys.stderr, flush=True)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self._shown = Progress(
            f"[bold]{self.label}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self._shown.start()
        self._task = self._shown.add_task(self.label, total=self.total)

    def close(self) -> None:
        if self._shown is not None:
            self._shown.stop()


_ACTIVE: list[Bar] = []


def wanted(asked: bool, text_output: bool) -> bool:
    """Asked for (`--progress`), or a person is watching: stderr is a terminal, the output is text
    and this is not a CI log."""
    if asked:
        return True
    return text_output and sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def showing(label: str, enabled: bool) -> Iterator[None]:
    """While the block runs, work reported through `add_total`/`advance` moves a bar."""
    if not enabled:
        yield
        return
    bar = Bar(label)
    _ACTIVE.append(bar)
    try:
        yield
    finally:
        _ACTIVE.remove(bar)
        bar.close()


def counted(items: Sequence[Item]) -> Iterator[Item]:
    """`items`, each counted as done once the loop body that took it has finished."""
    add_total(len(items))
    for item in items:
        yield item
        advance(1)


def active() -> bool:
    return bool(_ACTIVE)


def add_total(count: int) -> None:
    for bar in _ACTIVE:
        bar.add_total(count)


def advance(count: int) -> None:
    for bar in _ACTIVE:
        bar.advance(count)
