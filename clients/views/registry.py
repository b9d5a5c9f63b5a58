"""The registry: the list and search, registering, a client's page, editing, archiving,
history, and the reference lists."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clients import identity, services
from clients.forms.identity import ClientForm, ClientRegistrationForm
from clients.forms.records import (
    ArchiveForm,
)
from clients.forms.registry import CategoryForm, ClientFilterForm, ClientSearchForm
from clients.models import Client, ClientDocument, PPKSCategory
from clients.search import find_client_ids, is_identity_number
from sentra import access, audit
from sentra.lists import paginate, paginate_by_keys, paginate_keys
from sentra.models import User
from sentra.scopes import Role, sees_whole_centre
from sentra.versioning import EditConflict

SEARCH_SESSION_KEY = "client_search"
# The session keeps a search's result, not its term: at most this many clients.
SEARCH_RESULT_LIMIT = 500


def _registry(user):
    """The existence view: every client of the user's centre, to catch duplicates."""
    return Client.objects.in_registry_of(user).select_related("registered_by", "category")


def _mark_openable(user, page, *, every_row: bool) -> None:
    """Sets `can_open` on the page's clients by the rule a client's page applies, tested
    on these rows only (`per_row`): a list never builds the worker's whole set (~3 000
    clients, 20-40 ms at national scale) to link 25 names. `every_row` when the list holds
    only openable files (the "mine" scope, or a user whose rule is the registry itself)."""
    rows = list(page.object_list)
    if every_row or not rows:
        openable = {row.pk for row in rows}
    else:
        openable = set(
            Client.objects.visible_to(user, per_row=True)
            .filter(pk__in=[row.pk for row in rows])
            .values_list("pk", flat=True)
        )
    for row in rows:
        row.can_open = row.pk in openable
    page.object_list = rows


@require_http_methods(["GET", "POST"])
def client_list(request):
    user = request.user
    if request.method == "POST":
        # Searched by POST, so the term is never in a URL (nor a proxy's log); the session
        # keeps the ids found, not the term. A NIK or KK term is not even echoed back.
        search = ClientSearchForm(request.POST)
        term = search.cleaned_data["q"].strip() if search.is_valid() else ""
        if term:
            request.session[SEARCH_SESSION_KEY] = {
                "label": "" if is_identity_number(term) else term,
                "ids": find_client_ids(_registry(user), term, SEARCH_RESULT_LIMIT),
            }
        else:
            request.session.pop(SEARCH_SESSION_KEY, None)
        return redirect(request.get_full_path())
    saved = request.session.get(SEARCH_SESSION_KEY)
    if not isinstance(saved, dict):  # nothing, or a term kept by an older version
        request.session.pop(SEARCH_SESSION_KEY, None)
        saved = None
    staff = User.objects.visible_to(user).filter(role=Role.SOCIAL_WORKER)
    default_scope = "mine" if user.is_social_worker else "all"
    filters = ClientFilterForm(
        request.GET or {"scope": default_scope}, centre=user.centre, staff=staff
    )
    clients = _registry(user)
    mine = False
    if filters.is_valid():
        data = filters.cleaned_data
        mine = (data["scope"] or default_scope) == "mine"
        if mine:
            # The rule itself (a subset of the registry), so the planner starts from the
            # worker's few thousand clients instead of testing the whole centre.
            clients = Client.objects.visible_to(user)
        if data["category"]:
            matching = Client.objects.with_category(data["category"]).values("pk")
            clients = clients.filter(pk__in=matching)
        if data["cluster"]:
            clients = clients.filter(pk__in=Client.objects.in_cluster(data["cluster"]).values("pk"))
        if data["status"]:
            clients = clients.filter(status=data["status"])
        if data["worker"]:
            clients = clients.filter(registered_by=data["worker"])
    if saved is not None:
        # In the search's own order, names that contain the term before names only similar
        # to it (clients/search.py): by date, a full name typed could sit on page 20.
        found = set(clients.filter(pk__in=saved["ids"]).values_list("pk", flat=True))
        keys = [pk for pk in saved["ids"] if pk in found]
        page = paginate_keys(request, keys, rows=_registry(user))
    elif mine and not sees_whole_centre(user):
        page = paginate_by_keys(request, clients.order_by("-registered_on", "-id"), _registry(user))
    else:
        page = paginate(request, clients.order_by("-registered_on", "-id"))
    _mark_openable(user, page, every_row=mine or sees_whole_centre(user))
    context = {
        "page": page,
        "filters": filters,
        "search": ClientSearchForm(initial={"q": saved["label"] if saved else ""}),
        "searched": saved is not None,
        "term": saved["label"] if saved else "",
        "can_register": access.can_change_clients(user),
    }
    return render(request, "clients/client_list.html", context)


@require_POST
def client_search_clear(request):
    request.session.pop(SEARCH_SESSION_KEY, None)
    return redirect("clients:list")


