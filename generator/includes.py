"""`{% include %}` resolution: relative to the including page, nested, cycle-guarded, root-confined."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import NamedTuple

from generator.diagnostics import DocgenError, error
from generator.pages.model import Node, Page, line_of
from generator.realpaths import RealPaths
from generator.source import read_source

INCLUDE_ARGS = re.compile(r"^(?P<notitle>notitle\s+)?\[(?P<text>[^\]]*)\]\((?P<path>[^)\s]+)\)")


class Located(NamedTuple):
    """A node together with the page it comes from (includes splice other pages' nodes in). A
    named tuple: made for every node an extractor reads (36,000 a check), and a frozen dataclass
    costs twice as much to make."""

    node: Node
    page: Page
    included: bool
    host_line: (
        int  # 1-based line on the page being extracted (the include's line for included nodes)
    )


@dataclass
class IncludeResolver:
    """Loads included pages; `shared` lets many pages of one run reuse the parsed includes."""

    root: Path
    shared: dict[str, Page] | None = None
    paths: RealPaths = field(default_factory=RealPaths)  # a run passes its own (folders kept)
    _cache: dict[str, Page] = field(default_factory=dict)
    _loaded: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.shared is not None:
            self._cache = self.shared

    @property
    def loaded(self) -> list[str]:
        """Paths of the files this resolver was asked to include (relative to the root)."""
        return list(dict.fromkeys(self._loaded))

    def load(self, page: Page, node: Node, stack: tuple[str, ...]) -> Page:
        match = INCLUDE_ARGS.match(node.info)
        line = line_of(node)
        if match is None:
            raise DocgenError(
                error(page.path, "E-INCLUDE-SYNTAX", f"cannot read include `{node.info}`", line, 1)
            )
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), match["path"]))
        if target.startswith("../") or target == ".." or posixpath.isabs(target):
            raise DocgenError(
                error(
                    page.path,
                    "E-INCLUDE-OUTSIDE",
                    f"include `{match['path']}` points outside the docs root",
                    line,
                    1,
                )
            )
        if target in stack:
            chain = " -> ".join([*stack, target])
            raise DocgenError(
                error(page.path, "E-INCLUDE-CYCLE", f"include cycle: {chain}", line, 1)
            )
        return self._read(page.path, target, match["path"], line)

    def _read(self, origin: str, target: str, written: str, line: int) -> Page:
        self._loaded.append(target)
        root = self._real_root()
        real = self.paths.existing(os.path.join(self.root, target))
        if real is None:
            raise DocgenError(
                error(
                    origin,
                    "E-INCLUDE-MISSING",
                    f"included file `{written}` does not exist"
                    + _depth_hint(Path(root), origin, written),
                    line,
                    1,
                )
            )
        if not _inside(real, root):
            raise DocgenError(
                error(
                    origin,
                    "E-INCLUDE-OUTSIDE",
                    f"include `{written}` resolves outside the docs root (symlink?)",
                    line,
                    1,
                )
            )
        # keyed by size and mtime too: a cache shared across runs must not serve a changed file
        try:
            stat = os.stat(real)
        except OSError as exc:
            raise DocgenError(
                error(
                    origin, "E-INCLUDE-MISSING", f"cannot read `{written}`: {exc.strerror}", line, 1
                )
            ) from None
        if not S_ISREG(stat.st_mode):  # a FIFO would block the read forever
            raise DocgenError(
                error(
                    origin,
                    "E-NOT-REGULAR",
                    f"included file `{written}` is not a regular file; not read",
                    line,
                    1,
                )
            )
        key = f"{target}\0{stat.st_size}\0{stat.st_mtime_ns}"
        if key not in self._cache:
            self._cache[key] = Page(target, read_source(Path(real), target))
        return self._cache[key]

    def _real_root(self) -> str:
        """The root as `Path.resolve()` gives it (its folder resolution kept by `paths`)."""
        return self.paths.folder(self.root) or str(self.root.resolve())


def _inside(real: str, root: str) -> bool:
    """`Path(real).is_relative_to(root)` for two resolved absolute paths."""
    return real == root or real.startswith(root.rstrip("/") + "/")


def _depth_hint(root: Path, origin: str, written: str) -> str:
    """` (did you mean …?)` when the same path with one `../` more or less exists."""
    base = posixpath.dirname(origin)
    for candidate in (f"../{written}", f"../../{written}", written.removeprefix("../")):
        target = posixpath.normpath(posixpath.join(base, candidate))
        if not target.startswith("..") and (root / target).is_file():
            return f" (did you mean `{candidate}`?)"
    return ""


def expand(
    page: Page,
    nodes: list[Node],
    resolver: IncludeResolver | None,
    stack: tuple[str, ...] = (),
    host_line: int | None = None,
) -> Iterator[Located]:
    """The nodes with every include replaced by the included page's nodes, recursively."""
    stack = stack or (page.path,)
    for node in nodes:
        if node.type != "yfm_include" or resolver is None:
            yield Located(node, page, host_line is not None, host_line or line_of(node))
            continue
        child = resolver.load(page, node, stack)
        line = host_line or line_of(node)
        yield from expand(child, child.children, resolver, (*stack, child.path), line)
