"""Backup -> restore round trip on the real PostgreSQL: counts and checksums identical."""

import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from casework.services.notes import add_note
from clients.models import Client
from sentra import backups
from sentra.models import AuditEvent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs postgresql-client"),
]


def storage_root(settings) -> Path:
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])


@pytest.fixture
def some_records(case, worker, settings):
    add_note(by=worker, case=case, data={"kind": "home_visit", "narrative": "Kunjungan rumah."})
    root = storage_root(settings)
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "ktp.pdf").write_bytes(b"%PDF-1.4 identity card scan")
    (root / "reports").mkdir()
    (root / "reports" / "r.pdf").write_bytes(b"%PDF-1.4 a report")
    (root / "reports" / "r.pdf.123.part").write_bytes(b"half written")


def test_backup_then_verify_round_trip(some_records, tmp_path, capsys, settings):
    call_command("backup", output_dir=str(tmp_path / "backups"))
    [archive] = (tmp_path / "backups").glob("sentra-backup-*.tar")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {"db.dump", "manifest.json", "files/documents/ktp.pdf", "files/reports/r.pdf"} <= names
    assert "files/reports/r.pdf.123.part" not in names  # never half a file
    tables = manifest["database"]["tables"]
    assert tables["clients_client"] == Client.objects.count() >= 1
    assert tables["sentra_auditevent"] == AuditEvent.objects.count() >= 1
    assert set(manifest["files"]) == {"documents/ktp.pdf", "reports/r.pdf"}

    capsys.readouterr()
    call_command("restore", str(archive), verify=True)
    out = capsys.readouterr().out
    assert f"{len(tables)} tables, {sum(tables.values())} rows, 2 files match" in out

    # A real restore: a new database and an empty directory, never the live ones.
    target = tmp_path / "restored-files"
    name = f"{settings.DATABASES['default']['NAME']}_restored"
    try:
        call_command("restore", str(archive), database=name, files_root=str(target))
        assert (target / "documents" / "ktp.pdf").read_bytes() == b"%PDF-1.4 identity card scan"
    finally:
        backups._admin(
            backups.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                backups.sql.Identifier(name)
            )
        )


def test_verify_names_a_damaged_file(some_records, tmp_path):
    call_command("backup", output_dir=str(tmp_path))
    [archive] = tmp_path.glob("sentra-backup-*.tar")
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    (unpacked / "files" / "documents" / "ktp.pdf").write_bytes(b"tampered")
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(damaged, "w") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(unpacked).as_posix())
    with pytest.raises(CommandError, match="1 differences"):
        call_command("restore", str(damaged), verify=True)
