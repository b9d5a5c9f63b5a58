"""UU PDP duties: restriction and its effects, the subject's access export, retention,
the records of processing and the breach register."""

import json
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from casework.forms.referrals import ReferralForm
from casework.models import Case, CaseNote, Partner, Referral
from casework.services.notes import add_note
from casework.services.referrals import create_referral, move_referral
from clients.models import Client, ProcessingRestriction
from privacy.models import AnonymisationRun, BreachIncident, SubjectAccessRequest
from privacy.services import requests as privacy_requests
from privacy.services import retention
from privacy.tasks import anonymise_due_task
from reports.models import ReportRun
from reports.monthly import build_monthly_report
from sentra.models import AuditEvent
from tests.factories import ClientFactory, open_case_for, submitted_assessment
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def restrict(client, by, kind="restriction"):
    return privacy_requests.record_restriction(
        by=by, client=client, kind=kind, requested_on=timezone.localdate(), reason="Permintaan"
    )


@pytest.fixture
def partner(centre):
    return Partner.objects.create(centre=centre, name="LKS Harapan", kind="lks")


# --- Restriction and objection --------------------------------------------------------------


def test_a_worker_records_an_objection_on_the_client_page(case, worker, client_for):
    http = client_for(worker)
    url = reverse("privacy:client", args=[case.client.public_id])
    body = read_page(http, url, "None recorded.")
    data = form_data(body, "reason")
    data.update({"kind": "objection", "reason": "Tidak mau dihitung."})
    response = http.post(reverse("privacy:restriction-add", args=[case.client.public_id]), data)
    assert response.status_code == 302
    restriction = ProcessingRestriction.objects.get()
    assert restriction.kind == "objection" and restriction.recorded_by == worker
    assert restriction.requested_on == timezone.localdate()
    assert AuditEvent.objects.filter(object_id=str(restriction.public_id), action="create")
    read_page(http, url, "In force", "Tidak mau dihitung.")


def test_a_restricted_client_is_not_referred(case, worker, partner):
    restrict(case.client, worker)
    data = {"partner": partner.pk, "reason": "Butuh rumah aman", "services_requested": "Shelter"}
    form = ReferralForm(data, case=case)
    assert not form.is_valid()
    assert "shared with referral partners" in str(form.non_field_errors())
    with pytest.raises(ValidationError):
        create_referral(by=worker, case=case, data={**data, "partner": partner})
    assert not Referral.objects.exists()


def test_a_referral_drafted_before_the_restriction_cannot_be_sent(
    case, worker, supervisor, partner, client_for
):
    referral = create_referral(
        by=worker, case=case, data={"partner": partner, "reason": "x", "services_requested": "y"}
    )
    restrict(case.client, worker)
    with pytest.raises(ValidationError):
        move_referral(by=supervisor, referral=referral, to_status="sent", override_reason="Darurat")
    referral.refresh_from_db()
    assert referral.status == "draft"


def test_lifting_the_restriction_allows_referrals_again(case, worker, partner, client_for):
    restriction = restrict(case.client, worker)
    http = client_for(worker)
    url = reverse("privacy:restriction-lift", args=[case.client.public_id, restriction.public_id])
    assert http.post(url).status_code == 302
    restriction.refresh_from_db()
    assert restriction.lifted_on == timezone.localdate() and restriction.lifted_by == worker
    data = {"partner": partner.pk, "reason": "x", "services_requested": "y"}
    assert ReferralForm(data, case=case).is_valid()


def test_a_restricted_client_is_left_out_of_the_monthly_exports(case, worker, centre):
    before = build_monthly_report(centre=centre, month=timezone.localdate())
    served = before.figures["clients_served"]
    assert served >= 1
    restrict(case.client, worker, kind="objection")
    after = build_monthly_report(centre=centre, month=timezone.localdate())
    assert after.figures["clients_served"] == served - 1


# --- The subject's access request -----------------------------------------------------------


