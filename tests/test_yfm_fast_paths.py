"""The fast paths of tokenising give markdown-it-py's tokens exactly: the rules dispatched by a
line's first character (yfm/dispatch.py), paragraphs asking only the terminators a line allows
(yfm/paragraph.py), the token `push`, `normalize` and `getLines` (yfm/lines.py), the table
scanner (yfm/tables.py) and the attribute pass (yfm/attrs.py), each against the plain path:
stock markdown-it-py with the table plugin as it was before (tests/yfm_plain) and the tool's
directive and attribute plugins; every RU and EN page's tokens are also pinned by a digest."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from generator.source import decode
from generator.yfm import lines as lines_module
from generator.yfm import markdown, plain_table, tables, tokenize
from generator.yfm.attrs import attrs_plugin
from generator.yfm.directives import directives_plugin
from generator.yfm.dispatch import FIRST_CHARACTERS, DispatchingParserBlock
from generator.yfm.lines import IndexedStateBlock, cut_indent, line_markers
from tests.corpus import CORPUS_EN, CORPUS_RU, need
from tests.yfm_plain.tables import tables_plugin

# sha256 over every page's tokens (sorted paths, `as_dict` as sorted JSON), taken with the plain path
CORPUS_DIGESTS = {
    "ru": (2687, "3479aab1da018607147dbe73e3e70be92779dcd418d151e73458475307378b4d"),
    "en-sample": (35, "1e419507619da619175223e1d333fce2a76dfc893dc4dcc7f9ccedb8dc8a29ac"),
}

TABLES = [
    "#|\n|| a | b ||\n|| c | d ||\n|#\n",
    "#|\n|| `x|y` | a \\| b ||\n|| ``code ` span`` | `` unclosed ||\n|#\n",
    "#|\n|| a |\n```\ncode | not a cell\n``` ||\n|| b | c ||\n|#\n",
    "#|\n|| a | ```\ncode\n``` ||\n|| b | c ||\n|#\n",
    "#|\n|| a |\n\n  ```js\n  x || y\n  ```\n\n  after ||\n|#\n",
    "#|\n|| a | ~~~~\n~~~ too short\n~~~~~ tail ||\n|#\n",
    "#|\n|| outer | inner:\n#|\n|| x | y ||\n|#\n||\n|#\n",
    "#|\n{% if build == 'dev' %}\n|| dev | row ||\n{% else %}\n|| prod | row ||\n{% endif %}\n|#\n",
    "#|\n|| a | {% if x %}inline{% endif %} ||\n|| {% note %} | b ||\n|#\n",
    "  #|\n  || indented | table ||\n    || deeper | row ||\n || less | row ||\n  |#\n",
    "#| || one | line || |#\n\ntext\n",
    "#|\n|| open row | no close\n|#\n",
    "#|\n|| unclosed | table ||\n\nmore\n",
    "#|\n|| a || || b ||\n| stray | pipes |\n||||\n|| | ||\n|#\n",
    "#|\n||\n\n  multi\n    line\n\tcell\n\n|\n\n  x\n\n||\n|#\n",
    "- item\n\n  #|\n  || in | list ||\n  |#\n",
    "> #|\n> || in | quote ||\n> |#\n",
    "\t#|\n\t|| tab | indent ||\n\t|#\n",
    "#|\n|| a | ```\nnever closed ||\n|#\n",
    "#|\n||   |  ||\n|| a |\n\n||\n||||\n|| | ||\n|#\n",
    "#|\n|| `a\n|| b || c`d ||\n|| `x` | `` y | z `` ||\n|#\n",
    "#|\n|| a\\\n| b\\|c \\\\| d ||\n|#\n",
    "   #|\n  || a\n     b | c ||\n || d\n\n\t  e ||\n |#\n",
    "#|\n|| \u00a0 | x\u3000 | \u2028 ||\n|#\n",
    "#|\n|| a ||| b ||\n|| c ||\n",
    "#| || a |\n\n b\n|#\n",
    "- x\n\n  #|\n  || a\n\n    b\n      c | d ||\n  |#\n",
]
BLOCKS = [
    "# H {#id}\n\ntext\nmore\n- list\n1. one\n2) two\n> quote\n***\n___\n+ plus\n[ref]: /u\n<div>\n</div>\n",
    "para\n    lazy code-looking\n```\nfence\n```\n~~~ info\n~~~\n<!-- c -->\n",
    "Title\n=====\n\nSub\n---\n\n- a\n  - b\n    - c\n      - d\n        - e\n",
    "{% list tabs %}\n\n- JS\n\n  ```js\n  x\n  ```\n\n- PHP\n\n```php\ny\n```\n\n{% endlist %}\n",
    '{% note info %}\n\n{% cut "x" %}\n\n#|\n|| a | b ||\n|#\n\n{% endcut %}\n\n{% endnote %}\n',
    "text\n{% include [x](y.md) %}\n#|\n|| a ||\n|#\n10. ten\n\n1234567890. too long\n",
    "\t\tcode\n \t mixed\n\n  \t- tab list\n\n>\tquote tab\n",
    "[label]: http://x 'title'\n[bad\n\n<script>\nx\n</script>\n\n<p>\ntext\n",
    "a\r\nb\rc\0d\r\n\r\n#|\r\n|| \0 | x ||\r|#\r\n",  # normalised before the block rules
    "a\n- -\n\nb\n--  \n\nc\n  ==\n\nd\n    ==\n\ne\n=\t=\n\nf\n\t==\n\ng\n== x\n",
    "> a\n===\n\n- b\n---\n\n- c\n  ===\n\n> d\ne\n---\n\n1. f\n   g\n  ---\n",
    "a\n    lazy\n===\n\nb\n# h\nc\n```\nd\n> e\n<div>\n- f\n2. g\n1. h\n-\n",
    "## T {#a .b}\n\nSee [{#T}](x.md) and [{#T}](y.md) {.c}\n\nT2\n---\n{#not-trailing} x\n",
]
FENCES = [
    "```\n",
    "```",
    "~~~ info ~~~\nx\n~~~~ \t\n",
    "``` a`b\nnot a fence\n```\n",
    "````js\n```\nstill code\n`````\nafter\n",
    "```\ncode\n``` x\n```\n",
    "- item\n\n  ```js\n  a\n\n    b\n less\n  ```\n",
    "- item\n  ```\n  a\n      ```\n  ```\n",
    "> ```\n> quoted\n\nlazy end\n",
    "```\nunclosed\n\n",
    "  ```\n    x\n   y\n z\n  ```\n",
    "\t```\n```\n\t```\n",
    "```\n\u00a0```\n```\u00a0\n```",
]
FRAGMENTS = [
    "#|", "|#", "||", "|", " | ", "```", "~~~", "`", "``", "\\|", "\\", "{% if build == 'dev' %}",
    "{% else %}", "{% endif %}", "{% note info %}", "{% endnote %}", "{% list tabs %}",
    "{% endlist %}", "- ", "* ", "+ ", "1. ", "2) ", "> ", "# ", "## ", "---", "***", "___", "===",
    "[x]: /y", "<div>", "</div>", "<!--", "-->", "    ", "  ", "\t", "text", "тест", "js", "\n",
    "\n\n", "{#id}", "\r", "\r\n", "\0", "[{#T}](a.md)", "{.cls}", "{#a .b}",
]  # fmt: skip


def plain() -> MarkdownIt:
    """The plain path: markdown-it-py's own StateBlock, block loop and token, and the table plugin
    as it was before its fast scanner."""
    md = MarkdownIt("commonmark")
    md.disable(["inline", "text_join"])
    md.use(directives_plugin).use(tables_plugin).use(attrs_plugin)
    return md


PLAIN = plain()


def tokens(md: MarkdownIt, text: str) -> list[dict[str, Any]]:
    return [token.as_dict() for token in md.parse(text)]


@pytest.mark.parametrize("text", TABLES + BLOCKS + FENCES)
def test_each_edge_tokenises_as_the_plain_path(text: str) -> None:
    assert tokens(markdown(), text) == tokens(PLAIN, text)


def test_the_table_edges_give_their_known_cells() -> None:
    cells = [t.content for t in markdown().parse(TABLES[1]) if t.type == "yfm_table_cell"]
    assert cells == ["`x|y`", "a \\| b", "``code ` span``", "`` unclosed"]
    cells = [t.content for t in markdown().parse(TABLES[2]) if t.type == "yfm_table_cell"]
    assert cells == ["a", "```\ncode | not a cell\n```", "b", "c"]
    rows = [t for t in markdown().parse(TABLES[7]) if t.type == "yfm_table_row_open"]
    assert [(r.map, r.meta) for r in rows] == [([2, 3], {"dev_only": True}), ([4, 5], {})]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_random_yfm_tokenises_as_the_plain_path(parts: list[str]) -> None:
    text = "".join(parts)
    assert tokens(markdown(), text) == tokens(PLAIN, text)


@pytest.mark.parametrize(("corpus", "name"), [(CORPUS_RU, "ru"), (CORPUS_EN, "en-sample")])
def test_every_corpus_page_tokenises_as_the_plain_path(corpus: Path, name: str) -> None:
    files = sorted(need(corpus).rglob("*.md"))
    digest = hashlib.sha256()
    for file in files:
        text = decode(file.read_bytes(), file.name).normalized
        fast = tokens(markdown(), text)
        assert fast == tokens(PLAIN, text), file
        digest.update(json.dumps(fast, ensure_ascii=False, sort_keys=True).encode())
    assert (len(files), digest.hexdigest()) == CORPUS_DIGESTS[name]


def test_push_makes_the_token_markdown_it_makes() -> None:
    fields = {field.name for field in dataclasses.fields(Token)}
    assert fields == {
        "type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup",
        "info", "meta", "block", "hidden",
    }  # fmt: skip  # a new Token field must be set by IndexedStateBlock.push too
    fast, slow = IndexedStateBlock("x\n", markdown(), {}, []), StateBlock("x\n", PLAIN, {}, [])
    for nesting in (1, 0, 1, -1, -1, 0):
        made = fast.push("t", "p", nesting)  # type: ignore[arg-type]
        assert made == slow.push("t", "p", nesting)  # type: ignore[arg-type]
        assert made.attrs == {} and made.meta == {} and made.block is True
        assert made.attrs is not fast.tokens[0].attrs or made is fast.tokens[0]
    assert [t.level for t in fast.tokens] == [0, 1, 1, 1, 0, 0]
    assert fast.level == slow.level == 0


# Lines starting with every character a rule might treat specially, and some it does not.
FIRSTS = [chr(c) for c in range(0x21, 0x7F)] + ["я", "\u00a0", "\u3000"]


def snapshot(state: StateBlock) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, list) else v for k, v in vars(state).items()}


@pytest.mark.parametrize("name", sorted(FIRST_CHARACTERS))
def test_a_skipped_rule_returns_false_and_changes_nothing(name: str) -> None:
    """What the dispatch relies on: on a line whose first character is not one a rule needs, the
    rule (unwrapped) returns False and leaves the state as it was, silent or not."""
    md = markdown()
    block = md.block
    assert isinstance(block, DispatchingParserBlock)
    (rule,) = [r for n, r in block.named_rules() if n == name]
    for first in FIRSTS:
        if first in FIRST_CHARACTERS[name]:
            continue
        for line in (f"{first}", f"{first}{first}{first} x", f"{first}| x", f"{first}% x %}}"):
            for parent in ("root", "paragraph", "list"):
                for silent in (True, False):
                    state = IndexedStateBlock(f"{line}\n  {line}\n", md, {}, [])
                    state.parentType = parent
                    before = snapshot(state)
                    assert rule(state, 0, 2, silent) is False, (name, line)
                    assert rule(state, 1, 2, silent) is False, (name, line)
                    assert state.tokens == [] and state.line == 0 and state.level == 0
                    assert state.parentType == parent
                    assert snapshot(state) == before


def test_the_dispatch_table_keeps_the_rule_order() -> None:
    block = markdown().block
    assert isinstance(block, DispatchingParserBlock)
    names = {id(rule): name for name, rule in block.named_rules()}
    assert [names[id(r)] for r in block.rules_for("-")] == ["hr", "list", "lheading", "paragraph"]
    assert [names[id(r)] for r in block.rules_for("#")] == [
        "yfm_table",
        "heading",
        "lheading",
        "paragraph",
    ]
    assert [names[id(r)] for r in block.rules_for("я")] == ["lheading", "paragraph"]
    assert [names[id(r)] for r in block.rules_for("{")] == [
        "yfm_directive",
        "lheading",
        "paragraph",
    ]


def test_a_paragraph_line_is_asked_only_of_the_terminators_its_first_character_allows() -> None:
    block = markdown().block
    assert isinstance(block, DispatchingParserBlock)
    names = {id(rule): name for name, rule in block.named_rules()}
    ending = {first: [names[id(r)] for r in block.terminators(first)] for first in "-#{`<>я1*"}
    assert ending == {
        "-": ["hr", "list"],
        "#": ["yfm_table", "heading"],
        "{": ["yfm_directive"],
        "`": ["fence"],
        "<": ["html_block"],
        ">": ["blockquote"],
        "я": [],
        "1": ["list"],
        "*": ["hr", "list"],
    }


def test_get_lines_is_markdown_its_with_lines_moved_as_lists_and_quotes_move_them() -> None:
    """Unmoved lines are cut as one piece of the source; lines a rule moved go line by line."""
    texts = ["- a\n  b\n\n    c\n  \n      d\n", "> q\n>  r\n\t> s\n", "  x\n \ty\n   z\n"]
    md = markdown()
    cut = 0
    for text in texts:
        for moved, shift, shifted in ((None, 0, 0), (0, 1, 1), (1, 1, 1), (0, 0, 2), (1, 0, 3)):
            fast, slow = IndexedStateBlock(text, md, {}, []), StateBlock(text, PLAIN, {}, [])
            if moved is not None:  # a quote moves the start and the indent, a list the indent
                for state in (fast, slow):
                    state.bMarks[moved] += shift
                    state.tShift[moved] = shifted
            for begin in range(slow.lineMax + 1):
                for end in range(begin, slow.lineMax + 1):
                    for indent in (0, 1, 2, 3, 4, 6):
                        for keep in (False, True):
                            got = fast.getLines(begin, end, indent, keep)
                            assert got == slow.getLines(begin, end, indent, keep), (text, moved)
                            cut += 1
    assert cut == 2880
    assert IndexedStateBlock("  a\n    b\n c\n", md, {}, []).getLines(0, 3, 2, False) == "a\n  b\nc"


def plain_tables_taken(monkeypatch: pytest.MonkeyPatch, texts: list[str]) -> list[int]:
    """How many tables of each text `push_plain_table` split (the others went line by line)."""
    taken: list[int] = []
    split = plain_table.push_plain_table

    def counting(*args: Any) -> bool:
        done = split(*args)
        taken[-1] += done
        return done

    monkeypatch.setattr(tables, "push_plain_table", counting)
    for text in texts:
        taken.append(0)
        markdown().parse(text)
    return taken


def test_a_plain_table_is_split_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """The edges above meet the one-pass split where it applies (their tokens are the plain
    path's): tables with a directive, a fence, a nested table or in a quote go line by line (and
    a tab-indented one is code)."""
    taken = plain_tables_taken(monkeypatch, TABLES)
    line_by_line = [index for index, count in enumerate(taken) if count == 0]
    assert line_by_line == [2, 3, 4, 5, 6, 7, 8, 16, 17, 18]
    assert sum(taken) == len(TABLES) - len(line_by_line)


def test_most_corpus_tables_are_split_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(need(CORPUS_RU).rglob("*.md"))
    texts = [decode(file.read_bytes(), file.name).normalized for file in files]
    assert sum(plain_tables_taken(monkeypatch, texts)) == 7703  # of 8006 tables


def test_hr_is_tried_only_on_thematic_breaks_and_answers_as_markdown_its() -> None:
    """Every line of up to 6 of `-*_`, space, tab and `x` (after 0-5 spaces of indent): the hr
    the dispatch calls gives markdown-it's answer, the same token, and leaves the same state."""
    from markdown_it.rules_block.hr import hr as plain_hr

    block = markdown().block
    assert isinstance(block, DispatchingParserBlock)
    (fast_hr,) = [rule for name, rule in block.named_rules() if name == "hr"]
    assert fast_hr is not plain_hr
    lines = [
        "".join(chars) for size in range(7) for chars in itertools.product("-*_ \tx", repeat=size)
    ]
    breaks = 0
    for line in lines:
        for indent in ("", "   ", "     "):
            for silent in (True, False):
                text = f"{indent}{line}\n"
                fast, slow = (
                    IndexedStateBlock(text, markdown(), {}, []),
                    StateBlock(text, PLAIN, {}, []),
                )
                answer = fast_hr(fast, 0, 1, silent)
                assert answer == plain_hr(slow, 0, 1, silent), repr(text)
                assert [t.as_dict() for t in fast.tokens] == [t.as_dict() for t in slow.tokens]
                assert (fast.line, fast.level) == (slow.line, slow.level)
                breaks += answer
    assert len(lines) == 55987 and breaks == 2 * 1182  # silent and not


