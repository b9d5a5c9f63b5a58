"""Thin tasks of the ground layer."""

from celery import shared_task

from sentra import health


@shared_task(ignore_result=True)
def heartbeat_task() -> float:
    return health.record_heartbeat()
