"""Findings per section as a small horizontal stacked bar chart in inline SVG (no script, no fonts)."""

from __future__ import annotations

from collections import Counter
from html import escape

# one colour per kind, assigned in sorted kind order so the same run always gets the same picture
PALETTE = (  # Tableau 10 and three more, red first: the first kind in sort order is `drift`
    "#e15759",
    "#f28e2b",
    "#4e79a7",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#17becf",
    "#8c564b",
    "#7f7f7f",
)
ROW = 22
LABEL_WIDTH = 250
BAR_WIDTH = 420


def kind_colours(kinds: list[str]) -> dict[str, str]:
    return {kind: PALETTE[index % len(PALETTE)] for index, kind in enumerate(sorted(kinds))}


def section_anchor(section: str) -> str:
    return "sec-" + "".join(c if c.isalnum() else "-" for c in section)


def bar_chart(counts: dict[str, Counter[str]], colours: dict[str, str]) -> str:
    """`counts` maps section → kind → findings; one bar per section, longest first."""
    largest = max((sum(c.values()) for c in counts.values()), default=1) or 1
    height = ROW * len(counts) + 6
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg class="chart" role="img" aria-label="findings per section" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
    ]
    ordered = sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    for row, (section, kinds) in enumerate(ordered):
        parts.append(_bar(row, section, kinds, largest, colours))
    parts.append("</svg>")
    return "".join(parts)


def _bar(row: int, section: str, kinds: Counter[str], largest: int, colours: dict[str, str]) -> str:
    y = row * ROW + 3
    total = sum(kinds.values())
    parts = [
        f'<a href="#{section_anchor(section)}"><text x="{LABEL_WIDTH - 8}" y="{y + 14}" '
        f'text-anchor="end">{escape(section)}</text>'
    ]
    x = float(LABEL_WIDTH)
    for kind, count in sorted(kinds.items()):
        width = BAR_WIDTH * count / largest
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{ROW - 6}" '
            f'fill="{colours[kind]}"><title>{escape(section)}: {count} {escape(kind)}</title></rect>'
        )
        x += width
    parts.append(f'<text x="{x + 6:.1f}" y="{y + 14}" class="total">{total}</text></a>')
    return "".join(parts)
