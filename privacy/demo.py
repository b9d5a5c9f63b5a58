"""Demo data of the data-protection pages: a breach whose clock is running and an access
request waiting for the supervisor. Idempotent: a second run adds nothing."""

from datetime import timedelta

from django.utils import timezone

from clients.models import Client
from privacy.models import BreachIncident, SubjectAccessRequest
from privacy.services.registers import record_breach
from privacy.services.requests import record_access_request


def seed_privacy(centre, worker, admin) -> int:
    made = 0
    if not BreachIncident.objects.filter(centre=centre).exists():
        record_breach(
            by=admin,
            centre=centre,
            data={
                "title": "Flashdisk berisi daftar penghuni hilang",
                "description": "Flashdisk tertinggal di angkot sepulang kunjungan rumah.",
                "data_affected": "Nama, tanggal lahir, kategori PPKS",
                "subjects_affected": "Penghuni wisma putri",
                "people_affected": 18,
                "discovered_at": timezone.now() - timedelta(hours=30),
                "actions": "Sopir angkot dihubungi; kata sandi laptop diganti.",
            },
        )
        made += 1
    client = Client.objects.filter(centre=centre, cases__isnull=False).order_by("pk").first()
    if client and not SubjectAccessRequest.objects.filter(centre=centre).exists():
        record_access_request(
            by=worker, client=client, asked_by="Klien sendiri", asked_on=timezone.localdate()
        )
        made += 1
    return made
