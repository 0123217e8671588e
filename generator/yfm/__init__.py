"""The YFM (Diplodoc) dialect on markdown-it-py: one plugin per construct, block level only.

Inline parsing is switched off: every fact the extractor needs is a block (headings, paragraphs,
fences, quotes, lists, directives, tables) whose raw text is kept, which is what makes the parse
cheaper than markdown-it-py's full tokenising.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.yfm.attrs import attrs_plugin
from generator.yfm.directives import directives_plugin
from generator.yfm.dispatch import dispatch_plugin
from generator.yfm.lines import SOURCE_LINES, lines_plugin
from generator.yfm.paragraph import paragraph_plugin
from generator.yfm.tables import tables_plugin


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.disable(["inline", "text_join"])
    md.use(lines_plugin).use(directives_plugin).use(tables_plugin).use(attrs_plugin)
    md.use(dispatch_plugin).use(paragraph_plugin)  # after every plugin that adds block rules
    return md


def tokenize(text: str, lines: list[str] | None = None) -> list[Token]:
    """The text's tokens; `lines`, when the caller has them, are `text.split("\\n")` (not split
    again for the line index)."""
    if lines is None:
        return markdown().parse(text)
    return markdown().parse(text, {SOURCE_LINES: (text, lines)})
