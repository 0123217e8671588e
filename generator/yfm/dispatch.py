"""Block rules tried only on lines they can match: markdown-it's rules, by a line's first character.

markdown-it-py tries every block rule in turn on each block's first line, and every terminator rule
on each line of a paragraph, most of them only to read the line's first character and give up. Here
a rule that needs one of a few first characters is not called on a line that starts with another
(it would return False and change nothing), neither in the block loop nor as a terminator; the code
rule is tried only on a line indented for code, and `hr` only on a thematic break.
tests/test_yfm_fast_paths.py holds the tokens equal to markdown-it-py's loop on every corpus page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock

Rule = Callable[[StateBlock, int, int, bool], bool]

# The first characters (after the line's indent) each rule needs: on a line that starts with any
# other, the rule's own checks return False before it changes anything.
FIRST_CHARACTERS = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
    "yfm_table": "#",
    "yfm_directive": "{",
}
CODE_INDENT = 4  # StateBlock.is_code_block: four columns past the block's indent
# markdown-it's thematic break: three or more of one marker, spaces and tabs between and after
THEMATIC_BREAK = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*")


def needing(rule: Rule, characters: str) -> Rule:
    """The rule, called only when the line starts with one of `characters` (or is past the end of
    the text, where the rule's own checks decide)."""
    wanted = frozenset(characters)

    def rule_on_its_lines(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        src = state.src
        if pos < len(src) and src[pos] not in wanted:
            return False
        return rule(state, start, end, silent)

    return rule_on_its_lines


def thematic_breaks_only(rule: Rule) -> Rule:
    """markdown-it's `hr`, called only on a line that is a thematic break (elsewhere, a list
    item's `- ` first of all, it returns False and changes nothing)."""

    def hr(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        if THEMATIC_BREAK.fullmatch(state.src, pos, state.eMarks[start]) is None:
            return False
        return rule(state, start, end, silent)

    return hr


class DispatchingParserBlock(ParserBlock):
    """markdown-it's block loop (`ParserBlock.tokenize`), trying on each block's first line only
    the rules that can match it."""

    def __init__(self, rules_of: ParserBlock) -> None:
        self.ruler = rules_of.ruler
        self._built_from: list[Rule] | None = None
        self._named: list[tuple[str, Rule]] = []
        self._by_first: dict[str, list[Rule]] = {}
        self._ending: dict[str, list[Rule]] = {}
        self._chains: list[tuple[str, Rule, list[str]]] = []

    def rules_for(self, first: str) -> list[Rule]:
        """The rules (unwrapped, in order) that can match a line starting with `first`, when the
        line is not indented for code."""
        rules = self._by_first.get(first)
        if rules is None:
            rules = [
                rule
                for name, rule in self._named
                if name != "code" and first in FIRST_CHARACTERS.get(name, first)
            ]
            self._by_first[first] = rules
        return rules

    def named_rules(self) -> list[tuple[str, Rule]]:
        """(name, rule) of every active rule, in order, each as registered before `needing`."""
        self._refresh()
        return self._named

    def terminators(self, first: str) -> list[Rule]:
        """The rules (unwrapped, in order) that may end a paragraph at a line starting with
        `first`: markdown-it's "paragraph" chain, less those that need another first character."""
        self._refresh()
        rules = self._ending.get(first)
        if rules is None:
            rules = [
                rule
                for name, rule, alt in self._chains
                if "paragraph" in alt and first in FIRST_CHARACTERS.get(name, first)
            ]
            self._ending[first] = rules
        return rules

    def _refresh(self) -> list[Rule]:
        """Every active rule; the tables are rebuilt when the ruler changed."""
        rules = self.ruler.getRules("")
        if rules is not self._built_from:
            self._built_from = rules
            self._by_first, self._ending = {}, {}
            self._chains = [
                (rule.name, getattr(rule.fn, "plain", rule.fn), rule.alt)
                for rule in self.ruler.__rules__
                if rule.enabled
            ]
            self._named = [(name, rule) for name, rule, _ in self._chains]
        return rules

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        """`ParserBlock.tokenize`, with the rules of each line chosen by `rules_for`."""
        every = self._refresh()
        line = startLine
        max_nesting = state.md.options.maxNesting
        has_empty_lines = False
        src, begins, shifts, counts = state.src, state.bMarks, state.tShift, state.sCount
        ends = state.eMarks
        while line < endLine:
            while line < state.lineMax and begins[line] + shifts[line] >= ends[line]:
                line += 1  # StateBlock.skipEmptyLines
            state.line = line
            if line >= endLine or counts[line] < state.blkIndent:
                break
            if state.level >= max_nesting:
                state.line = endLine
                break
            pos = begins[line] + shifts[line]
            if counts[line] - state.blkIndent >= CODE_INDENT or pos >= len(src):
                rules = every
            else:
                rules = self._by_first.get(src[pos]) or self.rules_for(src[pos])
            for rule in rules:
                if rule(state, line, endLine, False):
                    if state.line <= line:
                        raise RuntimeError("block rule didn't increment state.line")
                    break
            else:
                raise RuntimeError("none of the block rules matched")
            state.tight = not has_empty_lines
            line = state.line
            if (line - 1) < endLine and begins[line - 1] + shifts[line - 1] >= ends[line - 1]:
                has_empty_lines = True
            if line < endLine and begins[line] + shifts[line] >= ends[line]:
                has_empty_lines = True
                line += 1
                state.line = line


def dispatch_plugin(md: MarkdownIt) -> None:
    """Use after every plugin that adds block rules."""
    ruler = md.block.ruler
    for rule in ruler.__rules__:
        if rule.name == "hr" and not hasattr(rule.fn, "plain"):
            ruler.at("hr", thematic_breaks_only(rule.fn), {"alt": rule.alt})
        characters = FIRST_CHARACTERS.get(rule.name)
        if characters is not None and not hasattr(rule.fn, "plain"):
            wrapped = needing(rule.fn, characters)
            wrapped.plain = rule.fn  # type: ignore[attr-defined]
            ruler.at(rule.name, wrapped, {"alt": rule.alt})
    md.block = DispatchingParserBlock(md.block)
