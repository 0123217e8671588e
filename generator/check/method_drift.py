"""The `call` drift mode: a tab drifts when the call it makes is not the canonical call.

Keys compare case-insensitively (the portal reads `ID` and `id` alike; the `param-case` lint
names a spelling the table does not use), so a drift finding is a difference in what is sent.

The page's tab and the rendered tab are both read by the call-model readers (`generator.calls`), so
the two calls are compared in the same representation (a Python tab's keyword arguments against the
rendered Python tab's). A tab drifts when the method or the parameters differ; comments, layout and
result handling are the page's own. Sync rewrites only the parameters literal (`params_span`) with
the rendered one, in the rendered literal's style, re-indented to the page's line: every byte
outside that literal's lines stays. A tab whose call is not readable (or whose rendered call is
not) is never drift in this mode: the readable-call share is reported by the call-model tests.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from generator.calls import CallModel, Json, read_call
from generator.calls.model import EXPR

if TYPE_CHECKING:
    from generator.check.report import Finding
    from generator.rewrite import Edit
    from generator.spec.parts import Tab

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")  # a string the portal reads as a number


@dataclass(frozen=True, slots=True)
class CallDrift:
    """How a tab's call differs from the canonical one (`what`), with both models."""

    what: str
    page: CallModel
    rendered: CallModel


def read_tab_call(code: str, label: str, lang: str | None) -> CallModel:
    return read_call(code, label=label, fence_lang=lang)


def call_drift(
    tab_code: str, tab_lang: str | None, label: str, rendered: str, lang: str
) -> CallDrift | None:
    """None when the tab calls what the render calls (or either call is not readable)."""
    page = read_tab_call(tab_code, label, tab_lang or lang)
    mine = read_tab_call(rendered, label, lang)
    if not (page.readable and mine.readable):
        return None
    what = _difference(page, mine)
    return CallDrift(what, page, mine) if what else None


def _difference(page: CallModel, rendered: CallModel) -> str | None:
    if _method_key(page) != _method_key(rendered):
        wanted = _method_key(rendered)
        if any(_key(other, page.language) == wanted for other in page.calls):
            return None  # a block of several calls (list, then add): the vote took another one
        return f"calls `{page.method}`, the canonical call is `{rendered.method}`"
    left, right = comparable(page.params), comparable(rendered.params)
    if same_shape(left, right):
        return None
    return params_difference(left, right)


def _method_key(call: CallModel) -> str | None:
    return None if call.method is None else _key(call.method, call.language)


def _key(method: str, language: str) -> str:
    """REST method names are case-insensitive (`getList`, `getlist`); b24pysdk spells camelCase
    segments in snake_case (`force_common_scope_for_all`) and a keyword segment as `import_`."""
    return method.replace("_", "").lower() if language == "python" else method.lower()


def comparable(params: Json) -> Json:
    """The params as the call mode compares them: `start: 0` (the first page, what every list
    method does without it) left out; an empty list is an empty object (PHP writes both `[]`)."""
    if params == []:
        return {}
    if isinstance(params, dict):
        return {k: v for k, v in params.items() if not (k == "start" and v in (0, "0"))}
    return params


def same_shape(page: Json, canonical: Json) -> bool:
    """The same keys at every depth and the same kinds of values. Sample values are the tab's
    own (JS tabs keep English strings on RU pages); a computed value or a `**placeholder**`
    stands for any value; a positional list matches an object with the same values in order
    (the deprecated task.item.* methods take both). Most tabs pass the canonical params
    themselves: the same JSON text is the same shape without the walk (the walk is reflexive,
    and JSON tells `true` from `1` as `_kind` does)."""
    return same_shape_as(page, canonical, as_json(canonical))


def same_shape_as(page: Json, canonical: Json, canonical_json: str) -> bool:
    """`same_shape` with the canonical side's `as_json` text made beforehand (once a block)."""
    return as_json(page) == canonical_json or _same_shape(page, canonical)


def as_json(value: Json) -> str:
    """`json.dumps(value, sort_keys=True, ensure_ascii=False)`, by one encoder made beforehand
    (dumps makes one a call for these options: a tab's share of the cost)."""
    return SORTED_JSON.encode(value)


SORTED_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _same_shape(page: Json, canonical: Json) -> bool:
    if _is_free(page) or _is_free(canonical):
        return True
    if isinstance(page, list) and isinstance(canonical, dict):
        return _same_shape(page, list(canonical.values()))
    if isinstance(page, dict) and isinstance(canonical, dict):
        mine, theirs = _by_folded(page), _by_folded(canonical)
        return set(mine) == set(theirs) and all(
            _same_shape(page[mine[k]], canonical[theirs[k]]) for k in mine
        )
    if isinstance(page, list) and isinstance(canonical, list):
        if not page or not canonical:
            return True
        return len(page) == len(canonical) and all(
            _same_shape(a, b) for a, b in zip(page, canonical, strict=True)
        )
    return _kind(page) == _kind(canonical)


