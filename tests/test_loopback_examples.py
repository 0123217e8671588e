"""Run the generated REST examples and the Python stub's `bind` against a loopback REST double.

For every REST event spec with templates (examples/docs always, the shared corpus when present):
- the cURL (Webhook) and cURL (OAuth) tabs, placeholders replaced, run for real by one bash
  process (one script eval'ing every call in turn, each call's output fenced by markers);
- the Python tab is exec'd in-process with `client` bound to a real b24pysdk webhook client
  pointed at the double;
- the generated `b24_events` package (generator.render.stubs) binds each event through real
  b24pysdk clients (webhook and OAuth) pointed at the double.
Each call the double records must be `event.bind` with the spec's `{event, handler}`, under the
auth mode and the credentials that were substituted or configured.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import io
import os
import re
import shlex
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.check.expected import has_templates
from generator.parse import parse_docs
from generator.profiles import load_profiles
from generator.render.examples import render_tab
from generator.render.stubs.files import render_stubs
from generator.spec.event import EventSpec
from tests.corpus import CORPUS_RU, EXAMPLES_DOCS, REPO, need
from tests.support import toolchains
from tests.support.rest_double import Call, RestDouble

pytestmark = pytest.mark.toolchain

ADDRESS = "**put_your_bitrix24_address**"
USER_ID = "**put_your_user_id_here**"
WEBHOOK = "**put_your_webhook_here**"
ACCESS_TOKEN = "**put_access_token_here**"
WEBHOOK_LABEL, OAUTH_LABEL, PYTHON_LABEL = "cURL (Webhook)", "cURL (OAuth)", "Python"
CURL_TIMEOUT_S = 20
STUB_PACKAGE = "b24_events"


@dataclass(frozen=True)
class Example:
    """One rendered tab of one REST event spec."""

    root: str
    spec: EventSpec
    label: str
    code: str

    @property
    def where(self) -> str:
        return f"{self.root}/{self.spec.source.path} [{self.label}]"

    @property
    def expected_params(self) -> dict[str, Any]:
        sub = self.spec.subscription
        return {"event": sub.event_name, "handler": sub.handler_url}


def load_rest_specs() -> list[tuple[str, EventSpec]]:
    """REST event specs that get tabs: examples/docs always, the corpus when present."""
    roots = [(str(EXAMPLES_DOCS.relative_to(REPO)), EXAMPLES_DOCS)]
    if CORPUS_RU.exists():
        roots.append(("corpus/ru", CORPUS_RU))
    return [
        (name, spec)
        for name, root in roots
        for spec in parse_docs(root).specs
        if spec.kind == "rest_event" and has_templates(spec)
    ]


@pytest.fixture(scope="module")
def rest_specs() -> list[tuple[str, EventSpec]]:
    specs = load_rest_specs()
    for root, spec in specs:
        sub = spec.subscription
        assert sub.method == "event.bind", f"{root}/{spec.source.path}: {sub.method}"
        assert sub.event_name and sub.handler_url, f"{root}/{spec.source.path}: {sub}"
    return specs


@pytest.fixture(scope="module")
def examples(rest_specs: list[tuple[str, EventSpec]]) -> dict[str, list[Example]]:
    """label -> the tab of every REST spec, rendered with the `current` profile's target."""
    profile = load_profiles(None).get("current")
    targets = {tab.label: tab.target for tab in profile.tabs_for("rest_event")}
    # event.bind works only in an application context: the profile has no cURL (Webhook) tab for
    # event pages, and the webhook template refuses the call (tests/test_method_loopback.py)
    assert WEBHOOK_LABEL not in targets
    wanted = (OAUTH_LABEL, PYTHON_LABEL)
    assert set(wanted) <= set(targets), f"the current profile lacks one of {wanted}: {targets}"
    return {
        label: [
            Example(root, spec, label, render_tab(spec, targets[label], label=label))
            for root, spec in rest_specs
        ]
        for label in wanted
    }


