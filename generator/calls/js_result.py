"""Which result paths JavaScript code reads (stub: filled in below)."""

from __future__ import annotations

from generator.calls.trees import Piece


def js_result_access(piece: Piece) -> tuple[tuple[str, ...], ...]:
    return ()