def _by_folded(mapping: dict[str, Json]) -> dict[str, str]:
    """Keys by their case-folded spelling: a key the table spells in another case is the same
    key to the portal; `param-case` (check/lint_params.py) reports the spelling."""
    return {key.casefold(): key for key in mapping}


def _is_free(value: Json) -> bool:
    if isinstance(value, dict):
        return list(value) == [EXPR]
    return isinstance(value, str) and value.startswith("**") and value.endswith("**")


def _kind(value: Json) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str) and NUMBER.fullmatch(value):
        return "number"  # the portal reads "123" as 123
    return type(value).__name__


def params_difference(page: Json, canonical: Json, path: str = "") -> str:
    """One sentence naming the first difference of shape: keys extra or missing, then the first
    value of another kind, depth first."""
    where = f" at `{path}`" if path else ""
    if isinstance(page, dict) and isinstance(canonical, dict) and not _is_free(page):
        mine, theirs = _by_folded(page), _by_folded(canonical)
        extra = [k for k in page if k.casefold() not in theirs]
        missing = [k for k in canonical if k.casefold() not in mine]
        if extra or missing:
            parts = [f"passes {_names(extra)}"] if extra else []
            parts += [f"lacks {_names(missing)}"] if missing else []
            return f"params differ{where}: " + "; ".join(parts)
        for key in canonical:
            own = page[mine[key.casefold()]]
            if not same_shape(own, canonical[key]):
                return params_difference(own, canonical[key], f"{path}.{key}".lstrip("."))
    return f"params differ{where}: {_short(page)} → {_short(canonical)}"


def _names(keys: list[str]) -> str:
    return ", ".join(f"`{k}`" for k in keys)


def _short(value: object, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def params_edit(page_lines: list[str], tab: Tab, drift: CallDrift, rendered: str) -> Edit | None:
    """Replace the page's params literal with the rendered one; None when it cannot be placed
    (no closed fence, no span on either side)."""
    from generator.rewrite import Edit

    old, new = drift.page.params_span, drift.rendered.params_span
    if tab.code_span is None or old is None or new is None:
        return None
    literal = _reindented(rendered, new.start, new.end, _base_indent(tab.code, old.start))
    first = tab.code_span.start + old.line  # the page line of the span's first code line
    last = first + tab.code[old.start : old.end].count("\n")
    head = _line_start(tab.code, old.start)
    tail = _line_end(tab.code, old.end)
    code_text = tab.code[head : old.start] + literal + tab.code[old.end : tail]
    pad = _page_pad(page_lines[first - 1], tab.code[head : _line_end(tab.code, old.start)])
    lines = tuple(pad + line if line.strip() else "" for line in code_text.split("\n"))
    return Edit(first, last, lines)


def _line_start(code: str, at: int) -> int:
    return code.rfind("\n", 0, at) + 1


def _line_end(code: str, at: int) -> int:
    end = code.find("\n", at)
    return len(code) if end < 0 else end


def _base_indent(code: str, at: int) -> str:
    line = code[_line_start(code, at) : _line_end(code, at)]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _reindented(code: str, start: int, end: int, page_indent: str) -> str:
    """The rendered literal with its continuation lines moved from the rendered line's indent to
    the page line's."""
    base = _base_indent(code, start)
    lines = code[start:end].split("\n")
    moved = [lines[0]]
    for line in lines[1:]:
        moved.append(page_indent + line[len(base) :] if line.startswith(base) else line)
    return "\n".join(moved)


def _page_pad(page_line: str, code_line: str) -> str:
    """What the page puts before the tab's code on a line (the fence's indentation)."""
    return page_line[: len(page_line) - len(code_line)] if page_line.endswith(code_line) else ""


class RenderedCall(Protocol):
    """What `call` mode reads of an expected tab (`render/tab.py: ExpectedTab`)."""

    @property
    def lang(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def call_code(self) -> str: ...


def plan_call_tab(
    path: str, page_lines: list[str], tab: Tab, expected: RenderedCall, *, rewrite: bool
) -> tuple[Finding | None, Edit | None]:
    """The `call`-mode finding of one tab and, when asked, the edit of its params literal.
    `expected` is the profile's tab (`render/tab.py: ExpectedTab`), in the page tab's layout."""
    from generator.check.report import Finding

    drift = call_drift(tab.code, tab.lang, tab.label, expected.call_code, expected.lang)
    if drift is None:
        return None, None
    span = drift.page.params_span
    line = tab.span.start
    if tab.code_span is not None and span is not None:
        line = tab.code_span.start + span.line
    finding = Finding(path, line, "drift", tab.label, drift.what)
    if not rewrite:
        return finding, None
    rendered = expected.code  # the literal to write is the formatted one
    if rendered != expected.call_code:
        drift = call_drift(tab.code, tab.lang, tab.label, rendered, expected.lang) or drift
    return finding, params_edit(page_lines, tab, drift, rendered)
