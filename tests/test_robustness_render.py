"""Property tests for rendering: any valid spec renders code its language's checker accepts, and every
literal filter round-trips arbitrary text through the language's own parser.

Specs are built directly (kinds, event names, handler URLs, field names and types, payloads with
quotes, backslashes, `</script>`, `${`, control characters, astral characters, ...) and must pass
the JSON Schema (`dump_yaml` validates). Tools come from tests/support/toolchains.py: a missing
toolchain skips locally and fails under CI=true. Example counts are small because each example is
one batch per language tool.
"""

from __future__ import annotations

import ast
import json
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.diagnostics import DocgenError
from generator.profiles import load_profiles
from generator.render import literals as filters
from generator.render.examples import expected_tabs
from generator.spec.event import EventSpec, Handler, Payload, Subscription
from generator.spec.io import dump_yaml, load_yaml
from generator.spec.parts import Field, Source
from tests.support import checkers
from tests.support.snippets import Failure, Snippet
from tests.support.toolchains import require

BATCH_SETTINGS = settings(
    max_examples=2,
    derandomize=True,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

# Any text a YAML spec can hold: no surrogates (YAML is UTF-8), everything else allowed.
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=24)
nasty = st.sampled_from(
    [
        "'",
        '"',
        "\\",
        "`",
        "${x}",
        "</script>",
        "<!--",
        "*/",
        "?>",
        "%s",
        "$x",
        "\n",
        "\r\n",
        "\t",
        "\x00",
        "\u2028",
        "\u0085",
        "\u00ad",
        "\ufeff",
        "\U0001f600",
        "é",
        "Ж",
        "",
        " ",
        "||",
        "{{ x }}",
        "{% x %}",
    ]
)
text = st.one_of(any_text, nasty, st.lists(st.one_of(nasty, any_text), max_size=4).map("".join))
identifier = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
field_name = st.one_of(
    identifier, identifier.map(lambda n: f"data.{n}"), identifier.map(lambda n: f"{n}[]"), text
)
field_type = st.one_of(
    st.sampled_from(
        [
            "string",
            "integer",
            "object",
            "array",
            "boolean",
            "undefined|object",
            "object[]",
            "string[]",
            "unknown",
            "callable",
            "timestamp",
        ]
    ),
    st.none(),
    text,
)
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.one_of(identifier, text), inner, max_size=3)
    ),
    max_leaves=6,
)


def make_spec(
    kind: str,
    event: str,
    fields: list[Field] = (),  # type: ignore[assignment]
    payloads: list[Any] = (),  # type: ignore[assignment]
    event_name: str | None = None,
    handler_url: str | None = None,
    locale: str = "ru",
    text_fields: tuple[str, str] = ("", ""),
) -> EventSpec:
    handler = Handler(
        "callback" if kind == "js_event" else "post",
        [Payload(None, "json", data, 1) for data in payloads],
        list(fields),
    )
    method = "BX24.placement.bindEvent" if kind == "js_event" else "event.bind"
    subscription = Subscription(method, event_name, handler_url, [])
    spec = EventSpec(
        spec_version=1,
        kind=kind,  # type: ignore[arg-type]
        event=event,
        title=text_fields[0],
        locale=locale,  # type: ignore[arg-type]
        source=Source("api-reference/demo/events/on-demo.md", "0" * 64, {}),
        scopes=[],
        subscribers=None,
        description=text_fields[1],
        notes=[],
        handler=handler,
        subscription=subscription,
        examples=[],
        related=[],
        diagnostics=[],
    )
    assert load_yaml(dump_yaml(spec)) == spec  # a valid spec: it passes the schema and round-trips
    return spec


@st.composite
def specs(draw: st.DrawFn) -> EventSpec:
    kind = draw(st.sampled_from(["rest_event", "js_event", "legacy_event"]))
    event = draw(
        st.one_of(st.sampled_from(["onTaskAdd", "CallCard::BeforeClose", "ONIMBOTJOINCHAT"]), text)
    )
    fields = [
        Field(draw(field_name), draw(field_type), draw(st.booleans()), draw(text), None, 1)
        for _ in range(draw(st.integers(0, 4)))
    ]
    payloads = [draw(json_value)] if draw(st.booleans()) else []
    return make_spec(
        kind,
        event,
        fields,
        payloads,
        event_name=draw(st.one_of(st.none(), text)),
        handler_url=None
        if kind == "js_event"
        else draw(st.one_of(st.none(), st.just("https://example.com/h.php"), text)),
        locale=draw(st.sampled_from(["ru", "en"])),
        text_fields=(draw(text), draw(text)),
    )


