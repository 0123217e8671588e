"""The stubs' field tree (generator/render/stubs/tree.py) unit by unit: nested class names, list and
map shapes, the types widened by the examples and the required-field evidence, asserted exactly."""

from __future__ import annotations

from generator.render.fieldtree import field_tree
from generator.render.stubs.names import NameRegistry
from generator.render.stubs.tree import ObjectBuilder, _evidence, _required, _seen_list
from generator.render.stubs.types import (
    ANY,
    BOOL,
    DICT,
    FLOAT,
    INT,
    STR,
    FieldModel,
    ObjectModel,
    TypeRef,
    list_of,
    map_of,
)
from generator.spec.parts import Field


def _row(name: str, type_: str | None = "string", required: bool = True, doc: str = "") -> Field:
    return Field(name, type_, required, doc, None, 1)


def _build(rows: list[Field], examples: list[object]) -> tuple[ObjectModel, list[ObjectModel]]:
    builder = ObjectBuilder("Deal", NameRegistry(frozenset()), examples)
    root = builder.build(field_tree(rows), "DealPayload", "the payload")
    return root, builder.objects


def _fields(model: ObjectModel) -> dict[str, tuple[str, str, bool, str]]:
    return {f.key: (f.attr, f.type.name, f.required, f.description) for f in model.fields}


def test_root_model_keeps_name_path_description_and_field_order() -> None:
    root, objects = _build([_row("ID", "integer", doc="the id"), _row("TITLE")], [])
    assert root == ObjectModel(
        "DealPayload",
        "",
        "the payload",
        (
            FieldModel("ID", "ID", INT, True, "the id"),
            FieldModel("TITLE", "TITLE", STR, True, ""),
        ),
    )
    assert objects == [root]


def test_nested_object_gets_class_name_path_and_description_and_is_listed_first() -> None:
    rows = [_row("data", "object", doc="deal data"), _row("data.FIELDS.ID", "integer")]
    example = {"data": {"FIELDS": {"ID": 5}}}
    root, objects = _build(rows, [example])
    assert [(m.name, m.path, m.description) for m in objects] == [
        ("DealDataFields", "data.FIELDS", ""),
        ("DealData", "data", "deal data"),
        ("DealPayload", "", "the payload"),
    ]
    data = root.fields[0]
    assert (data.key, data.attr, data.required, data.description) == (
        "data",
        "data",
        True,
        "deal data",
    )
    assert data.type == TypeRef("object", obj=objects[1])
    fields = objects[1].fields[0]
    assert fields.type == TypeRef("object", obj=objects[0])
    assert fields.required is False  # implied by `data.FIELDS.ID` only: no row documents it
    assert fields.description == ""
    assert objects[0].fields == (FieldModel("ID", "ID", INT, True, ""),)


def test_object_list_from_the_docs_type_is_a_list_of_item_class() -> None:
    rows = [_row("items", "object[]"), _row("items.ID", "integer")]
    root, objects = _build(rows, [])
    assert [m.name for m in objects] == ["DealItemsItem", "DealPayload"]
    assert root.fields[0].type == list_of(TypeRef("object", obj=objects[0]))
    assert objects[0].path == "items"


def test_object_list_from_the_examples_alone() -> None:
    rows = [_row("items", "object"), _row("items.ID", "integer")]
    root, objects = _build(rows, [{"items": [{"ID": 1}, {"ID": 2}]}])
    assert objects[0].name == "DealItemsItem"
    assert root.fields[0].type == list_of(TypeRef("object", obj=objects[0]))
    assert objects[0].fields == (FieldModel("ID", "ID", INT, True, ""),)


def test_an_object_example_keeps_the_object_shape() -> None:
    rows = [_row("items", "object"), _row("items.ID", "integer")]
    root, objects = _build(rows, [{"items": {"ID": 1}}, {"items": []}])
    assert objects[0].name == "DealItems"
    assert root.fields[0].type == TypeRef("object", obj=objects[0])


def test_map_entries_become_a_map_of_their_type_and_hole_words_name_item_classes() -> None:
    rows = [_row("bots", "object"), _row("bots.{BOT_ID}.CODE"), _row("bots.{BOT_ID}.N", "integer")]
    example = {"bots": {"17": {"CODE": "x", "N": "4"}, "18": {"CODE": "y", "N": 2.5}}}
    root, objects = _build(rows, [example])
    assert [(m.name, m.path) for m in objects] == [("DealBotsItem", "bots.{}"), ("DealPayload", "")]
    assert root.fields[0].type == map_of(TypeRef("object", obj=objects[0]))
    assert _fields(objects[0]) == {"CODE": ("CODE", "str", True, ""), "N": ("N", "float", True, "")}


