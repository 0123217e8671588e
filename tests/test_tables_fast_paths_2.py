"""Plain YFM tables cut by `str.split` (yfm/plain_table.py: a row at a time, pipes inside escapes
and code spans blanked first when there are any) and their closer found by string searches
(yfm/tables.py `close_before_fences`) give the tokens, and so the page tree, of the plain path:
the table's lines fed one by one to the scanner (`scan_rows`) and its closer looked for line by
line (`find_table_end`); on every RU and EN page and on the edges below, also against the stock
plugin of tests/yfm_plain."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it.token import Token

from generator.pages.model import build_tree, walk
from generator.source import decode
from generator.yfm import markdown, plain_table, tables
from generator.yfm.lines import IndexedStateBlock
from tests.corpus import CORPUS_EN, CORPUS_RU, need
from tests.test_page_model import shape
from tests.test_yfm_fast_paths import CORPUS_DIGESTS, PLAIN

EDGES = [
    "#|\n|| `a|b` | `c||d` ||\n|| x\\|y | \\\\| z ||\n|#\n",
    "#|\n|| `a | b\nc` | d ||\n|#\n",  # a code span ends on its line
    "#|\n|| ``a|b` | c ||\n|| `a|b`` | c ||\n|| `` ` | ` `` | d ||\n|| ``a|b``a`` | e ||\n|#\n",
    "#|\n|| a ||| b ||\n|||| c ||\n|| d |||| e ||\n|#\n",
    "#|\n||||\n|| ||\n||  |  ||\n|| \n\n | x ||\n|#\n",
    "#|\n|| a\n\n  b\n    c\n |\n\n  d ||\n|| e\n\tf\n\u00a0g | h\n \n  i ||\n|#\n",
    "#|\nx | y\n|| a | b ||\nbetween | rows\n|| c ||\n|#\n",
    "#|\n|| a | b\n|#\n",
    "#|\n|| a | b ||\n|| open\n",
    "#| || a | b || |#\n\nafter\n",
    "#|\n|| a |# b ||\n|#\n",
    "#|\n|| a | b ||\n  |#\n",
    "#|\n|| a | b ||\n\t|#\n",
    "#|\n|| a | ```\nx\n``` ||\n|#\n",
    "#|\n|| a | ~~~\nx\n~~~ ||\n|#\n",
    "#|\n|| a | b ``` ||\n|#\n",
    "#|\n|| outer | #|\n|| in ||\n|#\n||\n|#\n",
    "#|\n|| a |\n  #| not a table ||\n|#\n",
    "- item\n\n  #|\n  || a | b ||\n  |#\n",
    "- item\n\n  #|\n  || a | b ||\n\n|#\n",
    "> #|\n> || a | b ||\n> |#\n",
    "> #|\n> || a | b ||\n\n|#\n",
    "#|\n|| a | b ||\n|#\n#|\n|| c ||\n|#\n",
    "#|\n|| \u2028 | \u3000x\u3000 | y\u00a0\n ||\n|#\n",
    "#|\n|| a\\\n| b\\`c` | d` ||\n|#\n",
    "#|\n|| `|` | `||` | \\| ||\n|| `\n| x ||\n|#\n",
    "text\n\n   #|\n   || a\n      b | c ||\n   |#\n",
    "#|\n{% if build == 'dev' %}\n|| a ||\n{% endif %}\n|#\n",
    "#|\n|| a | b ||\n|#",
    "#|",
    "#|\n",
]


def unfast(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain path: every table fed to the scanner, every closer looked for line by line."""
    monkeypatch.setattr(tables, "push_plain_table", lambda *args: False)
    monkeypatch.setattr(tables, "close_before_fences", lambda *args: None)


def dicts(text: str) -> list[dict[str, Any]]:
    return [token.as_dict() for token in markdown().parse(text)]


