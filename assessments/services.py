"""Doing assessments and keeping instruments. Every change is audited."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import schema, validation
from assessments.models import Assessment, Contributor, Instrument, InstrumentKind
from clients.models import TracingStatus
from clients.services import record_tracing_attempt
from sentra import audit
from sentra.models import User
from sentra.versioning import save_versioned

SHIPPED = Path(__file__).resolve().parent / "instruments"


class AnswersInvalid(ValidationError):
    def __init__(self, errors: dict):
        super().__init__(_("Some answers need attention."))
        self.errors_by_question = errors


@transaction.atomic
def start_assessment(*, by: User, case, instrument: Instrument, request=None) -> Assessment:
    if instrument.status != Instrument.Status.PUBLISHED:
        raise ValidationError(_("This instrument is not in use."))
    assessment = Assessment.objects.create(
        case=case,
        instrument=instrument,
        started_by=by,
        answers=prefilled_answers(instrument.definition, case.client),
    )
    audit.record(audit.Action.CREATE, by=by, obj=assessment, request=request)
    return assessment


def prefilled_answers(definition: dict, client) -> dict:
    """Answers the registry already knows, for questions marked "prefill": the client's age
    group and ATENSI clusters (the cluster modules are shown by them). The worker can
    change them."""
    known: dict = {}
    age = client.age
    if age is not None:
        known["client_age_group"] = "child" if age < 18 else ("elderly" if age >= 60 else "adult")
    known["client_clusters"] = [c.code for c in client.atensi_clusters()]
    answers = {}
    for question in schema.questions(definition):
        value = known.get(question.get("prefill", ""))
        allowed = [c["value"] for c in question.get("choices", [])]
        if isinstance(value, list):
            value = [v for v in value if v in allowed] or None
        elif value not in allowed:
            value = None
        if value:
            answers[question["key"]] = value
    return answers


@transaction.atomic
def save_answers(
    *,
    by: User,
    assessment: Assessment,
    raw: dict,
    submit: bool,
    read_version: int | None = None,
    request=None,
) -> Assessment:
    """Save a draft (partial answers allowed) or submit (complete, then read-only).
    `read_version` is the draft's version when the form was opened (see sentra.versioning)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    assessment._read_version = read_version  # type: ignore[attr-defined]
    if assessment.is_submitted:
        raise ValidationError(_("A submitted assessment cannot be changed; amend it instead."))
    answers, errors = schema.clean_answers(assessment.instrument.definition, raw, complete=submit)
    if errors:
        raise AnswersInvalid(errors)
    assessment.answers = answers
    if submit:
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_by = by
        assessment.submitted_at = timezone.now()
        assessment.scores = schema.compute_scores(assessment.instrument.definition, answers)
    save_versioned(assessment)
    if submit and assessment.instrument.kind == InstrumentKind.FAMILY_TRACING:
        _log_tracing_result(by=by, assessment=assessment, request=request)
    audit.record(
        audit.Action.UPDATE,
        by=by,
        obj=assessment,
        request=request,
        fields=["status"] if submit else ["answers"],
    )
    return assessment


# The family-tracing instrument's "result" answer -> the client's tracing status.
TRACING_RESULTS = {
    "found": TracingStatus.FOUND,
    "not_found": TracingStatus.NOT_FOUND,
    "in_progress": TracingStatus.SEARCHING,
}


def _log_tracing_result(*, by: User, assessment: Assessment, request=None) -> None:
    """A submitted family tracing is an attempt in the client's tracing log, and its result
    becomes the client's tracing status."""
    answers = assessment.answers
    status = TRACING_RESULTS.get(answers.get("result"))
    if status is None:
        return
    definition = assessment.instrument.definition
    sources = {
        c["value"]: schema.text(c["label"])
        for q in schema.questions(definition)
        if q["key"] == "sources"
        for c in q.get("choices", [])
    }
    method = ", ".join(sources.get(v, v) for v in answers.get("sources", []))
    record_tracing_attempt(
        by=by,
        client=assessment.case.client,
        data={
            "attempted_on": answers.get("last_attempt") or timezone.localdate(),
            "method": (method or assessment.instrument.name)[:200],
            "result": answers.get("notes")
            or _("Recorded with the instrument %(name)s.") % {"name": assessment.instrument},
            "status_after": status,
        },
        request=request,
    )


@transaction.atomic
def amend_assessment(*, by: User, original: Assessment, request=None) -> Assessment:
    """A correction: a new draft with the original's answers; the original stays as it was."""
    if not original.is_submitted:
        raise ValidationError(_("Only a submitted assessment can be amended."))
    amendment = Assessment.objects.create(
        case=original.case,
        instrument=original.instrument,
        answers=dict(original.answers),
        amends=original,
        started_by=by,
    )
    audit.record(audit.Action.CREATE, by=by, obj=amendment, request=request, fields=["amends"])
    return amendment


