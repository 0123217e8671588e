"""Options are resolved once, the same way, for every command: `[tool.b24-docgen]` in pyproject.toml
reaches parse, render, build, check and sync alike, and a folder or file it (or a flag) names that
does not exist is E-CONFIG with exit status 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import DocgenError
from generator.options import Options, SyncMode, resolve_options

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DOCS = REPO / "examples" / "docs"
GOLDEN_GO_TABS = 3  # the sample docs' REST event pages whose profile tabs include Go
METHOD_GO_TABS = 4  # the sample docs' method pages with a Go tab
MARKER = "// go tab from the project's own templates"
GO_OVERRIDE = MARKER + "\nres, err := client.Core().Call(ctx, {{ call.method|go_string }}, nil)\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose pyproject.toml overrides the Go template, with a copy of the sample docs."""
    shutil.copytree(SAMPLE_DOCS, tmp_path / "docs")
    (tmp_path / "tpl" / "examples").mkdir(parents=True)
    (tmp_path / "tpl" / "examples" / "go.go.j2").write_text(GO_OVERRIDE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.b24-docgen]\ntemplates = ["tpl"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def go_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*-go.go"))


def test_render_and_build_use_the_pyproject_templates(project: Path) -> None:
    assert main(["parse", "--docs", "docs", "--out", "specs"]) == 0
    assert main(["render", "--specs", "specs", "--out", "rendered"]) == 0
    assert main(["build", "--docs", "docs", "--specs", "specs2", "--out", "built"]) == 0
    for out in (project / "rendered", project / "built"):
        # examples/go.go.j2 is the event pages' Go template; method pages use examples/method/
        overridden = [f for f in go_files(out) if f.read_text("utf-8").startswith(MARKER + "\n")]
        assert len(overridden) == GOLDEN_GO_TABS
        assert len(go_files(out)) == GOLDEN_GO_TABS + METHOD_GO_TABS


def test_check_and_sync_use_the_same_templates(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--docs", "docs", "--no-cache"]) == 1
    drift = [line for line in capsys.readouterr().out.splitlines() if ": drift [Go]" in line]
    assert len(drift) == GOLDEN_GO_TABS
    assert main(["sync", "--docs", "docs", "--dry-run"]) == 1
    assert f"+    {MARKER}" in capsys.readouterr().out


def test_without_the_override_the_docs_are_in_sync(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text("[tool.b24-docgen]\n", encoding="utf-8")
    assert main(["check", "--docs", "docs", "--no-cache"]) in (0, 1)  # 1: other findings
    out = capsys.readouterr().out
    assert ": drift [" not in out and "pages checked: 14" in out


@pytest.mark.parametrize(
    "command",
    [
        ["parse", "--docs", "docs", "--out", "specs"],
        ["render", "--specs", "specs", "--out", "out"],
        ["build", "--docs", "docs"],
        ["check", "--docs", "docs"],
        ["sync", "--docs", "docs", "--dry-run"],
    ],
)
def test_a_missing_pyproject_folder_is_e_config_for_every_command(
    project: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.b24-docgen]\ntemplates = ["nowhere"]\n', encoding="utf-8"
    )
    assert main(command) == 2
    err = capsys.readouterr().err.strip()
    missing = (project / "nowhere").resolve().as_posix()
    expected = f"{(project / 'pyproject.toml').resolve().as_posix()}:0:0: E-CONFIG templates:"
    assert err == f"{expected} no such folder {missing}"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--templates", "gone"], "templates: no such folder {p}/gone"),
        (["--profiles", "gone.yaml"], "profiles: no such file {p}/gone.yaml"),
        (["--twin", "gone"], "twin: no such folder {p}/gone"),
    ],
)
def test_a_missing_flag_path_is_e_config(
    project: Path, flags: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--docs", "docs", *flags]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("E-CONFIG " + message.format(p=".").replace("./", ""))


def test_flags_win_over_the_pyproject(project: Path) -> None:
    (project / "mine").mkdir()
    options = resolve_options(profile="2024", templates=(Path("mine"),), mode=SyncMode(True))
    assert options == Options(
        profile="2024", templates=(Path("mine"),), mode=SyncMode(add_missing=True)
    )
    assert resolve_options().templates == ((project / "tpl").resolve(),)


def test_jobs_must_be_positive(project: Path) -> None:
    with pytest.raises(DocgenError, match="jobs: expected a positive number, got 0"):
        resolve_options(jobs=0)
