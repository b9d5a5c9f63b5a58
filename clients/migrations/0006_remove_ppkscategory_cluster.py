from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("clients", "0005_seed_cluster_mapping")]

    operations = [
        migrations.RemoveField(
            model_name="ppkscategory",
            name="cluster",
        ),
    ]
