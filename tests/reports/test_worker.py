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

from casework.services.notes import add_note
from reports import services as report_services
from reports.models import ReportRun

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]

needs_redis = pytest.mark.skipif(
    not django_settings.CELERY_BROKER_URL, reason="needs REDIS_URL (make test sets it)"
)


def wait_for(predicate, timeout: float, step: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def status_of(run) -> str:
    return ReportRun.objects.values_list("status", flat=True).get(pk=run.pk)


@pytest.fixture
def start_worker(settings, tmp_path):
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "PRIVATE_STORAGE_ROOT": str(tmp_path / "private"),
        "REPORT_LEASE_SECONDS": "3",
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
                "reports,default",
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
    from sentra.celery import app

    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    for n in range(50):  # a report heavy enough to be caught mid-render
        add_note(
            by=worker,
            case=case,
            data={"kind": "home_visit", "narrative": f"Catatan kunjungan nomor {n}. " * 20},
        )
    app.conf.task_always_eager = False
    try:
        run = report_services.request_report(
            by=worker,
            kind="case_pdf",
            centre=case.centre,
            params={"case": case.pk, "include_notes": True},
        )
        first = start_worker()
        assert wait_for(lambda: status_of(run) == "running", timeout=60), status_of(run)
        os.killpg(first.pid, signal.SIGKILL)  # the whole worker dies mid-render
        first.wait(timeout=10)
        assert status_of(run) == "running"

        time.sleep(3.5)  # the lease runs out
        start_worker()
        assert report_services.sweep() == 1  # the periodic sweeper re-sends the run
        assert wait_for(lambda: status_of(run) in ("done", "failed"), timeout=90, step=0.2)
    finally:
        app.conf.task_always_eager = True
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("done", 2), run.error
    stored = Path(settings.STORAGES["default"]["OPTIONS"]["location"]) / "reports"
    files = list(stored.iterdir())
    assert files == [stored / f"{run.public_id}.pdf"]  # one file, no leftover part-files
    content = files[0].read_bytes()
    assert content.startswith(b"%PDF")
    import hashlib

    assert hashlib.sha256(content).hexdigest() == run.checksum
