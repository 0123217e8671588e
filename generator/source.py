"""Reading page bytes: hashing, strict UTF-8 decoding, and line handling that matches markdown-it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import DocgenError, error

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
        return LINE_BREAK.sub("\n", body)


def decode(raw: bytes, path: str) -> SourceText:
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
        sha256=hashlib.sha256(raw).hexdigest(),
        has_bom=text.startswith(BOM),
    )


def read_source(file: Path, display_path: str) -> SourceText:
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DocgenError(error(display_path, "E-NOT-FOUND", "file not found")) from None
    except OSError as exc:
        raise DocgenError(error(display_path, "E-READ", f"cannot read: {exc.strerror}")) from None
    return decode(raw, display_path)


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
