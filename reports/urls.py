from django.urls import path

from reports import views, views_letters

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("case/<uuid:public_id>/", views.request_case_report, name="request-case"),
    path("certificate/<uuid:public_id>/", views.request_certificate, name="request-certificate"),
    path("runs/<uuid:public_id>/status/", views.run_status, name="run-status"),
    path("runs/<uuid:public_id>/download/", views.run_download, name="run-download"),
    path("runs/<uuid:public_id>/regenerate/", views.run_regenerate, name="run-regenerate"),
    path("letters/case/<uuid:public_id>/", views_letters.case_letters, name="case-letters"),
    path("letters/<uuid:public_id>/reprint/", views_letters.letter_reprint, name="letter-reprint"),
    path("letters/<uuid:public_id>/cancel/", views_letters.letter_cancel, name="letter-cancel"),
    path("letters/verify/", views_letters.letter_verify, name="letter-verify"),
]
