"""Official ATENSI names wherever a person reads them (docs/domain.md §9)."""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from casework.models import Component
from casework.models.stages import Stage, short_label
from tests.pages import read_page

pytestmark = pytest.mark.django_db

OFFICIAL_STAGES = {
    Stage.ACCESS: "Fasilitasi akses",
    Stage.ENGAGEMENT: "Pendekatan awal dan kesepakatan",
    Stage.ASSESSMENT: "Asesmen komprehensif dan berkelanjutan",
    Stage.PLANNING: "Perencanaan layanan",
    Stage.INTERVENTION: "Implementasi",
    Stage.MONITORING: "Monitoring dan evaluasi",
    Stage.TERMINATION: "Pascalayanan dan terminasi",
}
OFFICIAL_COMPONENTS = {
    Component.DECENT_LIVING: "Dukungan pemenuhan hidup layak",
    Component.CARE: "Perawatan sosial dan/atau pengasuhan anak",
    Component.FAMILY: "Dukungan keluarga",
    Component.THERAPY: "Terapi fisik, psikososial, dan mental spiritual",
    Component.VOCATIONAL: "Pelatihan vokasional dan/atau pembinaan kewirausahaan",
    Component.ASSISTANCE: "Bantuan sosial dan asistensi sosial",
    Component.ACCESSIBILITY: "Dukungan aksesibilitas",
}
INSTRUMENTS = Path(__file__).resolve().parents[2] / "assessments" / "instruments"


def test_stages_and_components_read_by_their_official_names():
    with translation.override("id"):
        assert {s: str(s.label) for s in Stage} == OFFICIAL_STAGES
        assert {c: str(c.label) for c in Component} == OFFICIAL_COMPONENTS
        assert short_label(Stage.ENGAGEMENT) == "Pendekatan awal"


def component_questions(node):
    """Every question of an instrument definition whose choices are the components."""
    if isinstance(node, dict):
        values = {c.get("value") for c in node.get("choices", []) if isinstance(c, dict)}
        if set(OFFICIAL_COMPONENTS) <= values:
            yield node
        for child in node.values():
            yield from component_questions(child)
    elif isinstance(node, list):
        for child in node:
            yield from component_questions(child)


def test_the_instruments_name_components_as_the_plan_does():
    """A question that offers the components offers them by their official names."""
    found = 0
    # comprehensive-v1.json is the first version as it was asked, kept for the assessments
    # made with it; the current versions carry the official names.
    for path in sorted(set(INSTRUMENTS.glob("*.json")) - {INSTRUMENTS / "comprehensive-v1.json"}):
        for question in component_questions(json.loads(path.read_text(encoding="utf-8"))):
            found += 1
            for choice in question["choices"]:
                official = OFFICIAL_COMPONENTS.get(choice["value"])
                assert official is None or choice["label"]["id"] == official, path.name
    assert found >= 1


@pytest.mark.indonesian
def test_the_case_page_shows_the_official_stage_and_a_stage_bar(case, worker, client_for):
    body = read_page(
        client_for(worker),
        reverse("casework:case-detail", args=[case.public_id]),
        "Fasilitasi akses",
        "Pascalayanan dan terminasi",
        'aria-current="step"',
    )
    assert ">Akses<" in body  # the short label, for phones only
