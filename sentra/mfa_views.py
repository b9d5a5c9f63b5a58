"""Setting up and passing the second step of sign-in (TOTP app, or a recovery code)."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sentra import audit
from sentra.mfa import must_use_mfa, safe_next

RECOVERY_CODES = 10


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_l("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _qr_svg(url: str) -> str:
    import qrcode  # a library only this page needs
    import qrcode.image.svg  # (its SVG factory)

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@require_http_methods(["GET", "POST"])
def mfa_setup(request):
    """Scan the QR code, type one code to prove it works; then the recovery codes are
    shown once."""
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect("mfa-verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or (
        TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            codes = _confirm(request, device)
            return render(request, "registration/mfa_codes.html", {"codes": codes})
        form.add_error("token", _("That code is not right. Check the time on your phone."))
    return render(
        request,
        "registration/mfa_setup.html",
        {
            "form": form,
            # The SVG is drawn by the library from our own otpauth URL: no user text in it.
            "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308
            "secret": device.key,
            "required": must_use_mfa(user),
        },
    )


@transaction.atomic
def _confirm(request, device: TOTPDevice) -> list[str]:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(request)


def new_recovery_codes(request) -> list[str]:
    """Replace the user's recovery codes; each works once."""
    user = request.user
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    otp_login(request, static)
    audit.record(audit.Action.UPDATE, by=user, obj=user, request=request, fields=["mfa"])
    return codes


@require_http_methods(["GET", "POST"])
def mfa_verify(request):
    """The second step after the password: a code from the app, or a recovery code."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(request, _("You used a recovery code. Each code works only once."))
            return redirect(safe_next(request))
        audit.record(audit.Action.LOGIN_FAILED, by=request.user, obj=request.user, request=request)
        form.add_error("token", _("That code is not right."))
    return render(
        request, "registration/mfa_verify.html", {"form": form, "next": safe_next(request)}
    )
