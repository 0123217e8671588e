"""What `check` learns about one page (`Outcome`) and about a run (`Report`); what `sync` applies."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from generator.check.report import Finding
from generator.diagnostics import Diagnostic

if TYPE_CHECKING:
    from generator.rewrite import Edit


@dataclass
class Outcome:
    rel: str
    page_type: str  # "event" | "method" | "none"
    findings: list[Finding] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    deps: dict[str, list[int]] = field(default_factory=dict)
    sha256: str | None = None  # of the bytes evaluated (the cache's hash; what edits apply to)

    @property
    def in_sync(self) -> bool:
        return (
            self.page_type != "none"
            and not any(f.failing for f in self.findings)
            and not self.diagnostics
        )

    def to_cache(self) -> dict[str, Any]:
        return {
            "page_type": self.page_type,
            "findings": [asdict(f) for f in self.findings],
            "diagnostics": [asdict(d) for d in self.diagnostics],
        }

    @classmethod
    def from_cache(cls, rel: str, data: dict[str, Any]) -> Outcome:
        return cls(
            rel,
            data["page_type"],
            [Finding(**f) for f in data["findings"]],
            diagnostics=[Diagnostic(**d) for d in data["diagnostics"]],
        )


@dataclass
class Report:
    outcomes: list[Outcome]

    @property
    def findings(self) -> list[Finding]:
        return sorted(f for o in self.outcomes for f in o.findings)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for o in self.outcomes for d in o.diagnostics]

    @property
    def checked(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.page_type != "none"]

    @property
    def in_sync(self) -> int:
        return sum(o.in_sync for o in self.checked)
