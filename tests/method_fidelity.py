"""How far the method templates reproduce the docs' tabs, and why a tab differs (test support).

Every tab of a method page whose label the templates cover is rendered from the page's own spec and
its block's canonical call, in the tab's own layout (`TabCall.layout`, read from its code by
`generator.layout`: style only, never the call), and compared byte for byte, as `check`'s exact
mode compares it. A differing tab gets one difference class,
built from what has to change to turn the render into the page's code:
- `params values` / `params layout`: the page's params literal differs (other data / same data,
  written another way: pretty-printed JSON, one-line arrays, trailing commas);
- `whitespace`: indentation or continuation lines only;
- `before the call` / `after the call`: lines before the params literal (cURL: the command and
  headers; SDKs: imports, setup, another entry point) or after it (cURL: the URL; SDKs: the result
  handling, which the docs write by hand per page);
- `not rendered`: the template refuses (a cURL (Webhook) tab on an app-only method);
- `auth`: the tab authenticates otherwise than its label's template (an OAuth tab sending no
  token, a webhook URL under the OAuth label): a fact, never style.
The parts join with `+` (`params values + after the call`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.calls import read_call
from generator.check.method_expected import tab_layout
from generator.diagnostics import DocgenError
from generator.render.method_tabs import render_method_tab
from generator.spec.method import MethodSpec

LABEL_TARGETS: Mapping[str, str] = {
    "cURL (Webhook)": "curl_webhook",
    "cURL (OAuth)": "curl_oauth",
    "JS (TS)": "js_ts",
    "JS (UMD)": "js_umd",
    "PHP": "php_b24sdk",
    "BX24.js": "bx24_js",
    "PHP CRest": "php_crest",
    "Python": "python",
    "Go": "go",
}
TARGET_LANGS = {
    "curl_webhook": "bash",
    "curl_oauth": "bash",
    "js_ts": "ts",
    "js_umd": "html",
    "php_b24sdk": "php",
    "bx24_js": "js",
    "php_crest": "php",
    "python": "python",
    "go": "go",
}


@dataclass(frozen=True, slots=True)
class TabResult:
    page: str
    block: int
    label: str
    difference: str  # "exact" or the difference class


def compare_specs(specs: Mapping[str, MethodSpec]) -> Iterator[TabResult]:
    for rel in sorted(specs):
        spec = specs[rel]
        for index, block in enumerate(spec.examples):
            for tab in block.tabs:
                target = LABEL_TARGETS.get(tab.label)
                if target is None or tab.skipped:
                    continue
                layout = tab_layout(spec, index, tab)
                try:
                    rendered = render_method_tab(
                        spec, target, block=index, label=tab.label, layout=layout
                    )
                except DocgenError:
                    yield TabResult(rel, index, tab.label, "not rendered")
                    continue
                kind = difference(tab.label, tab.code, tab.lang, rendered, TARGET_LANGS[target])
                yield TabResult(rel, index, tab.label, kind)


def shares(results: list[TabResult]) -> dict[str, tuple[int, int]]:
    """label → (byte-exact tabs, tabs)."""
    total: Counter[str] = Counter(r.label for r in results)
    exact: Counter[str] = Counter(r.label for r in results if r.difference == "exact")
    return {label: (exact[label], total[label]) for label in LABEL_TARGETS if total[label]}


def classes(results: list[TabResult], label: str) -> dict[str, int]:
    found = Counter(r.difference for r in results if r.label == label and r.difference != "exact")
    return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))


def difference(label: str, code: str, lang: str | None, rendered: str, rendered_lang: str) -> str:
    if code == rendered:
        return "exact"
    parts: list[str] = []
    base, call_line = rendered, None
    page = read_call(code, label=label, fence_lang=lang or rendered_lang)
    mine = read_call(rendered, label=label, fence_lang=rendered_lang)
    if page.readable and page.auth != mine.auth:
        parts.append("auth")  # the tab authenticates otherwise (no token, the other tab's URL)
    if page.params_span and mine.params_span:
        old, new = page.params_span, mine.params_span
        base = rendered[: new.start] + code[old.start : old.end] + rendered[new.end :]
        call_line = new.line - 1
        if code[old.start : old.end] != rendered[new.start : new.end]:
            same_data = _data(page.params) == _data(mine.params)
            parts.append("params layout" if same_data else "params values")
    if base != code:
        parts.extend(_outside(code, base, call_line))
    return " + ".join(parts)


def _data(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _outside(code: str, base: str, call_line: int | None) -> list[str]:
    if "".join(code.split()) == "".join(base.split()):
        return ["whitespace"]
    left, right = code.split("\n"), base.split("\n")
    first = next(
        (i for i, (a, b) in enumerate(zip(left, right, strict=False)) if a.strip() != b.strip()),
        min(len(left), len(right)),
    )
    tail = next(
        (
            i
            for i, (a, b) in enumerate(zip(reversed(left), reversed(right), strict=False))
            if a.strip() != b.strip()
        ),
        0,
    )
    if call_line is None:
        return ["call not read"]
    found = []
    if first < call_line:
        found.append("before the call")
    if len(right) - 1 - tail > call_line:
        found.append("after the call")
    return found or ["whitespace"]
