"""Residential and/or family and/or community: several approaches per case and plan."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from casework.models import Case, PlanVersion
from casework.models.cases import Approach
from casework.services.plans import plan_changes, start_plan_version
from residence.rules import case_is_residential
from tests.factories import ClientFactory, open_case_for
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def test_a_case_opens_with_several_approaches_in_the_regulations_order(
    worker, supervisor, centre, client_for
):
    client = ClientFactory(centre=centre, registered_by=worker)
    http = client_for(worker)
    response = http.post(
        reverse("casework:case-open", args=[client.public_id]),
        {
            "access_route": "walk_in",
            "approaches": ["family", "residential"],
            "problem_statement": "Ditemukan di terminal.",
            "priority": "medium",
            "primary_worker": worker.pk,
            "supervisor": supervisor.pk,
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(client=client)
    assert case.approaches == ["residential", "family"]
    assert case.is_residential and case_is_residential(case)
    assert list(Case.objects.residential()) == [case]
    page = read_page(http, reverse("casework:case-detail", args=[case.public_id]))
    assert "Residential, Family-based" in page


def test_a_case_needs_an_approach(worker, supervisor, centre, client_for):
    client = ClientFactory(centre=centre, registered_by=worker)
    response = client_for(worker).post(
        reverse("casework:case-open", args=[client.public_id]),
        {
            "access_route": "walk_in",
            "problem_statement": "x",
            "priority": "medium",
            "primary_worker": worker.pk,
            "supervisor": supervisor.pk,
        },
    )
    assert response.status_code == 200
    assert "Tick at least one approach" in response.content.decode()
    assert not Case.objects.filter(client=client).exists()


def test_a_family_based_case_is_not_residential(worker, supervisor, centre):
    case = open_case_for(
        ClientFactory(centre=centre, registered_by=worker),
        worker,
        supervisor,
        approaches=[Approach.FAMILY, Approach.COMMUNITY],
    )
    assert not case.is_residential
    assert not Case.objects.residential().exists()


def test_a_plan_starts_with_the_cases_approaches_and_the_worker_changes_them(
    case, worker, client_for
):
    case.approaches = [Approach.RESIDENTIAL, Approach.FAMILY]
    case.save()
    plan = start_plan_version(by=worker, case=case)
    assert plan.approaches == ["residential", "family"]
    http = client_for(worker)
    edit = reverse("casework:plan-edit", args=[plan.public_id])
    data = form_data(read_page(http, edit))
    assert data["approaches"] == ["residential", "family"]
    before = PlanVersion.objects.get(pk=plan.pk)
    data["approaches"] = ["community", "family"]
    assert http.post(edit, data).status_code == 302
    plan.refresh_from_db()
    assert plan.approaches == ["family", "community"]
    (change,) = plan_changes(before, plan)
    assert change["new"] == "Family-based, Community-based"


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_each_old_approach_into_a_list_of_one(
    reference_data, worker, supervisor, centre
):
    case = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    plan = start_plan_version(by=worker, case=case)
    executor = MigrationExecutor(connection)
    old = [("casework", "0006_plan_views_and_people_at_conferences")]
    executor.migrate(old)
    apps = executor.loader.project_state(old).apps
    apps.get_model("casework", "Case").objects.filter(pk=case.pk).update(approach="community")
    apps.get_model("casework", "PlanVersion").objects.filter(pk=plan.pk).update(approach="family")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    case.refresh_from_db()
    plan.refresh_from_db()
    assert case.approaches == ["community"]
    assert plan.approaches == ["family"]
    assert case.history.exclude(approaches=[]).exists()  # history rows were carried over too
