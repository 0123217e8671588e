"""The typed Python layer over b24pysdk: rendered from hand-written specs, mypy --strict clean,
and every callable executed through a real b24pysdk client against the REST double."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.clients.model import build_scopes
from generator.clients.render import PY_ROOT, render_clients
from tests.clients_fixtures import (
    DEAL_ADD,
    DEAL_GET,
    EVENT_BIND,
    FIXTURE,
    V3_METHOD,
    V3_UNLISTED,
    contracts,
    import_fresh,
    write_tree,
)
from tests.clients_toolchains import (
    execute_all,
    mypy_strict,
)
from tests.support.rest_double import RestDouble
from tests.support.toolchains import require

V3_NAMES = {V3_METHOD.method, V3_UNLISTED.method}


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_clients(FIXTURE)


@pytest.fixture(scope="module")
def package(files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(files, tmp_path_factory.mktemp("clients")) / "python"


def test_one_module_per_scope_and_shared_files(files: dict[str, bytes]) -> None:
    python = sorted(path for path in files if path.startswith(PY_ROOT))
    assert python == [
        f"{PY_ROOT}/{name}"
        for name in (
            "__init__.py",
            "_runtime.py",
            "common.py",
            "crm.py",
            "main.py",
            "py.typed",
            "registry.py",
            "telephony.py",
            "user.py",
        )
    ]


def test_signature_keeps_wire_names_and_required(files: dict[str, bytes]) -> None:
    crm = files[f"{PY_ROOT}/crm.py"].decode()
    assert (
        "def crm_item_list(\n    client: rt.SdkClient,\n    /,\n    *,\n    entity_type_id: int,\n"
        "    from_: str | None = None,\n    id: int | None = None,\n    id_: str | None = None,\n"
        "    client_: str | None = None,\n    select: list[str] | None = None,\n"
        "    filter: CrmItemListFilter | None = None,\n    order: dict[str, Any] | None = None,\n"
        ") -> CrmItemListResult:\n"
    ) in crm
    assert '"entityTypeId": entity_type_id,\n                "from": from_,' in crm
    assert '"ID": id,\n                "id": id_,\n                "client": client_,' in crm


def test_nested_params_are_typeddicts_with_required_markers(files: dict[str, bytes]) -> None:
    crm = files[f"{PY_ROOT}/crm.py"].decode()
    assert (
        'CrmDealAddFields = TypedDict(\n    "CrmDealAddFields",\n    {\n'
        '        "TITLE": NotRequired[str],\n        "TYPE_ID": NotRequired[str],\n'
        '        "OPPORTUNITY": NotRequired[float],\n        "CONTACT_IDS": NotRequired[list[int]],\n'
        "    },\n)\n"
    ) in crm
    # the wildcard row (UF_CRM_...) opens the shape: any other key is accepted too
    assert (
        "    fields: CrmDealAddFields | dict[str, Any],\n    params: CrmDealAddParams2 | None = None,\n"
        in crm
    )


def test_results_follow_the_response_example(files: dict[str, bytes]) -> None:
    crm = files[f"{PY_ROOT}/crm.py"].decode()
    assert (
        '        "ID": Required[str],\n        "TITLE": Required[str],\n'
        '        "OPPORTUNITY": Required[str],\n        "CLOSED": Required[str],\n'
        '        "COMMENTS": Required[Any],\n'
        '        "CONTACT_IDS": Required[list[CrmDealGetResultContactIdsItem]],\n'
        '        "PRODUCTS": Required[dict[str, CrmDealGetResultProductsItem]],\n'
    ) in crm
    assert '        "CONTACT_ID": Required[int],\n        "SORT": NotRequired[int],\n' in crm
    assert '        "PRICE": Required[float],\n' in crm  # 1.5 and 2 merge to float


def test_registry_records_auth_and_version(package: Path) -> None:
    registry = import_fresh(package, "b24_methods").METHODS
    assert sorted(registry) == [
        "call.followup.list",
        "crm.deal.add",
        "crm.deal.get",
        "crm.item.list",
        "event.bind",
        "main.eventlog.list",
        "user.current",
    ]
    bind = registry["event.bind"]
    assert (bind.module, bind.function, bind.webhook, bind.app_only) == (
        "common",
        "event_bind",
        False,
        True,
    )
    assert bind.required == ("event", "handler")
    assert registry["main.eventlog.list"].version == 3
    assert registry["crm.deal.get"].docs == "api-reference/crm/deals/crm-deal-get.md"


def test_mypy_strict_clean(package: Path, tmp_path: Path) -> None:
    require("b24pysdk")
    stdout = mypy_strict(package, "b24_methods", tmp_path)
    assert stdout == "Success: no issues found in 8 source files\n", stdout


def test_every_callable_runs_through_b24pysdk_against_the_double(package: Path) -> None:
    require("b24pysdk")
    scopes = build_scopes(FIXTURE)
    with RestDouble(contracts=contracts(FIXTURE)) as double:
        done = execute_all(scopes, package, double)
        calls = double.calls
    assert done.failures == []
    assert done.called == [
        "event.bind",
        "crm.deal.add",
        "crm.deal.get",
        "crm.item.list",
        "main.eventlog.list",
        "call.followup.list",
        "user.current",
    ]
    assert done.refused == ["event.bind"]
    # required-only, all params, per method; plus the refused webhook call
    assert len(calls) == 2 * 7 + 1
    # REST 3.0 methods go to /rest/api/, listed in b24pysdk's v3 set or not
    v3 = sorted({c.path.split("?")[0] for c in calls if c.method in V3_NAMES})
    assert v3 == [
        "/rest/api/1/webhook-code/call.followup.list",
        "/rest/api/1/webhook-code/main.eventlog.list",
    ]
    bind = [c for c in calls if c.method == "event.bind"]
    assert [c.auth_mode for c in bind] == ["oauth", "oauth", "webhook"]
    assert bind[0].params == {"event": "text", "handler": "text"}


def test_the_double_rejects_what_the_docs_forbid(package: Path) -> None:
    require("b24pysdk")
    from b24pysdk.errors import BitrixAPIError  # type: ignore[import-untyped]

    from tests.support.b24pysdk_loopback import webhook_client

    runtime = import_fresh(package, "b24_methods")._runtime
    with RestDouble(contracts=contracts([DEAL_ADD, DEAL_GET])) as double:
        client = webhook_client(double)
        with pytest.raises(BitrixAPIError) as missing:
            runtime.call(client, "crm.deal.add", {"fields": None})
        with pytest.raises(BitrixAPIError) as mistyped:
            runtime.call(client, "crm.deal.get", {"id": "eleven"})
    assert (missing.value.error, missing.value.status_code) == ("ERROR_ARGUMENT", 400)
    assert mistyped.value.error == "INVALID_ARG_VALUE"


def test_app_only_method_through_webhook_is_wrong_auth_type(package: Path) -> None:
    require("b24pysdk")
    from b24pysdk.errors import BitrixAPIForbidden  # type: ignore[import-untyped]

    from tests.support.b24pysdk_loopback import webhook_client

    common = import_fresh(package, "b24_methods.common")
    double = RestDouble(contracts=contracts([EVENT_BIND]))
    with double, pytest.raises(BitrixAPIForbidden) as refused:
        common.event_bind(webhook_client(double), event="ONCRMDEALADD", handler="https://h")
    assert refused.value.error == "WRONG_AUTH_TYPE"


def test_rendering_is_deterministic_and_order_independent(files: dict[str, bytes]) -> None:
    assert render_clients(list(reversed(FIXTURE))) == files


def test_a_user_template_overrides_and_is_formatted_by_black(tmp_path: Path) -> None:
    override = tmp_path / "stubs" / "python" / "methods" / "scope.py.j2"
    override.parent.mkdir(parents=True)
    override.write_text(
        "{% for method in scope.methods %}\n"
        "def {{ method.function }}( ): return {{ method.method | py_str }}\n"
        "{% endfor %}\n",
        encoding="utf-8",
    )
    files = render_clients([DEAL_GET, EVENT_BIND], user_dirs=[tmp_path])
    assert files[f"{PY_ROOT}/crm.py"] == b'def crm_deal_get():\n    return "crm.deal.get"\n'
    assert files[f"{PY_ROOT}/common.py"] == b'def event_bind():\n    return "event.bind"\n'


def test_formatting_is_batched_once_per_module(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import formatting

    batches: list[list[str]] = []
    real = formatting._run_ruff

    def counting(sources: dict[str, str]) -> dict[str, str] | None:
        batches.append(sorted(sources))
        return real(sources)

    formatting.clear_memory_cache()
    monkeypatch.setattr(formatting, "_run_ruff", counting)
    first = render_clients(FIXTURE)
    assert batches == [
        [
            f"{PY_ROOT}/{name}.py"
            for name in ("__init__", "_runtime", "common", "crm", "main", "registry", "telephony")
        ]
        + [f"{PY_ROOT}/user.py"]
    ]
    assert render_clients(FIXTURE) == first  # the second run: every module from the cache
    assert len(batches) == 1


MYPY_NEGATIVE = """from b24_methods import crm
from b24_methods._runtime import SdkClient

