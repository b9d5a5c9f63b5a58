"""Finding 5 of the security test: uploads are parsed, bounded and cleaned, and a
service's receipt can be downloaded through the access check."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sentra.uploads import clean_upload
from tests.factories import pdf_bytes

GPS = 0x8825


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def image_bytes(size=(40, 30), fmt="PNG", mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white").save(buffer, format=fmt, **save)
    return buffer.getvalue()


def test_a_tiny_png_of_144_million_pixels_is_refused():
    bomb = image_bytes((12000, 12000), mode="1")
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError, match="million pixels"):
        clean_upload(upload("foto.png", bomb))


def test_a_photo_is_re_encoded_without_exif_gps_or_comments():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif.get_ifd(GPS)[2] = (6.0, 10.0, 30.0)  # latitude
    photo = image_bytes(fmt="JPEG", exif=exif.tobytes(), comment=b"<script>alert(1)</script>")
    photo += b"<script>appended</script>"
    cleaned, content_type = clean_upload(upload("foto.jpg", photo))
    data = cleaned.read()
    assert content_type == "image/jpeg"
    assert b"<script>" not in data and b"Camera maker" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert image.size == (40, 30)


def test_a_large_photo_is_scaled_down():
    cleaned, _ = clean_upload(upload("foto.jpg", image_bytes((6000, 3000), fmt="JPEG")))
    with Image.open(cleaned) as image:
        assert max(image.size) == 4000


def test_a_pdf_with_javascript_is_refused():
    with pytest.raises(ValidationError, match="scripts"):
        clean_upload(upload("surat.pdf", pdf_bytes(javascript="app.alert('x');")))


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>",
        b"%PDF-1.7\nPK\x03\x04" + b"\x00" * 200,
        b"%PDF-1.4\n%%EOF\n",
    ],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(data):
    with pytest.raises(ValidationError):
        clean_upload(upload("surat.pdf", data))


def test_a_jpeg_header_in_front_of_html_is_refused():
    with pytest.raises(ValidationError, match="damaged"):
        clean_upload(upload("foto.jpg", b"\xff\xd8\xff\xe0<html><script>x</script>"))


def test_a_plain_pdf_is_accepted():
    cleaned, content_type = clean_upload(upload("surat.pdf", pdf_bytes()))
    assert content_type == "application/pdf"


@pytest.mark.django_db
def test_a_receipt_is_downloaded_through_the_case_access_check(
    case, worker, colleague, outsider, client_for, reference_data
):
    from casework.models import ServiceRecord, ServiceType

    http = client_for(worker)
    response = http.post(
        reverse("casework:case-services", args=[case.public_id]),
        {
            "service_type": ServiceType.objects.filter(centre__isnull=True).first().pk,
            "delivered_on": "2026-03-01",
            "provider_staff": worker.pk,
            "receipt": upload("kwitansi.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = ServiceRecord.objects.get()
    url = reverse("casework:service-receipt", args=[case.public_id, record.public_id])
    assert (
        url in http.get(reverse("casework:case-services", args=[case.public_id])).content.decode()
    )
    download = http.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Type"] == "application/pdf"
    assert client_for(colleague).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
