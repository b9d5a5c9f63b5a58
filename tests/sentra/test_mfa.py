"""Two-step sign-in: required for supervisors and admins in production, optional for social
workers, never for the demo accounts."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sentra.demo import DEMO_PASSWORD, seed_organisation
from tests.pages import read_page

pytestmark = [pytest.mark.django_db, pytest.mark.mfa]
PASSWORD = "kata-sandi-panjang-2026"


def sign_in(user) -> HttpClient:
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    http = HttpClient()
    response = http.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return http


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def set_up(http) -> list[str]:
    body = read_page(http, reverse("mfa-setup"), "<svg", "mfa-secret")
    assert "Set up two-step sign-in" in body
    device = TOTPDevice.objects.get(confirmed=False)
    done = http.post(reverse("mfa-setup"), {"token": code_for(device)})
    assert done.status_code == 200
    assert "recovery-codes" in done.content.decode()
    return list(StaticToken.objects.values_list("token", flat=True))


def test_a_supervisor_without_a_device_is_sent_to_set_one_up(supervisor):
    http = sign_in(supervisor)
    response = http.get(reverse("casework:case-list"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa-setup")
    codes = set_up(http)
    assert len(codes) == 10
    assert http.get(reverse("casework:case-list")).status_code == 200


def test_the_next_sign_in_asks_for_the_code(supervisor, settings):
    # django-otp slows down retries after a wrong code; this test retries at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    set_up(sign_in(supervisor))
    http = sign_in(supervisor)
    response = http.get(reverse("casework:case-list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa-verify"))
    wrong = http.post(reverse("mfa-verify"), {"token": "000000"})
    assert wrong.status_code == 200 and "That code is not right." in wrong.content.decode()
    assert http.get(reverse("casework:case-list")).status_code == 302
    device = TOTPDevice.objects.get(user=supervisor)
    # The code of the next time step: the one used at setup cannot be replayed.
    device.refresh_from_db()

    step = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    step.time = step.time + device.step
    ok = http.post(
        reverse("mfa-verify"),
        {"token": f"{step.token():06d}", "next": reverse("casework:case-list")},
    )
    assert ok.status_code == 302 and ok["Location"] == reverse("casework:case-list")
    assert http.get(reverse("casework:case-list")).status_code == 200


def test_a_recovery_code_works_once(admin):
    codes = set_up(sign_in(admin))
    http = sign_in(admin)
    assert http.post(reverse("mfa-verify"), {"token": codes[0]}).status_code == 302
    assert http.get(reverse("staff-list")).status_code == 200
    again = sign_in(admin)
    assert again.post(reverse("mfa-verify"), {"token": codes[0]}).status_code == 200
    assert again.get(reverse("staff-list")).status_code == 302


def test_a_social_worker_may_sign_in_with_the_password_alone(worker):
    http = sign_in(worker)
    assert http.get(reverse("casework:case-list")).status_code == 200


def test_a_social_worker_who_turned_it_on_must_pass_it(worker):
    set_up(sign_in(worker))
    http = sign_in(worker)
    assert http.get(reverse("casework:case-list")).status_code == 302


def test_the_demo_accounts_sign_in_with_their_password(db):
    accounts = seed_organisation()
    for username in ("supervisor1", "admin1"):
        http = HttpClient()
        assert (
            http.post(
                reverse("login"), {"username": username, "password": DEMO_PASSWORD}
            ).status_code
            == 302
        )
        assert accounts[username].mfa_exempt
        assert http.get(reverse("home")).status_code == 200


def test_without_the_setting_nobody_is_asked(supervisor, settings):
    settings.MFA_REQUIRED = False
    assert sign_in(supervisor).get(reverse("casework:case-list")).status_code == 200


def test_the_setting_is_on_in_production_by_default():
    import subprocess  # a fresh interpreter reads the environment anew
    import sys

    script = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'sentra.settings');"
        "django.setup(); from django.conf import settings; print(settings.MFA_REQUIRED)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
    }
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr[-2000:]
