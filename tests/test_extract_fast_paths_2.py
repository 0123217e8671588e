"""More cheaper paths of the method-page extractors that give what the plain ones gave: a fence's
code dedented by one replace and its opener's indent by one lstrip, tab fences and notes looked
for outside paragraphs, one-line texts collapsed by a strip, section roles kept per title, and
`check`'s method spec, which reads a tab's called methods only where the method lint reads them
and no default values."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from generator.check.lint import same_method
from generator.extract.examples import (
    _fence_nodes,
    fence_code,
    find_example_blocks,
    opener_indent,
    tab_items,
    with_called_methods,
)
from generator.extract.header import is_dev_condition, make_note, read_notes
from generator.extract.method_name import METHOD_NAME, SINGLE_WORD, tab_methods
from generator.extract.method_params import walk_params
from generator.extract.sections import role_of, split_sections
from generator.extract.text import collapse
from generator.includes import IncludeResolver
from generator.kinds.method import MethodKind
from generator.pages.classify import PageType, classify_file
from generator.pages.model import Node, Page, walk
from generator.source import decode, dedent_lines, leading_whitespace
from generator.spec.method import MethodSpec, Param, TabCall
from generator.spec.parts import ExampleBlock, Note
from generator.targets import load_targets
from tests.corpus import CORPUS_EN, CORPUS_RU, need

pytestmark = pytest.mark.corpus
ROOTS = [CORPUS_RU, CORPUS_EN]


@cache
def pages(root: Path) -> dict[str, Page]:
    """Every page of a corpus, tokenised once for the module."""
    found = {}
    for path in sorted(need(root).rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        found[rel] = Page(rel, decode(path.read_bytes(), rel))
    return found


def plain_fence_code(body: list[str], indent: int) -> str:
    return "\n".join(dedent_lines(body, indent)) + "\n" if body else ""


@pytest.mark.parametrize("root", ROOTS)
def test_a_fence_code_is_its_lines_dedented_on_every_corpus_fence(root: Path) -> None:
    fences = replaced = 0
    for rel, page in pages(root).items():
        for node in walk(page.root):
            if node.type != "fence" or node.map is None:
                continue
            start, end = node.map
            _, indent = leading_whitespace(page.lines[start])
            for body in (page.lines[start + 1 : end], page.lines[start + 1 : end - 1]):
                assert fence_code(body, indent) == plain_fence_code(body, indent), rel
            body = page.lines[start + 1 : end - 1]
            fences += 1
            replaced += bool(indent) and all(x.startswith(" " * indent) or not x for x in body)
    if root == CORPUS_RU:
        assert (fences, replaced) == (19384, 15229)


FENCE_EDGES = [
    ([], 4),
    ([""], 4),
    (["", ""], 2),
    (["    a", "", "    b"], 4),
    (["    a", "  ", "    b"], 4),  # a blank line shorter than the indent: emptied
    (["    a", "      ", "    b"], 4),  # longer: keeps what is past the indent
    (["    a", "  b"], 4),  # a line indented less loses what it has
    (["\ta", "    b"], 4),  # a tab is four columns
    (["  \ta", "    b"], 2),  # a tab past the limit stays
    (["    \ta"], 4),  # a tab after the indent is code
    (["    a\r", "    b"], 4),
    (["a", "b"], 0),
    ([" a", "  b"], 0),
    (["        deep", "    x"], 4),
    (["    x", "    "], 4),
]


@pytest.mark.parametrize(("body", "indent"), FENCE_EDGES)
def test_a_fence_code_on_edges(body: list[str], indent: int) -> None:
    assert fence_code(body, indent) == plain_fence_code(body, indent)


def test_a_fence_code_on_every_short_body() -> None:
    lines = [
        "".join(chars) for size in range(5) for chars in itertools.product(" \ta", repeat=size)
    ]
    bodies = [[x] for x in lines] + [list(pair) for pair in itertools.product(lines[:40], repeat=2)]
    assert len(bodies) == 121 + 1600
    for indent in range(7):
        for body in bodies:
            assert fence_code(body, indent) == plain_fence_code(body, indent), (body, indent)


def without_names(blocks: list[ExampleBlock], kept: set[tuple[int, int]]) -> list[ExampleBlock]:
    """The blocks with every tab's events and the calls of the tabs not `kept` emptied."""
    return [
        replace(
            block,
            tabs=[
                replace(tab, events=[], calls=tab.calls if (b, t) in kept else [])
                for t, tab in enumerate(block.tabs)
            ],
        )
        for b, block in enumerate(blocks)
    ]


