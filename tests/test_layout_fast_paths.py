"""The layout readers' fast paths give the plain paths' answers, exactly.

- `layout/shape.py: containers` remembers the last literals' containers (asked for by each part
  of a shape; functools.lru_cache): equal to a fresh walk;
- `Piece.lines` is the piece's bytes split at newlines, kept per piece;
- `read_layout` resolves a target's reader once, `tab_layout` a label's target once.

Over hand-written tabs, and over every tab of every RU method page when ../shared is present.
"""

from __future__ import annotations

from importlib import import_module

import pytest

from generator.calls.trees import Piece
from generator.extract.examples import find_example_blocks
from generator.extract.method_calls import tab_layout
from generator.layout import READERS, Layout, shape
from generator.spec.parts import Json
from generator.targets import load_targets
from tests.corpus import CORPUS_RU, need
from tests.test_calls_corpus import method_pages

FIXTURES = [
    ("cURL (Webhook)", 'curl -X POST \\\n    -d \'{"a": {"b": [1, 2]}, "c": 3}\' \\\n'
     "    https://**put_your_bitrix24_address**/rest/1/abc/crm.deal.add\n"),
    ("PHP CRest", "<?php\nrequire_once('crest.php');\n$result = CRest::call(\n    'crm.deal.add',\n"
     "    [\n        'fields' => ['TITLE' => 'x', 'IDS' => [1, 2]], // note\n    ]\n);\n"),
    ("JS (TS)", "import { B24Frame } from '@bitrix24/b24jssdk'\ndeclare const $b24: B24Frame\n"
     "try {\n  const response = await $b24.actions.v2.call.make({\n    method: 'crm.deal.get',\n"
     "    params: { id: 1, select: ['ID', 'TITLE'] },\n    requestId: 'x'\n  })\n} catch (e) {}\n"),
]  # fmt: skip


FRESH_WALK = shape._containers.__wrapped__  # the walk under the memo


def plain_layout(label: str, code: str, monkeypatch: pytest.MonkeyPatch) -> Layout:
    """The layout read with no memo: a fresh containers walk each time, the reader and the
    target looked up anew."""
    with monkeypatch.context() as patch:
        for module in ("generator.layout.shape", "generator.layout.js", "generator.layout.php"):
            if hasattr(import_module(module), "containers"):
                patch.setattr(f"{module}.containers", FRESH_WALK)
        target = load_targets().for_label(label)
        if target is None or target.name not in READERS:
            return {}
        module_name, function = READERS[target.name].split(":")
        reader = getattr(import_module(f"generator.layout.{module_name}"), function)
        return read_layout_sorted(reader(code))


def read_layout_sorted(layout: dict[str, Json]) -> Layout:
    from generator.layout import _sorted

    return {key: _sorted(value) for key, value in sorted(layout.items())}


class FakeTab:
    def __init__(self, label: str, code: str) -> None:
        self.label, self.code = label, code


@pytest.mark.parametrize(("label", "code"), FIXTURES)
def test_layout_equals_the_plain_reading_on_fixtures(
    label: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = tab_layout(FakeTab(label, code))  # type: ignore[arg-type]
    assert fast == plain_layout(label, code, monkeypatch)
    assert fast != {}  # each fixture strays from the template's defaults somewhere
    assert tab_layout(FakeTab(label, code)) == fast  # type: ignore[arg-type]


def test_containers_memo_equals_a_fresh_walk_and_stays_bounded() -> None:
    piece = Piece('({"a": [1, {"b": 2}], "c": {}})', "javascript")
    root = piece.root.named_children[0].named_children[0].named_children[0]
    syntax = shape.Syntax(
        frozenset({"object", "array"}), frozenset({"object"}), frozenset({"pair"})
    )
    first = shape.containers(root, syntax)
    assert [(n.type, n.start_byte) for n, _ in first] == [
        ("object", 1), ("array", 7), ("object", 11), ("object", 27)
    ]  # fmt: skip
    first.clear()  # a caller's list is its own
    assert shape.containers(root, syntax) == FRESH_WALK(root, syntax)
    limit = shape._containers.cache_parameters()["maxsize"]
    assert limit == 64
    for n in range(limit + 3):
        literal = Piece(f"[{n}]", "javascript").root.named_children[0].named_children[0]
        shape.containers(literal, syntax)
    assert shape._containers.cache_info().currsize == limit


def test_piece_lines_are_the_bytes_split_at_newlines() -> None:
    piece = Piece("a = 1\n  б = [\n]\n", "python")
    assert piece.lines == [b"a = 1", "  б = [".encode(), b"]", b""]
    assert piece.lines is piece.lines


@pytest.mark.corpus
def test_layout_equals_the_plain_reading_on_every_ru_tab(monkeypatch: pytest.MonkeyPatch) -> None:
    tabs = [
        tab
        for page in method_pages(need(CORPUS_RU))
        for block in find_example_blocks(page)
        for tab in block.tabs
    ]
    layouts = [(tab_layout(tab), plain_layout(tab.label, tab.code, monkeypatch)) for tab in tabs]
    assert [fast for fast, plain in layouts if fast != plain] == []
    assert (len(tabs), sum(1 for fast, _ in layouts if fast)) == (
        13412,
        4949,
    )  # 4946 before c759f83 (PHP CRest `bare_numbers`)
