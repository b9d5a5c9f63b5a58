"""The wellbeing chart: one small chart per domain on the same 1-5 scale, so domains with
the same scores never hide each other and every label fits a phone. The same markup is
on the progress page and in the PDF case report (sentra/charts.py draws each chart)."""

from datetime import date

from django.utils.safestring import SafeString, mark_safe

from assessments import schema
from sentra.charts import COLOURS, score_line_chart


def wellbeing_chart(points: list[tuple[date, dict[str, float]]], domains: list[dict]) -> SafeString:
    """`points` are (date, {domain: score}) in time order; `domains` come from the
    instrument definition (key and label), which a centre admin wrote: the chart module
    escapes every key and label (quotes included) before anything is marked safe."""
    cells = []
    for index, domain in enumerate(domains):
        key = str(domain["key"])
        scored = [(day, float(scores[key])) for day, scores in points if key in scores]
        if not scored:
            continue
        chart = score_line_chart(
            [day for day, _score in scored],
            [score for _day, score in scored],
            title=schema.text(domain["label"]),
            colour=COLOURS[index % len(COLOURS)],
            key=key,
        )
        cells.append(f'<div class="col-12 col-md-6 col-xl-4 chart-cell">{chart}</div>')
    return mark_safe(f'<div class="row g-3 chart-multiples">{"".join(cells)}</div>')  # noqa: S308
