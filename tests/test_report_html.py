"""`check --report FILE`: one self-contained, escaped HTML page, checked in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from generator.check.report import Finding
from generator.cli import main
from generator.report_html import ReportInput, render_report, section_of
from generator.report_html.chart import bar_chart, kind_colours
from generator.report_html.diff import Row, diff_rows
from tests.corpus import CORPUS_RU, EXAMPLES_DOCS, need, writable_copy
from tests.support.headless import Browser, chromium

ROOT = Path("/docs")
HOSTILE = '<script>alert("x")</script>&amp;"\''
DIFF = (
    "--- /docs/a/b/on-x.md:40 [JS (TS)]\n+++ rendered js_ts\n@@ -3,4 +3,3 @@\n"
    " keep();\n-call('OnX');\n-gone();\n+call('onX');\n tail();\n"
)


def drift() -> Finding:
    return Finding("/docs/a/b/on-x.md", 40, "drift", "JS (TS)", "differs (3 lines)", DIFF)


def page(findings: list[Finding], report: Path = Path("/out/report.html")) -> str:
    return render_report(ReportInput(findings, ROOT, 10, 7, report))


def test_sections_are_the_first_two_folders() -> None:
    assert section_of("api-reference/tasks/events/on-task-add.md") == "api-reference/tasks"
    assert section_of("tutorials/x.md") == "tutorials"
    assert section_of("index.md") == "."


def test_a_unified_diff_becomes_paired_rows() -> None:
    assert diff_rows(DIFF) == [
        Row("hunk", None, "@@ -3,4 +3,3 @@", None, None),
        Row("same", 3, "keep();", 3, "keep();"),
        Row("change", 4, "call('OnX');", 4, "call('onX');"),
        Row("change", 5, "gone();", None, None),
        Row("same", 6, "tail();", 5, "tail();"),
    ]


def test_changed_words_are_marked_on_both_sides() -> None:
    html = page([drift()])
    assert '<td class="del">call(&#x27;<mark>OnX</mark>&#x27;);</td>' in html
    assert '<td class="add">call(&#x27;<mark>onX</mark>&#x27;);</td>' in html
    assert '<td class="del">gone();</td><td class="no"></td><td class="empty"></td>' in html


def test_everything_from_the_docs_is_escaped() -> None:
    hostile = Finding(
        f"/docs/{HOSTILE}/p.md",
        3,
        "wrong-sdk",
        HOSTILE,
        HOSTILE,
        f"--- a\n+++ b\n@@ -1 +1 @@\n-{HOSTILE}\n+x\n",
    )
    html = page([hostile])
    assert html.count("<script") == 1  # the report's own script
    assert 'alert("x")' not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html


def test_quoted_names_in_messages_are_code_and_still_escaped() -> None:
    finding = Finding("/docs/a/m.md", 7, "method", None, "calls `a.b` not `<i>x</i>`")
    assert (
        '<span class="msg">calls <code>a.b</code> not <code>&lt;i&gt;x&lt;/i&gt;</code></span>'
        in page([finding])
    )


def test_the_page_loads_nothing_and_runs_only_its_own_script() -> None:
    html = page([drift()])
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert policy.group(1).startswith("default-src 'none'; style-src 'sha256-")
    assert "unsafe-inline" not in policy.group(1)


def test_links_point_from_the_report_to_the_page_at_its_line() -> None:
    html = page([drift()], Path("/docs/reports/report.html"))
    assert '<a class="loc" href="../a/b/on-x.md#L40">a/b/on-x.md:40</a>' in html


def test_the_page_is_deterministic() -> None:
    findings = [drift(), Finding("/docs/z/p.md", 1, "missing-examples", None, "none")]
    assert page(findings) == page(list(reversed(findings)))


def test_new_findings_carry_a_badge_with_a_baseline() -> None:
    old = Finding("/docs/z/p.md", 1, "missing-examples", None, "none")
    html = render_report(ReportInput([drift(), old], ROOT, 10, 7, Path("/r.html"), new=[drift()]))
    assert html.count('<span class="badge">new</span>') == 1
    assert "findings: 2, 1 new since the baseline" in html


def test_no_findings_is_said() -> None:
    html = page([])
    assert '<p class="summary">No findings.</p>' in html and '<svg class="chart"' not in html


def test_check_writes_the_report_beside_its_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "out" / "report.html"
    args = ["check", "--docs", str(EXAMPLES_DOCS), "--format", "json", "--report", str(report)]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    first = report.read_bytes()
    assert f"pages checked: {summary['pages']}, in sync: {summary['in_sync']}; findings: 0" in (
        first.decode("utf-8")
    )
    assert main([*args, "--no-cache"]) == 0
    assert report.read_bytes() == first  # the same run gives the same bytes


def test_a_report_path_that_is_a_folder_is_one_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--docs", str(EXAMPLES_DOCS), "--report", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == f"{tmp_path.as_posix()}:0:0: E-REPORT is a folder, not a file\n"


def test_the_chart_has_one_bar_segment_per_section_and_kind() -> None:
    counts = {"a/b": Counter({"drift": 2, "wrong-sdk": 1}), "z": Counter({"drift": 1})}
    svg = bar_chart(counts, kind_colours(["drift", "wrong-sdk"]))
    assert svg.count("<rect") == 3
    assert "<title>a/b: 2 drift</title>" in svg and "#sec-a-b" in svg


# --- in a real browser ---------------------------------------------------------------------------

DRIFT_PAGE = "api-reference/tasks/events-tasks/on-task-add.md"
# set to a folder to keep the screenshot for a look (the test's own copy is in its tmp folder)
SCREENSHOTS = os.environ.get("B24_DOCGEN_SCREENSHOTS")


def browser_or_skip() -> str:
    found = chromium()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required in CI (.ci/run installs Debian's chromium)")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus report, with one drift of our own so the page shown does not depend on the
    corpus's current state: the BX24.js tab of on-task-add.md logs at another level."""
    work = tmp_path_factory.mktemp("report")
    docs = writable_copy(need(CORPUS_RU), work / "ru")
    target = docs / DRIFT_PAGE
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("console.info(result.data());", "console.log(result.data());"))
    report = work / "report.html"
    cwd = Path.cwd()
    os.chdir(work)
    try:
        assert main(["check", "--docs", str(docs), "--report", str(report)]) == 1
    finally:
        os.chdir(cwd)
    return report


