"""The revised comprehensive assessment (version 2), the initial screening, and the
cluster modules shown by the client's clusters."""

from datetime import date

import pytest
from django.urls import reverse

from assessments import schema, services
from assessments.models import Instrument
from clients.models import PPKSCategory
from tests.factories import submitted_assessment
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def current(kind):
    return Instrument.objects.published().get(kind=kind)


def keys_shown(definition, answers):
    return {q["key"] for q in schema.questions(definition) if schema.is_shown(q, answers)}


def test_the_revised_comprehensive_assessment_is_version_2_and_version_1_is_kept(
    reference_data,
):
    versions = Instrument.objects.filter(code="atensi-comprehensive").order_by("version")
    assert [(i.version, i.status) for i in versions] == [(1, "retired"), (2, "published")]
    keys = {q["key"] for q in schema.questions(versions[1].definition)}
    for key in (
        "problem_history",
        "chronic_illness",
        "mental_illness",
        "drug_use",
        "pregnant",
        "adl_bathing",
        "literacy",
        "work_history",
        "housing",
        "assistance_received",
        "interviewed",
        "recommended_approaches",
        "risk_level",
    ):
        assert key in keys, key
    assert "health_condition" in {q["key"] for q in schema.questions(versions[0].definition)}
    # Loading again adds nothing.
    assert services.load_shipped_instruments() == 0


def test_every_question_of_version_2_is_a_full_question_or_a_named_field(reference_data):
    for question in schema.questions(current("comprehensive").definition):
        label = question["label"]["id"]
        assert label[0].isupper() and len(label) > 12, label
        if question["type"] == "yes_no":
            assert label.startswith("Apakah") and "?" in label, label
    components = next(
        q
        for q in schema.questions(current("comprehensive").definition)
        if q["key"] == "recommended_components"
    )
    labels = [c["label"]["id"] for c in components["choices"]]
    assert "Perawatan sosial dan/atau pengasuhan anak" in labels
    assert "Pelatihan vokasional dan/atau pembinaan kewirausahaan" in labels
    assert "Bantuan sosial dan asistensi sosial" in labels


def test_the_school_question_is_for_children_only(reference_data):
    definition = current("comprehensive").definition
    assert "in_school" in keys_shown(definition, {"age_group": "child"})
    assert "in_school" not in keys_shown(definition, {"age_group": "adult"})
    assert "work_history" not in keys_shown(definition, {"age_group": "child"})


def test_cluster_modules_follow_the_clients_clusters(reference_data, case, worker):
    client = case.client
    client.category = PPKSCategory.objects.get(code="lansia_terlantar", centre=None)
    client.birth_date = date(1950, 1, 1)
    client.save()
    client.other_categories.set([PPKSCategory.objects.get(code="penyandang_disabilitas")])
    assessment = services.start_assessment(
        by=worker, case=case, instrument=current("comprehensive")
    )
    assert assessment.answers["age_group"] == "elderly"
    assert set(assessment.answers["client_clusters"]) == {"elderly", "disability"}
    shown = keys_shown(assessment.instrument.definition, assessment.answers)
    assert {"adl_bathing", "assistive_devices", "caregiver_available"} <= shown
    assert "child_caregiver" not in shown and "in_school" not in shown


def test_a_child_gets_the_child_module_on_the_page(reference_data, case, worker, client_for):
    client = case.client
    client.category = PPKSCategory.objects.get(code="anak_jalanan", centre=None)
    client.birth_date = date(date.today().year - 10, 1, 1)
    client.save()
    http = client_for(worker)
    http.post(
        reverse("assessments:start", args=[case.public_id]),
        {"instrument": current("comprehensive").pk},
    )
    assessment = case.assessments.latest("id")
    assert assessment.answers["client_clusters"] == ["children", "social_tuna_trafficking"]
    page = read_page(http, reverse("assessments:detail", args=[assessment.public_id]))
    data = form_data(page, "q_client_clusters")  # the prefill reaches the form
    assert data["q_client_clusters"] == ["children", "social_tuna_trafficking"]
    assert data["q_age_group"] == "child"
    assert "1 – Sangat buruk" in page or "1 – Very poor" in page  # anchored scales


def test_a_v2_assessment_is_submitted_and_scored(reference_data, case, worker):
    assessment = submitted_assessment(case, "comprehensive", worker)
    assert assessment.instrument.version == 2
    assert assessment.is_submitted
    assert "health" in assessment.scores


def test_the_initial_screening_is_shipped_for_engagement(reference_data, case, worker):
    screening = current("screening")
    assert screening.name_id == "Asesmen awal"
    assessment = submitted_assessment(case, "screening", worker)
    assert assessment.is_submitted
    assert assessment.answers["agrees"] in ("yes", "needs_time", "no")
