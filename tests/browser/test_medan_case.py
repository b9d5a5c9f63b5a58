"""The Dinas Sosial Kota Medan case, end to end through casework (issue 17).

A man begging at a crossroads is picked up in a raid, has no papers, and his family is not
found after two tracing attempts; the plan is to refer him to the provincial shelter for
*gelandangan dan pengemis* in Binjai. The supervisor approves the plan in the review queue
first and the case conference agrees it afterwards (the trap that used to block
implementation), then the case goes through referral, monitoring and termination by
referral to aftercare. The steps before planning are set up through the services: this
journey is about the casework flow, on a phone, in Indonesian."""

import random
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from assessments.demo import submit_demo_assessment
from assessments.models import InstrumentKind
from casework.models import Case, Partner, PlanGoal
from casework.models.stages import Stage
from casework.services.cases import move_case_to_stage
from casework.services.conferences import schedule_conference
from casework.services.notes import add_note
from casework.services.plans import start_plan_version, submit_plan
from clients.models import Consent
from sentra.models import Centre
from sentra.scopes import Role
from tests.browser.conftest import flash, log_in
from tests.factories import PASSWORD, CentreFactory, ClientFactory, UserFactory, open_case_for

SHELTER = "UPT Pelayanan Sosial Gelandangan dan Pengemis Binjai"
BINJAI_VILLAGE = "1275031001"


def medan_case_in_planning():
    centre = CentreFactory(
        name="Dinas Sosial Kota Medan",
        code="MDN",
        province="Sumatera Utara",
        kind=Centre.Kind.DINAS_SOSIAL,
    )
    worker = UserFactory(username="peksos_medan", centre=centre, full_name="Rina Siregar")
    supervisor = UserFactory(
        username="supervisor_medan", centre=centre, role=Role.SUPERVISOR, full_name="Budi Nasution"
    )
    client = ClientFactory(
        centre=centre,
        registered_by=worker,
        full_name="M. Rizal",
        aliases="MR",
        birth_date=timezone.localdate().replace(year=timezone.localdate().year - 46, day=1),
        birth_date_estimated=True,
    )
    for purpose in (Consent.Purpose.SERVICES, Consent.Purpose.SHARE_REFERRAL):
        Consent.objects.create(
            client=client, purpose=purpose, given_by="client", recorded_by=worker
        )
    case = open_case_for(
        client,
        worker,
        supervisor,
        access_route="outreach",
        outreach_location="Razia di simpang Jl. Gatot Subroto",
        outreach_by="Satpol PP dan Tim Reaksi Cepat Dinas Sosial",
        problem_statement="Mengemis di persimpangan jalan, terjaring razia; tidak memiliki "
        "KTP maupun KK. Konflik dengan keluarga membuatnya hidup di jalan.",
    )
    rng = random.Random(17)
    move_case_to_stage(by=worker, case=case, to_stage=Stage.ENGAGEMENT, reason="Kontak awal")
    move_case_to_stage(by=worker, case=case, to_stage=Stage.ASSESSMENT, reason="Setuju dilayani")
    submit_demo_assessment(case, InstrumentKind.COMPREHENSIVE, worker, rng)
    for attempt, where in ((1, "Medan Belawan"), (2, "Medan Marelan")):
        add_note(
            by=worker,
            case=case,
            data={
                "kind": "home_visit",
                "occurred_at": timezone.now() - timedelta(days=10 - attempt * 3),
                "narrative": f"Penelusuran keluarga ke-{attempt} ke {where}: alamat yang "
                "disebut klien tidak ditemukan; tetangga tidak mengenal keluarganya.",
            },
        )
    move_case_to_stage(by=worker, case=case, to_stage=Stage.PLANNING, reason="Asesmen selesai")
    plan = start_plan_version(by=worker, case=case)
    PlanGoal.objects.create(
        plan=plan,
        order=1,
        problem="Keluarga tidak ditemukan setelah dua kali penelusuran.",
        goal="Klien mendapat tempat tinggal dan pembinaan lanjutan di UPT.",
        component="decent_living",
        activities="Rujukan ke UPT gelandangan dan pengemis Binjai; pendampingan saat serah terima.",
        responsible_staff=worker,
        target_date=timezone.localdate() + timedelta(days=30),
        indicator="Klien diterima UPT",
    )
    submit_plan(by=worker, plan=plan)
    case.refresh_from_db()
    return case, worker, supervisor


