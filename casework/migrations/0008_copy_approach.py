"""Each case and plan keeps the approach it had, now as a list of one (history rows too)."""

from django.db import migrations

MODELS = ["Case", "HistoricalCase", "PlanVersion", "HistoricalPlanVersion"]


def forward(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("casework", name)
        for approach in model.objects.values_list("approach", flat=True).distinct():
            model.objects.filter(approach=approach).update(approaches=[approach] if approach else [])


def backward(apps, schema_editor):
    """Back to one approach: residential wins (a stay needs it), then family, then community."""
    for name in MODELS:
        model = apps.get_model("casework", name)
        for approach in ("community", "family", "residential"):
            model.objects.filter(approaches__icontains=f'"{approach}"').update(approach=approach)


class Migration(migrations.Migration):
    dependencies = [("casework", "0007_several_approaches")]

    operations = [migrations.RunPython(forward, backward)]
