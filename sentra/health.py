"""What /healthz reports: the database, the broker and the scheduler, each checked with a
short timeout so a frozen dependency makes the answer 'down', never a hung request."""

import time

import redis
from django.conf import settings
from django.db import connection

HEARTBEAT_KEY = "sentra:heartbeat:scheduler"
# Beat sends the heartbeat every 30 s; three missed beats make the scheduler 'late'.
HEARTBEAT_LATE_SECONDS = 120
BROKER_TIMEOUT_SECONDS = 0.5


def _broker() -> redis.Redis:
    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL,
        socket_timeout=BROKER_TIMEOUT_SECONDS,
        socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
        retry_on_timeout=False,
    )


def record_heartbeat() -> float:
    """Called by the scheduler's heartbeat task: the time beat (through a worker) last ran."""
    now = time.time()
    if settings.CELERY_BROKER_URL:
        client = _broker()
        try:
            client.set(HEARTBEAT_KEY, repr(now), ex=7 * 24 * 3600)
        finally:
            client.close()
    return now


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        return "down"


def broker_and_scheduler_state() -> dict:
    """One round trip to Redis answers both: PING, then the heartbeat's time."""
    if not settings.CELERY_BROKER_URL:
        return {"broker": "in-process", "scheduler": "in-process"}
    client = _broker()
    try:
        client.ping()
        beat = client.get(HEARTBEAT_KEY)
    except Exception:
        return {"broker": "down", "scheduler": "unknown"}
    finally:
        client.close()
    if beat is None:
        return {"broker": "ok", "scheduler": "never"}
    age = max(0, round(time.time() - float(beat)))
    state = "ok" if age <= HEARTBEAT_LATE_SECONDS else "late"
    return {"broker": "ok", "scheduler": state, "scheduler_last_beat_seconds": age}


def health() -> tuple[dict, int]:
    """The body and status of /healthz: 503 only when the database is down (nothing works
    without it); a broker or scheduler in trouble makes it 'degraded' (pages still work)."""
    state: dict = {"database": database_state(), **broker_and_scheduler_state()}
    if state["database"] != "ok":
        state["status"] = "down"
        return state, 503
    healthy = state["broker"] != "down" and state["scheduler"] in ("ok", "in-process")
    state["status"] = "ok" if healthy else "degraded"
    return state, 200
