"""A method whose canonical params are a JSON list (the old positional-array methods, such as
task.elapseditem.getlist): every method template renders the list's items in its language's
positional form, and `render` of such a spec finishes (it used to stop with
`E-TEMPLATE 'list object' has no attribute 'items'` in the Python template)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.options import Options
from generator.render.build import render_all
from generator.render.method_tabs import render_method_tab
from generator.spec.method import MethodSpec
from tests.test_method_render import CURL_TAB, method_page, spec_of, write

POSITIONAL = CURL_TAB.replace("""-d '{"id":42}'""", """-d '[42,{"ID":"desc"}]'""")

# target → the lines of its tab that carry the positional arguments
EXPECTED = {
    "curl_webhook": '-d \'[42,{"ID":"desc"}]\' \\\n',
    "js_ts": "    params: [\n      42,\n      {\n        ID: 'desc',\n      },\n    ],\n",
    "js_umd": "        params: [\n          42,\n          {\n            ID: 'desc',\n          },\n"
    "        ],\n",
    "php_b24sdk": "            [\n                42,\n                [\n"
    "                    'ID' => 'desc'\n                ]\n            ]\n",
    "python": "    bitrix_response = client.crm.deal.get(\n        42,\n        {\n"
    '            "ID": "desc",\n        },\n    ).response\n',
    "bx24_js": "    [\n        42,\n        {\n            ID: 'desc'\n        }\n    ],\n",
    "php_crest": "    [\n        42,\n        [\n            'ID' => 'desc'\n        ]\n    ]\n",
    "go": 'client.Core().Call(ctx, "crm.deal.get", []any{42, b24.Params{\n'
    '\t"ID": "desc",\n}}, b24.WithIdempotent())\n',
}


@pytest.fixture
def spec(tmp_path: Path) -> MethodSpec:
    write(tmp_path, method_page(POSITIONAL))
    found = spec_of(tmp_path)
    assert found.calls[0].params == [42, {"ID": "desc"}]
    return found


def test_the_oauth_token_of_a_positional_call_travels_in_the_query(spec: MethodSpec) -> None:
    # a JSON list has no key for `auth`: without the query the call reaches the portal anonymous
    code = render_method_tab(spec, "curl_oauth")
    assert '-d \'[42,{"ID":"desc"}]\' \\\n' in code
    assert code.endswith(
        "https://**put_your_bitrix24_address**/rest/crm.deal.get?auth=**put_access_token_here**\n"
    )


@pytest.mark.parametrize("target", sorted(EXPECTED))
def test_every_template_passes_the_items_positionally(spec: MethodSpec, target: str) -> None:
    assert EXPECTED[target] in render_method_tab(spec, target)


def test_render_writes_every_tab_of_a_positional_call(spec: MethodSpec, tmp_path: Path) -> None:
    report = render_all([spec], tmp_path / "out", Options(), use_cache=False)
    folder = "examples/api-reference/crm/deals/crm-deal-get/"
    tabs = sorted(p.removeprefix(folder) for p in report.written if p.startswith(folder))
    assert tabs == [
        "01-curl_webhook.sh",
        "02-curl_oauth.sh",
        "03-js_ts.ts",
        "04-js_umd.html",
        "05-php_b24sdk.php",
        "06-python.py",
        "07-bx24_js.js",
        "08-php_crest.php",
        "09-go.go",
    ]
    python = (tmp_path / "out" / folder / "06-python.py").read_text(encoding="utf-8")
    assert EXPECTED["python"] in python
