"""What keeps pages fast at national scale (issue 19), checked on small data: the indexed
search branches, counts that stop at a cap, the audit trail read by keyset, the stage
durations from a window over the month's moves, and query counts that do not grow."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.models import StageMove
from casework.models.cases import record_when_stages_were_left
from clients.models import Client
from reports.monthly import build_monthly_report
from sentra import lists
from sentra.models import AuditEvent
from tests.factories import ClientFactory, UserFactory, open_case_for
from tests.pages import read_page

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def _search(http, term: str) -> str:
    http.post(reverse("clients:list"), {"q": term})
    return http.get(reverse("clients:list")).content.decode()


@pytest.mark.parametrize(
    "term", ["1571015505900003", "3201010101010007", "Nurhayatti", "aly-2026-07"]
)
def test_search_finds_by_whole_nik_or_kk_misspelt_name_or_lowercase_number(
    worker, centre, client_for, term
):
    ClientFactory(
        centre=centre,
        registered_by=worker,
        full_name="Siti Nurhayati",
        registration_number="ALY-2026-0777",
        nik="1571015505900003",
        kk_number="3201010101010007",
    )
    ClientFactory(centre=centre, registered_by=worker, full_name="Bambang Wijaya")
    body = _search(client_for(worker), term)
    assert "Siti Nurhayati" in body and "Bambang" not in body


def test_a_nik_is_matched_whole_never_by_a_prefix(worker, centre, client_for):
    ClientFactory(centre=centre, registered_by=worker, full_name="Siti", nik="1571015505900003")
    for term in ("1571015505900004", "157101"):
        assert "Siti" not in _search(client_for(worker), term)


def test_counting_stops_at_the_cap(monkeypatch, worker, centre):
    monkeypatch.setattr(lists.CappedPaginator, "cap", 5)
    ClientFactory.create_batch(7, centre=centre, registered_by=worker)
    request = RequestFactory().get("/", {"page": "9"})
    with CaptureQueriesContext(connection) as queries:
        page = lists.paginate(request, Client.objects.order_by("id"), per_page=2)
        rows = list(page)
    assert page.paginator.count == 5 and page.paginator.is_capped
    assert page.number == 3 and len(rows) == 1  # the last page within the cap
    count_sql = next(q["sql"] for q in queries if "COUNT(" in q["sql"].upper())
    assert "LIMIT 6" in count_sql


def test_a_list_read_by_its_keys_stops_at_the_cap_and_keeps_its_order(monkeypatch, worker, centre):
    monkeypatch.setattr(lists, "COUNT_CAP", 5)
    made = ClientFactory.create_batch(7, centre=centre, registered_by=worker)
    request = RequestFactory().get("/", {"page": "9"})
    newest_first = Client.objects.order_by("-id")
    page = lists.paginate_by_keys(request, newest_first, rows=Client.objects.all(), per_page=2)
    assert page.paginator.count == 5 and page.paginator.is_capped
    assert page.number == 3 and list(page) == [made[2]]  # the fifth newest of seven
    first = lists.paginate_by_keys(RequestFactory().get("/"), newest_first, Client.objects, 2)
    assert list(first) == [made[6], made[5]] and first.paginator.num_pages == 3


def test_a_short_list_is_counted_exactly(worker, centre):
    ClientFactory.create_batch(3, centre=centre, registered_by=worker)
    page = lists.paginate(RequestFactory().get("/"), Client.objects.order_by("id"), per_page=2)
    assert page.paginator.count == 3 and not page.paginator.is_capped
    assert page.paginator.num_pages == 2


def test_a_capped_list_says_there_is_more(monkeypatch, supervisor, worker, centre, client_for):
    monkeypatch.setattr(lists.CappedPaginator, "cap", 30)
    ClientFactory.create_batch(31, centre=centre, registered_by=worker)
    body = client_for(supervisor).get(reverse("clients:list")).content.decode()
    assert "Page 1 of 2+" in body


def test_the_audit_trail_pages_by_keyset_without_counting(admin, centre, client_for):
    start = datetime(2026, 5, 1, 8, 0, tzinfo=JAKARTA)
    AuditEvent.objects.bulk_create(
        AuditEvent(centre=centre, action="view", username="peksos", object_label=f"row {i:03d}")
        for i in range(120)
    )
    # Several rows share a time: the id breaks the tie, so no row is skipped or repeated.
    for event in AuditEvent.objects.filter(centre=centre):
        AuditEvent.objects.filter(pk=event.pk).update(at=start + timedelta(minutes=event.pk // 3))
    http = client_for(admin)
    seen, url = [], reverse("audit-list") + "?action=view"
    for _page in range(3):
        with CaptureQueriesContext(connection) as queries:
            response = http.get(url)
        assert not any("COUNT(" in q["sql"].upper() for q in queries)
        page = response.context["page"]
        seen += [event.pk for event in page]
        if not page.older:
            break
        url = reverse("audit-list") + f"?action=view&older={page.older}"
    ours = AuditEvent.objects.filter(centre=centre, action="view")
    assert seen == list(ours.order_by("-at", "-id").values_list("pk", flat=True))
    assert len(seen) == 120 and "Older" not in response.content.decode()


def test_a_malformed_cursor_gives_the_first_page(admin, client_for):
    response = client_for(admin).get(reverse("audit-list"), {"older": "yesterday_x"})
    assert response.status_code == 200 and response.context["page"].is_first


def test_stage_days_average_the_stages_left_in_the_month(centre, worker, supervisor):
    def moved(case, stage, at):
        StageMove.objects.create(case=case, to_stage=stage, moved_at=at, moved_by=worker)

    month = datetime(2026, 5, 1, tzinfo=JAKARTA)
    first = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    second = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    StageMove.objects.filter(case__in=[first, second]).delete()
    moved(first, "access", month - timedelta(days=10))
    moved(first, "engagement", month + timedelta(days=2))  # left access after 12 days
    moved(first, "assessment", month + timedelta(days=6))  # left engagement after 4 days
    moved(second, "access", month + timedelta(days=1))
    moved(second, "engagement", month + timedelta(days=7))  # left access after 6 days
    moved(second, "assessment", month + timedelta(days=40))  # left in June: not counted
    record_when_stages_were_left([first.pk, second.pk])  # written here, not moved one by one
    report = build_monthly_report(centre=centre, month=month.date())
    assert report.table("stage_days").rows == [
        ["Access facilitation", 9.0],
        ["Initial approach and agreement", 4.0],
    ]


def test_worker_client_list_queries_do_not_grow(
    worker, supervisor, centre, client_for, django_assert_max_num_queries
):
    http = client_for(worker)
    for client in ClientFactory.create_batch(2, centre=centre, registered_by=worker):
        open_case_for(client, worker, supervisor)
    with django_assert_max_num_queries(12) as few:
        read_page(http, reverse("clients:list"))
    for client in ClientFactory.create_batch(30, centre=centre, registered_by=supervisor):
        open_case_for(client, worker, supervisor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = read_page(http, reverse("clients:list"))
    assert body.count('href="/clients/') >= 25


def test_one_record_is_tested_per_row_by_the_same_rule(
    centre, other_centre, worker, colleague, supervisor, admin, outsider
):
    """`visible_to(user, per_row=True)` (one record: a correlated EXISTS) gives the rows of
    the set shape (lists: an IN over a UNION) for every member of the cast, and fetching
    one client or case never builds the worker's whole set."""
    from casework.models import Case, CaseNote
    from sentra import access

    mine = ClientFactory(centre=centre, registered_by=worker)
    primary = open_case_for(
        ClientFactory(centre=centre, registered_by=colleague), worker, supervisor
    )
    on_team = open_case_for(
        ClientFactory(centre=centre, registered_by=colleague), colleague, supervisor
    )
    on_team.team.add(worker)
    theirs = open_case_for(
        ClientFactory(centre=centre, registered_by=colleague), colleague, supervisor
    )
    ClientFactory(centre=other_centre, registered_by=outsider)
    for case in (primary, on_team, theirs):
        for confidential in (False, True):
            CaseNote.objects.create(
                case=case,
                kind="home_visit",
                narrative="-",
                author=case.primary_worker,
                is_confidential=confidential,
            )
    for user in (worker, colleague, supervisor, admin, outsider):
        for model in (Client, Case, CaseNote):
            as_set = set(model.objects.visible_to(user).values_list("pk", flat=True))
            per_row = set(model.objects.visible_to(user, per_row=True).values_list("pk", flat=True))
            assert as_set == per_row, (user.username, model.__name__)
    assert {mine.pk, primary.client_id, on_team.client_id} <= set(
        Client.objects.visible_to(worker).values_list("pk", flat=True)
    )
    with CaptureQueriesContext(connection) as queries:
        access.get_client_for_user(worker, primary.client.public_id)
        access.get_case_for_user(worker, on_team.public_id)
    assert all("UNION" not in q["sql"] and "EXISTS" in q["sql"] for q in queries)


