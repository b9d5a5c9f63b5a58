"""Thin tasks: the scheduled retention pass."""

from celery import shared_task

from privacy.services import retention


@shared_task
def anonymise_due_task() -> int:
    return retention.anonymise_everywhere()
