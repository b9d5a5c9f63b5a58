"""{% form_keys %}: what every form that changes something carries — the CSRF token and a
one-time submission key (see sentra.middleware.OneSubmissionMiddleware)."""

import uuid

from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html

from sentra.middleware import SUBMISSION_FIELD

register = template.Library()


@register.simple_tag(takes_context=True)
def form_keys(context) -> str:
    request = context["request"]
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="{}" value="{}">',
        get_token(request),
        SUBMISSION_FIELD,
        uuid.uuid4(),
    )
