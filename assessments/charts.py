"""Server-side SVG charts: the same markup on the page and in the PDF case report."""

from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from assessments import schema

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 40, 170, 20, 40
COLOURS = ["#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#d63384"]


def wellbeing_chart(points: list[tuple[date, dict[str, float]]], domains: list[dict]) -> SafeString:
    """A line per domain: x is the assessment date, y the domain score (1 to 5).

    `points` are (date, {domain: score}) in time order; `domains` come from the
    instrument definition (key and label), which a centre admin wrote: every key and label
    goes through Django's escape (quotes included), numbers are formatted from floats, and
    only then is the whole marked safe, so no template needs |safe."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    days = [d for d, _ in points]
    first, last = (min(days), max(days)) if days else (date.today(), date.today())
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        if len(points) == 1:
            return LEFT + plot_w / 2
        return round(LEFT + plot_w * (day - first).days / span, 1)

    def y(score: float) -> float:
        return round(TOP + plot_h * (5 - score) / 4, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" class="wellbeing-chart">'
    ]
    for level in range(1, 6):
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(level)}" y2="{y(level)}" '
            f'stroke="#dee2e6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y(level) + 4}" font-size="11" '
            f'text-anchor="end" fill="#6c757d">{level}</text>'
        )
    for day, _ in points:
        parts.append(
            f'<text x="{x(day)}" y="{HEIGHT - BOTTOM + 16}" font-size="10" '
            f'text-anchor="middle" fill="#6c757d">{day:%d-%m-%y}</text>'
        )
    for index, domain in enumerate(domains):
        key, colour = str(domain["key"]), COLOURS[index % len(COLOURS)]
        series = [(x(day), y(float(scores[key]))) for day, scores in points if key in scores]
        if len(series) > 1:
            path = " ".join(f"{px},{py}" for px, py in series)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2" data-domain="{escape(key)}"/>'
            )
        for px, py in series:
            parts.append(
                f'<circle cx="{px}" cy="{py}" r="3.5" fill="{colour}" data-domain="{escape(key)}"/>'
            )
        legend_y = TOP + 16 * index + 8
        parts.append(
            f'<rect x="{WIDTH - RIGHT + 12}" y="{legend_y - 8}" width="10" '
            f'height="10" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT + 28}" y="{legend_y + 1}" font-size="11" '
            f'fill="#212529">{escape(schema.text(domain["label"]))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (numbers and escaped text only)
