"""Reading page bytes: hashing, strict UTF-8 decoding, and line handling that matches markdown-it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import DocgenError, error
from generator.realpaths import RealPaths

# markdown-it's normalize step turns \r\n and lone \r into \n; lines must be counted the same way.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"
# Pages are read whole and parsed at ~1 MiB/s; the largest docs page is under 200 KiB.
MAX_PAGE_BYTES = 4 * 2**20


@dataclass(frozen=True, slots=True)
class SourceText:
    """A page's decoded text plus what is needed to write it back byte for byte."""

    path: str
    raw: bytes
    text: str
    sha256: str
    has_bom: bool

    @property
    def normalized(self) -> str:
        """The text as markdown-it sees it: no BOM, `\\n` line breaks."""
        body = self.text[1:] if self.has_bom else self.text
        return LINE_BREAK.sub("\n", body) if "\r" in body else body


def decode(raw: bytes, path: str, sha256: str | None = None) -> SourceText:
    """The page's text, strictly UTF-8; `sha256`: the bytes' digest when the caller has it."""
    if len(raw) > MAX_PAGE_BYTES:
        size = f"{len(raw) / 2**20:.1f} MiB"
        limit = f"{MAX_PAGE_BYTES // 2**20} MiB"
        raise DocgenError(error(path, "E-TOO-LARGE", f"file is {size}, over the {limit} limit"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocgenError(
            error(path, "E-ENCODING", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line, col)
        ) from None
    return SourceText(
        path=path,
        raw=raw,
        text=text,
        sha256=sha256 or hashlib.sha256(raw).hexdigest(),
        has_bom=text.startswith(BOM),
    )


def read_source(file: Path, display_path: str) -> SourceText:
    from generator.fileio import NotRegularFileError, read_regular

    try:
        raw = read_regular(file)
    except FileNotFoundError:
        raise DocgenError(error(display_path, "E-NOT-FOUND", "file not found")) from None
    except NotRegularFileError as exc:
        raise DocgenError(error(display_path, "E-NOT-REGULAR", exc.describe())) from None
    except OSError as exc:
        raise DocgenError(error(display_path, "E-READ", f"cannot read: {exc.strerror}")) from None
    return decode(raw, display_path)


def read_page(root: Path, rel: str, paths: RealPaths | None = None) -> bytes:
    """A page's bytes, refusing (with a located diagnostic) what a page must not be: a file name
    that is not UTF-8, a symlink to a file outside the docs root, a FIFO or other non-file.
    `paths` keeps a run's resolved folders (a run reading many pages passes one)."""
    from generator.fileio import NotRegularFileError, read_regular

    display = printable(rel)  # relative, like every page diagnostic; callers prefix the root
    if display != rel:
        raise DocgenError(error(display, "E-ENCODING", "file name is not valid UTF-8; not read"))
    file = root / rel
    paths = paths or RealPaths()
    if not Path(paths.resolve(file)).is_relative_to(paths.folder(root) or root.resolve()):
        raise DocgenError(
            error(display, "E-OUTSIDE-ROOT", "page is a symlink to a file outside the docs root")
        )
    try:
        return read_regular(file)
    except NotRegularFileError as exc:
        raise DocgenError(error(display, "E-NOT-REGULAR", f"{exc.describe()}; not read")) from None
    except OSError as exc:
        raise DocgenError(error(display, "E-READ", f"cannot read: {exc.strerror or exc}")) from None


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (surrogate-escaped by the OS layer) as `\\xff`."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


TAB_STOP = 4  # CommonMark (and so markdown-it and Diplodoc): a tab advances to the next multiple


def leading_whitespace(line: str) -> tuple[int, int]:
    """(characters, columns) of the line's leading spaces and tabs, tabs counted as markdown-it
    counts them: to the next multiple of 4."""
    columns = 0
    for count, char in enumerate(line):
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += TAB_STOP - columns % TAB_STOP
        else:
            return count, columns
    return len(line), columns


def dedent_columns(line: str, columns: int) -> str:
    """The line without up to `columns` columns of leading whitespace (a tab that would go past
    the limit stays)."""
    width = 0
    for count, char in enumerate(line):
        step = 1 if char == " " else TAB_STOP - width % TAB_STOP if char == "\t" else 0
        if step == 0 or width + step > columns:
            return line[count:]
        width += step
    return ""


def dedent_lines(lines: list[str], columns: int) -> list[str]:
    """`dedent_columns` of each line; a line that starts with `columns` spaces (almost every line
    of a tab's code) is cut at once."""
    if columns == 0:
        return list(lines)  # dedent_columns(line, 0) is the line
    pad = " " * columns
    return [
        line[columns:] if line.startswith(pad) else dedent_columns(line, columns) for line in lines
    ]


def split_lines_keepends(text: str) -> list[str]:
    """Lines with their own line endings (CRLF, CR or LF), so a rewrite can keep every byte."""
    lines: list[str] = []
    start = 0
    for match in LINE_BREAK.finditer(text):
        lines.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines
