"""PHP: one class per scope with array shapes in PHPDoc; php -l, PHPStan's phpdoc parser (every
type parses and every named type resolves), and every method dispatches its own name."""

from __future__ import annotations

from pathlib import Path

from generator.clients.render import PHP_ROOT, render_clients
from tests.clients_fixtures import FIXTURE, php_checks, write_tree


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
