"""Substrings a regular expression cannot match without: a cheap `in` test before the search.

The target signatures mostly open with `\\b` or `\\$`, so the regex engine cannot skip ahead to a
literal and tries the pattern at every position of every tab. The pattern's own parse (the
standard library's, the one `re.compile` uses) says which literal texts every match holds: when
none of one alternative set occurs in the code, the search cannot succeed. A pattern whose parse
says nothing certain (case-insensitive, backreferences, every part optional) gets no prefilter.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # typeshed knows the parser by its old public name
    import sre_constants as constants
    import sre_parse as parser
else:
    from re import _constants as constants
    from re import _parser as parser

Alternatives = tuple[str, ...]  # at least one of these occurs in every match
REPEATS = (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT)


class _Unsure(Exception):
    """The parse holds something that could make a literal optional or not literal."""


def required_literals(pattern: re.Pattern[str]) -> Alternatives | None:
    """Texts one of which every match of `pattern` contains, or None when that is not certain."""
    try:
        parsed = parser.parse(pattern.pattern, pattern.flags)
        if parsed.state.flags & re.IGNORECASE:
            return None
        return _of_sequence(parsed.data)
    except (_Unsure, re.error):
        return None


def _of_sequence(items: list[tuple[Any, Any]]) -> Alternatives | None:
    """The best of the alternative sets each item of a sequence requires (all of them hold)."""
    found: list[Alternatives] = []
    run: list[str] = []
    for op, argument in items:
        if op is constants.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            found.append(("".join(run),))
            run = []
        required = _of_item(op, argument)
        if required is not None:
            found.append(required)
    if run:
        found.append(("".join(run),))
    return max(found, key=_strength) if found else None


def _of_item(op: Any, argument: Any) -> Alternatives | None:
    if op is constants.SUBPATTERN:
        _group, add_flags, _del_flags, inner = argument
        if add_flags & re.IGNORECASE:
            raise _Unsure
        return _of_sequence(list(inner))
    if op is constants.ATOMIC_GROUP:
        return _of_sequence(list(argument))
    if op in REPEATS:
        low, _high, inner = argument
        return _of_sequence(list(inner)) if low >= 1 else None
    if op is constants.BRANCH:
        branches = [_of_sequence(list(branch)) for branch in argument[1]]
        if any(b is None for b in branches):
            return None
        return tuple(dict.fromkeys(text for b in branches if b is not None for text in b))
    return None  # anchors, classes, lookarounds, backreferences: no literal to rely on


def _strength(alternatives: Alternatives) -> tuple[int, int]:
    """A set whose shortest text is longest rules out most, then the one with fewer texts."""
    return min(len(text) for text in alternatives), -len(alternatives)
