"""The committed `specs/` and `generated/` are exactly what `b24-docgen build` makes of the sample
docs, and the sample docs are in sync with the templates (the tool's own docs are dogfooded)."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from generator.cli import main
from tests.corpus import EXAMPLES_DOCS, REPO

REGENERATE = "run `b24-docgen build` from the repository root and commit specs/ and generated/"


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_goldens_are_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    specs, generated = tmp_path / "specs", tmp_path / "generated"
    code = main(
        ["build", "--docs", str(EXAMPLES_DOCS), "--specs", str(specs), "--out", str(generated)]
    )
    capsys.readouterr()
    assert code == 0
    for fresh, committed in ((specs, REPO / "specs"), (generated, REPO / "generated")):
        new, old = tree(fresh), tree(committed)
        stale = sorted(k for k in new.keys() | old.keys() if new.get(k) != old.get(k))
        assert not stale, f"{committed.name}/ is stale ({', '.join(stale[:5])}): {REGENERATE}"


def test_build_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        main(
            [
                "build",
                "--docs",
                str(EXAMPLES_DOCS),
                "--specs",
                str(out / "s"),
                "--out",
                str(out / "g"),
            ]
        )
        outputs.append(out)
    capsys.readouterr()
    comparison = filecmp.dircmp(outputs[0], outputs[1])
    assert tree(outputs[0]) == tree(outputs[1]), comparison.diff_files


@pytest.mark.parametrize("docs", ["examples/docs", "examples/docs-en"])
def test_sample_docs_are_in_sync(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--docs", str(REPO / docs), "--no-cache"])
    out = capsys.readouterr().out
    assert code == 0, out


def test_sample_twins_agree(capsys: pytest.CaptureFixture[str]) -> None:
    en = REPO / "examples" / "docs-en"
    code = main(["check", "--docs", str(EXAMPLES_DOCS), "--twin", str(en), "--no-cache"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "twin-mismatch" not in out
