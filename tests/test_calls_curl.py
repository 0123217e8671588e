"""cURL tabs: bash/http/curl fences, webhook and OAuth (body, query, header), a missing `curl`
word, shell-computed JSON values, bare placeholders, split commands and broken JSON."""

from __future__ import annotations

import pytest

from generator.calls import CallModel, CodeSpan
from tests.test_calls_readers import assert_case

CASES: list[tuple[str, str, str, CallModel]] = [
    (
        "curl_webhook.sh",
        "cURL (Webhook)",
        "bash",
        CallModel(
            readable=True,
            reason=None,
            sdk="curl",
            language="bash",
            method="crm.item.update",
            params={"entityId": 7, "fields": {"TITLE": "Spring order", "TAGS": ["a", "b"]}},
            params_span=CodeSpan(start=61, end=126, line=3, col=7),
            auth="webhook",
            style="single",
            rest_version=2,
            result_access=(),
            calls=("crm.item.update",),
        ),
    ),
    (
        "curl_oauth_v3.http",
        "cURL (OAuth)",
        "http",
        CallModel(
            readable=True,
            reason=None,
            sdk="curl",
            language="http",
            method="note.document.get",
            params={"id": 15},
            params_span=CodeSpan(start=89, end=133, line=4, col=5),
            auth="oauth-body",
            style="single",
            rest_version=3,
            result_access=(),
            calls=("note.document.get",),
        ),
    ),
    (
        "curl_query_auth.curl",
        "cURL (OAuth)",
        "curl",
        CallModel(
            readable=True,
            reason=None,
            sdk="curl",
            language="bash",
            method="placement.bind",
            params={"PLACEMENT": "CRM_DEAL_LIST_MENU", "HANDLER": "https://example.org/menu"},
            params_span=CodeSpan(start=73, end=152, line=3, col=17),
            auth="oauth-query",
            style="single",
            rest_version=2,
            result_access=(),
            calls=("placement.bind",),
        ),
    ),
    (
        "curl_no_command.sh",
        "cURL (Webhook)",
        "bash",
        CallModel(
            readable=True,
            reason=None,
            sdk="curl",
            language="bash",
            method="sonet_group.user.get",
            params={
                "groupId": {"$expr": '"$groupId"'},
                "owner": {"$expr": "**put_user_id_here**"},
                "since": {"$expr": "$(date -I)"},
            },
            params_span=CodeSpan(start=81, end=179, line=5, col=4),
            auth="webhook",
            style="single",
            rest_version=2,
            result_access=(),
            calls=("sonet_group.user.get",),
        ),
    ),
    (
        "curl_split.sh",
        "cURL (Webhook)",
        "bash",
        CallModel(
            readable=False,
            reason="curl-split",
            sdk="curl",
            language="bash",
            method="imbot.bot.list",
            params=None,
            params_span=None,
            auth="unknown",
            style="single",
            rest_version=None,
            result_access=(),
            calls=("imbot.bot.list",),
        ),
    ),
    (
        "curl_bearer_no_body.sh",
        "cURL (OAuth)",
        "bash",
        CallModel(
            readable=True,
            reason=None,
            sdk="curl",
            language="bash",
            method="user.current",
            params={"select": "ID"},
            params_span=None,
            auth="oauth-header",
            style="single",
            rest_version=2,
            result_access=(),
            calls=("user.current",),
        ),
    ),
    (
        "curl_not_json.sh",
        "cURL (Webhook)",
        "bash",
        CallModel(
            readable=False,
            reason="params-not-json",
            sdk="curl",
            language="bash",
            method="crm.deal.list",
            params=None,
            params_span=None,
            auth="unknown",
            style="single",
            rest_version=None,
            result_access=(),
            calls=("crm.deal.list",),
        ),
    ),
    (
        "curl_positional_list.sh",
        "cURL (Webhook)",
        "bash",
        CallModel(
            readable=True,
            reason=None,
            sdk="curl",
            language="bash",
            method="task.elapseditem.getlist",
            params=[{"ID": "desc"}, {"TASK_ID": 5}],
            params_span=CodeSpan(start=57, end=89, line=3, col=5),
            auth="webhook",
            style="single",
            rest_version=2,
            result_access=(),
            calls=("task.elapseditem.getlist",),
        ),
    ),
]


@pytest.mark.parametrize(("name", "label", "fence", "expected"), CASES, ids=[c[0] for c in CASES])
def test_call_model(name: str, label: str, fence: str, expected: CallModel) -> None:
    assert_case(name, label, fence, expected)