def has_submitted(case, kind: str) -> bool:
    return case.assessments.submitted().filter(instrument__kind=kind).exists()


@transaction.atomic
def add_contributor(*, by: User, assessment: Assessment, data: dict, request=None) -> Contributor:
    """Attribute sections of an assessment to a colleague of another profession."""
    known = {section["key"] for section in assessment.instrument.definition["sections"]}
    if not data.get("sections") or not set(data["sections"]) <= known:
        raise ValidationError(_("Choose sections of this instrument."))
    contributor = Contributor.objects.create(assessment=assessment, recorded_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=contributor, request=request, fields=list(data))
    return contributor


# --- Instruments ----------------------------------------------------------------------------


def parse_definition(raw: str) -> dict:
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as error:
        # RecursionError: deeply nested brackets, a way to crash a naive parser.
        raise ValidationError(_("This is not valid JSON: %(error)s") % {"error": error}) from None
    if not isinstance(data, dict):
        raise ValidationError(_("The file must hold one instrument object."))
    return data


@transaction.atomic
def import_instrument(
    *, by: User | None, data: dict, publish: bool = False, request=None
) -> Instrument:
    """Add `data` (an exported instrument) as the next version of its code.

    A superuser's import (or the shipped instruments, `by=None`) is national: every centre
    sees it. A centre admin's import belongs to their centre and is seen only there; a code
    belongs to one owner, so a centre can never add a version of a national instrument or
    of another centre's."""
    errors = validation.check_instrument(data)
    if errors:
        raise ValidationError(errors)
    centre_id = None if by is None or by.is_superuser else by.centre_id
    if by is not None and not by.is_superuser and centre_id is None:
        raise ValidationError(_("Only staff of a centre can import instruments."))
    owners = set(Instrument.objects.filter(code=data["code"]).values_list("centre_id", flat=True))
    if owners and owners != {centre_id}:
        raise ValidationError(
            _("The code %(code)s belongs to another centre or to the national instruments.")
            % {"code": data["code"]}
        )
    latest = Instrument.objects.filter(code=data["code"]).aggregate(v=Max("version"))["v"] or 0
    instrument = Instrument.objects.create(
        code=data["code"],
        centre_id=centre_id,
        version=latest + 1,
        kind=data["kind"],
        name_id=data["name_id"],
        name_en=data["name_en"],
        definition=data["definition"],
    )
    if by is not None:
        audit.record(audit.Action.CREATE, by=by, obj=instrument, request=request)
    if publish:
        publish_instrument(by=by, instrument=instrument, request=request)
    return instrument


@transaction.atomic
def publish_instrument(*, by: User | None, instrument: Instrument, request=None) -> Instrument:
    """Publish this version; earlier published versions of the code are retired."""
    errors = validation.check_definition(instrument.definition)
    if errors:
        raise ValidationError(errors)
    Instrument.objects.filter(code=instrument.code, status=Instrument.Status.PUBLISHED).exclude(
        pk=instrument.pk
    ).update(status=Instrument.Status.RETIRED)
    instrument.status = Instrument.Status.PUBLISHED
    instrument.published_at = timezone.now()
    instrument.save()
    if by is not None:
        audit.record(audit.Action.UPDATE, by=by, obj=instrument, request=request, fields=["status"])
    return instrument


@transaction.atomic
def retire_instrument(*, by: User, instrument: Instrument, request=None) -> Instrument:
    instrument.status = Instrument.Status.RETIRED
    instrument.save()
    audit.record(audit.Action.UPDATE, by=by, obj=instrument, request=request, fields=["status"])
    return instrument


def export_instrument(instrument: Instrument) -> dict:
    return {
        "code": instrument.code,
        "version": instrument.version,
        "kind": instrument.kind,
        "name_id": instrument.name_id,
        "name_en": instrument.name_en,
        "definition": instrument.definition,
    }


def load_shipped_instruments() -> int:
    """Publish the instruments in assessments/instruments/ that are not loaded yet: a file
    whose definition no version of its code has becomes the next version (files sort so
    that an older version, e.g. comprehensive-v1.json, comes before the current one).
    Idempotent."""
    loaded = 0
    for path in sorted(SHIPPED.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if Instrument.objects.filter(code=data["code"], definition=data["definition"]).exists():
            continue
        import_instrument(by=None, data=data, publish=True)
        loaded += 1
    return loaded
