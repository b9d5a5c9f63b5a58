"""A case or plan may hold several ATENSI approaches (step 1: the new field)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("casework", "0006_plan_views_and_people_at_conferences")]

    operations = [
        migrations.AddField(
            model_name='case',
            name='approaches',
            field=models.JSONField(default=list, verbose_name='approaches'),
        ),
        migrations.AddField(
            model_name='historicalcase',
            name='approaches',
            field=models.JSONField(default=list, verbose_name='approaches'),
        ),
        migrations.AddField(
            model_name='historicalplanversion',
            name='approaches',
            field=models.JSONField(default=list, verbose_name='approaches'),
        ),
        migrations.AddField(
            model_name='planversion',
            name='approaches',
            field=models.JSONField(default=list, verbose_name='approaches'),
        ),
    ]
