"""Which REST methods, SDK functions and events a tab's code calls.

Which SDK the code is written against is the target registry's job (generator/targets.py).
"""

from __future__ import annotations

import re

# Each pattern with the literal texts one of which must occur for it to match: a substring test
# is far cheaper than a regex pass that cannot anchor on a literal (most tabs hold one SDK's code).
# A pattern opens with its literal and checks what precedes it by a lookbehind after the literal
# (`method(?<!\wmethod)` is `\bmethod`): the regex engine then skips ahead to the literal (or to
# its first characters) instead of trying the pattern at every position.
METHOD_CALLS: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    (
        ("/rest/",),
        re.compile(
            r"/rest/(?:api/)?(?:[^/\s\"'?]+/[^/\s\"'?]+/)?(?P<m>[a-zA-Z]\w*(?:\.\w+)+?)(?:\.json)?(?=[\s\"'?]|$)",
            re.M,
        ),
    ),
    (  # callMethod, callListMethod, ->call, ::call, Call: their shared `all` first
        ("all",),
        re.compile(
            r"all(?:(?<=call)(?:Method|ListMethod)|(?<=->call)|(?<=::call)|(?<=Call))"
            r"\s*\(\s*(?:ctx\s*,\s*)?['\"](?P<m>[a-zA-Z]\w*(?:\.\w+)+)['\"]"
        ),
    ),
    (("method",), re.compile(r"method(?<!\wmethod)\s*:\s*['\"](?P<m>[a-zA-Z]\w*(?:\.\w+)+)['\"]")),
    (("restCommand",), re.compile(r"\brestCommand\s*\(\s*['\"](?P<m>[a-zA-Z]\w*(?:\.\w+)+)['\"]")),
    (("client.",), re.compile(r"client(?<!\wclient)\.(?P<m>(?!Core\b)[a-z]\w*(?:\.\w+)+)\s*\(")),
    (
        ("fetchListMethod",),
        re.compile(
            r"ListMethod(?<=fetchListMethod)"
            r"\s*\(\s*(?:ctx\s*,\s*)?['\"](?P<m>[a-zA-Z]\w*(?:\.\w+)+)['\"]"
        ),
    ),
]
# One pattern per SDK global, searched only when the code names it: each opens with the whole name
# (the engine skips ahead to it, where one pattern for the four could only skip to a B, C or $).
# No two match at one place, and none inside another's match: each opens with another name.
FUNCTION_CALLS: list[tuple[str, re.Pattern[str]]] = [
    ("BX24", re.compile(r"(?P<f>BX24(?<![\w.$]BX24)(?:\.\w+)+)\s*[(<]")),
    ("$b24", re.compile(r"(?P<f>\$b24(?<![\w.$]\$b24)(?:\.\w+)+)\s*[(<]")),
    ("B24Js", re.compile(r"(?P<f>B24Js(?<![\w.$]B24Js)\.\w+)\s*[(<]")),
    ("CRest", re.compile(r"(?P<f>CRest::(?<![\w.$]CRest::)\w+)\s*[(<]")),
]
EVENT_REFERENCES: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    (("bindEvent",), re.compile(r"bindEvent\s*\(\s*['\"](?P<e>[^'\"]+)['\"]")),
    (
        ("event", "EVENT", "PLACEMENT"),
        re.compile(
            # a quote before the key would only move the match's start, never `e`: left out
            r"(?:e(?<!\we)vent|E(?<!\wE)VENT|P(?<!\wP)LACEMENT)['\"]?\s*(?:=>|:|=)\s*"
            r"['\"](?P<e>[^'\"*]+)['\"]"
        ),
    ),
]


def called_methods(code: str) -> list[str]:
    """REST methods and SDK functions in order of first appearance."""
    found: dict[int, str] = {}
    for anchors, pattern in METHOD_CALLS:
        if _names_any(code, anchors):
            for match in pattern.finditer(code):
                found.setdefault(match.start("m"), match["m"])
    for anchor, pattern in FUNCTION_CALLS:
        if anchor in code:
            for match in pattern.finditer(code):
                found.setdefault(match.start("f"), match["f"])
    return _unique(found)


def referenced_events(code: str) -> list[str]:
    found: dict[int, str] = {}
    for anchors, pattern in EVENT_REFERENCES:
        if _names_any(code, anchors):
            for match in pattern.finditer(code):
                found.setdefault(match.start("e"), match["e"])
    return _unique(found)


def _names_any(code: str, anchors: tuple[str, ...]) -> bool:
    for anchor in anchors:  # noqa: SIM110 - any() would make a generator per tab and pattern
        if anchor in code:
            return True
    return False


def _unique(found: dict[int, str]) -> list[str]:
    """The names in order of their positions, each once."""
    return list(dict.fromkeys(found[k] for k in sorted(found))) if found else []
