"""Registering and changing clients. Every change writes the audit trail in its transaction."""

import hashlib
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from clients.models import (
    Client,
    ClientDocument,
    Consent,
    FamilyMember,
    FamilyTracingAttempt,
    PPKSCategory,
)
from sentra import audit, numbering
from sentra.models import Centre, User
from sentra.versioning import save_versioned

# Names at least this alike (0..1) with the same sex and a close birth year are flagged.
PYTHON_NAME_SIMILARITY = 0.8
TRIGRAM_NAME_SIMILARITY = 0.5
BIRTH_YEAR_TOLERANCE = 2


def normalise_name(value: str) -> str:
    """Lower case, no accents, single spaces: 'Siti  Nurhayatí' -> 'siti nurhayati'."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = "".join(ch if ch.isalnum() else " " for ch in plain.lower())
    return " ".join(cleaned.split())


def search_name_for(full_name: str, aliases: str) -> str:
    return " | ".join(
        filter(None, [normalise_name(full_name), *(normalise_name(a) for a in aliases.split(","))])
    )


# --- Duplicates ------------------------------------------------------------------------------


@dataclass
class DuplicateReport:
    """Who in the centre may be the same person. `same_nik` stops a registration; the
    others must be confirmed as different people."""

    same_nik: list[Client] = field(default_factory=list)
    same_kk: list[Client] = field(default_factory=list)
    similar: list[Client] = field(default_factory=list)

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.same_kk or self.similar)


def find_duplicates(
    *,
    centre: Centre,
    full_name: str,
    sex: str = "",
    birth_year: int | None = None,
    nik: str = "",
    kk_number: str = "",
    exclude: Client | None = None,
) -> DuplicateReport:
    """Look for the same person in `centre` only: never another centre's people."""
    in_centre = Client.objects.filter(centre=centre).select_related("registered_by")
    if exclude is not None:
        in_centre = in_centre.exclude(pk=exclude.pk)
    report = DuplicateReport()
    if nik:
        report.same_nik = list(in_centre.filter(nik=nik))
    if kk_number:
        report.same_kk = [
            c for c in in_centre.filter(kk_number=kk_number) if c not in report.same_nik
        ]
    already = {c.pk for c in report.same_nik + report.same_kk}
    report.similar = [
        c for c in _similar_names(in_centre, full_name, sex, birth_year) if c.pk not in already
    ]
    return report


def _similar_names(candidates, full_name: str, sex: str, birth_year: int | None) -> list[Client]:
    name = normalise_name(full_name)
    if not name:
        return []
    if sex:
        candidates = candidates.filter(sex=sex)
    if birth_year:
        candidates = candidates.filter(
            Q(birth_date__isnull=True)
            | Q(
                birth_date__year__gte=birth_year - BIRTH_YEAR_TOLERANCE,
                birth_date__year__lte=birth_year + BIRTH_YEAR_TOLERANCE,
            )
        )
    if settings.IS_POSTGRES:
        return list(
            candidates.annotate(similarity=TrigramWordSimilarity(name, "search_name"))
            .filter(similarity__gte=TRIGRAM_NAME_SIMILARITY)
            .order_by("-similarity")[:10]
        )
    # SQLite has no trigram index: compare in Python, on the already narrowed candidates
    # (same centre, same sex, close birth year), which stays a few hundred rows at most.
    scored = []
    for client in candidates.only(
        "id",
        "public_id",
        "full_name",
        "search_name",
        "sex",
        "birth_date",
        "status",
        "registration_number",
        "registered_by__full_name",
        "centre_id",
    ):
        best = max(
            SequenceMatcher(None, name, known).ratio() for known in client.search_name.split(" | ")
        )
        if best >= PYTHON_NAME_SIMILARITY:
            scored.append((best, client))
    return [client for _, client in sorted(scored, key=lambda pair: -pair[0])[:10]]


# --- The record -------------------------------------------------------------------------------


@transaction.atomic
def register_client(
    *,
    by: User,
    centre: Centre,
    data: dict,
    clusters=(),
    other_categories=(),
    disability_types=(),
    request=None,
) -> Client:
    """Register a person with what is known now; the rest is completed later."""
    registered_on = data.pop("registered_on", None) or timezone.localdate()
    client = Client(
        centre=centre,
        registered_by=by,
        registered_on=registered_on,
        registration_number=numbering.next_number(
            centre=centre, kind="client", year=registered_on.year
        ),
        **data,
    )
    client.search_name = search_name_for(client.full_name, client.aliases)
    client._change_reason = "registered"  # type: ignore[attr-defined]  # django-simple-history
    client.save()
    client.clusters.set(clusters)
    client.other_categories.set([c for c in other_categories if c != client.category])
    client.disability_types.set(disability_types)
    audit.record(audit.Action.CREATE, by=by, obj=client, request=request, fields=data)
    return client


@transaction.atomic
def update_client(*, by: User, client: Client, fields: list[str], request=None) -> Client:
    """Save a client already changed by a bound form (`fields` names what changed)."""
    client.search_name = search_name_for(client.full_name, client.aliases)
    save_versioned(client)
    audit.record(audit.Action.UPDATE, by=by, obj=client, request=request, fields=fields)
    return client


