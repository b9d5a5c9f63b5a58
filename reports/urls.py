from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("case/<uuid:public_id>/", views.request_case_report, name="request-case"),
    path("certificate/<uuid:public_id>/", views.request_certificate, name="request-certificate"),
    path("runs/<uuid:public_id>/status/", views.run_status, name="run-status"),
    path("runs/<uuid:public_id>/download/", views.run_download, name="run-download"),
    path("runs/<uuid:public_id>/regenerate/", views.run_regenerate, name="run-regenerate"),
]