@pytest.fixture
def access_request(case, worker):
    return privacy_requests.record_access_request(
        by=worker, client=case.client, asked_by="Klien sendiri", asked_on=timezone.localdate()
    )


def test_the_export_waits_for_a_supervisor(access_request, worker, admin, client_for):
    url = reverse("privacy:request-approve", args=[access_request.public_id])
    assert client_for(worker).post(url).status_code == 403
    assert client_for(admin).post(url).status_code == 403
    access_request.refresh_from_db()
    assert access_request.status == "pending" and not ReportRun.objects.exists()


def test_an_approved_request_exports_the_whole_record(
    access_request,
    case,
    worker,
    supervisor,
    client_for,
    tasks_in_process,
    django_capture_on_commit_callbacks,
):
    add_note(by=worker, case=case, data={"kind": "phone", "narrative": "Telepon keluarga."})
    client_for(supervisor).get(reverse("clients:detail", args=[case.client.public_id]))
    http = client_for(supervisor)
    read_page(http, reverse("privacy:requests"), "Klien sendiri", "Approve and export")
    with django_capture_on_commit_callbacks(execute=True):
        response = http.post(reverse("privacy:request-approve", args=[access_request.public_id]))
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == "approved" and access_request.decided_by == supervisor
    json_run, pdf_run = access_request.json_run, access_request.pdf_run
    json_run.refresh_from_db()
    pdf_run.refresh_from_db()
    assert json_run.status == pdf_run.status == ReportRun.Status.DONE, json_run.error
    download = http.get(reverse("reports:run-download", args=[json_run.public_id]))
    assert download.status_code == 200
    document = json.loads(b"".join(download.streaming_content))
    record = document["record"]
    identity = {row["field"]: row["value"] for row in record["identity"][0]}
    assert identity["full_name"] == "Joko Susilo"
    assert [row for row in record["cases"][0] if row["field"] == "number"][0][
        "value"
    ] == case.number
    assert set(record) >= {"family", "consents", "assessments", "plans", "services"}
    assert set(record) >= {"referrals", "documents", "restrictions", "viewed_by"}
    assert "supervisor" in [event["who"] for event in record["viewed_by"]]
    pdf = http.get(reverse("reports:run-download", args=[pdf_run.public_id]))
    content = b"".join(pdf.streaming_content)
    assert content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
        ).stdout.decode()
        assert "Joko Susilo" in text and case.number in text
    # Another look at the request finds it decided.
    again = http.post(reverse("privacy:request-approve", args=[access_request.public_id]))
    assert again.status_code == 302
    assert ReportRun.objects.count() == 2


def test_the_worker_who_recorded_it_cannot_download_the_export(
    access_request,
    worker,
    supervisor,
    client_for,
    tasks_in_process,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        privacy_requests.approve_access_request(by=supervisor, access_request=access_request)
    access_request.refresh_from_db()
    assert access_request.json_run.status == ReportRun.Status.DONE
    url = reverse("reports:run-download", args=[access_request.json_run.public_id])
    assert client_for(worker).get(url).status_code == 404
    assert client_for(supervisor).get(url).status_code == 200


def test_a_refused_request_keeps_its_reason(access_request, supervisor, client_for):
    url = reverse("privacy:request-refuse", args=[access_request.public_id])
    assert client_for(supervisor).post(url, {"reason": "Bukan kliennya"}).status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == "refused" and access_request.refusal_reason == "Bukan kliennya"


# --- Retention --------------------------------------------------------------------------------


@pytest.fixture
def old_closed_case(case, worker):
    add_note(by=worker, case=case, data={"kind": "phone", "narrative": "Rahasia keluarga."})
    long_ago = timezone.now() - timedelta(days=365 * 11)
    Case.objects.filter(pk=case.pk).update(closed_at=long_ago, stage="terminated")
    Client.objects.filter(pk=case.client_id).update(nik="3174051203900001", phone="08123")
    return case


def test_the_preview_lists_who_will_be_anonymised(old_closed_case, admin, client_for):
    read_page(
        client_for(admin), reverse("privacy:retention"), "Joko Susilo", old_closed_case.number
    )
    assert Client.objects.get(pk=old_closed_case.client_id).full_name == "Joko Susilo"


def test_a_recent_closure_is_kept(case, admin, client_for):
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=30))
    read_page(client_for(admin), reverse("privacy:retention"), "Nothing is due.")
    assert not retention.due_clients(case.centre).exists()


