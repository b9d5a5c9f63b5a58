"""Anonymisation also reaches the free text people typed inside JSON values (assessment
answers), while the chosen options and scores that make the statistics stay."""

from datetime import timedelta

from django.utils import timezone

from assessments.models import Assessment, Instrument
from casework.models import Case
from privacy.services import retention


def test_free_text_inside_assessment_answers_is_removed_and_codes_stay(case, worker):
    answers = {
        "story": "Budi tinggal di Jl. Melati 3 bersama pamannya",
        "has_disability": "yes",
        "client_clusters": ["children", "disability"],
        "household_size": 4,
        "first_contact": "2015-03-02",
        "medication": "Parasetamol",
    }
    assessment = Assessment.objects.create(
        case=case,
        instrument=Instrument.objects.first(),
        answers=answers,
        scores={"psychosocial": 3.5},
        started_by=worker,
    )
    Case.objects.filter(pk=case.pk).update(
        closed_at=timezone.now() - timedelta(days=365 * 11), stage="terminated"
    )

    retention.anonymise_due(centre=case.centre)

    assessment.refresh_from_db()
    assert assessment.answers == {
        "story": "",
        "has_disability": "yes",
        "client_clusters": ["children", "disability"],
        "household_size": 4,
        "first_contact": "2015-03-02",
        "medication": "",
    }
    assert assessment.scores == {"psychosocial": 3.5}
    assert not assessment.history.filter(answers__story__contains="Budi").exists()


def test_scrub_keeps_the_shape_of_the_value():
    value = {"a": [{"b": "Nama Orang", "c": True, "d": None}], "e": "code_1"}
    assert retention.scrub(value) == {"a": [{"b": "", "c": True, "d": None}], "e": "code_1"}
