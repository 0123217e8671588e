"""JS-only method pages: a widget function of BX24.js (`BX24.placement.call`) and its b24jssdk twin
on `$b24`, read as calls (generator/calls/js_interface.py) and rendered by their own templates
(templates/examples/method/interface/), with no REST URL and no webhook.

The fixture pages are written here; the facts (function names, the `getStatus` command, the
argument names) are the docs'.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import CORPUS_RU, need

from generator.calls import read_call
from generator.check.method_drift import call_drift
from generator.check.run import run_check
from generator.diagnostics import DocgenError
from generator.options import Options, SyncMode
from generator.parse import parse_docs, parse_page
from generator.render.canonical import canonical_call
from generator.render.method_tabs import render_method_tab
from generator.spec.method import MethodSpec
from generator.sync import sync_pages

PAGE = "api-reference/widgets/ui-interaction/bx24-placement-call.md"
CALL_ROWS = (
    "|| **command***\n[`string`](../../data-types.md) | Команда ||\n"
    "|| **parameters**\n[`object`](../../data-types.md) | Аргументы команды ||\n"
    "|| **callback**\n[`callable`](../../data-types.md) | Получит ответ ||\n"
)
BX24_TAB = """\
- BX24.js

    ```js
    BX24.ready(function () {
        BX24.init(function () {
            BX24.placement.call('setTitle', {title: 'Клиент'}, function (answer) {
                console.log(answer);
            });
        });
    });
    ```
"""
TS_TAB = """\
- JS (TS)

    ```ts
    const answer = await $b24.placement.call('setTitle', { title: 'Клиент' })
    ```
"""
UMD_TAB = """\
- JS (UMD)

    ```html
    <script>
      document.addEventListener('DOMContentLoaded', async () => {
        const $b24 = await B24Js.initializeB24Frame()
        await $b24.placement.call('getStatus')
      })
    </script>
    ```
"""


def page(function: str, rows: str, *tabs: str) -> str:
    return (
        f"# Вызвать функцию виджета {function}\n\n"
        "> Scope: [`placement`](../../scopes/permissions.md)\n>\n"
        "> Кто может выполнять метод: любой пользователь\n\n"
        f"Функция `{function}` работает внутри виджета.\n\n"
        "## Параметры метода\n\n"
        "#|\n|| **Название**\n`тип` | **Описание** ||\n" + rows + "|#\n\n"
        "## Примеры кода\n\n"
        "{% list tabs %}\n\n" + "\n".join(tabs) + "\n{% endlist %}\n"
    )


def write(root: Path, text: str, rel: str = PAGE) -> MethodSpec:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    spec = parse_page(root, rel).spec
    assert isinstance(spec, MethodSpec)
    return spec


# --- the call models -------------------------------------------------------------------------------


def test_widget_functions_are_read_as_the_bx24_function_and_its_data_arguments() -> None:
    bx24 = read_call(
        "BX24.placement.call('getStatus', {}, function (r) {});", label="BX24.js", fence_lang="js"
    )
    ts = read_call(
        "await $b24.placement.bindEvent('A::B', (d) => {})", label="JS (TS)", fence_lang="ts"
    )
    info = read_call("console.info($b24.placement.options)", label="JS (TS)", fence_lang="ts")
    seen = [(m.method, m.params, m.style, m.sdk, m.readable) for m in (bx24, ts, info)]
    assert seen == [
        ("BX24.placement.call", ["getStatus"], "interface", "bx24js", True),
        ("BX24.placement.bindEvent", ["A::B"], "interface", "b24jssdk-placement", True),
        ("BX24.placement.info", [], "interface", "b24jssdk-placement", True),
    ]
    assert bx24.params_span is not None and (bx24.params_span.start, bx24.params_span.end) == (
        20,
        35,
    )


def test_a_rest_call_in_the_same_tab_stays_the_tabs_call() -> None:
    code = "BX24.placement.info();\nBX24.callMethod('crm.deal.get', {id: 1});\n"
    model = read_call(code, label="BX24.js", fence_lang="js")
    assert (model.method, model.params, model.style) == ("crm.deal.get", {"id": 1}, "single")


# --- the templates ---------------------------------------------------------------------------------

BX24_CALL = """\
BX24.ready(function () {
    BX24.init(function () {
        BX24.placement.call('setTitle', {
            title: 'Клиент'
        }, function (result) {
            console.log(result);
        });
    });
});
"""
TS_CALL = """\
// $b24 — инициализированный экземпляр SDK, см. руководство по началу работы
import type { B24Frame } from '@bitrix24/b24jssdk'

