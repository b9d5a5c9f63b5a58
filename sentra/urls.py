from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from sentra import mfa_views, views
from sentra.home import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/mfa/setup/", mfa_views.mfa_setup, name="mfa-setup"),
    path("accounts/mfa/verify/", mfa_views.mfa_verify, name="mfa-verify"),
    path("accounts/login/", views.login, name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    # The language switch must also work on the login page.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("clients/", include("clients.urls")),
    path("cases/", include("casework.urls")),
    path("assessments/", include("assessments.urls")),
    path("residence/", include("residence.urls")),
    path("activities/", include("activities.urls")),
    path("reports/", include("reports.urls")),
    path("privacy/", include("privacy.urls")),
    path("staff/", views.staff_list, name="staff-list"),
    path("staff/new/", views.staff_create, name="staff-create"),
    path("staff/<uuid:public_id>/edit/", views.staff_edit, name="staff-edit"),
    path("staff/<uuid:public_id>/password/", views.staff_password, name="staff-password"),
    path(
        "staff/grants/<uuid:public_id>/<str:decision>/",
        views.role_grant_decide,
        name="role-grant-decide",
    ),
    path("centre/settings/", views.centre_settings, name="centre-settings"),
    path("audit/", views.audit_list, name="audit-list"),
    path("admin/", admin.site.urls),
]
