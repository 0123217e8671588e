"""Tab layouts (generator/layout/): the style a tab writes is read from its code, carried in the spec
(`TabCall.layout`) and rendered back byte for byte; the call it makes never is, so `exact` drift
still sees a tab whose method, params or auth differ from the canonical call."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.method_expected import majority_layout
from generator.check.run import run_check
from generator.layout import READERS, read_layout
from generator.options import Options, SyncMode
from generator.render.method_tabs import render_method_tab
from generator.render.shaped import json_shaped, php_shaped
from tests.test_method_render import check, method_page, spec_of, write

WEBHOOK = """\
curl -X POST \\
  -H "Content-Type: application/json" \\
  -d '{
    "id": 42
  }' \\
  "https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/crm.deal.get"
"""
OAUTH = """\
curl -X POST \\
     -H "Content-Type: application/json" \\
     -H "Accept: application/json" \\
     -d '{"auth": "**put_access_token_here**", "id": 42}' \\
     https://**put_your_bitrix24_address**/rest/crm.deal.get
"""
CREST = """\
require_once('crest.php');

$result = CRest::call(
    'crm.deal.get',
    [
        'id' => 42,
    ]
);

if (!empty($result['error'])) {
    echo $result['error_description'];
}
"""
LAYOUTS = {
    "cURL (Webhook)": {
        "headers": ['"Content-Type: application/json"'],
        "indent": 2,
        "json": {"colon": ": ", "indent": 2, "inline": [], "trailing_comma": False},
        "url_quote": '"',
    },
    "cURL (OAuth)": {
        "indent": 5,
        "json": {"auth_first": True, "colon": ": ", "comma": ", "},
    },
    "PHP CRest": {
        "output": "\nif (!empty($result['error'])) {\n    echo $result['error_description'];\n}",
        "params": {"trailing_comma": True},
    },
}
TARGETS = {"cURL (Webhook)": "curl_webhook", "cURL (OAuth)": "curl_oauth", "PHP CRest": "php_crest"}


def tab(label: str, lang: str, code: str) -> str:
    body = "\n".join(("    " + line) if line else "" for line in code.rstrip("\n").split("\n"))
    return f"- {label}\n\n    ```{lang}\n{body}\n    ```\n"


def styled_page(webhook: str = WEBHOOK, oauth: str = OAUTH, crest: str = CREST) -> str:
    return method_page(
        tab("cURL (Webhook)", "bash", webhook),
        tab("cURL (OAuth)", "bash", oauth),
        tab("PHP CRest", "php", crest),
    )


def exact_drift(root: Path) -> list[str]:
    report = run_check(root, (), Options(profile="method-exact"), use_cache=False)
    return sorted(f.label or "" for f in report.findings if f.kind == "drift")


def test_layouts_are_read_from_the_code_and_render_back_byte_for_byte(tmp_path: Path) -> None:
    write(tmp_path, styled_page())
    spec = spec_of(tmp_path)
    layouts = {c.label: c.layout for c in spec.calls}
    assert layouts == LAYOUTS
    codes = {"cURL (Webhook)": WEBHOOK, "cURL (OAuth)": OAUTH, "PHP CRest": CREST}
    for label, layout in layouts.items():
        assert render_method_tab(spec, TARGETS[label], label=label, layout=layout) == codes[label]
    assert exact_drift(tmp_path) == []


def test_a_bare_placeholder_is_kept_only_where_the_tab_writes_one(tmp_path: Path) -> None:
    # `'id' => **put_deal_id**` is how some pages leave a value to the reader: exact mode keeps
    # it, the template's own layout (what `render` writes) quotes it, so the file parses
    bare = CREST.replace("'id' => 42,", "'id' => **put_deal_id**,")
    webhook = WEBHOOK.replace('"id": 42', '"id": **put_deal_id**')
    oauth = OAUTH.replace('"id": 42', '"id": **put_deal_id**')
    write(tmp_path, styled_page(webhook, oauth, bare))
    spec = spec_of(tmp_path)
    crest = next(c for c in spec.calls if c.label == "PHP CRest")
    assert crest.params == {"id": {"$expr": "**put_deal_id**"}}
    assert crest.layout["params"] == {"trailing_comma": True, "bare": True}
    assert render_method_tab(spec, "php_crest", label="PHP CRest", layout=crest.layout) == bare
    assert "        'id' => '**put_deal_id**'\n" in render_method_tab(spec, "php_crest")
    assert exact_drift(tmp_path) == []


def test_the_default_layout_is_the_templates_dominant_shape(tmp_path: Path) -> None:
    write(tmp_path, styled_page())
    spec = spec_of(tmp_path)
    assert render_method_tab(spec, "curl_webhook").split("\n")[1:4] == [
        '-H "Content-Type: application/json" \\',
        '-H "Accept: application/json" \\',
        "-d '{\"id\":42}' \\",
    ]
    assert read_layout("curl_webhook", render_method_tab(spec, "curl_webhook")) == {}
    assert read_layout("curl_oauth", render_method_tab(spec, "curl_oauth")) == {}
    assert read_layout("php_crest", render_method_tab(spec, "php_crest")) == {}
    assert read_layout("go", "anything") == {}  # a target without a reader


@pytest.mark.parametrize(
    ("label", "old", "new"),
    [
        ("cURL (Webhook)", '"id": 42', '"id": 42,\n    "select": ["ID"]'),  # another key
        ("cURL (Webhook)", '"id": 42', '"id": "abc"'),  # another value
        ("cURL (Webhook)", "/crm.deal.get", "/crm.deal.list"),  # another method
        ("cURL (OAuth)", '"auth": "**put_access_token_here**", ', ""),  # no token in the body
        ("cURL (OAuth)", '"id": 42', '"ID": 42, "select": []'),
        ("PHP CRest", "'id' => 42,", "'id' => 7,"),
        ("PHP CRest", "'crm.deal.get'", "'crm.deal.update'"),
    ],
)
def test_a_different_call_still_drifts_in_exact_mode(
    tmp_path: Path, label: str, old: str, new: str
) -> None:
    codes = {"webhook": WEBHOOK, "oauth": OAUTH, "crest": CREST}
    key = {"cURL (Webhook)": "webhook", "cURL (OAuth)": "oauth", "PHP CRest": "crest"}[label]
    assert old in codes[key]
    codes[key] = codes[key].replace(old, new)
    write(tmp_path, styled_page(**codes))
    assert exact_drift(tmp_path) == [label]


def test_the_oauth_token_may_travel_in_a_header_not_nowhere(tmp_path: Path) -> None:
    header = OAUTH.replace('"auth": "**put_access_token_here**", ', "").replace(
        '-H "Accept', '-H "Authorization: Bearer **put_access_token_here**" \\\n     -H "Accept'
    )
    write(tmp_path, styled_page(oauth=header))
    layout = next(c.layout for c in spec_of(tmp_path).calls if c.label == "cURL (OAuth)")
    assert layout["token_in"] == "header"
    assert exact_drift(tmp_path) == []
    nowhere = OAUTH.replace('"auth": "**put_access_token_here**", ', "")
    write(tmp_path, styled_page(oauth=nowhere))
    assert exact_drift(tmp_path) == ["cURL (OAuth)"]


def test_exact_sync_rewrites_a_drifting_tab_in_its_own_layout(tmp_path: Path) -> None:
    page = write(tmp_path, styled_page(crest=CREST.replace("'id' => 42,", "'id' => 7,")))
    check(tmp_path, "method-exact", SyncMode())
    assert CREST in page.read_text(encoding="utf-8").replace("\n    ", "\n")
    assert exact_drift(tmp_path) == []


def test_a_missing_tab_takes_the_blocks_majority_layout_of_its_family(tmp_path: Path) -> None:
    write(tmp_path, method_page(tab("cURL (OAuth)", "bash", OAUTH)))
    spec = spec_of(tmp_path)
    assert majority_layout(spec, 0, "curl_webhook") == LAYOUTS["cURL (OAuth)"]
    assert majority_layout(spec, 0, "php_crest") == {}
    assert majority_layout(spec, 0, "go") == {}
    assert {"curl_webhook", "curl_oauth", "php_crest"} <= set(READERS)


def test_add_missing_writes_the_missing_tab_in_the_blocks_majority_layout(tmp_path: Path) -> None:
    write(tmp_path, method_page(tab("cURL (OAuth)", "bash", OAUTH)))
    check(tmp_path, "method-exact", SyncMode(add_missing=True))
    spec = spec_of(tmp_path)
    added = next(t.code for t in spec.examples[0].tabs if t.label == "cURL (Webhook)")
    assert added == (
        "curl -X POST \\\n"
        '     -H "Content-Type: application/json" \\\n'
        '     -H "Accept: application/json" \\\n'
        """     -d '{"id": 42}' \\\n"""
        "     https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/"
        "**put_your_webhook_here**/crm.deal.get\n"
    )
    assert exact_drift(tmp_path) == []


def test_shaped_literals() -> None:
    value = {"a": [1, 2], "b": {"c": None, "d": [{"e": True}]}}
    assert json_shaped(value) == '{"a":[1,2],"b":{"c":null,"d":[{"e":true}]}}'
    shape = {"indent": 2, "inline": [1, 3], "comma": ", ", "colon": ": ", "pad": True}
    assert json_shaped(value, shape, 1) == (
        '{\n   "a": [1, 2],\n   "b": {\n     "c": null,\n     "d": [{ "e": true }]\n   }\n }'
    )
    assert php_shaped(value, {"trailing_comma": [0]}, 4) == (
        "[\n        'a' => [1, 2],\n        'b' => [\n            'c' => null,\n"
        "            'd' => [\n                [\n                    'e' => true\n"
        "                ]\n            ]\n        ],\n    ]"
    )
    assert php_shaped({"k": "a$b"}, {"indent": 0, "value_quote": '"'}) == "['k' => \"a\\$b\"]"
    spaced = {"seps": {"0.2": ", "}, "colons": {"0.1": ": "}}
    assert json_shaped({"a": 1, "b": 2, "c": 3}, spaced) == '{"a":1,"b": 2, "c":3}'
    code = WEBHOOK.replace("-d '{\n    \"id\": 42\n  }'", """-d '{"id":42, "x" : 1}'""")
    assert read_layout("curl_webhook", code)["json"] == {
        "colons": {"0.1": " : "},
        "comma": ", ",
    }
    assert json_shaped({"id": {"$expr": "**put_id**"}, "n": {"$expr": "n"}}) == (
        '{"id":**put_id**,"n":{"$expr":"n"}}'
    )


def test_a_crest_tab_writing_integer_keys_keeps_them() -> None:
    """`547 => …` (PHP stores the key `'547'` as that integer): the layout says `bare_numbers`,
    the render writes decimal keys bare (`'0547'` stays a string), and an integer key is not
    counted among the strings (`double` numbers `"TYPE"` as string 1)."""
    from generator.layout import read_layout
    from generator.render.shaped import php_shaped

    literal = (
        "[\n        'ITEMS' => [\n            547 => [\"TYPE\" => 'A'],\n"
        "            '0547' => 'x',\n        ],\n    ]"
    )
    code = f"$result = CRest::call(\n    'sample.item.add',\n    {literal}\n);\n"
    shape = read_layout("php_crest", code)["params"]
    assert shape == {"bare_numbers": True, "double": [1], "inline": [2], "trailing_comma": True}
    items = {"ITEMS": {"547": {"TYPE": "A"}, "0547": "x"}}
    assert php_shaped(items, shape, 4) == literal
    assert "'547' =>" in php_shaped(items, {}, 4)
