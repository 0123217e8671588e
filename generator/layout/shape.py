"""The shape of a nested literal (JSON object, PHP array) as its code writes it, read from its tree.

Containers are numbered in pre-order (the literal itself is 0, then each item's containers in
order), the same order `generator/render/shaped.py` numbers the data's containers when it renders.
The shape says how the literal breaks lines, never what it holds:

- `indent`: spaces per level when the literal spans several lines (absent or 0: one line);
- `inline`: the containers written on one line inside a multi-line parent (by number);
- `close`: the literal's closing bracket this many spaces deeper than the line it opens on;
- `comma`, `colon`: what separates items and a key from its value on one line (`", "`, `": "`);
- `pad`, `pad_list`: a space inside the brackets of a one-line mapping / list (`{ "a": 1 }`);
- `trailing_comma`: a comma after the last item of every multi-line container (a list: of those
  numbered, when the literal mixes both).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    one_line = [node for node, _ in nodes if not _multiline(node) and syntax.items(node)]
    shape.update(_spacing(piece, one_line, syntax))
    colon = next((c for c in (_colon(piece, n, syntax) for n, _ in nodes) if c is not None), None)
    if colon is not None:
        shape["colon"] = colon
    return shape


def _closer_leads_its_line(piece: Piece, node: Node) -> bool:
    line = piece.data.split(b"\n")[node.end_point[0]]
    return not line[: node.end_point[1] - 1].strip()


def _multiline(node: Node) -> bool:
    return node.start_point[0] != node.end_point[0]


def _line_indent(piece: Piece, row: int) -> int:
    line = piece.data.split(b"\n")[row]
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
