"""Demo letterhead, head of centre and a few issued letters. Idempotent: a centre that has
letters already is left as it is."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from casework.models import Case, Referral
from reports import letters
from reports.models import Letter
from sentra.models import Centre

HEAD = {
    "head_name": "Drs. Bambang Wijaya, M.Si.",
    "head_nip": "196803151994031002",
    "head_title": "Kepala Sentra",
    "phone": "0741-123456",
    "email": "sentra.alyatama@kemensos.example",
    "website": "alyatama.kemensos.example",
}


def _logo() -> bytes:
    """A plain round emblem, drawn here so the demo needs no picture file."""
    image = Image.new("RGB", (240, 240), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 232, 232), fill="#0d3b66", outline="#f4d35e", width=10)
    draw.polygon([(120, 45), (185, 175), (55, 175)], fill="#f4d35e")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seed_letters(centre: Centre, workers, supervisor) -> int:
    Centre.objects.filter(pk=centre.pk).update(**HEAD)
    centre.refresh_from_db()
    if not centre.logo:
        centre.logo.save(f"{centre.code.lower()}.png", ContentFile(_logo()), save=False)
        Centre.objects.filter(pk=centre.pk).update(logo=centre.logo.name)
    if Letter.objects.filter(centre=centre).exists():
        return 0
    issued = 0
    cases = Case.objects.filter(centre=centre, primary_worker__in=workers).order_by("opened_at")
    for case in cases[:3]:
        letters.issue_letter(by=case.primary_worker, case=case, kind=Letter.Kind.ADMISSION)
        issued += 1
    referral = (
        Referral.objects.filter(case__centre=centre, case__primary_worker__in=workers)
        .select_related("case__primary_worker")
        .first()
    )
    if referral is not None:
        case = referral.case
        letters.issue_letter(
            by=case.primary_worker, case=case, kind=Letter.Kind.REFERRAL, source=referral
        )
        issued += 1
    first = cases.first()
    if first is not None:
        letters.issue_letter(by=supervisor, case=first, kind=Letter.Kind.SOCIAL_REPORT)
        issued += 1
    return issued
