"""Batched language checkers for example snippets: one tool process per language per batch.

Every checker takes `Snippet`s and returns `Failure`s whose lines are lines of the snippet.
Each calls `toolchains.require`, so inside a test a missing tool skips (or fails in CI).

By tab label (see CHECKERS_BY_LABEL):
- cURL (Webhook), cURL (OAuth): check_bash, one bash looping `bash -n` over the files
- BX24.js: check_js, one node compiling each snippet with `vm.Script` (nothing runs)
- JS (legacy label, top-level await): check_js_await, the same inside an async arrow function
- JS (UMD): check_umd, the inline `<script>` bodies through the same node check
- JS (TS): check_ts, one `tsc -p` against the installed @bitrix24/b24jssdk
- PHP, PHP CRest: check_php, one php parsing each snippet with TOKEN_PARSE
- Python: check_python, in-process `compile()` and black
- Go: check_go, one gofmt and `go vet` against a stand-in SDK module
"""

import json
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .go_checker import check_go
from .snippets import (
    Failure,
    Snippet,
    failure,
    first_difference,
    ordered,
    run_tool,
    unique,
    write_files,
)
from .toolchains import require
from .ts_checker import check_ts

__all__ = [
    "CHECKERS_BY_LABEL",
    "Checker",
    "check_bash",
    "check_go",
    "check_js",
    "check_js_await",
    "check_php",
    "check_python",
    "check_ts",
    "check_umd",
]

Checker = Callable[[Iterable[Snippet]], list[Failure]]

_HERE = Path(__file__).resolve().parent
_BASH_LINE = re.compile(r"^(?P<file>s\d+\.sh): line (?P<line>\d+): (?P<message>.*)$")
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_SCRIPT_OPEN = re.compile(r"<script\b", re.I)
_PHP_OPEN = "<?php"

# (snippet, code handed to the tool, lines the code has above the snippet's first line)
_Item = tuple[Snippet, str, int]


def check_bash(snippets: Iterable[Snippet]) -> list[Failure]:
    """`bash -n` on each snippet, all from a single driver shell."""
    bash = require("bash")
    batch = unique(snippets)
    with tempfile.TemporaryDirectory(prefix="b24-sh-") as tmp:
        by_name = write_files(Path(tmp), batch, ".sh")
        loop = 'for f; do bash -n -- "$f"; done; exit 0'
        completed = run_tool([bash, "-c", loop, "bash", *by_name], cwd=Path(tmp), ok_codes=[0])
    messages: dict[tuple[str, int], list[str]] = {}
    for raw in completed.stderr.splitlines():
        match = _BASH_LINE.match(raw)
        if match:
            key = (match["file"], int(match["line"]))
            messages.setdefault(key, []).append(match["message"])
    found = [
        failure(by_name[name], line, " | ".join(text)) for (name, line), text in messages.items()
    ]
    return ordered(batch, found)


def check_js(snippets: Iterable[Snippet]) -> list[Failure]:
    """Syntax-check plain (script) JavaScript such as BX24.js tabs; nothing is executed."""
    batch = unique(snippets)
    return ordered(batch, _node_syntax([(s, s.code, 0) for s in batch]))


def check_js_await(snippets: Iterable[Snippet]) -> list[Failure]:
    """Like check_js, but allow top-level await (legacy `JS` tabs); no import/export."""
    batch = unique(snippets)
    # The wrapper opens on the snippet's first line, so line numbers stay the same.
    items = [(s, "(async () => {" + s.code + "\n})", 0) for s in batch]
    return ordered(batch, _node_syntax(items))


