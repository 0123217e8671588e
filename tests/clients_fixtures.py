"""Hand-written method specs for the typed-client tests (shaped like MethodSpec, facts only).

`P`, `Response`, `Method` carry exactly the attributes the client model reads, so the tests do
not depend on the method-page extractor; `contract_of` turns a spec into the REST double's
`MethodContract`, independently of the generated code.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import ssl
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from generator.clients.inputs import MethodLike
from generator.clients.model import ScopeModel, auth_rules, select_methods
from generator.clients.results import payload_of
from generator.clients.types import CType, docs_type
from tests.support.rest_double import MethodContract, RestDouble


@dataclass(frozen=True)
class P:
    name: str
    type: str | None = "string"
    required: bool = False
    description: str = ""
    children: tuple[P, ...] = ()
    wildcard: bool = False


@dataclass(frozen=True)
class Response:
    example: object = None
    fields: tuple[P, ...] = ()


@dataclass(frozen=True)
class Source:
    path: str


@dataclass(frozen=True)
class Method:
    method: str | None
    scopes: tuple[str, ...] = ("crm",)
    params: tuple[P, ...] = ()
    response: Response | None = None
    auth: dict[str, bool] = field(default_factory=dict)
    rest_version: object = 2
    description: str = ""
    source: Source = Source("api-reference/x.md")


def envelope(result: object) -> dict[str, object]:
    return {"result": result, "time": {"start": 1.0, "finish": 1.1, "duration": 0.1}}


DEAL_ADD = Method(
    "crm.deal.add",
    params=(
        P(
            "fields",
            "object",
            True,
            "Deal fields.",
            (
                P("TITLE", "string"),
                P("TYPE_ID", "crm_status"),
                P("OPPORTUNITY", "double"),
                P("CONTACT_IDS", "crm_contact[]"),
                P("UF_CRM_...", "any", wildcard=True),
            ),
        ),
        P("params", "object", False, "", (P("REGISTER_SONET_EVENT", "char"),)),
    ),
    response=Response(envelope(11), (P("result", "integer"),)),
    description="Creates a deal.\n\nMore words.",
    source=Source("api-reference/crm/deals/crm-deal-add.md"),
)

DEAL_GET = Method(
    "crm.deal.get",
    params=(P("id", "integer", True),),
    response=Response(
        envelope(
            {
                "ID": "11",
                "TITLE": "Deal",
                "OPPORTUNITY": "100.00",
                "CLOSED": "N",
                "COMMENTS": None,
                "CONTACT_IDS": [{"CONTACT_ID": 3, "SORT": 10}, {"CONTACT_ID": 4}],
                "PRODUCTS": {"12": {"PRICE": 1.5}, "15": {"PRICE": 2}},
            }
        ),
        (P("result", "object", children=(P("TITLE", "string", description="Title."),)),),
    ),
    source=Source("api-reference/crm/deals/crm-deal-get.md"),
)

EVENT_BIND = Method(
    "event.bind",
    scopes=(),
    params=(
        P("event", "string", True),
        P("handler", "string", True),
        P("auth_type", "integer"),
        P("event_type", "string"),
    ),
    response=Response(envelope(True)),
    auth={"app_only": True, "webhook": False},
    source=Source("api-reference/events/event-bind.md"),
)

USER_CURRENT = Method(
    "user.current",
    scopes=("user", "user_basic"),
    response=Response(envelope({"ID": "1", "ADMIN": True, "NAME": "Ann"})),
)

ODD_NAMES = Method(
    "crm.item.list",
    params=(
        P("entityTypeId", "integer", True),
        P("from", "string"),
        P("ID", "integer"),
        P("id", "string"),
        P("client", "string"),
        P("select", "string[]"),
        P("filter", "object", children=(P(">=DATE", "datetime"),)),
        P("order", "object"),
    ),
    response=Response(envelope({"items": [{"id": 1}], "total": 1})),
)

V3_METHOD = Method(
    "main.eventlog.list",
    scopes=("main",),
    params=(P("select", "string[]"), P("pagination", "object", children=(P("limit", "integer"),))),
    response=Response(envelope({"items": []})),
    rest_version=3,
)

V3_UNLISTED = Method(  # REST 3.0 in the docs, not in b24pysdk 1.3.2's v3 list
    "call.followup.list",
    scopes=("telephony",),
    response=Response(envelope({"items": []})),
    rest_version=3,
)

NO_METHOD = Method(None)
DUPLICATE = Method("crm.deal.get", params=(), source=Source("api-reference/other.md"))
V3_TWIN = Method(  # the same name on a REST 3.0 page, with more params: the REST 2 page wins
    "crm.deal.get",
    params=(P("id", "integer", True), P("select", "string[]")),
    rest_version=3,
    source=Source("api-reference/crm/deals/crm-deal-get-rest-v3.md"),
)

FIXTURE = [
    DEAL_ADD,
    DEAL_GET,
    EVENT_BIND,
    USER_CURRENT,
    ODD_NAMES,
    V3_METHOD,
    V3_UNLISTED,
    NO_METHOD,
    DUPLICATE,
    V3_TWIN,
]


def contract_of(spec: MethodLike) -> MethodContract:
    """The double's view of a spec: auth rule, required top-level params, their kinds, result."""
    _, webhook = auth_rules(spec.auth)
    types: dict[str, str] = {}
    for param in (p for p in spec.params if not p.wildcard):
        kind = docs_type(param.type)[0].kind
        if param.children and kind in ("dict", "any"):
            kind = "object"
        types.setdefault(param.name, {"dict": "object", "map": "object"}.get(kind, kind))
    _, value = payload_of(spec.response.example if spec.response else None)
    required = tuple(p.name for p in spec.params if p.required and not p.wildcard)
    return MethodContract(webhook=webhook, required=required, types=types, result=value)