def closed_case_for(client, worker, supervisor, closed_at):
    case = open_case_for(client, worker, supervisor)
    Case.objects.filter(pk=case.pk).update(closed_at=closed_at, stage="termination")
    return case


def test_the_preview_lists_the_clients_the_rule_finds_the_longest_due_first(
    old_closed_case, centre, worker, supervisor, admin, client_for, django_assert_max_num_queries
):
    long_ago = Case.objects.get(pk=old_closed_case.pk).closed_at

    def client_closed(name, *closures):
        client = ClientFactory(centre=centre, registered_by=supervisor, full_name=name)
        for closed_at in closures:
            closed_case_for(client, worker, supervisor, closed_at)
        return client

    earlier = client_closed(
        "Dua Kasus Lama", long_ago - timedelta(days=400), long_ago - timedelta(days=30)
    )
    same_moment = client_closed(
        "Tutup Bersamaan", long_ago + timedelta(days=1), long_ago + timedelta(days=1)
    )
    readmitted = client_closed("Masih Dilayani", long_ago - timedelta(days=800))
    open_case_for(readmitted, worker, supervisor)
    client_closed(
        "Baru Ditutup", long_ago - timedelta(days=900), timezone.now() - timedelta(days=30)
    )
    gone = client_closed("Sudah Anonim", long_ago - timedelta(days=1000))
    Client.objects.filter(pk=gone.pk).update(anonymised_at=timezone.now())
    client_closed("Tanpa Kasus")

    preview = retention.due_preview(centre, limit=200)

    rule = list(retention.due_clients(centre).values_list("pk", "last_closed"))
    assert [(client.pk, client.last_closed) for client in preview] == rule
    assert [client.pk for client in preview] == [
        earlier.pk,
        old_closed_case.client_id,
        same_moment.pk,
    ]
    assert [client.pk for client in retention.due_preview(centre, limit=2)] == [
        earlier.pk,
        old_closed_case.client_id,
    ]
    http = client_for(admin)
    # The session, the user, the policy (made on this first visit), the preview and its
    # cases, the runs: a client more in the preview adds no query.
    with django_assert_max_num_queries(16):
        body = read_page(http, reverse("privacy:retention"), "Dua Kasus Lama", "Tutup Bersamaan")
    assert (
        "Masih Dilayani" not in body and "Baru Ditutup" not in body and "Sudah Anonim" not in body
    )


def test_anonymisation_removes_identifiers_and_free_text_but_keeps_the_rows(
    old_closed_case, admin, client_for
):
    client = Client.objects.get(pk=old_closed_case.client_id)
    category, sex = client.category_id, client.sex
    response = client_for(admin).post(reverse("privacy:retention-run"))
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.full_name == "ANONIM" and client.nik == "" and client.phone == ""
    assert client.anonymised_at is not None
    assert client.category_id == category and client.sex == sex
    case = Case.objects.get(pk=old_closed_case.pk)
    assert case.problem_statement == "" and case.number  # the row and its number stay
    assert case.anonymised_at == client.anonymised_at  # out of the retention walk's index
    assert CaseNote.objects.get(case=case).narrative == ""
    assert not client.history.exclude(full_name="ANONIM").exists()
    run = AnonymisationRun.objects.get()
    assert (run.clients, run.cases, run.run_by) == (1, 1, admin)
    assert AuditEvent.objects.filter(object_type="privacy.anonymisationrun").count() == 1
    # A second pass finds nothing left.
    assert anonymise_due_task() == 0


