"""Failed sign-ins are throttled per username and address, never turned into a lock an
attacker can use against staff (sentra/logins.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from sentra.models import AuditEvent, LoginThrottle
from tests.factories import PASSWORD

ATTACKER = "203.0.113.66"
HOME_NAT = "10.0.0.1"


def _login(client, username, password, address):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _fail(times, username="worker", address=ATTACKER):
    for _ in range(times):
        LoginThrottle.objects.filter(username=username).update(wait_until=None)
        response = _login(Client(), username, "salah-salah-salah", address)
        assert response.status_code == 200


@pytest.mark.django_db
def test_an_attackers_failures_do_not_stop_the_user_from_another_address(settings, worker):
    _fail(settings.LOGIN_FAILURE_LIMIT + 3)
    # The attacker's address must wait now...
    assert _login(Client(), "worker", PASSWORD, ATTACKER).status_code == 429
    # ...but the real user from the centre's address signs in at once.
    client = Client()
    assert _login(client, "worker", PASSWORD, HOME_NAT).status_code == 302
    assert "_auth_user_id" in client.session
    # Their success clears only their own address: the attacker still waits.
    assert LoginThrottle.objects.filter(username="worker", ip_address=ATTACKER).exists()


@pytest.mark.django_db
def test_a_colleagues_typos_behind_the_same_nat_do_not_hold_back_anyone_else(
    settings, worker, colleague
):
    _fail(settings.LOGIN_FAILURE_LIMIT, username="worker", address=HOME_NAT)
    assert _login(Client(), "colleague", PASSWORD, HOME_NAT).status_code == 302


@pytest.mark.django_db
def test_repeated_failures_from_one_address_wait_longer_each_time(settings, worker):
    _fail(settings.LOGIN_FAILURE_LIMIT - 1)
    throttle = LoginThrottle.objects.get(username="worker", ip_address=ATTACKER)
    assert throttle.wait_until is None  # the first few typos cost nothing
    waits = []
    for _ in range(4):
        _fail(1)
        throttle.refresh_from_db()
        waits.append(round((throttle.wait_until - throttle.last_failure_at).total_seconds()))
    assert waits == [30, 60, 120, 240]
    _fail(10)
    throttle.refresh_from_db()
    cap = (throttle.wait_until - throttle.last_failure_at).total_seconds()
    assert cap == settings.LOGIN_LOCKOUT_MINUTES * 60


@pytest.mark.django_db
def test_a_waiting_sign_in_is_refused_even_with_the_right_password(settings, worker):
    _fail(settings.LOGIN_FAILURE_LIMIT)
    client = Client()
    response = _login(client, "worker", PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Wait 30 seconds and try again" in response.content.decode()
    # Once the wait is over, the right password works and clears the count.
    LoginThrottle.objects.update(wait_until=timezone.now() - timedelta(seconds=1))
    assert _login(client, "worker", PASSWORD, ATTACKER).status_code == 302
    assert not LoginThrottle.objects.exists()


@pytest.mark.django_db
@pytest.mark.indonesian
def test_the_wait_is_told_in_indonesian(settings, worker):
    _fail(settings.LOGIN_FAILURE_LIMIT + 3)
    with translation.override("id"):
        response = _login(Client(), "worker", PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "Tunggu 4 menit" in response.content.decode()


@pytest.mark.django_db
def test_failures_of_a_username_from_many_addresses_alert_its_centres_admins(
    settings, worker, admin, outsider_admin, client_for, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    per_address = settings.LOGIN_ALERT_THRESHOLD // 2
    with django_capture_on_commit_callbacks(execute=True):
        _fail(per_address, address="198.51.100.1")
        _fail(settings.LOGIN_ALERT_THRESHOLD - per_address, address="198.51.100.2")
    alert = AuditEvent.objects.get(action="login_alert")
    assert alert.username == "worker"
    assert alert.centre == worker.centre
    assert [m.to for m in mail.outbox] == [[admin.email]]
    assert "worker" in mail.outbox[0].subject
    # More failures do not alert again the same day.
    _fail(2, address="198.51.100.3")
    assert AuditEvent.objects.filter(action="login_alert").count() == 1
    # The centre's admin sees it on the home page; another centre's admin does not.
    page = client_for(admin).get(reverse("home")).content.decode()
    assert 'id="login-alerts"' in page and "worker" in page
    assert (
        'id="login-alerts"' not in client_for(outsider_admin).get(reverse("home")).content.decode()
    )


@pytest.mark.django_db
def test_the_admin_login_is_throttled_too(settings, superuser):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        Client().post(
            reverse("admin:login"),
            {"username": "root", "password": "salah-salah-salah"},
            REMOTE_ADDR=ATTACKER,
        )
    response = Client().post(
        reverse("admin:login"), {"username": "root", "password": PASSWORD}, REMOTE_ADDR=ATTACKER
    )
    assert response.status_code == 200
    assert "Too many wrong passwords" in response.content.decode()
    assert AuditEvent.objects.filter(action="locked_out", username="root").exists()
