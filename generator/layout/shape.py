"""The shape of a nested literal (JSON object, PHP array) as its code writes it, read from its tree.

Containers are numbered in pre-order (the literal itself is 0, then each item's containers in
order), the same order `generator/render/shaped.py` numbers the data's containers when it renders.
The shape says how the literal breaks lines, never what it holds:

- `indent`: spaces per level when the literal spans several lines (absent or 0: one line);
  `flush`: the literal's own items start at the opening line's indentation (deeper levels step);
- `inline`: the containers written on one line inside a multi-line parent (by number);
- `open_break`: a multi-line container under a key opens on the line below the key, at its indent;
- `comments`: comments at the end of its lines, by item or container number;
- `close`: the literal's closing bracket this many spaces deeper than the line it opens on;
- `comma`, `colon`: what separates items and a key from its value on one line (`", "`, `": "`);
- `pad`, `pad_list`: a space inside the brackets of a one-line mapping / list (`{ "a": 1 }`);
- `trailing_comma`: a comma after the last item of every multi-line container (a list: of those
  numbered, when the literal mixes both).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.calls.trees import Node, Piece
    from generator.spec.parts import Json


@dataclass(frozen=True, slots=True)
class Syntax:
    """How one grammar writes a container: its node types and how an item holds its value."""

    containers: frozenset[str]
    mapping: frozenset[str]  # container types that are mappings (others decide by their items)
    keyed_item: frozenset[str]  # item node types that carry a key (a pair, `'k' => v`)

    def items(self, node: Node) -> list[Node]:
        return [c for c in node.named_children if c.type != "comment"]

    def value(self, item: Node) -> Node:
        """The item's value node: the last named child of a keyed item, else the item itself."""
        if item.type in self.keyed_item:
            named = [c for c in item.named_children if c.type != "comment"]
            return named[-1] if named else item
        return item

    def is_mapping(self, node: Node) -> bool:
        if node.type in self.mapping:
            return True
        return any(self._has_key(item) for item in self.items(node))

    def _has_key(self, item: Node) -> bool:
        named = [c for c in item.named_children if c.type != "comment"]
        return item.type in self.keyed_item and len(named) > 1


def containers(root: Node, syntax: Syntax) -> list[tuple[Node, Node | None]]:
    """(container, parent container) in pre-order: the numbering the renderer follows."""
    return list(_containers(root, syntax))


# A literal's containers are asked for by each part of its shape (spacing, inline, comments):
# the last literals' are kept, by root node (a node keeps its tree alive, so it stays unique).
@lru_cache(maxsize=64)
def _containers(root: Node, syntax: Syntax) -> list[tuple[Node, Node | None]]:
    found: list[tuple[Node, Node | None]] = []
    stack: list[tuple[Node, Node | None]] = [(root, None)]
    while stack:
        node, parent = stack.pop()
        found.append((node, parent))
        values = [syntax.value(item) for item in syntax.items(node)]
        nested = [v for v in values if v.type in syntax.containers]
        stack.extend((child, node) for child in reversed(nested))
    return found


def read_shape(
    piece: Piece, root: Node, syntax: Syntax, opening: int | None = None
) -> dict[str, Json]:
    """The full shape of the literal at `root` (the family reader drops its defaults). `opening`
    is the indentation of the line the literal opens on, when `piece` does not hold that line."""
    nodes = containers(root, syntax)
    shape: dict[str, Json] = {}
    if _multiline(root):
        base = _line_indent(piece, root.start_point[0]) if opening is None else opening
        shape["indent"] = _indent(root, syntax, base)
        if shape["indent"] == 0:  # items flush with the opening line: deeper levels tell the step
            shape["flush"], shape["indent"] = True, _nested_indent(piece, nodes, syntax)
        close = root.end_point[1] - 1 - base
        if close > 0 and _closer_leads_its_line(piece, root):
            shape["close"] = close
        shape["inline"] = [
            number
            for number, (node, parent) in enumerate(nodes)
            if parent is not None and _multiline(parent) and not _multiline(node)
            if syntax.items(node)
        ]
        shape["trailing_comma"] = _trailing_commas(piece, nodes, syntax)
        if _opens_below(piece, nodes, syntax):
            shape["open_break"] = True
        comments = line_end_comments(piece, root, syntax)
        if comments:
            shape["comments"] = comments
    one_line = [node for node, _ in nodes if not _multiline(node) and syntax.items(node)]
    shape.update(_spacing(piece, one_line, syntax))
    colon = next((c for c in (_colon(piece, n, syntax) for n, _ in nodes) if c is not None), None)
    if colon is not None:
        shape["colon"] = colon
    return shape


def line_end_comments(piece: Piece, root: Node, syntax: Syntax) -> dict[str, Json]:
    """Comments that end a line of a multi-line literal: `i<c>.<k>` after item k of container c,
    `c<c>` after container c's opening bracket (containers numbered as `containers` numbers
    them). A comment on a line of its own has no place here and is left out."""
    found: dict[str, Json] = {}
    for number, (node, _) in enumerate(containers(root, syntax)):
        index, previous = -1, None
        for child in node.named_children:
            if child.type != "comment":
                index, previous = index + 1, child
            elif previous is None and child.start_point[0] == node.start_point[0]:
                found[f"c{number}"] = piece.src(child)
            elif previous is not None and child.start_point[0] == previous.end_point[0]:
                found[f"i{number}.{index}"] = piece.src(child)
    return found


