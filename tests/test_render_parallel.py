"""`render` of a spec folder in several processes (generator/render/parallel.py) gives the bytes
and the first error of a one-process run. The committed specs/ are small, so the size below which
render stays in one process is set to zero here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.diagnostics import DocgenError
from generator.options import Options
from generator.render import parallel
from generator.render.parallel import balanced, render_folder
from generator.spec.io import SpecError
from tests.corpus import REPO


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(parallel, "SERIAL_BYTES", 0)
    return Path(shutil.copytree(REPO / "specs", tmp_path / "specs"))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def outcome(specs: Path, out: Path, jobs: int, templates: tuple[Path, ...] = ()) -> str:
    options = Options(jobs=jobs, templates=templates)
    try:
        render_folder(specs, out, options, use_cache=False)
    except (SpecError, DocgenError) as exc:
        return exc.diagnostic.format_text()
    return "ok"


def test_two_processes_write_the_bytes_of_one(specs: Path, tmp_path: Path) -> None:
    one = render_folder(specs, tmp_path / "one", Options(jobs=1), use_cache=False)
    two = render_folder(specs, tmp_path / "two", Options(jobs=2), use_cache=False)
    assert two.written == one.written
    assert tree(tmp_path / "two") == tree(tmp_path / "one") == tree(REPO / "generated")


def test_a_spec_that_does_not_load_is_the_error_whatever_the_split(
    specs: Path, tmp_path: Path
) -> None:
    last = sorted(specs.rglob("*.yaml"))[-1]
    last.write_text("kind: [unclosed\n", encoding="utf-8")
    serial = outcome(specs, tmp_path / "one", jobs=1)
    assert "E-SPEC invalid YAML" in serial and last.as_posix() in serial
    assert outcome(specs, tmp_path / "two", jobs=2) == serial
    assert outcome(specs, tmp_path / "three", jobs=3) == serial


def test_a_bad_spec_wins_over_a_failing_template_as_in_one_process(
    specs: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates" / "examples" / "method"
    templates.mkdir(parents=True)
    (templates / "go.go.j2").write_text("{{ no_such_name }}\n", encoding="utf-8")
    user = (tmp_path / "templates",)
    failing = outcome(specs, tmp_path / "t1", jobs=1, templates=user)
    assert "E-TEMPLATE" in failing and "no_such_name" in failing
    assert outcome(specs, tmp_path / "t2", jobs=2, templates=user) == failing
    sorted(specs.rglob("*.yaml"))[-1].write_text("kind: [unclosed\n", encoding="utf-8")
    serial = outcome(specs, tmp_path / "s1", jobs=1, templates=user)
    assert "E-SPEC" in serial
    assert outcome(specs, tmp_path / "s2", jobs=2, templates=user) == serial


def test_shares_are_contiguous_and_about_equal_in_size() -> None:
    paths = [Path(f"{i:02d}.yaml") for i in range(6)]
    assert balanced(paths, [10, 10, 10, 10, 10, 10], 2) == [paths[:3], paths[3:]]
    assert balanced(paths, [50, 1, 1, 1, 1, 1], 2) == [paths[:1], paths[1:]]
    assert balanced(paths[:1], [5], 3) == [paths[:1]]