def test_the_line_index_from_the_callers_lines_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """`tokenize(text, lines)` (a page has split its text already) indexes those lines, unless
    normalize changed the text; the markers are the same as from splitting again, the lines are
    left as they were."""
    for corpus in (CORPUS_RU, CORPUS_EN):
        for file in sorted(need(corpus).rglob("*.md")):
            text = decode(file.read_bytes(), file.name).normalized
            lines = text.split("\n")
            assert line_markers(text, lines) == line_markers(text), file
            assert lines == text.split("\n")
    given: list[bool] = []
    index = lines_module.line_markers

    def recording(src: str, lines: list[str] | None = None) -> Any:
        given.append(lines is not None)
        return index(src, lines)

    monkeypatch.setattr(lines_module, "line_markers", recording)
    for text in [*BLOCKS, *TABLES, "a\n  ", "a\r\nb\n", ""]:
        assert tokens_of(tokenize(text, text.split("\n"))) == tokens(PLAIN, text), repr(text)
    assert given.count(False) == 2  # "a\r\nb\n" and BLOCKS[8], which normalize changed
    assert len(given) == len(BLOCKS) + len(TABLES) + 2  # "" has no line index to make


def tokens_of(made: list[Token]) -> list[dict[str, Any]]:
    return [token.as_dict() for token in made]


def test_cut_indent_is_the_regex_pass_on_every_small_chunk() -> None:
    """Every chunk of 1 to 3 lines of up to 4 of space and `x` (with and without a last line
    break), every indent 1-5: the replace (or the regex, where a line is short of the indent)
    gives what cutting up to `indent` spaces from each line gives."""
    lines = ["".join(chars) for size in range(5) for chars in itertools.product(" x", repeat=size)]
    chunks = [
        "\n".join(parts) + end
        for count in (1, 2, 3)
        for parts in itertools.product(lines, repeat=count)
        for end in ("", "\n")
    ]
    for chunk in chunks:
        for indent in range(1, 6):
            expected = "\n".join(
                line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in chunk.split("\n")
            )
            assert cut_indent(chunk, indent) == expected, (chunk, indent)
    assert len(chunks) == 2 * (31 + 31**2 + 31**3)