def substitute(code: str, domain: str, **values: str) -> str:
    """The snippet with the double's address and the given credentials in the placeholders."""
    assert f"https://{ADDRESS}/" in code, "the example does not call https://<portal address>/"
    code = code.replace(f"https://{ADDRESS}", f"http://{domain}")
    for placeholder, key in ((USER_ID, "user_id"), (WEBHOOK, "webhook"), (ACCESS_TOKEN, "token")):
        if key in values:
            code = code.replace(placeholder, values[key])
    leftover = re.findall(r"\*\*put_\w+\*\*", code)
    assert not leftover, f"placeholders left unsubstituted: {leftover}"
    return code


def call_problems(call: Call | None, example: Example, **auth: Any) -> list[str]:
    """What is wrong with the call the double recorded for `example` (empty: all is well)."""
    if call is None:
        return ["the double recorded no call"]
    problems = []
    if call.method != "event.bind":
        problems.append(f"method {call.method!r}, expected 'event.bind'")
    if call.params != example.expected_params:
        problems.append(f"params {call.params!r}, expected {example.expected_params!r}")
    got = {key: getattr(call, key) for key in auth}
    if got != auth:
        problems.append(f"auth {got!r}, expected {auth!r}")
    return problems


def report(title: str, failures: list[str]) -> str:
    return f"{len(failures)} {title}:\n" + "\n".join(f"  {line}" for line in failures)


# --- cURL ----------------------------------------------------------------------------------------

_BEGIN, _EXIT, _HTTP = "@@B24-BEGIN", "@@B24-EXIT", "@@B24-HTTP"
# `curl` inside the snippets becomes this function: quiet, bounded, and it appends the status.
_PRELUDE = (
    "curl() {\n"
    f"    command curl --silent --show-error --max-time {CURL_TIMEOUT_S} \\\n"
    f"        --write-out '\\n{_HTTP} %{{http_code}}\\n' \"$@\"\n"
    "}\n"
)


@dataclass(frozen=True)
class CurlRun:
    example: Example
    auth: dict[str, Any]  # what the double must record for this call


def curl_script(codes: list[str]) -> str:
    parts = [_PRELUDE]
    for index, code in enumerate(codes):
        # eval: a snippet that does not parse fails alone instead of ending the script;
        # 2>&1: curl's and bash's complaints land in the snippet's own section
        parts.append(f"printf '\\n{_BEGIN} {index}\\n'\neval {shlex.quote(code)} 2>&1\n")
        parts.append(f"printf '\\n{_EXIT} {index} %s\\n' \"$?\"\n")
    return "".join(parts)


def split_outputs(stdout: str) -> dict[int, str]:
    sections = re.split(rf"^{_BEGIN} (\d+)$", stdout, flags=re.M)
    return {int(index): text for index, text in zip(sections[1::2], sections[2::2], strict=True)}