def test_a_map_of_scalars_is_widened_by_the_entries() -> None:
    rows = [_row("counts", "object"), _row("counts.{ID}", "integer")]
    root, _ = _build(rows, [{"counts": {"a": 1, "b": "x"}}])
    assert root.fields[0].type == map_of(STR)


def test_scalar_types_are_widened_by_present_values_only() -> None:
    rows = [_row("N", "integer"), _row("B", "boolean")]
    root, _ = _build(rows, [{"N": "1.5", "B": True}, {"B": "maybe"}])
    assert [f.type for f in root.fields] == [FLOAT, STR]


def test_attribute_names_are_made_unique_per_object() -> None:
    root, _ = _build([_row("a-b"), _row("a_b"), _row("class")], [])
    assert [f.attr for f in root.fields] == ["a_b", "a_b_", "class_"]


def test_class_names_are_claimed_from_the_registry() -> None:
    rows = [_row("x", "object"), _row("x.y"), _row("X", "object"), _row("X.z")]
    _, objects = _build(rows, [])
    assert [m.name for m in objects] == ["DealX", "DealX2", "DealPayload"]


def test_evidence_per_parent_object_through_lists_and_holes() -> None:
    examples: list[object] = [
        {"a": [{"b": 1}, {"c": 2}, "skip"]},
        {"a": {"b": None}},
        {"z": 1},
        "not an object",
        [{"a": {"b": 3}}],
    ]
    assert _evidence(examples, ("a", "b")) == [(True, 1), (False, None), (True, None), (True, 3)]
    assert _evidence(examples, ("a",)) == [
        (True, [{"b": 1}, {"c": 2}, "skip"]),
        (True, {"b": None}),
        (False, None),
        (True, {"b": 3}),
    ]
    maps: list[object] = [{"m": {"k1": {"v": 1}, "k2": {"w": 2}}}]
    assert _evidence(maps, ("m", "{}")) == [(True, {"v": 1}), (True, {"w": 2})]
    assert _evidence(maps, ("m", "{}", "v")) == [(True, 1), (False, None)]


def test_seen_list_needs_some_non_empty_value_and_all_of_them_lists() -> None:
    assert _seen_list([]) is False
    assert _seen_list([(True, []), (False, None), (True, None)]) is False
    assert _seen_list([(True, [1]), (False, "x")]) is True
    assert _seen_list([(True, [1]), (True, {"a": 1})]) is False


def test_required_follows_the_docs_unless_nullable_or_absent_in_an_example() -> None:
    assert _required(None, STR, []) is False
    assert _required(_row("A", required=False), STR, []) is False
    assert _required(_row("A", "string|null"), STR, [(True, "x")]) is False
    assert _required(_row("A"), STR, []) is True
    assert _required(_row("A"), STR, [(True, "x"), (False, None)]) is False
    assert _required(_row("A"), STR, [(True, None)]) is False


def test_required_strings_and_any_accept_empty_values() -> None:
    assert _required(_row("A"), STR, [(True, ""), (True, "undefined")]) is True
    assert _required(_row("A", "any"), ANY, [(True, {}), (True, [])]) is True
    assert _required(_row("A", "any"), ANY, [(True, ""), (True, "undefined")]) is True


def test_required_other_types_drop_on_empty_spellings() -> None:
    assert _required(_row("A", "integer"), INT, [(True, 3), (True, "4")]) is True
    assert _required(_row("A", "integer"), INT, [(True, "")]) is False
    assert _required(_row("A", "integer"), INT, [(True, "undefined")]) is False
    assert _required(_row("A", "integer"), INT, [(True, "x")]) is True
    assert _required(_row("A", "object"), DICT, [(True, {})]) is True
    assert _required(_row("A", "boolean"), BOOL, [(True, [])]) is True


def test_required_objects_drop_on_empty_containers() -> None:
    obj = TypeRef("object", obj=ObjectModel("X", "x", "", ()))
    assert _required(_row("A", "object"), obj, [(True, {"a": 1})]) is True
    assert _required(_row("A", "object"), obj, [(True, {})]) is False
    assert _required(_row("A", "object"), obj, [(True, [])]) is False
    assert _required(_row("A", "object"), obj, [(True, {"a": 1}), (True, [])]) is False
