"""A loopback Bitrix24 REST double: a threaded HTTP server on 127.0.0.1 with an ephemeral port.

It answers webhook URLs `/rest/<user_id>/<webhook_code>/<method>[.json]` and OAuth URLs
`/rest/<method>[.json]` (REST 3.0 `/rest/api/...` too). OAuth tokens come from `?auth=`, an
`auth` body field or `Authorization: Bearer`. Bodies may be JSON or form-encoded with PHP-style
keys (`FIELDS[TITLE]=x`, `ids[]=1`); query parameters are merged in, as PHP's $_REQUEST does.
Each request is recorded as a `Call`; replies carry Bitrix24's `result` and `time` members.

    with RestDouble() as double:
        double.results["event.bind"] = True
        double.unknown_methods.add("no.such.method")   # -> 404 ERROR_METHOD_NOT_FOUND
        url = double.webhook_url("event.bind")         # http://127.0.0.1:<port>/rest/1/...

The b24pysdk client always builds `https://<domain>/rest/...`; `b24pysdk_loopback` holds the
token subclasses that send the same requests over plain HTTP to this double.
"""

import json
import re
import ssl
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from typing import Any, Literal, Self
from urllib.parse import parse_qsl, urlsplit

AuthMode = Literal["webhook", "oauth"]
JSON = Any  # a decoded JSON value

HOST = "127.0.0.1"
_WEBHOOK_PATH = re.compile(r"^/rest/(?:api/)?(?P<user>\d+)/(?P<code>[^/]+)/(?P<method>[^/]+)$")
_OAUTH_PATH = re.compile(r"^/rest/(?:api/)?(?P<method>[^/]+)$")
_PHP_KEY = re.compile(r"^(?P<base>[^\[]+)(?P<rest>(?:\[[^\]]*\])*)$")


@dataclass(frozen=True)
class Call:
    """One request the double received; `path` is the request target as sent (query included)."""

    method: str
    params: dict[str, JSON]
    auth_mode: AuthMode
    user_id: int | None
    webhook_code: str | None
    token: str | None
    http_method: str
    path: str


_TYPE_CHECKS: dict[str, Any] = {
    "int": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, str) and v.strip().lstrip("+-").isdigit())
    ),
    "float": lambda v: isinstance(v, int | float | str) and not isinstance(v, bool),
    "str": lambda v: isinstance(v, str | int | float) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool | int | str),
    # the portal is PHP: JSON objects and lists both decode to arrays, so only scalars are wrong
    "object": lambda v: isinstance(v, dict | list),
    "list": lambda v: isinstance(v, list | dict),
}


@dataclass(frozen=True)
class MethodContract:
    """What the portal enforces for one method, as its spec documents it: the auth context
    (`webhook=False`: WRONG_AUTH_TYPE through a webhook), the required top-level params, the
    kind of each typed param (int/float/str/bool/object/list; others unchecked), the result."""

    webhook: bool = True
    required: tuple[str, ...] = ()
    types: dict[str, str] = field(default_factory=dict)
    result: JSON = True

    def violation(self, call: Call) -> tuple[HTTPStatus, dict[str, JSON]] | None:
        if call.auth_mode == "webhook" and not self.webhook:
            text = f"{call.method} is available only in an application context"
            return HTTPStatus.FORBIDDEN, _error("WRONG_AUTH_TYPE", text)
        missing = [name for name in self.required if call.params.get(name) in (None, "")]
        if missing:
            text = f"Required parameters are missing: {', '.join(missing)}"
            return HTTPStatus.BAD_REQUEST, _error("ERROR_ARGUMENT", text)
        for name, kind in self.types.items():
            value = call.params.get(name)
            check = _TYPE_CHECKS.get(kind)
            if value is not None and check is not None and not check(value):
                text = f"Parameter {name} must be of type {kind}, got {type(value).__name__}"
                return HTTPStatus.BAD_REQUEST, _error("INVALID_ARG_VALUE", text)
        return None


@dataclass
class RestDouble:
    """Context manager running the server; configure `results`, `unknown_methods` and
    `contracts` (method → MethodContract: auth, required params and types, result) freely."""

    user_id: int = 1
    webhook_code: str = "webhook-code"
    results: dict[str, JSON] = field(default_factory=dict)
    default_result: JSON = True
    unknown_methods: set[str] = field(default_factory=set)
    contracts: dict[str, MethodContract] = field(default_factory=dict)
    tls: ssl.SSLContext | None = None  # serve https (b24jssdk's webhook client refuses http)
    _calls: list[Call] = field(default_factory=list, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _server: ThreadingHTTPServer | None = field(default=None, init=False, repr=False)
    _thread: threading.Thread | None = field(default=None, init=False, repr=False)

    def __enter__(self) -> Self:
        self._server = ThreadingHTTPServer((HOST, 0), _handler_for(self))
        self._server.daemon_threads = True
        if self.tls is not None:
            self._server.socket = self.tls.wrap_socket(self._server.socket, server_side=True)
        # A short poll interval keeps shutdown (once per test) from costing half a second.
        serve = partial(self._server.serve_forever, poll_interval=0.02)
        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def domain(self) -> str:
        """`127.0.0.1:<port>`: the portal "domain" to hand to clients."""
        if self._server is None:
            raise RuntimeError("RestDouble is not running; use it as a context manager")
        return f"{HOST}:{self._server.server_port}"

    @property
    def base_url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.domain}"

    def webhook_url(self, method: str) -> str:
        return f"{self.base_url}/rest/{self.user_id}/{self.webhook_code}/{method}"

    def oauth_url(self, method: str) -> str:
        return f"{self.base_url}/rest/{method}"

    @property
    def calls(self) -> list[Call]:
        """Recorded calls, oldest first (a copy)."""
        with self._lock:
            return list(self._calls)

    def last_call(self) -> Call:
        calls = self.calls
        if not calls:
            raise AssertionError("the REST double received no calls")
        return calls[-1]

    def record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)


