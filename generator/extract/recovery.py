"""Which page errors still leave a spec to write (kept light: the warm `check` path imports it)."""

from __future__ import annotations

# a missing include (generator/extract/unresolved.py): the spec is written, the error reported
RECOVERABLE = frozenset({"E-INCLUDE-MISSING"})


def is_fatal(diagnostic_code: str, severity: str) -> bool:
    """An error that leaves no spec to write."""
    return severity == "error" and diagnostic_code not in RECOVERABLE
