from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sentra import backups


class Command(BaseCommand):
    help = (
        "Restore a backup archive and compare it with its manifest. --verify restores into "
        "a scratch database and directory and drops them; --database NAME --files-root DIR "
        "restores for real into a new database and an empty directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--verify", action="store_true", help="Check only; keep nothing.")
        mode.add_argument("--database", help="A new database to restore into (must not exist).")
        parser.add_argument("--files-root", help="An empty directory for the private files.")

    def handle(self, *args, archive, verify, database, files_root, **options):
        if database and not files_root:
            raise CommandError("A real restore needs --files-root as well.")
        try:
            check = backups.restore(
                Path(archive),
                database=None if verify else database,
                files_root=Path(files_root) if files_root else None,
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        for problem in check.problems:
            self.stderr.write(problem)
        summary = f"{check.tables} tables, {check.rows} rows, {check.files} files match"
        if not check.ok:
            raise CommandError(f"{len(check.problems)} differences; {summary}")
        where = "verified (scratch copy dropped)" if verify else f"restored into {database}"
        self.stdout.write(f"{archive}: {where}; {summary}")
