"""Trailing YFM attributes on blocks: `{#anchor}` heading ids, `{.class}` classes, and `[{#T}](path)` links.

Runs as a core rule after block parsing. The attribute text is removed from the inline token's
content and stored on the block's opening token (`attrs`), so later stages see clean titles.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

TRAILING_ATTRS = re.compile(r"\s*\{(?P<body>(?:[#.][\w\-:.]+\s*)+)\}\s*$")
TITLE_LINK = re.compile(r"\[\{#T\}\]\((?P<path>[^)\s]+)\)")


def apply_attrs(state: StateCore) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type not in ("heading_open", "paragraph_open"):
            continue
        inline = tokens[index + 1]
        if inline.type != "inline" or "{" not in inline.content:
            continue  # both patterns need a brace; most titles and paragraphs have none
        match = TRAILING_ATTRS.search(inline.content)
        if match is not None:
            inline.content = inline.content[: match.start()]
            for item in match["body"].split():
                if item.startswith("#"):
                    token.attrSet("id", item[1:])
                else:
                    previous = token.attrGet("class")
                    token.attrSet("class", f"{previous} {item[1:]}" if previous else item[1:])
        links = TITLE_LINK.findall(inline.content)
        if links:
            inline.meta["title_links"] = links


def attrs_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "yfm_attrs", apply_attrs)
