"""Example tab blocks: `{% list tabs %}` whose labels name languages, with exact code and spans.

Tabs are the top-level items of the block's bullet list(s); blocks that drift out of the list (a
fence indented too little or too much) are attached to the tab before them. Code is cut from the
source lines and dedented by the fence's own indentation, so it is exact to the byte.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from generator.extract.tabcode import called_methods, referenced_events
from generator.extract.text import collapse
from generator.pages.model import Node, Page, inline_text, walk
from generator.source import dedent_lines, leading_whitespace
from generator.spec.parts import ExampleBlock, Fence, Span, Tab
from generator.targets import Targets, load_targets

SKIP_MARKER = re.compile(r"<!--\s*b24-docgen:\s*skip\s*-->")
FENCE_MARKER = re.compile(r"`{3,}|~{3,}")


def find_example_blocks(
    page: Page, targets: Targets | None = None, *, names: bool = True
) -> list[ExampleBlock]:
    """Every tab block whose labels name a language (a target of the registry). Without `names`
    the tabs' `calls` and `events` are left empty (`with_called_methods` reads some later)."""
    targets = targets or load_targets()
    blocks: list[ExampleBlock] = []
    previous: Node | None = None
    for node in walk(page.root):
        if node.type == "yfm_list" and node.info.strip().startswith("tabs"):
            block = read_block(page, node, _is_skip_marker(page, previous), targets, names)
            if block is not None:
                blocks.append(block)
        if node.type != "inline":
            previous = node
    return blocks


def tab_items(node: Node) -> list[tuple[Node, list[Node]]]:
    """(list item, nodes that belong to it) for each tab of a `{% list tabs %}` block."""
    items: list[tuple[Node, list[Node]]] = []
    for child in node.children:
        if child.type == "bullet_list":
            items.extend((item, list(item.children)) for item in child.children)
        elif items:
            items[-1][1].append(child)
    return items


def read_block(
    page: Page, node: Node, skipped: bool, targets: Targets, names: bool = True
) -> ExampleBlock | None:
    items = tab_items(node)
    labels = [tab_label(item) for item, _ in items]
    if not any(targets.for_label(label) for label in labels):
        return None
    assert node.map is not None
    start, end = node.map
    line = page.lines[start]
    indent = len(line) - len(line.lstrip(" "))
    tabs = [
        read_tab(page, item, nodes, label, targets, names)
        for (item, nodes), label in zip(items, labels, strict=True)
    ]
    return ExampleBlock(Span(start + 1, end), indent, skipped, tabs)


def tab_label(item: Node) -> str:
    for child in item.children:
        if child.type == "paragraph":
            return inline_text(child).split("\n")[0].strip()
        break
    return ""


def read_tab(
    page: Page, item: Node, nodes: list[Node], label: str, targets: Targets, names: bool = True
) -> Tab:
    fences = [read_fence(page, n) for n in _fence_nodes(nodes)]
    prose = [collapse(page.text_of(n)) for n in nodes[1:] if n.type == "paragraph"]
    skipped = any(n.type == "html_block" and SKIP_MARKER.search(n.content) for n in nodes)
    code = fences[0].code if fences else ""
    all_code = "\n".join(f.code for f in fences)
    last_line = max((n.map[1] for n in nodes if n.map), default=item.map[1] if item.map else 0)
    assert item.map is not None
    return Tab(
        label=label,
        target=targets.decide(label, all_code),
        lang=fences[0].lang if fences else None,
        code=code,
        span=Span(item.map[0] + 1, last_line),
        code_span=fences[0].span if fences and _closed(page, fences[0]) else None,
        calls=called_methods(all_code) if names else [],
        events=referenced_events(all_code) if names else [],
        more_fences=fences[1:],
        prose="\n\n".join(prose) or None,
        skipped=skipped,
    )


