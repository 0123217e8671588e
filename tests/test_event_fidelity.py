"""Issue 13 §1 and §2: the facts of event pages, decided by evidence, and `check` kept quiet where
the page is right. Each case has a fixture page written for this repository (tests/fixtures/pages/
5x-*) and, where the corpus shows it, the real pages, asserted exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.parse import parse_page

FIXTURES = Path(__file__).parent / "fixtures" / "pages"


def docs_copy(tmp_path: Path, fixture: str) -> Path:
    root = tmp_path / "docs"
    shutil.copytree(FIXTURES / fixture, root)
    return root


def check_lines(
    root: Path, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[str]]:
    """`check` on a docs tree: exit status and the finding lines (diff lines left out)."""
    status = main(["check", "--docs", str(root), "--no-cache", *args])
    out = capsys.readouterr().out
    prefix = root.as_posix() + "/"
    return status, [
        line.removeprefix(prefix) for line in out.splitlines() if line.startswith(prefix)
    ]


def diagnostics(root: Path, rel: str) -> list[str]:
    result = parse_page(root, rel)
    prefix = root.as_posix() + "/"
    return [d.format_text().removeprefix(prefix) for d in result.diagnostics]


# --- 1. the event code by evidence -----------------------------------------------------------------

DEAL_ADD = "api-reference/crm/deals/events/on-crm-deal-add.md"
QUOTE_DELETE = "api-reference/crm/quote/events/on-crm-quote-delete.md"


def test_misspelled_payload_code_is_the_one_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = docs_copy(tmp_path, "50-payload-code-typo")
    spec = parse_page(root, DEAL_ADD).spec
    assert spec is not None
    assert spec.event == "onCrmDealAdd"
    assert [e for b in spec.examples for t in b.tabs for e in t.events] == ["onCrmDealAdd"] * 5
    status, lines = check_lines(root, capsys, "--profile", "event-pages")
    assert lines == [
        f"{DEAL_ADD}:15: event-code payload `event` is misspelled: ONCRMDEALADDD; "
        "H1, slug and 5 tabs say onCrmDealAdd"
    ]
    assert status == 1


def test_h1_and_description_naming_another_event_are_reported_with_the_evidence(
    tmp_path: Path,
) -> None:
    root = docs_copy(tmp_path, "51-h1-and-description-name-add")
    spec = parse_page(root, QUOTE_DELETE).spec
    assert spec is not None and spec.event == "ONCRMQUOTEDELETE"
    assert diagnostics(root, QUOTE_DELETE) == [
        f"{QUOTE_DELETE}:1:1: W-H1-CODE-MISMATCH H1 names another event: onCrmQuoteAdd; "
        "slug and payload say ONCRMQUOTEDELETE",
        f"{QUOTE_DELETE}:7:1: W-DESCRIPTION-CODE-MISMATCH description names another event: "
        "ONCRMQUOTEADD; slug and payload say ONCRMQUOTEDELETE",
    ]