def check_umd(snippets: Iterable[Snippet]) -> list[Failure]:
    """Syntax-check the inline `<script>` bodies of HTML snippets (JS (UMD) tabs)."""
    batch = unique(snippets)
    items: list[_Item] = []
    found: list[Failure] = []
    for snippet in batch:
        bodies = _inline_scripts(snippet.code)
        if len(_SCRIPT_OPEN.findall(snippet.code)) != len(_SCRIPT.findall(snippet.code)):
            found.append(failure(snippet, 0, "unclosed <script> element"))
        elif not bodies:
            found.append(failure(snippet, 0, "no inline <script> to check"))
        items.extend((snippet, body, 0) for body in bodies)
    return ordered(batch, found + _node_syntax(items))


def check_php(snippets: Iterable[Snippet]) -> list[Failure]:
    """Parse each snippet with PHP's own parser (`<?php` is prepended when missing)."""
    php = require("php")
    batch = unique(snippets)
    items = [
        (s, s.code, 0)
        if s.code.lstrip().startswith(_PHP_OPEN)
        else (s, f"{_PHP_OPEN}\n{s.code}", 1)
        for s in batch
    ]
    command: list[str | Path] = [php, "-d", "display_errors=stderr", _HERE / "php_lint.php"]
    return ordered(batch, _run_driver(command, items))


def check_python(snippets: Iterable[Snippet]) -> list[Failure]:
    """`compile()` each snippet, then require black's default style (in-process)."""
    require("black")
    import black  # late: importing it is slow, and require() must run first
    import black.parsing

    mode = black.Mode()
    batch = unique(snippets)
    found: list[Failure] = []
    for snippet in batch:
        try:
            compile(snippet.code, snippet.origin, "exec", dont_inherit=True)
        except SyntaxError as error:
            found.append(failure(snippet, error.lineno or 0, f"SyntaxError: {error.msg}"))
            continue
        code = _with_final_newline(snippet.code)
        try:
            formatted = black.format_str(code, mode=mode)
        except black.parsing.InvalidInput as error:
            found.append(failure(snippet, 0, f"black cannot parse it: {error}"))
            continue
        if formatted != code:
            line, expected = first_difference(code, formatted)
            found.append(failure(snippet, line, f"not black-formatted; black gives {expected!r}"))
    return ordered(batch, found)


CHECKERS_BY_LABEL: dict[str, Checker] = {
    "cURL (Webhook)": check_bash,
    "cURL (OAuth)": check_bash,
    "BX24.js": check_js,
    "JS": check_js_await,
    "JS (UMD)": check_umd,
    "JS (TS)": check_ts,
    "PHP": check_php,
    "PHP CRest": check_php,
    "Python": check_python,
    "Go": check_go,
}


def _node_syntax(items: Sequence[_Item]) -> list[Failure]:
    return _run_driver([require("node"), _HERE / "js_syntax.cjs"], items) if items else []


def _inline_scripts(html: str) -> list[str]:
    """Bodies of `<script>` elements without `src`, padded so lines match the HTML's."""
    bodies = []
    for match in _SCRIPT.finditer(html):
        if re.search(r"\bsrc\s*=", match["attrs"], re.I):
            continue
        padding = "\n" * html.count("\n", 0, match.start("body"))
        bodies.append(padding + match["body"])
    return bodies


def _run_driver(command: Sequence[str | Path], items: Sequence[_Item]) -> list[Failure]:
    """Run a JSON batch driver (js_syntax.cjs, php_lint.php) over the items in one process."""
    payload = [{"name": str(index), "code": code} for index, (_, code, _) in enumerate(items)]
    with tempfile.TemporaryDirectory(prefix="b24-chk-") as tmp:
        data = Path(tmp) / "snippets.json"
        data.write_text(json.dumps(payload), encoding="utf-8")
        completed = run_tool([*command, data], ok_codes=[0])
    found = []
    for result in json.loads(completed.stdout):
        snippet, _, added_lines = items[int(result["name"])]
        found.append(failure(snippet, int(result["line"]) - added_lines, str(result["message"])))
    return found


def _with_final_newline(code: str) -> str:
    return code if code.endswith("\n") else code + "\n"
