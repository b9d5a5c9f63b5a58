"""Official letters: numbered from the centre's yearly sequence, printed through the report
job model from what was kept, re-printed identically, cancelled keeping their number, and
checked by their verification code."""

import shutil
import subprocess
import threading

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS

from casework.models import Partner
from casework.services.referrals import create_referral
from reports import letters
from reports import services as report_services
from reports.models import Letter, ReportRun
from sentra.models import Centre
from tests.factories import approved_termination
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler-utils")
HEAD = {"head_name": "Dra. Siti Rahmawati, M.Si.", "head_nip": "196805121990032001"}


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def letterhead(centre, worker, supervisor):
    Centre.objects.filter(pk=centre.pk).update(
        **HEAD,
        head_title="Kepala Sentra",
        address="Jl. Sudirman 12, Jakarta",
        province="DKI Jakarta",
        phone="021-555-1234",
    )
    type(worker).objects.filter(pk=worker.pk).update(nip="198901012015031002")
    centre.refresh_from_db()
    return centre


@pytest.fixture
def referral(case, worker, letterhead):
    case.refresh_from_db()  # the worker's NIP and the centre's head, as just saved
    partner = Partner.objects.create(
        centre=case.centre, name="RSUD Tarakan", kind="hospital", address="Jl. Kyai Caringin 7"
    )
    return create_referral(
        by=worker,
        case=case,
        data={
            "partner": partner,
            "reason": "Pemeriksaan jiwa",
            "services_requested": "Rawat jalan",
        },
    )


def _printed(letter: Letter) -> bytes:
    """The latest print of `letter`, rendered as the worker would (the test's transaction
    never commits, so the queued task is run here by its id)."""
    run = ReportRun.objects.filter(kind="letter_pdf", params={"letter": letter.pk}).latest("id")
    run = report_services.execute(run.pk) or run
    assert run.status == "done", run.error
    with run.file.open("rb") as handle:
        return handle.read()


@needs_poppler
def test_every_letter_kind_renders_and_reprints_identically(
    case, referral, worker, supervisor, tasks_in_process
):
    day = timezone.localdate()
    with translation.override("id"):
        written = f"{day.day} {MONTHS[day.month]} {day.year}"
    issued = {}
    for kind in ["referral", "admission", "agreement", "social_report"]:
        source = referral if kind == "referral" else None
        issued[kind] = report_services.issue_and_print_letter(
            by=worker, case=case, kind=kind, source=source
        )
    termination = approved_termination(case, worker, supervisor, reason="reunified")
    issued["handover"] = report_services.issue_and_print_letter(
        by=worker, case=case, kind="handover", source=termination
    )
    issued["completion"] = report_services.issue_and_print_letter(
        by=supervisor, case=case, kind="completion"
    )
    titles = {
        "referral": "SURAT RUJUKAN",
        "admission": "BERITA ACARA PENERIMAAN",
        "agreement": "KESEPAKATAN LAYANAN",
        "handover": "BERITA ACARA SERAH TERIMA",
        "social_report": "LAPORAN SOSIAL",
        "completion": "SURAT KETERANGAN SELESAI LAYANAN",
    }
    signers = {
        "referral": [HEAD["head_name"], "NIP " + HEAD["head_nip"]],
        "admission": [worker.full_name, "NIP 198901012015031002", HEAD["head_name"]],
        "agreement": [case.client.full_name, worker.full_name],
        "handover": [worker.full_name, HEAD["head_name"], "Yang menerima"],
        "social_report": [worker.full_name, supervisor.full_name],
        "completion": [HEAD["head_name"], "NIP " + HEAD["head_nip"]],
    }
    for number, (kind, letter) in enumerate(issued.items(), start=1):
        assert letter.number == f"{number:03d}/{case.centre.code}/RS.03.01/" + (
            f"{['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][day.month - 1]}/{day.year}"
        )
        first = _printed(letter)
        letter.refresh_from_db()
        text = pdf_text(first)
        for expected in [
            titles[kind],
            letter.number,
            written,
            case.client.full_name,
            letter.verification_code,
            *signers[kind],
        ]:
            assert expected in text, (kind, expected)
        assert "Jl. Sudirman 12, Jakarta" in text
        report_services.reprint_letter(by=supervisor, letter=letter)
        again = _printed(letter)
        assert again == first, kind
        assert ReportRun.objects.filter(params={"letter": letter.pk}).count() == 2
    assert "RSUD Tarakan" in pdf_text(_printed(issued["referral"]))


