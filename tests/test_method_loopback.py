"""The rendered cURL examples of method specs, run for real against the loopback REST double.

The double knows every RU method spec (tests/clients_fixtures.py `contracts`: auth rule, required
params, their kinds, the response example) and answers as the portal would. Each example block of
a sample of the RU method pages (every 4th page with examples, by path; the whole corpus takes
about four times as long) and of examples/docs renders its cURL (OAuth) tab and, unless the method
is app-only, its cURL (Webhook) tab; one bash process runs them all. The double must record the
canonical call under the substituted credentials; what it refuses is the docs' own example
lacking a required parameter, counted exactly. No webhook call reaches an app-only method:
event.bind (the event pages' subscription call) has no webhook example at all.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.diagnostics import DocgenError
from generator.render.canonical import CanonicalCall, canonical_call, shown_params
from generator.render.interface import is_interface_method
from generator.render.literals import placeholder_text
from generator.render.method_tabs import render_method_tab
from generator.spec.method import MethodSpec
from generator.spec.parts import Json
from tests.clients_fixtures import contracts
from tests.corpus import CORPUS_RU, EXAMPLES_DOCS, need
from tests.support import toolchains
from tests.support.rest_double import RestDouble
from tests.test_loopback_examples import (
    _EXIT,
    _HTTP,
    ACCESS_TOKEN,
    ADDRESS,
    USER_ID,
    WEBHOOK,
    curl_script,
    split_outputs,
)
from tests.test_method_corpus import method_pages, read_specs

pytestmark = pytest.mark.toolchain
SAMPLE_EVERY = 4
VALUE_PLACEHOLDER = re.compile(r"\*\*[^*\s\"']+\*\*")


@dataclass(frozen=True)
class Run:
    where: str
    call: CanonicalCall
    auth: tuple[str, int | None, str | None, str | None]  # mode, user id, webhook code, token


@pytest.fixture(scope="module")
def ru_specs() -> dict[str, MethodSpec]:
    root = need(CORPUS_RU)
    return read_specs(root, method_pages(root))


def sample(specs: dict[str, MethodSpec]) -> list[MethodSpec]:
    with_examples = [specs[rel] for rel in sorted(specs) if specs[rel].examples]
    docs = read_specs(EXAMPLES_DOCS, method_pages(EXAMPLES_DOCS))
    chosen = with_examples[::SAMPLE_EVERY] + [s for s in docs.values() if s.examples]
    # a JS-only page documents a widget function: it has no REST call to send
    return [s for s in chosen if not is_interface_method(s.method)]


def substituted(code: str, domain: str, **values: str) -> str:
    code = code.replace(f"https://{ADDRESS}", f"http://{domain}")
    for placeholder, key in ((USER_ID, "user_id"), (WEBHOOK, "webhook"), (ACCESS_TOKEN, "token")):
        code = code.replace(placeholder, values.get(key, placeholder))
    return VALUE_PLACEHOLDER.sub("1", code)  # the docs' value placeholders (`**put_id_here**`)


def filled(params: Json) -> Json:
    """What the portal receives for `params` once the reader fills in the placeholders: a bare
    one in the cURL body (`{"$expr": "**put_id**"}`) becomes 1, a quoted one the string "1"."""
    if placeholder_text(params) is not None:
        return 1
    if isinstance(params, dict):
        return {k: filled(v) for k, v in params.items()}
    if isinstance(params, list):
        return [filled(v) for v in params]
    return VALUE_PLACEHOLDER.sub("1", params) if isinstance(params, str) else params


def plan_runs(specs: list[MethodSpec], domain: str) -> tuple[list[Run], list[str], int]:
    runs: list[Run] = []
    codes: list[str] = []
    refused = 0
    for spec in specs:
        for block in range(len(spec.examples)):
            call = canonical_call(spec, block)
            where = f"{spec.source.path}#{block}"
            n = len(runs)
            token = f"token-{n:05d}"
            codes.append(
                substituted(render_method_tab(spec, "curl_oauth", block=block), domain, token=token)
            )
            runs.append(Run(where, call, ("oauth", None, None, token)))
            try:
                webhook = render_method_tab(spec, "curl_webhook", block=block)
            except DocgenError:
                assert call.auth == "app", where
                refused += 1
                continue
            user, code = 1000 + n, f"hook{n:05d}"
            codes.append(substituted(webhook, domain, user_id=str(user), webhook=code))
            runs.append(Run(where, call, ("webhook", user, code, None)))
    return runs, codes, refused


def test_method_curl_examples_reach_the_double(
    ru_specs: dict[str, MethodSpec], tmp_path: Path
) -> None:
    bash, _ = toolchains.require("bash"), toolchains.require("curl")
    chosen = sample(ru_specs)
    with RestDouble(contracts=contracts([*ru_specs.values(), *chosen])) as double:
        runs, codes, refused = plan_runs(chosen, double.domain)
        script = tmp_path / "methods.sh"
        script.write_text(curl_script(codes), encoding="utf-8")
        env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
        done = subprocess.run(
            [str(bash), str(script)], capture_output=True, text=True, env=env, timeout=900
        )
        recorded = {(c.auth_mode, c.user_id, c.webhook_code, c.token): c for c in double.calls}
    assert done.returncode == 0, done.stderr[-4000:]
    outputs = split_outputs(done.stdout)
    answers: Counter[str] = Counter()
    failures = []
    for index, run in enumerate(runs):
        call = recorded.get(run.auth)
        output = outputs.get(index, "")
        if call is None or f"{_EXIT} {index} 0" not in output:
            failures.append(f"{run.where}: no call recorded; {output.strip()[:200]!r}")
            continue
        wanted = filled(shown_params(run.call.params))
        if (call.method, call.params) != (run.call.method, wanted or call.params):
            failures.append(f"{run.where}: {call.method} {call.params} != {run.call}")
        status = re.search(rf"{_HTTP} (\d+)", output)
        error = re.search(r'"error": "(\w+)"', output)
        answers[error[1] if error else (status[1] if status else "none")] += 1
    assert not failures, "\n".join(failures[:20])
    assert (len(chosen), len(runs), refused) == SAMPLE_SIZE
    assert dict(answers) == ANSWERS, dict(answers)


# (sampled pages, cURL calls run, app-only blocks whose webhook tab the template refuses)
SAMPLE_SIZE = (415, 833, 27)
# what the double answered: 200, or the portal's error for the docs' own example
# (ERROR_ARGUMENT: the example omits a parameter its table marks required; INVALID_ARG_VALUE: it
# passes a value of another kind than the table's type, e.g. a string list where it says object).
# 18 more were INVALID_ARG_VALUE while a computed value was sent as the call model's `{"$expr"}`
# object; it is a placeholder now (render/canonical.py `shown_params`), filled in as 1.
ANSWERS = {"200": 802, "ERROR_ARGUMENT": 25, "INVALID_ARG_VALUE": 6}


def test_event_bind_has_no_webhook_example_and_the_double_refuses_one(
    ru_specs: dict[str, MethodSpec],
) -> None:
    bind = ru_specs["api-reference/events/event-bind.md"]
    assert bind.auth.app_only and canonical_call(bind).auth == "app"
    with pytest.raises(DocgenError, match=r"event\.bind works only in an application context"):
        render_method_tab(bind, "curl_webhook")
    import urllib.error
    import urllib.request

    with RestDouble(contracts=contracts([bind])) as double:
        body = json.dumps({"event": "onCrmDealAdd", "handler": "https://example.com/h"}).encode()
        request = urllib.request.Request(double.webhook_url("event.bind"), data=body)
        request.add_header("Content-Type", "application/json")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
    assert json.loads(refused.value.read())["error"] == "WRONG_AUTH_TYPE"