@pytest.mark.parametrize("root", ROOTS)
def test_tabs_read_without_names_then_named_are_the_tabs_read_with_them(root: Path) -> None:
    tabs = named = 0
    for rel, page in pages(root).items():
        full = find_example_blocks(page)
        lean = find_example_blocks(page, names=False)
        assert lean == without_names(full, set()), rel
        every = {(b, t) for b, block in enumerate(full) for t in range(len(block.tabs))}
        assert with_called_methods(lean, every) == without_names(full, every), rel
        some = set(itertools.islice(sorted(every), 0, None, 2))
        assert with_called_methods(lean, some) == without_names(full, some), rel
        tabs += len(every)
        named += sum(bool(tab.calls) for block in full for tab in block.tabs)
    if root == CORPUS_RU:
        assert (tabs, named) == (15063, 14545)


def test_with_called_methods_names_only_the_wanted_tabs() -> None:
    text = (
        "# T\n\n{% list tabs %}\n\n- JS\n\n  ```js\n  BX24.callMethod('a.b', {});\n  ```\n\n"
        "- PHP\n\n  ```php\n  CRest::call('c.d', []);\n  ```\n\n  ```php\n  CRest::call('e.f');\n"
        "  ```\n\n{% endlist %}\n"
    )
    page = Page("x.md", decode(text.encode(), "x.md"))
    lean = find_example_blocks(page, names=False)
    assert [t.calls for t in lean[0].tabs] == [[], []]
    assert [t.calls for t in with_called_methods(lean, {(0, 1)})[0].tabs] == [
        [],
        ["CRest::call", "c.d", "e.f"],
    ]
    assert with_called_methods(lean, set()) == lean
    assert [t.calls for t in find_example_blocks(page)[0].tabs] == [
        ["BX24.callMethod", "a.b"],
        ["CRest::call", "c.d", "e.f"],
    ]


def plain_fence_nodes(nodes: list[Node]) -> list[Node]:
    """Every fence among the nodes or under them (a code block that opens with ``` too)."""
    found: list[Node] = []
    for node in nodes:
        if node.type == "fence" or (
            node.type == "code_block" and node.content.lstrip().startswith("```")
        ):
            found.append(node)
        else:
            found.extend(n for n in walk(node) if n.type == "fence")
    return found


@pytest.mark.parametrize("root", ROOTS)
def test_a_tab_fences_outside_paragraphs_are_all_its_fences(root: Path) -> None:
    tabs = 0
    for rel, page in pages(root).items():
        for node in walk(page.root):
            if node.type == "yfm_list" and node.info.strip().startswith("tabs"):
                for _, nodes in tab_items(node):
                    assert _fence_nodes(nodes) == plain_fence_nodes(nodes), rel
                    tabs += 1
    if root == CORPUS_RU:
        assert tabs == 15394


def without_defaults(params: list[Param]) -> list[Param]:
    return [replace(p, default=None, children=without_defaults(p.children)) for p in params]


def check_lean(full: MethodSpec) -> MethodSpec:
    """The spec `check` reads: `parse`'s without layouts, error codes, related links, events,
    the called methods of the tabs whose call names the page's method or none, and defaults."""
    kept = {(c.block, c.tab) for c in full.calls if c.method and c.method != full.method}
    return replace(
        full,
        examples=without_names(full.examples, kept),
        calls=[replace(c, layout={}) for c in full.calls],
        errors=[],
        related=[],
        params=without_defaults(full.params),
        response=replace(full.response, fields=without_defaults(full.response.fields)),
    )


