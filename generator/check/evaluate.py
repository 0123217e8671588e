"""One page's check, whatever its kind: plan the profile's tabs, lint, compare with the twin."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.check.expected import expected_tabs_for, label_targets
from generator.check.outcome import Outcome
from generator.check.plan import plan_page
from generator.diagnostics import Diagnostic
from generator.extract.recovery import is_fatal
from generator.kinds.base import TabLabels
from generator.targets import load_targets

if TYPE_CHECKING:
    from generator.check.expected import ProfileTable
    from generator.kinds.base import PageKind, Reading
    from generator.options import Options


def evaluate_page(
    kind: PageKind,
    display: str,
    reading: Reading,
    options: Options,
    table: ProfileTable | None,
    twin: Any,
) -> Outcome:
    """Findings and sync edits for a page its kind has read; spec errors come back as diagnostics."""
    spec = reading.spec
    errors = [d for d in getattr(spec, "diagnostics", ()) if d.severity == "error"]
    rel = reading.page.path
    located = [Diagnostic(display, d.line, d.col, d.code, d.message, "error") for d in errors]
    if any(is_fatal(d.code, d.severity) for d in errors):
        return Outcome(rel, kind.name, diagnostics=located)
    key = kind.profile_key(spec)
    expected = expected_tabs_for(spec, key, options, table) if key is not None else []
    labels = {e.label: e.target for e in expected}
    plan = plan_page(display, reading.page, spec, expected, options.mode)
    tab_labels = TabLabels(labels, label_targets(options, table), load_targets(options.templates))
    findings = plan.findings + kind.lint(spec, display, tab_labels)
    if twin is not None:
        findings += kind.twin(display, spec, twin)
    # a recoverable error (a missing include) is reported beside the findings of the kept spec
    return Outcome(rel, kind.name, sorted(set(findings)), plan.edits, diagnostics=located)
