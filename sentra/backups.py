"""Backup and restore of the database and the private file storage, together.

One archive (an uncompressed tar: the dump is compressed already, the files are PDFs and
photos) holds `db.dump` (pg_dump custom format), `files/...` (PRIVATE_STORAGE_ROOT) and
`manifest.json`: the row count of every table *in the snapshot the dump was taken from*
(pg_export_snapshot), the dump's sha256, and the sha256 and size of every file. A restore
checks all three before it calls the copy good.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from psycopg import sql

FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


@dataclass
class Check:
    """What a restore found: every difference from the manifest, by name."""

    tables: int = 0
    rows: int = 0
    files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _database() -> dict:
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        raise BackupError("Backups need PostgreSQL (DATABASE_URL=postgres://...).")
    return db


def _conninfo(dbname: str) -> str:
    db = _database()
    parts = {
        "dbname": dbname,
        "user": db.get("USER") or "",
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
        "password": db.get("PASSWORD") or "",
    }
    return " ".join(f"{key}='{value}'" for key, value in parts.items() if value)


def _pg_env() -> dict:
    db = _database()
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _client_major(program: str) -> int:
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: postgresql-client).")
    version = subprocess.run(  # noqa: S603  (a fixed program name, no user input)
        [program, "--version"], capture_output=True, text=True, check=True
    )
    found = re.search(r"\(PostgreSQL\)\s+(\d+)", version.stdout)
    if found is None:
        raise BackupError(f"Cannot read the version of {program}: {version.stdout!r}")
    return int(found.group(1))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _count_rows(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def _tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return [row[0] for row in cursor.fetchall()]


def _storage_root() -> Path:
    storages: dict[str, Any] = settings.STORAGES
    return Path(storages["default"]["OPTIONS"]["location"])


def create_backup(directory: Path) -> tuple[Path, dict]:
    """Write one archive into `directory`; return its path and manifest."""
    db = _database()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    archive = directory / f"sentra-backup-{stamp}.tar"
    with tempfile.TemporaryDirectory(prefix="sentra-backup-") as scratch:
        dump = Path(scratch) / "db.dump"
        with psycopg.connect(_conninfo(db["NAME"])) as conn:
            server_major = conn.info.server_version // 10000
            if _client_major("pg_dump") < server_major:
                raise BackupError(f"pg_dump is older than the server ({server_major}).")
            # One snapshot for the counts and the dump (psycopg opens the transaction).
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            exported = conn.execute("SELECT pg_export_snapshot()").fetchone()
            snapshot = exported[0] if exported else ""
            with conn.cursor() as cursor:
                counts = _count_rows(cursor, _tables(cursor))
            # The dump reads the very snapshot the rows were counted in.
            subprocess.run(  # noqa: S603  (arguments from settings, not from users)
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--no-owner"]
                + ["--file", str(dump), db["NAME"]],
                env=_pg_env(),
                check=True,
                capture_output=True,
            )
            conn.rollback()
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": {
                "name": db["NAME"],
                "server_version": server_major,
                "dump_sha256": sha256_of(dump),
                "tables": counts,
            },
            "files": {},
        }
        partial = archive.with_suffix(".tar.part")
        with tarfile.open(partial, "w") as tar:
            tar.add(dump, arcname="db.dump")
            root = _storage_root()
            for path in sorted(root.rglob("*")) if root.is_dir() else []:
                if not path.is_file() or path.name.endswith(".part"):
                    continue  # a report still being written is not part of the record
                name = path.relative_to(root).as_posix()
                manifest["files"][name] = {"sha256": sha256_of(path), "size": path.stat().st_size}
                tar.add(path, arcname=f"files/{name}")
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            (Path(scratch) / "manifest.json").write_bytes(body)
            tar.add(Path(scratch) / "manifest.json", arcname="manifest.json")
        os.replace(partial, archive)
    return archive, manifest


def _extract(archive: Path, into: Path) -> dict:
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    try:
        return json.loads((into / "manifest.json").read_text())
    except FileNotFoundError:
        raise BackupError(f"{archive} has no manifest.json: not a Sentra backup.") from None


def _check_files(manifest: dict, root: Path, check: Check) -> None:
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    for name, expected in manifest["files"].items():
        path = root / name
        if name not in present:
            check.problems.append(f"file missing: {name}")
        elif sha256_of(path) != expected["sha256"]:
            check.problems.append(f"file checksum differs: {name}")
        else:
            check.files += 1
    check.problems += [
        f"file not in manifest: {name}" for name in present - manifest["files"].keys()
    ]


def _admin(statement: sql.Composed) -> None:
    with psycopg.connect(_conninfo("postgres"), autocommit=True) as conn:
        conn.execute(statement)


def _restore_database(dump: Path, dbname: str, manifest: dict, check: Check) -> None:
    _admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    restored = subprocess.run(  # noqa: S603  (arguments from settings, not from users)
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d", dbname]
        + [str(dump)],
        env=_pg_env(),
        capture_output=True,
        text=True,
    )
    if restored.returncode:
        check.problems.append(f"pg_restore failed: {restored.stderr.strip()[:500]}")
        return
    with psycopg.connect(_conninfo(dbname)) as conn, conn.cursor() as cursor:
        expected = manifest["database"]["tables"]
        counts = _count_rows(cursor, sorted(set(_tables(cursor)) & expected.keys()))
    for table, rows in expected.items():
        if counts.get(table) != rows:
            check.problems.append(f"table {table}: {counts.get(table)} rows, manifest {rows}")
        else:
            check.tables += 1
            check.rows += rows


def restore(archive: Path, *, database: str | None = None, files_root: Path | None = None) -> Check:
    """Restore `archive` and compare it with its manifest. Without `database` this is a
    verification: a scratch database and directory, dropped afterwards. With it, the
    database is created (it must not exist) and the files go to `files_root` (it must be
    empty): the running site is never overwritten in place."""
    check = Check()
    verify_only = database is None
    dbname = database or f"sentra_verify_{uuid.uuid4().hex[:10]}"
    if files_root is not None and files_root.exists() and any(files_root.iterdir()):
        raise BackupError(f"{files_root} is not empty.")
    with tempfile.TemporaryDirectory(prefix="sentra-restore-") as scratch:
        unpacked = Path(scratch)
        manifest = _extract(archive, unpacked)
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        if _client_major("pg_restore") < manifest["database"]["server_version"]:
            raise BackupError("pg_restore is older than the server the dump came from.")
        dump = unpacked / "db.dump"
        if sha256_of(dump) != manifest["database"]["dump_sha256"]:
            check.problems.append("db.dump checksum differs from the manifest")
            return check
        files = unpacked / "files"
        files.mkdir(exist_ok=True)
        _check_files(manifest, files, check)
        try:
            _restore_database(dump, dbname, manifest, check)
        finally:
            if verify_only:
                _admin(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(dbname)
                    )
                )
        if not verify_only and files_root is not None and check.ok:
            files_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(files, files_root, dirs_exist_ok=True)
    return check
