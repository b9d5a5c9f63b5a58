"""The kinds of centre activity every centre starts with, loaded by a data migration;
centre admins add their own in the app.

Only a kind with a service books an ATENSI service for the people who attend it (and only
for those whose case may receive services, see activities/rules.py): a morning meeting or
a sports afternoon is not a service to one person.
"""

# (code, Indonesian, English, code of the service it books or None)
KINDS = [
    ("morning_meeting", "Apel pagi", "Morning roll call and meeting", None),
    ("evening_meeting", "Apel malam", "Evening roll call and meeting", None),
    ("religious_guidance", "Bimbingan agama", "Religious guidance", None),
    ("sport", "Olahraga", "Sport and exercise", None),
    ("social_education", "Penyuluhan sosial", "Social education session", None),
    ("speaker_visit", "Kunjungan narasumber", "Visiting speaker", None),
    ("outing", "Kegiatan di luar panti", "Outing", None),
    ("community", "Pengorganisasian masyarakat", "Community organising", None),
    ("arts_recreation", "Kesenian dan rekreasi", "Arts and recreation", None),
    ("celebration", "Peringatan hari besar", "Religious or national holiday", None),
    ("group_therapy", "Terapi kelompok", "Group therapy session", "group_therapy"),
    ("vocational_session", "Sesi pelatihan vokasional", "Vocational training session", None),
    ("other", "Kegiatan lainnya", "Other activity", None),
]

# The kind a course's sessions are recorded under.
COURSE_SESSION = "vocational_session"


def load(apps) -> None:
    """Create or update the shipped kinds (idempotent)."""
    kind_model = apps.get_model("activities", "ActivityKind")
    service_type = apps.get_model("casework", "ServiceType")
    for code, name_id, name_en, service_code in KINDS:
        service = (
            service_type.objects.filter(centre=None, code=service_code).first()
            if service_code
            else None
        )
        kind_model.objects.update_or_create(
            centre=None,
            code=code,
            defaults={"name_id": name_id, "name_en": name_en, "service_type": service},
        )
