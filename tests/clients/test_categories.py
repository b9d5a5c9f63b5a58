"""Several PPKS categories per person, clusters derived through the ministry's mapping, and
the data migration that keeps existing records right."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from clients import reference as clients_reference
from clients.models import AtensiCluster, Client, ClusterMapping, PPKSCategory
from tests.factories import CentreFactory, ClientFactory, UserFactory
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def cat(code):
    return PPKSCategory.objects.get(code=code, centre=None)


def cluster(code):
    return AtensiCluster.objects.get(code=code, centre=None)


def test_no_victim_migrant_napza_or_tuna_susila_falls_into_other_ppks(reference_data):
    for code in ("korban_kekerasan", "korban_trafficking", "pmbs", "korban_napza", "tuna_susila"):
        codes = set(cat(code).clusters.values_list("code", flat=True))
        assert codes and "other_ppks" not in codes, code
    assert set(cat("anak_disabilitas").clusters.values_list("code", flat=True)) == {
        "children",
        "disability",
    }
    assert cat("orang_terlantar").clusters.exists()
    # Every ministry category falls somewhere.
    assert not PPKSCategory.objects.filter(centre=None, clusters=None).exists()


def test_a_person_with_several_categories_falls_into_each_cluster_once(
    reference_data, centre, worker
):
    child = ClientFactory(centre=centre, registered_by=worker, category=cat("anak_disabilitas"))
    child.other_categories.set([cat("anak_korban_kekerasan"), cat("korban_kekerasan")])
    codes = [c.code for c in child.atensi_clusters()]
    assert codes == ["children", "disability", "social_tuna_trafficking"]
    assert [c.code for c in child.all_categories()][0] == "anak_disabilitas"

    elder = ClientFactory(centre=centre, registered_by=worker, category=cat("lansia_terlantar"))
    clients = Client.objects.filter(pk__in=[child.pk, elder.pk])
    assert clients.count_people() == 2
    rows = {c.code: n for c, n in clients.people_by_cluster()}
    assert rows == {"children": 1, "elderly": 1, "disability": 1, "social_tuna_trafficking": 1}
    assert list(Client.objects.in_cluster(cluster("children"))) == [child]
    assert list(Client.objects.with_category(cat("korban_kekerasan"))) == [child]


def test_an_admin_changes_the_mapping_and_clients_follow(reference_data, centre, worker):
    person = ClientFactory(centre=centre, registered_by=worker, category=cat("gelandangan"))
    assert [c.code for c in person.atensi_clusters()] == ["social_tuna_trafficking"]
    ClusterMapping.objects.create(category=cat("gelandangan"), cluster=cluster("other_ppks"))
    assert [c.code for c in person.atensi_clusters()] == ["social_tuna_trafficking", "other_ppks"]


def test_the_worker_records_several_categories_and_the_profile_shows_them(
    reference_data, worker, client_for
):
    http = client_for(worker)
    response = http.post(
        reverse("clients:register"),
        {
            "full_name": "Sari Dewi",
            "sex": "P",
            "estimated_age": "12",
            "category": cat("anak_disabilitas").pk,
            "other_categories": [cat("anak_korban_kekerasan").pk, cat("anak_disabilitas").pk],
        },
    )
    assert response.status_code == 302
    person = Client.objects.get()
    assert person.category == cat("anak_disabilitas")
    assert list(person.other_categories.all()) == [cat("anak_korban_kekerasan")]
    page = http.get(reverse("clients:detail", args=[person.public_id])).content.decode()
    assert "Child victims of violence" in page
    assert "Persons with disabilities" in page  # the cluster the mapping gives

    # The edit form keeps them and lets the worker drop one.
    edit = reverse("clients:edit", args=[person.public_id])
    data = form_data(read_page(http, edit))
    data["other_categories"] = []
    assert http.post(edit, data).status_code == 302
    assert not person.other_categories.exists()


def test_other_categories_need_a_main_one(reference_data, worker, client_for):
    response = client_for(worker).post(
        reverse("clients:register"),
        {"full_name": "Budi", "sex": "L", "other_categories": [cat("pengemis").pk]},
    )
    assert response.status_code == 200
    assert not Client.objects.exists()


def test_an_admin_adds_a_category_with_its_clusters(reference_data, admin, client_for):
    response = client_for(admin).post(
        reverse("clients:categories"),
        {
            "code": "korban_perundungan",
            "name_id": "Korban perundungan",
            "name_en": "Bullying victims",
            "clusters": [cluster("children").pk, cluster("social_tuna_trafficking").pk],
        },
    )
    assert response.status_code == 302
    added = PPKSCategory.objects.get(code="korban_perundungan")
    assert set(added.clusters.values_list("code", flat=True)) == {
        "children",
        "social_tuna_trafficking",
    }


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_clients_made_with_the_old_schema_right(reference_data):
    executor = MigrationExecutor(connection)
    old = [("clients", "0003_versions")]
    executor.migrate(old)
    apps = executor.loader.project_state(old).apps
    clients_reference.load(apps)  # the lists as the old schema had them (one usual cluster)
    client_model = apps.get_model("clients", "Client")
    category_model = apps.get_model("clients", "PPKSCategory")
    cluster_model = apps.get_model("clients", "AtensiCluster")
    # The ground (sentra) is not migrated back: its current models make the rows.
    centre = CentreFactory(code="OLD")
    user = UserFactory(centre=centre)
    category_model.objects.create(
        code="own_cat",
        name_id="Kategori sendiri",
        name_en="Own",
        centre_id=centre.pk,
        cluster=cluster_model.objects.get(code="children", centre=None),
    )
    street = client_model.objects.create(
        centre_id=centre.pk,
        registered_by_id=user.pk,
        registration_number="OLD-1",
        full_name="Pak Jalan",
        sex="L",
        category=category_model.objects.get(code="gelandangan", centre=None),
    )
    street.clusters.set([cluster_model.objects.get(code="other_ppks", centre=None)])
    flood = client_model.objects.create(
        centre_id=centre.pk,
        registered_by_id=user.pk,
        registration_number="OLD-2",
        full_name="Bu Banjir",
        sex="P",
        category=category_model.objects.get(code="anak_terlantar", centre=None),
    )
    # Ticked by hand: children (the category gives it) and disaster (it does not).
    flood.clusters.set(
        cluster_model.objects.filter(code__in=["children", "disaster_emergency"], centre=None)
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    street = Client.objects.get(registration_number="OLD-1")
    flood = Client.objects.get(registration_number="OLD-2")
    # "PPKS lainnya" was ticked because it was gelandangan's usual cluster: it goes, and the
    # cluster the mapping now gives takes its place.
    assert not street.clusters.exists()
    assert [c.code for c in street.atensi_clusters()] == ["social_tuna_trafficking"]
    assert [c.code for c in flood.clusters.all()] == ["disaster_emergency"]
    assert {c.code for c in flood.atensi_clusters()} == {"children", "disaster_emergency"}
    assert list(
        PPKSCategory.objects.get(code="own_cat").clusters.values_list("code", flat=True)
    ) == ["children"]
    assert PPKSCategory.objects.filter(code="orang_terlantar", centre=None).exists()
