"""A broken include must not cost the page its spec (issue 13 §1).

Older docs (RU 6553defe) have include paths one `../` short. What the include would have added is
missing; everything the page itself states is still there. So the extraction goes on with the
include standing for an empty page, and the spec carries a located `E-INCLUDE-MISSING` error
diagnostic for each one (with the "did you mean" hint of generator/includes.py). The spec is
written; the error is reported, and the run's exit status counts it as an error (1 for `check`, as
for any page with error diagnostics). Cycles and includes outside the docs root stay fatal: they are
not a missing footnote but a tree that cannot be trusted.
"""

from __future__ import annotations

from generator.diagnostics import Diagnostic, DocgenError
from generator.extract.common import DiagnosticLog
from generator.extract.recovery import RECOVERABLE
from generator.includes import IncludeResolver
from generator.pages.model import Node, Page
from generator.source import decode


class KeepGoingResolver(IncludeResolver):
    """The given resolver (its cache and its list of loaded files), except that a missing include
    becomes an empty page and a recorded diagnostic."""

    def __init__(self, inner: IncludeResolver) -> None:
        super().__init__(inner.root, inner.shared, inner.paths)
        self.inner = inner
        self.missing: list[Diagnostic] = []

    @property
    def loaded(self) -> list[str]:
        return self.inner.loaded

    def load(self, page: Page, node: Node, stack: tuple[str, ...]) -> Page:
        try:
            return self.inner.load(page, node, stack)
        except DocgenError as exc:
            if exc.diagnostic.code not in RECOVERABLE:
                raise
            self.missing.append(exc.diagnostic)
            return Page(f"{exc.diagnostic.path}#unresolved", decode(b"", "unresolved"))


def report_unresolved(page: Page, resolver: IncludeResolver | None, log: DiagnosticLog) -> None:
    """Each missing include once, as an error of the page (it marks what the spec lacks)."""
    if not isinstance(resolver, KeepGoingResolver):
        return
    for found in dict.fromkeys((d.line, d.path, d.message) for d in resolver.missing):
        line, origin, message = found
        where = "" if origin == page.path else f" (in `{origin}`)"
        log.fail(line, "E-INCLUDE-MISSING", f"{message}{where}; the spec lacks what it adds")
