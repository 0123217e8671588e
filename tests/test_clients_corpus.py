"""Acceptance on the real RU corpus: typed clients for every method spec. The Python package
imports and passes mypy --strict, every callable runs through a real b24pysdk client against
the REST double (which checks method, params and auth), the TypeScript map passes tsc --strict
and rejects bad calls, the PHP classes lint and their PHPDoc types parse; ruff's formatting (the
fast path) equals black's on every generated module."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import formatting
from generator.clients.model import ScopeModel, build_scopes, select_methods
from generator.clients.render import PHP_ROOT, TS_FILE, render_client_sources, render_clients
from tests.clients_fixtures import (
    MethodLike,
    as_php_sees,
    contracts,
    corpus_method_specs,
    import_fresh,
    sample_value,
    write_tree,
)
from tests.clients_toolchains import (
    execute_all,
    mypy_strict,
    php_checks,
    run_php_calls,
    run_ts_calls,
    tls_for_double,
    tsc_errors,
)
from tests.corpus import CORPUS_RU, need
from tests.support.rest_double import RestDouble
from tests.support.toolchains import require

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def specs() -> list[MethodLike]:
    return corpus_method_specs(need(CORPUS_RU))


@pytest.fixture(scope="module")
def scopes(specs: list[MethodLike]) -> list[ScopeModel]:
    return build_scopes(specs)


@pytest.fixture(scope="module")
def out(specs: list[MethodLike], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(render_clients(specs), tmp_path_factory.mktemp("corpus-clients"))


def test_one_callable_per_method(specs: list[MethodLike], scopes: list[ScopeModel]) -> None:
    names = {s.method for s in specs if s.method and not s.method.lower().startswith("bx24.")}
    methods = [m.method for scope in scopes for m in scope.methods]
    assert sorted(methods) == sorted(names)
    assert len(methods) >= 1600  # 1,678 when measured; every single-method page has one name
    functions = [m.function for scope in scopes for m in scope.methods]
    assert len(set(functions)) == len(functions)


def test_package_imports_and_passes_mypy_strict(
    out: Path, scopes: list[ScopeModel], tmp_path: Path
) -> None:
    require("b24pysdk")
    package = import_fresh(out / "python", "b24_methods")
    assert len(package.METHODS) == sum(len(scope.methods) for scope in scopes)
    stdout = mypy_strict(out / "python", "b24_methods", tmp_path)
    modules = len(scopes) + 3  # __init__, _runtime, registry
    assert stdout == f"Success: no issues found in {modules} source files\n", stdout[-3000:]


def test_every_callable_runs_against_the_double(
    out: Path, specs: list[MethodLike], scopes: list[ScopeModel]
) -> None:
    require("b24pysdk")
    with RestDouble(contracts=contracts(specs)) as double:
        done = execute_all(scopes, out / "python", double)
        calls = len(double.calls)
    models = [m for scope in scopes for m in scope.methods]
    app_only = [m.method for m in models if m.app_only]
    assert done.failures == []
    assert sorted(done.called) == sorted(m.method for m in models)
    assert done.refused == app_only  # each app-only method: WRONG_AUTH_TYPE through a webhook
    assert calls == 2 * len(models) + len(app_only)


def test_typescript_map_compiles_and_rejects_bad_calls(out: Path, tmp_path: Path) -> None:
    head = (
        "import type { TypeB24 } from '@bitrix24/b24jssdk'\n"
        "import { callMethod } from './b24-methods'\n"
        "declare const b24: TypeB24\n"
    )
    usages = {
        "good.ts": head + "const deal = await callMethod(b24, 'crm.deal.get', { id: 1 })\n"
        "const title: string | undefined = deal.TITLE\nconsole.log(title)\n",
        "wrong_method.ts": head + "await callMethod(b24, 'crm.deal.gett', { id: 1 })\n",
        "missing_required.ts": head + "await callMethod(b24, 'crm.deal.get', {})\n",
        "misspelled_key.ts": head + "await callMethod(b24, 'crm.deal.get', { ID: 1 })\n",
    }
    errors = tsc_errors((out / TS_FILE).read_bytes(), usages, tmp_path)
    assert errors == {
        "wrong_method.ts": ["4:TS2345"],
        "missing_required.ts": ["4:TS2741"],
        "misspelled_key.ts": ["4:TS2561"],
    }


def test_php_lints_and_phpdoc_types_resolve(out: Path, scopes: list[ScopeModel]) -> None:
    lint, doctypes, dispatch = php_checks(out / PHP_ROOT)
    methods = sum(len(scope.methods) for scope in scopes)
    assert lint == []
    assert doctypes.startswith(f"checked: {len(scopes) + 1} files, ")  # no problem lines
    assert dispatch == f"{methods} dispatched, 0 wrong\n"


def test_ruff_fast_path_equals_black(specs: list[MethodLike]) -> None:
    require("black")
    sources = render_client_sources(specs)
    python = {path: text for path, text in sources.items() if path.endswith(".py")}
    ruffed = formatting._run_ruff(python)
    assert ruffed is not None, "ruff is not installed"
    differ = [p for p, text in python.items() if formatting._run_black(text, p, 88) != ruffed[p]]
    assert differ == []


def test_selection_keeps_one_spec_per_method(specs: list[MethodLike]) -> None:
    selected = select_methods(specs)
    assert len({s.method for s in selected}) == len(selected)


def test_every_ts_call_runs_through_b24jssdk(
    out: Path, specs: list[MethodLike], scopes: list[ScopeModel], tmp_path: Path
) -> None:
    context, cert = tls_for_double(tmp_path / "tls")
    models = [m for scope in scopes for m in scope.methods]
    calls = [(m.method, {p.key: sample_value(p.type) for p in m.required_params}) for m in models]
    expected = contracts(specs)
    with RestDouble(contracts=expected, tls=context) as double:
        outcomes = run_ts_calls((out / TS_FILE).read_bytes(), calls, double, cert, tmp_path / "ts")
    app_only = {m.method for m in models if m.app_only}

    def as_documented(method: str, outcome: dict[str, object]) -> bool:
        if method in app_only:  # through a webhook: refused
            return "WRONG_AUTH_TYPE" in str(outcome.get("error"))
        return "ok" in outcome and outcome["ok"] == expected[method].result

    wrong = sorted(method for method, outcome in outcomes if not as_documented(method, outcome))
    # b24jssdk 1.3.0 reads `"start" in params.data`: a string `data` param crashes it
    string_data = sorted(method for method, params in calls if isinstance(params.get("data"), str))
    assert len(outcomes) == len(models)
    assert wrong == string_data == ["landing.block.changeAnchor"]


def test_every_php_method_calls_the_double(
    out: Path, specs: list[MethodLike], scopes: list[ScopeModel], tmp_path: Path
) -> None:
    models = [m for scope in scopes for m in scope.methods]
    calls = [(m.method, {p.key: sample_value(p.type) for p in m.required_params}) for m in models]
    expected = contracts(specs)
    with RestDouble(contracts=expected) as double:
        outcomes = run_php_calls(out / PHP_ROOT, calls, double, tmp_path)
    refused = sorted(method for method, outcome in outcomes if outcome.get("error"))
    answered = [
        m
        for m, outcome in outcomes
        if "ok" in outcome and outcome["ok"] == as_php_sees(expected[m].result)
    ]
    assert refused == sorted(m.method for m in models if m.app_only)  # WRONG_AUTH_TYPE only
    assert {o.get("error") for _, o in outcomes} == {None, "WRONG_AUTH_TYPE"}
    assert len(answered) + len(refused) == len(models)
