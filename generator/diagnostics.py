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
        return github_command(
            "error" if self.is_error else "warning",
            {"file": self.path, "line": str(max(self.line, 1)), "col": str(max(self.col, 1))},
            f"{self.code} {self.message}",
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


def github_command(level: str, properties: dict[str, str], message: str) -> str:
    """A GitHub workflow command `::level k=v,…::message`, escaped per the runner's rules: `%`, CR
    and LF in the message; those and also `:` and `,` in property values (a file name holding a
    comma or a newline must not end the property or start a second command)."""
    props = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{level} {props}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
