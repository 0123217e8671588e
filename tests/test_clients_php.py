"""PHP: one class per scope with array shapes in PHPDoc; php -l, PHPStan's phpdoc parser (every
type parses and every named type resolves), and every method dispatches its own name."""

from __future__ import annotations

from pathlib import Path

from generator.clients.model import build_scopes
from generator.clients.render import PHP_ROOT, render_clients
from tests.clients_fixtures import (
    FIXTURE,
    as_php_sees,
    contracts,
    sample_value,
    write_tree,
)
from tests.clients_toolchains import (
    php_checks,
    run_php_calls,
)
from tests.support.rest_double import RestDouble


def test_shapes_and_signatures() -> None:
    crm = render_clients(FIXTURE)[f"{PHP_ROOT}/Crm.php"].decode()
    assert (
        " * @phpstan-type CrmDealAddFields array{TITLE?: string, TYPE_ID?: string,"
        " OPPORTUNITY?: float, CONTACT_IDS?: list<int>, ...}\n"
    ) in crm
    assert " * @phpstan-type CrmItemListFilter array{'>=DATE'?: string}\n" in crm
    assert (
        "     * @param array{fields: CrmDealAddFields, params?: CrmDealAddParams2} $params\n"
        "     * @return int\n"
        "     */\n"
        "    public function crmDealAdd(array $params): mixed\n"
    ) in crm
    assert "    public function crmDealGet(array $params): mixed\n" in crm
    user = render_clients(FIXTURE)[f"{PHP_ROOT}/User.php"].decode()
    assert "     * @return UserCurrentResult\n" in user
    assert "    public function userCurrent(array $params = []): mixed\n" in user


def test_php_lint_phpdoc_types_and_dispatch(tmp_path: Path) -> None:
    root = write_tree(render_clients(FIXTURE), tmp_path) / PHP_ROOT
    lint, doctypes, dispatch = php_checks(root)
    assert lint == []
    assert doctypes == "checked: 6 files, 32 tags\n"
    assert dispatch == "7 dispatched, 0 wrong\n"


def test_every_method_calls_the_double_through_a_webhook_closure(tmp_path: Path) -> None:
    out = write_tree(render_clients(FIXTURE), tmp_path / "out")
    models = [m for scope in build_scopes(FIXTURE) for m in scope.methods]
    calls = [(m.method, {p.key: sample_value(p.type) for p in m.required_params}) for m in models]
    with RestDouble(contracts=contracts(FIXTURE)) as double:
        outcomes = dict(run_php_calls(out / PHP_ROOT, calls, double, tmp_path / "php"))
        sent = {call.method: call.params for call in double.calls}
    assert outcomes["event.bind"] == {"error": "WRONG_AUTH_TYPE"}  # app-only, via a webhook
    assert outcomes["crm.deal.add"] == {"ok": 11}
    assert outcomes["crm.deal.get"] == {
        "ok": as_php_sees(contracts(FIXTURE)["crm.deal.get"].result)
    }
    assert sent["crm.item.list"] == {"entityTypeId": 7}
    assert sorted(outcomes) == sorted(m.method for m in models)
