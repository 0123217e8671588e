"""`b24-docgen parse`: summary, JSON output, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from tests.corpus import SEED_PAGE, seed_root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_writes_specs_and_summarises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = seed_root(tmp_path / "docs")
    out = tmp_path / "specs"
    code, stdout, _ = run(capsys, "parse", "--docs", str(docs), "--out", str(out))
    assert code == 0
    assert "event pages: 1 (0 rest_event, 1 js_event, 0 legacy_event)" in stdout
    assert (out / SEED_PAGE.replace(".md", ".yaml")).is_file()


def test_parse_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = seed_root(tmp_path / "docs")
    code, stdout, _ = run(
        capsys, "parse", "--docs", str(docs), "--out", str(tmp_path / "o"), "--format", "json"
    )
    payload = json.loads(stdout)
    assert code == 0
    assert payload["pages"] == {"rest_event": 0, "js_event": 1, "legacy_event": 0, "method": 0}
    assert payload["specs"] == [(tmp_path / "o" / SEED_PAGE.replace(".md", ".yaml")).as_posix()]
    assert payload["diagnostics"] == []


def test_second_parse_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = seed_root(tmp_path / "docs")
    run(capsys, "parse", "--docs", str(docs), "--out", str(tmp_path / "o"))
    _, stdout, _ = run(capsys, "parse", "--docs", str(docs), "--out", str(tmp_path / "o"))
    assert "(0 changed)" in stdout


def test_missing_docs_root_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run(
        capsys, "parse", "--docs", str(tmp_path / "nope"), "--out", str(tmp_path / "o")
    )
    assert code == 2
    assert stderr.strip().endswith("E-DOCS-ROOT docs root does not exist or is not a folder")
    assert len(stderr.strip().splitlines()) == 1


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run(capsys, "parse", "--format", "xml")
    assert code == 2 and "invalid choice" in stderr


def test_non_utf8_page_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = seed_root(tmp_path / "docs")
    page = docs / SEED_PAGE
    page.write_bytes(page.read_bytes().replace("Событие".encode(), b"\xff\xfe", 1))
    code, _, stderr = run(capsys, "parse", "--docs", str(docs), "--out", str(tmp_path / "o"))
    assert code == 2
    assert f"{SEED_PAGE}:1:3: E-ENCODING not valid UTF-8 (byte 0xff)" in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "o" / SEED_PAGE.replace(".md", ".yaml")).exists()
