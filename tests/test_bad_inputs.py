"""The bad-input catalogue: tests/bad_inputs/<case>/ holds the page(s) and `expected.yaml`.

Each case runs the CLI in-process (`generator.cli.main`) once per entry of `runs` and asserts the
exit status, a one-line diagnostic carrying the expected code and message substring, no traceback,
and that nothing was written: the case's files keep their bytes and modes, no temp file appears,
the output folder stays empty (unless the run says `writes: true`) and the working directory too.

expected.yaml:
    description: what the case is about
    setup: optional name of a function below (files that cannot or should not be committed)
    runs:
      - argv: [parse, --docs, "{docs}", --out, "{out}"]   # {docs} {out} {specs} {case}
        exit: 2
        code: E-ENCODING             # optional: must appear on the same line as `message`
        message: not valid UTF-8     # optional substring
        stream: stderr               # or stdout (default stderr)
        writes: false                # true: the output folder may receive files
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.cli import main

CATALOGUE = Path(__file__).parent / "bad_inputs"
CASES = sorted(p for p in CATALOGUE.iterdir() if (p / "expected.yaml").is_file())
PAGE = "api-reference/demo/events/on-demo-widget-add.md"
EVENT_HEAD = (
    "# Событие при добавлении демо-виджета onDemoWidgetAdd\n\n"
    "> Scope: [`crm`](../../../scopes/permissions.md)\n>\n> Кто может подписаться: любой пользователь\n\n"
    "Событие `ONDEMOWIDGETADD` срабатывает, когда в демо-разделе появляется виджет.\n\n"
    "## Что получает обработчик\n\nДанные передаются в виде POST-запроса {.b24-info}\n\n"
)


# --- setups: what is generated rather than committed ----------------------------------------------


def symlink_include(work: Path, docs: Path, specs: Path) -> None:
    (docs / "_includes").mkdir(parents=True, exist_ok=True)
    (docs / "_includes" / "link.md").symlink_to(Path("../../secret.md"))


def huge_page(work: Path, docs: Path, specs: Path) -> None:
    filler = "Строка описания демо-виджета, повторённая много раз, с `кодом` и [ссылкой](a.md).\n\n"
    count = 20 * 2**20 // len(filler.encode()) + 1
    (docs / PAGE).parent.mkdir(parents=True, exist_ok=True)
    (docs / PAGE).write_text(EVENT_HEAD + filler * count, encoding="utf-8")
    assert (docs / PAGE).stat().st_size > 20 * 10**6


def deep_lists(work: Path, docs: Path, specs: Path) -> None:
    nested = "".join("  " * i + f"- уровень {i}\n" for i in range(200))
    (docs / PAGE).parent.mkdir(parents=True, exist_ok=True)
    (docs / PAGE).write_text(EVENT_HEAD + nested + "\nКонец.\n", encoding="utf-8")


def specs_from_docs(work: Path, docs: Path, specs: Path) -> None:
    from generator.outputs import write_specs
    from generator.parse import parse_docs

    result = parse_docs(docs)
    assert result.specs and not result.failed, result.diagnostics
    write_specs(specs, result.specs, prune=False)


def escaping_spec(work: Path, docs: Path, specs: Path) -> None:
    specs_from_docs(work, docs, specs)
    [spec] = specs.rglob("*.yaml")
    text = spec.read_text(encoding="utf-8")
    old_path = next(line for line in text.splitlines() if line.startswith("  path: "))
    spec.write_text(text.replace(old_path, "  path: ../../../../escaped.md"), encoding="utf-8")


def not_regular_files(work: Path, docs: Path, specs: Path) -> None:
    folder = docs / "api-reference" / "demo"
    (folder / "broken.md").symlink_to(work / "nowhere.md")
    os.mkfifo(folder / "pipe.md")


def fifo_include(work: Path, docs: Path, specs: Path) -> None:
    (docs / "_includes").mkdir(parents=True, exist_ok=True)
    os.mkfifo(docs / "_includes" / "fifo.md")


def fifo_page(work: Path, docs: Path, specs: Path) -> None:
    (docs / "api-reference" / "demo").mkdir(parents=True, exist_ok=True)
    os.mkfifo(docs / "api-reference" / "demo" / "pipe.md")


def symlinked_page(work: Path, docs: Path, specs: Path) -> None:
    link = docs / "api-reference" / "demo" / "widget" / "events" / "zz-linked.md"
    link.symlink_to(Path("../../../../../outside.md"))
    assert link.resolve() == (work / "outside.md").resolve()


def non_utf8_name(work: Path, docs: Path, specs: Path) -> None:
    folder = docs / "api-reference" / "demo" / "events"
    folder.mkdir(parents=True, exist_ok=True)
    name = os.fsdecode(b"on-\xff-x.md")
    (folder / name).write_text(EVENT_HEAD + "Текст.\n", encoding="utf-8")


def awkward_page_name(work: Path, docs: Path, specs: Path) -> None:
    source = CATALOGUE / "tab-without-code" / "docs" / "api-reference" / "demo" / "widget"
    target = docs / "api-reference" / "demo" / "widget"
    target.mkdir(parents=True)
    page = (source / "events" / "widget-closed.md").read_text(encoding="utf-8")
    (target / "widget, 50%:\n::warning.md").write_text(page, encoding="utf-8")


def read_only_page(work: Path, docs: Path, specs: Path) -> None:
    for page in docs.rglob("*.md"):
        page.chmod(0o444)


SETUPS: dict[str, Callable[[Path, Path, Path], None]] = {
    f.__name__: f
    for f in (
        symlink_include,
        huge_page,
        deep_lists,
        specs_from_docs,
        escaping_spec,
        not_regular_files,
        read_only_page,
        fifo_include,
        fifo_page,
        symlinked_page,
        non_utf8_name,
        awkward_page_name,
    )
}


# --- the runner -----------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | str, int]]:
    """Every entry under the folder: kind, bytes (or link target) and mode; symlinks not followed."""
    found: dict[str, tuple[str, bytes | str, int]] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_symlink():
            found[rel] = ("link", os.readlink(path), 0)
        elif path.is_file():
            found[rel] = ("file", path.read_bytes(), mode)
        else:
            found[rel] = ("dir", b"", mode)
    return found


HANG_SECONDS = 60


def _hung(signum: int, frame: object) -> None:
    raise TimeoutError(f"the run did not finish in {HANG_SECONDS} s (reading a FIFO?)")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    work = tmp_path / "case"
    shutil.copytree(case, work, symlinks=True, ignore=shutil.ignore_patterns("expected.yaml"))
    docs, out, specs, cwd = work / "docs", tmp_path / "out", tmp_path / "specs", tmp_path / "cwd"
    docs.mkdir(exist_ok=True)
    cwd.mkdir()
    monkeypatch.chdir(cwd)  # no pyproject.toml above: default settings; and any stray write shows
    if expected.get("setup"):
        SETUPS[expected["setup"]](work, docs, specs)
    before = snapshot(work)
    specs_before = snapshot(specs) if specs.exists() else {}
    places = {"docs": docs, "out": out, "specs": specs, "case": work}
    # a regression to reading a FIFO would block forever: fail the case after a minute instead
    signal.signal(signal.SIGALRM, _hung)
    for index, run in enumerate(expected["runs"]):
        argv = [arg.format(**{k: v.as_posix() for k, v in places.items()}) for arg in run["argv"]]
        where = f"{case.name} run {index} ({' '.join(run['argv'][:1])})"
        signal.alarm(HANG_SECONDS)
        try:
            code = main(argv)
        finally:
            signal.alarm(0)
        captured = capsys.readouterr()
        stream = captured.out if run.get("stream", "stderr") == "stdout" else captured.err
        assert "Traceback" not in captured.err + captured.out, where
        assert code == run["exit"], (
            f"{where}: exit {code}\nstdout:\n{captured.out}\nstderr:\n{captured.err}"
        )
        wanted = [part for part in (run.get("code"), run.get("message")) if part]
        assert any(all(part in line for part in wanted) for line in stream.splitlines()), (
            f"{where}: no line holds {wanted}\nstdout:\n{captured.out}\nstderr:\n{captured.err}"
        )
        assert snapshot(work) == before, f"{where}: the inputs changed (bytes, modes or new files)"
        assert (snapshot(specs) if specs.exists() else {}) == specs_before, (
            f"{where}: specs changed"
        )
        assert not list(cwd.iterdir()), f"{where}: wrote into the working directory"
        if run.get("writes"):
            shutil.rmtree(out, ignore_errors=True)
        else:
            assert not out.exists() or not any(out.rglob("*")), (
                f"{where}: wrote {sorted(out.rglob('*'))}"
            )