@pytest.mark.parametrize("text", EDGES)
def test_each_edge_tokenises_as_the_plain_path(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = dicts(text)
    assert fast == [token.as_dict() for token in PLAIN.parse(text)]
    unfast(monkeypatch)
    assert fast == dicts(text)


def test_the_edges_give_their_known_cells() -> None:
    def cells(text: str) -> list[tuple[str, list[int] | None]]:
        return [(t.content, t.map) for t in markdown().parse(text) if t.type == "yfm_table_cell"]

    first = [("`a|b`", [1, 2]), ("`c||d`", [1, 2]), ("x\\|y", [2, 3]), ("\\\\", [2, 3])]
    assert cells(EDGES[0]) == [*first, ("z", [2, 3])]
    assert cells(EDGES[1]) == [("`a", [1, 2]), ("b\nc`", [1, 3]), ("d", [2, 3])]
    spans = [("``a", [1, 2]), ("b`", [1, 2]), ("c", [1, 2])]
    spans += [("`a|b``", [2, 3]), ("c", [2, 3])]  # a run closes at the same run in a longer one
    spans += [("`` ` | ` ``", [3, 4]), ("d", [3, 4]), ("``a|b``a``", [4, 5]), ("e", [4, 5])]
    assert cells(EDGES[2]) == spans
    assert cells(EDGES[4]) == [
        ("", [0, 1]),
        ("", [0, 1]),
        ("", [0, 1]),
        ("", [6, 7]),
        ("x", [6, 7]),
    ]
    assert cells(EDGES[5])[:2] == [("a\n\nb\n  c", [1, 5]), ("d", [7, 8])]
    assert cells(EDGES[5])[2:] == [("e\n\tf\n\u00a0g", [8, 11]), ("h\n\ni", [10, 13])]
    rows = [t.map for t in markdown().parse(EDGES[4]) if t.type == "yfm_table_row_open"]
    assert rows == [[0, 1], [0, 1], [0, 1], [6, 7]]  # a row without visible text starts the table's


def test_the_edges_take_the_fast_paths_where_they_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    split, closes = [], []
    push, close = plain_table.push_plain_table, tables.close_before_fences

    def pushing(*args: Any) -> bool:
        split.append(push(*args))
        return split[-1]

    def closing(*args: Any) -> int | None:
        closes.append(close(*args))
        return closes[-1]

    monkeypatch.setattr(tables, "push_plain_table", pushing)
    monkeypatch.setattr(tables, "close_before_fences", closing)
    for text in EDGES:
        markdown().parse(text)
    tables_of_edges = [1] * 22 + [2] + [1] * 8
    edge_of = [i for i, count in enumerate(tables_of_edges) for _ in range(count)]
    assert len(split) == len(closes) == len(edge_of) == 32
    assert [edge_of[i] for i, done in enumerate(split) if not done] == [
        13,
        14,
        15,
        16,
        17,
        20,
        21,
        27,
    ]
    assert [edge_of[i] for i, found in enumerate(closes) if found is None] == [
        8, 9, 10, 13, 14, 15, 16, 17, 21, 29, 30
    ]  # fmt: skip


def test_pipes_are_blanked_only_inside_escapes_and_code_spans() -> None:
    text = "|| `a|b` | x\\|y | ``|`` `c | d\n"
    assert plain_table.blank_skipped_pipes(text) == "|| `a b` | x\\ y | `` `` `c | d\n"
    untouched = "|| `a` | b\\* | `` c `` ||\n"
    assert plain_table.blank_skipped_pipes(untouched) is untouched
    assert plain_table.split_rows("x|| a | `|` ||y||z\n") == (
        ["x", "y"],
        [[" a ", " `|` "], ["z\n"]],
    )


def old_dedent(text: str) -> str:
    """`dedent_cell` before it answered a cell without `\\n ` at once."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    indents = [len(x) - len(x.lstrip(" ")) for x in lines[1:] if x.strip()]
    cut = min(indents, default=0)
    return "\n".join([lines[0], *(x[cut:] for x in lines[1:])]) if cut else text


def test_dedent_cell_is_the_old_one_on_edges() -> None:
    edges = ["a", "a\nb", "a\n b", "a\n  b\n c", "a\n\n  b", "a\n  \n  b", "a\n\tb", " a\nb"]
    edges += ["a\n\u00a0b", "a\n \n\tb", "a\n  b\n", "\n  b", "a\n \n", "a\n   b\n  c\n    d"]
    assert [plain_table.dedent_cell(x) for x in edges] == [old_dedent(x) for x in edges]
    assert plain_table.dedent_cell("a\n  b\n   c") == "a\nb\n c"


def test_token_is_the_one_push_makes() -> None:
    state = IndexedStateBlock("", markdown(), {}, [])
    for nesting, level in ((1, 3), (0, 0), (-1, 2)):
        state.level = level
        pushed = state.push("yfm_table_cell", "td", nesting)  # type: ignore[arg-type]
        level = pushed.level  # a closing token's is one less than the state's before it
        made = plain_table._token("yfm_table_cell", "td", nesting, level)  # type: ignore[arg-type]
        stock = Token("yfm_table_cell", "td", nesting, level=level, block=True)  # type: ignore[arg-type]
        assert made.as_dict() == pushed.as_dict() == stock.as_dict()
    fields = {field.name for field in dataclasses.fields(Token)}
    assert fields == set(made.as_dict()) and len(fields) == 13


def corpus_pages(corpus: Path) -> list[str]:
    return [decode(p.read_bytes(), p.name).normalized for p in sorted(need(corpus).rglob("*.md"))]


@pytest.mark.parametrize(("corpus", "name"), [(CORPUS_RU, "ru"), (CORPUS_EN, "en-sample")])
def test_every_corpus_page_tokenises_as_the_plain_path(
    corpus: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Token for token (and so the same tree), and the pages' tokens still the pinned digest."""
    pages = corpus_pages(corpus)
    fast = [dicts(text) for text in pages]
    digest = hashlib.sha256()
    for page in fast:
        digest.update(json.dumps(page, ensure_ascii=False, sort_keys=True).encode())
    assert (len(pages), digest.hexdigest()) == CORPUS_DIGESTS[name]
    unfast(monkeypatch)
    assert all(dicts(text) == page for text, page in zip(pages, fast, strict=True))


def test_every_corpus_table_closer_is_the_line_by_line_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """`close_before_fences` answers as `find_table_end` for every table of every RU and EN
    page (most of them: the others hold fences or nested tables, or none closes them)."""
    found: list[tuple[int | None, int | None]] = []
    close = tables.close_before_fences

    def closing(state: Any, start: int, end: int) -> int | None:
        found.append((close(state, start, end), tables.find_table_end(state, start, end)))
        return found[-1][0]

    monkeypatch.setattr(tables, "close_before_fences", closing)
    for text in corpus_pages(CORPUS_RU) + corpus_pages(CORPUS_EN):
        markdown().parse(text)
    assert all(fast == plain for fast, plain in found if fast is not None)
    assert (len(found), sum(fast is not None for fast, _ in found)) == (
        8113,
        7861,
    )  # 8,006 RU tables, 107 EN


def test_every_corpus_table_is_cut_as_the_old_regex_scan_cut_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each plain table's rows and cells as the one-pass regex scan (the code before the split
    by `str.split`) found them, on every RU page: the cells' texts, row by row."""
    taken: list[str] = []
    text_of = plain_table.plain_table_text
    monkeypatch.setattr(plain_table, "plain_table_text", lambda *args: _kept(taken, text_of(*args)))
    for text in corpus_pages(CORPUS_RU):
        markdown().parse(text)
    masked = [text for text in taken if plain_table.blank_skipped_pipes(text) is not text]
    assert (len(taken), len(masked)) == (7703, 157)
    cells = [cell.strip() for text in taken for row in regex_rows(text) for cell in row]
    multiline = [cell for cell in cells if "\n" in cell]
    assert [plain_table.dedent_cell(cell) for cell in multiline] == [
        old_dedent(c) for c in multiline
    ]
    assert (len(multiline), sum(old_dedent(cell) != cell for cell in multiline)) == (32663, 44)
    for text in taken:
        gaps, rows = plain_table.split_rows(text)
        assert [[c for c in row if c] for row in rows] == regex_rows(text), text
        assert "".join(gaps[i] + "||" + "|".join(row) + "||" for i, row in enumerate(rows)) + (
            gaps[-1] if len(gaps) > len(rows) else ""
        ) == text + ("||" if len(gaps) == len(rows) else "")


