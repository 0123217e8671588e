"""Method pages: the canonical call, the method templates, `call`/`exact` drift and sync.

The fixture page is written here (facts from the docs' crm.deal.get: one required `id`); its tabs
follow the docs' shapes, with the drifts the corpus shows: a key in another case, another value.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.check.run import run_check
from generator.diagnostics import DocgenError
from generator.options import Options, SyncMode
from generator.parse import parse_page
from generator.render.canonical import canonical_call, table_names
from generator.render.casing import py_method
from generator.render.method_tabs import render_method_tab
from generator.spec.method import MethodSpec, Param
from generator.sync import sync_pages

PAGE = "api-reference/crm/deals/crm-deal-get.md"
CURL_TAB = """\
- cURL (Webhook)

    ```bash
    curl -X POST \\
    -H "Content-Type: application/json" \\
    -H "Accept: application/json" \\
    -d '{"id":42}' \\
    https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/crm.deal.get
    ```
"""
OAUTH_TAB = """\
- cURL (OAuth)

    ```bash
    curl -X POST \\
    -H "Content-Type: application/json" \\
    -H "Accept: application/json" \\
    -d '{"id":42,"auth":"**put_access_token_here**"}' \\
    https://**put_your_bitrix24_address**/rest/crm.deal.get
    ```
"""
CREST_TAB = """\
- PHP CRest

    ```php
    require_once('crest.php');

    // the deal to read
    $result = CRest::call(
        'crm.deal.get',
        [
            'ID' => 42,
            'select' => ['ID']
        ]
    );

    echo '<PRE>';
    print_r($result);
    echo '</PRE>';
    ```
"""
GO_TAB = """\
- Go

    ```go
    // client и ctx уже созданы — см. раздел «SDK для Go»
    res, err := client.Core().Call(ctx, "crm.deal.get", b24.Params{
    \t"id": 7,
    }, b24.WithIdempotent())
    if err != nil {
    \treturn fmt.Errorf("crm.deal.get: %w", err)
    }

    fmt.Printf("%s\\n", res.Result)
    ```
"""


def method_page(*tabs: str, app_only: bool = False) -> str:
    context = "\nМетод работает только в контексте приложения.\n" if app_only else ""
    return (
        "# Получить сделку crm.deal.get\n\n"
        "> Scope: [`crm`](../../scopes/permissions.md)\n>\n"
        "> Кто может выполнять метод: любой пользователь\n"
        f"{context}\n"
        "Метод возвращает сделку.\n\n"
        "## Параметры метода\n\n"
        "#|\n|| **Название**\n`тип` | **Описание** ||\n"
        "|| **id***\n[`integer`](../../data-types.md) | Идентификатор сделки ||\n|#\n\n"
        "## Примеры кода\n\n"
        "{% list tabs %}\n\n" + "\n".join(tabs) + "\n{% endlist %}\n\n"
        "## Обработка ответа\n\n"
        '```json\n{"result": {"ID": "42", "TITLE": "Deal", "OPENED": true, "CONTACTS": []}}\n```\n'
    )


def write(root: Path, text: str, newline: str = "\n") -> Path:
    path = root / PAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def spec_of(root: Path) -> MethodSpec:
    spec = parse_page(root, PAGE).spec
    assert isinstance(spec, MethodSpec)
    return spec


def check(root: Path, profile: str = "current", mode: SyncMode | None = None) -> list[str]:
    options = Options(profile=profile, mode=mode or SyncMode())
    report = run_check(root, (), options, use_cache=False, want_edits=mode is not None)
    if mode is not None:
        sync_pages(root, report.outcomes, dry_run=False)
    return [f"{f.line}: {f.kind} [{f.label}] {f.message}" for f in report.findings]


# --- the canonical call --------------------------------------------------------------------------


def test_consensus_decides_values_and_the_table_decides_names(tmp_path: Path) -> None:
    write(tmp_path, method_page(CURL_TAB, OAUTH_TAB, CREST_TAB, GO_TAB))
    call = canonical_call(spec_of(tmp_path))
    # cURL, OAuth: {"id": 42}; CRest {"ID": 42, "select": [...]}; Go {"id": 7}: the cURL tabs win
    assert (call.method, call.params, call.auth, call.rest_version) == (
        "crm.deal.get",
        {"id": 42},
        "any",
        2,
    )


def test_a_tie_goes_to_the_curl_tab(tmp_path: Path) -> None:
    write(tmp_path, method_page(CREST_TAB, CURL_TAB))
    assert canonical_call(spec_of(tmp_path)).params == {"id": 42}
    write(tmp_path, method_page(GO_TAB, CREST_TAB))  # no cURL: the first of the tied tabs
    assert canonical_call(spec_of(tmp_path)).params == {"id": 7}


def test_table_names_fix_case_at_every_documented_depth() -> None:
    child = Param("VALUE", "fields.VALUE", "string", False, None, "", None, 1, False, [])
    fields = Param("fields", "fields", "object", True, None, "", None, 1, False, [child])
    params = {"FIELDS": {"value": "x", "extra": 1}, "other": 2}
    assert table_names(params, [fields]) == {"fields": {"VALUE": "x", "extra": 1}, "other": 2}


# --- the templates -------------------------------------------------------------------------------

CURL_WEBHOOK = """\
curl -X POST \\
-H "Content-Type: application/json" \\
-H "Accept: application/json" \\
-d '{"id":42}' \\
https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/crm.deal.get
"""
CURL_V3 = """\
curl -X POST \\
-H "Content-Type: application/json" \\
-H "Accept: application/json" \\
-d '{"id":42,"auth":"**put_access_token_here**"}' \\
https://**put_your_bitrix24_address**/rest/api/crm.deal.get
"""
CREST = """\
require_once('crest.php');

