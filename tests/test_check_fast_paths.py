"""The cheaper paths of a cold `check` give what the plain ones gave: the page walk's order, the
JS-interface note search, include resolution on strings, and the worker pool's frozen heap."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.calls.trees import language
from generator.diagnostics import DocgenError
from generator.extract.event import JS_INTERFACE_NOTE, mentions_js_interface
from generator.includes import IncludeResolver, _inside
from generator.pages.model import Node, Page, build_tree, walk
from generator.realpaths import RealPaths
from generator.source import decode
from generator.workers import map_pages
from generator.yfm import markdown

REPO = Path(__file__).resolve().parents[1]
NESTED = (
    "# T\n\n{% note info %}\n\n- a\n\n  > q\n  >\n  > - deep\n\n- b\n\n{% endnote %}\n\n"
    "#|\n|| x | y ||\n|#\n\npara\n"
)


def python_output(code: str, cwd: Path) -> str:
    """What a fresh interpreter running `code` (this checkout importable) prints."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd, env=env
    )
    return run.stdout


def recursive_walk(node: Node) -> Iterator[Node]:
    for child in node.children:
        yield child
        yield from recursive_walk(child)


def test_walk_visits_what_the_recursive_walk_visits_in_its_order() -> None:
    tree = build_tree(markdown().parse(NESTED))
    assert [id(n) for n in walk(tree)] == [id(n) for n in recursive_walk(tree)]
    assert [n.type for n in walk(tree)][:8] == [
        "heading",
        "inline",
        "yfm_note",
        "bullet_list",
        "list_item",
        "paragraph",
        "inline",
        "blockquote",
    ]
    assert len(list(walk(tree))) == 23
    assert list(walk(build_tree([]))) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Это событие JS-интерфейса.", True),
        ("СОБЫТИЕ JS-ИНТЕРФЕЙСА", True),
        ("событие js-интерфейса", True),
        ("A JS Interface Event fires", True),
        ("js-interface event", True),
        ("jjs interface event", True),
        ("ие js-интерфейса", False),  # "js" closer than 8 characters to the start
        ("js interface", False),
        ("событие jS-интерфейсы", False),
        ("J", False),
        ("", False),
    ],
)
def test_js_interface_note_is_the_regex_search(text: str, found: bool) -> None:
    assert mentions_js_interface(text) is found
    assert (JS_INTERFACE_NOTE.search(text) is not None) is found


def test_inside_compares_whole_path_components() -> None:
    assert _inside("/d/docs/a.md", "/d/docs")
    assert _inside("/d/docs", "/d/docs")
    assert not _inside("/d/docs2/a.md", "/d/docs")
    assert not _inside("/d", "/d/docs")
    assert _inside("/anything", "/")


def include_page(root: Path, target: str) -> Page:
    (root / "page.md").write_text(f"# P\n\n{{% include [x]({target}) %}}\n", encoding="utf-8")
    return Page("page.md", decode((root / "page.md").read_bytes(), "page.md"))


