"""Geometry of server-rendered SVG charts; templates draw them and repeat the numbers in tables."""

from dataclasses import dataclass

PALETTES = {
    5: ["#b2182b", "#ef8a62", "#bababa", "#67a9cf", "#2166ac"],
    7: ["#b2182b", "#ef8a62", "#fddbc7", "#d9d9d9", "#d1e5f0", "#67a9cf", "#2166ac"],
}
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT, TOP = 190, 440, 30, 10


@dataclass(frozen=True)
class Segment:
    """One coloured piece of a bar."""

    x: float
    width: float
    colour: str
    point: int
    percent: float


@dataclass(frozen=True)
class Row:
    """One bar with its label."""

    label: str
    n: int
    y: float
    segments: tuple[Segment, ...]


def diverging_bars(groups: list[tuple[str, dict[int, int]]], points: int) -> dict:
    """Bars centred on the neutral point: disagreement to the left, agreement to the right."""
    centre = LABEL_WIDTH + BAR_WIDTH / 2
    scale = (BAR_WIDTH / 2) / 100
    middle = (points + 1) / 2
    rows = []
    for index, (label, distribution) in enumerate(groups):
        n = sum(distribution.values())
        percents = {p: (100 * distribution.get(p, 0) / n if n else 0)
                    for p in range(1, points + 1)}
        left = sum(v for p, v in percents.items() if p < middle) + percents.get(middle, 0) / 2
        x = centre - left * scale
        segments = []
        for point in range(1, points + 1):
            width = percents[point] * scale
            segments.append(Segment(x, width, PALETTES[points][point - 1], point,
                                    round(percents[point], 1)))
            x += width
        rows.append(Row(label, n, TOP + index * ROW_HEIGHT, tuple(segments)))
    return {"rows": rows, "width": LABEL_WIDTH + BAR_WIDTH + 10, "centre": centre,
            "height": TOP + len(rows) * ROW_HEIGHT + 30, "palette": PALETTES[points],
            "row_height": ROW_HEIGHT - 8, "label_width": LABEL_WIDTH}


def horizontal_bars(items: list[tuple[str, int]], maximum: int | None = None) -> dict:
    """Plain horizontal bars, e.g. submitted responses per stakeholder group."""
    top = max([maximum or 0] + [value for _, value in items]) or 1
    rows = [{"label": label, "value": value, "y": TOP + i * ROW_HEIGHT,
             "width": BAR_WIDTH * value / top} for i, (label, value) in enumerate(items)]
    return {"rows": rows, "width": LABEL_WIDTH + BAR_WIDTH + 60,
            "height": TOP + len(rows) * ROW_HEIGHT + 10, "label_width": LABEL_WIDTH,
            "row_height": ROW_HEIGHT - 8}
