from django.db import migrations


def load(apps, schema_editor):
    from casework import reference

    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_followup_group_groupsession_historicalfollowup_and_more")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