def test_anonymisation_empties_free_text_inside_assessment_answers(
    old_closed_case, worker, reference_data
):
    assessment = submitted_assessment(old_closed_case, "rapid", worker)
    Assessment.objects.filter(pk=assessment.pk).update(
        answers={
            "story": "Ibunya Siti tinggal di Jl. Melati 5, Jambi",
            "feel": "2",
            "needs": ["food", "shelter"],
            "seen": "2015-03-02",
            "score": 3,
        }
    )
    assert anonymise_due_task() == 1
    assessment.refresh_from_db()
    assert assessment.answers == {
        "story": "",
        "feel": "2",
        "needs": ["food", "shelter"],
        "seen": "2015-03-02",
        "score": 3,
    }


def test_the_centre_sets_its_own_retention_period(old_closed_case, admin, client_for):
    http = client_for(admin)
    data = form_data(read_page(http, reverse("privacy:retention")))
    data["years_after_closure"] = "20"
    assert http.post(reverse("privacy:retention"), data).status_code == 302
    assert not retention.due_clients(old_closed_case.centre).exists()
    data = form_data(read_page(http, reverse("privacy:retention")))
    data["years_after_closure"] = "0"
    refused = http.post(reverse("privacy:retention"), data)
    assert refused.status_code == 200
    assert "Choose between 1 and 100 years." in refused.content.decode()


def test_the_scheduled_pass_anonymises_every_centre(old_closed_case):
    assert anonymise_due_task() == 1
    assert Client.objects.get(pk=old_closed_case.client_id).full_name == "ANONIM"
    assert AnonymisationRun.objects.get().run_by is None


# --- Records of processing and the breach register ----------------------------------------------


def test_the_records_of_processing_list_the_models_fields(supervisor, client_for):
    read_page(
        client_for(supervisor),
        reverse("privacy:processing"),
        "Registration of clients (PPKS)",
        "NIK",
        "family card (KK) number",
        "Legal basis",
    )


def test_a_breach_is_recorded_and_its_clock_shown(admin, client_for):
    http = client_for(admin)
    data = form_data(read_page(http, reverse("privacy:breach-create")), "title")
    found = timezone.localtime() - timedelta(hours=10)
    data.update(
        {
            "title": "Laptop hilang",
            "description": "Tertinggal di angkot",
            "data_affected": "Nama, NIK",
            "subjects_affected": "Klien asrama",
            "people_affected": "30",
            "discovered_at": found.strftime("%Y-%m-%dT%H:%M"),
        }
    )
    assert http.post(reverse("privacy:breach-create"), data).status_code == 302
    breach = BreachIncident.objects.get()
    assert breach.recorded_by == admin and breach.people_affected == 30
    body = read_page(http, reverse("privacy:breach-list"), "Laptop hilang")
    assert 'data-clock="left"' in body and "61 h left" in body


def test_an_unnotified_breach_past_three_days_is_overdue(admin, centre, client_for):
    BreachIncident.objects.create(
        centre=centre,
        title="Server diretas",
        description="x",
        data_affected="x",
        subjects_affected="x",
        discovered_at=timezone.now() - timedelta(hours=80),
        recorded_by=admin,
    )
    body = read_page(client_for(admin), reverse("privacy:breach-list"), "Server diretas")
    assert 'data-clock="overdue"' in body and "Overdue by 8 h" in body


