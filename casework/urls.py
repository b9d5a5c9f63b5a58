from django.urls import path

from casework import views

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("reassign/", views.case_reassign, name="case-reassign"),
    path("open/<uuid:client_id>/", views.case_open, name="case-open"),
    path("<uuid:public_id>/", views.case_detail, name="case-detail"),
    path("<uuid:public_id>/edit/", views.case_edit, name="case-edit"),
    path("<uuid:public_id>/move/", views.case_move, name="case-move"),
    path("<uuid:public_id>/notes/new/", views.note_add, name="note-add"),
    path("<uuid:public_id>/notes/<uuid:note_id>/edit/", views.note_edit, name="note-edit"),
    path("<uuid:public_id>/notes/<uuid:note_id>/history/", views.note_history, name="note-history"),
    path("<uuid:public_id>/tasks/new/", views.task_add, name="task-add"),
    path("<uuid:public_id>/tasks/<uuid:task_id>/done/", views.task_done, name="task-done"),
]