@transaction.atomic
def archive_client(*, by: User, client: Client, reason: str, request=None) -> Client:
    client.status = Client.Status.ARCHIVED
    client.archived_at = timezone.now()
    client.archive_reason = reason
    client._change_reason = reason  # type: ignore[attr-defined]  # django-simple-history
    client.save()
    audit.record(audit.Action.ARCHIVE, by=by, obj=client, request=request)
    return client


@transaction.atomic
def restore_client(*, by: User, client: Client, request=None) -> Client:
    client.status = Client.Status.ACTIVE
    client.archived_at = None
    client.archive_reason = ""
    client.save()
    audit.record(audit.Action.RESTORE, by=by, obj=client, request=request)
    return client


# --- Family ------------------------------------------------------------------------------------


@transaction.atomic
def save_family_member(
    *, by: User, member: FamilyMember, fields: list[str], request=None
) -> FamilyMember:
    creating = member.pk is None
    save_versioned(member)
    audit.record(
        audit.Action.CREATE if creating else audit.Action.UPDATE,
        by=by,
        obj=member,
        request=request,
        fields=fields,
    )
    return member


@transaction.atomic
def archive_family_member(*, by: User, member: FamilyMember, request=None) -> FamilyMember:
    member.is_archived = True
    member.save()
    audit.record(audit.Action.ARCHIVE, by=by, obj=member, request=request)
    return member


@transaction.atomic
def record_tracing_attempt(
    *, by: User, client: Client, data: dict, request=None
) -> FamilyTracingAttempt:
    attempt = FamilyTracingAttempt.objects.create(client=client, recorded_by=by, **data)
    if client.family_tracing_status != attempt.status_after:
        client.family_tracing_status = attempt.status_after
        client.save()
    audit.record(audit.Action.CREATE, by=by, obj=attempt, request=request, fields=data)
    return attempt


# --- Documents ---------------------------------------------------------------------------------


@transaction.atomic
def add_document(
    *,
    by: User,
    client: Client,
    kind: str,
    upload,
    content_type: str,
    description: str = "",
    request=None,
) -> ClientDocument:
    """Store an already validated upload under a generated name (never the user's)."""
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[content_type]
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = ClientDocument(
        client=client,
        kind=kind,
        description=description,
        original_name=_safe_display_name(upload.name),
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=by,
    )
    document.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    document.save()
    audit.record(audit.Action.CREATE, by=by, obj=document, request=request, fields=["file", "kind"])
    return document


def _safe_display_name(name: str) -> str:
    """The uploaded file's own name, for display only: no folders, no control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    return cleaned.strip(" .")[:200] or "dokumen"


@transaction.atomic
def archive_document(*, by: User, document: ClientDocument, request=None) -> ClientDocument:
    document.is_archived = True
    document.save()
    audit.record(audit.Action.ARCHIVE, by=by, obj=document, request=request)
    return document


# --- Consent -------------------------------------------------------------------------------------


@transaction.atomic
def record_consent(*, by: User, client: Client, data: dict, request=None) -> Consent:
    consent = Consent.objects.create(client=client, recorded_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=consent, request=request, fields=data)
    return consent


@transaction.atomic
def withdraw_consent(
    *, by: User, consent: Consent, withdrawn_on: date, reason: str, request=None
) -> Consent:
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_reason = reason
    consent.save()
    audit.record(
        audit.Action.UPDATE,
        by=by,
        obj=consent,
        request=request,
        fields=["withdrawn_on", "withdrawal_reason"],
    )
    return consent


def has_consent(client: Client, purpose: str, on: date | None = None) -> bool:
    """Whether a consent for `purpose` is in force on `on` (today by default)."""
    return _consents_in_force(purpose, on).filter(client=client).exists()


def clients_with_consent(client_ids, purpose: str, on: date | None = None) -> set[int]:
    """Of `client_ids`, those with a consent for `purpose` in force on `on`: has_consent
    for a whole attendance list in one query."""
    in_force = _consents_in_force(purpose, on).filter(client_id__in=list(client_ids))
    return set(in_force.values_list("client_id", flat=True))


def _consents_in_force(purpose: str, on: date | None):
    on = on or timezone.localdate()
    return Consent.objects.filter(purpose=purpose, given_on__lte=on).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
    )


def missing_documents(client: Client, documents) -> list:
    """The identity papers the centre should help this client obtain (display labels)."""
    have = {d.kind for d in documents if not d.is_archived}
    missing = []
    adult = client.age is None or client.age >= 17
    if adult and not client.nik and ClientDocument.Kind.KTP not in have:
        missing.append(ClientDocument.Kind.KTP.label)
    if not client.kk_number and ClientDocument.Kind.KK not in have:
        missing.append(ClientDocument.Kind.KK.label)
    if ClientDocument.Kind.BIRTH_CERTIFICATE not in have:
        missing.append(ClientDocument.Kind.BIRTH_CERTIFICATE.label)
    return missing


@transaction.atomic
def add_category(
    *, by: User, category: PPKSCategory, centre: Centre, clusters=(), request=None
) -> PPKSCategory:
    """A centre's own PPKS category, after the ministry's list, and the clusters it falls
    into."""
    category.centre = centre
    category.sort_order = 200
    category.save()
    category.clusters.set(clusters)
    audit.record(
        audit.Action.CREATE,
        by=by,
        obj=category,
        request=request,
        fields=["code", "name_id", "name_en"],
    )
    return category
