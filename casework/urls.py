from django.urls import path

from casework.views import (
    aftercare,
    cases,
    conferences,
    groups,
    monitoring,
    notes,
    participation,
    partners,
    plans,
    referrals,
    reviews,
    service_records,
    termination,
)

app_name = "casework"

urlpatterns = [
    path("", cases.case_list, name="case-list"),
    path("reassign/", cases.case_reassign, name="case-reassign"),
    path("open/<uuid:client_id>/", cases.case_open, name="case-open"),
    path("<uuid:public_id>/", cases.case_detail, name="case-detail"),
    path("<uuid:public_id>/edit/", cases.case_edit, name="case-edit"),
    path("<uuid:public_id>/move/", cases.case_move, name="case-move"),
    path("<uuid:public_id>/notes/new/", notes.note_add, name="note-add"),
    path("<uuid:public_id>/notes/<uuid:note_id>/edit/", notes.note_edit, name="note-edit"),
    path("<uuid:public_id>/notes/<uuid:note_id>/history/", notes.note_history, name="note-history"),
    path("<uuid:public_id>/tasks/new/", notes.task_add, name="task-add"),
    path("<uuid:public_id>/tasks/<uuid:task_id>/done/", notes.task_done, name="task-done"),
    path("<uuid:public_id>/plans/", plans.case_plans, name="plan-list"),
    path("<uuid:public_id>/plans/new/", plans.plan_start, name="plan-start"),
    path("plans/<uuid:public_id>/", plans.plan_detail, name="plan-detail"),
    path("plans/<uuid:public_id>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<uuid:public_id>/views/new/", participation.plan_view_add, name="plan-view-add"),
    path("<uuid:public_id>/services/", service_records.case_services, name="case-services"),
    path(
        "<uuid:public_id>/services/<uuid:service_id>/receipt/",
        service_records.service_receipt,
        name="service-receipt",
    ),
    path("<uuid:public_id>/referrals/", referrals.case_referrals, name="case-referrals"),
    path("referrals/<uuid:public_id>/move/", referrals.referral_move, name="referral-move"),
    path("<uuid:public_id>/monitoring/", monitoring.case_monitoring, name="case-monitoring"),
    path("<uuid:public_id>/termination/", termination.case_termination, name="case-termination"),
    path("<uuid:public_id>/aftercare/", aftercare.case_aftercare, name="case-aftercare"),
    path("follow-ups/<uuid:public_id>/done/", aftercare.follow_up_done, name="follow-up-done"),
    path("groups/", groups.group_list, name="group-list"),
    path("groups/new/", groups.group_create, name="group-create"),
    path("groups/<uuid:public_id>/", groups.group_detail, name="group-detail"),
    path("partners/", partners.partner_list, name="partner-list"),
    path("partners/<uuid:public_id>/", partners.partner_edit, name="partner-edit"),
    path("service-types/", service_records.service_type_list, name="service-type-list"),
    path("reviews/", reviews.review_queue, name="review-queue"),
    path("reviews/<uuid:public_id>/decide/", reviews.review_decide, name="review-decide"),
    path("conferences/", conferences.conference_list, name="conference-list"),
    path("conferences/new/", conferences.conference_schedule, name="conference-schedule"),
    path("conferences/<uuid:public_id>/", conferences.conference_detail, name="conference-detail"),
    path(
        "conferences/<uuid:public_id>/external/",
        conferences.conference_add_external,
        name="conference-add-external",
    ),
    path(
        "conferences/<uuid:public_id>/amend/", conferences.conference_amend, name="conference-amend"
    ),
    path(
        "conferences/<uuid:public_id>/people/",
        participation.conference_add_person,
        name="conference-add-person",
    ),
]
