"""`check` and `sync` on the real corpus and the seed: findings, byte preservation, idempotence."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.check.outcome import Report
from generator.check.run import run_check
from generator.cli import main
from generator.options import Options, SyncMode
from generator.parse import parse_docs, parse_page
from generator.source import split_lines_keepends
from generator.sync import sync_pages
from tests.corpus import CORPUS_RU, SEED_PAGE, need, seed_root, writable_copy

KNOWN_DEFECTS = {
    (
        "api-reference/sale/property-variant/sale-property-variant-get-fields.md",
        "sale.propertyvairant.getFields",
    ),
    ("api-reference/outdated/rpa/comment/rpa-comment-update.md", "rpa.comment.add"),
    ("api-reference/calendar/calendar-event/calendar-event-get-nearest.md", "calendar.event.get"),
    ("api-reference/crm/outdated/invoice/crm-invoice-user-field-add.md", "crm.paysystem.list"),
}


@pytest.fixture(scope="module")
def corpus_report() -> Report:
    return run_check(need(CORPUS_RU), (), Options(), use_cache=False)


def rel(path: str) -> str:
    return path.removeprefix(CORPUS_RU.as_posix() + "/")


def test_known_defects_are_found(corpus_report: Report) -> None:
    wrong = {
        (rel(f.path), f.message.split("`")[1]) for f in corpus_report.findings if f.kind == "method"
    }
    assert wrong >= KNOWN_DEFECTS


def test_event_pages_report(corpus_report: Report) -> None:
    events = [o for o in corpus_report.outcomes if o.page_type == "event"]
    assert len(events) == 209 and not corpus_report.diagnostics
    kinds = Counter(f.kind for o in events for f in o.findings)
    # 150 REST event pages bound with event.bind carry no examples at all (the 6 chat-bot v1
    # pages bind through imbot.register, which no template renders); the 6 tasks pages carry the
    # 5 tabs `current` scopes to api-reference/tasks/* (issue 13 §2; before the scoping: 24
    # false missing-tab findings, 4 on each)
    assert kinds["missing-examples"] == 150
    assert kinds["missing-tab"] == 0
    assert not kinds["rest-tab-on-js-event"] and not kinds["wrong-event"]
    drifting = {(rel(f.path), f.line, f.label, f.kind) for o in events for f in o.findings}
    assert {d for d in drifting if d[3] == "drift"} == CORPUS_DRIFT
    assert sum(o.in_sync for o in events) == 55


# Every drift finding on the RU corpus (page, line, tab label, kind), all of them on event pages:
# removing a drift finding from the planner, or adding one, fails here (issue 14's mutation run).
CORPUS_DRIFT = {
    (
        "api-reference/tasks/comment-item/events-comment/on-task-comment-delete.md",
        198,
        "JS (UMD)",
        "drift",
    ),
    (
        "api-reference/tasks/comment-item/events-comment/on-task-comment-update.md",
        198,
        "JS (UMD)",
        "drift",
    ),
    ("api-reference/tasks/events-tasks/on-task-add.md", 179, "JS (UMD)", "drift"),
    (
        "api-reference/widgets/ui-interaction/page-background-worker/events/initialized.md",
        143,
        "JS (TS)",
        "drift",
    ),
}


def test_the_corpus_drift_findings_are_exactly_these(corpus_report: Report) -> None:
    # method pages' drift (the `call` mode) is pinned in tests/test_method_fidelity.py
    events = [o for o in corpus_report.outcomes if o.page_type == "event"]
    found = {(rel(f.path), f.line, f.label, f.kind) for o in events for f in o.findings}
    assert {d for d in found if d[3] == "drift"} == CORPUS_DRIFT
    reasons = {f.message for o in events for f in o.findings if f.kind == "drift"}
    assert reasons == {
        "differs from what the template renders (4 lines)",
        "differs from what the template renders (18 lines)",
    }


def test_clean_pages_yield_nothing(corpus_report: Report) -> None:
    clean = [o for o in corpus_report.checked if o.in_sync]
    assert clean, "some pages must be clean"
    assert all(not any(f.failing for f in o.findings) for o in clean)
    # a page the corpus notes call correct: every tab calls the documented method
    profile = next(
        o for o in corpus_report.outcomes if o.rel == "api-reference/common/users/profile.md"
    )
    assert [f for f in profile.findings if f.kind == "method"] == []


def test_go_code_in_python_tab_is_found(corpus_report: Report) -> None:
    found = {
        rel(f.path)
        for f in corpus_report.findings
        if f.kind == "wrong-sdk" and f.label == "Python" and "Go SDK" in f.message
    }
    assert "api-reference/crm/leads/custom-form/crm-lead-details-configuration-get.md" in found


def cut_blocks(root: Path, page: str) -> str:
    """The page's text with every example block (and inserted examples section) removed."""
    text = (root / page).read_bytes().decode("utf-8")
    result = parse_page(root, page)
    assert result.spec is not None, result.diagnostics
    lines = split_lines_keepends(text)
    drop: set[int] = set()
    for block in result.spec.examples:
        drop.update(range(block.span.start - 1, block.span.end))
    return "".join(line for i, line in enumerate(lines) if i not in drop)


