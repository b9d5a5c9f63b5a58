"""The 3 x 24 hour clock of a breach: time left, overdue, or notified."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def breach_clock(breach, now=None) -> str:
    if breach.is_notified:
        return format_html('<span class="badge text-bg-success">{}</span>', _("Notified"))
    hours = breach.hours_left(now or timezone.now())
    deadline = timezone.localtime(breach.notify_by).strftime("%d-%m-%Y %H:%M")
    if hours >= 0:
        text = _("%(hours)d h left (by %(deadline)s)") % {"hours": hours, "deadline": deadline}
        return format_html('<span class="badge text-bg-warning" data-clock="left">{}</span>', text)
    text = _("Overdue by %(hours)d h (was due %(deadline)s)") % {
        "hours": -hours,
        "deadline": deadline,
    }
    return format_html('<span class="badge text-bg-danger" data-clock="overdue">{}</span>', text)
