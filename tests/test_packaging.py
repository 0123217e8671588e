"""The wheel carries the built-in templates and the schema, and renders from them when installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.corpus import EXAMPLES_DOCS, REPO

PAGE = "api-reference/tasks/events-tasks/on-task-update.md"


def test_wheel_renders_a_tab_from_its_own_templates(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "-w",
            str(tmp_path),
            "-q",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("b24_docgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/templates/profiles.yaml" in names
    assert "generator/templates/examples/go.go.j2" in names
    assert "generator/schema/spec.schema.json" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from pathlib import Path\n"
        "import generator.paths\n"
        "from generator.parse import parse_page\n"
        "from generator.render.examples import render_tab\n"
        f"spec = parse_page(Path({str(EXAMPLES_DOCS)!r}), {PAGE!r}).spec\n"
        "print(generator.paths.builtin_templates())\n"
        "print(render_tab(spec, 'go'))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert str(site / "generator" / "templates") in run.stdout
    assert 'client.Core().Call(ctx, "event.bind", b24.Params{' in run.stdout