declare const $b24: B24Frame

const result = await $b24.placement.call('setTitle', {
  title: 'Клиент',
})

console.info(result)
"""
UMD_CALL = """\
<!-- Загрузка SDK в UMD-сборке, глобальный объект B24Js -->
<script src="https://unpkg.com/@bitrix24/b24jssdk@1/dist/umd/index.min.js"></script>
<script>
  document.addEventListener('DOMContentLoaded', async () => {
    const $b24 = await B24Js.initializeB24Frame()

    const result = await $b24.placement.call('setTitle', {
      title: 'Клиент',
    })

    console.info(result)
  })
</script>
"""


def test_a_js_only_page_renders_widget_code_byte_for_byte(tmp_path: Path) -> None:
    spec = write(tmp_path, page("BX24.placement.call", CALL_ROWS, BX24_TAB, TS_TAB, UMD_TAB))
    call = canonical_call(spec)
    # BX24.js and JS (TS) pass the object, JS (UMD) only the command: the majority wins
    assert (call.method, call.params, call.style) == (
        "BX24.placement.call",
        ["setTitle", {"title": "Клиент"}],
        "interface",
    )
    assert render_method_tab(spec, "bx24_js") == BX24_CALL
    assert render_method_tab(spec, "js_ts") == TS_CALL
    assert render_method_tab(spec, "js_umd") == UMD_CALL


BX24_EMPTY = """\
BX24.ready(function () {
    BX24.init(function () {
        BX24.placement.call('getStatus', {}, function (result) {
            console.log(result);
        });
    });
});
"""
TS_BIND = """\
// $b24 — инициализированный экземпляр SDK, см. руководство по началу работы
import type { B24Frame } from '@bitrix24/b24jssdk'

declare const $b24: B24Frame

await $b24.placement.bindEvent('CallCard::BeforeClose', (data: unknown) => {
  console.log(data)
})
"""
BX24_INFO = """\
BX24.ready(function () {
    BX24.init(function () {
        const result = BX24.placement.info();

        console.info(result);
    });
});
"""
UMD_INFO = """\
<!-- Загрузка SDK в UMD-сборке, глобальный объект B24Js -->
<script src="https://unpkg.com/@bitrix24/b24jssdk@1/dist/umd/index.min.js"></script>
<script>
  document.addEventListener('DOMContentLoaded', async () => {
    const $b24 = await B24Js.initializeB24Frame()

    console.info($b24.placement.placement, $b24.placement.options)
  })
