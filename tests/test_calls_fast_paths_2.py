"""The call readers' second round of fast paths keep their answers and their sharing.

- `parse_once` keeps only the last PARSES_KEPT trees (a tree freed soon after its parse is freed
  from the CPU's caches): the call reader and the layout reader of one tab still share one parse.
"""

from __future__ import annotations

import pytest

from generator.calls import read_call
from generator.calls.read import _read
from generator.calls.trees import PARSES_KEPT, parse_once
from generator.extract.examples import find_example_blocks
from generator.extract.method_calls import code_layout, tab_calls
from tests.corpus import CORPUS_RU, need
from tests.test_calls_corpus import method_pages

# label, code: one tab of each target that has a layout reader (cURL's also parses its JSON body)
LAYOUT_TABS = [
    ("cURL (Webhook)", "curl -X POST -H 'Content-Type: application/json' \\\n"
     "  -d '{\"id\": 1}' https://x.bitrix24.ru/rest/1/abc/crm.deal.get"),
    ("cURL (OAuth)", "curl -X POST -d '{\"id\": 1, \"auth\": \"**put_token**\"}' "
     "https://x.bitrix24.ru/rest/crm.deal.get"),
    ("JS (TS)", "const r = await $b24.actions.v2.call.make({ method: 'crm.deal.get', "
     "params: { id: 1 } })\nconsole.log(r.getData().result)"),
    ("JS (UMD)", "<script src=\"https://x/umd.js\"></script>\n<script>\n"
     "  $b24.actions.v2.call.make({ method: 'crm.deal.get', params: { id: 1 } })\n</script>"),
    ("PHP CRest", "<?php\n$result = CRest::call('crm.deal.get', ['id' => 1]);\necho '<PRE>';"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "code"), LAYOUT_TABS)
def test_a_tabs_call_and_layout_readers_share_one_parse(label: str, code: str) -> None:
    parse_once.cache_clear()
    model = read_call(code, label=label, fence_lang=None)
    assert parse_once.cache_info()[:2] == (0, 1)  # (hits, misses)
    assert model.readable and model.method == "crm.deal.get"
    code_layout(label, code)
    body = 1 if label.startswith("cURL") else 0
    info = parse_once.cache_info()
    assert (info.hits, info.misses, info.maxsize) == (1, 1 + body, PARSES_KEPT)


@pytest.mark.corpus
def test_call_and_layout_readers_share_parses_on_every_ru_method_page() -> None:
    """As `parse` reads them: each page's tabs, call model then layout, tab by tab. The 15,551
    distinct pieces are parsed 16,417 times: the 866 more are the same code met again further on
    (another page's identical tab), whose tree is no longer kept."""
    parse_once.cache_clear()
    _read.cache_clear()
    calls = 0
    for page in method_pages(need(CORPUS_RU)):
        calls += len(tab_calls(find_example_blocks(page), layouts=True))
    info = parse_once.cache_info()
    assert calls == 13412
    assert (info.hits, info.misses) == (7925, 16417)
