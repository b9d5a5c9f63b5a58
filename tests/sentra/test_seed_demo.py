import pytest
from django.core.management import CommandError, call_command

from clients.models import Client
from sentra.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_seed_demo_is_idempotent_and_rich(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Client.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Client.objects.count()) == counts
    assert "sentra-demo-2026" in capsys.readouterr().out
    demo = Client.objects.filter(centre__code="ALY")
    assert demo.count() >= 55
    assert demo.filter(nik="").count() >= 10  # people without papers
    assert Client.objects.filter(centre__code="BGA").count() >= 3
    assert demo.values("category").distinct().count() >= 8
    children = [c for c in demo if c.is_child]
    assert children and any(c.family.filter(is_guardian=True).exists() for c in children)
    for username in ("peksos1", "peksos2", "supervisor1", "admin1", "peksos_lain"):
        assert User.objects.get(username=username).check_password("sentra-demo-2026")


def test_seed_demo_runs_with_force_when_debug_is_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force")
    assert User.objects.filter(username="peksos1").exists()
