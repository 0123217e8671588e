"""The TypeScript `callMethod` executed: compiled by tsc, run by node through a real b24jssdk
`B24Hook` against the REST double over https (b24jssdk's webhook client refuses http)."""

from __future__ import annotations

from pathlib import Path

from generator.clients.model import build_scopes
from generator.clients.render import TS_FILE, render_clients
from tests.clients_fixtures import (
    FIXTURE,
    Method,
    P,
    Response,
    contracts,
    envelope,
    sample_value,
)
from tests.clients_toolchains import (
    run_ts_calls,
    tls_for_double,
)
from tests.support.rest_double import RestDouble

# b24jssdk 1.3.0 reads `"start" in params.data` before sending: a documented string `data`
# param (landing.block.changeAnchor) fails inside the SDK, and no request leaves it
STRING_DATA = Method(
    "landing.block.changeAnchor",
    scopes=("landing",),
    params=(P("lid", "integer", True), P("block", "integer", True), P("data", "string", True)),
    response=Response(envelope(True)),
)


def run(
    specs: list[Method], tmp_path: Path
) -> tuple[list[tuple[str, dict[str, object]]], list[str]]:
    context, cert = tls_for_double(tmp_path / "tls")
    models = [m for scope in build_scopes(specs) for m in scope.methods]
    calls = [(m.method, {p.key: sample_value(p.type) for p in m.required_params}) for m in models]
    with RestDouble(contracts=contracts(specs), tls=context) as double:
        outcomes = run_ts_calls(
            render_clients(specs)[TS_FILE], calls, double, cert, tmp_path / "ts"
        )
        paths = [call.path.split("?")[0] for call in double.calls]
    return outcomes, paths


def test_every_method_runs_through_b24jssdk(tmp_path: Path) -> None:
    outcomes, paths = run(FIXTURE, tmp_path)
    results = {method: outcome.get("ok") for method, outcome in outcomes}
    assert results == {
        "call.followup.list": {"items": []},
        "crm.deal.add": 11,
        "crm.deal.get": contracts(FIXTURE)["crm.deal.get"].result,
        "crm.item.list": {"items": [{"id": 1}], "total": 1},
        "event.bind": None,
        "main.eventlog.list": {"items": []},
        "user.current": {"ID": "1", "ADMIN": True, "NAME": "Ann"},
    }
    refused = dict(outcomes)["event.bind"]["error"]
    assert str(refused).startswith("[AjaxError] WRONG_AUTH_TYPE (403)")  # app-only, via webhook
    # REST 3.0 methods reach /rest/api/, the SDK's v3 list naming them or not
    assert sorted(p for p in paths if "/api/" in p) == [
        "/rest/api/1/webhook-code/call.followup.list",
        "/rest/api/1/webhook-code/main.eventlog.list",
    ]


def test_a_string_data_param_breaks_b24jssdk(tmp_path: Path) -> None:
    outcomes, paths = run([STRING_DATA], tmp_path)
    error = str(dict(outcomes)["landing.block.changeAnchor"]["error"])
    assert "Cannot use 'in' operator to search for 'start' in text" in error
    assert paths == []
