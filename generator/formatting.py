"""black in-process: lazy import, whole modules, cached by content hash (memory and optional disk).

A black failure becomes a `DocgenError` with code E-FORMAT naming the file being generated.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, DocgenError, error
from generator.fileio import write_atomic

DEFAULT_LINE_LENGTH = 88
TARGET_VERSION = "py310"  # generated packages support Python 3.10+
_MEMORY_LIMIT = 4096
# bumped when a cached entry may not be black's output: 2 = event stubs through the ruff fast
# path, with black wherever ruff's style leaves black's (a build may have cached ruff's bytes)
_CACHE_FORMAT = 2
_memory: OrderedDict[str, str] = OrderedDict()
_POSITION = re.compile(r"(\d+):(\d+)")
_DOCSTRING_START = re.compile(r"\s*[rRuU]?(\"\"\"|''')")


def format_python(
    source: str,
    path: str,
    *,
    line_length: int = DEFAULT_LINE_LENGTH,
    cache_dir: Path | None = None,
) -> str:
    """`source` (one whole module) formatted by black; `path` names it in diagnostics."""
    key = _cache_key(source, line_length)
    cached = _memory_get(key)
    if cached is None and cache_dir is not None:
        cached = _disk_get(cache_dir, key)
    if cached is None:
        cached = _run_black(source, path, line_length)
        if cache_dir is not None:
            _disk_put(cache_dir, key, cached)
    _memory_put(key, cached)
    return cached


def format_python_modules(
    sources: Mapping[str, str], *, cache_dir: Path | None = None, fast: bool = False
) -> dict[str, str]:
    """Whole modules (path → source) formatted in one batch: cached ones come from the cache;
    the rest go through one `ruff format` run when `fast` and ruff is installed (callers pass
    `fast` only for code whose ruff output a test shows equal to black's), with black's closing
    quotes of a long docstring made where ruff's style is known to differ
    (`_closing_quotes_as_black`), else (and where that case is not a plain one) through black one
    module at a time. Results are cached under black's key either way."""
    keys = {path: _cache_key(source, DEFAULT_LINE_LENGTH) for path, source in sources.items()}
    done: dict[str, str] = {}
    for path, key in keys.items():
        found = _memory_get(key) or (_disk_get(cache_dir, key) if cache_dir is not None else None)
        if found is not None:
            done[path] = found
    missing = {path: sources[path] for path in sources if path not in done}
    ruffed = (_run_ruff(missing) if fast and missing else None) or {}
    formatted = {
        path: text
        for path, ruff_text in ruffed.items()
        if (text := _closing_quotes_as_black(ruff_text)) is not None
    }
    for path, source in missing.items():
        if path not in formatted:
            formatted[path] = _run_black(source, path, DEFAULT_LINE_LENGTH)
    for path, text in formatted.items():
        _memory_put(keys[path], text)
        if cache_dir is not None:
            _disk_put(cache_dir, keys[path], text)
    return {path: done.get(path) or formatted[path] for path in sources}


def _closing_quotes_as_black(ruffed: str) -> str | None:
    """`ruffed` with black's one known difference made (`_black_may_differ`): black gives a
    multi-line docstring's closing quotes a line of their own, at the docstring's indent, when
    the last line with them is longer than the line length in characters (black counts them so
    there). None when a flagged docstring is not that plain case (single quotes, a prefix, a
    trailing backslash, a line break other than \\n): black formats such a module itself."""
    if not _black_may_differ(ruffed):
        return ruffed
    lines = ruffed.split("\n")
    for index in range(len(lines) - 1, -1, -1):
        if _flagged(lines, index) and not _move_closing_quotes(lines, index):
            return None
    return "\n".join(lines)


def _move_closing_quotes(lines: list[str], closing: int) -> bool:
    """Move the closing quotes at line `closing` as black would; False when the case is not
    the plain one this knows black's answer for."""
    opening = _docstring_start(lines, closing)
    if opening < 0 or any(len(line.splitlines()) > 1 for line in lines[opening : closing + 1]):
        return False
    start = lines[opening]
    indent = start[: len(start) - len(start.lstrip(" "))]
    body = lines[closing][:-3]
    if not start.lstrip(" ").startswith('"""') or not lines[closing].endswith('"""'):
        return False
    if body.endswith("\\") or len(indent) + 3 > DEFAULT_LINE_LENGTH:
        return False
    if len(lines[closing]) > DEFAULT_LINE_LENGTH:
        lines[closing : closing + 1] = [body, indent + '"""']
    return True


def _flagged(lines: list[str], index: int) -> bool:
    """The closing line of a body's multi-line docstring that passes the line length."""
    line = lines[index]
    return (
        line.endswith(('"""', "'''"))
        and _width(line) > DEFAULT_LINE_LENGTH
        and not _DOCSTRING_START.match(line)
        and _opens_a_body(lines, index)
    )


def _black_may_differ(ruffed: str) -> bool:
    """Where ruff's style is known to leave black's: the last line of a multi-line docstring (of
    a module, class or function) whose closing quotes pass the line length keeps them under ruff;
    black moves them to a line of their own. Such modules go through black."""
    lines = ruffed.splitlines()
    return any(_flagged(lines, index) for index in range(len(lines)))


def _opens_a_body(lines: list[str], closing: int) -> bool:
    """Whether the string that ends at line `closing` is the first statement of the module or of
    a `class`/`def` body (black's docstrings), not a string after an assignment."""
    start = _docstring_start(lines, closing)
    before = [line.strip() for line in lines[: max(start, 0)]]
    code = [line for line in before if line and not line.startswith("#")]
    return not code or code[-1].endswith(":")


def _docstring_start(lines: list[str], closing: int) -> int:
    """The line that opens the string closing at `closing` (-1: none before it)."""
    start = closing - 1
    while start >= 0 and not _DOCSTRING_START.match(lines[start]):
        start -= 1
    return start


def _width(line: str) -> int:
    """Columns, wide East Asian characters as two (as black counts them; never less than len)."""
    return len(line) + sum(1 for char in line if unicodedata.east_asian_width(char) in "WF")


def _run_ruff(sources: Mapping[str, str]) -> dict[str, str] | None:
    """`ruff format` over every module in one process; None when ruff is absent or fails."""
    import subprocess
    import tempfile

    try:
        from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped, unused-ignore]

        ruff = str(find_ruff_bin())
    except (ImportError, FileNotFoundError):
        return None
    with tempfile.TemporaryDirectory(prefix="b24-ruff-") as tmp:
        names = {path: Path(tmp) / f"m{index:05d}.py" for index, path in enumerate(sources)}
        for path, target in names.items():
            target.write_text(sources[path], encoding="utf-8")
        options = ["--isolated", "--no-cache", "--line-length", str(DEFAULT_LINE_LENGTH)]
        command = [ruff, "format", *options, "--target-version", TARGET_VERSION, tmp]
        if subprocess.run(command, capture_output=True, check=False).returncode != 0:
            return None
        return {path: target.read_text(encoding="utf-8") for path, target in names.items()}


