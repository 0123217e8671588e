"""The scratch workspace: copies of the tool and the corpus, page lists, the one-page edit."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import (
    DIPLODOC_PACKAGE,
    DIPLODOC_VERSION,
    INCLUDE,
    METHOD_MARKERS,
    PEER_DIR,
    PYCACHE,
    REPO,
    log,
)


@dataclass
class Workspace:
    """The scratch copies every stage works on."""

    base: Path
    tool: Path  # the snapshot of generator/ and templates/ every stage imports
    corpus: Path
    events: Path
    cwd: Path
    logs: Path
    lists: Path
    specs: Path
    out: Path
    all_pages: list[str]
    event_pages: list[str]
    changed_page: str | None = None
    changed_method_page: str | None = None
    bytes_all: int = 0
    bytes_event: int = 0
    event_tree_extra: int = 0


def markdown_files(root: Path) -> list[str]:
    """Every `.md` file under the root, relative and sorted, hidden folders skipped."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder).relative_to(root).as_posix()
        prefix = "" if base == "." else base + "/"
        found.extend(prefix + f for f in files if f.endswith(".md"))
    return sorted(found)


def snapshot_tool(base: Path) -> Path:
    """Copy generator/ and templates/ aside: every stage then runs one consistent version of the tool,
    even while the checkout is being edited (an edit would also change the check cache's key)."""
    snapshot = base / "tool"
    for name in ("generator", "templates"):
        shutil.copytree(REPO / name, snapshot / name, ignore=shutil.ignore_patterns("__pycache__"))
    return snapshot


def event_pages(root: Path, env: dict[str, str]) -> list[str]:
    """The pages `b24-docgen parse` would parse (its own selection function, from the snapshot)."""
    code = (  # parse selects method pages too: keep the event pages (the event-pipeline rows)
        "import json, sys; from pathlib import Path; from generator.parse import select_pages; "
        "from generator.pages.classify import PageType, classify_file; root = Path(sys.argv[1]); "
        "print(json.dumps([p for p in select_pages(root) if classify_file(p, "
        "(root / p).read_text(encoding='utf-8', errors='replace')) is PageType.EVENT]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(
            f"cannot list the event pages with generator.parse.select_pages:\n{done.stderr[-3000:]}"
        )
    return list(json.loads(done.stdout))


def include_closure(root: Path, pages: Sequence[str]) -> set[str]:
    """Files the pages include, recursively, plus every file under an `_includes/` folder."""
    found = {p for p in markdown_files(root) if "_includes/" in f"/{p}"}
    todo = [*pages, *found]
    while todo:
        rel = todo.pop()
        try:
            raw = (root / rel).read_bytes()
        except OSError:
            continue
        for match in INCLUDE.finditer(raw):
            target = os.path.normpath(
                os.path.join(os.path.dirname(rel), match[1].decode("utf-8", "replace"))
            )
            target = target.split("#", 1)[0].replace(os.sep, "/")
            if target.startswith("..") or target in found or not (root / target).is_file():
                continue
            found.add(target)
            todo.append(target)
    return found - set(pages)


