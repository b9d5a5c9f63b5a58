import json
from datetime import date
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from assessments import charts, services
from assessments.models import Assessment, Instrument
from casework.models import Case
from casework.models.stages import Stage
from casework.services.cases import StageMoveRefused, move_case_to_stage, record_first_response
from tests.factories import submitted_assessment
from tests.pages import read_page

pytestmark = pytest.mark.django_db


def instrument(kind):
    return Instrument.objects.published().get(kind=kind)


def start(http, case, kind):
    response = http.post(
        reverse("assessments:start", args=[case.public_id]), {"instrument": instrument(kind).pk}
    )
    assert response.status_code == 302
    return Assessment.objects.latest("id")


def test_the_five_shipped_instruments_are_published():
    kinds = set(Instrument.objects.published().values_list("kind", flat=True))
    assert kinds == {"rapid", "comprehensive", "family_tracing", "wellbeing", "screening"}


def test_a_draft_over_two_sittings_then_submit(case, worker, client_for):
    http = client_for(worker)
    assessment = start(http, case, "wellbeing")
    url = reverse("assessments:detail", args=[assessment.public_id])
    keys = [
        q["key"]
        for s in assessment.instrument.definition["sections"]
        for q in s["questions"]
        if q["type"] == "scale"
    ]
    first, rest = keys[:2], keys[2:]
    response = http.post(url, {f"q_{k}": "3" for k in first} | {"draft": "1", "version": 1})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.answers == dict.fromkeys(first, 3) and not assessment.is_submitted
    # Submitting with questions missing is refused and keeps what was typed.
    second_sitting = {"submit": "1", "version": assessment.version}
    response = http.post(url, {f"q_{k}": "3" for k in first} | second_sitting)
    assert response.status_code == 200 and "must be answered" in response.content.decode()
    response = http.post(url, {f"q_{k}": "4" for k in first + rest} | second_sitting)
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.is_submitted and assessment.submitted_by == worker
    assert set(assessment.scores.values()) == {4.0}


def test_the_server_refuses_an_out_of_range_answer(case, worker, client_for):
    http = client_for(worker)
    assessment = start(http, case, "wellbeing")
    key = next(
        q["key"]
        for s in assessment.instrument.definition["sections"]
        for q in s["questions"]
        if q["type"] == "scale"
    )
    http.post(
        reverse("assessments:detail", args=[assessment.public_id]), {f"q_{key}": "9", "draft": "1"}
    )
    assessment.refresh_from_db()
    assert assessment.answers == {}


def test_a_submitted_assessment_is_read_only_and_amendments_keep_it(case, worker, client_for):
    original = submitted_assessment(case, "comprehensive", worker)
    before = dict(original.answers)
    http = client_for(worker)
    url = reverse("assessments:detail", args=[original.public_id])
    assert http.post(url, {"draft": "1"}).status_code == 403
    with pytest.raises(Exception, match="cannot be changed"):
        services.save_answers(by=worker, assessment=original, raw={}, submit=False)
    response = http.post(reverse("assessments:amend", args=[original.public_id]))
    amendment = Assessment.objects.get(amends=original)
    assert response["Location"] == reverse("assessments:detail", args=[amendment.public_id])
    assert amendment.answers == before and not amendment.is_submitted
    original.refresh_from_db()
    assert original.answers == before and original.is_submitted


def test_old_assessments_keep_their_version(case, worker, superuser):
    old = submitted_assessment(case, "wellbeing", worker)
    data = services.export_instrument(old.instrument)
    data["definition"]["sections"][0]["questions"][0]["label"]["id"] = "Pertanyaan baru"
    new = services.import_instrument(by=superuser, data=data, publish=True)
    assert new.version == old.instrument.version + 1
    old.refresh_from_db()
    assert old.instrument.version == new.version - 1
    assert old.instrument.status == Instrument.Status.RETIRED
    assert Instrument.objects.current("wellbeing") == new


def test_leaving_assessment_needs_a_submitted_comprehensive_assessment(
    case, worker, consent_to_services
):
    Case.objects.filter(pk=case.pk).update(stage=Stage.ASSESSMENT)
    case.refresh_from_db()
    with pytest.raises(StageMoveRefused) as refusal:
        move_case_to_stage(by=worker, case=case, to_stage=Stage.PLANNING)
    assert "comprehensive assessment" in refusal.value.messages[0]
    draft = services.start_assessment(by=worker, case=case, instrument=instrument("comprehensive"))
    assert draft.status == "draft"
    with pytest.raises(StageMoveRefused):
        move_case_to_stage(by=worker, case=case, to_stage=Stage.PLANNING)
    submitted_assessment(case, "comprehensive", worker)
    move_case_to_stage(by=worker, case=case, to_stage=Stage.PLANNING)


def test_first_emergency_response_needs_a_rapid_assessment(case, worker):
    Case.objects.filter(pk=case.pk).update(is_emergency=True)
    case.refresh_from_db()
    with pytest.raises(StageMoveRefused, match="rapid"):
        record_first_response(by=worker, case=case)
    submitted_assessment(case, "rapid", worker)
    record_first_response(by=worker, case=case)
    assert case.first_response_at is not None


