"""Method templates against the docs' own tabs, byte for byte: the share per label, RU and the EN
sample, and every remaining difference named by class (tests/method_fidelity.py says how a class
is decided). Changing a template or the extractor moves these numbers: update them on purpose.

What the classes mean for each label (RU, measured 2026-12-04):
- cURL (Webhook) / cURL (OAuth), PHP CRest: each tab is rendered in its own layout (TabCall.layout,
  generator/layout/curl.py and php.py: continuation indent, headers, JSON/array shape, quotes,
  line-end comments, URL spelling, the OAuth token's place, CRest's lines before and after the
  call), so what is left is not style. `params values`: the tab sends other data than the block's
  canonical call (keys in another case than the table, other keys, other values: facts a layout may
  not carry; or a value the shell computes, `$(date …)`, which a rendered tab shows as a
  placeholder: render/canonical.py `shown_params`). `call not read` (cURL): commands whose lines do
  not join (a slash where the line-continuing backslash belongs, a comment after it) or that build
  the body in shell variables. `before the call` (cURL): the `curl` word missing. `not rendered`: a
  webhook tab on an app-only method. `auth + params layout + after the call` (cURL): the webhook and OAuth
  tabs swapped (the URL and the token are the other tab's). The rest of `params layout` is hand
  formatting no layout key describes (`\\u003E` escapes, comments on lines of their own, keys
  aligned by hand, one container's items at two indents). Without the classes that are facts or
  broken commands the ceilings are 88.0% (Webhook), 89.7% (OAuth) and 90.2% (CRest): 90% is out of
  reach for the cURL tabs and a few tabs away for CRest. `auth` (a fact): the tab authenticates
  otherwise than its label: the swapped tabs above, and 8 OAuth tabs that send no token at all.
- Go: the generator family is reproduced (80%); `after the call` is mostly which struct fields a
  loop prints (1 or 2; not decidable from the page) and hand-edited tabs.
- JS (TS), JS (UMD): the template renders the scaffold and the call; what each page writes by hand
  is carried as slots (generator/layout/js.py: the TS result types and `call.make<…>` argument,
  the UMD helper's name, the result variable and the lines that use it, the list-call note, the
  params literal's shape, the list-call note's page size and variant). `params values` (306 TS,
  303 UMD) is the tab's own sample values (TS: 254 strings worded otherwise: English on RU pages,
  where the block's other tabs write Russian; 21 keys in another case than the table, 16 values
  of another type, 12 other keys, 3 other values); a slot may not carry those (exact mode must
  see a changed call), so 80% is out of reach: with every other class fixed TS would be at 79.6%.
  `params layout`: key order, aligned or own-line comments, `</` unescaped, `15900.00`;
  `before the call`: a TODO comment, a three-line list-call note, v2 helpers named for a v3 call.
- PHP, BX24.js: the call scaffolding is the template, but the result handling (PHP's `echo` idiom
  and error message, BX24.js's callback idiom) is written by hand per page, so these labels
  default to the `call` drift mode: a tab drifts when its call does, not its prose-like code.
- Python: `params values`: the Python tabs carry their own sample values.
"""

from __future__ import annotations

import pytest

from tests.corpus import CORPUS_EN, CORPUS_RU, need
from tests.method_fidelity import TabResult, classes, compare_specs, shares
from tests.test_method_corpus import method_pages, read_specs


@pytest.fixture(scope="module")
def ru_results() -> list[TabResult]:
    root = need(CORPUS_RU)
    return list(compare_specs(read_specs(root, method_pages(root))))


@pytest.fixture(scope="module")
def en_results() -> list[TabResult]:
    root = need(CORPUS_EN)
    return list(compare_specs(read_specs(root, method_pages(root), includes=False)))


def test_ru_byte_exact_share_per_label(ru_results: list[TabResult]) -> None:
    assert shares(ru_results) == RU_SHARES
    assert {label: classes(ru_results, label) for label in RU_SHARES} == RU_CLASSES


def test_en_sample_byte_exact_share_per_label(en_results: list[TabResult]) -> None:
    assert shares(en_results) == EN_SHARES
    assert {label: classes(en_results, label) for label in EN_SHARES} == EN_CLASSES


def test_every_difference_is_classified(ru_results: list[TabResult]) -> None:
    known = {"params layout", "params values", "whitespace", "before the call", "after the call"}
    known |= {"call not read", "not rendered", "auth"}
    for result in ru_results:
        if result.difference != "exact":
            assert set(result.difference.split(" + ")) <= known, result


def test_the_goals(ru_results: list[TabResult]) -> None:
    """Issue 11's aims, as far as they are met: Go reaches 80%; the cURL and CRest labels stop at
    the page styles listed above (their `call`-mode drift is what check reports)."""
    share = {label: exact / total for label, (exact, total) in shares(ru_results).items()}
    assert share["Go"] >= 0.80
    # JS (TS) / JS (UMD): 77%; the rest is mostly the tabs' own sample values (see above)
    assert share["JS (TS)"] > 0.76 and share["JS (UMD)"] > 0.77
    # issue 11 asks 90%: the cURL and CRest tabs render in their own layout and stop short of it
    # at the classes above that are facts (other params) or broken commands, not style
    assert share["cURL (Webhook)"] > 0.86 and share["cURL (OAuth)"] > 0.88
    assert share["PHP CRest"] > 0.88


