"""Reports and exports read from the replica when one is configured; nothing else does."""

import pytest
from django.db import router

from casework.models import Case
from reports import services
from reports.models import ReportRun
from sentra import replica


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "reports": settings.DATABASES["default"]}


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_reads_go_to_the_replica_only_inside_a_report(with_replica):
    assert router.db_for_read(Case) == "default"
    with replica.reading_for_reports():
        assert router.db_for_read(Case) == "reports"
        assert router.db_for_write(Case) == "default"  # a replica never takes writes
    assert router.db_for_read(Case) == "default"


def test_without_a_replica_everything_stays_on_the_primary():
    with replica.reading_for_reports():
        assert router.db_for_read(Case) == "default"


def test_the_replica_is_never_migrated():
    assert router.allow_migrate("reports", "casework") is False
    assert router.allow_migrate("default", "casework") is True


@pytest.mark.django_db
def test_the_monthly_report_is_built_inside_the_report_reading(monkeypatch, centre, supervisor):
    """The wiring: the builder runs with report reads on (here on the primary, since the
    test database has no replica); the run's own bookkeeping never does."""
    seen = []
    build = services.build_report

    def spy(**kwargs):
        seen.append(replica._for_reports.get())
        return build(**kwargs)

    monkeypatch.setattr(services, "build_report", spy)
    run = services.request_report(
        by=supervisor,
        kind=ReportRun.Kind.MONTHLY_CSV,
        params={"centre": centre.pk, "month": "2026-10"},
        centre=centre,
    )
    run = services.execute(run.pk)  # what the worker does
    assert run.status == ReportRun.Status.DONE and seen == [True]
    assert replica._for_reports.get() is False
