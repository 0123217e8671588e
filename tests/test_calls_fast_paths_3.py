"""The call readers' third round of fast paths give the plain paths' answers.

- `join_calls` answers as the old join on every RU join (single-model ones included), and
  `maximal` answers an empty or single-path reading without the prefix search.
- Python literals that are a constant, a short decimal or a plain one-quoted string are read by
  hand (`simple_py_literal`): `ast.literal_eval`'s answer, without its compile and the tree walk.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

import pytest

from generator.calls import go, js, js_interface, php, python, shared
from generator.calls.literals import NOT_SIMPLE, _py_literal, simple_py_literal
from generator.calls.model import CallModel, CodeSpan, Json, expr, unreadable
from generator.calls.read import _read, language_of
from generator.calls.shared import join_calls, maximal
from generator.calls.trees import Node, Piece, walk
from generator.extract.examples import find_example_blocks
from generator.extract.method_calls import tab_calls
from tests.corpus import CORPUS_RU, need
from tests.test_calls_corpus import method_pages

Paths = tuple[tuple[str, ...], ...]


def plain_maximal(paths: Paths) -> Paths:
    unique = list(dict.fromkeys(p for p in paths if p))
    return tuple(p for p in unique if not any(len(q) > len(p) and q[: len(p)] == p for q in unique))


def plain_join_calls(primary: CallModel, models: list[CallModel], access: Paths) -> CallModel:
    calls = tuple(dict.fromkeys(c for m in models for c in (m.calls or _own(m))))
    return CallModel(
        primary.readable, primary.reason, primary.sdk, primary.language, primary.method,
        primary.params, primary.params_span, primary.auth, primary.style, primary.rest_version,
        plain_maximal(access), calls,
    )  # fmt: skip


def _own(model: CallModel) -> tuple[str, ...]:
    return (model.method,) if model.method else ()


BATCH = CallModel(True, None, "crest", "php", "batch", {}, CodeSpan(0, 2, 1, 1), "sdk", "batch",
                  None, (), ("batch", "crm.deal.get", "batch", "crm.deal.get"))  # fmt: skip
SINGLES = [
    BATCH,
    unreadable("no-call", "curl", "bash"),  # no calls, no method: no names
    unreadable("method-not-literal", "bx24js", "javascript", auth="sdk"),
    unreadable("params-not-literal", "crest", "php", method="m.x", auth="sdk"),  # its own method
    unreadable("params-not-literal", "crest", "php", method="m.x", calls=("m.x",), auth="sdk"),
]
ACCESSES: list[Paths] = [
    (), ((),), ((), ()), (("result",),), (("result",), ("result",)), ((), ("total",)),
    (("result",), ("result", "items")), (("result", "items"), ("result",), ("total",), ()),
]  # fmt: skip


@pytest.mark.parametrize("access", ACCESSES)
def test_maximal_equals_the_plain_search_on_edges(access: Paths) -> None:
    assert maximal(access) == plain_maximal(access)
    assert type(maximal(access)) is tuple


@pytest.mark.parametrize("model", SINGLES)
def test_join_calls_of_one_model_equals_the_plain_join(model: CallModel) -> None:
    for access in ACCESSES:
        joined = join_calls(model, [model], access)
        assert joined == plain_join_calls(model, [model], access)
        assert type(joined.calls) is tuple
    assert join_calls(BATCH, [BATCH], ()).calls == ("batch", "crm.deal.get")
    assert join_calls(SINGLES[3], [SINGLES[3]], ()).calls == ("m.x",)


def test_join_calls_of_several_models_equals_the_plain_join() -> None:
    joined = join_calls(SINGLES[1], SINGLES, ACCESSES[-1])
    assert joined == plain_join_calls(SINGLES[1], SINGLES, ACCESSES[-1])
    assert joined.calls == ("batch", "crm.deal.get", "m.x")
    assert joined.result_access == (("result", "items"), ("total",))


def _recorded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[CallModel, list[CallModel], Paths]]:
    seen: list[tuple[CallModel, list[CallModel], Paths]] = []

    def record(primary: CallModel, models: list[CallModel], access: Paths) -> CallModel:
        seen.append((primary, list(models), access))
        return shared.join_calls(primary, models, access)

    for module in (go, js, js_interface, php, python):
        monkeypatch.setattr(module, "join_calls", record)
    return seen


def _every_ru_tab() -> Iterator[int]:
    for page in method_pages(need(CORPUS_RU)):
        yield len(tab_calls(find_example_blocks(page), layouts=False))


@pytest.mark.corpus
def test_join_calls_equals_the_plain_join_on_every_ru_tab(monkeypatch: pytest.MonkeyPatch) -> None:
    _read.cache_clear()
    seen = _recorded(monkeypatch)
    assert sum(_every_ru_tab()) == 13412
    singles = 0
    for primary, models, access in seen:
        assert join_calls(primary, models, access) == plain_join_calls(primary, models, access)
        singles += len(models) == 1
    assert (len(seen), singles) == (10059, 10016)
    _read.cache_clear()


# --- Python literals: the commonest read by hand, not by ast.literal_eval ---

PY_LITERAL_KINDS = ("string", "concatenated_string", "integer", "float", "true", "false", "none")
PY_LITERALS = [
    "True", "False", "None", "0", "00", "007", "7", "42", "1_000", "1e3", "0x1F",
    "9" * 18, "9" * 19, "1" * 5000, "''", '""', "'a'", '"a"', "'it\"s'", '"it\'s"', "'ж'",
    "'a\\nb'", "'{x}'", "f'{x}'", "'''a'''", '"""a"""', "'a' 'b'", "'a' \"b\"", '"a" \'b\' "c"',
    "r'a'", "b'a'", "u'a'", "'a\\\\'", "'\\x00'", "'ok\\\n'",
]  # fmt: skip


def plain_py_literal(piece: Piece, node: Node) -> Json:
    text = piece.src(node)
    if any(n.type == "interpolation" for n in walk(node)):
        return expr(text)
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return expr(text)
    return value if isinstance(value, str | int | float | bool) or value is None else expr(text)


def _py_literals(code: str) -> Iterator[tuple[Piece, Node]]:
    piece = Piece(code, "python")
    for node in piece.nodes(*PY_LITERAL_KINDS):
        yield piece, node


def _same_literal(piece: Piece, node: Node) -> bool:
    fast, plain = _py_literal(piece, node), plain_py_literal(piece, node)
    return fast == plain and type(fast) is type(plain)


@pytest.mark.parametrize("literal", PY_LITERALS)
def test_py_literal_equals_literal_eval_on_edges(literal: str) -> None:
    found = list(_py_literals(f"x = {literal}\n"))
    assert found
    assert all(_same_literal(piece, node) for piece, node in found)


def test_simple_py_literal_answers_only_what_it_reads() -> None:
    assert [simple_py_literal(t) for t in ("True", "0", "42", "'ж'", '"it\'s"', "''")] == [
        True, 0, 42, "ж", "it's", "",
    ]  # fmt: skip
    hard = [
        "00",
        "1_000",
        "9" * 19,
        "'{x}'",
        "'a\\nb'",
        "'''a'''",
        "'a' 'b'",
        "r'a'",
        "'a\nb'",
        "１２",
    ]
    assert all(simple_py_literal(t) is NOT_SIMPLE for t in hard)
    read = [(t, v) for t in PY_LITERALS if (v := simple_py_literal(t)) is not NOT_SIMPLE]
    assert all(ast.literal_eval(t) == v and type(ast.literal_eval(t)) is type(v) for t, v in read)
    assert len(read) == 14


@pytest.mark.corpus
def test_py_literal_equals_literal_eval_on_every_ru_python_tab() -> None:
    literals = simple = 0
    for page in method_pages(need(CORPUS_RU)):
        for block in find_example_blocks(page):
            for tab in block.tabs:
                for code in (tab.code, *(f.code for f in tab.more_fences)):
                    if language_of(tab.label, tab.lang) != "python" or not code.strip():
                        continue
                    for piece, node in _py_literals(code):
                        assert _same_literal(piece, node), piece.src(node)[:200]
                        literals += 1
                        simple += simple_py_literal(piece.src(node)) is not NOT_SIMPLE
    assert (literals, simple) == (6004, 3951)
