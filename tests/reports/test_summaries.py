"""The dashboard's closed periods, stored by the report jobs (reports/summaries.py)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casework.models import Case, ServiceType
from casework.services.service_records import record_service
from reports import services as report_services
from reports import summaries
from reports.dashboard import centre_dashboard
from reports.models import PeriodSummary, ReportRun
from reports.monthly import summary_for
from reports.monthly.period import MONTH, Period, add_months
from reports.tasks import refresh_summaries_task
from tests.factories import ClientFactory, approved_termination, open_case_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(centre, worker, supervisor):
    """Cases opened over the last fourteen months, a service in each, one case closed last
    month: every figure of the dashboard has something to count in closed months."""
    this_month = summaries.current_month(centre)
    cash = ServiceType.objects.get(code="cash_assistance", centre=None)
    cases = []
    for back in range(14):
        month = add_months(this_month, -back)
        day = month + timedelta(days=9)
        client = ClientFactory(centre=centre, registered_by=worker)
        case = open_case_for(client, worker, supervisor)
        moment = timezone.now() - (timezone.localdate() - day)
        Case.objects.filter(pk=case.pk).update(opened_at=moment)
        case.refresh_from_db()
        record_service(
            by=worker,
            case=case,
            data={
                "service_type": cash,
                "amount": 1000 * (back + 1),
                "provider_staff": worker,
                "delivered_on": day,
            },
        )
        cases.append(case)
    closing = cases[3]
    approved_termination(closing, worker, supervisor)
    last_month_day = add_months(this_month, -1) + timedelta(days=20)
    Case.objects.filter(pk=closing.pk).update(
        closed_at=timezone.now() - (timezone.localdate() - last_month_day)
    )
    return cases


def shown(data) -> dict:
    """What the dashboard shows: every comparison's two columns and the trends."""
    return {
        "comparisons": [
            (c["period"], [(r["key"], r["current"], r["previous"]) for r in c["rows"]])
            for c in data["comparisons"]
        ],
        "series": data["series"],
    }


def test_stored_figures_are_the_live_count_of_each_closed_period(centre, history):
    assert summaries.refresh_centre(centre) == 13
    for period in summaries.closed_periods_read(summaries.current_month(centre)):
        row = PeriodSummary.objects.get(centre=centre, kind=period.kind, first=period.first)
        stored = {key: getattr(row, key) for key in summaries.FIGURES}
        assert stored == summary_for(centre=centre, period=period), period
    last_month = Period.of(MONTH, add_months(summaries.current_month(centre), -1))
    assert summary_for(centre=centre, period=last_month)["terminations"] == 1


def test_the_dashboard_shows_the_same_figures_stored_or_counted(centre, history):
    counted = shown(centre_dashboard(centre))
    assert counted["comparisons"][0][1][1] == ("admissions", 1, 1)
    summaries.refresh_centre(centre)
    data = centre_dashboard(centre)
    assert shown(data) == counted
    assert data["counted_at"] is not None


def test_the_dashboard_reads_closed_months_stored_and_counts_this_month(
    centre, history, worker, supervisor, django_assert_max_num_queries
):
    summaries.refresh_centre(centre)
    last_month = add_months(summaries.current_month(centre), -1)
    PeriodSummary.objects.filter(centre=centre, kind=MONTH, first=last_month).update(admissions=999)
    open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    with django_assert_max_num_queries(16):
        data = centre_dashboard(centre)
    admissions = dict(data["series"])["New admissions"]
    assert admissions[-2] == 999  # stored, not counted again
    assert admissions[-1] == 2  # this month is live: the case just opened counts
    month = data["comparisons"][0]
    assert [(r["current"], r["previous"]) for r in month["rows"] if r["key"] == "admissions"] == [
        (2, 999)
    ]


def test_a_late_entry_shows_after_the_nightly_recount(centre, history, worker):
    summaries.refresh_centre(centre)
    two_months_ago = add_months(summaries.current_month(centre), -2)
    record_service(
        by=worker,
        case=history[2],
        data={
            "service_type": ServiceType.objects.get(code="cash_assistance", centre=None),
            "amount": 5,
            "provider_staff": worker,
            "delivered_on": two_months_ago + timedelta(days=1),
        },
    )
    services = dict(centre_dashboard(centre)["series"])["Services delivered"]
    assert services[-3] == 1  # the night has not come yet
    assert refresh_summaries_task() >= 13
    services = dict(centre_dashboard(centre)["series"])["Services delivered"]
    assert services[-3] == 2


def test_a_page_view_never_writes_figures(centre, history, admin, client_for):
    response = client_for(admin).get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert not PeriodSummary.objects.exists()
    assert "data-counted-at" not in response.content.decode()
    summaries.refresh_centre(centre)
    assert "data-counted-at" in client_for(admin).get(reverse("reports:dashboard")).content.decode()


def test_a_monthly_report_keeps_its_closed_month_and_not_the_open_one(centre, history, admin):
    this_month = summaries.current_month(centre)
    for month in (add_months(this_month, -1), this_month):
        run = ReportRun.objects.create(
            kind="monthly_csv",
            requested_by=admin,
            centre=centre,
            params={"centre": centre.pk, "month": f"{month:%Y-%m}"},
        )
        report_services.execute(run.pk)
    row = PeriodSummary.objects.get(centre=centre)
    assert (row.kind, row.first) == (MONTH, add_months(this_month, -1))
    assert row.admissions == 1 and row.services == 1 and row.amount == 2000


def test_the_recount_runs_every_night_on_the_bulk_queue():
    schedule = settings.CELERY_BEAT_SCHEDULE["refresh-summaries"]
    assert schedule["task"] == "reports.tasks.refresh_summaries_task"
    assert settings.CELERY_TASK_ROUTES[schedule["task"]] == {"queue": "bulk"}


def test_the_open_periods_people_are_counted_together_and_each_once(
    centre, history, django_assert_num_queries
):
    from reports.monthly import people_served, people_served_in
    from reports.monthly.period import QUARTER, YEAR_TO_DATE

    this_month = summaries.current_month(centre)
    shown = [Period.of(kind, this_month) for kind in (MONTH, QUARTER, YEAR_TO_DATE)]
    with django_assert_num_queries(1):  # one read for the three periods
        together = people_served_in(centre=centre, periods=shown)
    assert together == [people_served(centre=centre, period=period) for period in shown]
    assert together[0] < together[2]  # the year holds more people than the month