def test_curl_examples_reach_the_double(
    rest_double: RestDouble, examples: dict[str, list[Example]], tmp_path: Path
) -> None:
    bash, _ = toolchains.require("bash"), toolchains.require("curl")
    runs: list[CurlRun] = []
    codes: list[str] = []
    for index, example in enumerate(examples.get(WEBHOOK_LABEL, [])):
        user_id, code = 1000 + index, f"hook{index:04d}"
        runs.append(
            CurlRun(
                example,
                {"auth_mode": "webhook", "user_id": user_id, "webhook_code": code, "token": None},
            )
        )
        codes.append(
            substitute(example.code, rest_double.domain, user_id=str(user_id), webhook=code)
        )
    for index, example in enumerate(examples[OAUTH_LABEL]):
        token = f"token-{index:04d}"
        runs.append(
            CurlRun(
                example,
                {"auth_mode": "oauth", "token": token, "user_id": None, "webhook_code": None},
            )
        )
        codes.append(substitute(example.code, rest_double.domain, token=token))

    script = tmp_path / "examples.sh"
    script.write_text(curl_script(codes), encoding="utf-8")
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    done = subprocess.run(
        [str(bash), str(script)], capture_output=True, text=True, env=env, timeout=600, check=False
    )
    assert done.returncode == 0, f"bash exited {done.returncode}:\n{done.stderr[-4000:]}"
    outputs = split_outputs(done.stdout)

    # Every call carries its own user id / code / token, so calls map back to runs exactly.
    recorded: dict[tuple[Any, ...], list[Call]] = {}
    for call in rest_double.calls:
        recorded.setdefault(
            (call.auth_mode, call.user_id, call.webhook_code, call.token), []
        ).append(call)

    failures: list[str] = []
    passed: Counter[str] = Counter()
    for index, run in enumerate(runs):
        auth = run.auth
        calls = recorded.get(
            (auth["auth_mode"], auth["user_id"], auth["webhook_code"], auth["token"]), []
        )
        output = outputs.get(index, "")
        problems = call_problems(calls[0] if calls else None, run.example, **auth)
        if len(calls) > 1:
            problems.append(f"{len(calls)} calls recorded, expected one")
        if f"{_HTTP} 200" not in output or f"{_EXIT} {index} 0" not in output:
            problems.append(f"curl did not succeed; its output: {output.strip()!r}")
        elif '"result": true' not in output:
            problems.append(f"unexpected reply: {output.strip()!r}")
        if problems:
            failures.append(f"{run.example.where}: " + "; ".join(problems))
        else:
            passed[run.example.label] += 1
    executed = Counter(run.example.label for run in runs)
    print()
    for label in (WEBHOOK_LABEL, OAUTH_LABEL):
        print(f"{label}: {executed[label]} executed, {passed[label]} passed")
    assert len(rest_double.calls) == len(runs), (
        f"{len(rest_double.calls)} calls for {len(runs)} runs"
    )
    assert not failures, report("cURL examples fail against the REST double", failures)


# --- Python --------------------------------------------------------------------------------------


def test_python_examples_reach_the_double(
    rest_double: RestDouble, examples: dict[str, list[Example]]
) -> None:
    toolchains.require("b24pysdk")
    from tests.support.b24pysdk_loopback import webhook_client

    client = webhook_client(rest_double)
    auth = {
        "auth_mode": "webhook",
        "user_id": rest_double.user_id,
        "webhook_code": rest_double.webhook_code,
    }
    failures: list[str] = []
    passed = 0
    for example in examples[PYTHON_LABEL]:
        assert ADDRESS not in example.code  # the client carries the portal: nothing to substitute
        before = len(rest_double.calls)
        printed = io.StringIO()
        namespace: dict[str, Any] = {"__name__": "b24_example", "client": client}
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(example.code, example.where, "exec"), namespace)
        except Exception as exc:  # the snippet catches its own errors; this is a bug in it
            failures.append(f"{example.where}: raised {type(exc).__name__}: {exc}")
            continue
        calls = rest_double.calls[before:]
        problems = call_problems(calls[0] if calls else None, example, **auth)
        if len(calls) > 1:
            problems.append(f"{len(calls)} calls recorded, expected one")
        if printed.getvalue() != "True\n":
            problems.append(f"printed {printed.getvalue()!r}, expected the result 'True'")
        if problems:
            failures.append(f"{example.where}: " + "; ".join(problems))
        else:
            passed += 1
    print(f"\n{PYTHON_LABEL}: {len(examples[PYTHON_LABEL])} executed, {passed} passed")
    assert not failures, report("Python examples fail against the REST double", failures)


# --- the generated Python stubs ------------------------------------------------------------------


@contextlib.contextmanager
def stub_package(
    folder: Path, specs: list[EventSpec], black_cache: Path | None
) -> Iterator[ModuleType]:
    """`b24_events` rendered for `specs` into `folder`, imported, and forgotten afterwards."""
    for rel, data in render_stubs(specs, cache_dir=black_cache).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    python = str(folder / "python")

    def forget() -> None:
        for name in [
            n for n in sys.modules if n == STUB_PACKAGE or n.startswith(f"{STUB_PACKAGE}.")
        ]:
            del sys.modules[name]

    forget()
    sys.path.insert(0, python)
    try:
        package = importlib.import_module(STUB_PACKAGE)
        where = Path(package.__file__ or "")
        assert where.is_relative_to(folder), f"imported {STUB_PACKAGE} from {where}"
        yield package
    finally:
        sys.path.remove(python)
        forget()


