"""Keys, descriptions and paths that need quoting or escaping in every target language still give
clients that type-check, compile, lint and run."""

from __future__ import annotations

from pathlib import Path

from generator.clients.model import build_scopes
from generator.clients.render import PHP_ROOT, TS_FILE, render_clients
from tests.clients_fixtures import (
    HOSTILE,
    contracts,
    write_tree,
)
from tests.clients_toolchains import (
    execute_all,
    mypy_strict,
    php_checks,
    tsc_errors,
)
from tests.support.rest_double import RestDouble
from tests.support.toolchains import require


def test_hostile_names_in_every_language(tmp_path: Path) -> None:
    require("b24pysdk")
    out = write_tree(render_clients([HOSTILE]), tmp_path / "out")
    stdout = mypy_strict(out / "python", "b24_methods", tmp_path / "cache")
    assert stdout == "Success: no issues found in 4 source files\n", stdout
    with RestDouble(contracts=contracts([HOSTILE])) as double:
        done = execute_all(build_scopes([HOSTILE]), out / "python", double)
        sent = double.last_call().params
    assert (done.called, done.failures) == (["im.v2.Chat.Message.send"], [])
    assert sorted(sent) == ["*/", "1st", "chat-id", "class", "list", 'say "hi"', "ключ"]
    assert tsc_errors((out / TS_FILE).read_bytes(), {}, tmp_path / "ts") == {}
    lint, doctypes, dispatch = php_checks(out / PHP_ROOT)
    assert (lint, doctypes, dispatch) == (
        [],
        "checked: 2 files, 7 tags\n",
        "1 dispatched, 0 wrong\n",
    )


def test_hostile_signature() -> None:
    module = render_clients([HOSTILE])["python/b24_methods/im_v2.py"].decode()
    assert (
        "def im_v2_chat_message_send(\n    client: rt.SdkClient,\n    /,\n    *,\n"
        "    chat_id: int,\n    param_: bool,\n    say_hi: str | None = None,\n"
        "    param: str | None = None,\n    p_1st: int | None = None,\n"
        "    class_: ImV2ChatMessageSendClass | None = None,\n"
        "    list_: list[ImV2ChatMessageSendListItem] | None = None,\n"
    ) in module
    assert '"chat-id": chat_id,' in module
    assert '"ключ": param_,' in module  # non-ASCII keys get an ASCII keyword
