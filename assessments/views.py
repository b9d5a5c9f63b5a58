import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import charts, schema, services
from assessments.forms import (
    AnswerForm,
    ContributorForm,
    InstrumentImportForm,
    StartAssessmentForm,
)
from assessments.models import Assessment, Instrument, InstrumentKind
from sentra import access, audit
from sentra.versioning import EditConflict


@require_GET
def case_assessments(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    assessments = case.assessments.select_related("instrument", "started_by", "submitted_by")
    return render(
        request,
        "assessments/case_assessments.html",
        {
            "case": case,
            "assessments": assessments,
            "start_form": StartAssessmentForm(centre=case.centre)
            if access.can_change_cases(request.user) and case.is_open
            else None,
        },
    )


@require_POST
def assessment_start(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    form = StartAssessmentForm(request.POST, centre=case.centre)
    if not form.is_valid():
        messages.error(request, _("Choose an instrument."))
        return redirect("assessments:case-list", public_id=case.public_id)
    assessment = services.start_assessment(
        by=request.user, case=case, instrument=form.cleaned_data["instrument"], request=request
    )
    return redirect("assessments:detail", public_id=assessment.public_id)


def _answered(assessment: Assessment) -> list[dict]:
    """Sections with the questions that were shown and answered, for reading."""
    definition = assessment.instrument.definition
    by_section = _contributors_by_section(assessment)
    sections = []
    for section in definition["sections"]:
        rows = []
        for question in section["questions"]:
            if question["key"] not in assessment.answers:
                continue
            value = assessment.answers[question["key"]]
            labels = {c["value"]: schema.text(c["label"]) for c in question.get("choices", [])}
            labels.update({"yes": _("Yes"), "no": _("No")})
            if isinstance(value, list):
                shown = ", ".join(str(labels.get(v, v)) for v in value)
            else:
                shown = labels.get(value, value) if isinstance(value, str) else value
            rows.append({"label": schema.text(question["label"]), "value": shown})
        if rows:
            sections.append(
                {
                    "title": schema.text(section.get("title", {})),
                    "rows": rows,
                    "contributors": by_section.get(section["key"], []),
                }
            )
    return sections


def _contributors_by_section(assessment: Assessment) -> dict[str, list]:
    by_section: dict[str, list] = {}
    for contributor in assessment.contributors.all():
        for key in contributor.sections:
            by_section.setdefault(key, []).append(contributor)
    return by_section


def _can_add_contributor(user, assessment: Assessment) -> bool:
    return access.can_change_cases(user) and assessment.case.is_open


@require_http_methods(["GET", "POST"])
def contributor_add(request, public_id):
    """Name a colleague of another profession and the sections they assessed."""
    assessment = access.get_assessment_for_user(request.user, public_id)
    access.require(_can_add_contributor(request.user, assessment))
    form = ContributorForm(request.POST or None, definition=assessment.instrument.definition)
    if request.method == "POST" and form.is_valid():
        services.add_contributor(
            by=request.user,
            assessment=assessment,
            data=form.cleaned_data,
            request=request,
        )
        messages.success(request, _("Contributor recorded."))
        return redirect("assessments:detail", public_id=assessment.public_id)
    return render(
        request,
        "assessments/contributor_form.html",
        {"assessment": assessment, "case": assessment.case, "form": form},
    )


@require_http_methods(["GET", "POST"])
def assessment_detail(request, public_id):
    assessment = access.get_assessment_for_user(request.user, public_id)
    can_edit = (
        not assessment.is_submitted
        and access.can_change_cases(request.user)
        and assessment.case.is_open
    )
    if request.method == "POST":
        access.require(can_edit)
    form = None
    if can_edit:
        definition = assessment.instrument.definition
        form = AnswerForm(
            request.POST or None,
            definition=definition,
            answers=assessment.answers,
            assessment=assessment,
        )
        if request.method == "POST" and form.is_valid():
            submit = "submit" in request.POST
            try:
                services.save_answers(
                    by=request.user,
                    assessment=assessment,
                    raw=form.raw_answers(),
                    submit=submit,
                    read_version=form.read_version,
                    request=request,
                )
            except EditConflict as conflict:
                form.show_conflict(conflict)
            except services.AnswersInvalid as invalid:
                form.add_answer_errors(invalid.errors_by_question)
                messages.error(request, _("Some answers need attention; nothing was lost."))
            else:
                messages.success(
                    request,
                    _("Assessment submitted.")
                    if submit
                    else _("Draft saved. You can continue later."),
                )
                return redirect("assessments:detail", public_id=assessment.public_id)
    if request.method == "GET" and not can_edit:
        audit.record_view(request, assessment)
    domains = {d["key"]: schema.text(d["label"]) for d in assessment.instrument.domains}
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "case": assessment.case,
            "form": form,
            "answered": _answered(assessment),
            "scores": [(domains.get(k, k), v) for k, v in assessment.scores.items()],
            "amendments": assessment.amendments.select_related("started_by"),
            "contributors": assessment.contributors.all(),
            "can_add_contributor": _can_add_contributor(request.user, assessment),
            "can_amend": assessment.is_submitted
            and access.can_change_cases(request.user)
            and assessment.case.is_open,
        },
        status=409 if form is not None and form.conflict else 200,
    )