SHOW_DRIFT = """(() => {
  const item = [...document.querySelectorAll("article.finding")].find(
    (a) => a.dataset.kind === "drift" && a.dataset.path === PATH
        && a.querySelector(".label").textContent === "[BX24.js]");
  item.scrollIntoView({block: "center"});
  const table = item.querySelector("table.diff");
  const box = table.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {box: box.toJSON(), inside: table.contains(hit), display: getComputedStyle(table).display,
          removed: [...table.querySelectorAll("td.del")].map((td) => td.textContent),
          added: [...table.querySelectorAll("td.add")].map((td) => td.textContent)};
})()"""

TOGGLE_DRIFT = """(() => {
  document.querySelector('button[data-kind="drift"]').click();
  const hidden = [...document.querySelectorAll('article[data-kind="drift"]')]
    .every((a) => a.offsetParent === null);
  document.querySelector('button[data-kind="drift"]').click();
  return hidden;
})()"""


@pytest.mark.corpus
def test_the_corpus_report_in_chromium(corpus_report: Path, tmp_path: Path) -> None:
    from PIL import Image

    with Browser(browser_or_skip(), 1280, 900) as browser:
        browser.open(corpus_report.as_uri())
        assert browser.errors == []
        assert browser.evaluate(TOGGLE_DRIFT) is True  # the script ran under the page's policy
        shown = browser.evaluate(SHOW_DRIFT.replace("PATH", json.dumps(DRIFT_PAGE)))
        shot = tmp_path / "report.png"
        browser.screenshot(shot)
        assert browser.errors == []
    if SCREENSHOTS is not None:
        shutil.copyfile(shot, Path(SCREENSHOTS) / "report.png")
    assert shown["inside"] and shown["display"] == "table"
    assert [line.strip() for line in shown["removed"]] == ["console.log(result.data());"]
    assert [line.strip() for line in shown["added"]] == ["console.info(result.data());"]
    box = shown["box"]
    assert box["top"] >= 0 and box["bottom"] <= 900 and box["width"] > 1000
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 900)
    diff_area = image.crop(
        (int(box["left"]), int(box["top"]), int(box["right"]), int(box["bottom"]))
    )
    colours = {colour: count for count, colour in diff_area.getcolors(1 << 24)}
    assert colours[(255, 235, 233)] > 2000  # removed line background
    assert colours[(218, 251, 225)] > 2000  # added line background
    assert len(image.getcolors(1 << 24)) > 500  # text, chart colours: not a blank page
