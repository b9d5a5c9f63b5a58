import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#kP2q9vL!mZ4wR8tY6uE1oI3aS5dF0gH_jK-lQ+zXc2Vb7Nm9",
    "ALLOWED_HOSTS": "sentra.example",
}


def run_manage(*args, env):
    # Only what a production host would have: no test-only switches from the Makefile.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "DATABASE_URL") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_env():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_app_refuses_to_start_without_secret_key_when_debug_is_off():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_sessions_expire_after_thirty_idle_minutes(worker, client_for):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = client_for(worker)
    assert client.get(reverse("home")).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    # Every request pushes the expiry 30 minutes ahead, so only inactivity ends it.
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_passwords_need_twelve_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("pendek-123")
    validate_password("cukup-panjang-sekali")


@pytest.mark.django_db
def test_security_headers_on_every_response(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_carry_no_inline_scripts(worker, admin, client_for):
    for user, url in [(worker, "home"), (admin, "staff-list"), (admin, "audit-list")]:
        body = client_for(user).get(reverse(url)).content.decode()
        assert "<script>" not in body
        assert " onclick=" not in body and " onchange=" not in body


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] in {"ok", "in-process"}


@pytest.mark.django_db
def test_healthz_is_degraded_but_200_when_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "broker": "down",
        "scheduler": "unknown",
        "status": "degraded",
    }


def production_setting(*names, **extra_env):
    code = (
        "from django.conf import settings; print("
        + ", ".join(f"settings.{name}" for name in names)
        + ")"
    )
    result = run_manage("shell", "-v0", "-c", code, env={**PRODUCTION_ENV, **extra_env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()


def test_https_hsts_and_secure_cookies_are_on_with_only_the_three_basic_variables():
    assert production_setting(
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
    ) == ["True", "True", "True", "31536000", "True", "True"]


def test_a_lan_without_tls_must_opt_out_explicitly():
    assert production_setting(
        "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SECURE_HSTS_SECONDS", ALLOW_PLAIN_HTTP="1"
    ) == ["False", "False", "0"]


def test_password_reset_mail_never_goes_to_the_log_in_production():
    assert production_setting("EMAIL_BACKEND") == ["sentra.mail.UnconfiguredEmailBackend"]
    result = run_manage(
        "check",
        env={**PRODUCTION_ENV, "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
    )
    assert result.returncode != 0
    assert "password-reset tokens" in result.stderr


def test_the_unconfigured_backend_logs_no_body(caplog):
    from django.core.mail import EmailMessage

    from sentra.mail import UnconfiguredEmailBackend

    message = EmailMessage("Reset", "token-abc123", to=["a@example.org"])
    assert UnconfiguredEmailBackend().send_messages([message]) == 0
    assert "token-abc123" not in caplog.text
    assert "not sent" in caplog.text


def test_a_sign_in_ends_after_twelve_hours_however_active(worker, client_for):
    from sentra.sessions import SIGNED_IN_AT

    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    client = client_for(worker)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SIGNED_IN_AT] -= 12 * 60 * 60 - 60
    session.save()
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SIGNED_IN_AT] -= 120
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302
