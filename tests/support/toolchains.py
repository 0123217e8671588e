"""Locate external toolchains for functional tests.

`require(name)` returns the tool's path. A missing tool skips the test locally but fails it
when `CI=true`, because in CI an absent toolchain means the check silently did not run.
Node tools (tsc, @bitrix24/b24jssdk) live in `$B24_DOCGEN_TOOLS/node/node_modules` or
`<repo>/.tools/node/node_modules`, where `.ci/run` installs them.
"""

import importlib.util
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TOOLS_ENV = "B24_DOCGEN_TOOLS"
_NPM_HINT = "run .ci/run, or: npm install --prefix .tools/node --no-audit --no-fund {pkg}"
_APT_HINT = "apt-get install {pkg}"


def in_ci() -> bool:
    """True when running under CI (`CI=true`), where missing tools are failures."""
    return os.environ.get("CI", "").lower() == "true"


def node_modules_dirs() -> list[Path]:
    """Candidate node_modules folders with the pinned node tools, in lookup order."""
    candidates = []
    env = os.environ.get(TOOLS_ENV)
    if env:
        candidates.append(Path(env) / "node" / "node_modules")
    candidates.append(REPO_ROOT / ".tools" / "node" / "node_modules")
    return candidates


def _in_node_modules(relative: str) -> Path | None:
    for folder in node_modules_dirs():
        if (folder / relative).exists():
            return folder / relative
    return None


def _which(program: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        found = shutil.which(program)
        return Path(found) if found else None

    return find


def _python_module(module: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        spec = importlib.util.find_spec(module)
        return Path(spec.origin) if spec and spec.origin else None

    return find


def _find_gofmt() -> Path | None:
    found = _which("gofmt")()
    if found:
        return found
    go = _which("go")()
    if go is None:
        return None
    goroot = subprocess.run(
        [go, "env", "GOROOT"], capture_output=True, text=True, check=False
    ).stdout.strip()
    candidate = Path(goroot) / "bin" / "gofmt"
    return candidate if goroot and candidate.exists() else None


def _find_b24jssdk() -> Path | None:
    manifest = _in_node_modules("@bitrix24/b24jssdk/package.json")
    return manifest.parent if manifest else None


@dataclass(frozen=True)
class _Tool:
    find: Callable[[], Path | None]
    hint: str


_TOOLS: dict[str, _Tool] = {
    "bash": _Tool(_which("bash"), _APT_HINT.format(pkg="bash")),
    "curl": _Tool(_which("curl"), _APT_HINT.format(pkg="curl")),
    "node": _Tool(_which("node"), _APT_HINT.format(pkg="nodejs (node >= 20)")),
    "tsc": _Tool(lambda: _in_node_modules(".bin/tsc"), _NPM_HINT.format(pkg="typescript")),
    "b24jssdk": _Tool(_find_b24jssdk, _NPM_HINT.format(pkg="@bitrix24/b24jssdk")),
    "php": _Tool(_which("php"), _APT_HINT.format(pkg="php-cli")),
    "go": _Tool(_which("go"), _APT_HINT.format(pkg="golang-go")),
    "gofmt": _Tool(_find_gofmt, _APT_HINT.format(pkg="golang-go")),
    "black": _Tool(_python_module("black"), "python -m pip install -e '.[test]'"),
    "b24pysdk": _Tool(_python_module("b24pysdk"), "python -m pip install -e '.[test]'"),
}

TOOL_NAMES = tuple(_TOOLS)


def find(name: str) -> Path | None:
    """Path of the named tool, or None when it is not installed."""
    try:
        tool = _TOOLS[name]
    except KeyError:
        raise ValueError(f"unknown tool {name!r}; known: {', '.join(TOOL_NAMES)}") from None
    return tool.find()


def require(name: str) -> Path:
    """Path of the named tool; skip the test if absent (fail instead when CI=true)."""
    path = find(name)
    if path is not None:
        return path
    message = f"{name} not found: {_TOOLS[name].hint}"
    if in_ci():
        pytest.fail(f"{message} (a missing toolchain is a failure in CI)", pytrace=False)
    pytest.skip(message)