@require_POST
def assessment_amend(request, public_id):
    original = access.get_assessment_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    try:
        amendment = services.amend_assessment(by=request.user, original=original, request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("assessments:detail", public_id=original.public_id)
    messages.info(
        request, _("Amendment started from the submitted answers; the original is kept unchanged.")
    )
    return redirect("assessments:detail", public_id=amendment.public_id)


@require_GET
def client_progress(request, public_id):
    """Wellbeing scores of a client over time, across all their cases."""
    client = access.get_client_for_user(request.user, public_id)
    scored = list(
        Assessment.objects.visible_to(request.user)
        .submitted()
        .filter(case__client=client, instrument__kind=InstrumentKind.WELLBEING)
        .select_related("instrument", "case")
        .order_by("submitted_at")
    )
    domains = scored[-1].instrument.domains if scored else []
    points = [(timezone.localdate(a.submitted_at), a.scores) for a in scored]
    # The chart is built with format_html: every label and key in it is escaped.
    svg = charts.wellbeing_chart(points, domains) if scored else ""
    audit.record_view(request, client)
    return render(
        request,
        "assessments/client_progress.html",
        {
            "client": client,
            "svg": svg,
            "scored": scored,
            "domains": [(d["key"], schema.text(d["label"])) for d in domains],
        },
    )


# --- Instruments (admins) ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def instrument_list(request):
    access.require(access.can_manage_instruments(request.user))
    form = InstrumentImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = services.parse_definition(form.cleaned_data["raw"])
            instrument = services.import_instrument(
                by=request.user, data=data, publish=form.cleaned_data["publish"], request=request
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Imported as version %(version)s.") % {"version": instrument.version}
            )
            return redirect("assessments:instrument-list")
    instruments = Instrument.objects.visible_to(request.user).select_related("centre")
    return render(
        request,
        "assessments/instrument_list.html",
        {
            "instruments": [
                (i, access.can_change_instrument(request.user, i)) for i in instruments
            ],
            "form": form,
        },
    )


@require_GET
def instrument_detail(request, code, version):
    access.require(access.can_manage_instruments(request.user))
    instrument = access.get_instrument_for_user(request.user, code, version)
    return render(
        request,
        "assessments/instrument_detail.html",
        {
            "instrument": instrument,
            "preview": AnswerForm(definition=instrument.definition),
        },
    )


@require_GET
def instrument_export(request, code, version):
    access.require(access.can_manage_instruments(request.user))
    instrument = access.get_instrument_for_user(request.user, code, version)
    body = json.dumps(services.export_instrument(instrument), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{code}-v{version}.json"'
    return response


@require_POST
def instrument_publish(request, code, version):
    access.require(access.can_manage_instruments(request.user))
    instrument = access.get_instrument_for_user(request.user, code, version)
    access.require(access.can_change_instrument(request.user, instrument))
    try:
        services.publish_instrument(by=request.user, instrument=instrument, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Published; earlier versions are retired."))
    return redirect("assessments:instrument-list")


@require_POST
def instrument_retire(request, code, version):
    access.require(access.can_manage_instruments(request.user))
    instrument = access.get_instrument_for_user(request.user, code, version)
    access.require(access.can_change_instrument(request.user, instrument))
    services.retire_instrument(by=request.user, instrument=instrument, request=request)
    messages.success(request, _("Retired: it can no longer be used for new assessments."))
    return redirect("assessments:instrument-list")