def test_a_cancelled_letter_keeps_its_number_and_is_not_printed_again(
    case, worker, supervisor, letterhead
):
    first = letters.issue_letter(by=worker, case=case, kind="admission")
    letters.cancel_letter(by=supervisor, letter=first, reason="Salah tanggal")
    second = letters.issue_letter(by=worker, case=case, kind="admission")
    assert (first.sequence, second.sequence) == (1, 2)
    first.refresh_from_db()
    assert first.is_cancelled and first.number.startswith("001/")
    with pytest.raises(Exception, match="cancelled"):
        report_services.reprint_letter(by=worker, letter=first)


def test_a_referral_letter_needs_a_referral_and_a_completion_a_closed_case(
    case, worker, letterhead
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        letters.issue_letter(by=worker, case=case, kind="referral")
    with pytest.raises(ValidationError):
        letters.issue_letter(by=worker, case=case, kind="completion")


def test_the_number_pattern_is_the_centres(case, worker, letterhead):
    Centre.objects.filter(pk=letterhead.pk).update(
        letter_number_pattern="{kind}-{seq}/{month}/{year}"
    )
    case.centre.refresh_from_db()
    letter = letters.issue_letter(by=worker, case=case, kind="agreement")
    day = timezone.localdate()
    assert letter.number == f"KSL-001/{day:%m}/{day.year}"


@pytest.mark.django_db(transaction=True)
def test_letters_issued_at_once_get_different_numbers(reference_data, case, worker, letterhead):
    numbers, errors = [], []

    def issue():
        try:
            numbers.append(letters.issue_letter(by=worker, case=case, kind="admission").sequence)
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and sorted(numbers) == [1, 2, 3, 4]


def test_the_verification_page_shows_number_date_and_checksum(
    case, worker, supervisor, admin, outsider, letterhead, client_for
):
    letter = letters.issue_letter(by=worker, case=case, kind="admission")
    Letter.objects.filter(pk=letter.pk).update(checksum="ab" * 32)
    url = reverse("reports:letter-verify")
    body = client_for(admin).get(url, {"code": letter.verification_code.lower()}).content.decode()
    assert letter.number in body and "ab" * 32 in body
    elsewhere = client_for(outsider).get(url, {"code": letter.verification_code}).content.decode()
    assert letter.number not in elsewhere and 'id="not-found"' in elsewhere
    assert HttpClient().get(url).status_code == 302  # behind login


def test_letter_pages_go_through_the_access_policy(
    case, worker, colleague, admin, outsider, client_for, letterhead
):
    letter = letters.issue_letter(by=worker, case=case, kind="admission")
    page = reverse("reports:case-letters", args=[case.public_id])
    reprint = reverse("reports:letter-reprint", args=[letter.public_id])
    cancel = reverse("reports:letter-cancel", args=[letter.public_id])
    assert client_for(worker).get(page).status_code == 200
    for member, status in [(outsider, 404), (colleague, 404), (admin, 403)]:
        assert client_for(member).get(page).status_code == status, member
    for member, status in [(outsider, 404), (colleague, 404), (admin, 403)]:
        assert client_for(member).post(reprint).status_code == status, member
        assert client_for(member).post(cancel, {"reason": "x"}).status_code == status, member
    letter.refresh_from_db()
    assert not letter.is_cancelled


def test_a_worker_issues_a_referral_letter_from_the_page(case, referral, worker, client_for):
    http = client_for(worker)
    url = reverse("reports:case-letters", args=[case.public_id])
    page = read_page(http, url)
    data = form_data(page, "kind")
    data.update({"kind": "referral", "source": f"referral:{referral.public_id}"})
    response = http.post(url, data)
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.kind == "referral" and letter.source_id == referral.pk
    assert ReportRun.objects.filter(kind="letter_pdf", params={"letter": letter.pk}).exists()


def test_an_admin_uploads_the_letterhead_and_names_the_head_of_centre(admin, centre, client_for):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from reports import rendering

    def logo():
        buffer = io.BytesIO()
        Image.new("RGB", (40, 40), "navy").save(buffer, "PNG")
        return SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png")

    http = client_for(admin)
    url = reverse("centre-settings")
    data = form_data(read_page(http, url))
    data.update({"head_name": "Dra. Siti Rahmawati", "head_nip": "12345", "logo": logo()})
    refused = http.post(url, data)
    assert refused.status_code == 200 and "18" in refused.content.decode()
    data.update({"head_nip": HEAD["head_nip"], "logo": logo()})
    assert http.post(url, data).status_code == 302
    centre.refresh_from_db()
    assert centre.head_name == "Dra. Siti Rahmawati" and centre.head_nip == HEAD["head_nip"]
    assert rendering.letterhead(centre)["logo"].startswith("data:image/png;base64,")
