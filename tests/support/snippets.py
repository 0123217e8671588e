"""Snippet and Failure values shared by the language checkers, plus batch-file helpers."""

import difflib
import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

TOOL_TIMEOUT_S = 600


@dataclass(frozen=True, slots=True)
class Snippet:
    """One code example; `origin` is a human location like `api/x.md:12 [PHP CRest]`."""

    id: str
    code: str
    origin: str


@dataclass(frozen=True, slots=True, order=True)
class Failure:
    """A finding mapped back to its snippet; `line` is 1-based in the snippet, 0 if unknown."""

    snippet_id: str
    origin: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: snippet line {self.line}: {self.message}"


class CheckerError(RuntimeError):
    """The tool itself failed in a way that says nothing about any snippet."""


def failure(snippet: Snippet, line: int, message: str) -> Failure:
    """Build a Failure for `snippet`, clamping the line into the snippet."""
    last = max(1, len(snippet.code.splitlines()))
    return Failure(snippet.id, snippet.origin, min(max(line, 0), last), message.strip())


def unique(snippets: Iterable[Snippet]) -> list[Snippet]:
    """The snippets as a list; ids must be unique within one batch."""
    batch = list(snippets)
    seen: set[str] = set()
    for snippet in batch:
        if snippet.id in seen:
            raise ValueError(f"duplicate snippet id in batch: {snippet.id!r}")
        seen.add(snippet.id)
    return batch


def write_files(folder: Path, snippets: Sequence[Snippet], suffix: str) -> dict[str, Snippet]:
    """Write each snippet to `s<n><suffix>` in `folder`; return file name -> snippet."""
    by_name: dict[str, Snippet] = {}
    for index, snippet in enumerate(snippets, start=1):
        name = f"s{index:05d}{suffix}"
        (folder / name).write_text(snippet.code, encoding="utf-8")
        by_name[name] = snippet
    return by_name


def run_tool(
    args: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    ok_codes: Iterable[int] = (0, 1),
) -> subprocess.CompletedProcess[str]:
    """Run a checker process; raise CheckerError on an unexpected exit code."""
    full_env = {**os.environ, **env} if env is not None else None
    completed = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=TOOL_TIMEOUT_S,
        check=False,
    )
    if completed.returncode not in set(ok_codes):
        raise CheckerError(
            f"{Path(str(args[0])).name} exited {completed.returncode}:\n"
            f"{completed.stderr or completed.stdout}"
        )
    return completed


def first_difference(old: str, new: str) -> tuple[int, str]:
    """1-based line of `old` where `new` first differs, and `new`'s text there."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, _i2, j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            return i1 + 1, new_lines[j1] if j1 < len(new_lines) else ""
    return 0, ""


def ordered(batch: Sequence[Snippet], found: Iterable[Failure]) -> list[Failure]:
    """Failures in batch order, then by line, without duplicates."""
    position = {snippet.id: index for index, snippet in enumerate(batch)}
    unique_found = dict.fromkeys(found)
    return sorted(unique_found, key=lambda f: (position[f.snippet_id], f.line, f.message))
