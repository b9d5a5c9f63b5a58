"""Every create form of the app survives hostile input.

Each form of tests/sentra/test_submissions.py's SUBMITTED_TWICE (valid data per form, posted
by a role allowed to use it) is posted again with its values made hostile: all empty, a 1 MB
text, NUL bytes, odd unicode, dates in the years 1 and 9999, negative and huge numbers, and
another centre's user, case and client in place of every id. No answer may be a 500, and
afterwards no record holds an implausible date or a negative number, or points at the other
centre's people.
"""

import re
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.test import Client as HttpClient
from django.urls import get_resolver

from casework.models import Case
from clients.models import Client
from sentra import bounds
from sentra.middleware import SUBMISSION_FIELD
from sentra.models import User
from sentra.scopes import Role
from tests.factories import CentreFactory, ClientFactory, UserFactory, open_case_for
from tests.sentra.test_submissions import SUBMITTED_TWICE

pytestmark = pytest.mark.django_db

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
MEGABYTE = "x" * 1_000_000
ODD = "\u202e\ufeff\U0001d54f\u0301\u200b"


def _map(data: dict, change: Callable[[str, object], object]) -> dict:
    """The data with `change(key, value)` applied to every text value (and list item)."""
    changed = {}
    for key, value in data.items():
        if isinstance(value, list):
            changed[key] = [change(key, item) for item in value]
        elif isinstance(value, (str, int)):
            changed[key] = change(key, value)
        else:
            changed[key] = value  # an upload: the upload tests take files apart
    return changed


def _when(past: bool):
    def change(_key, value):
        text = str(value)
        if MOMENT.match(text):
            return "0001-01-01T00:00" if past else "9999-12-31T23:59"
        if DATE.match(text):
            return "0001-01-01" if past else "9999-12-31"
        return value

    return change


def _numbers(replacement):
    return lambda _key, value: replacement if NUMBER.match(str(value)) else value


def _first_text_huge(data: dict) -> dict:
    for key, value in data.items():
        if isinstance(value, str) and not NUMBER.match(value) and not DATE.match(value):
            return {**data, key: MEGABYTE}
    return data


def hostile_variants(data: dict, foreign: dict[str, int]) -> dict[str, dict]:
    return {
        "empty": _map(data, lambda _k, v: ""),
        "1 MB": _first_text_huge(data),
        "NUL": _map(data, lambda _k, v: f"{v}\x00"),
        "odd unicode": _map(data, lambda _k, v: f"{ODD}{v}{ODD}"),
        "year 1": _map(data, _when(past=True)),
        "year 9999": _map(data, _when(past=False)),
        "negative": _map(data, _numbers("-1")),
        "huge number": _map(data, _numbers("9" * 30)),
        **{
            f"another centre's {what}": _map(data, _numbers(str(pk)))
            for what, pk in foreign.items()
        },
    }


def _signed_in(user):
    http = HttpClient()
    http.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return http


def _foreign_references(people: dict[str, object]) -> dict[str, int]:
    """How many rows of every model point at the other centre's user, case or client."""
    counts = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None)
            if not (field.is_relation and field.concrete or field.many_to_many):
                continue
            for kind in (User, Case, Client):
                if target is kind:
                    pk = people[kind.__name__].pk
                    key = f"{model._meta.label}.{field.name}"
                    counts[key] = model._base_manager.filter(**{field.name: pk}).count()
    return counts


def _implausible_values() -> list[str]:
    found = []
    too_late = date(date.today().year + 11, 1, 1)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.DateField, models.DateTimeField)):
                late = too_late
                if isinstance(field, models.DateTimeField):
                    late = datetime(too_late.year, 1, 1, tzinfo=UTC)
                lookup = models.Q(**{f"{field.name}__year__lt": 1900}) | models.Q(
                    **{f"{field.name}__gte": late}
                )
            elif isinstance(field, (models.IntegerField, models.DecimalField)) and not (
                field.primary_key or field.is_relation
            ):
                lookup = models.Q(**{f"{field.name}__lt": 0})
            else:
                continue
            if model._base_manager.filter(lookup).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def other_centre_people() -> tuple[dict, dict[str, int]]:
    """Another centre's worker, client and case: the records (by model name) and their ids
    (by the word a form would use), to post in place of this centre's."""
    elsewhere = CentreFactory(code="BGA", name="Sentra Budhi Dharma")
    their_worker = UserFactory(centre=elsewhere, role=Role.SOCIAL_WORKER)
    their_supervisor = UserFactory(centre=elsewhere, role=Role.SUPERVISOR)
    their_client = ClientFactory(centre=elsewhere, registered_by=their_supervisor)
    their_case = open_case_for(their_client, their_worker, their_supervisor)
    people = {"User": their_worker, "Case": their_case, "Client": their_client}
    return people, {"user": their_worker.pk, "case": their_case.pk, "client": their_client.pk}


def test_every_form_survives_hostile_input(cast, case, centre, consent_to_services, reference_data):
    s = {**cast, "case": case, "centre": centre}
    people, foreign = other_centre_people()
    references_before = _foreign_references(people)

    problems = []
    logins: dict[int, HttpClient] = {}
    for name, make in SUBMITTED_TWICE.items():
        try:
            with transaction.atomic():
                submission = make(s)
                valid = submission.data()
        except (ValidationError, IntegrityError):
            continue  # the case's state after earlier forms refuses this one's set-up
        http = logins.setdefault(submission.user.pk, _signed_in(submission.user))
        for variant, data in hostile_variants(valid, foreign).items():
            try:
                with transaction.atomic():
                    response = http.post(
                        submission.url, {**data, SUBMISSION_FIELD: str(uuid.uuid4())}
                    )
                status = response.status_code
            except Exception as error:  # noqa: BLE001  (a crash is what we look for)
                status = f"{type(error).__name__}: {error}"[:200]
            if not isinstance(status, int) or status >= 500:
                problems.append(f"{name}, {variant}: {status}")

    references_after = _foreign_references(people)
    for key, before in references_before.items():
        if references_after[key] != before:
            problems.append(f"{key} now points at another centre's record")
    problems += [f"implausible value stored in {field}" for field in _implausible_values()]
    assert not problems, "\n".join(problems)


def _form_classes(base=forms.BaseForm):
    for subclass in base.__subclasses__():
        yield subclass
        yield from _form_classes(subclass)


def test_every_date_field_of_every_form_is_bounded():
    get_resolver().url_patterns  # noqa: B018  (imports every view, and so every form)
    unbounded = sorted(
        f"{form.__module__}.{form.__name__}.{name}"
        for form in set(_form_classes())
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, (forms.DateField, forms.DateTimeField))
        and bounds.plausible_date not in field.validators
    )
    assert not unbounded
