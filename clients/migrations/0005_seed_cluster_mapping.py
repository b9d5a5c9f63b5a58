"""Seed the category -> cluster mapping and keep each client's clusters right.

Before, a category had one "usual cluster" and a worker ticked a client's clusters by hand.
Now clusters follow from the categories through the mapping; a cluster ticked by hand stays
only when the category neither gives it now nor gave it as its usual cluster before (that
tick only followed the old one-cluster rule, e.g. gelandangan -> "PPKS lainnya").
"""

from django.db import migrations


def forward(apps, schema_editor):
    from clients import reference  # the reference lists, loaded in the migration only

    reference.load_cluster_mapping(apps)
    client_model = apps.get_model("clients", "Client")
    mapping_model = apps.get_model("clients", "ClusterMapping")
    given = {}
    for row in mapping_model.objects.values("category_id", "cluster_id"):
        given.setdefault(row["category_id"], set()).add(row["cluster_id"])
    category_model = apps.get_model("clients", "PPKSCategory")
    usual = dict(category_model.objects.values_list("pk", "cluster_id"))
    for client in client_model.objects.exclude(clusters=None).prefetch_related("clusters"):
        implied = given.get(client.category_id, set()) | {usual.get(client.category_id)}
        redundant = [c for c in client.clusters.all() if c.pk in implied]
        if redundant:
            client.clusters.remove(*redundant)


def backward(apps, schema_editor):
    """Give back the clusters the categories implied as ticked ones, and the old usual
    cluster (the first mapped) to each category."""
    client_model = apps.get_model("clients", "Client")
    category_model = apps.get_model("clients", "PPKSCategory")
    mapping_model = apps.get_model("clients", "ClusterMapping")
    for category in category_model.objects.all():
        first = (
            mapping_model.objects.filter(category=category)
            .order_by("cluster__sort_order", "pk")
            .first()
        )
        category.cluster_id = first.cluster_id if first else None
        category.save(update_fields=["cluster"])
    for client in client_model.objects.exclude(category=None):
        ids = mapping_model.objects.filter(category_id=client.category_id).values_list(
            "cluster_id", flat=True
        )
        client.clusters.add(*ids)


class Migration(migrations.Migration):
    dependencies = [("clients", "0004_categories_and_cluster_mapping")]

    operations = [migrations.RunPython(forward, backward)]
