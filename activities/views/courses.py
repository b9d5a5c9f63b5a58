"""Vocational courses: the list, a course's page (curriculum, participants, progress),
its modules, enrolment, sessions and the evaluation of a module in one screen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.forms.courses import CourseForm, EnrolForm, EvaluationForm, ModuleForm
from activities.forms.sessions import CourseSessionForm
from activities.models import ActivityKind, Attendance, Course, Enrolment
from activities.reference import COURSE_SESSION
from activities.services.activities import create_activity
from activities.services.courses import (
    add_module,
    enrol_cases,
    enrolment_candidates,
    record_module_evaluations,
    save_course,
)
from activities.services.rows import RowConflicts
from sentra import access
from sentra.lists import paginate
from sentra.versioning import EditConflict


@require_GET
def course_list(request):
    courses = (
        Course.objects.visible_to(request.user)
        .select_related("instructor_staff")
        .annotate(
            participants=Count(
                "enrolments", filter=~Q(enrolments__status=Enrolment.Status.WITHDRAWN)
            )
        )
        .order_by("-starts_on", "title")
    )
    return render(
        request,
        "activities/course_list.html",
        {
            "page": paginate(request, courses),
            "today": timezone.localdate(),
            "can_record": access.can_record_activities(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def course_create(request):
    access.require(access.can_record_activities(request.user))
    form = CourseForm(request.POST or None, centre=request.user.centre)
    if request.method == "POST" and form.is_valid():
        course = save_course(
            by=request.user,
            course=form.save(commit=False),
            fields=form.changed_data,
            request=request,
        )
        messages.success(request, _("Course saved. Add its modules and participants."))
        return redirect("activities:course-detail", public_id=course.public_id)
    return render(request, "activities/course_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def course_edit(request, public_id):
    course = access.get_course_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = CourseForm(request.POST or None, instance=course, centre=course.centre)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                save_course(
                    by=request.user,
                    course=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Course saved."))
            return redirect("activities:course-detail", public_id=course.public_id)
    return render(
        request,
        "activities/course_form.html",
        {"form": form, "course": course},
        status=409 if form.conflict else 200,
    )


@require_GET
def course_detail(request, public_id):
    """The curriculum, and a grid of each participant's evaluation per module."""
    course = access.get_course_for_user(request.user, public_id)
    modules = list(course.modules.all())  # type: ignore[attr-defined]
    enrolments = list(
        course.enrolments.select_related("case", "case__client")  # type: ignore[attr-defined]
        .prefetch_related("evaluations")
        .annotate(
            present=Count(
                "case__activity_attendances",
                filter=Q(
                    case__activity_attendances__activity__course=course,
                    case__activity_attendances__status=Attendance.Status.PRESENT,
                ),
            )
        )
        .order_by("case__client__full_name")
    )
    grid = []
    for enrolment in enrolments:
        by_module = {e.module_id: e for e in enrolment.evaluations.all()}
        grid.append((enrolment, [by_module.get(m.pk) for m in modules]))
    return render(
        request,
        "activities/course_detail.html",
        {
            "course": course,
            "modules": modules,
            "total_hours": sum(m.hours for m in modules),
            "grid": grid,
            "sessions": course.sessions.select_related("module")  # type: ignore[attr-defined]
            .annotate(
                present=Count(
                    "attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)
                )
            )
            .order_by("-held_on", "-starts_at")[:20],
            "module_form": ModuleForm(),
            "can_record": access.can_record_activities(request.user),
        },
    )


@require_POST
def module_add(request, public_id):
    course = access.get_course_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = ModuleForm(request.POST)
    if form.is_valid():
        add_module(by=request.user, course=course, data=form.cleaned_data, request=request)
        messages.success(request, _("Module added."))
    else:
        for errors in form.errors.values():
            messages.error(request, errors[0])
    return redirect("activities:course-detail", public_id=course.public_id)


@require_http_methods(["GET", "POST"])
def course_enrol(request, public_id):
    course = access.get_course_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = EnrolForm(request.POST or None, candidates=enrolment_candidates(course))
    if request.method == "POST" and form.is_valid():
        try:
            enrolled = enrol_cases(
                by=request.user, course=course, cases=form.cleaned_data["cases"], request=request
            )
        except ValidationError as error:
            form.add_error("cases", error)
        else:
            messages.success(request, _("%(n)s participant(s) enrolled.") % {"n": len(enrolled)})
            return redirect("activities:course-detail", public_id=course.public_id)
    taking_part = course.enrolments.active().count()  # type: ignore[attr-defined]
    return render(
        request,
        "activities/course_enrol.html",
        {"course": course, "form": form, "room": max(course.capacity - taking_part, 0)},
    )


@require_http_methods(["GET", "POST"])
def course_session(request, public_id):
    """Record a session of the course, then take its attendance."""
    course = access.get_course_for_user(request.user, public_id)
    access.require(access.can_record_activities(request.user))
    form = CourseSessionForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in CourseSessionForm.Meta.fields}
        activity = create_activity(
            by=request.user,
            data={
                **data,
                "kind": ActivityKind.objects.get(centre=None, code=COURSE_SESSION),
                "course": course,
                "place": course.place,
                "facilitator_staff": course.instructor_staff,
                "facilitator_name": course.instructor_name,
                "facilitator_role": "instructor" if course.instructor_name else "",
                "facilitator_institution": course.instructor_institution,
            },
            request=request,
        )
        return redirect("activities:attendance", public_id=activity.public_id)
    return render(request, "activities/course_session.html", {"course": course, "form": form})


@require_http_methods(["GET", "POST"])
def module_evaluate(request, public_id, module_id):
    """Every participant's evaluation on one module, in one screen."""
    course = access.get_course_for_user(request.user, public_id)
    module = access.get_module_for_user(request.user, course, module_id)
    access.require(access.can_record_activities(request.user))
    enrolments = list(
        course.enrolments.active()  # type: ignore[attr-defined]
        .select_related("case", "case__client")
        .order_by("case__client__full_name")
    )
    existing = {e.enrolment_id: e for e in module.evaluations.all()}  # type: ignore[attr-defined]
    form = EvaluationForm(request.POST or None, enrolments=enrolments, existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            count = record_module_evaluations(
                by=request.user,
                module=module,
                marks=form.marks(),
                read=form.reads(),
                request=request,
            )
        except RowConflicts as conflict:
            form.show_conflicts(conflict)
        else:
            messages.success(request, _("%(n)s evaluation(s) saved.") % {"n": count})
            return redirect("activities:course-detail", public_id=course.public_id)
    return render(
        request,
        "activities/module_evaluate.html",
        {"course": course, "module": module, "form": form},
        status=409 if form.conflict else 200,
    )
