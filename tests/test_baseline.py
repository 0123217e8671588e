"""`check --write-baseline` / `--baseline`: fingerprints that survive line shifts, new vs fixed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from generator.baseline import (
    baseline_bytes,
    compare,
    entries,
    fingerprint,
    load_baseline,
    write_baseline,
)
from generator.check.report import FAILING_KINDS, Finding
from generator.cli import main
from generator.diagnostics import DocgenError
from tests.corpus import CORPUS_RU, EXAMPLES_DOCS, need, writable_copy

ROOT = Path("/docs")
DIFF = (
    "--- /docs/a/on-x.md:{line} [JS (TS)]\n+++ rendered js_ts\n@@ -{hunk},3 +{hunk},3 @@\n"
    "   method: 'event.bind',\n-  event: 'OnX',\n+  event: 'onX',\n"
)


def drift(line: int, hunk: int = 10, new_code: str = "onX") -> Finding:
    diff = DIFF.format(line=line, hunk=hunk).replace("'onX'", f"'{new_code}'")
    return Finding("/docs/a/on-x.md", line, "drift", "JS (TS)", "differs (2 lines)", diff)


def wrong_sdk(line: int) -> Finding:
    return Finding("/docs/b/m.md", line, "wrong-sdk", "PHP", "code is CRest, the label promises X")


def test_fingerprint_ignores_the_line_and_the_diff_positions() -> None:
    assert fingerprint(drift(185, hunk=10), ROOT) == fingerprint(drift(201, hunk=12), ROOT)
    assert fingerprint(drift(185), ROOT) != fingerprint(drift(185, new_code="onY"), ROOT)
    assert fingerprint(wrong_sdk(3), ROOT) == fingerprint(wrong_sdk(90), ROOT)


def test_fingerprint_is_relative_to_the_docs_root() -> None:
    moved = Finding("/elsewhere/b/m.md", 3, "wrong-sdk", "PHP", wrong_sdk(3).message)
    assert fingerprint(moved, Path("/elsewhere")) == fingerprint(wrong_sdk(3), ROOT)


def test_baseline_bytes_are_sorted_and_deterministic() -> None:
    findings = [wrong_sdk(5), drift(185), wrong_sdk(9)]
    data = baseline_bytes(findings, ROOT)
    assert data == baseline_bytes(list(reversed(findings)), ROOT)
    document = json.loads(data)
    assert document["version"] == 1
    assert [(e["path"], e["kind"], e["count"]) for e in document["findings"]] == [
        ("a/on-x.md", "drift", 1),
        ("b/m.md", "wrong-sdk", 2),
    ]
    assert list(document["findings"][0]) == [
        "fingerprint",
        "path",
        "kind",
        "label",
        "message",
        "count",
    ]
    assert data.endswith(b"}\n") and b":185" not in data


def test_skipped_findings_are_not_recorded() -> None:
    skipped = Finding("/docs/c.md", 4, "skipped", None, "hand-written examples")
    assert entries([skipped], ROOT) == []


def test_compare_splits_new_known_and_fixed() -> None:
    baseline = entries([drift(185), wrong_sdk(5), wrong_sdk(9)], ROOT)
    now = [drift(190, hunk=11), wrong_sdk(6), drift(300, new_code="onZ")]
    result = compare(now, baseline, ROOT)
    assert result.new == (drift(300, new_code="onZ"),)
    assert result.known == 2
    assert [(e.path, e.kind, e.count) for e in result.fixed] == [("b/m.md", "wrong-sdk", 1)]
    assert result.summary() == (
        "baseline: 2 known, 1 new, 1 fixed (prune them with --write-baseline)"
    )


def test_pages_outside_a_partial_run_are_not_fixed() -> None:
    baseline = entries([drift(185), wrong_sdk(5)], ROOT)
    result = compare([drift(185)], baseline, ROOT, scope={"a/on-x.md"})
    assert result.new == () and result.known == 1 and result.fixed == ()


def test_a_duplicate_beyond_the_recorded_count_is_new() -> None:
    baseline = entries([wrong_sdk(5)], ROOT)
    result = compare([wrong_sdk(5), wrong_sdk(9)], baseline, ROOT)
    assert result.new == (wrong_sdk(9),) and result.known == 1 and result.fixed == ()


def test_write_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert write_baseline(path, [drift(185), wrong_sdk(5)], ROOT) == 2
    assert load_baseline(path) == entries([drift(185), wrong_sdk(5)], ROOT)


@pytest.mark.parametrize(
    ("text", "located"),
    [
        ('{"version": 1,\n "findings": [}', ":2:15: E-BASELINE not JSON: Expecting value"),
        ('{"version": 7, "findings": []}', ":1:1: E-BASELINE not a b24-docgen baseline"),
        ('{"version": 1, "findings": [{"path": "x"}]}', ":1:1: E-BASELINE malformed entry"),
    ],
)
def test_a_bad_baseline_is_one_located_error(tmp_path: Path, text: str, located: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        load_baseline(path)
    assert caught.value.diagnostic.format_text().startswith(path.as_posix() + located)


def test_a_missing_baseline_or_a_folder_is_an_error(tmp_path: Path) -> None:
    for path, message in ((tmp_path / "none.json", "does not exist"), (tmp_path, "is a folder")):
        with pytest.raises(DocgenError) as caught:
            load_baseline(path)
        assert caught.value.diagnostic.code == "E-BASELINE"
        assert message in caught.value.diagnostic.message


# --- the workflow on the corpus ------------------------------------------------------------------

EDITED_PAGE = "api-reference/tasks/events-tasks/on-task-add.md"
SHIFTED_PAGE = "api-reference/tasks/comment-item/events-comment/on-task-comment-add.md"


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return writable_copy(need(CORPUS_RU), tmp_path_factory.mktemp("baseline") / "ru")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.corpus
def test_baseline_workflow_on_the_corpus(
    corpus_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # the check cache lands here
    baseline = tmp_path / "baseline.json"
    docs = ["check", "--docs", str(corpus_copy)]
    started = time.perf_counter()
    status, _, err = run([*docs, "--write-baseline", str(baseline)], capsys)
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    print(
        f"baseline: {sum(e['count'] for e in recorded)} findings in "
        f"{time.perf_counter() - started:.1f}s"
    )
    assert status == 0  # the findings are accepted: they are the baseline now
    assert err.splitlines()[-1].startswith(f"baseline: {sum(e['count'] for e in recorded)} ")
    assert run([*docs, "--baseline", str(baseline)], capsys)[0] == 0

    shift = corpus_copy / SHIFTED_PAGE  # two lines more above every finding of this page
    lines = shift.read_text(encoding="utf-8").split("\n")
    shift.write_text("\n".join([lines[0], "", "Added paragraph.", *lines[1:]]), encoding="utf-8")
    status, out, _ = run([*docs, "--baseline", str(baseline)], capsys)
    assert status == 0, out
    assert "baseline: " in out and ", 0 new, 0 fixed" in out

    page = corpus_copy / EDITED_PAGE  # one new drift: the BX24.js tab logs at another level
    text = page.read_text(encoding="utf-8")
    assert text.count("console.info(result.data());") == 1
    page.write_text(text.replace("console.info(result.data());", "console.log(result.data());"))
    status, out, _ = run([*docs, "--baseline", str(baseline), "--format", "json"], capsys)
    report = json.loads(out)
    assert status == 1
    failing = [f for f in report["findings"] if f["kind"] in FAILING_KINDS]  # notices are shown too
    assert [(f["kind"], f["path"], f["label"]) for f in failing] == [
        ("drift", (corpus_copy / EDITED_PAGE).as_posix(), "BX24.js")
    ]
    total = sum(entry["count"] for entry in recorded)
    assert report["baseline"] == {"known": total, "new": 1, "fixed": []}


# --- the workflow on the sample docs (no corpus needed) ------------------------------------------

SAMPLE_PAGE = "api-reference/crm/deals/events/on-crm-deal-update.md"
LOGGED = ("console.info(result.data());", "console.log(result.data());")


def test_the_workflow_on_the_sample_docs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    docs = writable_copy(EXAMPLES_DOCS, tmp_path / "docs")
    page = docs / SAMPLE_PAGE
    clean = page.read_text(encoding="utf-8")
    page.write_text(clean.replace(*LOGGED), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    check = ["check", "--docs", str(docs)]

    status, out, err = run([*check, "--write-baseline", str(baseline)], capsys)
    assert (status, err) == (0, f"baseline: 1 finding recorded in {baseline.as_posix()}\n")
    assert [e["kind"] for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"]] == [
        "drift"
    ]
    status, out, _ = run([*check, "--baseline", str(baseline)], capsys)
    assert status == 0
    assert out.splitlines()[-1] == "baseline: 1 known, 0 new, 0 fixed"

    page.write_text(clean, encoding="utf-8")  # the drift is fixed: the baseline can be pruned
    status, out, err = run([*check, "--baseline", str(baseline), "--format", "github"], capsys)
    assert status == 0
    assert out == (
        f"::notice file={page.as_posix()},title=b24-docgen fixed::drift [BX24.js] is gone; "
        "prune the baseline\n"
    )
    assert err == "baseline: 0 known, 0 new, 1 fixed (prune them with --write-baseline)\n"


def test_baseline_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "none.json"
    status, out, err = run(
        ["check", "--docs", str(EXAMPLES_DOCS), "--baseline", str(missing)], capsys
    )
    assert (status, out) == (2, "")
    assert err == f"{missing.as_posix()}:0:0: E-BASELINE baseline file does not exist\n"
    both = ["check", "--baseline", "a.json", "--write-baseline", "b.json"]
    status, _, err = run(both, capsys)
    assert status == 2
    assert err == (
        "b24-docgen check: error: argument --write-baseline: not allowed with argument --baseline\n"
    )
