"""Throttling failed sign-ins so that an attacker cannot turn it against staff.

Failures are counted per username *and* source address (`LoginThrottle`). The first
`LOGIN_FAILURE_LIMIT` failures of a pair cost nothing; after that the pair waits before its
next try, 30 seconds doubling with each further failure up to `LOGIN_LOCKOUT_MINUTES`. So:

- an attacker guessing a password from one address gets a handful of tries an hour;
- the real user signing in from any other address is never held back by that attacker;
- a colleague behind the same NAT address (a centre shares one) is never held back by
  another person's typos, which count against that person's username only.

A successful sign-in clears its own pair, never another address's. When the failures of one
username across all addresses reach `LOGIN_ALERT_THRESHOLD` within a day, the account's
centre is told: an audit row (`login_alert`) that the centre's admins see on their home page,
and a mail to those admins who have an address.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sentra import audit
from sentra.models import AuditEvent, LoginThrottle, User
from sentra.scopes import Role

FIRST_WAIT_SECONDS = 30
# Failures older than this are forgotten: a pair starts afresh the next day.
WINDOW = timedelta(hours=24)


def _key(username, request) -> tuple[str, str]:
    return str(username or "").strip().lower()[:150], audit.client_ip(request) or ""


def wait_after(failures: int) -> int:
    """Seconds a (username, address) pair waits after its `failures`-th failure."""
    free = settings.LOGIN_FAILURE_LIMIT
    if failures < free:
        return 0
    cap = settings.LOGIN_LOCKOUT_MINUTES * 60
    return min(FIRST_WAIT_SECONDS * 2 ** min(failures - free, 20), cap)


def seconds_to_wait(username, request) -> int:
    """How long this username must still wait before signing in from this address."""
    name, address = _key(username, request)
    wait_until = (
        LoginThrottle.objects.filter(username=name, ip_address=address)
        .values_list("wait_until", flat=True)
        .first()
    )
    if wait_until is None:
        return 0
    return max(0, math.ceil((wait_until - timezone.now()).total_seconds()))


def describe_wait(seconds: int) -> str:
    if seconds < 120:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def record_failure(username, request) -> LoginThrottle:
    """Count one wrong password of this username from this address."""
    name, address = _key(username, request)
    now = timezone.now()
    with transaction.atomic():
        # Counts a day old are forgotten; removing them here keeps the table small.
        LoginThrottle.objects.filter(last_failure_at__lt=now - WINDOW).delete()
        LoginThrottle.objects.get_or_create(
            username=name, ip_address=address, defaults={"last_failure_at": now}
        )
        throttle = LoginThrottle.objects.select_for_update().get(username=name, ip_address=address)
        throttle.failures += 1
        throttle.last_failure_at = now
        wait = wait_after(throttle.failures)
        throttle.wait_until = now + timedelta(seconds=wait) if wait else None
        throttle.save()
        user = User.objects.filter(username__iexact=name).select_related("centre").first()
        centre = user.centre if user else None
        if throttle.failures == settings.LOGIN_FAILURE_LIMIT:
            audit.record(
                audit.Action.LOCKED_OUT,
                by=None,
                obj=user,
                centre=centre,
                username=name,
                request=request,
            )
        total = LoginThrottle.objects.filter(
            username=name, last_failure_at__gte=now - WINDOW
        ).aggregate(total=Sum("failures"))["total"]
        if total == settings.LOGIN_ALERT_THRESHOLD:
            audit.record(
                audit.Action.LOGIN_ALERT,
                by=None,
                obj=user,
                centre=centre,
                username=name,
                request=request,
            )
            if user is not None and centre is not None:
                transaction.on_commit(lambda: _mail_admins(user, total))
    return throttle


def record_success(username, request) -> None:
    """The right password from this address clears this address's count, no other."""
    name, address = _key(username, request)
    LoginThrottle.objects.filter(username=name, ip_address=address).delete()


def _mail_admins(user: User, failures: int) -> None:
    admins = User.objects.filter(centre=user.centre, role=Role.ADMIN, is_active=True).exclude(
        email=""
    )
    recipients = [admin.email for admin in admins]
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Sentra: many failed logins for %(username)s") % {"username": user.username}
        body = _(
            "There were %(n)d failed logins for the account %(username)s in the last 24 "
            "hours. Sign-ins from those addresses are slowed down; the account itself is not "
            "locked. If this was not the person themselves, check the audit trail and "
            "consider resetting the password."
        ) % {"n": failures, "username": user.username}
    send_mail(subject, body, None, recipients, fail_silently=True)


def login_alerts(user) -> list[AuditEvent]:
    """The many-failed-logins alerts of the last week that an admin's home page shows."""
    if not (user.is_superuser or user.role == Role.ADMIN):
        return []
    since = timezone.now() - timedelta(days=7)
    return list(
        AuditEvent.objects.visible_to(user).filter(action=audit.Action.LOGIN_ALERT, at__gte=since)[
            :10
        ]
    )
