"""A tab's code is parsed once however many readers ask (calls/trees.py `parse_once`)."""

from __future__ import annotations

from generator.calls.trees import Piece, parse_once


def test_the_same_code_shares_one_parse_and_one_query_pass() -> None:
    code = "$r = CRest::call('crm.deal.get', ['id' => 1]);"
    first, second = Piece(code, "php"), Piece(code, "php", full="<?php\n" + code, base=6)
    assert first.root is second.root
    calls = first.nodes("function_call_expression", "scoped_call_expression")
    assert [first.src(n) for n in calls] == ["CRest::call('crm.deal.get', ['id' => 1])"]
    assert second.nodes("scoped_call_expression") == calls
    assert second.span(calls[0]).start == first.span(calls[0]).start + 6  # offsets stay per piece


def test_other_code_or_grammar_is_parsed_anew_and_the_memo_stays_bounded() -> None:
    one = parse_once(b"a = 1", "python")
    assert parse_once(b"a = 1", "python") is one
    assert parse_once(b"a = 2", "python") is not one
    assert parse_once(b"a = 1", "javascript") is not one
    limit = parse_once.cache_parameters()["maxsize"]
    assert limit == 4  # PARSES_KEPT: a tab's readers parse it back to back
    for n in range(limit + 5):
        parse_once(f"x = {n}".encode(), "python")
    assert parse_once.cache_info().currsize == limit
