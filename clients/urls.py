from django.urls import path

from clients.views import national, records, registry

app_name = "clients"

urlpatterns = [
    path("", registry.client_list, name="list"),
    path("search/clear/", registry.client_search_clear, name="search-clear"),
    path("register/", registry.client_register, name="register"),
    path("regions/", registry.regions, name="regions"),
    path("categories/", registry.category_list, name="categories"),
    path("<uuid:public_id>/", registry.client_detail, name="detail"),
    path("<uuid:public_id>/edit/", registry.client_edit, name="edit"),
    path("<uuid:public_id>/archive/", registry.client_archive, name="archive"),
    path("<uuid:public_id>/restore/", registry.client_restore, name="restore"),
    path("<uuid:public_id>/history/", registry.client_history, name="history"),
    path("<uuid:public_id>/family/new/", records.family_edit, name="family-add"),
    path("<uuid:public_id>/family/<uuid:member_id>/", records.family_edit, name="family-edit"),
    path(
        "<uuid:public_id>/family/<uuid:member_id>/archive/",
        records.family_archive,
        name="family-archive",
    ),
    path("<uuid:public_id>/national/", national.national_edit, name="national-edit"),
    path("<uuid:public_id>/assistance/new/", national.assistance_edit, name="assistance-add"),
    path(
        "<uuid:public_id>/assistance/<uuid:assistance_id>/",
        national.assistance_edit,
        name="assistance-edit",
    ),
    path(
        "<uuid:public_id>/assistance/<uuid:assistance_id>/archive/",
        national.assistance_archive,
        name="assistance-archive",
    ),
    path("<uuid:public_id>/tracing/new/", records.tracing_add, name="tracing-add"),
    path("<uuid:public_id>/documents/new/", records.document_add, name="document-add"),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/",
        records.document_download,
        name="document-download",
    ),
    path(
        "<uuid:public_id>/documents/<uuid:document_id>/archive/",
        records.document_archive,
        name="document-archive",
    ),
    path("<uuid:public_id>/consents/new/", records.consent_add, name="consent-add"),
    path(
        "<uuid:public_id>/consents/<uuid:consent_id>/withdraw/",
        records.consent_withdraw,
        name="consent-withdraw",
    ),
]
