"""Server-side SVG charts people can read on a phone, and the same markup in a PDF.

Each chart is small (its viewBox is about a phone's width, so 12-unit text stays about
12 px on a 360 px screen), has a value axis with round numbers, Indonesian month names
(through the active language) and a text alternative: role="img" with a <title> and a
<desc> that states the figures. Series of very different size are drawn as small
multiples, one chart each with its own scale, never on one shared axis.

Everything returned is built from numbers and escaped labels only, so callers may mark it
safe."""

from collections.abc import Sequence
from datetime import date
from itertools import count

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

COLOURS = ["#0a58ca", "#146c43", "#b02a37", "#ad4e00", "#59359a"]
GRID, MUTED = "#dee2e6", "#495057"
WIDTH = 340
_ids = count(1)


def month_label(month: date, with_year: bool = False) -> str:
    """A month as people write it in the active language: "Jan", "Agu", "Des 2026"."""
    return date_format(month, "M Y" if with_year else "M")


def nice_ceiling(peak: float) -> int:
    """The smallest round number (1, 2, 5 times a power of ten) at or above `peak`."""
    if peak <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= peak:
                return step * factor
        step *= 10


def _ticks(top: int) -> list[int]:
    """0, the middle (when whole) and the top of a value axis."""
    middle = top / 2
    return [0, int(middle), top] if middle == int(middle) and middle else [0, top]


def _opening(height: int, *, title: str, described: str, colour: str) -> list[str]:
    """A chart's frame: the SVG element named by its title and described by its figures
    (what a screen reader says), and the title drawn in the series' colour."""
    ident = f"chart-{next(_ids)}"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d" class="sentra-chart">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(described)}</desc>',
        f'<text x="0" y="14" font-size="13" font-weight="600" fill="{colour}">'
        f"{escape(title)}</text>",
    ]


def bar_chart_by_month(
    months: Sequence[date], values: Sequence[int], *, title: str, colour: str = COLOURS[0]
) -> SafeString:
    """Columns, one per month, with a value axis and every other month named."""
    height, left, right, top, bottom = 150, 30, 6, 22, 24
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    ceiling = nice_ceiling(max(values, default=0))
    slot = plot_w / max(len(months), 1)
    described = ", ".join(
        f"{month_label(m, with_year=True)}: {v}" for m, v in zip(months, values, strict=True)
    )
    parts = _opening(height, title=title, described=described, colour=colour)
    for tick in _ticks(ceiling):
        y = round(top + plot_h * (1 - tick / ceiling), 1)
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y}" y2="{y}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4}" font-size="12" text-anchor="end" '
            f'fill="{MUTED}">{tick}</text>'
        )
    for index, (month, value) in enumerate(zip(months, values, strict=True)):
        bar_h = round(plot_h * value / ceiling, 1)
        x = round(left + index * slot + slot * 0.15, 1)
        parts.append(
            f'<rect x="{x}" y="{round(top + plot_h - bar_h, 1)}" width="{round(slot * 0.7, 1)}" '
            f'height="{bar_h}" fill="{colour}"/>'
        )
        # Every other month is named (the last always): twelve names do not fit a phone.
        if (len(months) - 1 - index) % 2 == 0:
            parts.append(
                f'<text x="{round(left + index * slot + slot / 2, 1)}" y="{height - 6}" '
                f'font-size="12" text-anchor="middle" fill="{MUTED}">'
                f"{escape(month_label(month))}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (numbers and escaped text only)


def small_multiples(
    months: Sequence[date], series: Sequence[tuple[str, Sequence[int]]]
) -> SafeString:
    """One bar chart per series, each on its own scale, then the figures as a table that
    opens on request (and that screen readers and PDFs read as a table)."""
    charts = [
        f'<div class="col-12 col-md-6 col-xl-4">'
        f"{bar_chart_by_month(months, values, title=label, colour=COLOURS[i % len(COLOURS)])}"
        f"</div>"
        for i, (label, values) in enumerate(series)
    ]
    head = "".join(f'<th scope="col" class="text-end">{escape(label)}</th>' for label, _v in series)
    rows = "".join(
        f'<tr><th scope="row">{escape(month_label(month, with_year=True))}</th>'
        + "".join(f'<td class="text-end">{values[i]}</td>' for _label, values in series)
        + "</tr>"
        for i, month in enumerate(months)
    )
    table = (
        f'<details class="fold chart-data"><summary>{escape(_("Show the figures as a table"))}'
        f'</summary><div class="table-responsive"><table class="table table-sm">'
        f'<thead><tr><th scope="col">{escape(_("Month"))}</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details>"
    )
    return mark_safe(f'<div class="row g-3">{"".join(charts)}</div>{table}')  # noqa: S308


def score_line_chart(
    days: Sequence[date],
    values: Sequence[float],
    *,
    title: str,
    low: int = 1,
    high: int = 5,
    colour: str = COLOURS[0],
    key: str = "",
) -> SafeString:
    """One measure over time on a fixed scale (an assessment's 1-5 domain score): a line
    with its points, the scale's ends and middle named, the first and last dates below."""
    height, left, right, top, bottom = 140, 24, 14, 24, 22
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)
    tag = f' data-domain="{escape(key)}"' if key else ""

    def x(day: date) -> float:
        if len(days) == 1:
            return round(left + plot_w / 2, 1)
        return round(left + plot_w * (day - first).days / span, 1)

    def y(value: float) -> float:
        return round(top + plot_h * (high - value) / (high - low), 1)

    described = "; ".join(
        f"{date_format(day, 'j M Y')}: {value:g}" for day, value in zip(days, values, strict=True)
    )
    parts = _opening(height, title=title, described=described, colour=colour)
    for level in sorted({low, (low + high) // 2, high}):
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(level)}" y2="{y(level)}" '
            f'stroke="{GRID}"/><text x="{left - 6}" y="{y(level) + 4}" font-size="12" '
            f'text-anchor="end" fill="{MUTED}">{level}</text>'
        )
    points = [(x(day), y(value)) for day, value in zip(days, values, strict=True)]
    if len(points) > 1:
        path = " ".join(f"{px},{py}" for px, py in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{tag}/>'
        )
    parts.extend(f'<circle cx="{px}" cy="{py}" r="4" fill="{colour}"{tag}/>' for px, py in points)
    labels = [(first, "middle")] if len(days) == 1 else [(first, "start"), (last, "end")]
    for day, anchor in labels:
        parts.append(
            f'<text x="{x(day)}" y="{height - 4}" font-size="12" text-anchor="{anchor}" '
            f'fill="{MUTED}">{escape(date_format(day, "j M Y"))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (numbers and escaped text only)
