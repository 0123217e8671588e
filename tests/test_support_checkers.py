"""Each batched checker: a good snippet passes, a broken one is reported with its id and line."""

import textwrap

import pytest

from tests.support.checkers import (
    CHECKERS_BY_LABEL,
    check_bash,
    check_go,
    check_js,
    check_js_await,
    check_php,
    check_python,
    check_ts,
    check_umd,
)
from tests.support.snippets import Failure, Snippet, first_difference

pytestmark = pytest.mark.toolchain


def snippet(snippet_id: str, code: str) -> Snippet:
    return Snippet(snippet_id, textwrap.dedent(code).lstrip("\n"), f"test.md:1 [{snippet_id}]")


def lines_by_id(failures: list[Failure]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for failure in failures:
        found.setdefault(failure.snippet_id, []).append(failure.line)
    return found


def test_bash() -> None:
    good = snippet(
        "curl-good",
        """
        curl -X POST \\
        -H "Content-Type: application/json" \\
        -d '{"event":"ONCRMDEALADD","handler":"https://example.com/handler.php"}' \\
        https://**put_your_bitrix24_address**/rest/**put_your_user_id_here**/**put_your_webhook_here**/event.bind
        """,
    )
    unclosed_quote = snippet(
        "curl-quote",
        """
        curl -X POST \\
        -H "Accept: application/json" \\
        -d '{"auth":"x"} \\
        https://example.invalid/rest/profile
        """,
    )
    stray_fi = snippet("curl-fi", "echo one\necho two\nfi\n")
    failures = check_bash([good, unclosed_quote, stray_fi])
    assert lines_by_id(failures) == {"curl-quote": [3], "curl-fi": [3]}
    assert "matching" in failures[0].message
    assert failures[0].origin == "test.md:1 [curl-quote]"


def test_js() -> None:
    good = snippet(
        "bx24-good",
        """
        BX24.callMethod(
            'event.bind',
            { event: 'ONCRMDEALADD', handler: 'https://example.com/handler.php' },
            function (result) {
                if (result.error()) {
                    console.error(result.error());
                } else {
                    console.info(result.data());
                }
            }
        );
        """,
    )
    bad = snippet(
        "bx24-bad",
        """
        BX24.init(function () {
            BX24.placement.bindEvent('CallCard::BeforeClose', function () {
                console.log('closing');
            };
        });
        """,
    )
    failures = check_js([good, bad])
    assert lines_by_id(failures) == {"bx24-bad": [4]}
    assert failures[0].message.startswith("SyntaxError:")


def test_js_rejects_top_level_await_but_await_variant_accepts_it() -> None:
    code = "const response = await $b24.callMethod('profile', {});\nconsole.log(response);\n"
    awaited = snippet("js-await", code)
    broken = snippet("js-await-bad", "const response = await call();\nconst = 1;\n")
    assert lines_by_id(check_js([awaited])) == {"js-await": [1]}
    assert lines_by_id(check_js_await([awaited, broken])) == {"js-await-bad": [2]}


def test_umd() -> None:
    good = snippet(
        "umd-good",
        """
        <script src="https://unpkg.com/@bitrix24/b24jssdk@1/dist/umd/index.min.js"></script>
        <script>
          document.addEventListener('DOMContentLoaded', async () => {
            const $b24 = await B24Js.initializeB24Frame()
            await $b24.placement.bindEvent('CallCard::BeforeClose', () => {})
          })
        </script>
        """,
    )
    bad = snippet(
        "umd-bad",
        """
        <!-- the SDK -->
        <script src="https://unpkg.com/@bitrix24/b24jssdk@1/dist/umd/index.min.js"></script>
        <script>
          async function bind() {
            const $b24 = await B24Js.initializeB24Frame(
          }
        </script>
        """,
    )
    unclosed = snippet("umd-unclosed", "<script>\n  console.log(1)\n")
    failures = check_umd([good, bad, unclosed])
    assert lines_by_id(failures) == {"umd-bad": [6], "umd-unclosed": [0]}


def test_ts_typechecks_against_the_real_sdk() -> None:
    call_make = snippet(
        "ts-call",
        """
        import { Text } from '@bitrix24/b24jssdk'
        import type { B24Frame } from '@bitrix24/b24jssdk'

        declare const $b24: B24Frame

        try {
          const response = await $b24.actions.v2.call.make<boolean>({
            method: 'event.bind',
            params: { event: 'ONCRMDEALADD', handler: 'https://example.com/handler.php' },
            requestId: Text.getUuidRfc4122()
          })
          if (!response.isSuccess) {
            console.error(response.getErrorMessages().join('; '))
          } else {
            const bound: boolean = response.getData()!.result
            console.info('bound:', bound)
          }
        } catch (error) {
          console.error(error)
        }
        """,
    )
    bind_event = snippet(
        "ts-bind",
        """
        import type { B24Frame } from '@bitrix24/b24jssdk'

        declare const $b24: B24Frame

        await $b24.placement.bindEvent('CallCard::BeforeClose', () => {
          // handler code
        })
        """,
    )
    wrong_result = snippet(
        "ts-wrong-type",
        """
        import type { B24Frame } from '@bitrix24/b24jssdk'

        declare const $b24: B24Frame

        const response = await $b24.actions.v2.call.make<boolean>({ method: 'user.admin' })
        const admin: string = response.getData()!.result
        """,
    )
    no_such_api = snippet(
        "ts-no-api",
        """
        import type { B24Frame } from '@bitrix24/b24jssdk'

        declare const $b24: B24Frame
        await $b24.placement.bindEvents('CallCard::BeforeClose', () => {})
        """,
    )
    failures = check_ts([call_make, bind_event, wrong_result, no_such_api])
    assert lines_by_id(failures) == {"ts-wrong-type": [6], "ts-no-api": [4]}
    assert all("error TS" in f.message for f in failures)


def test_php() -> None:
    crest = snippet(
        "crest-good",
        """
        require_once('crest.php');

        $result = CRest::call(
            'event.bind',
            [
                'event' => 'ONCRMDEALADD',
                'handler' => 'https://example.com/handler.php',
            ]
        );

        function processData($result) { print_r($result); }
        processData($result);
        """,
    )
    same_function_again = snippet(
        "php-opened",
        "<?php\nfunction processData($result) { echo $result; }\n",
    )
    missing_bracket = snippet(
        "php-bad",
        """
        try {
            $response = $b24Service->core->call('profile', [];
        } catch (Throwable $e) {
            echo $e->getMessage();
        }
        """,
    )
    failures = check_php([crest, same_function_again, missing_bracket])
    assert lines_by_id(failures) == {"php-bad": [2]}
    assert "Parse error" in failures[0].message


def test_python() -> None:
    good = snippet(
        "py-good",
        """
        from b24pysdk.client import BaseClient
        from b24pysdk.errors import BitrixAPIError

        client: BaseClient

        try:
            result = client.event.bind(
                event="ONCRMDEALADD", handler="https://example.com/handler.php"
            ).response.result
            print(result)
        except BitrixAPIError as error:
            print(f"error: {error.error}")
        """,
    )
    syntax = snippet("py-syntax", "import json\n\nprint(json.dumps({})\n")
    style = snippet("py-style", "import json\n\nprint(json.dumps({'a':1}))\n")
    no_final_newline = snippet("py-no-newline", "print(1)")
    failures = check_python([good, syntax, style, no_final_newline])
    assert lines_by_id(failures) == {"py-syntax": [3], "py-style": [3]}
    assert failures[1].message.startswith("not black-formatted")


GO_GOOD = """
// client and ctx are created by the caller
res, err := client.Core().Call(ctx, "event.bind", b24.Params{
\t"event":   "ONCRMDEALADD",
\t"handler": "https://example.com/handler.php",
}, b24.WithIdempotent())
if err != nil {
\treturn fmt.Errorf("event.bind: %w", err)
}

var ok bool
if err := json.Unmarshal(res.Result, &ok); err != nil {
\treturn fmt.Errorf("decode: %w", err)
}
fmt.Println("bound:", ok, strings.ToUpper("done"))
"""


def test_go() -> None:
    good = snippet("go-good", GO_GOOD)
    ends_with_return = snippet(
        "go-return",
        'res, err := client.Core().Call(ctx, "profile", nil)\n'
        "if err != nil {\n\treturn err\n}\n"
        'return fmt.Errorf("unexpected: %s", res.Result)\n',
    )
    undefined = snippet("go-undefined", 'fmt.Println("a")\nfmt.Println(missing)\n')
    unused = snippet("go-unused", "var id b24.ID\nx := 1\n_ = id\n")
    vet = snippet("go-vet", 'var n b24.ID\nfmt.Printf("%s\\n", "a", n)\n')
    spaces = snippet("go-gofmt", GO_GOOD.replace('\t"event":   ', '    "event": '))
    # A syntax error hides type errors, which hide vet findings: all must still be reported.
    syntax = snippet("go-syntax", "if {\n}\n")
    failures = check_go([good, ends_with_return, undefined, unused, vet, syntax, spaces])
    assert lines_by_id(failures) == {
        "go-undefined": [2],
        "go-syntax": [1],
        "go-unused": [2],
        "go-vet": [2],
        "go-gofmt": [3],
    }
    assert failures[-1].message == 'not gofmt-clean; gofmt gives \'\\t"event":   "ONCRMDEALADD",\''


def test_checker_table_covers_every_example_label() -> None:
    labels = {"cURL (Webhook)", "cURL (OAuth)", "BX24.js", "JS", "JS (UMD)", "JS (TS)"}
    labels |= {"PHP", "PHP CRest", "Python", "Go"}
    assert set(CHECKERS_BY_LABEL) == labels


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        check_python([snippet("same", "x = 1\n"), snippet("same", "y = 2\n")])


def test_first_difference() -> None:
    assert first_difference("a\nb\nc\n", "a\nB\nc\n") == (2, "B")
    assert first_difference("a\n", "a\n") == (0, "")
