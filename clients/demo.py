"""Demo clients: about 60 realistic people for the demo centre, a handful for the other.

Deterministic (a fixed random seed) and idempotent: the registry is filled only once per
centre, so running seed_demo again changes nothing.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from clients import services
from clients.models import (
    AssistanceReceived,
    Client,
    Consent,
    DisabilityType,
    FamilyMember,
    PPKSCategory,
    TracingStatus,
)
from clients.models.cover import CareClass, HealthScheme, RegisterStatus
from sentra.models import Centre, User

MEN = [
    "Ahmad",
    "Budi",
    "Joko",
    "Rudi",
    "Slamet",
    "Agus",
    "Dedi",
    "Hendra",
    "Yusuf",
    "Rizky",
    "Bayu",
    "Fajar",
    "Andi",
    "Heru",
    "Wahyu",
    "Imam",
    "Taufik",
    "Supardi",
    "Darto",
    "Ilham",
]
WOMEN = [
    "Siti",
    "Dewi",
    "Sri",
    "Ani",
    "Rina",
    "Wati",
    "Nur",
    "Lestari",
    "Yanti",
    "Putri",
    "Ayu",
    "Fitri",
    "Sumarni",
    "Ratna",
    "Indah",
    "Maya",
    "Aisyah",
    "Sulastri",
    "Endang",
    "Tuti",
]
FAMILY = [
    "Santoso",
    "Wijaya",
    "Hidayat",
    "Saputra",
    "Lubis",
    "Siregar",
    "Nasution",
    "Rahmawati",
    "Kurniawan",
    "Pratama",
    "Setiawan",
    "Harahap",
    "Simanjuntak",
    "Sitompul",
    "Purnomo",
    "Susanti",
    "Handayani",
    "Hasibuan",
    "Gultom",
    "Manurung",
]
NICKNAMES = ["Udin", "Ucok", "Butet", "Ijah", "Gondrong", "Item", "Acil", "Nenek Ani", "Mbah"]

# (main category code, other category codes, age range, share of the demo registry); the
# clusters follow from the categories through the ministry's mapping.
PROFILES = [
    ("anak_terlantar", [], (6, 16), 8),
    ("anak_jalanan", [], (9, 17), 6),
    ("anak_korban_kekerasan", [], (5, 17), 5),
    ("anak_disabilitas", ["anak_korban_kekerasan"], (4, 15), 4),
    ("abh", [], (14, 17), 3),
    ("lansia_terlantar", [], (62, 85), 8),
    ("penyandang_disabilitas", [], (20, 55), 6),
    ("gelandangan", ["pengemis"], (25, 60), 6),
    ("pengemis", [], (30, 70), 3),
    ("korban_trafficking", ["pmbs"], (17, 30), 4),
    ("korban_kekerasan", [], (20, 45), 3),
    ("korban_napza", [], (18, 35), 2),
    ("korban_bencana_alam", [], (8, 70), 2),
]
WITH_DISABILITY = ("anak_disabilitas", "penyandang_disabilitas")

STREETS = ["Sudirman", "Gatot Subroto", "Kapten Pattimura", "Hayam Wuruk"]
JAMBI_VILLAGES = ["1571011012", "1571011002", "1571021001", "1571031003", "1504011001"]


def _nik(rng: random.Random, birth: date, sex: str) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"157101{day:02d}{birth.month:02d}{birth.year % 100:02d}{rng.randint(1, 9999):04d}"


def _kk(rng: random.Random) -> str:
    return f"157101{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(10, 24):02d}" + (
        f"{rng.randint(1, 9999):04d}"
    )


@transaction.atomic
def seed_clients(centre: Centre, workers: list[User], count: int, seed: int) -> int:
    """Fill `centre`'s registry with `count` clients unless it already has some."""
    if Client.objects.filter(centre=centre).exists():
        return 0
    rng = random.Random(seed)
    categories = {c.code: c for c in PPKSCategory.objects.filter(centre=None)}
    disabilities = list(DisabilityType.objects.filter(centre=None))
    profiles = [p for p in PROFILES for _ in range(p[3])]
    national_rng = random.Random(seed + 17)  # its own stream: the registry stays as it was
    today = date.today()
    created: list[Client] = []
    for index in range(count):
        code, other_codes, (low, high), _share = profiles[index % len(profiles)]
        sex = "P" if code == "korban_trafficking" or rng.random() < 0.45 else "L"
        given = rng.choice(WOMEN if sex == "P" else MEN)
        name = f"{given} {rng.choice(FAMILY)}" if rng.random() < 0.85 else given
        age = rng.randint(low, high)
        birth = today - timedelta(days=age * 365 + rng.randint(0, 364))
        with_papers = code not in ("gelandangan", "anak_jalanan", "pengemis") and rng.random() < 0.6
        estimated = not with_papers and rng.random() < 0.6
        registered_on = today - timedelta(days=rng.randint(5, 400))
        data = {
            "full_name": name,
            "aliases": rng.choice(NICKNAMES) if rng.random() < 0.2 else "",
            "sex": sex,
            "birth_date": date(birth.year, 7, 1) if estimated else birth,
            "birth_date_estimated": estimated,
            "birthplace": rng.choice(["Jambi", "Muaro Jambi", "Palembang", "Medan", "Padang", ""]),
            "religion": rng.choice(["islam"] * 6 + ["protestan", "katolik", "buddha", "unknown"]),
            "education": rng.choice(["none", "sd_not_done", "sd", "smp", "sma", "unknown"]),
            "nik": _nik(rng, birth, sex) if with_papers else "",
            "kk_number": _kk(rng) if with_papers and rng.random() < 0.7 else "",
            "phone": f"+628{rng.randint(11, 99)}{rng.randint(10000000, 99999999)}"
            if age >= 18 and rng.random() < 0.5
            else "",
            "province_code": "15" if rng.random() < 0.8 else "",
            "category": categories[code],
            "registered_on": registered_on,
        }
        if data["province_code"]:
            village = rng.choice(JAMBI_VILLAGES)
            data.update(
                regency_code=village[:4],
                district_code=village[:6],
                village_code=village,
                street=f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 120)}",
                rt=f"{rng.randint(1, 20):02d}",
                rw=f"{rng.randint(1, 9):02d}",
            )
        worker = workers[index % len(workers)]
        client = services.register_client(
            by=worker,
            centre=centre,
            data=data,
            other_categories=[categories[c] for c in other_codes],
            disability_types=[rng.choice(disabilities)] if code in WITH_DISABILITY else [],
        )
        _add_family_and_consent(rng, client, worker, registered_on)
        _add_national_data(national_rng, client, worker)
        created.append(client)
    _add_near_duplicates(rng, centre, created, workers)
    return len(created)