</script>
"""


def test_callbacks_handlers_and_properties_take_their_library_shapes(tmp_path: Path) -> None:
    # BX24.js wants the parameters argument before its callback: one the block omits is `{}`
    spec = write(tmp_path, page("BX24.placement.call", CALL_ROWS, UMD_TAB))
    assert render_method_tab(spec, "bx24_js") == BX24_EMPTY
    bind = (
        "|| **event***\n[`string`](x.md) | Событие ||\n"
        "|| **callback***\n[`callable`](x.md) | Обработчик ||\n"
    )
    tab = "- JS (TS)\n\n    ```ts\n    $b24.placement.bindEvent('CallCard::BeforeClose', () => {})\n    ```\n"
    spec = write(
        tmp_path, page("BX24.placement.bindEvent", bind, tab), "api-reference/bx24-bind.md"
    )
    assert render_method_tab(spec, "js_ts") == TS_BIND
    tab = "- BX24.js\n\n    ```js\n    BX24.placement.info();\n    ```\n"
    spec = write(tmp_path, page("BX24.placement.info", "", tab), "api-reference/bx24-info.md")
    assert render_method_tab(spec, "bx24_js") == BX24_INFO
    assert render_method_tab(spec, "js_umd") == UMD_INFO


@pytest.mark.parametrize("target", ["curl_webhook", "curl_oauth", "php_crest", "python", "go"])
def test_rest_targets_refuse_a_widget_function(tmp_path: Path, target: str) -> None:
    spec = write(tmp_path, page("BX24.placement.call", CALL_ROWS, UMD_TAB))
    with pytest.raises(DocgenError) as excinfo:
        render_method_tab(spec, target)
    assert excinfo.value.diagnostic.code == "E-RENDER-KIND"
    assert excinfo.value.diagnostic.message == (
        f"target {target!r} cannot render BX24.placement.call: a JS-interface function has no "
        "REST call"
    )


# --- check and sync --------------------------------------------------------------------------------


def findings(root: Path, profile: str = "current", mode: SyncMode | None = None) -> list[str]:
    options = Options(profile=profile, mode=mode or SyncMode())
    report = run_check(root, (), options, use_cache=False, want_edits=mode is not None)
    if mode is not None:
        sync_pages(root, report.outcomes, dry_run=False)
    return [f"{f.line}: {f.kind} [{f.label}] {f.message}" for f in report.findings]


def test_check_compares_the_widget_call_and_sync_rewrites_only_its_arguments(
    tmp_path: Path,
) -> None:
    write(tmp_path, page("BX24.placement.call", CALL_ROWS, BX24_TAB, TS_TAB, UMD_TAB))
    drift = '50: drift [JS (UMD)] params differ: ["getStatus"] → ["setTitle", {"title": "Клиент"}]'
    assert findings(tmp_path) == [drift]
    assert findings(tmp_path, mode=SyncMode()) == [drift]
    text = (tmp_path / PAGE).read_text(encoding="utf-8")
    assert (
        "        await $b24.placement.call('setTitle', {\n          title: 'Клиент',\n        })\n"
        in text
    )
    assert findings(tmp_path) == []
    exact = findings(tmp_path, profile="method-exact")
    assert [f.split(" differs")[0] for f in exact] == [
        "26: drift [BX24.js]",
        "38: drift [JS (TS)]",
        "44: drift [JS (UMD)]",
    ]


# --- REST 3.0 --------------------------------------------------------------------------------------

V3_TAB = """\
- cURL (OAuth)

    ```bash
    curl -X POST \\
    -H "Content-Type: application/json" \\
    -d '{"id":5,"auth":"**put_access_token_here**"}' \\
    https://**put_your_bitrix24_address**/rest/api/tasks.task.get
    ```
"""


def test_a_rest_3_page_renders_its_own_urls(tmp_path: Path) -> None:
    rows = "|| **id***\n[`integer`](x.md) | Задача ||\n"
    text = page("tasks.task.get", rows, V3_TAB).replace("функцию виджета", "задачу")
    spec = write(tmp_path, text, "api-reference/tasks/tasks-task-get.md")
    assert (spec.rest_version, canonical_call(spec).rest_version) == (3, 3)
    webhook = render_method_tab(spec, "curl_webhook").splitlines()[-1]
    oauth = render_method_tab(spec, "curl_oauth").splitlines()[-1]
    address = "https://**put_your_bitrix24_address**/rest/api/"
    assert webhook == address + "**put_your_user_id_here**/**put_your_webhook_here**/tasks.task.get"
    assert oauth == address + "tasks.task.get"
    assert "$b24.actions.v3.call.make" in render_method_tab(spec, "js_ts")


# --- the RU corpus ---------------------------------------------------------------------------------

JS_ONLY_PAGES = [
    "api-reference/widgets/ui-interaction/bx24-placement-bind-event.md",
    "api-reference/widgets/ui-interaction/bx24-placement-call.md",
    "api-reference/widgets/ui-interaction/bx24-placement-get-interface.md",
    "api-reference/widgets/ui-interaction/bx24-placement-info.md",
]


@pytest.mark.corpus
def test_the_corpus_js_only_pages_are_read_and_reproduced() -> None:
    root = need(CORPUS_RU)
    specs = [s for s in parse_docs(root).specs if isinstance(s, MethodSpec)]
    js_only = sorted(
        (s for s in specs if s.method.startswith("BX24.") and s.examples),
        key=lambda s: s.source.path,
    )
    assert [s.source.path for s in js_only] == JS_ONLY_PAGES
    read = same_call = exact = 0
    for spec in js_only:
        for call in spec.calls:
            tab = spec.examples[call.block].tabs[call.tab]
            rendered = render_method_tab(spec, tab.target, block=call.block, label=tab.label)
            read += call.readable and call.style == "interface"
            same_call += call_drift(tab.code, tab.lang, tab.label, rendered, tab.lang) is None
            exact += rendered == tab.code
    assert (len([c for s in js_only for c in s.calls]), read, same_call, exact) == (12, 12, 12, 1)
    report = run_check(root, tuple(JS_ONLY_PAGES), Options(), use_cache=False)
    assert [f.kind for f in report.findings] == []
