"""Point a real b24pysdk client at the REST double over plain HTTP.

b24pysdk has no protocol setting: its method caller hard-codes `https://{domain}/rest`
(checked in b24pysdk 1.3.2, `api/callers/call_method.py`). But `Client()` only needs a token
that implements `call_method` (the SDK's `BitrixTokenFullProtocol`), so the token subclasses
below override that one method. They build the same URLs the SDK builds
(`/rest/<user_id>/<code>/<method>.json` for webhooks, `/rest/<method>.json` plus an `auth`
parameter for OAuth, `/rest/api/...` for REST 3.0 methods) with `http://` instead of
`https://`, and send them with the SDK's own low-level `b24pysdk.api.callers.call`, so the
requester, headers, JSON body, retries and error mapping are the SDK's. Everything above
`call_method` (scopes such as `client.event.bind`, request and response objects) is unmodified.
"""

from typing import Any

from b24pysdk import BitrixApp, BitrixToken, BitrixWebhook, Client, Config  # type: ignore[import-untyped]
from b24pysdk.api.callers import call  # type: ignore[import-untyped]
from b24pysdk.constants.version import B24APIVersion  # type: ignore[import-untyped]

from .rest_double import RestDouble


class _PlainHttpCalls:
    """`call_method` as the SDK does it, but over `http://`; mixed into token classes."""

    domain: str
    auth_token: str
    is_webhook: bool

    def call_method(
        self,
        api_method: str,
        params: dict[str, Any] | None = None,
        timeout: Any = None,
        prefer_version: int = B24APIVersion.V2,
        **kwargs: Any,
    ) -> dict[str, Any]:
        v3 = prefer_version == B24APIVersion.V3 and Config().is_api_v3_method(api_method)
        base = f"http://{self.domain}/rest/{'api/' if v3 else ''}"
        if self.is_webhook:
            url, body = f"{base}{self.auth_token}/{api_method}", dict(params or {})
        else:
            url, body = f"{base}{api_method}", {**(params or {}), "auth": self.auth_token}
        response: dict[str, Any] = call(
            url if v3 else f"{url}.json", params=body, timeout=timeout, **kwargs
        )
        return response


class LoopbackWebhook(_PlainHttpCalls, BitrixWebhook):  # type: ignore[misc]
    """A webhook token (`user_id/code`) whose calls go to `http://<domain>`."""


class LoopbackOAuthToken(_PlainHttpCalls, BitrixToken):  # type: ignore[misc]
    """An OAuth access token whose calls go to `http://<domain>`."""


def webhook_client(double: RestDouble) -> Any:
    """A b24pysdk client using the double's webhook credentials."""
    webhook = f"{double.user_id}/{double.webhook_code}"
    return Client(LoopbackWebhook(domain=double.domain, webhook_token=webhook))


def oauth_client(double: RestDouble, access_token: str = "access-token") -> Any:
    """A b24pysdk client acting as an OAuth application with `access_token`."""
    app = BitrixApp(client_id="local.test-app", client_secret="test-secret")
    token = LoopbackOAuthToken(domain=double.domain, auth_token=access_token, bitrix_app=app)
    return Client(token)
