import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from clients import services
from clients.models import ClientDocument, Consent, FamilyMember
from sentra.models import AuditEvent
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, record, name, content, kind="ktp"):
    return client.post(
        reverse("clients:document-add", args=[record.public_id]),
        {"kind": kind, "description": "", "file": SimpleUploadedFile(name, content)},
    )


def test_a_png_is_stored_under_a_generated_name_and_served_only_through_the_view(
    worker, client_record, client_for
):
    http = client_for(worker)
    response = upload(http, client_record, "../../etc/passwd.png", png_bytes(), kind="photo")
    assert response.status_code == 302
    document = ClientDocument.objects.get()
    assert document.content_type == "image/png"
    assert document.original_name == "passwd.png"
    assert ".." not in document.file.name and "passwd" not in document.file.name
    download = http.get(
        reverse("clients:document-download", args=[client_record.public_id, document.public_id])
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment")
    assert client_record.registration_number in download["Content-Disposition"]
    # Stored re-encoded (pixels only, sentra.uploads): the same picture, not the same bytes.
    stored = Image.open(io.BytesIO(b"".join(download.streaming_content)))
    assert (stored.format, stored.size) == ("PNG", Image.open(io.BytesIO(png_bytes())).size)
    assert AuditEvent.objects.filter(action="download").count() == 1


def test_html_renamed_to_jpg_is_rejected(worker, client_record, client_for):
    response = upload(
        client_for(worker), client_record, "foto.jpg", b"<html><script>alert(1)</script></html>"
    )
    assert response.status_code == 200
    assert "Only PDF, JPEG or PNG" in response.content.decode()
    assert not ClientDocument.objects.exists()


def test_a_truncated_image_is_rejected(worker, client_record, client_for):
    response = upload(client_for(worker), client_record, "foto.png", png_bytes()[:30])
    assert "damaged" in response.content.decode()


def test_a_file_over_10_mb_is_rejected(worker, client_record, client_for):
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    response = upload(client_for(worker), client_record, "besar.pdf", big)
    assert "limit is 10 MB" in response.content.decode()
    assert not ClientDocument.objects.exists()


def test_stored_files_have_no_public_url(worker, client_record, client_for):
    http = client_for(worker)
    upload(http, client_record, "kk.pdf", pdf_bytes(), kind="kk")
    stored = ClientDocument.objects.get().file.name
    for guess in (f"/{stored}", f"/media/{stored}", f"/static/{stored}", f"/private/{stored}"):
        assert http.get(guess).status_code == 404, guess


def test_colleague_and_outsider_cannot_download(
    worker, colleague, outsider, client_record, client_for
):
    upload(client_for(worker), client_record, "kk.pdf", pdf_bytes(), kind="kk")
    document = ClientDocument.objects.get()
    url = reverse("clients:document-download", args=[client_record.public_id, document.public_id])
    assert client_for(colleague).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404


def test_missing_papers_are_listed_until_uploaded(worker, client_record, client_for):
    body = client_for(worker).get(reverse("clients:detail", args=[client_record.public_id]))
    assert "Without identity papers" in body.content.decode()
    assert ClientDocument.Kind.KK.label in services.missing_documents(client_record, [])


def guardian_for(record):
    return FamilyMember.objects.create(
        client=record, name="Ibu Sari", relationship="mother", is_guardian=True
    )


def test_a_child_needs_a_guardian_to_consent(worker, client_record, client_for):
    client_record.birth_date = date(date.today().year - 10, 1, 1)
    client_record.save()
    http = client_for(worker)
    url = reverse("clients:consent-add", args=[client_record.public_id])
    response = http.post(
        url, {"purpose": "services", "given_by": "client", "given_on": date.today().isoformat()}
    )
    assert "under 18" in response.content.decode()
    guardian = guardian_for(client_record)
    response = http.post(
        url,
        {
            "purpose": "services",
            "given_by": "guardian",
            "guardian": guardian.pk,
            "given_on": date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    assert services.has_consent(client_record, Consent.Purpose.SERVICES)


def test_consent_with_proof_and_withdrawal(worker, client_record, client_for):
    http = client_for(worker)
    response = http.post(
        reverse("clients:consent-add", args=[client_record.public_id]),
        {
            "purpose": "share_referral",
            "given_by": "client",
            "given_on": "2026-01-10",
            "proof_file": SimpleUploadedFile("ttd.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.proof.content_type == "application/pdf"
    assert services.has_consent(client_record, "share_referral")
    withdraw = reverse(
        "clients:consent-withdraw", args=[client_record.public_id, consent.public_id]
    )
    response = http.post(withdraw, {"withdrawn_on": "2026-01-01", "reason": "berubah pikiran"})
    assert "before it was given" in response.content.decode()
    http.post(withdraw, {"withdrawn_on": "2026-02-01", "reason": "berubah pikiran"})
    assert not services.has_consent(client_record, "share_referral")
    assert services.has_consent(client_record, "share_referral", on=date(2026, 1, 20))


def test_family_and_tracing_are_recorded(worker, client_record, client_for):
    http = client_for(worker)
    response = http.post(
        reverse("clients:family-add", args=[client_record.public_id]),
        {
            "name": "Pak Darto",
            "relationship": "father",
            "is_guardian": "on",
            "phone": "0812-1111-2222",
        },
    )
    assert response.status_code == 302
    member = FamilyMember.objects.get()
    assert member.phone == "+6281211112222" and member.is_guardian
    response = http.post(
        reverse("clients:tracing-add", args=[client_record.public_id]),
        {
            "attempted_on": "2026-03-01",
            "method": "Kunjungan ke kepala desa",
            "result": "Keluarga ditemukan di Muaro Jambi",
            "status_after": "found",
        },
    )
    assert response.status_code == 302
    client_record.refresh_from_db()
    assert client_record.family_tracing_status == "found"
    http.post(reverse("clients:family-archive", args=[client_record.public_id, member.public_id]))
    member.refresh_from_db()
    assert member.is_archived and FamilyMember.objects.count() == 1