@pytest.mark.slow
@pytest.mark.parametrize("root", ROOTS)
def test_the_check_spec_is_the_parse_spec_less_what_check_never_reads(root: Path) -> None:
    """Every page `check` reads with the method kind (not an event page, holds a tab block)."""
    kind, targets = MethodKind(), load_targets()
    counts = {"pages": 0, "kept": 0, "linted": 0, "voted": 0, "defaults": 0}
    shared: dict[str, Page] = {}
    for rel, page in pages(root).items():
        if "{% list tabs" not in page.text or classify_file(rel, page.text) is PageType.EVENT:
            continue
        resolver = IncludeResolver(root, shared)
        full = kind.read(page.source, resolver, targets).spec
        lean = kind.read(page.source, IncludeResolver(root, shared), targets, "check").spec
        assert lean == check_lean(full), rel
        tabs = tab_methods(full.calls)
        assert list(tabs.items()) == list(plain_tab_methods(full.calls).items()), rel
        counts["voted"] += len(tabs) > 1
        everything = walk_params(full.params) + walk_params(full.response.fields)
        counts["defaults"] += sum(p.default is not None for p in everything)
        # the tabs whose calls the method lint reads (check/lint_method.tab_issues) keep them
        for call in full.calls:
            if call.method and not same_method(call.method, full.method):
                tab = lean.examples[call.block].tabs[call.tab]
                assert tab.calls == full.examples[call.block].tabs[call.tab].calls, rel
                counts["linted"] += 1
        counts["pages"] += 1
        counts["kept"] += sum(bool(t.calls) for b in lean.examples for t in b.tabs)
    if root == CORPUS_RU:
        assert counts == {"pages": 1829, "kept": 560, "linted": 445, "voted": 86, "defaults": 482}


@pytest.mark.parametrize("root", ROOTS)
def test_an_opener_indent_is_its_leading_whitespace_on_every_fence(root: Path) -> None:
    tabbed = 0
    for rel, page in pages(root).items():
        for node in walk(page.root):
            if node.type in ("fence", "code_block") and node.map is not None:
                opener = page.lines[node.map[0]]
                chars, columns = leading_whitespace(opener)
                assert opener_indent(opener) == (opener[chars:], columns), rel
                tabbed += "\t" in opener[:chars]
    if root == CORPUS_RU:
        assert tabbed == 13


def test_an_opener_indent_on_every_short_line() -> None:
    lines = ["".join(c) for size in range(8) for c in itertools.product(" \t`a", repeat=size)]
    assert len(lines) == 21845
    for line in lines:
        chars, columns = leading_whitespace(line)
        assert opener_indent(line) == (line[chars:], columns), repr(line)


