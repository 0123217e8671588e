"""The CLI as a new user meets it: located errors without tracebacks, quiet pipes, honest words,
README synopses from the parser, a progress bar only where someone watches, twin checks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import progress
from generator.cli import main
from generator.synopsis import README, commands, rewrite
from tests.corpus import EXAMPLES_DOCS, REPO, writable_copy

SAMPLE_PAGE = "api-reference/crm/deals/events/on-crm-deal-update.md"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("command", "flag"),
    [
        ("parse", "--out"),
        ("build", "--out"),
        ("build", "--specs"),
        ("render", "--out"),
        ("render", "--specs"),
    ],
)
def test_a_file_where_a_folder_is_expected_is_one_located_error(
    command: str,
    flag: str,
    a_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    args = [command, flag, str(a_file)]
    if command != "render":
        args += ["--docs", str(EXAMPLES_DOCS)]
    status, out, err = run(args, capsys)
    assert status == 2 and out == ""
    assert one_error_line(err) == (
        f"{a_file.as_posix()}:0:0: E-NOT-A-FOLDER is a file where a folder is needed"
    )
    assert a_file.read_text(encoding="utf-8") == "not a folder\n"


def test_an_output_below_a_file_is_one_located_error(
    a_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    below = a_file / "specs"
    status, _, err = run(["parse", "--docs", str(EXAMPLES_DOCS), "--out", str(below)], capsys)
    assert status == 2
    assert one_error_line(err).startswith(f"{a_file.as_posix()}")
    assert ":0:0: E-" in err


@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
@pytest.mark.parametrize("command", ["parse", "check", "sync", "build"])
def test_jobs_must_be_a_positive_number(
    command: str, jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run([command, "--jobs", jobs], capsys)
    assert status == 2 and out == ""
    assert one_error_line(err) == (
        f"b24-docgen {command}: error: argument --jobs: expected a whole number of 1 or more, "
        f"got {jobs!r}"
    )


def test_a_usage_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["check", "--format", "xml"], capsys)
    assert status == 2
    assert one_error_line(err).startswith("b24-docgen check: error: argument --format: invalid")


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_closed_pipe_ends_quietly(fmt: str, tmp_path: Path) -> None:
    """`check … | head`: the reader is gone before the first write (there is a drift to print)."""
    docs = drifted_sample(tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "generator", "check", "--docs", str(docs)]
    done = subprocess.run(
        [*command, "--format", fmt],
        stdout=write_end,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
        check=False,
        text=True,
        timeout=120,
    )
    os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141  # as a shell reports a process ended by SIGPIPE


def drifted_sample(tmp_path: Path) -> Path:
    """The sample docs with one drift: the BX24.js tab of SAMPLE_PAGE logs at another level."""
    docs = writable_copy(EXAMPLES_DOCS, tmp_path / "docs")
    page = docs / SAMPLE_PAGE
    text = page.read_text(encoding="utf-8")
    assert text.count("console.info(result.data());") == 1
    page.write_text(text.replace("console.info(result.data());", "console.log(result.data());"))
    return docs


def test_sync_counts_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (EXAMPLES_DOCS / SAMPLE_PAGE).read_text(encoding="utf-8")
    docs = drifted_sample(tmp_path)
    page = docs / SAMPLE_PAGE
    status, out, _ = run(["sync", "--docs", str(docs), "--no-cache"], capsys)
    assert status == 0
    assert out.splitlines() == ["sync: changed 1 page", f"  {page.as_posix()}"]
    assert page.read_text(encoding="utf-8") == text
    status, out, _ = run(["sync", "--docs", str(docs), "--no-cache"], capsys)
    assert out.splitlines() == ["sync: changed 0 pages"]


def test_format_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("check", "parse"):
        assert run([command, "--help"], capsys)[0] == 0
    out = run(["check", "--help"], capsys)[1]
    assert "--format {text,json,github}" in out
    assert "json: one object (schema version 1)" in " ".join(out.split())


def test_readme_synopses_are_the_parsers() -> None:
    text = README.read_text(encoding="utf-8")
    marked = re.findall(r"<!-- synopsis: ([a-z -]+) -->\n```text\n", text)
    covered = {name for names in marked for name in names.split()}
    assert {"parse", "render", "build", "check", "sync"} <= covered
    assert covered <= set(commands())
    blocks = re.findall(r"(?:<!-- synopsis: [a-z -]+ -->\n)?```text\nb24-docgen ", text)
    assert all(block.startswith("<!--") for block in blocks), "a synopsis without a marker"
    assert rewrite(text) == text, "run: python -m generator.synopsis"


def test_progress_is_shown_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    status, out, err = run(
        ["check", "--docs", str(EXAMPLES_DOCS), "--no-cache", "--progress", "--jobs", "1"], capsys
    )
    assert status == 0
    assert "check" in err and "/" in err
    assert "pages checked" in out


def test_progress_is_silent_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    status, _, err = run(["check", "--docs", str(EXAMPLES_DOCS), "--no-cache"], capsys)
    assert status == 0 and err == ""  # not a terminal: no bar
    assert progress.wanted(False, text_output=False) is False
    assert progress.wanted(True, text_output=False) is True


def test_warm_check_does_not_import_rich(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        f"main(['check', '--docs', {str(EXAMPLES_DOCS)!r}, '--progress'])\n"
        "print('RICH', 'rich' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(2):  # cold, then warm
        warm = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
    assert "RICH False" in warm.stdout, warm.stdout + warm.stderr


# --- twin checks ---------------------------------------------------------------------------------

PAYLOAD = """```json
{
    "event": "ONTASKPURGE",
    "data": {
        "TASK_ID": "12"
    },
    "ts": "1750000000"
}
```"""

RU_PAGE = """# Событие при удалении задачи onTaskPurge