def spacing_exceptions(
    piece: Piece, root: Node, syntax: Syntax, comma: str, colon: str
) -> dict[str, Json]:
    """Where a literal spaces otherwise than its own `comma` and `colon`: `seps` (the separator
    before item k of a one-line container c, as `"c.k"`) and `colons` (between item k's key and
    value, on one line). Spacing only: hand-written literals are not consistent."""
    seps: dict[str, Json] = {}
    colons: dict[str, Json] = {}
    for number, (node, _) in enumerate(containers(root, syntax)):
        items = syntax.items(node)
        for index, item in enumerate(items):
            if index and not _multiline(node):
                between = _between(piece, items[index - 1].end_byte, item.start_byte)
                if between != comma:
                    seps[f"{number}.{index}"] = between
            named = [c for c in item.named_children if c.type != "comment"]
            if item.type in syntax.keyed_item and len(named) > 1:
                between = _between(piece, named[0].end_byte, named[-1].start_byte)
                if between != colon and "\n" not in between:
                    colons[f"{number}.{index}"] = between
    return {k: v for k, v in (("seps", seps), ("colons", colons)) if v}


def _nested_indent(piece: Piece, nodes: list[tuple[Node, Node | None]], syntax: Syntax) -> int:
    """The step of the first multi-line container below the literal's root (4 when none)."""
    for node, parent in nodes:
        if parent is not None and _multiline(node) and syntax.items(node):
            return _indent(node, syntax, _line_indent(piece, node.start_point[0])) or 4
    return 4


def _opens_below(piece: Piece, nodes: list[tuple[Node, Node | None]], syntax: Syntax) -> bool:
    """Every multi-line container that is a keyed value opens on the line below its key."""
    breaks = []
    for node, parent in nodes:
        item = node.parent
        if parent is None or not _multiline(node) or item is None:
            continue
        named = [c for c in item.named_children if c.type != "comment"]
        if item.type in syntax.keyed_item and len(named) > 1:
            breaks.append(b"\n" in piece.data[named[0].end_byte : node.start_byte])
    return bool(breaks) and all(breaks)


def _closer_leads_its_line(piece: Piece, node: Node) -> bool:
    line = piece.lines[node.end_point[0]]
    return not line[: node.end_point[1] - 1].strip()


def _multiline(node: Node) -> bool:
    return node.start_point[0] != node.end_point[0]


def _line_indent(piece: Piece, row: int) -> int:
    line = piece.lines[row]
    return len(line) - len(line.lstrip(b" "))


def _indent(root: Node, syntax: Syntax, base: int) -> int:
    """The first item's indentation over the indentation of the line the literal opens on."""
    items = syntax.items(root)
    return max(0, items[0].start_point[1] - base) if items else 0


def _trailing_commas(
    piece: Piece, nodes: list[tuple[Node, Node | None]], syntax: Syntax
) -> bool | list[int]:
    """True or False when every multi-line container agrees, else the numbers of those with one."""
    found = {
        number: _trailing_comma(piece, node, syntax)
        for number, (node, _) in enumerate(nodes)
        if _multiline(node) and syntax.items(node)
    }
    if len(set(found.values())) <= 1:
        return any(found.values())
    return [number for number, has in found.items() if has]


def _trailing_comma(piece: Piece, node: Node, syntax: Syntax) -> bool:
    items = syntax.items(node)
    if not items:
        return False
    after = piece.data[items[-1].end_byte : node.end_byte]
    return after.lstrip().startswith(b",")


def _spacing(piece: Piece, one_line: list[Node], syntax: Syntax) -> dict[str, Json]:
    """Item separator and bracket padding as the first one-line container of each sort writes them."""
    found: dict[str, Json] = {}
    for node in one_line:
        items = syntax.items(node)
        if len(items) > 1 and "comma" not in found:
            found["comma"] = _between(piece, items[0].end_byte, items[1].start_byte)
        key = "pad" if syntax.is_mapping(node) else "pad_list"
        if key not in found:
            found[key] = piece.data[items[0].start_byte - 1 : items[0].start_byte] == b" "
    return found


def _colon(piece: Piece, node: Node, syntax: Syntax) -> str | None:
    """What separates the first key from its value on one line (a value on the next line says
    nothing about the separator)."""
    for item in syntax.items(node):
        named = [c for c in item.named_children if c.type != "comment"]
        if item.type in syntax.keyed_item and len(named) > 1:
            between = _between(piece, named[0].end_byte, named[-1].start_byte)
            if "\n" not in between:
                return between
    return None


def _between(piece: Piece, start: int, end: int) -> str:
    return piece.data[start:end].decode("utf-8", "replace")
