from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sentra import backups


class Command(BaseCommand):
    help = (
        "Write one archive with the database (pg_dump custom format), the private files "
        "and a manifest of row counts and sha256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default="backups", help="Where to write the archive (created)."
        )

    def handle(self, *args, output_dir, **options):
        try:
            archive, manifest = backups.create_backup(Path(output_dir))
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["database"]["tables"]
        self.stdout.write(
            f"{archive}: {len(tables)} tables, {sum(tables.values())} rows, "
            f"{len(manifest['files'])} files"
        )