def plain_collapse(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n")).strip()


@pytest.mark.parametrize("root", ROOTS)
def test_collapse_is_the_plain_collapse_on_every_node_and_cell(root: Path) -> None:
    texts = one_line = 0
    for rel, page in pages(root).items():
        for node in walk(page.root):
            for text in (page.text_of(node), node.content):
                assert collapse(text) == plain_collapse(text), rel
                texts += 1
                one_line += "\n" not in text
    if root == CORPUS_RU:
        assert (texts, one_line) == (814976, 626388)


def test_collapse_on_every_short_text() -> None:
    # every character str.strip and str.rstrip treat alike, the line break, and others
    alphabet = " \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000a"
    texts = ["".join(c) for size in range(5) for c in itertools.product(alphabet, repeat=size)]
    assert len(texts) == 22621
    for text in texts:
        assert collapse(text) == plain_collapse(text), repr(text)


def plain_notes(page: Page) -> list[Note]:
    """`read_notes` descending into every node but a tab block."""
    notes: list[Note] = []

    def collect(node: Node, dev_only: bool) -> None:
        for child in node.children:
            if child.type == "yfm_if":
                branch_is_dev = is_dev_condition(child.info)
                for inner in child.children:
                    if inner.type == "yfm_else":
                        branch_is_dev = False
                    elif inner.type == "yfm_note":
                        notes.append(make_note(page, inner, dev_only or branch_is_dev))
                        collect(inner, dev_only or branch_is_dev)
                    elif inner.children and inner.type != "yfm_list":
                        collect(inner, dev_only or branch_is_dev)
            elif child.type == "yfm_note":
                notes.append(make_note(page, child, dev_only))
                collect(child, dev_only)
            elif child.children and child.type != "yfm_list":
                collect(child, dev_only)

    collect(page.root, False)
    return notes


@pytest.mark.parametrize("root", ROOTS)
def test_the_notes_are_those_of_a_walk_into_every_node(root: Path) -> None:
    notes = dev = 0
    for rel, page in pages(root).items():
        found = read_notes(page)
        assert found == plain_notes(page), rel
        notes += len(found)
        dev += sum(n.dev_only for n in found)
    if root == CORPUS_RU:
        assert (notes, dev) == (4089, 14)


def test_notes_under_paragraph_free_nodes_and_dev_branches() -> None:
    text = (
        "# T\n\n{% note info %}\n\na\n\n{% endnote %}\n\n- item\n\n  {% note warning %}\n\n  b\n\n"
        "  {% endnote %}\n\n> {% note tip %}\n>\n> c\n>\n> {% endnote %}\n\n"
        "{% if build == 'dev' %}\n\n{% note alert %}\n\nd\n\n{% endnote %}\n\n{% else %}\n\n"
        "{% note info %}\n\ne\n\n{% endnote %}\n\n{% endif %}\n\n{% list tabs %}\n\n- JS\n\n"
        "  {% note info %}\n\n  f\n\n  {% endnote %}\n\n{% endlist %}\n"
    )
    page = Page("x.md", decode(text.encode(), "x.md"))
    found = read_notes(page)
    assert found == plain_notes(page)
    assert [(n.type, n.text, n.dev_only) for n in found] == [
        ("info", "a", False),
        ("warning", "b", False),
        ("tip", "> c", False),
        ("alert", "d", True),
        ("info", "e", False),
    ]


@pytest.mark.parametrize("root", ROOTS)
def test_the_kept_section_roles_are_the_roles_read_again(root: Path) -> None:
    titles: set[str] = set()
    for rel, page in pages(root).items():
        for section in split_sections(page)[1]:
            assert section.role == role_of.__wrapped__(section.title), rel
            titles.add(section.title)
    if root == CORPUS_RU:
        assert len(titles) == 1671


def plain_tab_methods(calls: list[TabCall]) -> Counter[str]:
    """Each method's count, spelled by a count of its spellings for every method."""
    counted: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for call in calls:
        if call.method and (METHOD_NAME.match(call.method) or SINGLE_WORD.match(call.method)):
            key = call.method.casefold()
            counted[key] += 1
            spelling.setdefault(key, Counter())[call.method] += 1
    return Counter({spelling[k].most_common(1)[0][0]: n for k, n in counted.items()})


TAB_METHODS = [
    [],
    [None, "", "not a method", "a.b"],
    ["a.b", "A.B", "a.b"],
    ["A.B", "a.b"],  # a tie: the first spelling
    ["a.b", "A.B", "A.B", "c.d", "batch", "C.D", "c.d", "c.d"],
    ["batch", "Batch", "x.y"],
    ["crm.deal.add", "crm.deal.ADD", "crm.Deal.add", "crm.deal.ADD"],
]


@pytest.mark.parametrize("methods", TAB_METHODS)
def test_tab_methods_on_edges(methods: list[str | None]) -> None:
    calls = [
        TabCall(0, i, 0, "JS", 1, True, None, "b24", "js", m, {}, None, "any", "single", 2, [], {})
        for i, m in enumerate(methods)
    ]
    assert list(tab_methods(calls).items()) == list(plain_tab_methods(calls).items())
