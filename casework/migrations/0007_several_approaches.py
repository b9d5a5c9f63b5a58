"""A case or plan may hold several ATENSI approaches (step 1: the new field)."""

import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("casework", "0006_plan_views_and_people_at_conferences")]

    operations = [
        migrations.AddField(
            model_name='case',
            name='approaches',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('residential', 'Residential'), ('family', 'Family-based'), ('community', 'Community-based')], max_length=20), default=list, size=None, verbose_name='approaches'),
        ),
        migrations.AddField(
            model_name='historicalcase',
            name='approaches',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('residential', 'Residential'), ('family', 'Family-based'), ('community', 'Community-based')], max_length=20), default=list, size=None, verbose_name='approaches'),
        ),
        migrations.AddField(
            model_name='historicalplanversion',
            name='approaches',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('residential', 'Residential'), ('family', 'Family-based'), ('community', 'Community-based')], max_length=20), default=list, size=None, verbose_name='approaches'),
        ),
        migrations.AddField(
            model_name='planversion',
            name='approaches',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('residential', 'Residential'), ('family', 'Family-based'), ('community', 'Community-based')], max_length=20), default=list, size=None, verbose_name='approaches'),
        ),
    ]
