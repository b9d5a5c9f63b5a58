"""Data migrations of issue 17, run on rows made with the schema before them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(target: list[tuple[str, str]]):
    """Migrate to `target` and return the historical apps there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_conference_approvals_made_before_the_link_are_linked(case, worker, supervisor):
    old = migrate([("casework", "0006_plan_views_and_people_at_conferences")])
    PlanVersion = old.get_model("casework", "PlanVersion")
    Conference = old.get_model("casework", "Conference")
    ConferenceCase = old.get_model("casework", "ConferenceCase")
    now = timezone.now()

    def conference(days_ago, decision):
        held = Conference.objects.create(
            centre_id=case.centre_id,
            scheduled_at=now - timedelta(days=days_ago),
            place="Aula",
            minutes="Dibahas.",
            status="final",
            created_by_id=supervisor.pk,
            finalised_by_id=supervisor.pk,
            finalised_at=now - timedelta(days=days_ago),
        )
        ConferenceCase.objects.create(conference=held, case_id=case.pk, decision=decision)
        return held

    # Version 1: approved in review, then 'approve the plan' at a conference: the trap.
    trapped = conference(20, "approve_plan")
    v1 = PlanVersion.objects.create(
        case_id=case.pk,
        number=1,
        status="superseded",
        approach="residential",
        created_by_id=worker.pk,
        approved_at=now - timedelta(days=25),
    )
    # Version 2: approved by a later conference itself.
    approving = conference(10, "approve_plan")
    v2 = PlanVersion.objects.create(
        case_id=case.pk,
        number=2,
        status="approved",
        approach="residential",
        created_by_id=worker.pk,
        approved_at=now - timedelta(days=10),
        approved_via_conference=approving,
    )
    # A conference that decided something else links nothing.
    other = conference(5, "other")

    new = migrate(latest())
    Item = new.get_model("casework", "ConferenceCase")
    assert Item.objects.get(conference_id=trapped.pk).plan_id == v1.pk
    assert Item.objects.get(conference_id=approving.pk).plan_id == v2.pk
    assert Item.objects.get(conference_id=other.pk).plan_id is None


def test_partners_filed_before_their_kind_existed_are_reclassified(centre):
    old = migrate([("casework", "0007_conference_agrees_plan_version")])
    Partner = old.get_model("casework", "Partner")

    def partner(name, kind):
        return Partner.objects.create(centre_id=centre.pk, name=name, kind=kind).pk

    rsj = partner("RSJ Prof. Dr. M. Ildrem", "hospital")
    general = partner("RSUD Dr. Pirngadi", "hospital")
    dukcapil = partner("Dinas Kependudukan dan Pencatatan Sipil Kota Medan", "other")
    ppa = partner("UPTD PPA Kota Medan", "dinsos")
    bapas = partner("Bapas Kelas I Medan", "other")
    blk = partner("BLK Medan", "other")
    upt = partner("UPT Pelayanan Sosial Gelandangan dan Pengemis", "other")
    unclear = partner("Yayasan Pelita", "other")

    new = migrate(latest())
    kinds = dict(new.get_model("casework", "Partner").objects.values_list("pk", "kind"))
    assert kinds[rsj] == "mental_hospital"
    assert kinds[general] == "hospital"
    assert kinds[dukcapil] == "dukcapil"
    assert kinds[ppa] == "uptd_ppa"
    assert kinds[bapas] == "bapas"
    assert kinds[blk] == "training"
    assert kinds[upt] == "upt"
    assert kinds[unclear] == "other"
