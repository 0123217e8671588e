"""markdown-it's fence rule (```` ``` ```` and `~~~`), its search for the closing line reading the
line arrays through local names.

The fence bodies (every tab's code) are the longest runs of lines one rule walks; markdown-it-py's
loop reads six attributes of the state and calls two of its methods on every line. This is the
same rule, the same checks in the same order (tests/test_yfm_fast_paths.py holds the tokens equal
to markdown-it-py's on every corpus page and on the fence edges).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

MARKERS = ("~", "`")
MIN_MARKERS = 3
CODE_INDENT = 4  # StateBlock.is_code_block


def fence(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's `fence`: an opening run of 3+ backticks or tildes (no backtick in a backtick
    fence's info), up to a line with a run at least as long and nothing else, or the block's end."""
    if state.is_code_block(start):
        return False
    src = state.src
    pos, maximum = state.bMarks[start] + state.tShift[start], state.eMarks[start]
    if pos + MIN_MARKERS > maximum or src[pos] not in MARKERS:
        return False
    marker = src[pos]
    length = _run(src, pos, marker) - pos
    if length < MIN_MARKERS:
        return False
    params = src[pos + length : maximum]
    if marker == "`" and marker in params:
        return False
    if silent:
        return True
    line, closed = _closing_line(state, start, end, marker, length)
    state.line = line + 1 if closed else line
    token = state.push("fence", "code", 0)
    token.info = params
    token.content = state.getLines(start + 1, line, state.sCount[start], True)
    token.markup = src[pos : pos + length]
    token.map = [start, state.line]
    return True


def _run(src: str, pos: int, marker: str) -> int:
    """StateBlock.skipCharsStr: the position after the run of `marker` at `pos`."""
    size = len(src)
    while pos < size and src[pos] == marker:
        pos += 1
    return pos


def _closing_line(
    state: StateBlock, start: int, end: int, marker: str, length: int
) -> tuple[int, bool]:
    """(line, True) for the line that closes the fence; (line, False) for the line an unclosed
    fence stops before (a line less indented than the block, the end of the source or `end`)."""
    src, begins, shifts = state.src, state.bMarks, state.tShift
    ends, counts, indent = state.eMarks, state.sCount, state.blkIndent
    code, size = state._code_enabled, len(src)
    for line in range(start + 1, end):
        pos = begins[line] + shifts[line]
        maximum = ends[line]
        if (pos < maximum and counts[line] < indent) or pos >= size:
            return line, False  # pos past the source: markdown-it's IndexError
        if src[pos] != marker or (code and counts[line] - indent >= CODE_INDENT):
            continue
        after = _run(src, pos, marker)
        if after - pos < length:
            continue
        while after < size and src[after] in (" ", "\t"):  # StateBlock.skipSpaces
            after += 1
        if after >= maximum:
            return line, True
    return max(end, start + 1), False


def fence_plugin(md: MarkdownIt) -> None:
    """Use before `dispatch_plugin`."""
    (alt,) = [rule.alt for rule in md.block.ruler.__rules__ if rule.name == "fence"]
    md.block.ruler.at("fence", fence, {"alt": alt})
