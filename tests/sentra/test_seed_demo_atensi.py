"""The demo shows issue 17's data: several categories, national data, a screening and a
revised comprehensive assessment with a contributor from another profession."""

import pytest
from django.core.management import call_command

from assessments.models import Assessment, Contributor
from casework.models import Case
from clients.models import AssistanceReceived, Client

pytestmark = pytest.mark.django_db


def test_the_demo_has_several_categories_national_data_and_revised_assessments(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    demo = Client.objects.filter(centre__code="ALY")
    several = demo.exclude(other_categories=None)
    assert several.count() >= 5
    child = several.filter(category__code="anak_disabilitas").first()
    assert {c.code for c in child.atensi_clusters()} >= {"children", "disability"}
    victim = demo.filter(category__code="korban_trafficking").first()
    assert "other_ppks" not in {c.code for c in victim.atensi_clusters()}
    assert demo.filter(register_status__in=["dtks", "dtsen"]).exclude(register_number="").exists()
    assert demo.exclude(bpjs_number="").exists()
    assert AssistanceReceived.objects.filter(client__in=demo).count() >= 5
    assert Case.objects.filter(centre__code="ALY").residential().exists()
    assert any(
        len(a) == 2
        for a in Case.objects.filter(centre__code="ALY").values_list("approaches", flat=True)
    )
    assert Assessment.objects.filter(instrument__kind="screening").exists()
    revised = Assessment.objects.filter(instrument__kind="comprehensive", instrument__version=2)
    assert revised.exists()
    assert Contributor.objects.filter(assessment__in=revised).exists()