@require_http_methods(["GET", "POST"])
def client_register(request):
    access.require(access.can_change_clients(request.user))
    centre = request.user.centre
    form = ClientRegistrationForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name]
            for name in form.Meta.fields
            if name not in ("clusters", "other_categories")
        }
        client = services.register_client(
            by=request.user,
            centre=centre,
            data=data,
            clusters=form.cleaned_data["clusters"],
            other_categories=form.cleaned_data["other_categories"],
            request=request,
        )
        messages.success(
            request,
            _("%(name)s is registered as %(number)s. Complete the record when you know more.")
            % {"name": client.full_name, "number": client.registration_number},
        )
        return redirect("clients:detail", public_id=client.public_id)
    return render(request, "clients/client_register.html", _identity_context(request, form))


def _identity_context(request, form, client=None):
    duplicates = form.duplicates
    listed = duplicates.same_nik + duplicates.same_kk + duplicates.similar
    openable = set(
        Client.objects.visible_to(request.user)
        .filter(pk__in=[c.pk for c in listed])
        .values_list("pk", flat=True)
    )
    return {"form": form, "client": client, "duplicates": duplicates, "openable": openable}


@require_GET
def client_detail(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    documents = list(client.documents.filter(is_archived=False).select_related("uploaded_by"))
    cases = list(
        client.cases.visible_to(request.user, per_row=True).select_related(  # type: ignore[attr-defined]
            "client", "primary_worker"
        )
    )
    context = {
        "client": client,
        "categories": client.all_categories(),
        "clusters": client.atensi_clusters(),
        "disability_types": client.disability_types.all(),
        "family": client.family.filter(is_archived=False),
        "assistance": client.assistance.filter(is_archived=False),
        "tracing_attempts": client.tracing_attempts.select_related("recorded_by")[:20],
        "documents": documents,
        "photo": next((d for d in documents if d.kind == ClientDocument.Kind.PHOTO), None),
        "missing_documents": services.missing_documents(client, documents),
        "consents": client.consents.select_related("guardian", "proof", "recorded_by"),
        "address": identity.region_path(
            client.village_code
            or client.district_code
            or client.regency_code
            or client.province_code
        ),
        "phone": identity.display_phone(client.phone),
        "can_change": access.can_change_clients(request.user),
        "cases": cases,
        "can_open_case": access.can_change_cases(request.user)
        and not client.is_archived
        and not any(case.is_open for case in cases),
    }
    audit.record_view(request, client)
    return render(request, "clients/client_detail.html", context)


@require_http_methods(["GET", "POST"])
def client_edit(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    form = ClientForm(request.POST or None, instance=client, centre=client.centre)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                changed = [
                    f for f in form.changed_data if f not in ("confirm_different", "estimated_age")
                ]
                services.update_client(
                    by=request.user, client=form.save(commit=False), fields=changed, request=request
                )
                form.save_m2m()
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("clients:detail", public_id=client.public_id)
    if request.method == "GET":
        # The edit form shows the whole NIK and KK: opening it is a look at the file.
        audit.record_view(request, client)
    return render(
        request,
        "clients/client_edit.html",
        _identity_context(request, form, client),
        status=409 if form.conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def client_archive(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.archive_client(
            by=request.user, client=client, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(request, _("The record is archived. It can be restored at any time."))
        return redirect("clients:detail", public_id=client.public_id)
    return render(request, "clients/client_archive.html", {"client": client, "form": form})


@require_POST
def client_restore(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    services.restore_client(by=request.user, client=client, request=request)
    messages.success(request, _("The record is active again."))
    return redirect("clients:detail", public_id=client.public_id)


@require_GET
def client_history(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    records = list(client.history.select_related("history_user")[:50])
    changes = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        delta = newer.diff_against(older, excluded_fields=["search_name"]) if older else None
        changes.append({"record": newer, "changes": delta.changes if delta else []})
    audit.record_view(request, client)
    return render(request, "clients/client_history.html", {"client": client, "changes": changes})


# --- Reference data and regions ----------------------------------------------------------------


@require_GET
def regions(request):
    """<option>s for the next address level (htmx). Region names are public data."""
    for parent_field, _child in (
        ("district_code", "village"),
        ("regency_code", "district"),
        ("province_code", "regency"),
    ):
        if parent_field in request.GET:
            parent = request.GET[parent_field]
            break
    else:
        parent = ""
    options = identity.children_of(parent) if parent.isdigit() else ()
    return render(request, "clients/region_options.html", {"options": options})


@require_http_methods(["GET", "POST"])
def category_list(request):
    access.require(access.can_manage_reference_lists(request.user))
    centre = request.user.centre
    form = CategoryForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        services.add_category(
            by=request.user,
            category=form.save(commit=False),
            clusters=form.cleaned_data["clusters"],
            centre=centre,
            request=request,
        )
        messages.success(request, _("Category added."))
        return redirect("clients:categories")
    categories = (
        PPKSCategory.objects.for_centre(centre)
        .select_related("centre")
        .prefetch_related("clusters")
    )
    return render(request, "clients/category_list.html", {"categories": categories, "form": form})
