"""Which SDK a tab's code really is, and which methods, functions and events it calls.

Labels drift (in 2024 `JS` meant BX24.js and `PHP` meant CRest), so the code's signature decides
first and the label only breaks ties.
"""

from __future__ import annotations

import re

LABEL_TARGETS: dict[str, str] = {
    "curl (webhook)": "curl_webhook",
    "curl (oauth)": "curl_oauth",
    "curl": "curl_webhook",
    "https": "curl_webhook",
    "для https:": "curl_webhook",
    "http": "curl_webhook",
    "bx24.js": "bx24_js",
    "js (ts)": "js_ts",
    "js (umd)": "js_umd",
    "js": "js_legacy",
    "javascript": "js_legacy",
    "php": "php_b24sdk",
    "php crest": "php_crest",
    "python": "python",
    "go": "go",
}

SIGNATURES: list[tuple[str, re.Pattern[str]]] = [
    ("js_umd", re.compile(r"<script\b")),
    ("js_ts", re.compile(r"\$b24\.(?:actions|placement)\b|B24Frame\b")),
    ("js_legacy", re.compile(r"\$b24\.call(?:Method|ListMethod|Batch)\b|\$b24\.fetchListMethod\b")),
    ("bx24_js", re.compile(r"\bBX24\.")),
    ("php_crest", re.compile(r"\bCRest::")),
    ("php_b24sdk", re.compile(r"\$b24Service\b|\$serviceBuilder\b|ServiceBuilderFactory")),
    ("php_legacy", re.compile(r"\brestCommand\s*\(")),
    ("go", re.compile(r"\bclient\.Core\(\)\.Call\b|\bb24\.Params\{|:=\s")),
    (
        "python",
        re.compile(r"\bfrom b24pysdk\b|\bimport b24pysdk\b|^\s*(?:except\b|try:|def )", re.M),
    ),
    ("curl", re.compile(r"^\s*(?:curl\b|-X\s+POST)", re.M)),
]

WEBHOOK_URL = re.compile(
    r"/rest/(?:api/)?(?:\*\*[^*]+\*\*|\d+|_\w+_|\w+)/(?:\*\*[^*]+\*\*|\w+)/[\w.]+"
)

# Each pattern with the literal texts one of which must occur for it to match: a substring test
# is far cheaper than a regex pass that cannot anchor on a literal (most tabs hold one SDK's code).
METHOD_CALLS: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    (
        ("/rest/",),
        re.compile(
            r"/rest/(?:api/)?(?:[^/\s\"'?]+/[^/\s\"'?]+/)?(?P<m>[a-zA-Z]\w*(?:\.\w+)+?)(?:\.json)?(?=[\s\"'?]|$)",
            re.M,
        ),
    ),
    (
        ("all", "ListMethod"),
        re.compile(
            r"(?:callMethod|callListMethod|fetchListMethod|->call|::call|Call)\s*\(\s*(?:ctx\s*,\s*)?['\"](?P<m>[a-zA-Z]\w*(?:\.\w+)+)['\"]"
        ),
    ),
    (("method",), re.compile(r"\bmethod\s*:\s*['\"](?P<m>[a-zA-Z]\w*(?:\.\w+)+)['\"]")),
    (("restCommand",), re.compile(r"\brestCommand\s*\(\s*['\"](?P<m>[a-zA-Z]\w*(?:\.\w+)+)['\"]")),
    (("client.",), re.compile(r"\bclient\.(?P<m>(?!Core\b)[a-z]\w*(?:\.\w+)+)\s*\(")),
]
FUNCTION_ANCHORS = ("BX24", "$b24", "B24Js", "CRest")
FUNCTION_CALLS = re.compile(
    r"(?<![\w.$])(?P<f>BX24(?:\.\w+)+|\$b24(?:\.\w+)+|B24Js\.\w+|CRest::\w+)\s*[(<]"
)
EVENT_REFERENCES: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    (("bindEvent",), re.compile(r"bindEvent\s*\(\s*['\"](?P<e>[^'\"]+)['\"]")),
    (
        ("event", "EVENT", "PLACEMENT"),
        re.compile(
            r"['\"]?\b(?:event|EVENT|PLACEMENT)['\"]?\s*(?:=>|:|=)\s*['\"](?P<e>[^'\"*]+)['\"]"
        ),
    ),
]


def label_target(label: str) -> str | None:
    return LABEL_TARGETS.get(re.sub(r"\s+", " ", label).strip().casefold())


def is_language_label(label: str) -> bool:
    return label_target(label) is not None


def code_target(code: str) -> str | None:
    """The SDK the code is written against, from its signature alone."""
    for target, pattern in SIGNATURES:
        if pattern.search(code):
            if target == "curl":
                return "curl_webhook" if WEBHOOK_URL.search(code) else "curl_oauth"
            return target
    return None


def decide_target(label: str, code: str) -> str:
    by_label = label_target(label)
    by_code = code_target(code)
    return by_code or by_label or "unknown"


def called_methods(code: str) -> list[str]:
    """REST methods and SDK functions in order of first appearance."""
    found: dict[int, str] = {}
    for anchors, pattern in METHOD_CALLS:
        if any(anchor in code for anchor in anchors):
            for match in pattern.finditer(code):
                found.setdefault(match.start("m"), match["m"])
    if any(anchor in code for anchor in FUNCTION_ANCHORS):
        for match in FUNCTION_CALLS.finditer(code):
            found.setdefault(match.start("f"), match["f"])
    return _unique(found[k] for k in sorted(found))


def referenced_events(code: str) -> list[str]:
    found: dict[int, str] = {}
    for anchors, pattern in EVENT_REFERENCES:
        if any(anchor in code for anchor in anchors):
            for match in pattern.finditer(code):
                found.setdefault(match.start("e"), match["e"])
    return _unique(found[k] for k in sorted(found))


def _unique(items: object) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:  # type: ignore[attr-defined]
        seen.setdefault(item, None)
    return list(seen)
