"""The shape of the code: no import cycle inside generator/, small modules and functions.

Imports are read with `ast`, every one of them: module level, inside functions (lazy) and under
`if TYPE_CHECKING:` alike, because each is a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, known: set[str]) -> set[str]:
    """The generator modules a file imports (`from generator.x import y` counts `generator.x.y`
    when that is a module, else `generator.x`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in known:
                    found.add(full)
                elif node.module in known:
                    found.add(node.module)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    names = set(known)
    return {name: imported(path, names) - {name} for name, path in known.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        stack.append(name)
        for target in sorted(edges.get(name, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[name] = 2
        return None

    for name in sorted(edges):
        if name not in state and (cycle := visit(name)):
            return cycle
    return None


def test_the_import_graph_is_read() -> None:
    edges = graph()
    assert "generator.check.run" in edges["generator.commands"]
    assert "generator.options" in edges["generator.cli"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(edges) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_inside_generator() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def python_files() -> Iterator[Path]:
    for folder in ("generator", "benchmarks"):
        yield from sorted((ROOT / folder).rglob("*.py"))


def test_no_module_over_400_lines() -> None:
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in python_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_over_60_lines() -> None:
    long: dict[str, int] = {}
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {node.name}"] = size
    assert long == {}


def test_architecture_md_lists_every_module() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    unlisted = [
        p.relative_to(ROOT).as_posix()
        for p in sorted(PACKAGE.rglob("*.py"))
        if f"`{p.relative_to(ROOT).as_posix()}`" not in text
    ]
    assert unlisted == [], "add a line for each to ARCHITECTURE.md"


def test_every_subpackage_is_packaged() -> None:
    """The wheel carries a subpackage only when pyproject.toml lists it, and only with an
    __init__.py; a forgotten one imports from a checkout and fails from an install."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"]) - {"generator.templates"}
    folders = {p.parent for p in (ROOT / "generator").rglob("*.py") if "__pycache__" not in p.parts}
    assert {module_name(f / "__init__.py") for f in folders} == listed
    assert [f for f in folders if not (f / "__init__.py").exists()] == []
