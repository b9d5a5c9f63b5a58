"""Demo centres and accounts for the quick start, reviewers and browser tests.

Idempotent: running it again updates the same rows instead of adding new ones.
"""

from django.db import transaction

from sentra.models import Centre, User
from sentra.scopes import Role

DEMO_PASSWORD = "sentra-demo-2026"  # noqa: S105  (published on purpose: demo only)

DEMO_CENTRE = {
    "code": "ALY",
    "name": "Sentra Alyatama",
    "kind": Centre.Kind.SENTRA,
    "province": "Jambi",
    "address": "Jl. Prof. DR. Sri Soedewi Maschun Sofwan, Kota Jambi, Jambi",
    "time_zone": Centre.TimeZone.WIB,
}
OTHER_CENTRE = {
    "code": "BGA",
    "name": "Sentra Budhi Dharma",
    "kind": Centre.Kind.SENTRA,
    "province": "Jawa Barat",
    "address": "Jl. H. Moeh Hasibuan, Kota Bekasi, Jawa Barat",
    "time_zone": Centre.TimeZone.WIB,
}
DEMO_ACCOUNTS = [
    ("peksos1", "Siti Rahmawati", Role.SOCIAL_WORKER, "ALY"),
    ("peksos2", "Budi Santoso", Role.SOCIAL_WORKER, "ALY"),
    ("supervisor1", "Dewi Lestari", Role.SUPERVISOR, "ALY"),
    ("admin1", "Agus Pratama", Role.ADMIN, "ALY"),
    ("peksos_lain", "Rina Marlina", Role.SOCIAL_WORKER, "BGA"),
]


@transaction.atomic
def seed_organisation() -> dict[str, User]:
    centres = {}
    for data in (DEMO_CENTRE, OTHER_CENTRE):
        centre, _ = Centre.objects.update_or_create(code=data["code"], defaults=data)
        centres[centre.code] = centre
    accounts = {}
    for username, full_name, role, code in DEMO_ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "role": role,
                "centre": centres[code],
                "email": f"{username}@sentra.example",
                "is_active": True,
                "mfa_exempt": True,  # the quick start logs in with the password alone
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        accounts[username] = user
    return accounts