def contracts(specs: Iterable[MethodLike]) -> dict[str, MethodContract]:
    return {str(spec.method): contract_of(spec) for spec in select_methods(specs)}


# --- sample values and execution against the double ----------------------------------------------


def sample_value(ctype: CType) -> object:
    """A value of `ctype` the double accepts (shapes get their required keys)."""
    if ctype.kind in _SCALAR_SAMPLES:
        return _SCALAR_SAMPLES[ctype.kind]
    if ctype.kind == "list" and ctype.item is not None:
        return [sample_value(ctype.item)]
    if ctype.kind == "map" and ctype.item is not None:
        return {"k": sample_value(ctype.item)}
    if ctype.kind == "shape" and ctype.shape is not None:
        members = [m for m in ctype.shape.members if m.required] or list(ctype.shape.members[:1])
        return {m.key: sample_value(m.type) for m in members} or {"KEY": "value"}
    return {"KEY": "value"}


_SCALAR_SAMPLES: dict[str, object] = {
    "str": "text",
    "int": 7,
    "float": 1.5,
    "bool": True,
    "any": "x",
}


def write_tree(files: dict[str, bytes], root: Path) -> Path:
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def import_fresh(package_root: Path, name: str) -> ModuleType:
    """Import the generated package `name` from `package_root`, forgetting any earlier import."""
    for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[loaded]
    sys.path.insert(0, str(package_root))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(package_root))


