"""tree-sitter plumbing: one cached parser per grammar, and a view of a parsed piece of tab code.

A piece is the tab's whole code or a part of it (a `<script>` body in HTML); `base` is its
character offset in the tab's code, so spans always point into the string the caller passed.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from operator import attrgetter

import tree_sitter as ts

from generator.calls.model import CodeSpan

Node = ts.Node


# grammar → (module, function giving its language); a grammar's module is imported when first
# asked for (an event-page check reads JavaScript and TypeScript only: PHP's alone is 4 ms)
GRAMMAR_MODULES = {
    "bash": ("tree_sitter_bash", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "php": ("tree_sitter_php", "language_php_only"),  # PHP with or without the `<?php` tag
    "python": ("tree_sitter_python", "language"),
    "go": ("tree_sitter_go", "language"),
}


@cache
def language(grammar: str) -> ts.Language:
    """The grammar's tree-sitter language (KeyError for a grammar that is not known)."""
    module, function = GRAMMAR_MODULES[grammar]
    make: Callable[[], object] = getattr(importlib.import_module(module), function)
    return ts.Language(make())


@cache
def parser(grammar: str) -> ts.Parser:
    return ts.Parser(language(grammar))


# The docs' value placeholders (`**put_attach_id**`) stand where code wants a value. Parsing sees
# each as a name of the same length (`__put_attach_id__`), so offsets hold and the tree is sound;
# `src()` still reads the page's own bytes, so the value comes back as {"$expr": "**put_...**"}.
PLACEHOLDER = re.compile(rb"\*\*([A-Za-z_][\w.-]*)\*\*")


def _as_name(match: re.Match[bytes]) -> bytes:
    return b"__" + re.sub(rb"[.-]", b"_", match.group(1)) + b"__"


# The node types the readers search for, per grammar: one query pass per piece finds them all.
INDEXED: dict[str, tuple[str, ...]] = {
    "bash": ("command",),
    "javascript": ("call_expression", "variable_declarator", "member_expression", "subscript_expression"),
    "typescript": ("call_expression", "variable_declarator", "member_expression", "subscript_expression"),
    "php": (
        "member_call_expression", "scoped_call_expression", "function_call_expression",
        "assignment_expression", "subscript_expression",
    ),
    "python": ("call", "assignment", "attribute", "subscript"),
    "go": ("call_expression", "short_var_declaration", "var_spec"),
}  # fmt: skip


# Named captures the index pass also makes, beside the INDEXED types: a call's callee when it is
# a member or subscript expression (`r.data` in `r.data()`; the anchor asks for the call's first
# named child, its function), which the JavaScript result reader leaves out of the keys it reads.
CALLEE = "callee"
CALLEE_PATTERN = f"(call_expression . [(member_expression) (subscript_expression)] @{CALLEE})"
CAPTURED: dict[str, str] = {"javascript": CALLEE_PATTERN, "typescript": CALLEE_PATTERN}


@cache
def query(grammar: str, types: tuple[str, ...]) -> ts.Query:
    pattern = "[" + " ".join(f"({kind})" for kind in types) + "] @n"
    return ts.Query(language(grammar), pattern)


@cache
def index_query(grammar: str) -> ts.Query:
    """The grammar's INDEXED types, each captured under its own name (grouped by type in C), and
    its CAPTURED patterns."""
    kinds = INDEXED[grammar]
    patterns = "[" + " ".join(f"({k}) @{k}" for k in kinds) + "] " + CAPTURED.get(grammar, "")
    return ts.Query(language(grammar), patterns)


@cache
def kind_ids(grammar: str, name: str) -> frozenset[int]:
    """Every symbol id the grammar names `name`: `node.kind_id in kind_ids(g, name)` answers
    `node.type == name` without making the type's string."""
    found = language(grammar)
    return frozenset(i for i in range(found.node_kind_count) if found.node_kind_for_id(i) == name)


PARSES_KEPT = 4
START_BYTE, END_BYTE = attrgetter("start_byte"), attrgetter("end_byte")


@dataclass
class Parsed:
    """One parse of a piece of code, the nodes its one query pass found (by type), and the
    answers `Piece.nodes` gave already (by the types asked for)."""

    root: Node
    index: dict[str, list[Node]] | None = None
    answers: dict[tuple[str, ...], list[Node]] = field(default_factory=dict)