def test_a_period_s_services_and_people_are_read_by_date_once(
    centre, other_centre, worker, supervisor
):
    """The monthly report reads its people's records once, and a period's services from
    their dates joined to their case (not `case IN (every case of the centre)`), with the
    same figures: a restricted client's and another centre's services stay out."""
    from casework.models import ServiceType
    from casework.services.service_records import record_service
    from privacy.services import requests as privacy_requests
    from reports.monthly.base import Scope
    from reports.monthly.period import MONTH, Period

    cash = ServiceType.objects.get(code="cash_assistance", centre=None)
    cases = [
        open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
        for _i in range(3)
    ]
    outsider = UserFactory(centre=other_centre, role="social_worker")
    cases.append(
        open_case_for(
            ClientFactory(centre=other_centre, registered_by=outsider), outsider, outsider
        )
    )
    for case in cases:
        record_service(
            by=case.primary_worker,
            case=case,
            data={"service_type": cash, "amount": 1000, "provider_staff": case.primary_worker},
        )
    privacy_requests.record_restriction(
        by=worker,
        client=cases[0].client,
        kind="objection",
        requested_on=timezone.localdate(),
        reason="Permintaan",
    )
    scope = Scope.of(centre, Period.of(MONTH, timezone.localdate()))
    assert scope.delivered().count() == 2
    with CaptureQueriesContext(connection) as queries:
        report = build_monthly_report(centre=centre, month=timezone.localdate())
    assert report.figures["services"] == 2 and report.figures["clients_served"] == 2
    people = [q["sql"] for q in queries if 'FROM "clients_client" WHERE' in q["sql"]]
    services = [q["sql"] for q in queries if 'FROM "casework_servicerecord"' in q["sql"]]
    assert len(people) == 1 and services
    assert all('INNER JOIN "casework_case"' in sql for sql in services)