RU_SHARES: dict[str, tuple[int, int]] = {
    "cURL (Webhook)": (1362, 1581),
    "cURL (OAuth)": (1482, 1674),
    "JS (TS)": (1160, 1497),
    "JS (UMD)": (1160, 1492),
    "PHP": (0, 1694),
    "BX24.js": (0, 1660),
    "PHP CRest": (1464, 1647),
    "Python": (169, 341),
    "Go": (1299, 1614),
}
RU_CLASSES: dict[str, dict[str, int]] = {
    "cURL (Webhook)": {
        "params values": 82,
        "call not read": 42,
        "before the call": 22,
        "not rendered": 16,
        "auth + params layout + after the call": 12,
        "params layout": 11,
        "params layout + before the call": 8,
        "params values + whitespace": 6,
        "whitespace": 6,
        "params values + before the call + after the call": 5,
        "params values + after the call": 4,
        "before the call + after the call": 3,
        "after the call": 2,
    },
    "cURL (OAuth)": {
        "params values": 54,
        "call not read": 49,
        "auth + params layout + after the call": 24,
        "before the call": 20,
        "params layout + before the call": 9,
        "params layout": 7,
        "auth + params layout": 6,
        "params values + after the call": 5,
        "params values + before the call + after the call": 5,
        "params values + whitespace": 5,
        "auth + params layout + before the call": 2,
        "auth + params values + after the call": 2,
        "before the call + after the call": 2,
        "whitespace": 2,
    },
    "JS (TS)": {
        "params values": 301,
        "params layout": 12,
        "after the call": 4,
        "params values + before the call + after the call": 4,
        "before the call": 3,
        "before the call + after the call": 3,
        "call not read": 3,
        "params layout + after the call": 2,
        "params layout + before the call + after the call": 2,
        "params values + after the call": 2,
        "params values + before the call": 1,
    },
    "JS (UMD)": {
        "params values": 291,
        "params layout": 12,
        "params values + before the call": 11,
        "before the call": 4,
        "after the call": 3,
        "before the call + after the call": 3,
        "call not read": 2,
        "params layout + after the call": 2,
        "params values + after the call": 2,
        "params values + before the call + after the call": 1,
        "whitespace": 1,
    },
    "PHP": {
        "params layout + after the call": 925,
        "after the call": 425,
        "params layout + before the call + after the call": 107,
        "params values + after the call": 90,
        "call not read": 71,
        "params values + before the call + after the call": 56,
        "before the call + after the call": 14,
        "params layout": 6,
    },
    "BX24.js": {
        "params layout + after the call": 544,
        "after the call": 416,
        "params layout + before the call + after the call": 278,
        "before the call + after the call": 142,
        "params values + before the call + after the call": 102,
        "params values + after the call": 70,
        "params layout + before the call": 31,
        "before the call": 30,
        "call not read": 12,
        "params values + before the call": 12,
        "params layout + whitespace": 11,
        "whitespace": 11,
        "params values + whitespace": 1,
    },
    "PHP CRest": {
        "params values": 136,
        "params layout": 12,
        "call not read": 11,
        "params values + before the call + after the call": 5,
        "whitespace": 5,
        "params layout + whitespace": 4,
        "params values + after the call": 3,
        "params values + before the call": 3,
        "params layout + after the call": 2,
        "params values + whitespace": 2,
    },
    "Python": {
        "params values": 79,
        "params layout": 37,
        "params values + before the call + after the call": 15,
        "after the call": 12,
        "whitespace": 9,
        "params layout + before the call + after the call": 8,
        "params values + whitespace": 4,
        "params layout + after the call": 3,
        "params values + before the call": 3,
        "params layout + whitespace": 2,
    },
    "Go": {
        "after the call": 193,
        "params values": 75,
        "params layout": 25,
        "params values + after the call": 11,
        "params layout + after the call": 6,
        "whitespace": 5,
    },
}

EN_SHARES: dict[str, tuple[int, int]] = {
    "cURL (Webhook)": (13, 17),
    "cURL (OAuth)": (15, 19),
    "JS (TS)": (11, 16),
    "JS (UMD)": (11, 16),
    "PHP": (0, 19),
    "BX24.js": (0, 18),
    "PHP CRest": (12, 16),
    "Python": (0, 2),
    "Go": (14, 19),
}
EN_CLASSES: dict[str, dict[str, int]] = {
    "cURL (Webhook)": {"params values": 3, "before the call": 1},
    "cURL (OAuth)": {"params values": 3, "before the call": 1},
    "JS (TS)": {"params values": 4, "params values + after the call": 1},
    "JS (UMD)": {"params values": 4, "params values + after the call": 1},
    "PHP": {
        "params layout + after the call": 9,
        "after the call": 3,
        "params layout + before the call + after the call": 3,
        "call not read": 2,
        "before the call + after the call": 1,
        "params values + after the call": 1,
    },
    "BX24.js": {
        "params layout + after the call": 10,
        "after the call": 3,
        "params values + after the call": 2,
        "before the call + after the call": 1,
        "params layout + before the call": 1,
        "params layout + before the call + after the call": 1,
    },
    "PHP CRest": {"params values": 2, "call not read": 1, "params layout + whitespace": 1},
    "Python": {"after the call": 1, "params values": 1},
    "Go": {"params values": 3, "after the call": 1, "params values + after the call": 1},
}
