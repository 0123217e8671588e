"""When is a tab's code the rendered code? The drift modes of a profile's tab entry.

* `exact`: byte for byte.
* `normalised` (the default for JavaScript, TypeScript and HTML tabs): the same tokens once
  comments, whitespace and the names of type aliases the tab declares itself are set aside
  (`type BindEventResult = boolean` against `type EventBindResult = boolean`). None of these changes
  what the code does, so a page that differs only there is not drift. The code is read with
  tree-sitter (HTML tabs: their inline `<script>` bodies, the markup around them as words); code
  that does not parse is compared exactly.

Other languages have no normalised form yet and are compared exactly. Issue 11's `call` mode (the
same REST call) is a third, coarser mode a profile entry can name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.calls.trees import Node, Piece

DRIFT_MODES = ("exact", "normalised", "call")
JS_GRAMMARS = {"js": "javascript", "javascript": "javascript", "ts": "typescript"}
HTML_LANGS = ("html",)
ALIAS_DECLARATIONS = ("type_alias_declaration",)


def default_mode(lang: str | None) -> str:
    """`normalised` where a normalised form exists (JS-family fences), else `exact`."""
    known = (lang or "").lower()
    return "normalised" if known in JS_GRAMMARS or known in HTML_LANGS else "exact"


def same_code(page: str, rendered: str, lang: str | None, mode: str) -> bool:
    if page == rendered:
        return True
    if mode != "normalised":
        return False
    left, right = normalised(page, lang), normalised(rendered, lang)
    return left is not None and left == right


def normalised(code: str, lang: str | None) -> tuple[str, ...] | None:
    """The code's tokens without comments, whitespace and local type-alias names; None when it
    cannot be read (not a JS-family language, or a parse error)."""
    known = (lang or "").lower()
    if known in HTML_LANGS:
        return _html_tokens(code)
    grammar = JS_GRAMMARS.get(known)
    return _js_tokens(code, grammar) if grammar else None


def _js_tokens(code: str, grammar: str) -> tuple[str, ...] | None:
    from generator.calls.trees import Piece

    piece = Piece(code, grammar)
    if piece.root.has_error:
        return None
    aliases = _alias_names(piece)
    tokens = []
    for leaf in _leaves(piece.root):
        text = piece.src(leaf)
        if leaf.type == "type_identifier" and text in aliases:
            text = aliases[text]
        tokens.append(text)
    return tuple(tokens)


def _alias_names(piece: Piece) -> dict[str, str]:
    """Each type alias the code declares → a placeholder by declaration order."""
    names: dict[str, str] = {}
    if piece.grammar != "typescript":
        return names
    for declaration in piece.nodes(*ALIAS_DECLARATIONS):
        name = declaration.child_by_field_name("name")
        if name is not None:
            names.setdefault(piece.src(name), f"<type {len(names) + 1}>")
    return names


def _leaves(node: Node) -> Iterator[Node]:
    """Leaf tokens in source order, comments left out (a string's content is one leaf)."""
    if node.type == "comment":
        return
    if node.child_count == 0 or node.type in ("string_fragment", "string"):
        yield node
        return
    for child in node.children:
        yield from _leaves(child)


def _html_tokens(code: str) -> tuple[str, ...] | None:
    from generator.calls.js import ScriptBodies

    scripts = ScriptBodies()
    scripts.feed(code)
    scripts.close()
    tokens: list[str] = []
    position = 0
    for base, body in scripts.bodies:
        tokens += code[position:base].split()
        script = _js_tokens(body, "javascript")
        if script is None:
            return None
        tokens += script
        position = base + len(body)
    return (*tokens, *code[position:].split())
