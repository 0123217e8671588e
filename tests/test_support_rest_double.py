"""The loopback REST double, driven by the real curl binary and by a real b24pysdk client."""

import json
import subprocess
from typing import Any

import pytest

from tests.support.rest_double import RestDouble, decode_php_form
from tests.support.toolchains import require

TIME_KEYS = {"start", "finish", "duration", "processing", "date_start", "date_finish"}


def curl(*args: str) -> tuple[int, dict[str, Any]]:
    """Run curl; return the HTTP status and the decoded JSON body."""
    completed = subprocess.run(
        [str(require("curl")), "-sS", "-w", "\n%{http_code}", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    body, _, status = completed.stdout.rpartition("\n")
    return int(status), json.loads(body)


def json_post(payload: str, url: str, *headers: str) -> tuple[int, dict[str, Any]]:
    header_args = [arg for header in headers for arg in ("-H", header)]
    return curl(
        "-X", "POST",
        "-H", "Content-Type: application/json",
        "-H", "Accept: application/json",
        *header_args,
        "-d", payload,
        url,
    )  # fmt: skip


def test_curl_webhook_call(rest_double: RestDouble) -> None:
    payload = '{"event":"ONCRMDEALADD","handler":"https://example.com/handler.php"}'
    status, reply = json_post(payload, rest_double.webhook_url("event.bind"))
    assert status == 200
    assert reply["result"] is True
    assert set(reply["time"]) >= TIME_KEYS
    call = rest_double.last_call()
    assert (call.method, call.auth_mode, call.http_method) == ("event.bind", "webhook", "POST")
    assert (call.user_id, call.webhook_code, call.token) == (1, "webhook-code", None)
    assert call.params == {"event": "ONCRMDEALADD", "handler": "https://example.com/handler.php"}


def test_curl_oauth_call_with_token_in_body(rest_double: RestDouble) -> None:
    rest_double.results["crm.deal.get"] = {"ID": "410"}
    status, reply = json_post('{"ID":410,"auth":"token-1"}', rest_double.oauth_url("crm.deal.get"))
    assert (status, reply["result"]) == (200, {"ID": "410"})
    call = rest_double.last_call()
    assert (call.method, call.auth_mode, call.token) == ("crm.deal.get", "oauth", "token-1")
    assert call.params == {"ID": 410}


def test_curl_oauth_token_in_query_and_php_form_body(rest_double: RestDouble) -> None:
    url = rest_double.oauth_url("placement.bind.json") + "?auth=token-2"
    status, _ = curl("-d", "PLACEMENT=CRM_DEAL_LIST_MENU&OPTIONS[a][b]=1&IDS[]=1&IDS[]=2", url)
    assert status == 200
    call = rest_double.last_call()
    assert (call.method, call.token) == ("placement.bind", "token-2")
    assert call.params == {
        "PLACEMENT": "CRM_DEAL_LIST_MENU",
        "OPTIONS": {"a": {"b": "1"}},
        "IDS": ["1", "2"],
    }


def test_curl_oauth_bearer_header(rest_double: RestDouble) -> None:
    url = rest_double.oauth_url("profile")
    status, _ = json_post("{}", url, "Authorization: Bearer token-3")
    assert status == 200
    assert rest_double.last_call().token == "token-3"


def test_oauth_call_without_token_is_rejected(rest_double: RestDouble) -> None:
    status, reply = json_post("{}", rest_double.oauth_url("profile"))
    assert (status, reply["error"]) == (401, "NO_AUTH_FOUND")


def test_unknown_method_is_404(rest_double: RestDouble) -> None:
    rest_double.unknown_methods.add("no.such.method")
    status, reply = json_post("{}", rest_double.webhook_url("no.such.method"))
    assert (status, reply["error"]) == (404, "ERROR_METHOD_NOT_FOUND")
    assert reply["error_description"]


def test_b24pysdk_webhook_client_event_bind(rest_double: RestDouble) -> None:
    require("b24pysdk")
    from tests.support.b24pysdk_loopback import webhook_client

    client = webhook_client(rest_double)
    handler = "https://example.com/handler.php"
    response = client.event.bind(event="ONCRMDEALADD", handler=handler).response
    assert response.result is True
    assert response.time.duration >= 0
    call = rest_double.last_call()
    assert (call.method, call.auth_mode, call.user_id) == ("event.bind", "webhook", 1)
    assert call.params == {"event": "ONCRMDEALADD", "handler": handler}
    assert call.path == "/rest/1/webhook-code/event.bind.json"


def test_b24pysdk_oauth_client_and_api_error(rest_double: RestDouble) -> None:
    require("b24pysdk")
    from b24pysdk.errors import BitrixAPIError  # type: ignore[import-untyped]

    from tests.support.b24pysdk_loopback import oauth_client

    client = oauth_client(rest_double, access_token="token-4")
    rest_double.results["profile"] = {"ID": "1"}
    assert client.profile().response.result == {"ID": "1"}
    assert rest_double.last_call().token == "token-4"
    rest_double.unknown_methods.add("profile")
    with pytest.raises(BitrixAPIError, match="Method not found"):
        client.profile().response  # noqa: B018 - the property performs the call


def test_decode_php_form() -> None:
    pairs = [("FIELDS[TITLE]", "Deal"), ("FIELDS[PHONE][][VALUE]", "+1"), ("plain", "x")]
    assert decode_php_form(pairs) == {
        "FIELDS": {"TITLE": "Deal", "PHONE": [{"VALUE": "+1"}]},
        "plain": "x",
    }
