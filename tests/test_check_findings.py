"""The exact findings the planner reports for one page that has a bit of everything.

The page starts from what `sync --add-missing` writes for a JS event (three tabs in the profile's
order), then: JS (UMD) is moved before JS (TS), JS (TS) loses its code, an `Extra` tab is added,
and a second block is marked `<!-- b24-docgen: skip -->`. Each finding's kind, line, label and
message is asserted, and so are the reasons `drift_reason` gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.check.plan import drift_reason
from generator.cli import main
from tests.test_sync_shapes import HEAD, ONE_TAB, PAGE, RELATED

SKIPPED_BLOCK = (
    "<!-- b24-docgen: skip -->\n{% list tabs %}\n\n- BX24.js\n\n    ```js\n    old();\n    ```\n\n"
    "{% endlist %}\n\n"
)


def awkward_page(synced: str) -> str:
    ts_start, umd_start = synced.index("- JS (TS)"), synced.index("- JS (UMD)")
    end = synced.index("{% endlist %}")
    ts = "- JS (TS)\n\n    ```ts\n    ```\n\n"
    extra = "- Extra\n\n    ```text\n    hello\n    ```\n\n"
    page = synced[:ts_start] + synced[umd_start:end] + ts + extra + synced[end:]
    return page.replace(RELATED, SKIPPED_BLOCK + RELATED)


def test_every_finding_of_an_awkward_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    (docs / PAGE).parent.mkdir(parents=True)
    (docs / PAGE).write_text(ONE_TAB, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["sync", "--docs", str(docs), "--no-cache", "--add-missing"]) == 0
    (docs / PAGE).write_text(awkward_page((docs / PAGE).read_text(encoding="utf-8")))
    capsys.readouterr()
    assert main(["check", "--docs", str(docs), "--no-cache", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = [(f["kind"], f["line"], f["label"], f["message"]) for f in report["findings"]]
    block = HEAD.count("\n") + 4  # the `{% list tabs %}` line
    assert found == [
        ("mixed-block", block, None, "language tabs mixed with content tabs (Extra)"),
        (
            "tab-order",
            block,
            None,
            "tabs are BX24.js | JS (UMD) | JS (TS), the profile orders them "
            "BX24.js, JS (TS), JS (UMD)",
        ),
        ("drift", block + 30, "JS (TS)", "tab has no code"),
        ("extra-tab", block + 35, "Extra", "the profile has no `Extra` tab for this kind of page"),
        ("skipped", block + 44, None, "example block marked to skip"),
    ]
    assert report["summary"] == {
        "pages": 1,
        "in_sync": 0,
        "findings": 4,
        "by_kind": {"drift": 1, "extra-tab": 1, "mixed-block": 1, "skipped": 1, "tab-order": 1},
    }


@pytest.mark.parametrize(
    ("actual", "rendered", "reason"),
    [
        ("a  b\n", "a b\n", "differs from the template only in whitespace"),
        ("a\n\tb\n", "a\n b\n", "differs from the template only in whitespace"),
        ("", "x\n", "tab has no code"),
        ("  \n", "x\n", "tab has no code"),
        ("a\nb\n", "a\nc\n", "differs from what the template renders (2 lines)"),
        ("a\n", "a\nb\nc\n", "differs from what the template renders (2 lines)"),
        ("x\n", "y\n", "differs from what the template renders (2 lines)"),
    ],
)
def test_drift_reasons(actual: str, rendered: str, reason: str) -> None:
    assert drift_reason(actual, rendered) == reason
