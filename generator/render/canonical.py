"""The canonical call of an example block: what every tab of the block should call, with what.

- The method: the tabs' majority (a cURL tab breaks a tie), else the page's method.
- The parameter values: the tabs' consensus. Each readable tab that calls that method votes with
  its params; the most common params win, a cURL tab's params break a tie. Python tabs do not vote
  (b24pysdk takes snake_case keyword arguments, not the REST keys).
- The parameter names: the table decides. A key spelled differently from a documented name only by
  case takes the table's spelling (at every depth the table documents).
- The REST version: `/rest/api/` (3) when the page or the block's cURL tabs say so, else 2.

Event pages have no block to vote: their subscription example is the `event.bind` call
(`generator.render.model.subscription_call`), rendered through event.bind's own constraints.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.calls.model import EXPR
from generator.memo import last_answer
from generator.render.casing import snake
from generator.render.interface import is_interface_method
from generator.render.literals import placeholder_text
from generator.spec.method import MethodSpec, Param, TabCall
from generator.spec.parts import Json

CURL_SDK = "curl"
WEBHOOK_TARGETS = frozenset({"curl_webhook"})
NON_VOTING_SDKS = frozenset({"b24pysdk"})


@dataclass(frozen=True, slots=True)
class CanonicalCall:
    """The call every tab of a block should make. `auth` is `app` when the method needs an
    application's authorisation (no webhook), else `any`."""

    method: str
    params: Json
    auth: str
    rest_version: int
    style: str  # single | list | interface

    def as_context(self) -> dict[str, object]:
        """The general `call` of the template context (templates/CONTEXT.md) plus method extras."""
        return {
            "method": self.method,
            "params": shown_params(self.params),
            "auth": self.auth,
            "rest_version": self.rest_version,
            "style": self.style,
        }


def canonical_call(spec: MethodSpec, block: int = 0) -> CanonicalCall:
    """The canonical call of `spec.examples[block]` (a page without examples: the page's method
    with no parameters). Every tab of a page asks for it (twice): the last answer is kept."""
    return _canonical_call(spec, block)


@last_answer
def _canonical_call(spec: MethodSpec, block: int) -> CanonicalCall:
    calls = [c for c in spec.calls if c.block == block and c.readable and c.method]
    method = _vote_method(calls) or spec.method
    voters = [c for c in calls if c.method == method and c.sdk not in NON_VOTING_SDKS]
    params = _vote_params(voters)
    return CanonicalCall(
        method=method,
        params=table_names(params, spec.params),
        auth="app" if app_only(spec) else "any",
        rest_version=_rest_version(spec, calls),
        style=call_style(method),
    )


def shown_params(params: Json, key: str = "value") -> Json:
    """`params` as the templates show them: a value one tab's code computes (`$(date …)`, `$id`,
    `new Date()`) has no spelling in the other languages, so it becomes a placeholder named after
    its key (`{"$expr": "**put_begin_date**"}`), as the docs write values left to the reader."""
    if isinstance(params, dict):
        if placeholder_text(params) is not None:
            return params
        if list(params) == [EXPR]:
            return {EXPR: f"**put_{snake(key) or 'value'}**"}
        return {k: shown_params(v, k) for k, v in params.items()}
    if isinstance(params, list):
        return [shown_params(v, key) for v in params]
    return params


def call_style(method: str) -> str:
    """interface (a widget function, render/interface.py) | list | single."""
    if is_interface_method(method):
        return "interface"
    return "list" if is_list_method(method) else "single"


def is_list_method(method: str) -> bool:
    last = method.rsplit(".", 1)[-1].lower()
    return last in {"list", "getlist"}


def app_only(spec: MethodSpec) -> bool:
    """The page says the method works only in an application context (no webhook)."""
    return spec.auth.app_only or not spec.auth.webhook


def _vote_method(calls: Sequence[TabCall]) -> str | None:
    methods = Counter(c.method for c in calls if c.method)
    if not methods:
        return None
    top = max(methods.values())
    tied = [m for m, n in methods.items() if n == top]
    curl = [c.method for c in calls if c.sdk == CURL_SDK and c.method in tied]
    return curl[0] if curl else tied[0]


def _key(params: Json) -> str:
    """`json.dumps(params, ensure_ascii=False)`, by one encoder made beforehand."""
    return PLAIN_JSON.encode(params)


PLAIN_JSON = json.JSONEncoder(ensure_ascii=False)


def _vote_params(calls: Sequence[TabCall]) -> Json:
    votes = Counter(_key(c.params) for c in calls if c.params is not None)
    if not votes:
        return {}
    top = max(votes.values())
    tied = {k for k, n in votes.items() if n == top}
    chosen = next((c.params for c in calls if c.sdk == CURL_SDK and _key(c.params) in tied), None)
    if chosen is not None:
        return chosen
    return next(c.params for c in calls if c.params is not None and _key(c.params) in tied)


def table_names(params: Json, documented: Sequence[Param]) -> Json:
    """`params` with each key that matches a documented name only by case spelled as the table
    spells it; undocumented keys and values are kept as they are."""
    if not isinstance(params, dict) or not documented:
        return params
    by_fold = {p.name.casefold(): p for p in documented if not p.wildcard}
    renamed: dict[str, Json] = {}
    for key, value in params.items():
        param = by_fold.get(key.casefold())
        if param is None or any(p.name == key for p in documented):
            renamed[key] = value if param is None else table_names(value, param.children)
            continue
        renamed[param.name] = table_names(value, param.children)
    return renamed


def _rest_version(spec: MethodSpec, calls: Sequence[TabCall]) -> int:
    if spec.rest_version == 3:
        return 3
    return 3 if any(c.rest_version == 3 for c in calls if c.sdk == CURL_SDK) else 2