@dataclass
class Execution:
    """What `execute_all` did: callables called, app-only ones refused through a webhook."""

    called: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def execute_all(scopes: list[ScopeModel], package_root: Path, double: RestDouble) -> Execution:
    """Call every generated callable through a real b24pysdk client: required params only, then
    every param; app-only methods over OAuth (and once through the webhook, expecting refusal)."""
    from b24pysdk.errors import BitrixAPIError  # type: ignore[import-untyped]

    from tests.support.b24pysdk_loopback import oauth_client, webhook_client

    import_fresh(package_root, "b24_methods")
    clients = {True: webhook_client(double), False: oauth_client(double)}
    done = Execution()
    for scope in scopes:
        module = importlib.import_module(f"b24_methods.{scope.module}")
        for method in scope.methods:
            function = getattr(module, method.function)
            for members in (method.required_params, method.params):
                kwargs = {m.name: sample_value(m.type) for m in members}
                try:
                    result = function(clients[method.webhook], **kwargs)
                except BitrixAPIError as exc:
                    done.failures.append(f"{method.method}: {exc.error} {exc.error_description}")
                    continue
                expected = double.contracts[method.method].result
                sent = set(double.last_call().params)
                if result != expected or sent != {m.key for m in members}:
                    done.failures.append(f"{method.method}: sent {sorted(sent)}, got {result!r}")
            done.called.append(method.method)
            if method.app_only:
                try:
                    function(
                        clients[True],
                        **{m.name: sample_value(m.type) for m in method.required_params},
                    )
                except BitrixAPIError as exc:
                    if exc.error == "WRONG_AUTH_TYPE":
                        done.refused.append(method.method)
    return done


_TS_ERROR = re.compile(r"^(?P<file>[\w.-]+\.ts)\((?P<line>\d+),\d+\): error (?P<code>TS\d+):")


def tsc_errors(module: bytes, usages: dict[str, str], root: Path) -> dict[str, list[str]]:
    """`b24-methods.ts` plus `usages` (file name → code) checked by one `tsc --strict` run
    against the real @bitrix24/b24jssdk: file name → `line:TSnnnn` of each error."""
    from tests.support.snippets import run_tool
    from tests.support.toolchains import require
    from tests.support.ts_checker import TSCONFIG

    require("node")
    tsc = require("tsc")
    root.mkdir(parents=True, exist_ok=True)
    (root / "node_modules").symlink_to(require("b24jssdk").parents[1], target_is_directory=True)
    (root / "tsconfig.json").write_text(json.dumps(TSCONFIG), encoding="utf-8")
    (root / "b24-methods.ts").write_bytes(module)
    for name, code in usages.items():
        (root / name).write_text(code, encoding="utf-8")
    completed = run_tool([tsc, "-p", root, "--pretty", "false"], cwd=root, ok_codes=[0, 1, 2])
    errors: dict[str, list[str]] = {}
    for line in completed.stdout.splitlines():
        match = _TS_ERROR.match(line)
        if match:
            errors.setdefault(match["file"], []).append(f"{match['line']}:{match['code']}")
        elif line.strip() and not line.startswith(" "):
            errors.setdefault("(unparsed)", []).append(line)
    return errors


PHPDOC_PARSER = Path("/usr/share/php/PHPStan/PhpDocParser/autoload.php")
_SUPPORT = Path(__file__).resolve().parent / "support"
_PHP_DISPATCH = r"""
foreach (glob($argv[1] . '/*.php') as $file) { require_once $file; }
$wrong = 0;
foreach (\B24Methods\Methods::ALL as $method => [$class, $function]) {
    $scope = new $class(fn (string $called, array $params): string => $called);
    if ($scope->$function([]) !== $method) { echo "$method\n"; $wrong++; }
}
echo count(\B24Methods\Methods::ALL), " dispatched, $wrong wrong\n";
"""


def php_checks(php_root: Path) -> tuple[list[str], str, str]:
    """(`php -l` failures, the phpdoc-parser report, the dispatch report) for a B24Methods folder."""
    from tests.support.snippets import run_tool
    from tests.support.toolchains import in_ci, require

    php = require("php")
    files = sorted(php_root.glob("*.php"))
    lint = [run_tool([php, "-l", path], ok_codes=[0, 255]) for path in files]
    failures = [c.stdout.strip() for c in lint if c.returncode != 0]
    if not PHPDOC_PARSER.exists():
        message = f"{PHPDOC_PARSER} not found: apt-get install php-phpstan-phpdoc-parser"
        if in_ci():
            pytest.fail(f"{message} (a missing toolchain is a failure in CI)", pytrace=False)
        pytest.skip(message)
    doctypes = run_tool(
        [php, _SUPPORT / "php_doctypes.php", PHPDOC_PARSER, *files], ok_codes=[0, 1]
    )
    dispatch = run_tool([php, "-r", _PHP_DISPATCH, php_root], ok_codes=[0])
    return failures, doctypes.stdout, dispatch.stdout


