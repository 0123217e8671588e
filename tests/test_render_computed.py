"""A value the docs leave to the reader (`**put_id**` written bare) or one tab's code computes
(`$(date …)` in bash) reaches every language as a placeholder, never as the call model's internal
`{"$expr": …}` marker: the cURL body keeps the placeholder bare (the docs' shell body), every
other tab writes it as a string, so the code parses before the reader fills it in."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.canonical import shown_params
from generator.render.method_tabs import render_method_tab
from generator.spec.method import MethodSpec
from tests.test_method_render import CURL_TAB, method_page, spec_of, write

COMPUTED = CURL_TAB.replace(
    """-d '{"id":42}'""", """-d '{"id":**put_deal_id**,"since":"'"$(date +%F)"'"}'"""
)

# target → the lines of its tab that carry the two values
EXPECTED = {
    "curl_webhook": """-d '{"id":**put_deal_id**,"since":**put_since**}' \\\n""",
    "curl_oauth": """-d '{"id":**put_deal_id**,"since":**put_since**,"auth":""",
    "js_ts": "      id: '**put_deal_id**',\n      since: '**put_since**',\n",
    "js_umd": "          id: '**put_deal_id**',\n          since: '**put_since**',\n",
    "php_b24sdk": "                'id' => '**put_deal_id**',\n"
    "                'since' => '**put_since**'\n",
    "python": '        bitrix_id="**put_deal_id**",\n        since="**put_since**",\n',
    "bx24_js": "        id: '**put_deal_id**',\n        since: '**put_since**'\n",
    "php_crest": "        'id' => '**put_deal_id**',\n        'since' => '**put_since**'\n",
    "go": '\t"id":    "**put_deal_id**",\n\t"since": "**put_since**",\n',
}


@pytest.fixture
def spec(tmp_path: Path) -> MethodSpec:
    write(tmp_path, method_page(COMPUTED))
    return spec_of(tmp_path)


def test_the_call_model_keeps_what_the_tab_computes(spec: MethodSpec) -> None:
    params = spec.calls[0].params
    assert params == {"id": {"$expr": "**put_deal_id**"}, "since": {"$expr": '"$(date +%F)"'}}
    assert shown_params(params) == {
        "id": {"$expr": "**put_deal_id**"},
        "since": {"$expr": "**put_since**"},
    }


@pytest.mark.parametrize("target", sorted(EXPECTED))
def test_every_template_writes_a_placeholder(spec: MethodSpec, target: str) -> None:
    code = render_method_tab(spec, target)
    assert "$expr" not in code
    assert EXPECTED[target] in code
