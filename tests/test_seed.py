"""The page the project was created from must work end to end, forever."""

from __future__ import annotations

from pathlib import Path

from generator.parse import parse_docs
from tests.corpus import SEED_PAGE, seed_root

WEBHOOK = (
    "curl -X POST \\\n"
    '-H "Content-Type: application/json" \\\n'
    '-H "Accept: application/json" \\\n'
    '-d \'{"PLACEMENT":"CallCard::BeforeClose","HANDLER":"**your_handler_url_here**"}\' \\\n'
    '"https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/placement.bindEvent"\n'
)
OAUTH = WEBHOOK.replace(
    "/rest/**put_your_user_id_here**/**put_your_webhook_here**/placement.bindEvent",
    "/rest/placement.bindEvent?auth=**put_access_token_here**",
)
JS = (
    'BX24.placement.bindEvent("CallCard::BeforeClose", function (callState) {\n'
    "    console.log(callState);\n"
    "});\n"
)
PHP = (
    "require_once('crest.php');\n\n"
    "$result = CRest::call(\n"
    "    'placement.bindEvent',\n"
    "    [\n"
    "        'PLACEMENT' => 'CallCard::BeforeClose',\n"
    "        'HANDLER' => '**your_handler_url_here**'\n"
    "    ]\n"
    ");\n\n"
    "echo '<PRE>';\n"
    "print_r($result);\n"
    "echo '</PRE>';\n"
)


def test_seed_page_parses_into_its_facts(tmp_path: Path) -> None:
    result = parse_docs(seed_root(tmp_path))
    [spec] = result.specs
    assert spec.source.path == SEED_PAGE
    assert (spec.event, spec.kind, spec.locale) == ("CallCard::BeforeClose", "js_event", "ru")
    assert [s.name for s in spec.scopes] == ["telephony"]
    assert spec.subscribers is not None and spec.subscribers.value == "any_user"
    dev_notes = [n for n in spec.notes if n.dev_only]
    assert [(n.type, n.title) for n in dev_notes] == [("alert", "TO-DO _не выгружается на prod_")]
    assert not spec.notes[0].dev_only
    [block] = spec.examples
    assert [t.label for t in block.tabs] == ["cURL (Webhook)", "cURL (OAuth)", "JS", "PHP"]
    assert [t.code for t in block.tabs] == [WEBHOOK, OAUTH, JS, PHP]
    assert [t.lang for t in block.tabs] == ["bash", "bash", "js", "php"]
    # in 2024 `JS` meant BX24.js and `PHP` meant CRest: the code decides the target
    assert [t.target for t in block.tabs] == ["curl_webhook", "curl_oauth", "bx24_js", "php_crest"]
    assert all(t.events == ["CallCard::BeforeClose"] for t in block.tabs)
    assert block.tabs[2].calls == ["BX24.placement.bindEvent"]
    assert block.tabs[3].calls == ["CRest::call", "placement.bindEvent"]
    assert result.diagnostics == []
