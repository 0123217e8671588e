"""The TypeScript method map: `tsc --strict` against the real @bitrix24/b24jssdk accepts correct
calls and rejects a wrong method name, a missing required param and misspelled keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.clients.render import TS_FILE, render_clients
from tests.clients_fixtures import (
    FIXTURE,
)
from tests.clients_toolchains import (
    tsc_errors,
)

HEAD = (
    "import type { TypeB24 } from '@bitrix24/b24jssdk'\n"
    "import { callMethod } from './b24-methods'\n"
    "declare const b24: TypeB24\n"
)
GOOD = HEAD + (
    "const id: number = await callMethod(b24, 'crm.deal.add', { fields: { TITLE: 'x', UF_CRM_1: 5 } })\n"
    "const deal = await callMethod(b24, 'crm.deal.get', { id })\n"
    "const title: string = deal.TITLE\n"
    "const price: number = deal.PRODUCTS['12'].PRICE\n"
    "const me = await callMethod(b24, 'user.current', {})\n"
    "const bound: boolean = await callMethod(b24, 'event.bind', { event: 'ONCRMDEALADD', handler: 'h' })\n"
    "const log = await callMethod(b24, 'main.eventlog.list', { pagination: { limit: 5 } })\n"
    "console.log(title, price, me.NAME, bound, log.items)\n"
)
# file → (code, the `line:TSnnnn` errors tsc must report)
NEGATIVE = {
    "wrong_method.ts": ("await callMethod(b24, 'crm.deal.ad', {})\n", ["4:TS2345"]),
    "missing_required.ts": ("await callMethod(b24, 'crm.deal.get', {})\n", ["4:TS2741"]),
    "misspelled_key.ts": (
        "await callMethod(b24, 'crm.deal.get', { id: 1, idd: 2 })\n",
        ["4:TS2353"],
    ),
    "misspelled_nested_key.ts": (
        "await callMethod(b24, 'crm.item.list', { entityTypeId: 2, filter: { '>=DAT': 'x' } })\n",
        ["4:TS2353"],
    ),
    "param_on_paramless_method.ts": (
        "await callMethod(b24, 'user.current', { x: 1 })\n",
        ["4:TS2322"],
    ),
    "wrong_param_type.ts": ("await callMethod(b24, 'crm.deal.get', { id: '1' })\n", ["4:TS2322"]),
    "wrong_result_type.ts": (
        "const n: string = await callMethod(b24, 'crm.deal.add', { fields: {} })\n",
        ["4:TS2322"],
    ),
}


@pytest.fixture(scope="module")
def errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    module = render_clients(FIXTURE)[TS_FILE]
    usages = {"good.ts": GOOD, **{name: HEAD + code for name, (code, _) in NEGATIVE.items()}}
    return tsc_errors(module, usages, tmp_path_factory.mktemp("ts"))


def test_map_and_correct_calls_compile(errors: dict[str, list[str]]) -> None:
    assert "b24-methods.ts" not in errors
    assert "good.ts" not in errors
    assert "(unparsed)" not in errors


@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_negative_file_fails_with_expected_code(errors: dict[str, list[str]], name: str) -> None:
    assert errors.get(name) == NEGATIVE[name][1]


def test_map_entries_and_v3_routing() -> None:
    text = render_clients(FIXTURE)[TS_FILE].decode()
    assert '  "crm.deal.add": { params: CrmDealAddParams; result: CrmDealAddResult }\n' in text
    assert '  "user.current": { params: UserCurrentParams; result: UserCurrentResult }\n' in text
    assert "export type UserCurrentParams = Record<string, never>\n" in text
    assert 'new Set<string>([\n  "call.followup.list",\n  "main.eventlog.list",\n])' in text
    assert "export interface CrmDealAddFields {\n" in text
    assert "  [key: string]: unknown\n}" in text  # the UF_CRM_... wildcard row

    assert text.index('"crm.deal.add"') < text.index('"event.bind"')  # sorted by method


def test_committed_golden_map_compiles(tmp_path: Path) -> None:
    golden = Path(__file__).resolve().parents[1] / "generated" / TS_FILE
    usage = (
        HEAD + "const deal = await callMethod(b24, 'crm.deal.get', { id: 1 })\nconsole.log(deal)\n"
    )
    assert tsc_errors(golden.read_bytes(), {"use.ts": usage}, tmp_path) == {}
