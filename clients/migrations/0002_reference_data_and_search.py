from django.db import migrations


def load_reference_data(apps, schema_editor):
    from clients import reference

    reference.load(apps)


def add_trigram_search(apps, schema_editor):
    # Trigram similarity is PostgreSQL's; SQLite falls back to plain matching.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS clients_client_search_name_trgm "
        "ON clients_client USING gin (search_name gin_trgm_ops)"
    )


def drop_trigram_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS clients_client_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_search, drop_trigram_search),
    ]
