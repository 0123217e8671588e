"""The string-literal filters' escape tables are translated once (the shared ones) and give the same
literals as a table made at each call."""

from __future__ import annotations

from generator.render import literals

TEXT = "a \"b\" 'c' \\ \n\t\r</x>"


def test_shared_tables_translate_as_tables_made_each_time() -> None:
    for table in (*literals.QUOTED.values(), literals.GO_ESCAPES):
        made = {ord(char): escaped for char, escaped in table.items()}
        assert literals._translation(table) == made
        copy = dict(table)  # same content, another table: not taken for the shared one
        copy["x"] = "X"
        assert literals._translation(copy) == {**made, ord("x"): "X"}


def test_literals_with_the_shared_tables() -> None:
    assert literals.py_string(TEXT) == '"a \\"b\\" \'c\' \\\\ \\n\\t\\r</x>"'
    assert literals.js_string(TEXT) == "'a \"b\" \\'c\\' \\\\ \\n\\t\\r<\\/x>'"
    assert literals.js_string(TEXT, '"') == '"a \\"b\\" \'c\' \\\\ \\n\\t\\r<\\/x>"'
    assert literals.js_string("`x`", "`") == "`\\`x\\``"
    assert literals.go_string(TEXT + "\x07") == '"a \\"b\\" \'c\' \\\\ \\n\\t\\r</x>\\a"'
