"""Fast paths of tokenising, fourth round: a directive's list of regular tabs pushed at once
(yfm/tab_list.py) and `getLines` cutting a moved line or a chunk with tabs after its indent
without markdown-it's loop (yfm/lines.py). Each gives the tokens of the path it replaces on every
RU and EN page and on edge shapes (whose tokens also equal stock markdown-it-py's)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from markdown_it.rules_block import StateBlock

from generator.source import decode
from generator.yfm import directives, markdown, tab_list
from generator.yfm.lines import IndexedStateBlock
from tests.corpus import CORPUS_EN, CORPUS_RU, need
from tests.test_yfm_fast_paths import PLAIN, tokens


def tabs(body: str, indent: str = "") -> str:
    lines = ["{% list tabs %}", "", *body.split("\n"), "{% endlist %}", ""]
    return "\n".join(indent + line if line else line for line in lines)


REGULAR = "- A\n\n  ```js\n  x\n  ```\n\n- B C\n\n  ```\n  y\n  ```\n"
SHAPES = [
    tabs(REGULAR),  # 0: indent 2
    # 1: indent 4, PHP's two blank lines, tab-indented code
    tabs(
        "- cURL\n\n    ```bash\n    curl \\\n    -d x\n    ```\n\n- Go\n\n\n    ```go\n    \tf()\n    ```\n"
    ),
    tabs(
        "* A\n\n  ```\n  x\n  ```\n* B\n\n  ~~~ a`b\n  y\n  ~~~\n"
    ),  # 2: `*`, no blank before the next item, tilde fence
    tabs("+ A\n\n  ```\n  x\n  ```\n"),  # 3: `+`
    tabs(
        "- A\n\n  ```\n  x\n  ```\n\n* B\n\n  ```\n  y\n  ```\n"
    ),  # 4: the marker changes: two lists
    tabs("   - A\n\n     ```\n     x\n     ```\n"),  # 5: marker indented 3
    tabs("    - A\n\n      ```\n      x\n      ```\n"),  # 6: marker indented 4: code
    tabs("-  A\n\n   ```\n   x\n   ```\n\n-     B\n\n  ```\n  y\n  ```\n"),  # 7: 2 spaces, then 5
    tabs("-\tA\n\n  ```\n  x\n  ```\n"),  # 8: a tab after the marker
    tabs("\t- A\n\n\t  ```\n\t  x\n\t  ```\n"),  # 9: a tab before the marker
    tabs("- A\n\n  ```\n  x\n"),  # 10: unclosed fence
    tabs(
        "- A\n\n  ```\n  x\n  `````\n\n- B\n\n  ````\n  ```\n  y\n  ````  \n"
    ),  # 11: longer closers
    tabs("- A\n\n  ```\n  ``` x\n          ```\n  ```\n"),  # 12: the directive's scan sees 2 fences
    tabs("- A\n\n  ```\n  x\n\n  y\n  \n  ```\n"),  # 13: blank lines inside the fence
    tabs("- A  \t \n\n  ```\n  x\n  ```\n"),  # 14: a title with trailing blanks
    tabs(
        "- A\n\n  ```\n  x\n  ```\n  ```py\n  y\n  ```\n\n  Text\n\n  ```\n  z\n  ```\n"
    ),  # 15: two fences and prose
    tabs("- A\n\n  {% note info %}\n\n  x\n\n  {% endnote %}\n"),  # 16: a nested note
    tabs("- A\n\n  ```\n  x\n  ```\nlazy\n"),  # 17: a line at column 0 after the fence
    tabs("- A\n\n  text\nlazy\n\n  ```\n  x\n  ```\n"),  # 18: a lazy continuation line
    tabs("- A\n\n```\nx\n```\n"),  # 19: the fence at column 0
    tabs("- A\n\n    ```\n    x\n y\n    ```\n"),  # 20: a code line dedented past the item
    tabs("- A\n  ```\n  x\n  ```\n- B\n  ```\n  y\n  ```\n"),  # 21: tight
    tabs("- A\n- B\n"),  # 22: titles only
    tabs("- 1. A\n\n  ```\n  x\n  ```\n\n- `B`\n\n  ```\n  y\n  ```\n"),  # 23: titles other blocks
    tabs("1. A\n\n   ```\n   x\n   ```\n"),  # 24: ordered
    tabs("- A\n\n  ```a`b\n  x\n  ```\n"),  # 25: a backtick in a backtick fence's info
    "> {% list tabs %}\n>\n> - A\n>\n>   ```\n>   x\n>   ```\n>\n> {% endlist %}\n",  # 26: quoted
    "1. Step\n\n" + tabs("- A\n\n    ```\n    x\n    ```\n", "    "),  # 27: in an item
    "{% list tabs %}\n\n- A\n\n  ```\n  x\n  ```\n",  # 28: no closer
    tabs(""),  # 29: empty
    tabs("- A {#a}\n\n  ```\n  x\n  ```\n\n  Two\n  lines\n"),  # 30: a paragraph of two lines
    tabs("- A {#a}\n\n  ```\n  x\n  ```\n\n  One line\n"),  # 31: attributes, a last paragraph
    "{% list dropdown %}\n\n- A\n\n  ```\n  x\n  ```\n\n{% endlist %}\n",  # 32: another list
    tabs("-\n\n  ```\n  x\n  ```\n"),  # 33: no title
    tabs("- A\n\n  ~~~\n  x\n  ```\n"),  # 34: a tilde fence a backtick line does not close
    tabs(REGULAR).replace("\n", "\r\n"),  # 35: CRLF, normalised first
    tabs("- A\n\n  ```\n  x\n  ```\n\n      code\n"),  # 36: indented code in the item
    tabs("- A\n\n  ```\n  x\n  ```\n\n  - nested\n"),  # 37: a nested list
    tabs("- A\n\n  ```\n  x\n  ```\n\n  Text\n  ```\n  y\n  ```\n"),  # 38: a fence right after text
    tabs("- A\n\n\t```\n\tx\n\t```\n"),  # 39: a tab-indented fence
    "{% note %}\n\n" + tabs(REGULAR) + "\n{% endnote %}\n",  # 40: in a note (its scan matched)
    tabs("- A\n\n  ```\n  ``` || x\n  ```\n"),  # 41: the directive's scan ends the fence early
    "{% list tabs %}\n\n- A\n\n  ```\n  x\n  ```\n\n  {% endlist %}\n",  # 42: an indented closer
    tabs("- A\n\n  ```\n  x\n  ```\n\n  Text").rstrip("\n"),  # 43: the closer right after text
    tabs("- A\n\n  ```\n  ```\n\n- B\n\n  ~~~\n\n  ~~~\n"),  # 44: empty fences
]
CLOSED, AFTER_SCAN = (1, 0), (0, 1)
FAST = {
    **dict.fromkeys([0, 1, 2, 3, 5, 11, 13, 14, 15, 27, 31, 32, 35, 39, 44], CLOSED),
    **dict.fromkeys([28, 40, 42, 43], AFTER_SCAN),
}


def without_fast_lists(monkeypatch: pytest.MonkeyPatch, text: str) -> list[dict[str, Any]]:
    with monkeypatch.context() as patch:
        patch.setattr(directives, "push_tab_list", lambda *_: False)
        patch.setattr(directives, "push_closed_list", lambda *_: None)
        return tokens(markdown(), text)


def fast_lists(monkeypatch: pytest.MonkeyPatch, texts: list[str]) -> list[tuple[int, int]]:
    """How many lists of each text were pushed at once with their closer found on the way
    (`push_closed_list`) and after the directive's scan (`push_tab_list`)."""
    taken: list[tuple[int, int]] = []
    push_closed, push_open = directives.push_closed_list, tab_list.push_tab_list

    def counting_closed(*args: Any) -> int | None:
        closer = push_closed(*args)
        taken[-1] = (taken[-1][0] + (closer is not None), taken[-1][1])
        return closer

    def counting_open(*args: Any) -> bool:
        done = push_open(*args)
        taken[-1] = (taken[-1][0], taken[-1][1] + done)
        return done

    monkeypatch.setattr(directives, "push_closed_list", counting_closed)
    monkeypatch.setattr(directives, "push_tab_list", counting_open)
    for text in texts:
        taken.append((0, 0))
        markdown().parse(text)
    return taken