def test_python_stub_bind_reaches_the_double(
    rest_double: RestDouble,
    rest_specs: list[tuple[str, EventSpec]],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    toolchains.require("b24pysdk")
    # black's output for the stub modules, kept between runs in pytest's cache when it is on
    cache = getattr(request.config, "cache", None)
    black_cache = cache.mkdir("b24-docgen-black") if cache is not None else None
    from tests.support.b24pysdk_loopback import oauth_client, webhook_client

    clients: dict[str, tuple[Any, dict[str, Any]]] = {
        "webhook": (
            webhook_client(rest_double),
            {
                "auth_mode": "webhook",
                "user_id": rest_double.user_id,
                "webhook_code": rest_double.webhook_code,
            },
        ),
        "oauth": (
            oauth_client(rest_double, "stub-token"),
            {"auth_mode": "oauth", "token": "stub-token", "user_id": None},
        ),
    }
    by_root: dict[str, list[EventSpec]] = {}
    for root, spec in rest_specs:
        by_root.setdefault(root, []).append(spec)
    failures: list[str] = []
    passed: Counter[str] = Counter()
    # One package per docs root: examples/docs and the corpus share some event codes.
    for root, specs in by_root.items():
        with stub_package(tmp_path / root.replace("/", "-"), specs, black_cache) as b24_events:
            for spec in specs:
                example = Example(root, spec, "stub bind", "")
                info = b24_events.lookup(spec.event)
                # by event code through the webhook client, by payload class through OAuth
                for mode, event in (("webhook", spec.event), ("oauth", info.payload)):
                    client, auth = clients[mode]
                    before = len(rest_double.calls)
                    try:
                        result = b24_events.bind(client, event, spec.subscription.handler_url)
                    except Exception as exc:
                        failures.append(
                            f"{example.where} ({mode}): raised {type(exc).__name__}: {exc}"
                        )
                        continue
                    calls = rest_double.calls[before:]
                    problems = call_problems(calls[0] if calls else None, example, **auth)
                    if len(calls) != 1:
                        problems.append(f"{len(calls)} calls recorded, expected one")
                    if result is not True:
                        problems.append(f"bind returned {result!r}, expected True")
                    if problems:
                        failures.append(f"{example.where} ({mode}): " + "; ".join(problems))
                    else:
                        passed[mode] += 1
    total = len(rest_specs)
    for mode in clients:
        print(f"\nPython stub bind ({mode} client): {total} calls, {passed[mode]} passed", end="")
    print()
    assert not failures, report("stub bind calls fail against the REST double", failures)


def test_call_problems_catches_a_wrong_call(rest_specs: list[tuple[str, EventSpec]]) -> None:
    """The comparison the tests above rely on is not vacuous."""
    root, spec = rest_specs[0]
    example = Example(root, spec, "self-check", "")
    good = Call("event.bind", example.expected_params, "oauth", None, None, "t", "POST", "/rest")
    auth = {"auth_mode": "oauth", "token": "t"}
    assert call_problems(good, example, **auth) == []
    wrong_event = dict(example.expected_params, event="onSomethingElse")
    assert call_problems(dataclasses.replace(good, params=wrong_event), example, **auth)
    assert call_problems(dataclasses.replace(good, method="event.unbind"), example, **auth)
    assert call_problems(dataclasses.replace(good, token="u"), example, **auth)
    assert call_problems(None, example, **auth) == ["the double recorded no call"]


@pytest.mark.corpus
def test_corpus_was_executed(rest_specs: list[tuple[str, EventSpec]]) -> None:
    """Makes an absent corpus visible as a skip instead of silently running less."""
    need(CORPUS_RU)
    assert sum(root == "corpus/ru" for root, _ in rest_specs) > 140
