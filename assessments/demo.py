"""Demo assessments: answers generated from the shipped definitions, so the demo cases
can pass the workflow guards and the wellbeing charts have a story."""

import random
from datetime import timedelta

from django.utils import timezone

from assessments import schema, services
from assessments.models import Assessment, Instrument, InstrumentKind

SAMPLE_TEXT = [
    "Klien kooperatif dan terbuka selama wawancara.",
    "Keluarga inti tinggal di Kota Jambi; hubungan renggang sejak dua tahun.",
    "Membutuhkan dukungan pemenuhan kebutuhan dasar dan dokumen kependudukan.",
    "Tertarik mengikuti pelatihan menjahit dan usaha kecil.",
]


def _answer(question: dict, rng: random.Random, level: int | None = None):
    kind = question["type"]
    if kind in ("short_text", "long_text"):
        return rng.choice(SAMPLE_TEXT)
    if kind == "yes_no":
        return rng.choice(["yes", "no"])
    if kind == "single_choice":
        return rng.choice(question["choices"])["value"]
    if kind == "multi_choice":
        return [
            c["value"] for c in rng.sample(question["choices"], k=min(2, len(question["choices"])))
        ]
    if kind == "number":
        return question.get("min", 0)
    if kind == "date":
        return (timezone.localdate() - timedelta(days=rng.randint(1, 30))).isoformat()
    return level if level is not None else rng.randint(2, 4)  # scale


def demo_answers(definition: dict, rng: random.Random, level: int | None = None) -> dict:
    raw = {q["key"]: _answer(q, rng, level) for q in schema.questions(definition)}
    answers, _ = schema.clean_answers(definition, raw, complete=False)
    return answers


def submit_demo_assessment(
    case, kind: str, by, rng: random.Random, level: int | None = None, when=None
) -> Assessment | None:
    instrument = Instrument.objects.published().filter(kind=kind).order_by("-version").first()
    if instrument is None:
        return None
    assessment = services.start_assessment(by=by, case=case, instrument=instrument)
    services.save_answers(
        by=by,
        assessment=assessment,
        raw=demo_answers(instrument.definition, rng, level),
        submit=True,
    )
    if when is not None:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=when)
    assessment.refresh_from_db()
    return assessment


def seed_wellbeing_story(case, by, rng: random.Random) -> None:
    """Two or three wellbeing measurements, improving over the months of the case."""
    start = case.opened_at
    span = max((timezone.now() - start).days, 3)
    measures = 3 if span > 60 else 2
    for index in range(measures):
        when = start + timedelta(days=span * index // measures + 1)
        submit_demo_assessment(
            case,
            InstrumentKind.WELLBEING,
            by,
            rng,
            level=min(2 + index + rng.randint(0, 1), 5),
            when=when,
        )