def clear_memory_cache() -> None:
    """Forget every formatted module kept in memory (tests, long-running processes)."""
    _memory.clear()


def memory_cache_size() -> int:
    return len(_memory)


@cache
def _black_version() -> str:
    # importlib.metadata is cheap; importing black is not, so a cache hit never imports it
    try:
        return metadata.version("black")
    except metadata.PackageNotFoundError:
        return "unknown"


def _cache_key(source: str, line_length: int) -> str:
    salt = f"black={_black_version()};line_length={line_length};target={TARGET_VERSION}"
    salt += f";cache={_CACHE_FORMAT}\0"
    return hashlib.sha256((salt + source).encode("utf-8")).hexdigest()


@cache
def _get_black() -> Any:
    import black

    return black


def _run_black(source: str, path: str, line_length: int) -> str:
    black = _get_black()
    mode = black.Mode(
        target_versions={black.TargetVersion[TARGET_VERSION.upper()]}, line_length=line_length
    )
    try:
        formatted: str = black.format_str(source, mode=mode)
    except Exception as exc:  # black raises InvalidInput and assorted internal errors
        raise DocgenError(_format_error(path, exc)) from exc
    return formatted


def _format_error(path: str, exc: Exception) -> Diagnostic:
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    match = _POSITION.search(first)
    line, col = (int(match[1]), int(match[2])) if match else (0, 0)
    return error(path, "E-FORMAT", f"black cannot format the generated code: {first}", line, col)


def _memory_get(key: str) -> str | None:
    found = _memory.get(key)
    if found is not None:
        _memory.move_to_end(key)
    return found


def _memory_put(key: str, value: str) -> None:
    _memory[key] = value
    _memory.move_to_end(key)
    while len(_memory) > _MEMORY_LIMIT:
        _memory.popitem(last=False)


def _disk_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / "black" / key[:2] / f"{key}.py"


def _disk_get(cache_dir: Path, key: str) -> str | None:
    try:
        return _disk_path(cache_dir, key).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _disk_put(cache_dir: Path, key: str, value: str) -> None:
    # the cache is an optimisation: an unwritable cache folder must not fail a render
    with contextlib.suppress(DocgenError, OSError):
        write_atomic(_disk_path(cache_dir, key), value.encode("utf-8"))
