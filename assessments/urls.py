from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("case/<uuid:public_id>/", views.case_assessments, name="case-list"),
    path("case/<uuid:public_id>/start/", views.assessment_start, name="start"),
    path("progress/<uuid:public_id>/", views.client_progress, name="client-progress"),
    path("instruments/", views.instrument_list, name="instrument-list"),
    path(
        "instruments/<slug:code>/v<int:version>/", views.instrument_detail, name="instrument-detail"
    ),
    path(
        "instruments/<slug:code>/v<int:version>/export/",
        views.instrument_export,
        name="instrument-export",
    ),
    path(
        "instruments/<slug:code>/v<int:version>/publish/",
        views.instrument_publish,
        name="instrument-publish",
    ),
    path(
        "instruments/<slug:code>/v<int:version>/retire/",
        views.instrument_retire,
        name="instrument-retire",
    ),
    path("<uuid:public_id>/", views.assessment_detail, name="detail"),
    path("<uuid:public_id>/amend/", views.assessment_amend, name="amend"),
    path("<uuid:public_id>/contributors/new/", views.contributor_add, name="contributor-add"),
]
