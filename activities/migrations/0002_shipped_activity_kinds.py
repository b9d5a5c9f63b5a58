from django.db import migrations


def load(apps, schema_editor):
    from activities import reference as activities_reference
    from casework import reference as casework_reference

    # The catalogue gained the starter package (paket usaha) that courses book.
    casework_reference.load(apps)
    activities_reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_activities_schedule_and_courses"),
        ("casework", "0004_service_catalogue"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