def prepare(docs: Path, base: Path) -> Workspace:
    log(f"preparing scratch copies of the tool and of {docs} in {base}")
    snapshot = snapshot_tool(base)
    corpus, events = base / "corpus", base / "events"
    shutil.copytree(docs, corpus, symlinks=False)
    all_pages = markdown_files(corpus)
    pages = event_pages(corpus, child_env(snapshot))
    extra = include_closure(corpus, pages)
    for rel in [*pages, *sorted(extra)]:
        (events / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(corpus / rel, events / rel)
    ws = Workspace(
        base,
        snapshot,
        corpus,
        events,
        base / "cwd",
        base / "logs",
        base / "lists",
        base / "specs",
        base / "out",
        all_pages,
        pages,
        event_tree_extra=len(extra),
    )
    for folder in (ws.cwd, ws.logs, ws.lists, ws.out):
        folder.mkdir()
    ws.bytes_all = sum((corpus / p).stat().st_size for p in all_pages)
    ws.bytes_event = sum((corpus / p).stat().st_size for p in pages)
    (ws.lists / "all.txt").write_text("\n".join([str(corpus), *all_pages]) + "\n", encoding="utf-8")
    (ws.lists / "events.txt").write_text("\n".join([str(events), *pages]) + "\n", encoding="utf-8")
    ws.changed_page = next((p for p in pages if description_line(corpus / p) is not None), None)
    ws.changed_method_page = method_page(corpus, all_pages)
    return ws


def method_page(root: Path, pages: Sequence[str]) -> str | None:
    """The first method page (its marker, example tabs, a description line): the page the
    method-page warm check edits."""
    for rel in pages:
        if rel.endswith("index.md"):
            continue
        raw = (root / rel).read_bytes()
        if b"{% list tabs" not in raw or not any(m in raw for m in METHOD_MARKERS):
            continue
        if description_line(root / rel) is not None:
            return rel
    return None


def description_line(path: Path) -> int | None:
    """Index of the first prose line after the H1 (the description), or None."""
    lines = path.read_bytes().split(b"\n")
    seen_h1 = in_fence = False
    for index, line in enumerate(lines):
        text = line.strip()
        if not seen_h1:
            seen_h1 = line.lstrip(b"\xef\xbb\xbf").startswith(b"# ")
            continue
        if text.startswith((b"```", b"~~~")):
            in_fence = not in_fence
            continue
        if in_fence or not text or text[:1] in b"#{|>-*<![" or text[:1].isdigit():
            continue
        return index
    return None


def edit_one_page(path: Path) -> None:
    """Change one byte of the page's description line: append a space, or take it away again."""
    lines = path.read_bytes().split(b"\n")
    index = description_line(path)
    assert index is not None
    line = lines[index]
    cr = line.endswith(b"\r")
    body = line[:-1] if cr else line
    body = body[:-1] if body.endswith(b" ") else body + b" "
    lines[index] = body + (b"\r" if cr else b"")
    path.write_bytes(b"\n".join(lines))


def source_fingerprint(base: Path = REPO) -> str:
    """What the check cache's key hashes besides options: the tool's sources and templates."""
    digest = hashlib.sha256()
    for folder in (base / "generator", base / "templates"):
        for file in sorted(
            p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            digest.update(file.relative_to(base).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def tool_command() -> list[str]:
    """The installed console script beside this interpreter (not a version manager's shim, such as
    pyenv's, which is a shell script that adds its own start-up to every call)."""
    beside = Path(sys.executable).with_name("b24-docgen")
    if beside.is_file():
        return [str(beside)]
    script = shutil.which("b24-docgen")
    return [script] if script else [sys.executable, "-m", "generator"]


def child_env(snapshot: Path, bytecode: bool = True) -> dict[str, str]:
    """The snapshot first on the path; byte-code cached like a normal install, but in benchmarks/.pycache
    (nothing written elsewhere). `bytecode=False` keeps the inherited byte-code settings."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(snapshot), *filter(None, [env.get("PYTHONPATH")])])
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def ensure_diplodoc() -> str:
    """Install the pinned @diplodoc/transform into benchmarks/.peer on first use; return its version."""
    manifest = PEER_DIR / "node_modules" / "@diplodoc" / "transform" / "package.json"

    def installed() -> str | None:
        try:
            return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
        except (OSError, ValueError, KeyError):
            return None

    if installed() != DIPLODOC_VERSION:
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            raise RuntimeError(
                "node and npm are needed for the Diplodoc peer (or pass --skip-diplodoc)"
            )
        log(f"installing {DIPLODOC_PACKAGE}@{DIPLODOC_VERSION} into {PEER_DIR}")
        done = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(PEER_DIR),
                "--no-audit",
                "--no-fund",
                "--save-exact",
                f"{DIPLODOC_PACKAGE}@{DIPLODOC_VERSION}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or installed() != DIPLODOC_VERSION:
            raise RuntimeError(f"npm install failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return DIPLODOC_VERSION
