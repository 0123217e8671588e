"""The method-page lints: each tab's call model (spec.calls) against the page's own facts.

Kinds: `method`, `param-unknown`, `param-case`, `param-structure`, `param-type`,
`param-required-missing` (lint_params.py), `auth-mode`, `response-shape`, `tabs-disagree`,
`wrong-sdk` and `mixed-block`. One problem shared by several tabs of a block is one finding, at the
first tab, naming the others. Each message says what the tab does, what the page says, and the fix.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from generator.check.lint import mixed_block_findings, same_method
from generator.check.lint_params import Issue, missing_required, param_issues
from generator.check.lint_response import response_issues
from generator.check.lint_tabs import disagreeing_tabs, sdk_issue
from generator.check.report import Finding
from generator.memo import last_answer
from generator.render.interface import is_interface_method
from generator.spec.method import MethodSpec, TabCall
from generator.spec.parts import ExampleBlock, Tab
from generator.targets import Targets

LabelTargets = Callable[[str], str | None]
OAUTH = frozenset({"oauth-body", "oauth-query", "oauth-header"})
# tutorials walk through a scenario: their blocks call the methods around the one they are about
SCENARIO_PAGES = ("tutorials/",)
FIELD_LIST_LINK = re.compile(r"\[[^\]]*(?:пол[еяю]|fields?\b)[^\]]*\]\([^)#]+\.md", re.I)


def method_page_lint(
    path: str, spec: MethodSpec, targets: LabelTargets, registry: Targets
) -> list[Finding]:
    found: list[Finding] = []
    for index, block in enumerate(spec.examples):
        if block.skipped:
            continue
        found += mixed_block_findings(path, block, registry)
        calls = [c for c in spec.calls if c.block == index and not block.tabs[c.tab].skipped]
        located: list[tuple[Issue, TabCall, int]] = []
        for call in calls:
            line = call_line(block.tabs[call.tab], call)
            issues = tab_issues(spec, path, call, block, (targets, registry))
            located += [(issue, call, line) for issue in issues]
        found += grouped(path, located)
        found += disagreeing_tabs(path, spec, calls, block)
    return sorted(found)


def tab_issues(
    spec: MethodSpec,
    path: str,
    call: TabCall,
    block: ExampleBlock,
    labels: tuple[LabelTargets, Targets],
) -> Iterator[Issue]:
    sdk = sdk_issue(call, block, *labels)
    if sdk is not None:
        yield sdk
    yield from auth_issues(spec, call)
    if not call.readable or not call.method or call.style == "batch":
        return
    if call.style == "interface" and not is_interface_method(spec.method):
        return  # a REST method page's widget code (a tutorial's placement command) is no call of it
    if not same_method(call.method, spec.method):
        also = block.tabs[call.tab].calls  # a helper call first (crm.catalog.list), then ours
        if not (
            spec.method.startswith("batch")
            or path.startswith(SCENARIO_PAGES)
            or any(same_method(m, spec.method) for m in also)
        ):
            yield Issue(
                "method",
                call.method,
                f"calls `{call.method}`; the page documents `{spec.method}`; "
                f"fix: call `{spec.method}`",
            )
        return
    issues = param_issues(call, spec.params, subset=fields_listed_elsewhere(spec))
    yield from issues
    # alternative call forms (tables under `2. Через …`) land as orphans: required is per form
    alternatives = any(d.code == "W-PARAM-TABLE-ORPHAN" for d in spec.diagnostics)
    wrapped = any(i.kind == "param-structure" for i in issues)  # the keys are there, wrapped
    step = block.indent > 0  # a block in a numbered step shows that step's partial call
    for param in [] if alternatives or wrapped or step else missing_required(call, spec.params):
        yield Issue(
            "param-required-missing",
            param.name,
            f"does not pass `{param.name}`; the parameter table marks it required (line "
            f"{param.line}); fix: pass `{param.name}`",
        )
    if call.style == "single" and not step:
        yield from response_issues(call, spec.response)


@last_answer  # every tab of a page asks
def fields_listed_elsewhere(spec: MethodSpec) -> bool:
    """A note after the parameter tables links the full field list (`[Описание всех полей
    задачи](./fields-rest-v3.md)`): the sub-tables list only some of the fields."""
    if not spec.params:
        return False
    start = min(p.line for p in spec.params)
    end = min((b.span.start for b in spec.examples), default=start)
    return any(start < n.line < end and FIELD_LIST_LINK.search(n.text) for n in spec.notes)


def auth_issues(spec: MethodSpec, call: TabCall) -> Iterator[Issue]:
    label = call.label.casefold()
    if spec.auth.app_only and call.auth == "webhook":
        said = f" (line {spec.auth.line})" if spec.auth.line else ""
        yield Issue(
            "auth-mode",
            "webhook-on-app-only",
            f"calls through an incoming webhook; the page says the method works only in an "
            f"application context{said}; fix: remove the tab or call with an OAuth token",
        )
    elif "webhook" in label and call.auth in OAUTH:
        yield Issue(
            "auth-mode",
            "oauth-under-webhook",
            f"sends an OAuth token ({call.auth}) under a webhook label; fix: call the webhook "
            "URL (`/rest/<user>/<code>/<method>`) or relabel the tab `cURL (OAuth)`",
        )
    elif "oauth" in label and call.auth == "webhook":
        yield Issue(
            "auth-mode",
            "webhook-under-oauth",
            "calls a webhook URL under an OAuth label; fix: call `/rest/<method>` with "
            '`"auth"` set to the access token or relabel the tab `cURL (Webhook)`',
        )
    elif "oauth" in label and call.auth == "none":
        yield Issue(
            "auth-mode",
            "no-token-under-oauth",
            "sends no access token (no `auth` in the body or the query, no Authorization "
            "header): the portal answers 401 NO_AUTH_FOUND; fix: add "
            '`"auth": "**put_access_token_here**"` to the body',
        )


def call_line(tab: Tab, call: TabCall) -> int:
    """The page line of the call's params literal, else of its fence, else of the tab label."""
    if call.fence == 0:
        fence_line = tab.code_span.start if tab.code_span else None
    else:
        fence_line = tab.more_fences[call.fence - 1].span.start
    if fence_line is None:
        return tab.span.start
    return fence_line + (call.params_span.line if call.params_span else 1)


def grouped(path: str, located: list[tuple[Issue, TabCall, int]]) -> list[Finding]:
    """One finding per (kind, message) in a block: at the first tab, naming the others."""
    groups: dict[tuple[str, str], list[tuple[TabCall, int]]] = defaultdict(list)
    for issue, call, line in located:
        groups[(issue.kind, issue.message)].append((call, line))
    found: list[Finding] = []
    for (kind, message), where in groups.items():
        (first, line), others = where[0], [c.label for c, _ in where[1:]]
        also = f" (also {', '.join(others)})" if others else ""
        found.append(Finding(path, line, kind, first.label, message + also))
    return found