def _kept(taken: list[str], text: str | None) -> str | None:
    if text is not None:
        taken.append(text)
    return text


SPECIAL = re.compile(r"\\.|`+|\|\||\|")


def regex_rows(text: str) -> list[list[str]]:
    """The old scan: `SPECIAL` matched left to right, a code span closed on its own line."""
    rows: list[list[str]] = []
    row: list[str] | None = None
    begin = i = 0
    while (match := SPECIAL.search(text, i)) is not None:
        at, i = match.span()
        token = match.group()
        if token[0] == "`":
            close = text.find(token, i, text.find("\n", i))
            i = i if close < 0 else close + len(token)
        elif token == "||":
            if row is None:
                row = []
            else:
                rows.append([*row, text[begin:at]])
                row = None
            begin = i
        elif token == "|" and row is not None:
            row.append(text[begin:at])
            begin = i
    if row is not None:
        rows.append([*row, text[begin:]])
    return [[cell for cell in row if cell] for row in rows]


def test_the_trees_of_the_edges_are_the_plain_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [shape(build_tree(markdown().parse(text))) for text in EDGES]
    kinds = [[n.type for n in walk(build_tree(markdown().parse(text)))] for text in EDGES]
    unfast(monkeypatch)
    assert fast == [shape(build_tree(markdown().parse(text))) for text in EDGES]
    row = ["yfm_table_row", "yfm_table_cell", "yfm_table_cell"]
    assert kinds[0] == ["yfm_table", *row, *row, "yfm_table_cell"]
