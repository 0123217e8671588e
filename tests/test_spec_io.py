"""Spec YAML: stable, real UTF-8, block strings, round-trips byte for byte; the schema is fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.parse import parse_docs
from generator.spec.io import SCHEMA_PATH, SpecError, dump_yaml, load_yaml, schema_text
from tests.corpus import CORPUS_RU, need, seed_root


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "generator/schema/spec.schema.json is stale: run `b24-docgen schema --write`"
    )


def test_seed_spec_yaml_shape(tmp_path: Path) -> None:
    [spec] = parse_docs(seed_root(tmp_path)).specs
    text = dump_yaml(spec)
    assert text.startswith("spec_version: 2\nkind: js_event\nevent: CallCard::BeforeClose\n")
    assert "Событие перед закрытием" in text and "\\u" not in text
    assert "code: |\n" in text  # multi-line strings as literal blocks
    assert dump_yaml(load_yaml(text)) == text


def test_every_corpus_spec_round_trips() -> None:
    for spec in parse_docs(need(CORPUS_RU)).specs:
        text = dump_yaml(spec)
        assert dump_yaml(load_yaml(text)) == text, spec.source.path
        assert load_yaml(text) == spec


def test_invalid_yaml_is_a_clear_error() -> None:
    with pytest.raises(SpecError, match=r"bad\.yaml: invalid YAML"):
        load_yaml("kind: [unclosed", "bad.yaml")


def test_schema_violation_names_the_place(tmp_path: Path) -> None:
    [spec] = parse_docs(seed_root(tmp_path)).specs
    text = dump_yaml(spec).replace("kind: js_event", "kind: webhook")
    with pytest.raises(SpecError, match=r"schema violation at kind"):
        load_yaml(text, "x.yaml")


def test_yaml_tags_are_refused() -> None:
    with pytest.raises(SpecError):
        load_yaml("!!python/object/apply:os.system ['true']", "evil.yaml")