def _add_national_data(rng, client: Client, worker: User) -> None:
    """DTKS/DTSEN and BPJS for people with papers (those without cannot be matched yet),
    and some assistance received before they came."""
    if not client.nik:
        return
    if rng.random() < 0.7:
        client.register_status = rng.choice([RegisterStatus.DTKS, RegisterStatus.DTSEN])
        client.register_number = (
            f"{client.nik[:4]}-{rng.randint(2019, 2025)}-{rng.randint(1, 999999):06d}"
        )
        client.bpjs_scheme = rng.choice([HealthScheme.PBI_APBN, HealthScheme.PBI_APBD])
        client.bpjs_number = f"000{rng.randint(0, 9999999999):010d}"
        client.bpjs_class = CareClass.THIRD
    else:
        client.register_status = RegisterStatus.NOT_REGISTERED
        client.bpjs_scheme = HealthScheme.NONE
    client.save()
    if client.register_status == RegisterStatus.NOT_REGISTERED:
        return
    year = rng.randint(2022, 2025)
    programmes = [("pkh", 750000), ("bpnt", 200000)] + (
        [("atensi_yapi", 300000)] if client.is_child or (client.age or 0) >= 60 else []
    )
    for programme, amount in rng.sample(programmes, rng.randint(1, len(programmes))):
        AssistanceReceived.objects.create(
            client=client,
            programme=programme,
            period_start=date(year, rng.choice([1, 4, 7]), 1),
            period_end=date(year, 12, 31) if rng.random() < 0.5 else None,
            amount=amount,
            recorded_by=worker,
        )


def _add_family_and_consent(rng, client: Client, worker: User, registered_on: date) -> None:
    guardian = None
    if client.is_child or rng.random() < 0.5:
        relationship = rng.choice(["mother", "father", "grandparent", "uncle_aunt", "sibling"])
        guardian = FamilyMember.objects.create(
            client=client,
            name=f"{rng.choice(WOMEN if relationship == 'mother' else MEN)} {rng.choice(FAMILY)}",
            relationship=relationship,
            is_guardian=client.is_child,
            phone=f"+628{rng.randint(11, 99)}{rng.randint(10000000, 99999999)}",
            address="Kota Jambi",
        )
        client.family_tracing_status = TracingStatus.FOUND
    elif client.category and client.category.code in (
        "gelandangan",
        "lansia_terlantar",
        "anak_terlantar",
    ):
        client.family_tracing_status = rng.choice(
            [TracingStatus.SEARCHING, TracingStatus.NOT_FOUND, TracingStatus.NOT_STARTED]
        )
    client.save(update_fields=["family_tracing_status"])
    if client.is_child and guardian is None:
        return  # no guardian yet: consent is still to be obtained
    Consent.objects.create(
        client=client,
        purpose=Consent.Purpose.SERVICES,
        given_by=Consent.GivenBy.GUARDIAN if client.is_child else Consent.GivenBy.CLIENT,
        guardian=guardian if client.is_child else None,
        given_on=registered_on,
        recorded_by=worker,
    )
    if rng.random() < 0.6:
        Consent.objects.create(
            client=client,
            purpose=Consent.Purpose.SHARE_REFERRAL,
            given_by=Consent.GivenBy.GUARDIAN if client.is_child else Consent.GivenBy.CLIENT,
            guardian=guardian if client.is_child else None,
            given_on=registered_on,
            recorded_by=worker,
        )


def _add_near_duplicates(rng, centre, created, workers) -> None:
    """A few people registered twice under a slightly different spelling, as happens when
    a person comes back after a raid or from another shelter."""
    for original in created[3:6]:
        respelt = (
            original.full_name.replace("a", "ah", 1)
            if "a" in original.full_name
            else (original.full_name + "h")
        )
        services.register_client(
            by=workers[-1],
            centre=centre,
            data={
                "full_name": respelt,
                "sex": original.sex,
                "birth_date": original.birth_date.replace(month=1, day=1)
                if original.birth_date
                else None,
                "birth_date_estimated": True,
                "category": original.category,
            },
        )
