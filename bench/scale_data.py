"""The national-scale dataset for bench/scale.py, built in bulk with INSERT ... SELECT over
generate_series: five centres of different sizes, 300 000 clients, a case each, their stage
moves, ~10 notes and ~10 audit rows per client, a service record per case.

Columns the dataset does not care about take the model field's default, so fields other
branches add (with a default or NULL) need no change here.
"""

import time

from django.db import connection

# Share of the clients per centre: the largest first (the demo centre, where the demo
# accounts work), the smallest last.
CENTRE_SHARES = [0.50, 0.25, 0.13, 0.08, 0.04]
CLIENTS_PER_WORKER = 1500  # over the years; ~40 open cases each at any time
OPEN_EVERY = 40  # one case in OPEN_EVERY is open today

FIRST = [
    "Siti",
    "Budi",
    "Agus",
    "Dewi",
    "Rina",
    "Ahmad",
    "Nur",
    "Sri",
    "Eko",
    "Joko",
    "Wahyu",
    "Rudi",
    "Yuni",
    "Ani",
    "Putri",
    "Dian",
    "Hendra",
    "Bambang",
    "Lestari",
    "Indah",
    "Fitri",
    "Rizki",
    "Fajar",
    "Andi",
    "Ayu",
    "Maya",
    "Tri",
    "Dwi",
    "Yusuf",
    "Hasan",
    "Ikhsan",
    "Citra",
    "Nanda",
    "Rahmat",
    "Surya",
    "Teguh",
    "Wulan",
    "Kartika",
    "Bayu",
    "Gilang",
]
MIDDLE = [
    "Nur",
    "Dwi",
    "Tri",
    "Sari",
    "Putra",
    "Putri",
    "Ayu",
    "Dian",
    "Adi",
    "Indah",
    "Eka",
    "Kusuma",
    "Wati",
    "Rahma",
    "Sekar",
    "Bintang",
    "Cahya",
    "Mega",
    "Tirta",
    "Arif",
    "Ratna",
    "Bagus",
    "Dewa",
    "Intan",
    "Galih",
    "Laras",
    "Sinta",
    "Purnama",
    "Jaya",
    "Bakti",
]
LAST = [
    "Santoso",
    "Rahmawati",
    "Pratama",
    "Lestari",
    "Marlina",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Setiawan",
    "Susanto",
    "Gunawan",
    "Kurniawan",
    "Nugroho",
    "Hakim",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Sitompul",
    "Lubis",
    "Situmorang",
    "Tanjung",
    "Ginting",
    "Sembiring",
    "Purba",
    "Manurung",
    "Hutapea",
    "Pohan",
    "Daulay",
    "Rangkuti",
    "Wibowo",
    "Firmansyah",
    "Ramadhan",
    "Syahputra",
    "Permana",
    "Hermawan",
    "Suryadi",
    "Kusnadi",
    "Sulistyo",
    "Utomo",
]
NARRATIVE = (
    "Kunjungan rumah: klien dan keluarga ditemui, kondisi tempat tinggal diamati, rencana "
    "intervensi dibahas bersama pendamping. Tindak lanjut dijadwalkan minggu depan."
)


def _sql_array(words):
    return "ARRAY[" + ",".join(f"'{w}'" for w in words) + "]"


def _has_rows(table: str, where: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {where})")  # noqa: S608
        return cursor.fetchone()[0]


