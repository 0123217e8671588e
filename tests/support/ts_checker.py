"""Type-check JS (TS) snippets with one `tsc -p` against the real @bitrix24/b24jssdk.

Each snippet becomes its own module (`s<n>.ts`) in a temporary project whose `node_modules`
is a symlink to the pinned tools folder, so `import ... from '@bitrix24/b24jssdk'` resolves to
the installed package. Every file is forced to be a module: top-level await is allowed and
snippets cannot see each other's declarations.
"""

import json
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from subprocess import CompletedProcess

from .snippets import (
    CheckerError,
    Failure,
    Snippet,
    failure,
    ordered,
    run_tool,
    unique,
    write_files,
)
from .toolchains import require

TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noEmit": True,
        "target": "es2022",
        "module": "esnext",
        "moduleResolution": "bundler",
        "moduleDetection": "force",
        "lib": ["es2022", "dom"],
        "types": [],
        "skipLibCheck": True,
    },
    "include": ["*.ts"],
}

_ERROR = re.compile(r"^(?P<file>s\d+\.ts)\((?P<line>\d+),(?P<col>\d+)\): (?P<message>.*)$")


def check_ts(snippets: Iterable[Snippet]) -> list[Failure]:
    """Type-check TypeScript snippets in strict mode; report `error TSnnnn` lines."""
    require("node")  # tsc's launcher is a node script
    tsc = require("tsc")
    node_modules = require("b24jssdk").parents[1]
    batch = unique(snippets)
    if not batch:
        return []
    with tempfile.TemporaryDirectory(prefix="b24-ts-") as tmp:
        project = Path(tmp)
        (project / "node_modules").symlink_to(node_modules, target_is_directory=True)
        (project / "tsconfig.json").write_text(json.dumps(TSCONFIG, indent=2), encoding="utf-8")
        by_name = write_files(project, batch, ".ts")
        completed = run_tool(
            [tsc, "-p", project, "--pretty", "false"], cwd=project, ok_codes=[0, 1, 2]
        )
    return ordered(batch, _parse(completed, by_name))


def _parse(completed: CompletedProcess[str], by_name: dict[str, Snippet]) -> list[Failure]:
    """Map `s00001.ts(3,5): error TS2322: ...` lines (plus indented continuations)."""
    found: list[tuple[Snippet, int, list[str]]] = []
    stray: list[str] = []
    for raw in completed.stdout.splitlines():
        match = _ERROR.match(raw)
        if match:
            found.append((by_name[match["file"]], int(match["line"]), [match["message"]]))
        elif raw.startswith(" ") and found:
            found[-1][2].append(raw.strip())
        elif raw.strip():
            stray.append(raw)
    if stray or (completed.returncode != 0 and not found):
        details = "\n".join([*stray, completed.stderr])
        raise CheckerError(f"tsc reported problems outside the snippets:\n{details}")
    return [failure(snippet, line, " ".join(text)) for snippet, line, text in found]