def _field(name: str, type_: str | None) -> Field:
    return Field(name, type_, True, "", None, 1)


# Shapes found by earlier runs, kept in every batch so they never come back unnoticed.
EDGE_SPECS = [
    make_spec(  # arguments typed `unknown` and `string` whose example values are objects
        "js_event",
        "Demo::Closed",
        [_field("a", "callable"), _field("b", "string")],
        [[{"x": 1}, {"y": 2}]],
    ),
    make_spec(
        "js_event",
        "Demo::Closed",
        [_field("PHONE-NUMBER", "string"), _field("class", "string")],
        [[1, 2]],
    ),
    make_spec("js_event", "</script><!--", [], [{"a-b": "x", "c": {"d e": 1}}]),
    make_spec(
        "js_event",
        "Demo::Changed",
        [_field("data", "object[]"), _field("data.ID", "integer"), _field("data.X-Y", "string")],
        [[{"ID": 1, "X-Y": "z"}]],
    ),
    make_spec(
        "rest_event",
        "onDemoAdd",
        event_name='it\'s "quoted" \\ ${x} `y` $z </script>',
        handler_url="https://e.x/h.php?a='b'&c=\"d\"",
    ),
    make_spec("legacy_event", "\n\r\t\x00\u2028\u0085\U0001f600", locale="en"),
    make_spec(
        "rest_event", "onDemoAdd", event_name='\x85\u00ad\x7f\n\r\t\x00\u2028"""', locale="en"
    ),
]


CHECKER_BY_TARGET: dict[str, Callable[[list[Snippet]], list[Failure]]] = {
    "curl_webhook": checkers.check_bash,
    "curl_oauth": checkers.check_bash,
    "curl_webhook_2024": checkers.check_bash,
    "curl_oauth_2024": checkers.check_bash,
    "bx24_js": checkers.check_js,
    "bx24_js_2024": checkers.check_js,
    "js_ts": checkers.check_ts,
    "js_umd": checkers.check_umd,
    "php_b24sdk": checkers.check_php,
    "php_crest": checkers.check_php,
    "php_crest_2024": checkers.check_php,
    "python": checkers.check_python,
    "go": checkers.check_go,
}


def render_everything(batch: list[EventSpec]) -> dict[str, list[Snippet]]:
    profiles = load_profiles()
    by_target: dict[str, list[Snippet]] = {}
    for index, spec in enumerate(batch):
        for name in profiles.names:
            try:
                tabs = expected_tabs(spec, name, profiles)
            except DocgenError as exc:
                assert exc.diagnostic.code == "E-RENDER-KIND", exc.diagnostic.format_text()
                continue
            for tab in tabs:
                origin = f"spec {index} ({spec.kind}, event={spec.event!r}) [{name}: {tab.label}]"
                snippet = Snippet(f"{index}-{name}-{tab.target}", tab.code, origin)
                by_target.setdefault(tab.target, []).append(snippet)
    return by_target


@BATCH_SETTINGS
@given(batch=st.lists(specs(), min_size=30, max_size=30))
def test_any_valid_spec_renders_code_the_checkers_accept(batch: list[EventSpec]) -> None:
    by_target = render_everything([*EDGE_SPECS, *batch])
    unknown = sorted(set(by_target) - set(CHECKER_BY_TARGET))
    assert not unknown, f"no checker for targets {unknown}"
    failures: list[Failure] = []
    for target, snippets in sorted(by_target.items()):
        failures += CHECKER_BY_TARGET[target](snippets)
    assert not failures, "\n".join(str(f) for f in failures[:15])


# --- filters: arbitrary text round-trips through each language's parser --------------------------

texts = st.lists(text, min_size=40, max_size=40)
FILTER_SETTINGS = settings(BATCH_SETTINGS, max_examples=3)


