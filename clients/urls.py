from django.urls import path

from clients import views

app_name = "clients"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("search/clear/", views.client_search_clear, name="search-clear"),
    path("register/", views.client_register, name="register"),
    path("regions/", views.regions, name="regions"),
    path("categories/", views.category_list, name="categories"),
    path("<uuid:public_id>/", views.client_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.client_edit, name="edit"),
    path("<uuid:public_id>/archive/", views.client_archive, name="archive"),
    path("<uuid:public_id>/restore/", views.client_restore, name="restore"),
    path("<uuid:public_id>/history/", views.client_history, name="history"),
    path("<uuid:public_id>/family/new/", views.family_edit, name="family-add"),
    path("<uuid:public_id>/family/<uuid:member_id>/", views.family_edit, name="family-edit"),
    path(
        "<uuid:public_id>/family/<uuid:member_id>/archive/",
        views.family_archive,
        name="family-archive",
    ),
    path("<uuid:public_id>/tracing/new/", views.tracing_add, name="tracing-add"),
    path("<uuid:public_id>/documents/new/", views.document_add, name="document-add"),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/",
        views.document_download,
        name="document-download",
    ),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/archive/",
        views.document_archive,
        name="document-archive",
    ),
    path("<uuid:public_id>/consents/new/", views.consent_add, name="consent-add"),
    path(
        "<uuid:public_id>/consents/<uuid:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
]
