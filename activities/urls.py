from django.urls import path

from activities.views import activities, courses, participants, people, schedule

app_name = "activities"

urlpatterns = [
    path("", activities.activity_list, name="list"),
    path("new/", activities.activity_create, name="create"),
    path("today/", activities.today, name="today"),
    path("<uuid:public_id>/", activities.activity_detail, name="detail"),
    path("<uuid:public_id>/edit/", activities.activity_edit, name="edit"),
    path("<uuid:public_id>/attendance/", activities.activity_attendance, name="attendance"),
    path("<uuid:public_id>/photos/", activities.photo_add, name="photo-add"),
    path("<uuid:public_id>/photos/<uuid:photo_id>/", activities.photo_view, name="photo"),
    path(
        "<uuid:public_id>/photos/<uuid:photo_id>/archive/",
        activities.photo_archive,
        name="photo-archive",
    ),
    path("timetable/", schedule.timetable, name="timetable"),
    path("timetable/new/", schedule.slot_create, name="slot-create"),
    path("timetable/<uuid:public_id>/", schedule.slot_edit, name="slot-edit"),
    path("timetable/<uuid:public_id>/<str:day>/", schedule.session, name="session"),
    path("kinds/", schedule.kind_list, name="kind-list"),
    path("kinds/<uuid:public_id>/", schedule.kind_edit, name="kind-edit"),
    path("courses/", courses.course_list, name="course-list"),
    path("courses/new/", courses.course_create, name="course-create"),
    path("courses/<uuid:public_id>/", courses.course_detail, name="course-detail"),
    path("courses/<uuid:public_id>/edit/", courses.course_edit, name="course-edit"),
    path("courses/<uuid:public_id>/modules/", courses.module_add, name="module-add"),
    path("courses/<uuid:public_id>/enrol/", courses.course_enrol, name="course-enrol"),
    path("courses/<uuid:public_id>/sessions/new/", courses.course_session, name="course-session"),
    path(
        "courses/<uuid:public_id>/modules/<uuid:module_id>/evaluate/",
        courses.module_evaluate,
        name="module-evaluate",
    ),
    path("participants/<uuid:public_id>/", participants.participant, name="participant"),
    path(
        "participants/<uuid:public_id>/result/",
        participants.participant_result,
        name="participant-result",
    ),
    path(
        "participants/<uuid:public_id>/withdraw/",
        participants.participant_withdraw,
        name="participant-withdraw",
    ),
    path(
        "participants/<uuid:public_id>/certificate/",
        participants.participant_certificate,
        name="participant-certificate",
    ),
    path(
        "participants/<uuid:public_id>/package/",
        participants.participant_package,
        name="participant-package",
    ),
    path(
        "participants/<uuid:public_id>/practice/",
        participants.participant_practice,
        name="participant-practice",
    ),
    path("case/<uuid:public_id>/", people.case_activities, name="case"),
    path("case/<uuid:public_id>/summary/", people.case_summary, name="case-summary"),
    path("client/<uuid:public_id>/summary/", people.client_summary, name="client-summary"),
]
