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
    case,
    kind: str,
    by,
    rng: random.Random,
    level: int | None = None,
    when=None,
    demo_extras: bool = True,
) -> Assessment | None:
    """Submit an assessment answered from the definition (and, for the demo, the screening
    before a comprehensive assessment and, on every other case, its contributors)."""
    instrument = Instrument.objects.published().filter(kind=kind).order_by("-version").first()
    if instrument is None:
        return None
    if (
        demo_extras
        and kind == InstrumentKind.COMPREHENSIVE
        and not case.assessments.filter(instrument__kind=InstrumentKind.SCREENING).exists()
    ):
        # The engagement's initial screening comes first; its own random stream keeps the
        # rest of the demo as it was.
        earlier = when - timedelta(days=1) if when is not None else None
        screening_rng = random.Random(case.pk)
        submit_demo_assessment(case, InstrumentKind.SCREENING, by, screening_rng, when=earlier)
    assessment = services.start_assessment(by=by, case=case, instrument=instrument)
    first = Instrument.objects.filter(code=instrument.code).order_by("version").first()
    if first is not None and first.pk != instrument.pk:
        # Draw from the demo's stream as version 1 did, so the rest of the demo stays as it
        # was; the later version's answers come from their own stream.
        for question in schema.questions(first.definition):
            _answer(question, rng, level)
        rng = random.Random(case.pk * 100 + instrument.version)
    services.save_answers(
        by=by,
        assessment=assessment,
        # What the registry prefilled (age group, clusters) stands; the rest is generated.
        raw={q["key"]: _answer(q, rng, level) for q in schema.questions(instrument.definition)}
        | assessment.answers,
        submit=True,
    )
    if when is not None:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=when)
    if demo_extras and kind == InstrumentKind.COMPREHENSIVE and case.pk % 2 == 0:
        _add_demo_contributors(assessment, by)
    assessment.refresh_from_db()
    return assessment


def _add_demo_contributors(assessment: Assessment, by) -> None:
    """Half of the demo's comprehensive assessments were done with the centre's psychologist
    and nurse, each credited with their sections."""
    sections = {s["key"] for s in assessment.instrument.definition["sections"]}
    for name, profession, role, keys in (
        ("Dewi Lestari, M.Psi.", "psychologist", "Psikolog sentra", ["psychological"]),
        ("Ns. Rina Sitompul", "nurse", "Perawat klinik sentra", ["medical", "module_daily_living"]),
    ):
        if set(keys) <= sections:
            services.add_contributor(
                by=by,
                assessment=assessment,
                data={"name": name, "profession": profession, "role": role, "sections": keys},
            )


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
