"""Step 3: the single approach goes; every case and plan holds at least one."""

from django.db import migrations, models


APPROACHES = [
    ("residential", "Residential"),
    ("family", "Family-based"),
    ("community", "Community-based"),
]


class Migration(migrations.Migration):
    dependencies = [("casework", "0008_copy_approach")]

    operations = [
        # A default first, so that going back can add the column to existing rows.
        migrations.AlterField(
            model_name="case",
            name="approach",
            field=models.CharField(
                blank=True, default="", max_length=20, choices=APPROACHES, verbose_name="approach"
            ),
        ),
        # A default first, so that going back can add the column to existing rows.
        migrations.AlterField(
            model_name="historicalcase",
            name="approach",
            field=models.CharField(
                blank=True, default="", max_length=20, choices=APPROACHES, verbose_name="approach"
            ),
        ),
        # A default first, so that going back can add the column to existing rows.
        migrations.AlterField(
            model_name="historicalplanversion",
            name="approach",
            field=models.CharField(
                blank=True, default="", max_length=20, choices=APPROACHES, verbose_name="approach"
            ),
        ),
        # A default first, so that going back can add the column to existing rows.
        migrations.AlterField(
            model_name="planversion",
            name="approach",
            field=models.CharField(
                blank=True, default="", max_length=20, choices=APPROACHES, verbose_name="approach"
            ),
        ),
        migrations.RemoveField(
            model_name='case',
            name='approach',
        ),
        migrations.RemoveField(
            model_name='historicalcase',
            name='approach',
        ),
        migrations.RemoveField(
            model_name='historicalplanversion',
            name='approach',
        ),
        migrations.RemoveField(
            model_name='planversion',
            name='approach',
        ),
        migrations.AddConstraint(
            model_name='case',
            constraint=models.CheckConstraint(condition=models.Q(('approaches', []), _negated=True), name='case_has_an_approach'),
        ),
        migrations.AddConstraint(
            model_name='planversion',
            constraint=models.CheckConstraint(condition=models.Q(('approaches', []), _negated=True), name='plan_has_an_approach'),
        ),
        ]
