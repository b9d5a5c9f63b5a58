"""/healthz under faults: a frozen broker, a silent scheduler, a database that is gone."""

import time

import pytest
import redis
from django.conf import settings as django_settings
from django.db.backends.postgresql.base import DatabaseWrapper
from django.urls import reverse

from sentra import health
from sentra.tasks import heartbeat_task

pytestmark = pytest.mark.django_db


def test_the_scheduler_heartbeat_is_reported_with_its_age(client, settings, private_redis):
    settings.CELERY_BROKER_URL = private_redis.url
    assert client.get(reverse("healthz")).json()["scheduler"] == "never"
    heartbeat_task()  # what beat sends every 30 s
    body = client.get(reverse("healthz")).json()
    assert body["scheduler"] == "ok" and body["scheduler_last_beat_seconds"] <= 1
    assert body["status"] == "ok"

    # Beat stopped five minutes ago: the site works, the scheduler is late.
    redis.Redis.from_url(private_redis.url).set(health.HEARTBEAT_KEY, repr(time.time() - 300))
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["scheduler"] == "late"
    assert response.json()["scheduler_last_beat_seconds"] >= 300
    assert response.json()["status"] == "degraded"


def test_a_frozen_broker_does_not_stall_healthz(client, settings, private_redis):
    settings.CELERY_BROKER_URL = private_redis.url
    with private_redis.frozen():
        started = time.monotonic()
        response = client.get(reverse("healthz"))
        seconds = time.monotonic() - started
    # The broker's check gives up after 0.5 s; the rest is one request on a CPU that the
    # suite may share (a hung broker used to hold a request for 3-9 s).
    assert seconds < 1.5, seconds
    assert response.status_code == 200
    assert response.json()["broker"] == "down"


def test_healthz_is_503_when_the_database_is_gone(client, monkeypatch):
    """A real PostgreSQL connection to a port where nothing listens."""
    gone = DatabaseWrapper({**django_settings.DATABASES["default"], "PORT": "1"})
    monkeypatch.setattr(health, "connection", gone)
    started = time.monotonic()
    response = client.get(reverse("healthz"))
    assert time.monotonic() - started < 1.0
    assert response.status_code == 503
    assert response.json()["database"] == "down" and response.json()["status"] == "down"


def test_kept_connections_are_checked_before_reuse():
    default = django_settings.DATABASES["default"]
    assert default["CONN_MAX_AGE"] > 0 and default["CONN_HEALTH_CHECKS"] is True
