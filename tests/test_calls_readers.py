"""Call-model readers on hand-written fixtures (tests/fixtures/calls): every reader and every
irregular shape the corpus holds. The per-language case tables (tests/test_calls_curl.py,
_js.py, _php_python_go.py) assert whole CallModels; this module holds the shared checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.calls import CallModel, CodeSpan, read_call
from generator.calls.read import language_of

FIXTURES = Path(__file__).parent / "fixtures" / "calls"


def code_of(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def assert_case(name: str, label: str, fence: str, expected: CallModel) -> None:
    """The fixture reads as `expected`, and its span's line/col agree with its offset."""
    code = code_of(name)
    assert read_call(code, label=label, fence_lang=fence) == expected
    span = expected.params_span
    if span is not None:
        before = code[: span.start].split("\n")
        assert (span.line, span.col) == (len(before), len(before[-1]) + 1)


SPAN_TEXTS = [
    (
        "curl_webhook.sh",
        "cURL (Webhook)",
        "bash",
        '{"entityId":7,"fields":{"TITLE":"Spring order","TAGS":["a","b"]}}',
    ),
    ("js_ts_v3_list.ts", "JS (TS)", "ts", "{ stageId: 'NEW', active: true }"),
    ("bx24_array_params.js", "BX24.js", "js", "[13]"),
    ("python_as_list.py", "Python", "python", "(payment_id=7)"),
    ("go_unwrap_nil.go", "Go", "go", "nil"),
    ("go_pages.go", "Go", "go", 'b24.Params{"select": []string{"ID"}}'),
]


@pytest.mark.parametrize(("name", "label", "fence", "text"), SPAN_TEXTS)
def test_span_covers_exactly_the_literal(name: str, label: str, fence: str, text: str) -> None:
    """What sync would rewrite: the literal itself (a Python call's argument list)."""
    code = code_of(name)
    span = read_call(code, label=label, fence_lang=fence).params_span
    assert span is not None
    assert code[span.start : span.end] == text


def test_non_ascii_code_spans_count_characters_not_bytes() -> None:
    code = "// Привет, мир\nBX24.callMethod('a.b', {name: 'ёж'}, cb)\n"
    model = read_call(code, label="BX24.js", fence_lang="js")
    assert model.params_span == CodeSpan(38, 50, 2, 24)
    assert code[38:50] == "{name: 'ёж'}"
    assert model.params == {"name": "ёж"}


def test_placeholders_in_code_are_expressions_not_syntax_errors() -> None:
    code = "CRest::call('vote.AttachedVote.get', ['attachId' => **put_attach_id**]);\n"
    model = read_call(code, label="PHP CRest", fence_lang="php")
    assert model.params == {"attachId": {"$expr": "**put_attach_id**"}}


@pytest.mark.parametrize(
    ("name", "style", "span"),
    [
        ("python_prose_1.py", "single", CodeSpan(114, 128, 5, 55)),
        ("python_prose_2.py", "list", CodeSpan(47, 61, 1, 48)),
        ("python_prose_3.py", "list", CodeSpan(47, 61, 1, 48)),
    ],
)
def test_each_fence_of_a_python_tab_with_prose_reads_alone(
    name: str, style: str, span: CodeSpan
) -> None:
    """A Python tab's plain / as_list / as_list_fast fences (prose between them) are read one by
    one, so each span indexes its own fence's code."""
    code = code_of(name)
    assert read_call(code, label="Python", fence_lang="python") == CallModel(
        readable=True,
        reason=None,
        sdk="b24pysdk",
        language="python",
        method="crm.item.payment.product.list",
        params={"payment_id": 7},
        params_span=span,
        auth="sdk",
        style=style,
        rest_version=None,
        result_access=(("result",),) if name == "python_prose_1.py" else (),
        calls=("crm.item.payment.product.list",),
    )
    assert code[span.start : span.end] == "(payment_id=7)"


@pytest.mark.parametrize(
    ("code", "label", "fence", "reason", "sdk", "language"),
    [
        ("", "Go", "go", "empty", "b24gosdk", "go"),
        ("  \n", "PHP", "php", "empty", "b24phpsdk", "php"),
        ("int x", "string", None, "no-call", "unknown", "unknown"),
        ("console.log(1)\n", "BX24.js", "js", "no-call", "unknown", "javascript"),
        ("BX24.callMethod(\n  'a.b',\n", "BX24.js", "js", "parse-error", "unknown", "javascript"),
    ],
)
def test_not_readable(
    code: str, label: str, fence: str | None, reason: str, sdk: str, language: str
) -> None:
    model = read_call(code, label=label, fence_lang=fence)
    assert (model.readable, model.reason, model.sdk, model.language) == (
        False, reason, sdk, language,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("label", "fence", "language"),
    [
        ("cURL (Webhook)", "http", "http"),
        ("cURL (OAuth)", "curl", "bash"),
        ("cURL (OAuth)", None, "bash"),
        ("BX24.js", "BX24.callMethod(", "javascript"),
        ("JS", "JavaScript", "javascript"),
        ("JS", "json", "javascript"),
        ("JS (UMD)", "html", "html"),
        ("PHP CRest", "go", "go"),
        ("Python", "go", "go"),
        ("Go", None, "go"),
        ("integer", None, "unknown"),
    ],
)
def test_language_comes_from_the_fence_then_the_label(
    label: str, fence: str | None, language: str
) -> None:
    assert language_of(label, fence) == language


def test_a_url_that_breaks_urlsplit_still_reads() -> None:
    code = "curl -d '{}' https://**put_your_bitrix24_address]**/rest/1/token/user.get\n"
    model = read_call(code, label="cURL (Webhook)", fence_lang="bash")
    assert (model.readable, model.method, model.auth) == (True, "user.get", "webhook")


FENCES = ["bash", "http", "ts", "js", "html", "php", "python", "go", None]
SHAPES = st.text(alphabet=st.sampled_from(list("{}[]()\"'`,:;=>-\\$*.\n abé0?#<")), max_size=120)
SEEDS = st.sampled_from(
    [
        "curl -d '{\"a\":1}' https://h/rest/1/t/a.b\n",
        "BX24.callMethod('a.b', {x: [1, 2]}, cb)\n",
        "<script>$b24.actions.v2.call.make({method: 'a.b', params: {}})</script>\n",
        "CRest::call('a.b', ['x' => [1]]);\n",
        "client.a.b(x={'k': 1}).response\n",
        'client.Core().Call(ctx, "a.b", b24.Params{"x": 1})\n',
    ]
)


@settings(max_examples=300, deadline=None)
@given(seed=SEEDS, noise=SHAPES, at=st.integers(0, 80), fence=st.sampled_from(FENCES))
def test_any_text_reads_without_raising_and_spans_stay_inside(
    seed: str, noise: str, at: int, fence: str | None
) -> None:
    code = seed[:at] + noise + seed[at:]
    model = read_call(code, label="cURL (Webhook)", fence_lang=fence)
    span = model.params_span
    if span is not None:
        assert 0 <= span.start <= span.end <= len(code)
        before = code[: span.start].split("\n")
        assert (span.line, span.col) == (len(before), len(before[-1]) + 1)