$result = CRest::call(
    'crm.deal.get',
    [
        'id' => 42
    ]
);

echo '<PRE>';
print_r($result);
echo '</PRE>';
"""
GO = """\
// client и ctx уже созданы — см. раздел «SDK для Go»
res, err := client.Core().Call(ctx, "crm.deal.get", b24.Params{
\t"id": 42,
}, b24.WithIdempotent())
if err != nil {
\treturn fmt.Errorf("crm.deal.get: %w", err)
}

var item struct {
\tID     b24.ID `json:"ID"`
\tTitle  string `json:"TITLE"`
\tOpened bool   `json:"OPENED"`
}
if err := json.Unmarshal(res.Result, &item); err != nil {
\treturn fmt.Errorf("разбор ответа: %w", err)
}
fmt.Println(item.ID, item.Title)
"""


def test_templates_render_the_docs_dominant_shapes(tmp_path: Path) -> None:
    write(tmp_path, method_page(CURL_TAB, OAUTH_TAB, CREST_TAB, GO_TAB))
    spec = spec_of(tmp_path)
    assert render_method_tab(spec, "curl_webhook") == CURL_WEBHOOK
    assert render_method_tab(spec, "php_crest") == CREST
    assert render_method_tab(spec, "go") == GO
    assert render_method_tab(replace(spec, rest_version=3), "curl_oauth") == CURL_V3
    ts = render_method_tab(replace(spec, rest_version=3), "js_ts")
    assert "await $b24.actions.v3.call.make<unknown>({" in ts


def test_an_app_only_method_has_no_webhook_example(tmp_path: Path) -> None:
    write(tmp_path, method_page(OAUTH_TAB, app_only=True))
    spec = spec_of(tmp_path)
    assert spec.auth.app_only and canonical_call(spec).auth == "app"
    with pytest.raises(DocgenError, match="works only in an application context"):
        render_method_tab(spec, "curl_webhook")


def test_python_names_follow_b24pysdk(tmp_path: Path) -> None:
    write(tmp_path, method_page(CURL_TAB))
    spec = spec_of(tmp_path)
    code = render_method_tab(spec, "python")
    assert "client.crm.deal.get(\n        bitrix_id=42,\n    ).response" in code
    assert py_method("crm.item.import") == "crm.item.import_"


def test_a_positional_array_call_renders_python_positional_arguments(tmp_path: Path) -> None:
    """The old methods take a JSON array; the Python tab passes its items positionally."""
    write(
        tmp_path, method_page(CURL_TAB.replace("""-d '{"id":42}'""", """-d '[42,{"ID":"desc"}]'"""))
    )
    code = render_method_tab(spec_of(tmp_path), "python")
    expected = (
        "    bitrix_response = client.crm.deal.get(\n"
        "        42,\n"
        "        {\n"
        '            "ID": "desc",\n'
        "        },\n"
        "    ).response\n"
    )
    assert expected in code