def corpus_method_specs(root: Path) -> list[MethodLike]:
    """Every method spec of a docs tree, read as the method-page corpus tests read them."""
    from tests.test_method_corpus import method_pages, read_specs

    return list(read_specs(root, method_pages(root)).values())


HOSTILE = Method(  # keys and descriptions that each target language must quote or escape
    "im.v2.Chat.Message.send",
    scopes=("im.v2",),
    params=(
        P("chat-id", "integer", True, "Ends a comment */ early?"),
        P('say "hi"', "string", False, 'Triple quotes """ and a backslash \\'),
        P("*/", "string"),
        P("ключ", "boolean", True),
        P("1st", "integer"),
        P("class", "object", False, "", (P("$ref", "string", True), P("it's", "integer"))),
        P("", "string"),
        P("list", "object[]", False, "", (P("A", "string"),)),
    ),
    response=Response(envelope({"a-b": 1, "": 2, "*/": [None, 1], "'": {"5": "x"}})),
    description='Line one */ with "quotes" and \\ backslash.\n\nSecond paragraph.',
    source=Source("api-reference/chats/it's */ odd.md"),
)


def tls_for_double(root: Path) -> tuple[ssl.SSLContext, Path]:
    """A server context with a fresh self-signed certificate for 127.0.0.1, and the certificate
    (b24jssdk's webhook client speaks https only; node trusts it through NODE_EXTRA_CA_CERTS)."""
    from tests.support.snippets import run_tool
    from tests.support.toolchains import in_ci

    openssl = shutil.which("openssl")
    if openssl is None:
        message = "openssl not found: apt-get install openssl"
        if in_ci():
            pytest.fail(f"{message} (a missing toolchain is a failure in CI)", pytrace=False)
        pytest.skip(message)
    root.mkdir(parents=True, exist_ok=True)
    cert, key = root / "cert.pem", root / "key.pem"
    subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    run_tool(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            key,
            "-out",
            cert,
            *subject,
        ],
        ok_codes=[0],
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context, cert


_TS_DRIVER = """import { B24Hook, type TypeB24 } from '@bitrix24/b24jssdk'
import { callMethod } from './b24-methods.js'

// one loose view of the typed wrapper: the calls come as data, their types were checked elsewhere
type LooseCall = (b24: TypeB24, method: string, params: unknown) => Promise<unknown>
const call = callMethod as unknown as LooseCall

const calls = JSON.parse(CALLS) as Array<[string, unknown]>
const b24 = new B24Hook(
  { b24Url: BASE, userId: 1, secret: 'webhook-code' },
  {
    restrictionParams: {
      rateLimit: { burstLimit: 100000, drainRate: 100000, adaptiveEnabled: false },
      maxRetries: 1,
    },
  },
)
b24.offClientSideWarning()
const out: Array<[string, unknown]> = []
for (const [method, params] of calls) {
  try {
    out.push([method, { ok: await call(b24, method, params) }])
  } catch (error) {
    out.push([method, { error: String(error).slice(0, 300) }])
  }
}
console.log(JSON.stringify(out))
"""


