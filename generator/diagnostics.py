"""Located diagnostics, the one exit-code enum, and the text/json/github reporters."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import IntEnum
from typing import Literal

Severity = Literal["error", "warning"]


class Exit(IntEnum):
    """Process exit status, computed in one place for every command."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A problem found at `path:line:col` (1-based; 0 when a position makes no sense)."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = "warning"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format_text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def format_github(self) -> str:
        level = "error" if self.is_error else "warning"
        message = _github_escape(f"{self.code} {self.message}")
        return (
            f"::{level} file={self.path},line={max(self.line, 1)},col={max(self.col, 1)}::{message}"
        )

    def to_json(self) -> dict[str, object]:
        return asdict(self)


class DocgenError(Exception):
    """An input or usage problem that stops a command; carries its diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format_text())
        self.diagnostic = diagnostic


def error(path: str, code: str, message: str, line: int = 0, col: int = 0) -> Diagnostic:
    return Diagnostic(path, line, col, code, message, "error")


def warning(path: str, code: str, message: str, line: int = 0, col: int = 0) -> Diagnostic:
    return Diagnostic(path, line, col, code, message, "warning")


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def dump_json(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False)


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
