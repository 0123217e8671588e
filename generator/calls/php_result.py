"""Which result paths PHP code reads (stub)."""

from __future__ import annotations

from generator.calls.trees import Piece


def php_result_access(piece: Piece) -> tuple[tuple[str, ...], ...]:
    return ()