def test_a_breach_found_in_the_future_is_refused(admin, client_for):
    http = client_for(admin)
    data = form_data(read_page(http, reverse("privacy:breach-create")), "title")
    data.update(
        {
            "title": "x",
            "description": "x",
            "data_affected": "x",
            "subjects_affected": "x",
            "people_affected": "1",
            # Within every form's bound (ten years ahead), so the breach form's own rule speaks.
            "discovered_at": (timezone.localtime() + timedelta(days=365)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
        }
    )
    refused = http.post(reverse("privacy:breach-create"), data)
    assert refused.status_code == 200 and "between 2000 and now" in refused.content.decode()
    assert not BreachIncident.objects.exists()


# --- Access: another centre gets 404, a role without the right 403 ---------------------------------


def _urls(case, access_request, restriction, breach):
    client = case.client.public_id
    return {
        "privacy:client": ("get", reverse("privacy:client", args=[client])),
        "privacy:restriction-add": ("post", reverse("privacy:restriction-add", args=[client])),
        "privacy:restriction-lift": (
            "post",
            reverse("privacy:restriction-lift", args=[client, restriction.public_id]),
        ),
        "privacy:request-add": ("post", reverse("privacy:request-add", args=[client])),
        "privacy:request-approve": (
            "post",
            reverse("privacy:request-approve", args=[access_request.public_id]),
        ),
        "privacy:request-refuse": (
            "post",
            reverse("privacy:request-refuse", args=[access_request.public_id]),
        ),
        "privacy:breach-edit": ("get", reverse("privacy:breach-edit", args=[breach.public_id])),
    }


@pytest.fixture
def records(case, worker, admin, centre, access_request):
    restriction = restrict(case.client, worker)
    breach = BreachIncident.objects.create(
        centre=centre,
        title="Kebocoran uji",
        description="x",
        data_affected="x",
        subjects_affected="x",
        discovered_at=timezone.now(),
        recorded_by=admin,
    )
    return _urls(case, access_request, restriction, breach)


def test_another_centre_never_sees_privacy_records(records, outsider, outsider_admin, client_for):
    for user in (outsider, outsider_admin):
        http = client_for(user)
        for name, (method, url) in records.items():
            response = getattr(http, method)(url)
            assert response.status_code == 404, (user, name)
    assert ProcessingRestriction.objects.in_force().count() == 1
    assert SubjectAccessRequest.objects.get().status == "pending"


@pytest.mark.parametrize(
    "name,role",
    [
        ("privacy:restriction-add", "admin"),
        ("privacy:restriction-lift", "admin"),
        ("privacy:request-add", "admin"),
        ("privacy:request-approve", "worker"),
        ("privacy:request-approve", "admin"),
        ("privacy:request-refuse", "worker"),
        ("privacy:breach-edit", "worker"),
    ],
)
def test_a_role_without_the_right_gets_403(records, cast, client_for, name, role):
    method, url = records[name]
    assert getattr(client_for(cast[role]), method)(url).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "privacy:requests",
        "privacy:retention",
        "privacy:retention-run",
        "privacy:processing",
        "privacy:breach-list",
        "privacy:breach-create",
    ],
)
def test_social_workers_do_not_keep_the_registers(name, worker, client_for):
    http = client_for(worker)
    method = "post" if name == "privacy:retention-run" else "get"
    assert getattr(http, method)(reverse(name)).status_code == 403


def test_another_centres_registers_show_nothing_of_this_one(records, outsider_admin, client_for):
    http = client_for(outsider_admin)
    assert "Klien sendiri" not in read_page(http, reverse("privacy:requests"))
    assert "Kebocoran uji" not in read_page(http, reverse("privacy:breach-list"))


def test_cases_of_clients_anonymised_before_the_mark_get_it(old_closed_case):
    """The migration that added the cases' mark gives it to cases anonymised before."""
    import importlib

    from django.apps import apps
    from django.utils import timezone

    migration = importlib.import_module("casework.migrations.0018_case_anonymised_at")
    moment = timezone.now()
    Client.objects.filter(pk=old_closed_case.client_id).update(anonymised_at=moment)
    other = Case.objects.exclude(pk=old_closed_case.pk).values_list("anonymised_at", flat=True)
    migration.mark_anonymised_cases(apps, None)
    assert Case.objects.get(pk=old_closed_case.pk).anonymised_at == moment
    assert set(other) <= {None}
