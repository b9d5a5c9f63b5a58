from django.urls import path

from casework.views import cases, conferences, delivery, plans

app_name = "casework"

urlpatterns = [
    path("", cases.case_list, name="case-list"),
    path("reassign/", cases.case_reassign, name="case-reassign"),
    path("open/<uuid:client_id>/", cases.case_open, name="case-open"),
    path("<uuid:public_id>/", cases.case_detail, name="case-detail"),
    path("<uuid:public_id>/edit/", cases.case_edit, name="case-edit"),
    path("<uuid:public_id>/move/", cases.case_move, name="case-move"),
    path("<uuid:public_id>/notes/new/", cases.note_add, name="note-add"),
    path("<uuid:public_id>/notes/<uuid:note_id>/edit/", cases.note_edit, name="note-edit"),
    path("<uuid:public_id>/notes/<uuid:note_id>/history/", cases.note_history, name="note-history"),
    path("<uuid:public_id>/tasks/new/", cases.task_add, name="task-add"),
    path("<uuid:public_id>/tasks/<uuid:task_id>/done/", cases.task_done, name="task-done"),
    path("<uuid:public_id>/plans/", plans.case_plans, name="plan-list"),
    path("<uuid:public_id>/plans/new/", plans.plan_start, name="plan-start"),
    path("plans/<uuid:public_id>/", plans.plan_detail, name="plan-detail"),
    path("plans/<uuid:public_id>/edit/", plans.plan_edit, name="plan-edit"),
    path("<uuid:public_id>/services/", delivery.case_services, name="case-services"),
    path("<uuid:public_id>/referrals/", delivery.case_referrals, name="case-referrals"),
    path("referrals/<uuid:public_id>/move/", delivery.referral_move, name="referral-move"),
    path("<uuid:public_id>/monitoring/", delivery.case_monitoring, name="case-monitoring"),
    path("<uuid:public_id>/termination/", delivery.case_termination, name="case-termination"),
    path("<uuid:public_id>/aftercare/", delivery.case_aftercare, name="case-aftercare"),
    path("follow-ups/<uuid:public_id>/done/", delivery.follow_up_done, name="follow-up-done"),
    path("groups/", delivery.group_list, name="group-list"),
    path("groups/new/", delivery.group_create, name="group-create"),
    path("groups/<uuid:public_id>/", delivery.group_detail, name="group-detail"),
    path("partners/", delivery.partner_list, name="partner-list"),
    path("partners/<uuid:public_id>/", delivery.partner_edit, name="partner-edit"),
    path("service-types/", delivery.service_type_list, name="service-type-list"),
    path("reviews/", plans.review_queue, name="review-queue"),
    path("reviews/<uuid:public_id>/decide/", plans.review_decide, name="review-decide"),
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
]
