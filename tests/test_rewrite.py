"""Byte-faithful edits: line endings, final newline, BOM and indentation are kept."""

from __future__ import annotations

import pytest

from generator.rewrite import Edit, apply_edits, fence_body_edit, newline_of
from generator.source import decode


def lines_of(raw: bytes) -> list[str]:
    return decode(raw, "p.md").normalized.split("\n")


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_fence_body_is_replaced_with_the_page_line_ending(newline: bytes) -> None:
    raw = newline.join([b"- PHP", b"", b"    ```php", b"    old();", b"    ```", b"tail"])
    source = decode(raw, "p.md")
    edit = fence_body_edit(lines_of(raw), 3, 5, "new();\n\nmore();\n")
    expected = newline.join(
        [b"- PHP", b"", b"    ```php", b"    new();", b"", b"    more();", b"    ```", b"tail"]
    )
    assert apply_edits(source, [edit]) == expected


def test_missing_final_newline_is_kept_when_appending() -> None:
    source = decode(b"a\nb", "p.md")
    assert apply_edits(source, [Edit(3, 2, ("c",))]) == b"a\nb\nc"


def test_final_newline_is_kept_when_appending() -> None:
    source = decode(b"a\nb\n", "p.md")
    assert apply_edits(source, [Edit(3, 2, ("c",))]) == b"a\nb\nc\n"


def test_insert_and_replace_together_keep_other_lines() -> None:
    source = decode("é\u00a0x  \n\tgo\nz\n".encode(), "p.md")
    out = apply_edits(source, [Edit(2, 2, ("GO",)), Edit(1, 0, ("top",))])
    assert out == "top\né\u00a0x  \nGO\nz\n".encode()


def test_bom_survives() -> None:
    source = decode("\ufeffa\nb\n".encode(), "p.md")
    assert apply_edits(source, [Edit(2, 2, ("B",))]) == "\ufeffa\nB\n".encode()


def test_out_of_range_edit_is_refused() -> None:
    with pytest.raises(ValueError, match="outside the page"):
        apply_edits(decode(b"a\n", "p.md"), [Edit(5, 5, ("x",))])


def test_newline_detection() -> None:
    assert newline_of("a\r\nb") == "\r\n"
    assert newline_of("a\rb") == "\r"
    assert newline_of("ab") == "\n"


# --- from the mutation run (issue 14): line endings, seams, bounds, BOM, final line --------------


@pytest.mark.parametrize(
    ("text", "newline"),
    [
        ("a\nb\r\n", "\r\n"),  # any CRLF wins
        ("\r\nx", "\r\n"),
        ("a\r\r\n", "\r\n"),
        ("a\nb\rc", "\n"),  # then LF
        ("\nx\r", "\n"),
        ("a\rb", "\r"),  # then CR
        ("abc", "\n"),  # none: LF
        ("", "\n"),
    ],
)
def test_the_page_newline(text: str, newline: str) -> None:
    from generator.rewrite import newline_of

    assert newline_of(text) == newline


def test_an_empty_line_inserted_after_a_lone_cr_does_not_fuse_with_it() -> None:
    from generator.rewrite import Edit, apply_edits
    from generator.source import decode

    # LF page with one lone-CR line: an inserted empty LF line after it would read as CRLF
    source = decode(b"x\ny\rz\n", "p.md")
    assert apply_edits(source, [Edit(3, 2, ("",))]) == b"x\ny\r\r\nz\n"
    first = decode(b"y\rz\n", "p.md")
    assert apply_edits(first, [Edit(2, 1, ("",))]) == b"y\r\r\nz\n"
    assert apply_edits(first, [Edit(1, 0, ("",))]) == b"\ny\rz\n"


@pytest.mark.parametrize(("start", "end"), [(0, 0), (5, 4), (2, 0), (1, 4), (3, 1)])
def test_edits_outside_the_page_are_refused(start: int, end: int) -> None:
    from generator.rewrite import Edit, apply_edits
    from generator.source import decode

    with pytest.raises(ValueError, match="outside the page"):
        apply_edits(decode(b"a\nb\nc\n", "p.md"), [Edit(start, end, ("x",))])


def test_the_bom_stays_when_the_first_line_is_replaced() -> None:
    from generator.rewrite import Edit, apply_edits
    from generator.source import decode

    source = decode(b"\xef\xbb\xbfa\nb\n", "p.md")
    assert apply_edits(source, [Edit(1, 1, ("x",))]) == b"\xef\xbb\xbfx\nb\n"


def test_a_fence_body_without_a_final_newline_keeps_its_last_character() -> None:
    from generator.rewrite import fence_body_edit

    edit = fence_body_edit(["  ```js", "old", "  ```"], 1, 3, "a()\nb()")
    assert edit.lines == ("  a()", "  b()")
