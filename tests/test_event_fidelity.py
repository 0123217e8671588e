"""Issue 13 §1 and §2: the facts of event pages, decided by evidence, and `check` kept quiet where
the page is right. Each case has a fixture page written for this repository (tests/fixtures/pages/
5x-*) and, where the corpus shows it, the real pages, asserted exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.parse import parse_docs, parse_page
from generator.spec.event import EventSpec
from tests.corpus import CORPUS_RU, need

FIXTURES = Path(__file__).parent / "fixtures" / "pages"


def docs_copy(tmp_path: Path, fixture: str) -> Path:
    root = tmp_path / "docs"
    shutil.copytree(FIXTURES / fixture, root)
    return root


def check_lines(
    root: Path, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[str]]:
    """`check` on a docs tree: exit status and the finding lines (diff lines left out)."""
    status = main(["check", "--docs", str(root), "--no-cache", *args])
    out = capsys.readouterr().out
    prefix = root.as_posix() + "/"
    return status, [
        line.removeprefix(prefix) for line in out.splitlines() if line.startswith(prefix)
    ]


def event_pages(root: Path) -> list[str]:
    """The marked event pages (a cheap text test: parsing every method page too takes long)."""
    found = [
        p
        for p in root.rglob("*.md")
        if p.name != "index.md" and "Кто может подписаться" in p.read_text("utf-8")
    ]
    return sorted(p.relative_to(root).as_posix() for p in found)


def diagnostics(root: Path, rel: str) -> list[str]:
    result = parse_page(root, rel)
    prefix = root.as_posix() + "/"
    return [d.format_text().removeprefix(prefix) for d in result.diagnostics]


# --- 1. the event code by evidence -----------------------------------------------------------------

DEAL_ADD = "api-reference/crm/deals/events/on-crm-deal-add.md"
QUOTE_DELETE = "api-reference/crm/quote/events/on-crm-quote-delete.md"


def test_misspelled_payload_code_is_the_one_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = docs_copy(tmp_path, "50-payload-code-typo")
    spec = parse_page(root, DEAL_ADD).spec
    assert spec is not None
    assert spec.event == "onCrmDealAdd"
    assert [e for b in spec.examples for t in b.tabs for e in t.events] == ["onCrmDealAdd"] * 5
    status, lines = check_lines(root, capsys, "--profile", "event-pages")
    assert lines == [
        f"{DEAL_ADD}:15: event-code payload `event` is misspelled: ONCRMDEALADDD; "
        "H1, slug and 5 tabs say onCrmDealAdd"
    ]
    assert status == 1


def test_h1_and_description_naming_another_event_are_reported_with_the_evidence(
    tmp_path: Path,
) -> None:
    root = docs_copy(tmp_path, "51-h1-and-description-name-add")
    spec = parse_page(root, QUOTE_DELETE).spec
    assert spec is not None and spec.event == "ONCRMQUOTEDELETE"
    assert diagnostics(root, QUOTE_DELETE) == [
        f"{QUOTE_DELETE}:1:1: W-H1-CODE-MISMATCH H1 names another event: onCrmQuoteAdd; "
        "slug and payload say ONCRMQUOTEDELETE",
        f"{QUOTE_DELETE}:7:1: W-DESCRIPTION-CODE-MISMATCH description names another event: "
        "ONCRMQUOTEADD; slug and payload say ONCRMQUOTEDELETE",
    ]


def test_corpus_vote_agrees_with_every_ru_h1() -> None:
    """RU HEAD: on the 191 marked event pages and the 2 unmarked invoice ones, the majority is the
    H1's code (case aside); no H1, description or payload is outvoted. The slug disagrees only where
    the H1 is alone and misspelled (`onCrmInvoceAdd`, `onCrmInvoceDelete`: the code is kept, the
    slug reported)."""
    root = need(CORPUS_RU)
    rels = event_pages(root) + [
        f"api-reference/crm/outdated/invoice/events-invoice/on-crm-invoice-{verb}.md"
        for verb in ("add", "delete")
    ]
    outvoted, slugs = [], []
    assert len(set(rels)) == 193
    for rel in sorted(set(rels)):
        spec = parse_page(root, rel).spec
        if not isinstance(spec, EventSpec):
            continue
        codes = {d.code for d in spec.diagnostics}
        outvoted += [(rel, c) for c in codes if c.endswith("-CODE-MISMATCH")]
        slugs += [rel.rsplit("/", 1)[-1] for c in codes if c == "W-SLUG-MISMATCH"]
    assert outvoted == []
    assert sorted(slugs) == ["on-crm-invoice-add.md", "on-crm-invoice-delete.md"]


# --- 2. nested parameter sections, map keys, payload-only fields -----------------------------------

SESSION_START = "api-reference/imopenlines/openlines/events/on-session-start.md"


def test_array_element_sections_and_payload_only_fields_are_kept() -> None:
    result = parse_page(FIXTURES, "52-array-element-sections.md")
    assert result.spec is not None
    fields = result.spec.handler.fields
    assert [(f.name, f.type) for f in fields if not f.documented] == [
        ("data.LANGUAGE_ID", "string"),
        ("data.VERSION", "integer"),
    ]
    assert [d.format_text().split(": ", 1)[1] for d in result.diagnostics][-2:] == [
        "W-FIELD-UNDOCUMENTED payload field `data.LANGUAGE_ID` is in no parameter table "
        "(kept as `string`, documented: false)",
        "W-FIELD-UNDOCUMENTED payload field `data.VERSION` is in no parameter table "
        "(kept as `integer`, documented: false)",
    ]
    assert [d.line for d in result.diagnostics if d.code == "W-FIELD-UNDOCUMENTED"] == [27, 28]


def test_corpus_array_element_keeps_its_keys() -> None:
    root = need(CORPUS_RU)
    spec = parse_page(root, SESSION_START).spec
    assert spec is not None
    data = [f.name for f in spec.handler.fields if f.name.startswith("data.")]
    assert data == [
        "data.DATA",
        "data.DATA.connector",
        "data.DATA.session",
        "data.DATA.chat",
        "data.DATA.user",
        "data.DATA.connector.connector_id",
        "data.DATA.connector.line_id",
        "data.DATA.connector.chat_id",
        "data.DATA.connector.user_id",
        "data.DATA.session.id",
        "data.DATA.session.closed",
        "data.DATA.session.parent_id",
        "data.DATA.session.close_term",
        "data.DATA.chat.id",
        "data.DATA.user.id",
    ]


def test_corpus_map_key_children_are_kept() -> None:
    root = need(CORPUS_RU)
    spec = parse_page(
        root, "api-reference/chat-bots/outdated/commands/events/on-im-command-add.md"
    ).spec
    assert spec is not None
    below = [f.name for f in spec.handler.fields if f.name.startswith("data.COMMAND.{COMMAND_ID}.")]
    assert len(below) == 21  # every row of the `{COMMAND_ID}` element table
    assert "data.PARAMS.BOT_IN_CHAT.{BOT_ID}" in [f.name for f in spec.handler.fields]


def test_map_element_under_a_2024_heading_keeps_its_keys() -> None:
    """The 2024 chat-bot shape (fixture 25): `## data`, `## BOT/[39]???` (the element of the
    COMMAND map, keyed by id 39 in the payload) and `## PARAMS` name no field; the payload places
    their rows. Before, the map's children were lost and PARAMS' keys sat at the top."""
    spec = parse_page(FIXTURES, "25-garbage-h2.md").spec
    assert spec is not None
    assert [f.name for f in spec.handler.fields if f.documented] == [
        "data.COMMAND",
        "data.PARAMS",
        "data.COMMAND.{ID}.COMMAND",
        "data.COMMAND.{ID}.COMMAND_PARAMS",
        "data.PARAMS.DIALOG_ID",
        "data.PARAMS.MESSAGE",
    ]


CHAT_BOT_AUTH = ["auth.expires", "auth.user_id"]
LEGACY_FIELDS = ["FIELDS"]
UNDOCUMENTED_RU = {
    "api-reference/chat-bots/outdated/chats/events/on-imbot-join-chat.md": CHAT_BOT_AUTH,
    "api-reference/chat-bots/outdated/commands/events/on-im-command-add.md": CHAT_BOT_AUTH,
    "api-reference/chat-bots/outdated/events/on-imbot-delete.md": CHAT_BOT_AUTH,
    "api-reference/chat-bots/outdated/messages/events/on-imbot-message-add.md": CHAT_BOT_AUTH,
    "api-reference/chat-bots/outdated/messages/events/on-imbot-message-delete.md": [
        "data.PARAMS.FROM_USER_ID",
        "data.PARAMS.TO_USER_ID",
        *CHAT_BOT_AUTH,
    ],
    "api-reference/chat-bots/outdated/messages/events/on-imbot-message-update.md": CHAT_BOT_AUTH,
    **{
        f"api-reference/crm/outdated/{folder}/events/on-crm-{name}-{verb}.md": LEGACY_FIELDS
        for folder, name in (("measure", "measure"), ("product-section", "product-section"))
        for verb in ("add", "delete", "update")
    },
    **{
        f"api-reference/imopenlines/imconnector/events/on-im-connector-{name}.md": CHAT_BOT_AUTH
        for name in (
            "line-delete",
            "message-add",
            "message-delete",
            "message-update",
            "status-delete",
        )
    },
}


def test_corpus_payload_only_fields_exactly() -> None:
    """RU HEAD: 30 payload keys on 17 pages are in no table: the chat-bot and connector payloads
    show `auth.expires` and `auth.user_id`, which the shared auth table lacks; two message keys of
    one chat-bot page; and the legacy `array('FIELDS' => ...)` responses, which have no table."""
    specs = [s for s in parse_docs(need(CORPUS_RU), event_pages(CORPUS_RU)).specs]
    found = {
        s.source.path: [f.name for f in s.handler.fields if not f.documented]
        for s in specs
        if isinstance(s, EventSpec) and any(not f.documented for f in s.handler.fields)
    }
    assert found == UNDOCUMENTED_RU
    assert sum(map(len, found.values())) == 30


# --- 3. a PHP array payload in a ```js fence ---------------------------------------------------------


def test_php_array_in_js_fence_is_a_payload() -> None:
    result = parse_page(FIXTURES, "53-js-fence-php-array.md")
    spec = result.spec
    assert spec is not None
    assert (spec.kind, spec.handler.delivery) == ("rest_event", "post")
    assert spec.handler.payloads[0].data == {
        "event": "ONTASKADD",
        "data": {"FIELDS_BEFORE": "undefined", "FIELDS_AFTER": {"ID": 512}},
        "ts": "1741600000",
        "auth": {
            "domain": "example.bitrix24.ru",
            "member_id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            "application_token": "f9e8d7c6b5a4938271605f4e3d2c1b0a",
        },
    }


# --- 4. a broken include keeps the spec ---------------------------------------------------------------

LIVE_FEED = "api-reference/log/events/on-live-feed-post-delete.md"
MISSING_REQUIRED = (
    f"{LIVE_FEED}:38:1: E-INCLUDE-MISSING included file `../../_includes/required.md` does not "
    "exist (did you mean `../../../_includes/required.md`?); the spec lacks what it adds"
)


def test_broken_include_keeps_the_spec_and_reports_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = docs_copy(tmp_path, "27-include-path-too-short")
    result = parse_page(root, LIVE_FEED)
    assert result.spec is not None
    assert [f.name for f in result.spec.handler.fields if f.documented][:2] == [
        "data.FIELDS",
        "data.FIELDS.POST_ID",
    ]
    assert [d for d in diagnostics(root, LIVE_FEED) if "E-" in d] == [MISSING_REQUIRED]
    assert [d.code for d in result.spec.diagnostics if d.severity == "error"] == [
        "E-INCLUDE-MISSING"
    ]
    status = main(["parse", "--docs", str(root), "--out", str(tmp_path / "specs")])
    assert status == 1  # the spec is written; the error is counted
    assert (tmp_path / "specs" / LIVE_FEED.replace(".md", ".yaml")).is_file()
    capsys.readouterr()
    status = main(["check", "--docs", str(root), "--no-cache"])
    assert capsys.readouterr().err.splitlines() == [f"{root.as_posix()}/{MISSING_REQUIRED}"]
    assert status == 1


# --- 5. drift that is not a defect ---------------------------------------------------------------------

COMMENTS = "api-reference/tasks/comment-item/events-comment/"
TASKS = "api-reference/tasks/events-tasks/"


def test_bind_name_is_spelled_as_the_page_states_it() -> None:
    """The tasks comment pages bind `OnTaskCommentAdd` (the H1's case), the task pages `onTaskAdd`:
    each spec keeps its page's spelling (no hidden lower-camel rule), so neither drifts."""
    root = need(CORPUS_RU)
    names = {}
    for rel in [COMMENTS + "on-task-comment-add.md", TASKS + "on-task-add.md"]:
        spec = parse_page(root, rel).spec
        assert isinstance(spec, EventSpec)
        names[rel] = (spec.event, spec.subscription.event_name)
    assert names == {
        COMMENTS + "on-task-comment-add.md": ("OnTaskCommentAdd", "OnTaskCommentAdd"),
        TASKS + "on-task-add.md": ("OnTaskAdd", "onTaskAdd"),
    }


def test_a_field_the_page_says_arrives_only_on_failure_is_optional() -> None:
    from generator.render.examples import render_tab

    root = need(CORPUS_RU)
    rel = "api-reference/widgets/ui-interaction/call-card/call-card-call-state-changed.md"
    spec = parse_page(root, rel).spec
    assert isinstance(spec, EventSpec)
    rendered = render_tab(spec, "js_ts", label="JS (TS)")
    assert "additionalParams: { failedCode?: string }" in rendered
    page_tab = next(t for b in spec.examples for t in b.tabs if t.label == "JS (TS)")
    assert rendered == page_tab.code


# --- 6. tab sets by path -----------------------------------------------------------------------------

FLAT_2024 = """profiles:
  flat-2024:
    description: the 2024 profile before path scoping (one tab set per kind)
    rest_event:
      - {label: cURL (Webhook), target: curl_webhook_2024}
      - {label: cURL (OAuth), target: curl_oauth_2024}
      - {label: JS, target: bx24_js_2024}
      - {label: PHP, target: php_crest_2024}
"""


def test_2024_tasks_pages_have_no_false_missing_tabs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = docs_copy(tmp_path, "54-tasks-2024")
    status, lines = check_lines(root, capsys, "--profile", "2024")
    assert (status, lines) == (0, [])
    profiles = tmp_path / "profiles.yaml"
    profiles.write_text(FLAT_2024, encoding="utf-8")
    status, lines = check_lines(root, capsys, "--profile", "flat-2024", "--profiles", str(profiles))
    assert status == 1
    assert [line.split(": ", 1)[1] for line in lines] == [
        f"missing-tab [{label}] the profile expects a `{label}` tab"
        for _ in range(6)
        for label in ("cURL (OAuth)", "cURL (Webhook)")  # findings sort by kind, then label
    ]


def test_current_profile_gives_the_tasks_pages_their_five_tabs() -> None:
    from generator.profiles import load_profiles

    current = load_profiles().get("current")
    labels = [t.label for t in current.tabs_for("rest_event", COMMENTS + "on-task-comment-add.md")]
    assert labels == ["JS (TS)", "JS (UMD)", "PHP", "BX24.js", "PHP CRest"]
    other = [t.label for t in current.tabs_for("rest_event", "api-reference/crm/deals/x.md")]
    assert other[:2] == ["cURL (OAuth)", "JS (TS)"]  # event.bind is app-only: no webhook tab


EXACT_TS = """profiles:
  exact-ts:
    rest_event:
      - {label: JS (TS), target: js_ts, drift: exact}
      - {label: JS (UMD), target: js_umd}
      - {label: PHP, target: php_b24sdk}
      - {label: BX24.js, target: bx24_js}
      - {label: PHP CRest, target: php_crest}
"""


def test_drift_mode_normalised_by_default_exact_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """on-task-comment-update.md names its TS result type `BindEventResult` (the template:
    `EventBindResult`) and its UMD helper `bindOnTaskCommentUpdate`. Under the default mode only
    the helper name is drift; a profile entry with `drift: exact` makes the type name drift too."""
    root = need(CORPUS_RU)
    page = COMMENTS + "on-task-comment-update.md"
    status, lines = check_lines(root, capsys, page)
    assert [line.split(": ", 1)[1].split(" differs")[0] for line in lines] == ["drift [JS (UMD)]"]
    profiles = tmp_path / "profiles.yaml"
    profiles.write_text(EXACT_TS, encoding="utf-8")
    status, lines = check_lines(
        root, capsys, page, "--profile", "exact-ts", "--profiles", str(profiles)
    )
    assert [line.split(": ", 1)[1].split(" differs")[0] for line in lines] == [
        "drift [JS (TS)]",
        "drift [JS (UMD)]",
    ]
    assert status == 1