def with_called_methods(
    examples: list[ExampleBlock], wanted: Collection[tuple[int, int]]
) -> list[ExampleBlock]:
    """The blocks with the `calls` of the (block, tab) tabs in `wanted` read from their code, as
    `find_example_blocks` reads them with `names`."""
    blocks = list(examples)
    for b, t in sorted(wanted):
        tabs = list(blocks[b].tabs)
        tabs[t] = _named(tabs[t])
        blocks[b] = replace(blocks[b], tabs=tabs)
    return blocks


def _named(tab: Tab) -> Tab:
    return replace(
        tab, calls=called_methods("\n".join([tab.code, *(f.code for f in tab.more_fences)]))
    )


def _fence_nodes(nodes: list[Node]) -> list[Node]:
    found: list[Node] = []
    for node in nodes:
        if node.type == "fence" or (
            node.type == "code_block" and node.content.lstrip().startswith("```")
        ):
            found.append(node)
        elif node.type != "paragraph":  # a paragraph holds inline content only: never a fence
            found.extend(n for n in walk(node) if n.type == "fence")
    return found


def read_fence(page: Page, node: Node) -> Fence:
    """The fence's code exactly as written, dedented by the opening line's indentation."""
    assert node.map is not None
    start, end = node.map
    stripped, indent = opener_indent(page.lines[start])
    marker = FENCE_MARKER.match(stripped)
    if node.type == "code_block" or marker is None:
        return _indented_fence(page, node)
    info = stripped[marker.end() :].strip()
    body_end = (
        end - 1
        if end - 1 > start and page.lines[end - 1].strip(" \t").startswith(marker.group(0))
        else end
    )
    code = fence_code(page.lines[start + 1 : body_end], indent)
    return Fence(info.split()[0] if info else None, code, Span(start + 1, end))


def opener_indent(opener: str) -> tuple[str, int]:
    """The line without its leading whitespace, and that whitespace's columns (`leading_whitespace`:
    a tab counts to the next multiple of 4); spaces alone are as many columns as characters."""
    stripped = opener.lstrip(" ")
    if stripped.startswith("\t"):
        chars, columns = leading_whitespace(opener)
        return opener[chars:], columns
    return stripped, len(opener) - len(stripped)


def fence_code(body: list[str], indent: int) -> str:
    """The body lines dedented by `indent` columns (`dedent_lines`), joined, with a final line
    break. When every line that is not empty starts with `indent` spaces (almost every fence:
    tab code sits in a list item), the spaces go by one replace over the joined text."""
    if not body:
        return ""
    text = "\n" + "\n".join(body)
    if indent:
        cut = "\n" + " " * indent
        if text.count(cut) == len(body) - body.count(""):
            text = text.replace(cut, "\n")
        else:
            text = "\n" + "\n".join(dedent_lines(body, indent))
    return text[1:] + "\n"


def _indented_fence(page: Page, node: Node) -> Fence:
    assert node.map is not None
    lines = node.content.split("\n")
    info = lines[0].strip().lstrip("`").strip()
    marker = re.match(r"`{3,}", lines[0].strip())
    body = [line for line in lines[1:]]
    while body and not body[-1].strip():
        body.pop()
    if body and marker and body[-1].strip().startswith(marker.group(0)):
        body.pop()  # the closing fence; blank lines before it belong to the code
    indent = len(lines[0]) - len(lines[0].lstrip(" "))
    code = "\n".join(dedent_lines(body, indent)) + "\n" if body else ""
    return Fence(info or None, code, Span(node.map[0] + 1, node.map[1]))


def _closed(page: Page, fence: Fence) -> bool:
    """Whether the fence's last line closes it: only then may sync replace the lines between."""
    start, end = fence.span.start, fence.span.end
    marker = FENCE_MARKER.match(page.lines[start - 1].lstrip(" \t"))
    return (
        end > start
        and marker is not None
        and page.lines[end - 1].lstrip(" \t").startswith(marker.group(0))
    )


def _is_skip_marker(page: Page, node: Node | None) -> bool:
    return node is not None and node.type == "html_block" and bool(SKIP_MARKER.search(node.content))
