"""`sync` applies edits only to the bytes they were planned on."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.run import run_check
from generator.diagnostics import DocgenError
from generator.options import Options
from generator.sync import sync_pages
from tests.corpus import SEED_PAGE, seed_root


def test_a_page_edited_after_planning_is_left_alone(tmp_path: Path) -> None:
    docs = seed_root(tmp_path)
    report = run_check(docs, (), Options(profile="current"), use_cache=False, want_edits=True)
    assert any(o.edits for o in report.outcomes) is False  # drift only in extra tabs: no edits
    page = docs / SEED_PAGE
    text = page.read_text(encoding="utf-8").replace("function (callState) {", "function (state) {")
    page.write_text(text, encoding="utf-8")
    report = run_check(docs, (), Options(profile="2024"), use_cache=False, want_edits=True)
    assert any(o.edits for o in report.outcomes)
    edited = text.replace("Событие", "Событие (правка)", 1)
    page.write_text(edited, encoding="utf-8")
    with pytest.raises(DocgenError, match="E-CHANGED"):
        sync_pages(docs, report.outcomes, dry_run=False)
    assert page.read_text(encoding="utf-8") == edited
