"""What is added to a client's file: family, tracing attempts, documents and consents."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clients import services
from clients.forms.records import (
    ConsentForm,
    ConsentWithdrawalForm,
    DocumentForm,
    FamilyMemberForm,
    TracingAttemptForm,
)
from clients.models import ClientDocument
from sentra import access, audit
from sentra.versioning import EditConflict


@require_http_methods(["GET", "POST"])
def family_edit(request, public_id, member_id=None):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    member = None
    if member_id:
        member = access.get_family_member_for_user(request.user, client, member_id)
    form = FamilyMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        changed.client = client
        try:
            services.save_family_member(
                by=request.user, member=changed, fields=form.changed_data, request=request
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Family details saved."))
            return redirect("clients:detail", public_id=client.public_id)
    return render(
        request,
        "clients/family_form.html",
        {"client": client, "form": form, "member": member},
        status=409 if form.conflict else 200,
    )


@require_POST
def family_archive(request, public_id, member_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    member = access.get_family_member_for_user(request.user, client, member_id)
    services.archive_family_member(by=request.user, member=member, request=request)
    messages.success(
        request, _("%(name)s is no longer listed (kept in the history).") % {"name": member.name}
    )
    return redirect("clients:detail", public_id=client.public_id)


@require_http_methods(["GET", "POST"])
def tracing_add(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    form = TracingAttemptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_tracing_attempt(
            by=request.user, client=client, data=form.cleaned_data, request=request
        )
        messages.success(request, _("Tracing attempt recorded."))
        return redirect("clients:detail", public_id=client.public_id)
    return render(request, "clients/tracing_form.html", {"client": client, "form": form})


@require_http_methods(["GET", "POST"])
def document_add(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_document(
            by=request.user,
            client=client,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            content_type=form.content_type,
            description=form.cleaned_data["description"],
            request=request,
        )
        messages.success(request, _("Document uploaded."))
        return redirect("clients:detail", public_id=client.public_id)
    return render(request, "clients/document_form.html", {"client": client, "form": form})


@require_GET
def document_download(request, public_id, document_id):
    client = access.get_client_for_user(request.user, public_id)
    document = access.get_document_for_user(request.user, client, document_id)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record(audit.Action.DOWNLOAD, by=request.user, obj=document, request=request)
    # Images may show inline (the profile photo); everything else downloads. The stored
    # content type was sniffed at upload, and nosniff stops the browser guessing HTML.
    inline = request.GET.get("inline") == "1" and document.content_type.startswith("image/")
    filename = (
        f"{client.registration_number}-{document.kind}.{document.file.name.rsplit('.', 1)[-1]}"
    )
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=document.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def document_archive(request, public_id, document_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    document = access.get_document_for_user(request.user, client, document_id)
    services.archive_document(by=request.user, document=document, request=request)
    messages.success(request, _("Document archived."))
    return redirect("clients:detail", public_id=client.public_id)


@require_http_methods(["GET", "POST"])
def consent_add(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    form = ConsentForm(request.POST or None, request.FILES or None, client=client)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        if form.cleaned_data.get("proof_file"):
            data["proof"] = services.add_document(
                by=request.user,
                client=client,
                kind=ClientDocument.Kind.OTHER,
                upload=form.cleaned_data["proof_file"],
                content_type=form.proof_content_type,
                description=_("Consent: %(purpose)s")
                % {"purpose": dict(form.fields["purpose"].choices)[data["purpose"]]},
                request=request,
            )
        services.record_consent(by=request.user, client=client, data=data, request=request)
        messages.success(request, _("Consent recorded."))
        return redirect("clients:detail", public_id=client.public_id)
    return render(request, "clients/consent_form.html", {"client": client, "form": form})


@require_http_methods(["GET", "POST"])
def consent_withdraw(request, public_id, consent_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    consent = access.get_consent_for_user(request.user, client, consent_id)
    form = ConsentWithdrawalForm(request.POST or None, consent=consent)
    if request.method == "POST" and form.is_valid():
        services.withdraw_consent(
            by=request.user,
            consent=consent,
            withdrawn_on=form.cleaned_data["withdrawn_on"],
            reason=form.cleaned_data["reason"],
            request=request,
        )
        messages.success(request, _("Withdrawal recorded."))
        return redirect("clients:detail", public_id=client.public_id)
    return render(
        request,
        "clients/consent_withdraw.html",
        {"client": client, "consent": consent, "form": form},
    )