> Scope: {scopes_ru}
>
> Кто может подписаться: любой пользователь

Событие `ONTASKPURGE` приходит, когда задачу удалили окончательно.

## Что получает обработчик

Данные передаются в виде POST-запроса {{.b24-info}}

{payload}

#|
|| **Название**
`тип` | **Описание** ||
|| **data.TASK_ID**
[`string`](../../data-types.md) | Идентификатор задачи ||
|#
"""

EN_PAGE = """# Task Purge Event onTaskPurge

> Scope: {scopes_en}
>
> Who can subscribe: any user

The `ONTASKPURGE` event arrives when a task is removed for good.

## What the Handler Receives

Data is sent as a POST request {{.b24-info}}

{payload}

#|
|| **Name**
`type` | **Description** ||
|| **data.TASK_ID**
[`string`](../../data-types.md) | Task identifier ||
|#
"""


def scope_line(*names: str) -> str:
    return ", ".join(f"[`{name}`](../../scopes/permissions.md)" for name in names)


def twin_roots(tmp_path: Path, scopes_ru: str, scopes_en: str) -> tuple[Path, Path]:
    rel = "api-reference/tasks/events/on-task-purge.md"
    roots = (tmp_path / "ru", tmp_path / "en")
    for root, text in zip(roots, (RU_PAGE, EN_PAGE), strict=True):
        page = root / rel
        page.parent.mkdir(parents=True)
        filled = text.format(scopes_ru=scopes_ru, scopes_en=scopes_en, payload=PAYLOAD)
        page.write_text(filled, encoding="utf-8")
    return roots


def twin_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ru: str, en: str
) -> list[str]:
    ru_root, en_root = twin_roots(tmp_path, ru, en)
    args = [
        "check",
        "--docs",
        str(ru_root),
        "--twin",
        str(en_root),
        "--format",
        "json",
        "--no-cache",
    ]
    _, out, _ = run(args, capsys)
    return [f["message"] for f in json.loads(out)["findings"] if f["kind"] == "twin-mismatch"]


def test_a_real_ru_en_difference_is_a_twin_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert twin_findings(tmp_path, capsys, scope_line("task"), scope_line("task", "user")) == [
        "scopes differ: RU ['task'] vs EN ['task', 'user']"
    ]


def test_twins_that_agree_give_no_twin_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert twin_findings(tmp_path, capsys, scope_line("task"), scope_line("task")) == []
