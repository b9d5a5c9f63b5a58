import pytest
from django.urls import reverse

from clients.models import ClientDocument, Consent, FamilyMember
from sentra.models import AuditEvent
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def related(client_record, worker):
    member = FamilyMember.objects.create(
        client=client_record, name="Ibu", relationship="mother", is_guardian=True
    )
    document = ClientDocument.objects.create(
        client=client_record,
        kind="kk",
        file="documents/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=worker,
    )
    consent = Consent.objects.create(
        client=client_record, purpose="services", given_by="client", recorded_by=worker
    )
    return member, document, consent


READ_URLS = ["detail", "history"]
WRITE_URLS = [
    "edit",
    "archive",
    "family-add",
    "tracing-add",
    "document-add",
    "consent-add",
    "national-edit",
    "assistance-add",
]

# Expected status of each member of the cast for reading and for changing the file.
EXPECTED = {
    "worker": (200, 200),
    "supervisor": (200, 200),
    "admin": (200, 403),
    "colleague": (404, 404),
    "outsider": (404, 404),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_every_client_url_answers_each_member_of_the_cast(
    cast, client_for, client_record, related, role
):
    member, _document, consent = related
    http = client_for(cast[role])
    read, write = EXPECTED[role]
    args = [client_record.public_id]
    for name in READ_URLS:
        assert http.get(reverse(f"clients:{name}", args=args)).status_code == read, name
    for name in WRITE_URLS:
        assert http.get(reverse(f"clients:{name}", args=args)).status_code == write, name
    assert (
        http.get(reverse("clients:family-edit", args=[*args, member.public_id])).status_code
        == write
    )
    assert (
        http.get(reverse("clients:consent-withdraw", args=[*args, consent.public_id])).status_code
        == write
    )
    for name in ("restore", "family-archive", "document-archive"):
        extra = {
            "family-archive": [member.public_id],
            "document-archive": [_document.public_id],
        }.get(name, [])
        status = http.post(reverse(f"clients:{name}", args=[*args, *extra])).status_code
        assert status == (302 if write == 200 else write), name


def test_the_outsider_never_sees_the_name(outsider, client_record, client_for):
    response = client_for(outsider).get(reverse("clients:detail", args=[client_record.public_id]))
    assert response.status_code == 404
    assert client_record.full_name not in response.content.decode()


def test_a_malformed_id_is_a_404(worker, client_for):
    assert client_for(worker).get("/clients/not-a-uuid/").status_code == 404


def test_opening_a_file_writes_one_audit_row(worker, client_record, client_for):
    http = client_for(worker)
    before = AuditEvent.objects.count()
    http.get(reverse("clients:detail", args=[client_record.public_id]))
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.object_label) == (
        "view",
        worker,
        client_record.registration_number,
    )


def test_admin_reads_but_cannot_register(admin, client_for):
    assert client_for(admin).get(reverse("clients:register")).status_code == 403


def test_category_list_is_for_admins(worker, admin, client_for):
    assert client_for(worker).get(reverse("clients:categories")).status_code == 403
    assert client_for(admin).get(reverse("clients:categories")).status_code == 200


def test_registry_shows_everyone_in_the_centre_but_links_only_openable_files(
    worker, colleague, centre, client_record, client_for
):
    other = ClientFactory(centre=centre, registered_by=worker, full_name="Wati Susanti", sex="P")
    body = client_for(colleague).get(reverse("clients:list"), {"scope": "all"}).content.decode()
    assert "Wati Susanti" in body and other.registration_number in body
    assert reverse("clients:detail", args=[other.public_id]) not in body
    body = client_for(worker).get(reverse("clients:list"), {"scope": "all"}).content.decode()
    assert reverse("clients:detail", args=[other.public_id]) in body


def test_registry_never_lists_another_centre(outsider, client_record, client_for):
    body = client_for(outsider).get(reverse("clients:list"), {"scope": "all"}).content.decode()
    assert client_record.full_name not in body