def insert_select(model, exprs: dict, source: str) -> int:
    """INSERT INTO model's table SELECT exprs FROM source. Columns not in `exprs` take the
    field's default (uuid4 becomes gen_random_uuid(), auto_now(_add) becomes now())."""
    columns, values, params = [], [], []
    for field in model._meta.concrete_fields:
        column = field.column
        if column in exprs:
            columns.append(column)
            values.append(exprs[column])
            continue
        if field.primary_key:
            continue
        columns.append(column)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values.append("now()")
        elif field.get_internal_type() == "UUIDField" and field.has_default():
            values.append("gen_random_uuid()")
        elif field.has_default():
            values.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
        elif field.null:
            values.append("NULL")
        elif field.get_internal_type() in ("CharField", "TextField", "SlugField", "FileField"):
            values.append("''")
        else:
            raise ValueError(f"{model.__name__}.{field.name} needs a value")
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _staff(centre, code: str, n_workers: int, demo: dict):
    from sentra.models import User

    def user(username, role, full_name):
        if username in demo:
            return demo[username]
        found, _ = User.objects.get_or_create(
            username=username,
            defaults={"full_name": full_name, "centre": centre, "role": role},
        )
        return found

    workers = [demo[name] for name in ("peksos1", "peksos2") if name in demo]
    workers += [
        user(f"{code.lower()}_w{i}", "social_worker", f"Pekerja {code} {i}")
        for i in range(n_workers - len(workers))
    ]
    supervisor = demo.get("supervisor1") or user(
        f"{code.lower()}_sup", "supervisor", f"Supervisor {code}"
    )
    admin = demo.get("admin1") or user(f"{code.lower()}_adm", "admin", f"Admin {code}")
    return workers, supervisor, admin


