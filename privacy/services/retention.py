"""Retention (UU PDP): a centre keeps a closed case for a number of years after closure;
then the client and everything hanging off their file lose identifiers and free text. The
rows stay (no hard delete): categories, dates, stages and counts still make the statistics.

The unit is the client: one whose cases are all closed, the last before the cut-off."""

import re
from datetime import timedelta

from django.db import models, transaction
from django.db.models import Exists, Max, OuterRef, Q
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
# What a JSON value may keep: choice codes, numbers written as text, dates. Anything else
# in a string (a sentence, a name, an address) is free text typed by a person.
CODE = re.compile(r"[a-z0-9_.:-]{0,64}")
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


# What the preview shows of a client (privacy/retention.html): a page of 200 reads no more.
PREVIEW_FIELDS = ("centre_id", "registration_number", "full_name", "anonymised_at")


def due_preview(centre: Centre, limit: int, now=None) -> list[Client]:
    """The first `limit` of `due_clients`, the longest due first, each with `last_closed`
    and its cases. Walked from the centre's cases closed before the cut-off, in the order of
    the (centre, closed_at) index, keeping each client's last case: the rule's aggregate over
    every client of the centre read the whole case table (~900 ms at 150 000 clients)."""
    later_or_open = Case.objects.filter(client=OuterRef("client")).filter(
        Q(closed_at__isnull=True)
        | Q(closed_at__gt=OuterRef("closed_at"))
        # Two cases closed at the same moment: the later id is the last, so one row a client.
        | Q(closed_at=OuterRef("closed_at"), pk__gt=OuterRef("pk"))
    )
    # Cases are opened in their client's centre (casework.services.cases.open_case).
    last_cases = (
        Case.objects.filter(
            centre=centre,
            closed_at__lt=cutoff_for(centre, now),
            anonymised_at__isnull=True,  # the partial index of cases still to anonymise
            client__centre=centre,
            client__anonymised_at__isnull=True,
        )
        .filter(~Exists(later_or_open))
        .select_related("client")
        .only("closed_at", *(f"client__{name}" for name in PREVIEW_FIELDS))
        .order_by("closed_at", "client_id")[:limit]
    )
    clients = []
    for case in last_cases:
        case.client.last_closed = case.closed_at  # type: ignore[attr-defined]
        clients.append(case.client)
    numbers = models.Prefetch("cases", Case.objects.only("client_id", "number", "opened_at"))
    models.prefetch_related_objects(clients, numbers)
    return clients


def scrub(value):
    """`value` (decoded JSON) with the free text inside it removed: keys, numbers, booleans
    and code-like strings stay, so scores and chosen options still count."""
    if isinstance(value, dict):
        return {key: scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item) for item in value]
    if isinstance(value, str) and not CODE.fullmatch(value):
        return ""
    return value


def _scrub_json(model, ids: list, names: list[str]) -> None:
    for row in model._base_manager.filter(pk__in=ids).only("pk", *names):
        cleaned = {name: scrub(getattr(row, name)) for name in names}
        if any(cleaned[name] != getattr(row, name) for name in names):
            model._base_manager.filter(pk=row.pk).update(**cleaned)


def _blank(queryset: models.QuerySet, identifiers=()) -> None:
    """Remove every long text, the free text inside JSON values, the named identifiers and
    the stored files of `queryset`, and the history rows that copy them."""
    model = queryset.model
    changes: dict = {}
    files, documents = [], []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.FileField):
            files.append(field.name)
        elif isinstance(field, models.JSONField):
            documents.append(field.name)
        elif isinstance(field, models.TextField) or field.name in identifiers:
            changes[field.name] = ""
    ids = list(queryset.values_list("pk", flat=True))
    if documents:
        _scrub_json(model, ids, documents)
    for name in files:
        for row in model._base_manager.filter(pk__in=ids).exclude(**{name: ""}):
            getattr(row, name).delete(save=False)
    if changes:
        model._base_manager.filter(pk__in=ids).update(**changes)
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
    now = timezone.now()
    cases.update(anonymised_at=now)
    clients.update(full_name=ANONYMOUS_NAME, search_name="", anonymised_at=now)
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