def run_ts_calls(
    module: bytes, calls: list[tuple[str, object]], double: RestDouble, cert: Path, root: Path
) -> list[tuple[str, dict[str, object]]]:
    """Compile `b24-methods.ts` and a driver with tsc, then run every `callMethod(b24, method,
    params)` through a real b24jssdk B24Hook against the (https) double; [(method, outcome)]."""
    from tests.support.snippets import run_tool
    from tests.support.toolchains import require
    from tests.support.ts_checker import TSCONFIG

    node, tsc = require("node"), require("tsc")
    root.mkdir(parents=True, exist_ok=True)
    (root / "node_modules").symlink_to(require("b24jssdk").parents[1], target_is_directory=True)
    options = {**TSCONFIG["compilerOptions"], "noEmit": False, "outDir": "js"}  # type: ignore[dict-item]
    (root / "tsconfig.json").write_text(json.dumps({**TSCONFIG, "compilerOptions": options}))
    (root / "b24-methods.ts").write_bytes(module)
    driver = _TS_DRIVER.replace("CALLS", json.dumps(json.dumps(calls))).replace(
        "BASE", json.dumps(double.base_url)
    )
    (root / "driver.ts").write_text(driver, encoding="utf-8")
    compiled = run_tool([tsc, "-p", root, "--pretty", "false"], cwd=root, ok_codes=[0, 1, 2])
    assert compiled.returncode == 0, compiled.stdout
    (root / "js" / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    env = {"NODE_EXTRA_CA_CERTS": str(cert)}
    ran = run_tool([node, root / "js" / "driver.js"], cwd=root, env=env, ok_codes=[0])
    return [(method, outcome) for method, outcome in json.loads(ran.stdout)]


def mypy_strict(cwd: Path, target: str, cache_dir: Path, *extra: str) -> str:
    """`mypy --strict` on `target` from `cwd` (its cache kept out of the checked tree): stdout."""
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *extra]
    command += ["--cache-dir", str(cache_dir), target]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False).stdout


_PHP_CALLER = r"""
foreach (glob($argv[1] . '/*.php') as $file) { require_once $file; }
$base = $argv[2];
$calls = json_decode((string) file_get_contents($argv[3]), true, 512, JSON_THROW_ON_ERROR);
// one REST call over a webhook: JSON body, `result` back, an exception for an error answer
$call = function (string $method, array $params) use ($base): mixed {
    $context = stream_context_create(['http' => [
        'method' => 'POST', 'ignore_errors' => true, 'header' => "Content-Type: application/json\r\n",
        'content' => json_encode((object) $params, JSON_THROW_ON_ERROR),
    ]]);
    $url = "$base/rest/1/webhook-code/$method.json";
    $answer = json_decode((string) file_get_contents($url, false, $context), true);
    if (isset($answer['error'])) { throw new RuntimeException($answer['error']); }
    return $answer['result'];
};
$out = [];
foreach ($calls as [$method, $params]) {
    [$class, $function] = \B24Methods\Methods::ALL[$method];
    try { $out[] = [$method, ['ok' => (new $class($call))->$function($params)]]; }
    catch (RuntimeException $e) { $out[] = [$method, ['error' => $e->getMessage()]]; }
}
echo json_encode($out, JSON_THROW_ON_ERROR);
"""


def run_php_calls(
    php_root: Path, calls: list[tuple[str, object]], double: RestDouble, root: Path
) -> list[tuple[str, dict[str, object]]]:
    """Call every generated PHP method (one PHP process) through a webhook closure that posts to
    the double; [(method, {"ok": result} or {"error": code})]."""
    from tests.support.snippets import run_tool
    from tests.support.toolchains import require

    root.mkdir(parents=True, exist_ok=True)
    (root / "calls.json").write_text(json.dumps(calls), encoding="utf-8")
    command = [require("php"), "-r", _PHP_CALLER, php_root, double.base_url, root / "calls.json"]
    ran = run_tool(command, ok_codes=[0])
    return [(method, outcome) for method, outcome in json.loads(ran.stdout)]


def as_php_sees(value: object) -> object:
    """A JSON value after PHP's `json_decode(..., true)` and `json_encode`: `{}` and objects keyed
    0..n-1 come back as lists."""
    if isinstance(value, list):
        return [as_php_sees(item) for item in value]
    if isinstance(value, dict):
        items = {key: as_php_sees(item) for key, item in value.items()}
        if list(items) == [str(index) for index in range(len(items))]:
            return list(items.values())
        return items
    return value
