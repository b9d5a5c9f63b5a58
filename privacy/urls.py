from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("clients/<uuid:public_id>/", views.client_privacy, name="client"),
    path("clients/<uuid:public_id>/restrictions/", views.restriction_add, name="restriction-add"),
    path(
        "clients/<uuid:public_id>/restrictions/<uuid:restriction_id>/lift/",
        views.restriction_lift,
        name="restriction-lift",
    ),
    path("clients/<uuid:public_id>/requests/", views.access_request_add, name="request-add"),
    path("requests/", views.access_request_list, name="requests"),
    path(
        "requests/<uuid:public_id>/approve/", views.access_request_approve, name="request-approve"
    ),
    path("requests/<uuid:public_id>/refuse/", views.access_request_refuse, name="request-refuse"),
    path("retention/", views.retention_settings, name="retention"),
    path("retention/run/", views.retention_run, name="retention-run"),
    path("processing/", views.processing_register, name="processing"),
    path("breaches/", views.breach_list, name="breach-list"),
    path("breaches/new/", views.breach_create, name="breach-create"),
    path("breaches/<uuid:public_id>/", views.breach_edit, name="breach-edit"),
]