def test_the_medan_case_runs_from_plan_to_aftercare(transactional_db, reference_data, new_phone):
    case, worker, supervisor = medan_case_in_planning()
    plan = case.plans.get()

    # 1. The supervisor approves the plan in the review queue, before the conference.
    boss = new_phone()
    log_in(boss, supervisor.username, PASSWORD)
    boss.goto(f"/cases/plans/{plan.public_id}/")
    boss.locator("#review input[value=approve]").check()
    boss.locator("#review button[type=submit]").click()
    expect(flash(boss, "Keputusan dicatat")).to_be_visible()
    boss.goto(f"/cases/plans/{plan.public_id}/")
    expect(boss.locator("#agreement")).to_contain_text("konferensi kasus masih harus")

    # 2. The case conference meets that morning and decides "Setujui rencana".
    conference = schedule_conference(
        by=supervisor,
        data={
            "kind": "case",
            "scheduled_at": timezone.now() - timedelta(hours=2),
            "place": "Ruang rapat Dinas Sosial Kota Medan",
        },
        cases=[case],
        staff=[supervisor, worker],
        externals=[
            {"name": "Pengelola UPT", "profession": "Pekerja sosial", "institution": SHELTER}
        ],
    )
    item = conference.agenda_items.get()
    boss.goto(f"/cases/conferences/{conference.public_id}/")
    boss.locator("#id_minutes").fill(
        "Keluarga tidak ditemukan setelah dua penelusuran. Disepakati rujukan ke UPT Binjai."
    )
    boss.locator(f"#id_item{item.pk}-decision").select_option("approve_plan")
    boss.once("dialog", lambda dialog: dialog.accept())
    boss.locator("#minutes button[name=finalise]").click()
    expect(flash(boss, "Notulen")).to_be_visible()
    boss.goto(f"/cases/plans/{plan.public_id}/")
    expect(boss.locator("#agreement")).to_contain_text("Disepakati dalam konferensi kasus")
    assert case.plans.count() == 1  # no second version was needed

    # 3. The worker starts implementation: the move is no longer refused.
    phone = new_phone()
    log_in(phone, worker.username, PASSWORD)
    phone.goto(f"/cases/{case.public_id}/")
    phone.locator("#id_to_stage").select_option("intervention")
    phone.locator("#id_reason").fill("Rencana disetujui dan disepakati konferensi kasus.")
    phone.locator("#move button[type=submit]").click()
    expect(flash(phone, "Kasus sekarang di tahap Implementasi")).to_be_visible()
    expect(phone.locator(".stage-bar [aria-current=step]")).to_contain_text("Intervensi")

    # 4. The shelter is not in the directory yet: the worker proposes it while referring.
    phone.goto(f"/cases/{case.public_id}/referrals/")
    phone.locator("#id_new_partner_name").fill(SHELTER)
    phone.locator("#id_new_partner_kind").select_option("upt")
    phone.locator("#id_new_partner_address").fill("Jl. Samanhudi, Binjai")
    phone.locator("#id_reason").fill(
        "Keluarga tidak ditemukan; butuh tempat tinggal dan pembinaan."
    )
    phone.locator("#id_services_requested").fill("Tempat tinggal, bimbingan sosial, keterampilan")
    phone.locator("form.main-form button[type=submit]").click()
    expect(flash(phone, "Draf rujukan dibuat")).to_be_visible()
    shelter = Partner.objects.get(name=SHELTER)
    assert shelter.awaits_confirmation and shelter.proposed_by == worker
    for status in ("sent", "accepted"):
        phone.locator("details summary").first.click()
        phone.locator("select[name$='-to_status']").first.select_option(status)
        phone.locator("details form button[type=submit]").first.click()
        expect(flash(phone, "Rujukan diperbarui")).to_be_visible()

    # 5. Monitoring, then a termination request by referral to the shelter in Binjai.
    phone.goto(f"/cases/{case.public_id}/")
    phone.locator("#id_to_stage").select_option("monitoring")
    phone.locator("#id_reason").fill("UPT menerima klien; pantau penyesuaian.")
    phone.locator("#move button[type=submit]").click()
    expect(flash(phone, "Monitoring dan evaluasi")).to_be_visible()
    phone.goto(f"/cases/{case.public_id}/termination/")
    phone.locator("#id_reason").select_option("referred")
    phone.locator("#id_destination_partner").select_option(str(shelter.pk))
    phone.locator("#id_destination_region").fill(BINJAI_VILLAGE)
    phone.locator("#id_outcome_summary").fill(
        "Keluarga tidak dapat dihubungi; klien diserahkan ke UPT Binjai untuk pembinaan."
    )
    phone.locator("form.main-form button[type=submit]").click()
    expect(flash(phone, "Terminasi diajukan")).to_be_visible()
    expect(phone.get_by_text("Bandar Senembah, Binjai Barat, Kota Binjai")).to_be_visible()

    # 6. The supervisor approves; the case closes.
    boss.goto(f"/cases/{case.public_id}/termination/")
    boss.locator("#review input[value=approve]").check()
    boss.locator("#review button[type=submit]").click()
    expect(flash(boss, "Keputusan dicatat")).to_be_visible()
    case.refresh_from_db()
    assert case.stage == Stage.TERMINATION and not case.is_open

    # 7. Aftercare: a visit to the shelter in two weeks.
    phone.goto(f"/cases/{case.public_id}/aftercare/")
    phone.locator("#id_due_on").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    phone.locator("#id_mode").select_option("visit")
    phone.locator("#id_assignee").select_option(str(worker.pk))
    phone.locator("form.main-form button[type=submit]").click()
    expect(flash(phone, "Tindak lanjut")).to_be_visible()
    assert case.follow_ups.count() == 1
    moves = list(Case.objects.get(pk=case.pk).stage_moves.values_list("to_stage", flat=True))
    assert moves[-3:] == [Stage.INTERVENTION, Stage.MONITORING, Stage.TERMINATION]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
