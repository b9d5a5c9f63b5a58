"""Thin tasks: take an id, call one service. The row in the database is the truth."""

from celery import shared_task

from reports import services, summaries


@shared_task(acks_late=True, reject_on_worker_lost=True)
def generate_report_task(run_id: int) -> None:
    services.execute(run_id)


@shared_task
def sweep_report_runs_task() -> int:
    return services.sweep()


@shared_task
def monthly_reports_task() -> int:
    return services.request_previous_month_reports()


@shared_task
def refresh_summaries_task() -> int:
    return summaries.refresh_all()
