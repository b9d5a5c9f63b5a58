"""Retention (UU PDP): a centre keeps a closed case for a number of years after closure;
then the client and everything hanging off their file lose identifiers and free text. The
rows stay (no hard delete): categories, dates, stages and counts still make the statistics.

The unit is the client: one whose cases are all closed, the last before the cut-off."""

import re
from datetime import timedelta

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from casework.models import Case
from clients.models import Client
from privacy.models import AnonymisationRun, RetentionPolicy
from sentra import audit
from sentra.models import Centre, User

DEFAULT_YEARS = 10

# Identifiers kept in short text fields, removed by name; every long text field (TextField)
# of the client's and the cases' records is removed without being listed.
IDENTIFIERS = {
    Client: [
        "aliases",
        "birthplace",
        "phone",
        "nik",
        "kk_number",
        "district_code",
        "village_code",
        "street",
        "rt",
        "rw",
        "archive_reason",
    ],
    Case: [
        "referral_letter_number",
        "reporter_name",
        "outreach_location",
        "outreach_by",
    ],
}
ANONYMOUS_NAME = "ANONIM"
# Short text fields of the records below a client that name or reach a person.
SHORT_IDENTIFIERS = {"name", "phone", "description", "original_name", "title", "asked_by"}
# Inside JSON (assessment answers, a letter's content) a string is kept only when it is a
# key of a choice or a date; any other string is free text and goes.
KEPT_IN_JSON = re.compile(r"^(?:[A-Za-z0-9_.:-]{1,50}|\d{4}-\d{2}-\d{2}(?:T[\d:.+Z-]*)?)$")
# How far below the client the walk goes (client -> case -> plan -> goal -> progress).
DEPTH = 4


def retention_years(centre: Centre) -> int:
    policy = RetentionPolicy.objects.filter(centre=centre).first()
    return policy.years_after_closure if policy else DEFAULT_YEARS


def cutoff_for(centre: Centre, now=None):
    now = now or timezone.now()
    return now - timedelta(days=round(365.25 * retention_years(centre)))


def due_clients(centre: Centre, now=None):
    """Clients of `centre` not yet anonymised, with cases, none open, the last closed before
    the cut-off."""
    return (
        Client.objects.filter(centre=centre, anonymised_at__isnull=True)
        .annotate(last_closed=Max("cases__closed_at"))
        .filter(last_closed__lt=cutoff_for(centre, now))
        .exclude(cases__closed_at__isnull=True)
        .order_by("last_closed")
    )


def scrub_json(value):
    """`value` with every free-text string emptied; numbers, booleans, choice keys and
    dates (what the statistics and the scores read) stay."""
    if isinstance(value, dict):
        return {key: scrub_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub_json(item) for item in value]
    if isinstance(value, str) and not KEPT_IN_JSON.match(value):
        return ""
    return value


def _scrub_json_fields(model, ids: list, names: list[str]) -> None:
    for row in model._base_manager.filter(pk__in=ids).only("pk", *names):
        scrubbed = {name: scrub_json(getattr(row, name)) for name in names}
        if any(scrubbed[name] != getattr(row, name) for name in names):
            model._base_manager.filter(pk=row.pk).update(**scrubbed)


def _blank(queryset: models.QuerySet, identifiers=()) -> None:
    """Remove every long text, the named identifiers, the free text inside JSON and the
    stored files of `queryset`, and the history rows that copy them."""
    model = queryset.model
    changes: dict = {}
    files = []
    json_fields = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.FileField):
            files.append(field.name)
        elif isinstance(field, models.JSONField):
            json_fields.append(field.name)
        elif isinstance(field, models.TextField) or field.name in identifiers:
            changes[field.name] = ""
    ids = list(queryset.values_list("pk", flat=True))
    for name in files:
        for row in model._base_manager.filter(pk__in=ids).exclude(**{name: ""}):
            getattr(row, name).delete(save=False)
    if changes:
        model._base_manager.filter(pk__in=ids).update(**changes)
    if json_fields:
        _scrub_json_fields(model, ids, json_fields)
    history = getattr(model, "history", None)
    if history is not None:
        # The history rows are copies of what was removed.
        history.filter(id__in=ids).delete()


def _walk(model: type[models.Model], parents: models.QuerySet, depth: int) -> None:
    """Every record that points at `parents` (and, `depth` levels down, at those)."""
    if depth == 0:
        return
    for relation in model._meta.related_objects:
        if not relation.one_to_many or relation.related_model is Case:
            continue
        child = relation.related_model
        rows = child._base_manager.filter(**{f"{relation.field.name}__in": parents})
        _blank(rows, SHORT_IDENTIFIERS & {field.name for field in child._meta.fields})
        _walk(child, rows, depth - 1)


def _anonymise(clients: models.QuerySet) -> int:
    cases = Case.objects.filter(client__in=clients)
    _walk(Client, clients, DEPTH)
    _walk(Case, cases, DEPTH - 1)
    case_count = cases.count()
    _blank(cases, IDENTIFIERS[Case])
    for client in clients.only("pk", "birth_date"):
        birth = client.birth_date.replace(month=1, day=1) if client.birth_date else None
        Client.objects.filter(pk=client.pk).update(birth_date=birth)
    _blank(clients, IDENTIFIERS[Client])
    clients.update(full_name=ANONYMOUS_NAME, search_name="", anonymised_at=timezone.now())
    return case_count


def anonymise_due(*, centre: Centre, by: User | None = None, request=None, now=None):
    """Anonymise every client of `centre` past the retention period, write one run row and
    one audit row. Run again, it finds nothing left to do."""
    with transaction.atomic():
        due = list(due_clients(centre, now).values_list("pk", flat=True))
        # Locked, and checked again: two passes at once anonymise each client once.
        ids = list(
            Client.objects.select_for_update()
            .filter(pk__in=due, anonymised_at__isnull=True)
            .values_list("pk", flat=True)
        )
        clients = Client.objects.filter(pk__in=ids)
        case_count = _anonymise(clients) if ids else 0
        run = AnonymisationRun.objects.create(
            centre=centre,
            run_by=by,
            closed_before=cutoff_for(centre, now),
            cases=case_count,
            clients=len(ids),
        )
        audit.record(
            audit.Action.UPDATE,
            by=by,
            obj=run,
            request=request,
            centre=centre,
            fields=["anonymised"],
        )
    return run


def anonymise_everywhere() -> int:
    """The scheduled pass (Celery beat): every active centre."""
    total = 0
    for centre in Centre.objects.filter(is_active=True):
        total += anonymise_due(centre=centre).clients
    return total
