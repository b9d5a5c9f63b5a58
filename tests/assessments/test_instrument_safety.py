"""Finding 1 and 7 of the security test: instruments are one centre's data, not a way
into another centre, and a malformed instrument file is a clear error, never a 500."""

import json
from datetime import date
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from assessments import charts
from assessments.models import Instrument
from tests.pages import read_page

pytestmark = pytest.mark.django_db

PLANTED = '<button hx-post="/staff/new/" hx-trigger="load">x</button>'


def instrument_file(code="home-visit", **question):
    question = {
        "key": "q1",
        "type": "yes_no",
        "label": {"id": "Pertanyaan", "en": "Question"},
        **question,
    }
    return {
        "code": code,
        "kind": "other",
        "name_id": "Kunjungan rumah",
        "name_en": "Home visit",
        "definition": {"sections": [{"key": "s1", "title": "S", "questions": [question]}]},
    }


def import_as(http, data, publish=True):
    body = {"definition_text": json.dumps(data) if not isinstance(data, str) else data}
    if publish:
        body["publish"] = "on"
    return http.post(reverse("assessments:instrument-list"), body)


def test_a_centre_admins_instrument_is_seen_only_in_that_centre(
    admin, outsider_admin, outsider, client_for
):
    assert import_as(client_for(admin), instrument_file()).status_code == 302
    own = Instrument.objects.get(code="home-visit")
    assert own.centre == admin.centre
    url = reverse("assessments:instrument-detail", args=[own.code, own.version])
    assert client_for(admin).get(url).status_code == 200
    assert client_for(outsider_admin).get(url).status_code == 404
    listing = read_page(client_for(outsider_admin), reverse("assessments:instrument-list"))
    assert "home-visit" not in listing
    assert own not in Instrument.objects.visible_to(outsider)


def test_another_centres_case_cannot_be_assessed_with_a_centres_instrument(
    admin, outsider, client_for, other_centre, supervisor
):
    from tests.factories import ClientFactory, UserFactory, open_case_for

    import_as(client_for(admin), instrument_file())
    own = Instrument.objects.get(code="home-visit")
    boss = UserFactory(username="boss2", centre=other_centre, role="supervisor")
    person = ClientFactory(centre=other_centre, registered_by=boss)
    other_case = open_case_for(person, outsider, boss)
    http = client_for(outsider)
    page = read_page(http, reverse("assessments:case-list", args=[other_case.public_id]))
    assert "Kunjungan rumah" not in page and "Home visit" not in page
    response = http.post(
        reverse("assessments:start", args=[other_case.public_id]), {"instrument": own.pk}
    )
    assert response.status_code == 302
    assert not other_case.assessments.exists()


def test_a_centre_admin_cannot_add_a_version_of_a_national_instrument(admin, client_for):
    rapid = Instrument.objects.published().get(kind="rapid")
    data = instrument_file(code=rapid.code)
    response = import_as(client_for(admin), data)
    assert response.status_code == 200
    assert "belongs to another centre" in response.content.decode()
    assert Instrument.objects.current(rapid.code) == rapid


def test_only_a_superuser_retires_a_national_instrument(admin, superuser, client_for):
    rapid = Instrument.objects.published().get(kind="rapid")
    url = reverse("assessments:instrument-retire", args=[rapid.code, rapid.version])
    assert client_for(admin).post(url).status_code == 403
    assert client_for(superuser).post(url).status_code == 302
    rapid.refresh_from_db()
    assert rapid.status == Instrument.Status.RETIRED


def test_a_superusers_import_is_national(superuser, client_for):
    assert import_as(client_for(superuser), instrument_file()).status_code == 302
    assert Instrument.objects.get(code="home-visit").centre is None


def test_help_text_and_labels_are_shown_as_text(admin, client_for):
    data = instrument_file(
        help={"en": PLANTED, "id": PLANTED},
        label={"en": PLANTED, "id": PLANTED},
    )
    http = client_for(admin)
    assert import_as(http, data).status_code == 302
    own = Instrument.objects.get(code="home-visit")
    page = read_page(http, reverse("assessments:instrument-detail", args=[own.code, own.version]))
    assert "hx-post" in page  # the text is there …
    assert PLANTED not in page  # … but never as markup
    assert "&lt;button hx-post=" in page


def test_a_domain_with_a_quote_cannot_break_out_of_the_chart():
    domains = [{"key": 'x" onload="alert(1)', "label": {"en": '<a href="#">L</a>'}}]
    svg = str(
        charts.wellbeing_chart(
            [(date(2026, 1, 1), {domains[0]["key"]: 3.0}), (date(2026, 2, 1), {})], domains
        )
    )
    root = ElementTree.fromstring(svg)
    circle = next(root.iter("{http://www.w3.org/2000/svg}circle"), None)
    assert circle is not None
    assert set(circle.attrib) == {"cx", "cy", "r", "fill", "data-domain"}
    assert "<a " not in svg


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (instrument_file(code="Not A Slug!"), "The code must be"),
        (instrument_file(code="x" * 60), "The code must be"),
        (instrument_file(key='a"b'), "a key must be"),
        (instrument_file(key="k" * 80), "a key must be"),
        (instrument_file(type="single_choice", choices=["x"]), "each choice is an object"),
        (instrument_file(type="single_choice", choices="x"), "choices"),
        (instrument_file(type="single_choice", choices=[{"value": 1, "label": "a"}]), "a key"),
        (instrument_file(label={"en": "x" * 5000}), "longer than"),
        (instrument_file(label=["not", "text"]), "a text must be"),
        (instrument_file(type="number", min="a", max=[]), "min and max"),
        (instrument_file(show_if="q0"), "show_if"),
        (instrument_file(score=3), "a score needs"),
        ({**instrument_file(), "definition": {"sections": ["x"]}}, "needs a list of questions"),
        ({**instrument_file(), "definition": {"sections": [], "domains": "x"}}, "sections"),
        ({**instrument_file(), "kind": "<b>"}, "The kind must be"),
        ({**instrument_file(), "name_en": 5}, "name_en"),
        ([1, 2], "one instrument object"),
        ("[" * 40000, "not valid JSON"),
    ],
)
def test_a_malformed_instrument_is_a_clear_error(admin, client_for, data, message):
    response = import_as(client_for(admin), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Instrument.objects.filter(centre=admin.centre).exists()
    read_page(client_for(admin), reverse("assessments:instrument-list"))
