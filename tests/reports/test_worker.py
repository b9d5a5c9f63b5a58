"""A real Celery worker against Redis: killed in the middle of a render, restarted, and
the report still comes out exactly once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.utils import timezone

from casework.services.notes import add_note
from reports import services as report_services
from reports.models import ReportRun

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]

needs_redis = pytest.mark.skipif(
    not django_settings.CELERY_BROKER_URL, reason="needs REDIS_URL (make test sets it)"
)


LEASE_SECONDS = 3  # the workers' lease: short, so that a dead worker's lease runs out soon
POLL_SECONDS = 0.02


def wait_until(condition, *, timeout: float, what: str, run) -> None:
    """Poll `condition` until it holds. Past the deadline, fail naming what was awaited
    and showing the run's row as it is then."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Waited {timeout:g}s for {what}; the run is now {describe(run)}")
        time.sleep(POLL_SECONDS)


def row_of(run) -> ReportRun:
    return ReportRun.objects.get(pk=run.pk)


def describe(run) -> str:
    row = row_of(run)
    return (
        f"status={row.status} attempts={row.attempts} lease_until={row.lease_until} "
        f"(now {timezone.now()}) error={row.error!r}"
    )


@pytest.fixture
def start_worker(settings, tmp_path):
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "PRIVATE_STORAGE_ROOT": str(tmp_path / "private"),
        "REPORT_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    workers = []

    def start():
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sentra",
                "worker",
                "-Q",
                "reports,bulk,default",
                "-c",
                "1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        workers.append(process)
        return process

    yield start
    for process in workers:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@needs_redis
def test_a_worker_killed_mid_render_still_yields_exactly_one_pdf(
    case, worker, start_worker, settings
):
    settings.REPORT_LEASE_SECONDS = LEASE_SECONDS  # the sweeper here and the workers agree
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    for n in range(50):  # a report heavy enough to be caught mid-render
        add_note(
            by=worker,
            case=case,
            data={"kind": "home_visit", "narrative": f"Catatan kunjungan nomor {n}. " * 20},
        )
    run = report_services.request_report(
        by=worker,
        kind="case_pdf",
        centre=case.centre,
        params={"case": case.pk, "include_notes": True},
    )
    first = start_worker()

    def claimed_by_the_first_worker() -> bool:
        row = row_of(run)
        if row.status in ("done", "failed"):
            pytest.fail(f"The run ended before the worker could be killed: {describe(run)}")
        return row.status == "running" and row.attempts == 1

    wait_until(claimed_by_the_first_worker, timeout=60, what="the first worker's claim", run=run)
    os.killpg(first.pid, signal.SIGKILL)  # the whole worker dies mid-render
    first.wait(timeout=10)
    row = row_of(run)
    assert (row.status, row.attempts) == ("running", 1), describe(run)  # left unfinished
    assert row.lease_until is not None, describe(run)

    # Nobody renews the lease of a dead worker: wait until it has run out.
    def lease_expired() -> bool:
        return ReportRun.objects.filter(
            pk=run.pk, status="running", attempts=1, lease_until__lt=timezone.now()
        ).exists()

    wait_until(lease_expired, timeout=LEASE_SECONDS + 30, what="the dead worker's lease", run=run)
    start_worker()
    assert report_services.sweep() == 1  # the periodic sweeper re-sends the run
    wait_until(
        lambda: row_of(run).status in ("done", "failed"),
        timeout=90,
        what="the second worker to finish the run",
        run=run,
    )
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("done", 2), run.error
    stored = Path(settings.STORAGES["default"]["OPTIONS"]["location"]) / "reports"
    files = list(stored.iterdir())
    assert files == [stored / f"{run.public_id}.pdf"]  # one file, no leftover part-files
    content = files[0].read_bytes()
    assert content.startswith(b"%PDF")
    import hashlib

    assert hashlib.sha256(content).hexdigest() == run.checksum
