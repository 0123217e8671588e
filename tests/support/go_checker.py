"""Check Go snippets (function bodies) with gofmt and `go vet`, offline, in one package.

Each snippet is wrapped as
`func exampleN(ctx context.Context, client *b24.Client) error { <snippet, one TAB deeper> }`
in its own file of one temporary module. `b24` is the stand-in SDK in `go_b24/` (a `replace`
directive; GOPROXY=off, so nothing is downloaded). The snippet must be gofmt-clean once wrapped.

`go vet` stops at the first type error of a package, so when it reports one, a
`go build -gcflags=-e` run collects all compile errors, the broken files are dropped and vet
runs again for its analyzers on the rest.
"""

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .snippets import (
    CheckerError,
    Failure,
    Snippet,
    failure,
    first_difference,
    ordered,
    run_tool,
    unique,
)
from .toolchains import require

STAND_IN = Path(__file__).resolve().parent / "go_b24"
SDK_MODULE = "github.com/bitrix24/b24gosdk"
GO_ENV = {
    "GOFLAGS": "-mod=mod",
    "GOPROXY": "off",
    "GOSUMDB": "off",
    "GOTOOLCHAIN": "local",
    "GOWORK": "off",
    "GO111MODULE": "on",
    "CGO_ENABLED": "0",
}
# Standard packages imported only when a snippet mentions them; the value keeps the import used.
_OPTIONAL_IMPORTS = {
    "errors": "errors.New",
    "log": "log.Printf",
    "os": "os.Exit",
    "strconv": "strconv.Itoa",
    "strings": "strings.Contains",
    "time": "time.Now",
}
_LOCATION = re.compile(
    r"^(?:vet: )?(?:\./)?(?P<file>s\d+\.go):(?P<line>\d+):(?:\d+:)? (?P<msg>.*)$"
)


@dataclass(frozen=True)
class _Wrapped:
    snippet: Snippet
    source: str
    header_lines: int

    def failure(self, file_line: int, message: str) -> Failure:
        return failure(self.snippet, file_line - self.header_lines, message)


def check_go(snippets: Iterable[Snippet]) -> list[Failure]:
    """gofmt and `go vet` each snippet as the body of an example function."""
    go, gofmt = require("go"), require("gofmt")
    batch = unique(snippets)
    if not batch:
        return []
    wrapped = {f"s{i:05d}.go": wrap(s, f"example{i:05d}") for i, s in enumerate(batch, 1)}
    with tempfile.TemporaryDirectory(prefix="b24-go-") as tmp:
        root = Path(tmp)
        found = _gofmt(gofmt, root / "fmt", wrapped)
        found += _vet(go, root / "mod", wrapped)
    return ordered(batch, found)


def wrap(snippet: Snippet, func_name: str) -> _Wrapped:
    """The snippet as a complete Go file; returns it with the count of lines above line 1."""
    imports = ["context", "encoding/json", "fmt"]
    imports += [pkg for pkg in _OPTIONAL_IMPORTS if re.search(rf"\b{pkg}\.", snippet.code)]
    guards = ["fmt.Sprintf", "json.Unmarshal"] + [
        _OPTIONAL_IMPORTS[pkg] for pkg in imports if pkg in _OPTIONAL_IMPORTS
    ]
    header = "\n".join(
        [
            "package snippets",
            "",
            "import (",
            *(f'\t"{pkg}"' for pkg in sorted(imports)),
            "",
            f'\tb24 "{SDK_MODULE}"',
            ")",
            "",
            "var (",
            *(f"\t_ = {guard}" for guard in guards),
            ")",
            "",
            f"func {func_name}(ctx context.Context, client *b24.Client) error {{",
            "",
        ]
    )
    body = "".join(f"\t{line}" if line.strip() else "\n" for line in _lines(snippet.code))
    footer = "}\n" if _ends_with_exit(snippet.code) else "\treturn nil\n}\n"
    return _Wrapped(snippet, header + body + footer, header.count("\n"))


def _lines(code: str) -> list[str]:
    return [line.rstrip() + "\n" for line in code.splitlines()]


def _ends_with_exit(code: str) -> bool:
    """A trailing top-level return/panic makes our `return nil` unreachable (vet would say so)."""
    lines = [line for line in code.splitlines() if line.strip()]
    return bool(lines) and re.match(r"(return\b|panic\()", lines[-1]) is not None


def _gofmt(gofmt: Path, folder: Path, wrapped: dict[str, _Wrapped]) -> list[Failure]:
    """Format a copy in place; differences inside a snippet are failures."""
    folder.mkdir()
    for name, item in wrapped.items():
        (folder / name).write_text(item.source, encoding="utf-8")
    # Exit 2 means some files did not parse; go build reports those errors with more context.
    run_tool([gofmt, "-w", "."], cwd=folder, ok_codes=[0, 2])
    found = []
    for name, item in wrapped.items():
        formatted = (folder / name).read_text(encoding="utf-8")
        if formatted != item.source:
            line, expected = first_difference(item.source, formatted)
            expected = expected.removeprefix("\t")  # as it would read in the snippet
            found.append(item.failure(line, f"not gofmt-clean; gofmt gives {expected!r}"))
    return found


def _vet(go: Path, folder: Path, wrapped: dict[str, _Wrapped]) -> list[Failure]:
    folder.mkdir()
    (folder / "go.mod").write_text(
        f"module example.invalid/snippets\n\ngo 1.19\n\nrequire {SDK_MODULE} v0.0.0\n\n"
        f"replace {SDK_MODULE} => {STAND_IN}\n",
        encoding="utf-8",
    )
    for name, item in wrapped.items():
        (folder / name).write_text(item.source, encoding="utf-8")
    file_of = {item.snippet.id: name for name, item in wrapped.items()}
    found: list[Failure] = []
    # Ends: each round either returns or drops at least one file (_locate raises on no match).
    # Syntax errors hide type errors, which hide vet findings, hence a loop, not one retry.
    while True:
        output = _go(go, folder, "vet")
        if not any(line.startswith("vet: ") for line in output.splitlines()):
            return found + _locate(output, wrapped)
        broken = _locate(_go(go, folder, "build", "-gcflags=-e") or output, wrapped)
        found += broken
        for snippet_id in {f.snippet_id for f in broken}:
            (folder / file_of[snippet_id]).unlink()


def _go(go: Path, folder: Path, *args: str) -> str:
    """Output of a go command over the module; empty when it passes or nothing is left."""
    if not any(folder.glob("*.go")):
        return ""
    completed = run_tool([go, *args, "./..."], cwd=folder, env=GO_ENV, ok_codes=[0, 1, 2])
    return "" if completed.returncode == 0 else completed.stderr + completed.stdout


def _locate(output: str, wrapped: dict[str, _Wrapped]) -> list[Failure]:
    found = []
    for raw in output.splitlines():
        match = _LOCATION.match(raw.strip())
        if match and match["file"] in wrapped:
            found.append(wrapped[match["file"]].failure(int(match["line"]), match["msg"]))
    if output.strip() and not found:
        raise CheckerError(f"go reported problems outside the snippets:\n{output}")
    return found