@pytest.mark.parametrize("text", SHAPES)
def test_each_shape_tokenises_as_the_list_rule(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    fast = tokens(markdown(), text)
    assert fast == without_fast_lists(monkeypatch, text) == tokens(PLAIN, text)


def test_the_regular_shapes_are_pushed_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = fast_lists(monkeypatch, SHAPES)
    assert {index: count for index, count in enumerate(taken) if count != (0, 0)} == FAST


def test_a_pushed_list_has_the_tokens_it_should() -> None:
    made = markdown().parse(SHAPES[0])
    assert [(t.type, t.level, t.map) for t in made[1:-1]] == [
        ("bullet_list_open", 1, [2, 14]),
        ("list_item_open", 2, [2, 8]),
        ("paragraph_open", 3, [2, 3]),
        ("inline", 4, [2, 3]),
        ("paragraph_close", 3, None),
        ("fence", 3, [4, 7]),
        ("list_item_close", 2, None),
        ("list_item_open", 2, [8, 14]),
        ("paragraph_open", 3, [8, 9]),
        ("inline", 4, [8, 9]),
        ("paragraph_close", 3, None),
        ("fence", 3, [10, 13]),
        ("list_item_close", 2, None),
        ("bullet_list_close", 1, None),
    ]
    fences = [(t.info, t.content, t.markup) for t in made if t.type == "fence"]
    assert fences == [("js", "x\n", "```"), ("", "y\n", "```")]
    assert [t.content for t in made if t.type == "inline"] == ["A", "B C"]
    assert not any(t.hidden for t in made)


@pytest.mark.parametrize(("corpus", "name"), [(CORPUS_RU, "ru"), (CORPUS_EN, "en-sample")])
def test_every_corpus_page_tokenises_as_the_list_rule(
    monkeypatch: pytest.MonkeyPatch, corpus: Path, name: str
) -> None:
    files = sorted(need(corpus).rglob("*.md"))
    texts = [decode(file.read_bytes(), file.name).normalized for file in files]
    compared = 0
    for file, text in zip(files, texts, strict=True):
        if "{% list" in text:
            assert tokens(markdown(), text) == without_fast_lists(monkeypatch, text), file
            compared += 1
    taken = fast_lists(monkeypatch, texts)
    closed, open_ = sum(count[0] for count in taken), sum(count[1] for count in taken)
    assert (len(files), compared, closed, open_) == EXPECTED[name]


# (pages, pages with a list directive, lists pushed at once: found their closer, after the scan)
EXPECTED = {"ru": (2687, 1861, 2155, 0), "en-sample": (35, 21, 24, 0)}


def test_get_lines_of_moved_lines_is_markdown_its() -> None:
    """Every line of up to 5 of space, tab, `-` and `x`, its start moved by 0-2 and its indent
    set to 0-5: the fast cut of one moved line gives markdown-it's, for every indent 0-6."""
    md = markdown()
    lines = [
        "".join(chars) for size in range(6) for chars in itertools.product(" \t-x", repeat=size)
    ]
    cut = 0
    for line in lines:
        text = f"{line}\nz\n"
        for moved, shift in itertools.product(range(3), range(6)):
            if moved + shift > len(line):
                continue
            fast, slow = IndexedStateBlock(text, md, {}, []), StateBlock(text, PLAIN, {}, [])
            for state in (fast, slow):
                state.bMarks[0] += moved
                state.tShift[0] = shift
            for indent in range(7):
                for keep in (False, True):
                    got = fast.getLines(0, 2, indent, keep)
                    assert got == slow.getLines(0, 2, indent, keep), (text, moved, shift)
                    cut += 1
    assert cut == 267638


def test_get_lines_of_chunks_with_tabs_is_markdown_its() -> None:
    """Chunks of 1-3 unmoved lines of up to 4 of space, tab and `x`: the one-pass cut (when no
    tab comes before the indent's end) gives markdown-it's."""
    md = markdown()
    lines = [
        "".join(chars) for size in range(5) for chars in itertools.product(" \tx", repeat=size)
    ]
    checked = 0
    for count in (1, 2):
        for parts in itertools.product(lines, repeat=count):
            text = "\n".join(parts) + "\nz\n"
            fast, slow = IndexedStateBlock(text, md, {}, []), StateBlock(text, PLAIN, {}, [])
            for indent in range(1, 6):
                got = fast.getLines(0, count, indent, True)
                assert got == slow.getLines(0, count, indent, True), (text, indent)
                checked += 1
    assert checked == 73810
