"""black in-process: formatting, the memory and disk caches, lazy import, E-FORMAT diagnostics."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import formatting
from generator.diagnostics import DocgenError
from tests.support import toolchains

UGLY = "x=1\ndef f( a ):\n  return {'a':a}\n"
PRETTY = 'x = 1\n\n\ndef f(a):\n    return {"a": a}\n'


@pytest.fixture(autouse=True)
def fresh_memory() -> Iterator[None]:
    toolchains.require("black")
    formatting.clear_memory_cache()
    yield
    formatting.clear_memory_cache()


@pytest.fixture
def black_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources black actually formats (cache misses)."""
    runs: list[str] = []
    real = formatting._run_black

    def counting(source: str, path: str, line_length: int) -> str:
        runs.append(source)
        return real(source, path, line_length)

    monkeypatch.setattr(formatting, "_run_black", counting)
    return runs


def test_formats_a_whole_module() -> None:
    assert formatting.format_python(UGLY, "m.py") == PRETTY
    assert formatting.format_python(PRETTY, "m.py") == PRETTY


def test_line_length_is_honoured_and_part_of_the_key(black_runs: list[str]) -> None:
    call = "result = function_name(argument_one, argument_two, argument_three, argument_4)\n"
    assert formatting.format_python(call, "m.py") == call  # 81 columns fit in 88
    assert formatting.format_python(call, "m.py", line_length=60) != call
    assert len(black_runs) == 2


def test_memory_cache_skips_black(black_runs: list[str]) -> None:
    first = formatting.format_python(UGLY, "a.py")
    second = formatting.format_python(UGLY, "b.py")  # same text, another file name
    assert first == second == PRETTY
    assert black_runs == [UGLY]
    assert formatting.memory_cache_size() == 1


def test_disk_cache_survives_a_cleared_memory(tmp_path: Path, black_runs: list[str]) -> None:
    assert formatting.format_python(UGLY, "m.py", cache_dir=tmp_path) == PRETTY
    entries = list((tmp_path / "black").rglob("*.py"))
    assert len(entries) == 1 and entries[0].read_text(encoding="utf-8") == PRETTY
    formatting.clear_memory_cache()
    assert formatting.format_python(UGLY, "m.py", cache_dir=tmp_path) == PRETTY
    assert black_runs == [UGLY]


def test_unreadable_disk_entry_is_reformatted(tmp_path: Path, black_runs: list[str]) -> None:
    formatting.format_python(UGLY, "m.py", cache_dir=tmp_path)
    entry = next((tmp_path / "black").rglob("*.py"))
    entry.write_bytes(b"\xff\xfe not utf-8")
    formatting.clear_memory_cache()
    assert formatting.format_python(UGLY, "m.py", cache_dir=tmp_path) == PRETTY
    assert len(black_runs) == 2


def test_unwritable_cache_folder_does_not_fail(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    assert formatting.format_python(UGLY, "m.py", cache_dir=blocker) == PRETTY


def test_invalid_code_is_e_format_naming_the_file(tmp_path: Path, black_runs: list[str]) -> None:
    bad = "def ok():\n    pass\n\ndef broken(:\n    pass\n"
    for _ in range(2):
        with pytest.raises(DocgenError) as caught:
            formatting.format_python(bad, "python/b24_events/registry.py", cache_dir=tmp_path)
        diagnostic = caught.value.diagnostic
        assert diagnostic.code == "E-FORMAT" and diagnostic.is_error
        assert diagnostic.path == "python/b24_events/registry.py"
        assert diagnostic.line == 4
        assert "registry.py:4:" in str(caught.value)
    assert len(black_runs) == 2  # failures are not cached
    assert not (tmp_path / "black").exists()


def test_black_is_imported_lazily(tmp_path: Path) -> None:
    formatting.format_python(UGLY, "m.py", cache_dir=tmp_path)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator import formatting\n"
        "assert 'black' not in sys.modules, 'imported at module load'\n"
        f"out = formatting.format_python({UGLY!r}, 'm.py', cache_dir=Path({str(tmp_path)!r}))\n"
        f"assert out == {PRETTY!r}\n"
        "assert 'black' not in sys.modules, 'imported on a disk-cache hit'\n"
        f"formatting.format_python('y=2\\n', 'n.py')\n"
        "assert 'black' in sys.modules\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


LONG = "Слова " * 16  # 96 columns: the closing quotes cannot fit on the docstring's last line
DOCSTRING_MODULE = f'class A:\n    """Title.\n\n    {LONG}"""\n\n    x: int\n'
ATTRIBUTE_MODULE = f'class A:\n    x: int\n    """Title.\n\n    {LONG}"""\n'


def test_ruff_stands_in_for_black_except_where_their_styles_differ() -> None:
    """black moves a multi-line docstring's closing quotes to a line of their own when they would
    pass the line length, ruff does not: such a module goes through black (the fast path must
    give black's bytes); an attribute docstring, which neither moves, stays with ruff."""
    ruffed = formatting._run_ruff({"d.py": DOCSTRING_MODULE, "a.py": ATTRIBUTE_MODULE})
    assert ruffed is not None, "ruff is not installed"
    assert ruffed["d.py"] != formatting._run_black(DOCSTRING_MODULE, "d.py", 88)
    assert formatting._black_may_differ(ruffed["d.py"])
    assert not formatting._black_may_differ(ruffed["a.py"])
    assert not formatting._black_may_differ(f'"""{LONG}"""\n')  # one line: neither moves it
    sources = {"d.py": DOCSTRING_MODULE, "a.py": ATTRIBUTE_MODULE}
    fast = formatting.format_python_modules(sources, fast=True)
    assert fast == {path: formatting._run_black(text, path, 88) for path, text in sources.items()}
    assert fast["d.py"].endswith(f'    {LONG.rstrip()}\n    """\n\n    x: int\n')


def _black(source: str) -> str:
    import black

    mode = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)
    return str(black.format_str(source, mode=mode))


WIDE = "語" * 40  # 80 characters, 160 columns: black counts characters here, so nothing moves
MOVED_OR_KEPT = {
    "method.py": f'class A:\n    def f(self) -> None:\n        """T.\n\n        {LONG}"""\n',
    "quote.py": f'def f() -> None:\n    """T.\n\n    {LONG}with "quotes\\""""\n',
    "wide.py": f'def f() -> None:\n    """T.\n\n    {WIDE}"""\n',
    "module.py": f'"""T.\n\n{LONG}{LONG}"""\n\nx = 1\n',
    "single.py": f"def f() -> None:\n    '''T.\n\n    {LONG}'''\n",  # ruff's quotes are black's
}
LEFT_TO_BLACK = {
    "prefix.py": f'def f() -> None:\n    r"""T.\n\n    {LONG}"""\n',
    "backslash.py": f'def f() -> None:\n    """T.\n\n    {LONG}ends \\\\"""\n',
}


def test_black_s_closing_quotes_are_made_without_black(black_runs: list[str]) -> None:
    """The fast path gives black's bytes for the docstrings whose closing quotes black moves (or,
    counting characters, keeps), without running black; a docstring with a prefix or a trailing
    backslash is left to black."""
    sources = {**MOVED_OR_KEPT, **LEFT_TO_BLACK}
    fast = formatting.format_python_modules(sources, fast=True)
    assert fast == {path: _black(text) for path, text in sources.items()}
    assert sorted(black_runs) == sorted(LEFT_TO_BLACK.values())
    assert fast["method.py"].endswith(f'        {LONG.rstrip()}\n        """\n')
    assert fast["wide.py"].endswith(f'    {WIDE}"""\n')