def _run(args: list[str], stdin: str) -> str:
    done = subprocess.run(
        args, input=stdin, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(value=text)
def test_py_string_round_trips(value: str) -> None:
    literal = filters.py_string(value)
    assert "\n" not in literal and ast.literal_eval(literal) == value


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(value=json_value)
def test_py_literal_and_json_compact_round_trip(value: Any) -> None:
    assert ast.literal_eval(filters.py_literal(value, level=1)) == value
    assert json.loads(filters.json_compact(value)) == value
    assert "\n" not in filters.json_compact(value)


JS_EVAL = r"""
const vm = require('node:vm')
const items = JSON.parse(require('node:fs').readFileSync(0, 'utf8'))
const bad = []
for (const [literal, expected] of items) {
  let got
  try { got = vm.runInNewContext('(' + literal + ')') } catch (e) { bad.push([literal, String(e)]); continue }
  if (JSON.stringify(got) !== JSON.stringify(expected)) bad.push([literal, JSON.stringify(got)])
}
process.stdout.write(JSON.stringify(bad))
"""


@FILTER_SETTINGS
@given(values=texts, objects=st.lists(json_value, min_size=20, max_size=20))
def test_js_literals_round_trip_in_node(values: list[str], objects: list[Any]) -> None:
    node = require("node")
    items = [[filters.js_string(v, q), v] for v in values for q in ("'", '"')]
    items += [[filters.js_object(o, level=1), o] for o in objects if _js_safe(o)]
    items += [
        [filters.js_object(o, indent=4, quote='"', quote_keys=True), o]
        for o in objects
        if _js_safe(o)
    ]
    bad = json.loads(_run([str(node), "-e", JS_EVAL], json.dumps(items)))
    assert not bad, bad[:5]


def _js_safe(value: Any) -> bool:
    """JSON.stringify can compare it: no -0.0 and no integers past 2**53 lose meaning."""
    if isinstance(value, float):
        return value == value and str(value) != "-0.0"
    if isinstance(value, list):
        return all(_js_safe(v) for v in value)
    if isinstance(value, dict):
        return all(_js_safe(v) for v in value.values()) and "__proto__" not in value
    return True


PHP_EVAL = r"""
$items = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$bad = [];
foreach ($items as [$literal, $expected]) {
    try {
        $got = eval('return ' . $literal . ';');
    } catch (Throwable $e) {
        $bad[] = [$literal, $e->getMessage()];
        continue;
    }
    if ($got !== $expected) { $bad[] = [$literal, var_export($got, true)]; }
}
echo json_encode($bad, JSON_INVALID_UTF8_SUBSTITUTE);
"""


@FILTER_SETTINGS
@given(values=texts)
def test_php_string_round_trips_in_php(values: list[str]) -> None:
    php = require("php")
    items = [[filters.php_string(v), v] for v in values]
    bad = json.loads(_run([str(php), "-r", PHP_EVAL], json.dumps(items)))
    assert not bad, bad[:5]


@FILTER_SETTINGS
@given(values=texts)
def test_shell_single_quote_round_trips_in_bash(values: list[str]) -> None:
    bash = require("bash")
    values = [v.replace("\x00", "") for v in values]  # no shell word can hold NUL
    script = "".join(f"printf '%s\\0' {filters.shell_single_quote(v)}\n" for v in values)
    done = subprocess.run([str(bash), "-c", script], capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").split("\0")[:-1] == values


GO_MAIN = """package main

import (
\t"encoding/json"
\t"os"
)

var values = []string{
%s}

func main() {
\t_ = json.NewEncoder(os.Stdout).Encode(values)
}
"""


@FILTER_SETTINGS
@given(values=texts)
def test_go_string_round_trips_in_go(values: list[str]) -> None:
    go = require("go")
    source = GO_MAIN % "".join(f"\t{filters.go_string(v)},\n" for v in values)
    with tempfile.TemporaryDirectory(prefix="b24-gostr-") as tmp:
        (Path(tmp) / "main.go").write_text(source, encoding="utf-8")
        (Path(tmp) / "go.mod").write_text(
            "module example.invalid/gostr\n\ngo 1.19\n", encoding="utf-8"
        )
        env = {
            "GOFLAGS": "-mod=mod",
            "GOPROXY": "off",
            "GOTOOLCHAIN": "local",
            "GOWORK": "off",
            "CGO_ENABLED": "0",
            "HOME": tmp,
            "GOCACHE": str(Path(tmp) / "cache"),
            "PATH": "/usr/bin:/bin",
        }
        done = subprocess.run(
            [str(go), "run", "."], cwd=tmp, capture_output=True, env=env, timeout=300, check=False
        )
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    got = json.loads(done.stdout)
    bad = [(filters.go_string(v), v, g) for v, g in zip(values, got, strict=True) if v != g]
    assert not bad, bad[:5]