def test_includes_resolve_as_path_resolve_did(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    (root / "_includes").mkdir(parents=True)
    (root / "_includes" / "part.md").write_text("part\n", encoding="utf-8")
    (root / "_includes" / "loop.md").symlink_to(root / "_includes" / "loop.md")
    (tmp_path / "docs2").mkdir()
    (tmp_path / "docs2" / "out.md").write_text("out\n", encoding="utf-8")
    (root / "_includes" / "away.md").symlink_to(tmp_path / "docs2" / "out.md")
    assert RealPaths().existing(str(root / "_includes" / "part.md")) == str(
        (root / "_includes" / "part.md").resolve(strict=True)
    )
    assert (
        RealPaths().existing(str(root / "_includes" / "loop.md")) is None
    )  # Path.resolve: RuntimeError
    assert RealPaths().existing(str(root / "none.md")) is None
    codes = {}
    for name in ("part", "loop", "away", "none"):
        page = include_page(root, f"_includes/{name}.md")
        node = page.children[1]
        resolver = IncludeResolver(root)
        try:
            codes[name] = resolver.load(page, node, ("page.md",)).text
        except DocgenError as exc:
            codes[name] = exc.diagnostic.code
    assert codes == {
        "part": "part\n",
        "loop": "E-INCLUDE-MISSING",
        "away": "E-INCLUDE-OUTSIDE",
        "none": "E-INCLUDE-MISSING",
    }


def frozen_in_worker(rels: list[str]) -> list[tuple[str, int, int]]:
    return [(rel, os.getpid(), gc.get_freeze_count()) for rel in rels]


def test_workers_inherit_a_frozen_heap_and_the_parent_unfreezes() -> None:
    rels = [f"p{i}.md" for i in range(6)]
    results = map_pages(frozen_in_worker, rels, jobs=2, threshold=1)
    assert [rel for rel, _, _ in results] == rels  # woven back into input order
    assert os.getpid() not in {pid for _, pid, _ in results}  # one worker may take both chunks
    assert all(count > 0 for _, _, count in results)
    assert gc.get_freeze_count() == 0
    in_process = map_pages(frozen_in_worker, rels, jobs=1, threshold=1)
    assert in_process == [(rel, os.getpid(), 0) for rel in rels]


def test_a_grammar_module_is_imported_when_first_asked_for() -> None:
    code = (
        "import sys\n"
        "from generator.calls import trees\n"
        "trees.parser('javascript')\n"
        "print(sorted(m for m in sys.modules if m.startswith('tree_sitter_') and '.' not in m))\n"
    )
    out = python_output(code, REPO)
    assert out == "['tree_sitter_javascript']\n"
    with pytest.raises(KeyError):
        language("cobol")


def test_a_cold_event_page_check_imports_no_method_or_sdk_diff_model(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "events").mkdir(parents=True)
    (docs / "events" / "on-thing-add.md").write_text(
        "# Thing added ONTHINGADD\n\n> Scope: [`crm`](../scopes.md)\n>\n"
        "> Who can subscribe: any user\n\nThe `ONTHINGADD` event fires when a thing is added.\n",
        encoding="utf-8",
    )
    watched = ("generator.spec.method", "generator.sdkdiff.model", "black")
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        f"status = main(['check', '--docs', {str(docs)!r}, '--no-cache', '--jobs', '1'])\n"
        "read = 'generator.kinds.event' in sys.modules\n"  # the page was read as an event page
        f"print(status, read, [m for m in {watched!r} if m in sys.modules])\n"
    )
    out = python_output(code, tmp_path)
    assert out.splitlines()[-1] == "0 True []"


def test_the_exit_freeze_is_registered_once_and_output_survives_it(tmp_path: Path) -> None:
    code = (
        "import atexit, sys\n"
        "from generator.cli import main\n"
        "before = atexit._ncallbacks()\n"
        "main(['--version']); main(['--version'])\n"
        "print('hooks', atexit._ncallbacks() - before)\n"
        "sys.stdout.write('x' * 70000)\n"  # more than a pipe holds: flushed at exit all the same
    )
    out = python_output(code, tmp_path)
    assert out.count("\nhooks 1\n") == 1 and out.endswith("x" * 70000)


@pytest.mark.parametrize(
    ("cell", "plain"),
    [("a", "a"), ("a\\|b", "a|b"), ("\\*x\\*", "*x*"), ("end\\", "end\\"), ("a\\\nb", "a\\\nb")],
)
def test_unescape_without_a_backslash_is_the_text_itself(cell: str, plain: str) -> None:
    import re

    from generator.extract.text import unescape

    assert unescape(cell) == plain == re.sub(r"\\(.)", r"\1", cell)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"a\nb\n", "a\nb\n"),
        (b"a\r\nb\rc\n", "a\nb\nc\n"),
        (b"\xef\xbb\xbfa\r\n", "a\n"),
        (b"\xef\xbb\xbfa\n", "a\n"),
        (b"", ""),
    ],
)
def test_normalized_text_without_a_carriage_return_is_the_text(raw: bytes, text: str) -> None:
    assert decode(raw, "p.md").normalized == text


def test_check_workers_inherit_jinja_the_call_readers_and_the_event_grammars() -> None:
    code = (
        "import sys\n"
        "from generator.check.run import _preload_workers\n"
        "_preload_workers()\n"
        "names = ('jinja2', 'generator.calls.js', 'generator.render.sandbox', 'generator.kinds.event')\n"
        "print([n for n in names if n not in sys.modules])\n"
        "print(sorted(m for m in sys.modules if m.startswith('tree_sitter_') and '.' not in m))\n"
    )
    out = python_output(code, REPO)
    assert out == ("[]\n['tree_sitter_javascript', 'tree_sitter_php', 'tree_sitter_typescript']\n")
