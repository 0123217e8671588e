"""Toolchain runs for the typed-client tests: mypy, tsc (types and negative tests), PHP lint and
PHPDoc types, and every generated callable executed against the REST double in Python (b24pysdk),
TypeScript (b24jssdk over https) and PHP (a webhook closure)."""

from __future__ import annotations

import importlib
import json
import re
import shutil
import ssl
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.clients.model import ScopeModel
from tests.clients_fixtures import import_fresh, sample_value
from tests.support.rest_double import RestDouble


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
