import json
from pathlib import Path

from django.db import migrations
from django.utils import timezone

SHIPPED = Path(__file__).resolve().parent.parent / "instruments"


def load(apps, schema_editor):
    """Publish version 1 of each shipped instrument (later changes: manage.py
    load_instruments, which adds new versions)."""
    instrument_model = apps.get_model("assessments", "Instrument")
    for path in sorted(SHIPPED.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if instrument_model.objects.filter(code=data["code"]).exists():
            continue
        instrument_model.objects.create(
            code=data["code"], version=1, kind=data["kind"], name_id=data["name_id"],
            name_en=data["name_en"], definition=data["definition"], status="published",
            published_at=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