# A tab's code is parsed by its call reader and again, right after, by its layout reader: the last
# few parses are kept by source and grammar (trees are immutable). Only a few: a tree freed soon
# after its parse is still in the CPU's caches, one freed 256 parses later is not (a corpus check
# spent 0.3 s more freeing trees with 256 kept, and a tab holds at most one `<script>` body).
@lru_cache(maxsize=PARSES_KEPT)
def parse_once(source: bytes, grammar: str) -> Parsed:
    return Parsed(parser(grammar).parse(source).root_node)


@dataclass
class Piece:
    """Parsed code: `text` is the piece, `full` the whole tab code, `base` the piece's offset."""

    text: str
    grammar: str
    full: str = ""
    base: int = 0
    data: bytes = field(init=False)
    root: Node = field(init=False)
    _ascii: bool = field(init=False)
    _parsed: Parsed = field(init=False)

    def __post_init__(self) -> None:
        self.full = self.full or self.text
        self.data = self.text.encode("utf-8")
        self._ascii = len(self.data) == len(self.text)
        source = self.data
        if self.grammar != "bash" and b"**" in source:  # no `**`, no placeholder to rename
            source = PLACEHOLDER.sub(_as_name, source)
        self._parsed = parse_once(source, self.grammar)
        self.root = self._parsed.root

    def nodes(self, *types: str) -> list[Node]:
        """Nodes of the given types in source order (outer before inner), found by a tree-sitter
        query: the search runs in C, not as a Python walk. The types the readers ask for are
        captured in one pass per piece (INDEXED); others get a query of their own. Readers of the
        same tree (call, layout) asking for the same types share one sorted answer."""
        found = self._parsed.answers.get(types)
        if found is None:
            found = self._parsed.answers[types] = self._in_order(types)
        return list(found)

    def _in_order(self, types: tuple[str, ...]) -> list[Node]:
        indexed = INDEXED.get(self.grammar, ())
        if all(kind in indexed for kind in types):
            found = [node for kind in types for node in self.captured(kind)]
        else:
            cursor = ts.QueryCursor(query(self.grammar, types))
            found = list(cursor.captures(self.root).get("n", []))
        return in_source_order(found)

    def captured(self, kind: str) -> list[Node]:
        """The nodes of one INDEXED type (or CAPTURED name) as the piece's query pass found them,
        in no set order (tree-sitter collects captures in a set): for a reader that keeps a few
        and sorts those, or needs no order. The list is shared: read it, do not change it."""
        index = self._parsed.index
        if index is None:
            cursor = ts.QueryCursor(index_query(self.grammar))
            index = self._parsed.index = cursor.captures(self.root)
        return index.get(kind, [])

    @cached_property
    def lines(self) -> list[bytes]:
        """The piece's bytes line by line (the layout readers look lines up by row)."""
        return self.data.split(b"\n")

    def src(self, node: Node) -> str:
        if self._ascii:  # one byte per character: the text's slice is the bytes' decoding
            return self.text[node.start_byte : node.end_byte]
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def offset(self, byte: int) -> int:
        """Character offset in the full tab code of a byte offset in this piece."""
        chars = byte if self._ascii else len(self.data[:byte].decode("utf-8", "replace"))
        return self.base + chars

    def span(self, node: Node) -> CodeSpan:
        return span_of(self.full, self.offset(node.start_byte), self.offset(node.end_byte))


def in_source_order(found: list[Node]) -> list[Node]:
    """The nodes sorted in place in source order, outer before inner: by start, then by end
    descending. Two stable sorts on C getters cost less than one on a key made by a Python
    function for each node; full ties keep the order they came in."""
    found.sort(key=END_BYTE, reverse=True)  # reverse=True keeps equal ends in their order
    found.sort(key=START_BYTE)
    return found


def span_of(code: str, start: int, end: int) -> CodeSpan:
    line_start = code.rfind("\n", 0, start) + 1
    return CodeSpan(start, end, code.count("\n", 0, start) + 1, start - line_start + 1)


def walk(node: Node) -> Iterator[Node]:
    """Every named descendant, depth first, in source order (an explicit stack: deep code is fine)."""
    stack = list(reversed(node.named_children))
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.named_children))


def args_of(call: Node) -> list[Node]:
    """The call's argument nodes (comments dropped)."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    return [a for a in arguments.named_children if a.type != "comment"]