def build(total_clients: int, notes_per_client: int = 10, audit_per_client: int = 10) -> None:
    from casework.models import (
        Case,
        CaseNote,
        Group,
        Review,
        ServiceRecord,
        ServiceType,
        StageMove,
        Task,
    )
    from casework.models.stages import OPEN_STAGES
    from clients.models import Client
    from sentra.demo import seed_organisation
    from sentra.models import AuditEvent, Centre

    started = time.perf_counter()
    demo_accounts = seed_organisation()
    service_type = ServiceType.objects.filter(centre=None).order_by("id").first()
    open_stages = _sql_array(OPEN_STAGES)
    for number, share in enumerate(CENTRE_SHARES):
        n = int(total_clients * share)
        if number == 0:
            centre = Centre.objects.get(code="ALY")
            demo = demo_accounts
        else:
            centre, _ = Centre.objects.get_or_create(
                code=f"SC{number}", defaults={"name": f"Sentra Skala {number}"}
            )
            demo = {}
        workers, supervisor, _admin = _staff(
            centre, centre.code, max(5, n // CLIENTS_PER_WORKER), demo
        )
        worker_ids = "ARRAY[" + ",".join(str(w.pk) for w in workers) + "]"
        w = len(workers)
        # Each step is skipped when its rows are there, so a stopped build resumes.
        in_centre = f"centre_id = {centre.pk}"
        prefix = f"{number + 11}::bigint * 100000000000000"
        of_centre = f"case_id IN (SELECT id FROM casework_case WHERE {in_centre})"
        name = (
            f"({_sql_array(FIRST)})[1 + mod(g, {len(FIRST)})] || ' ' || "
            f"({_sql_array(MIDDLE)})[1 + mod(g / {len(FIRST)}, {len(MIDDLE)})] || ' ' || "
            f"({_sql_array(LAST)})[1 + mod(g / {len(FIRST) * len(MIDDLE)}, {len(LAST)})]"
        )
        if not _has_rows("clients_client", in_centre):
            insert_select(
                Client,
                {
                    "centre_id": str(centre.pk),
                    "registration_number": f"'{centre.code}-' || (2021 + mod(g, 6)) || '-' || "
                    "lpad(g::text, 6, '0')",
                    "registered_on": "date '2026-10-31' - mod(g * 37, 1800)",
                    "registered_by_id": f"({worker_ids})[1 + mod(g, {w})]",
                    "full_name": name,
                    "search_name": f"lower({name})",
                    "sex": "CASE WHEN mod(g, 2) = 0 THEN 'L' ELSE 'P' END",
                    "birth_date": "date '1950-01-01' + mod(g * 97, 26000)",
                    "nik": f"lpad(({prefix} + g * 7919)::text, 16, '0')",
                    "kk_number": f"lpad(({prefix} + g * 7907)::text, 16, '0')",
                },
                f"generate_series(1, {n}) AS g",
            )
        new_clients = (
            f"(SELECT id, registered_on, row_number() OVER (ORDER BY id) AS rn "
            f"FROM clients_client WHERE {in_centre}) AS c"
        )
        is_open = f"mod(c.rn, {OPEN_EVERY}) = 0"
        spread = OPEN_EVERY
        opened = "(c.registered_on + time '09:00')::timestamptz"
        duration = "make_interval(days => 30 + mod(c.rn * 13, 400)::int)"
        if not _has_rows("casework_case", in_centre):
            insert_select(
                Case,
                {
                    "centre_id": str(centre.pk),
                    "client_id": "c.id",
                    "number": f"'{centre.code}-K-' || lpad(c.rn::text, 7, '0')",
                    "stage": f"CASE WHEN {is_open} THEN ({open_stages})[1 + mod(c.rn / "
                    f"{OPEN_EVERY}, {len(OPEN_STAGES)})] ELSE 'termination' END",
                    "stage_entered_at": f"CASE WHEN {is_open} THEN now() - make_interval(days => "
                    f"mod(c.rn, 60)::int) ELSE {opened} + {duration} END",
                    "opened_at": opened,
                    "opened_by_id": f"({worker_ids})[1 + mod(c.rn, {w})]",
                    "closed_at": f"CASE WHEN {is_open} THEN NULL ELSE {opened} + {duration} END",
                    "access_route": "CASE WHEN mod(c.rn, 3) = 0 THEN 'walk_in' ELSE 'referral' END",
                    "approaches": "'[\"residential\"]'::jsonb",
                    "problem_statement": "'Data uji skala nasional'",
                    # Shifted by the open-case index so open cases spread over every worker.
                    "primary_worker_id": f"({worker_ids})[1 + mod(c.rn + c.rn / {spread}, {w})]",
                    "supervisor_id": str(supervisor.pk),
                },
                new_clients,
            )
        new_cases = (
            f"(SELECT id, client_id, opened_at, closed_at, stage, primary_worker_id, "
            f"row_number() OVER (ORDER BY id) AS rn FROM casework_case "
            f"WHERE {in_centre}) AS k"
        )
        # A colleague on the team of one case in ten.
        team = Case.team.through._meta.db_table
        if not _has_rows(team, of_centre):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {team} (case_id, user_id) "
                    # Spread over every worker (not every tenth), never the primary worker.
                    f"SELECT k.id, ({worker_ids})[1 + mod(array_position({worker_ids}, "
                    f"k.primary_worker_id) + mod(k.rn / 10, {w} - 1), {w})] "
                    f"FROM {new_cases} WHERE mod(k.rn, 10) = 0"
                )
        stages = _sql_array(["access", *OPEN_STAGES[1:], "termination"])
        if not _has_rows("casework_stagemove", of_centre):
            insert_select(
                StageMove,
                {
                    "case_id": "k.id",
                    "from_stage": f"CASE WHEN s = 1 THEN '' ELSE ({stages})[s - 1] END",
                    "to_stage": f"({stages})[s]",
                    "moved_at": "k.opened_at + make_interval(days => (s - 1) * 7)",
                    "moved_by_id": "k.primary_worker_id",
                },
                f"{new_cases} CROSS JOIN LATERAL generate_series(1, CASE WHEN k.stage = "
                f"'termination' THEN 7 ELSE array_position({stages}, k.stage::text) END) AS s",
            )
        if not _has_rows("casework_casenote", of_centre):
            insert_select(
                CaseNote,
                {
                    "case_id": "k.id",
                    "kind": "'home_visit'",
                    "occurred_at": "k.opened_at + make_interval(days => s * 3)",
                    "narrative": f"'{NARRATIVE}'",
                    "is_confidential": "mod(s, 5) = 0",
                    "author_id": "k.primary_worker_id",
                    "recorded_at": "k.opened_at + make_interval(days => s * 3, hours => 2)",
                },
                f"{new_cases} CROSS JOIN generate_series(1, {notes_per_client}) AS s",
            )
        if service_type is not None and not _has_rows("casework_servicerecord", of_centre):
            insert_select(
                ServiceRecord,
                {
                    "case_id": "k.id",
                    "service_type_id": str(service_type.pk),
                    "delivered_on": "(k.opened_at + interval '5 days')::date",
                    "recorded_by_id": "k.primary_worker_id",
                },
                new_cases,
            )
        # Decided reviews pile up; the open cases in planning wait for their supervisor.
        if not _has_rows("casework_review", of_centre):
            insert_select(
                Review,
                {
                    "case_id": "k.id",
                    "kind": "'plan'",
                    "status": "CASE WHEN k.stage = 'planning' THEN 'pending' ELSE 'approved' END",
                    "requested_by_id": "k.primary_worker_id",
                    "requested_at": "k.opened_at + interval '14 days'",
                    "decided_by_id": f"CASE WHEN k.stage = 'planning' THEN NULL "
                    f"ELSE {supervisor.pk} END",
                    "decided_at": "CASE WHEN k.stage = 'planning' THEN NULL "
                    "ELSE k.opened_at + interval '16 days' END",
                },
                new_cases,
            )
        # Three tasks a case: done on closed cases, due around today (some late) on open ones.
        if not _has_rows("casework_task", of_centre):
            insert_select(
                Task,
                {
                    "case_id": "k.id",
                    "title": "'Kunjungan rumah ' || s",
                    "due_date": "CASE WHEN k.closed_at IS NULL THEN current_date + "
                    "(mod(k.rn, 30) - 10 + s * 5)::int ELSE (k.opened_at + "
                    "make_interval(days => s * 10))::date END",
                    "assignee_id": "k.primary_worker_id",
                    "created_by_id": "k.primary_worker_id",
                    "done_at": "CASE WHEN k.closed_at IS NULL THEN NULL "
                    "ELSE k.opened_at + make_interval(days => s * 10) END",
                    "done_by_id": "CASE WHEN k.closed_at IS NULL THEN NULL "
                    "ELSE k.primary_worker_id END",
                },
                f"{new_cases} CROSS JOIN generate_series(1, 3) AS s",
            )
        # A group per worker, of eight of the centre's open cases.
        if service_type is not None and not Group.objects.filter(centre=centre).exists():
            groups = Group.objects.bulk_create(
                Group(
                    centre=centre,
                    name=f"Kelompok {index + 1}",
                    kind=Group.Kind.SELF_HELP,
                    purpose="Data uji skala nasional",
                    facilitator=worker,
                    service_type=service_type,
                )
                for index, worker in enumerate(workers)
            )
            open_ids = list(
                Case.objects.filter(centre=centre, closed_at__isnull=True)
                .order_by("id")
                .values_list("id", flat=True)
            )
            Group.members.through.objects.bulk_create(
                Group.members.through(group_id=group.pk, case_id=case_id)
                for index, group in enumerate(groups)
                for case_id in open_ids[index * 8 : index * 8 + 8]
            )
        if not _has_rows("sentra_auditevent", in_centre):
            insert_select(
                AuditEvent,
                {
                    "at": f"now() - make_interval(secs => g * 30.0 / {number + 1})",
                    "actor_id": f"({worker_ids})[1 + mod(g, {w})]",
                    "username": f"'{centre.code.lower()}_w' || mod(g, {w})",
                    "centre_id": str(centre.pk),
                    "action": "CASE WHEN mod(g, 4) = 0 THEN 'update' ELSE 'view' END",
                    "object_type": "'client'",
                    "object_id": "g::text",
                    "object_label": "'Klien ' || g",
                },
                f"generate_series(1, {n * audit_per_client}) AS g",
            )
        print(
            f"  centre {centre.code}: {n} clients, {w} workers "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    with connection.cursor() as cursor:
        # VACUUM too: the visibility map lets index-only scans skip the heap, as autovacuum
        # would have long since done on a live database.
        cursor.execute("VACUUM ANALYZE")
    print(f"dataset built in {time.perf_counter() - started:.0f} s", flush=True)