def decode_php_form(pairs: Iterable[tuple[str, str]]) -> dict[str, JSON]:
    """Decode `a[b][c]=v` / `a[]=v` keys into nested dicts and lists, as PHP does."""
    decoded: dict[str, JSON] = {}
    for key, value in pairs:
        match = _PHP_KEY.match(key)
        if match is None:
            decoded[key] = value
            continue
        path = [match["base"], *re.findall(r"\[([^\]]*)\]", match["rest"])]
        node: JSON = decoded
        for segment, next_segment in pairwise(path):
            node = _child(node, segment, [] if next_segment == "" else {})
        _put(node, path[-1], value)
    return decoded


def _child(node: JSON, key: str, empty: JSON) -> JSON:
    """The container under `key` (appended for a list), created as `empty` when missing."""
    if isinstance(node, list):
        node.append(empty)
        return empty
    existing = node.get(key)
    if not isinstance(existing, dict | list):
        node[key] = existing = empty
    return existing


def _put(node: JSON, key: str, value: str) -> None:
    if isinstance(node, list):
        node.append(value)
    else:
        node[key] = value


def bitrix_time(started: float) -> dict[str, JSON]:
    """A `time` member shaped like Bitrix24's (b24pysdk requires all of these but the last two)."""
    finished = time.time()
    return {
        "start": started,
        "finish": finished,
        "duration": finished - started,
        "processing": finished - started,
        "date_start": _iso(started),
        "date_finish": _iso(finished),
        "operating_reset_at": int(started) + 600,
        "operating": 0,
    }


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, tz=UTC).isoformat(timespec="seconds")


def _handler_for(double: RestDouble) -> type[BaseHTTPRequestHandler]:
    class Handler(_RestHandler):
        owner = double

    return Handler


class _RestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body are two writes: with Nagle on, a keep-alive client waits out its delayed ACK
    disable_nagle_algorithm = True
    owner: RestDouble

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _serve(self) -> None:
        started = time.time()
        url = urlsplit(self.path)
        try:
            params = decode_php_form(parse_qsl(url.query, keep_blank_values=True))
            params.update(self._body_params())
        except ValueError as error:
            self._reply(HTTPStatus.BAD_REQUEST, _error("INVALID_REQUEST", str(error)))
            return
        call = self._to_call(url.path.removesuffix(".json"), params)
        if call is None:
            self._reply(HTTPStatus.NOT_FOUND, _error("ERROR_METHOD_NOT_FOUND", "Wrong REST path"))
            return
        self.owner.record(call)
        self._reply(*self._answer(call, started))

    def _body_params(self) -> dict[str, JSON]:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        if not body.strip():
            return {}
        content_type = self.headers.get("Content-Type", "")
        if "json" in content_type or body.lstrip().startswith("{"):
            decoded = json.loads(body)
            if not isinstance(decoded, dict):
                raise ValueError("the JSON body must be an object")
            return decoded
        return decode_php_form(parse_qsl(body, keep_blank_values=True))

    def _to_call(self, path: str, params: dict[str, JSON]) -> Call | None:
        common = {"http_method": self.command, "path": self.path}
        webhook = _WEBHOOK_PATH.match(path)
        if webhook:
            user_id, code = int(webhook["user"]), webhook["code"]
            return Call(webhook["method"], params, "webhook", user_id, code, None, **common)
        oauth = _OAUTH_PATH.match(path)
        if oauth is None:
            return None
        token = params.pop("auth", None) or self._bearer()
        return Call(oauth["method"], params, "oauth", None, None, token, **common)

    def _bearer(self) -> str | None:
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        return token.strip() or None if scheme.lower() == "bearer" else None

    def _answer(self, call: Call, started: float) -> tuple[HTTPStatus, dict[str, JSON]]:
        if call.auth_mode == "oauth" and not call.token:
            return HTTPStatus.UNAUTHORIZED, _error("NO_AUTH_FOUND", "Wrong authorization data")
        if call.method in self.owner.unknown_methods:
            return HTTPStatus.NOT_FOUND, _error("ERROR_METHOD_NOT_FOUND", "Method not found!")
        contract = self.owner.contracts.get(call.method)
        if contract is not None:
            return contract.violation(call) or (
                HTTPStatus.OK,
                {"result": contract.result, "time": bitrix_time(started)},
            )
        result = self.owner.results.get(call.method, self.owner.default_result)
        return HTTPStatus.OK, {"result": result, "time": bitrix_time(started)}

    def _reply(self, status: HTTPStatus, payload: Mapping[str, JSON]) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _error(code: str, description: str) -> dict[str, JSON]:
    return {"error": code, "error_description": description}