def test_the_chart_is_well_formed_svg_with_the_right_points():
    domains = [
        {"key": "safety", "label": {"id": "Keamanan", "en": "Safety"}},
        {"key": "health", "label": {"id": "Kesehatan", "en": "Health"}},
    ]
    svg = charts.wellbeing_chart(
        [
            (date(2026, 1, 1), {"safety": 1.0, "health": 5.0}),
            (date(2026, 3, 2), {"safety": 5.0, "health": 3.0}),
        ],
        domains,
    )
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    charts_drawn = list(root.iter(f"{ns}svg"))
    # One chart per domain, each on the same 1-5 scale: equal scores never hide each other.
    assert [c.find(f"{ns}title").text for c in charts_drawn] == ["Safety", "Health"]
    lines = {p.get("data-domain"): p.get("points") for p in root.iter(f"{ns}polyline")}
    # x from 24 to 326 (340 - 24 - 14 wide); y: 5 -> 24, 3 -> 71, 1 -> 118 (140 - 24 - 22 high).
    assert lines == {"safety": "24.0,118.0 326.0,24.0", "health": "24.0,24.0 326.0,71.0"}
    assert len(list(root.iter(f"{ns}circle"))) == 4
    # Dates as people write them, and the figures in words for a screen reader.
    assert "1 Jan 2026" in svg and "2 Mar 2026" in svg
    assert "1 Jan 2026: 1; 2 Mar 2026: 5" in charts_drawn[0].find(f"{ns}desc").text
    assert "Safety" in svg  # labels follow the active language (English in tests)


def test_progress_page_shows_the_chart_for_the_client(
    case, worker, client_for, django_assert_max_num_queries
):
    submitted_assessment(case, "wellbeing", worker, level=2)
    submitted_assessment(case, "wellbeing", worker, level=4)
    http = client_for(worker)
    url = reverse("assessments:client-progress", args=[case.client.public_id])
    with django_assert_max_num_queries(20) as few:
        body = read_page(http, url, case.client.full_name)
    assert body.count("<polyline") == len(instrument("wellbeing").domains)
    for _ in range(4):
        submitted_assessment(case, "wellbeing", worker, level=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = read_page(http, url, case.client.full_name)
    assert body.count("<circle") > body.count("<polyline")  # a point per sitting and domain


def test_case_assessment_list_query_budget(case, worker, client_for, django_assert_max_num_queries):
    http = client_for(worker)
    submitted_assessment(case, "rapid", worker)
    url = reverse("assessments:case-list", args=[case.public_id])
    rapid, wellbeing = str(instrument("rapid")), str(instrument("wellbeing"))
    with django_assert_max_num_queries(15) as few:
        read_page(http, url, rapid)
    for _ in range(5):
        submitted_assessment(case, "wellbeing", worker)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = read_page(http, url, rapid, wellbeing)
    assert body.count(wellbeing) >= 5


EXPECTED = {
    "worker": (200, 302),
    "supervisor": (200, 302),
    "admin": (200, 403),
    "colleague": (404, 404),
    "outsider": (404, 404),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_assessment_urls_for_the_cast(cast, case, client_for, role):
    assessment = submitted_assessment(case, "rapid", cast["worker"])
    read, write = EXPECTED[role]
    http = client_for(cast[role])
    assert http.get(reverse("assessments:case-list", args=[case.public_id])).status_code == read
    assert http.get(reverse("assessments:detail", args=[assessment.public_id])).status_code == read
    assert (
        http.get(reverse("assessments:client-progress", args=[case.client.public_id])).status_code
        == read
    )
    response = http.post(
        reverse("assessments:start", args=[case.public_id]),
        {"instrument": instrument("wellbeing").pk},
    )
    assert response.status_code == write


@pytest.mark.parametrize(
    ("role", "status"), [("admin", 200), ("supervisor", 403), ("worker", 403), ("outsider", 403)]
)
def test_instrument_management_is_for_admins(cast, client_for, role, status):
    http = client_for(cast[role])
    assert http.get(reverse("assessments:instrument-list")).status_code == status


def test_admin_imports_exports_and_rejects_a_bad_definition(admin, client_for):
    http = client_for(admin)
    rapid = instrument("rapid")
    exported = http.get(reverse("assessments:instrument-export", args=[rapid.code, rapid.version]))
    data = json.loads(exported.content)
    data["definition"]["sections"][0]["questions"][0]["type"] = "essay"
    response = http.post(
        reverse("assessments:instrument-list"), {"definition_text": json.dumps(data)}
    )
    assert "has an unknown type" in response.content.decode()
    response = http.post(reverse("assessments:instrument-list"), {"definition_text": "{nope"})
    assert "not valid JSON" in response.content.decode()
    data["definition"]["sections"][0]["questions"][0]["type"] = "yes_no"
    data["code"] = "rapid-local"
    response = http.post(
        reverse("assessments:instrument-list"),
        {"definition_text": json.dumps(data), "publish": "on"},
    )
    assert response.status_code == 302
    local = Instrument.objects.current("rapid-local")
    assert (local.version, local.centre) == (1, admin.centre)
