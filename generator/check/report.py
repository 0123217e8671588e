"""What `check` reports: one located finding per problem, and the text/json/github reports.

JSON report (schema version 1), stable for CI consumers:
    {"version": 1,
     "summary": {"pages": n, "in_sync": n, "findings": n, "by_kind": {kind: n}},
     "findings": [{"kind", "path", "line", "label", "message", "diff"}]}
`label` is the tab label or null; `diff` a unified diff or null.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from generator.diagnostics import github_command

REPORT_VERSION = 1

# kinds that are a failure (exit 1); `skipped` is listed, never counted as clean or as a failure;
# `param-case` and `response-shape` are notices (README, check: why)
FAILING_KINDS = frozenset(
    {
        "drift",
        "missing-tab",
        "extra-tab",
        "tab-order",
        "missing-examples",
        "method",
        "param-unknown",
        "param-structure",
        "param-type",
        "param-required-missing",
        "auth-mode",
        "tabs-disagree",
        "wrong-event",
        "event-code",
        "rest-tab-on-js-event",
        "wrong-sdk",
        "mixed-block",
        "twin-mismatch",
    }
)


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    path: str
    line: int
    kind: str
    label: str | None
    message: str
    diff: str | None = None

    @property
    def failing(self) -> bool:
        return self.kind in FAILING_KINDS

    def format_text(self) -> str:
        label = f" [{self.label}]" if self.label else ""
        head = f"{self.path}:{self.line}: {self.kind}{label} {self.message}"
        return head + ("\n" + self.diff.rstrip("\n") if self.diff else "")

    def format_github(self) -> str:
        level = "error" if self.failing else "notice"
        label = f" [{self.label}]" if self.label else ""
        text = f"{self.kind}{label}: {self.message}"
        if self.diff:
            text += "\n" + self.diff
        return github_command(
            level,
            {"file": self.path, "line": str(max(self.line, 1)), "title": f"b24-docgen {self.kind}"},
            text,
        )


def json_report(findings: Sequence[Finding], pages: int, in_sync: int) -> str:
    failing = [f for f in findings if f.failing]
    payload = {
        "version": REPORT_VERSION,
        "summary": {
            "pages": pages,
            "in_sync": in_sync,
            "findings": len(failing),
            "by_kind": dict(sorted(Counter(f.kind for f in findings).items())),
        },
        "findings": [
            {
                k: v
                for k, v in asdict(f).items()
                if k in ("kind", "path", "line", "label", "message", "diff")
            }
            for f in sorted(findings)
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def text_summary(findings: Sequence[Finding], pages: int, in_sync: int) -> str:
    counts = Counter(f.kind for f in findings)
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "none"
    return f"pages checked: {pages}, in sync: {in_sync}; findings: {kinds}"
