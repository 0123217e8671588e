"""toolchains.require: a path when present; skip locally, fail in CI when absent."""

from pathlib import Path

import pytest

from tests.support import toolchains


def hide_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))


def test_require_returns_the_tool_path() -> None:
    assert toolchains.require("bash").name == "bash"


def test_missing_tool_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hide_path(monkeypatch, tmp_path)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="php not found: apt-get install php-cli"):
        toolchains.require("php")


def test_missing_tool_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hide_path(monkeypatch, tmp_path)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="go not found"):
        toolchains.require("go")


def test_tools_env_folder_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    tsc = tmp_path / "node" / "node_modules" / ".bin" / "tsc"
    tsc.parent.mkdir(parents=True)
    tsc.touch()
    monkeypatch.setenv(toolchains.TOOLS_ENV, str(tmp_path))
    assert toolchains.find("tsc") == tsc


def test_node_tools_fall_back_to_the_repo_tools_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(toolchains.TOOLS_ENV, raising=False)
    assert toolchains.node_modules_dirs() == [toolchains.REPO_ROOT / ".tools/node/node_modules"]


def test_unknown_tool_name_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown tool"):
        toolchains.find("cobol")