def _search_newer_similar_and_one_old_exact(centre, worker, http, similar: list[str]):
    """Registers `similar` names today and "Kartika Sekar Rangkuti" in 2020, searches that
    name as `http`'s user, and returns the list page the search leads to."""
    from datetime import date

    for name in similar:
        ClientFactory(centre=centre, registered_by=worker, full_name=name)
    ClientFactory(
        centre=centre,
        registered_by=worker,
        full_name="Kartika Sekar Rangkuti",
        registered_on=date(2020, 1, 1),
    )
    http.post(reverse("clients:list"), {"q": "Kartika Sekar Rangkuti"})
    return http.get(reverse("clients:list")).context["page"]


def test_a_name_typed_in_full_is_kept_before_names_only_similar(
    monkeypatch, supervisor, worker, centre, client_for
):
    """Only the first ids of a search are kept: names containing the term come before names
    only similar to it, whatever their registration dates."""
    from clients.views import registry

    monkeypatch.setattr(registry, "SEARCH_RESULT_LIMIT", 2)
    page = _search_newer_similar_and_one_old_exact(
        centre, worker, client_for(supervisor), ["Kartika Sekar Santoso"] * 3
    )
    names = [client.full_name for client in page]
    assert sorted(names) == ["Kartika Sekar Rangkuti", "Kartika Sekar Santoso"]


def test_a_name_typed_in_full_is_shown_first_on_the_first_page(
    supervisor, worker, centre, client_for
):
    """The list shows a search in its own order, not by date: the person registered years
    ago under the very name typed comes before thirty newer, only similar names."""
    similar = [f"Kartika Sekar Santoso {i}" for i in range(30)]
    page = _search_newer_similar_and_one_old_exact(centre, worker, client_for(supervisor), similar)
    assert page[0].full_name == "Kartika Sekar Rangkuti"
    assert len(page) == 25 and page.paginator.count == 31


def test_only_the_first_similar_names_are_kept_after_every_name_containing_the_term(
    monkeypatch, supervisor, worker, centre
):
    from clients import search
    from clients.models import Client

    monkeypatch.setattr(search, "SIMILAR_LIMIT", 2)
    for i in range(4):
        ClientFactory(centre=centre, registered_by=worker, full_name=f"Kartika Sekar Lubis {i}")
    for _i in range(3):
        ClientFactory(centre=centre, registered_by=worker, full_name="Kartika Sekar Rangkuti")
    ids = search.find_client_ids(Client.objects.all(), "Kartika Sekar Rangkuti", limit=500)
    names = list(Client.objects.filter(pk__in=ids).values_list("full_name", flat=True))
    assert sorted(names)[-3:] == ["Kartika Sekar Rangkuti"] * 3 and len(ids) == 5