@pytest.fixture(scope="module")
def synced_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "ru"
    writable_copy(need(CORPUS_RU), root)
    return root


def test_sync_changes_nothing_outside_example_blocks(synced_copy: Path) -> None:
    events = [spec.source.path for spec in parse_docs(CORPUS_RU).specs]
    before = {page: cut_blocks(synced_copy, page) for page in events}
    raw_before = {p.relative_to(synced_copy): p.read_bytes() for p in synced_copy.rglob("*.md")}
    report = run_check(synced_copy, (), Options(), use_cache=False, want_edits=True)
    changed = sync_pages(synced_copy, report.outcomes, dry_run=False).changed
    assert changed, "the corpus has drifting tabs to rewrite"
    for page in events:
        assert cut_blocks(synced_copy, page) == before[page], page
    touched = {
        p.relative_to(synced_copy)
        for p in synced_copy.rglob("*.md")
        if p.read_bytes() != raw_before[p.relative_to(synced_copy)]
    }
    assert {Path(p).relative_to(synced_copy) for p in changed} == touched
    again = run_check(synced_copy, (), Options(), use_cache=False, want_edits=True)
    assert sync_pages(synced_copy, again.outcomes, dry_run=False).changed == []
    # method pages keep the drift sync does not rewrite: a tab calling another method
    event_pages = [o for o in again.outcomes if o.page_type == "event"]
    assert not any(f.kind == "drift" for o in event_pages for f in o.findings)


def test_add_missing_on_rest_event_pages(tmp_path: Path) -> None:
    root = tmp_path / "ru"
    writable_copy(need(CORPUS_RU), root)
    rest = [
        s
        for s in parse_docs(root).specs
        if s.kind == "rest_event" and not s.examples and s.subscription.method == "event.bind"
    ]
    pages = [s.source.path for s in rest]
    options = Options(mode=SyncMode(add_missing=True))
    report = run_check(root, pages, options, use_cache=False, want_edits=True)
    assert len(sync_pages(root, report.outcomes, dry_run=False).changed) == len(pages)
    for before in rest:
        after = parse_page(root, before.source.path).spec
        assert after is not None and len(after.examples) == 1
        assert facts(after) == facts(before), before.source.path
    clean = run_check(root, pages, Options(), use_cache=False)
    assert [f for f in clean.findings if f.failing] == []


def facts(spec: object) -> tuple[object, ...]:
    from generator.spec.event import EventSpec

    assert isinstance(spec, EventSpec)
    return (
        spec.kind,
        spec.event,
        spec.title,
        spec.scopes,
        spec.subscribers,
        spec.description,
        [(n.type, n.title, n.text) for n in spec.notes],
        spec.handler.payloads and spec.handler.payloads[0].data,
        [(f.name, f.type, f.required) for f in spec.handler.fields],
        spec.subscription.method,
        spec.subscription.event_name,
        spec.related,
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_seed_in_sync_under_2024(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = seed_root(tmp_path)
    code, out = run(capsys, "check", "--docs", str(docs), "--profile", "2024", "--no-cache")
    assert code == 0, out
    assert "pages checked: 1, in sync: 1; findings: none" in out


def test_seed_under_current_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = seed_root(tmp_path)
    code, out = run(capsys, "check", "--docs", str(docs), "--no-cache", "--format", "json")
    assert code == 1
    import json

    findings = json.loads(out)["findings"]
    rest = sorted(f["label"] for f in findings if f["kind"] == "rest-tab-on-js-event")
    assert rest == ["PHP", "cURL (OAuth)", "cURL (Webhook)"]
    missing = [f["label"] for f in findings if f["kind"] == "missing-tab"]
    assert missing == ["BX24.js", "JS (TS)", "JS (UMD)"]
    code, _ = run(capsys, "sync", "--docs", str(docs), "--reshape")
    assert code == 0
    [spec] = parse_docs(docs).specs
    assert [t.label for t in spec.examples[0].tabs] == ["BX24.js", "JS (TS)", "JS (UMD)"]
    code, out = run(capsys, "check", "--docs", str(docs), "--no-cache")
    assert code == 0, out
    before = (docs / SEED_PAGE).read_bytes()
    run(capsys, "sync", "--docs", str(docs), "--reshape")
    assert (docs / SEED_PAGE).read_bytes() == before