def use(client: SdkClient) -> None:
    crm.crm_deal_get(client)
    crm.crm_deal_get(client, idd=1)
    crm.crm_deal_get(client, id="1")
    crm.crm_item_list(client, entity_type_id=2, filter={">=DAT": "x"})
    crm.crm_deal_gett(client, id=1)
    title: int = crm.crm_deal_get(client, id=1)["TITLE"]
"""


def test_mypy_rejects_bad_calls(package: Path, tmp_path: Path) -> None:
    (package / "use_bad.py").write_text(MYPY_NEGATIVE, encoding="utf-8")
    extra = ("--no-error-summary", "--hide-error-context")
    stdout = mypy_strict(package, "use_bad.py", tmp_path, *extra)
    codes = [
        (line.split(":")[1], line.rsplit("[", 1)[-1].rstrip("]"))
        for line in stdout.splitlines()
        if line.startswith("use_bad.py:") and ": error:" in line
    ]
    assert codes == [
        ("5", "call-arg"),  # missing required `id`
        ("6", "call-arg"),  # misspelled keyword (mypy names the unexpected one)
        ("7", "arg-type"),  # str where the docs say integer
        ("8", "arg-type"),  # a key the filter shape does not have
        ("9", "attr-defined"),  # no such method
        ("10", "assignment"),  # the result's TITLE is a str
    ]


def test_committed_golden_clients_type_check(tmp_path: Path) -> None:
    """generated/ holds the clients of the sample docs' method pages; they pass mypy --strict."""
    golden = Path(__file__).resolve().parents[1] / "generated" / "python"
    stdout = mypy_strict(golden, "b24_methods", tmp_path)
    modules = len(list((golden / "b24_methods").rglob("*.py")))
    assert stdout == f"Success: no issues found in {modules} source files\n", stdout
