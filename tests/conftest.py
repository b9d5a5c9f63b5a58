"""The fixed cast every access test uses.

`worker` is the social worker assigned to the case (or who registered the client),
`colleague` works in the same centre but not on it, `supervisor` and `admin` belong to the
same centre, and `outsider` is a social worker of another centre.
"""

import pytest
from django.test import Client
from django.utils import translation

from clients.models import Consent
from sentra.scopes import Role
from tests.factories import CentreFactory, ClientFactory, UserFactory, open_case_for


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _messages_in_the_source_language(request, settings):
    """Tests assert messages in English, the source language; the Indonesian catalogue is
    checked by the i18n tests and the browser journeys (marked `indonesian`)."""
    if request.node.get_closest_marker("indonesian") or request.node.get_closest_marker("browser"):
        yield
        return
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def tasks_in_process():
    """Run Celery tasks in the test's own process (as the quick start does, with no broker).
    Only the tests that need a task's result ask for this; the others publish to the real
    Redis, and the worker tests run a real worker."""
    from sentra.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def reference_data(db):
    """The reference lists the data migrations load. Transactional tests (browser, worker)
    flush the database after themselves, so tests of that kind ask for this again."""
    from django.apps import apps

    from activities import reference as activities_reference
    from assessments.services import load_shipped_instruments
    from casework import reference as casework_reference
    from clients import reference as clients_reference

    clients_reference.load(apps)
    casework_reference.load(apps)
    activities_reference.load(apps)
    load_shipped_instruments()


@pytest.fixture
def centre(db):
    return CentreFactory(code="ALY", name="Sentra Alyatama")


@pytest.fixture
def other_centre(db):
    return CentreFactory(code="BGA", name="Sentra Budhi Dharma")


@pytest.fixture
def worker(centre):
    return UserFactory(username="worker", centre=centre, role=Role.SOCIAL_WORKER)


@pytest.fixture
def colleague(centre):
    return UserFactory(username="colleague", centre=centre, role=Role.SOCIAL_WORKER)


@pytest.fixture
def supervisor(centre):
    return UserFactory(username="supervisor", centre=centre, role=Role.SUPERVISOR)


@pytest.fixture
def admin(centre):
    return UserFactory(username="admin", centre=centre, role=Role.ADMIN)


@pytest.fixture
def outsider(other_centre):
    return UserFactory(username="outsider", centre=other_centre, role=Role.SOCIAL_WORKER)


@pytest.fixture
def outsider_admin(other_centre):
    return UserFactory(username="outsider_admin", centre=other_centre, role=Role.ADMIN)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", centre=None, is_superuser=True, is_staff=True)


@pytest.fixture
def cast(worker, colleague, supervisor, admin, outsider):
    return {
        "worker": worker,
        "colleague": colleague,
        "supervisor": supervisor,
        "admin": admin,
        "outsider": outsider,
    }


@pytest.fixture
def client_for():
    """A logged-in test client for a member of the cast."""

    def make(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture
def case_client(centre, supervisor):
    """A client registered by the supervisor: the worker reaches them only through the case."""
    return ClientFactory(
        centre=centre,
        registered_by=supervisor,
        full_name="Joko Susilo",
        registration_number="ALY-2026-0100",
    )


@pytest.fixture
def case(case_client, worker, supervisor):
    return open_case_for(case_client, worker, supervisor)


@pytest.fixture
def consent_to_services(case_client, worker):
    return Consent.objects.create(
        client=case_client,
        purpose=Consent.Purpose.SERVICES,
        given_by=Consent.GivenBy.CLIENT,
        recorded_by=worker,
    )


@pytest.fixture(autouse=True)
def _mfa_off_unless_asked(request, settings):
    """The suite runs with DEBUG=0, where two-step sign-in is required for supervisors and
    admins; the cast signs in with force_login. Tests of MFA itself are marked `mfa`."""
    if not request.node.get_closest_marker("mfa"):
        settings.MFA_REQUIRED = False


# A redis-server of the test's own (the fault tests freeze and stop it).
from tests.private_redis import private_redis  # noqa: E402, F401


def pytest_configure(config):
    """Passwords hash with one fast round in tests: the production hasher spends ~0.3 s of
    CPU on purpose, on every user a factory creates and every login, which made up a large
    share of the suite's time. What is tested is who may do what, not the hash's cost."""
    from django.conf import settings  # noqa: PLC0415  (configured by pytest-django first)

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _flush_by_delete():
    """Transactional tests (browser, worker) empty the database after themselves. Django
    does it with one TRUNCATE of ~180 tables, which PostgreSQL pays for with new files for
    every table: 5-6 s per test here. DELETE of the few rows a test wrote takes ~0.1 s; the
    foreign keys are deferred, so the order does not matter inside the flush's transaction.
    Only the test database's cleanup changes; what the tests exercise does not."""
    from django.db.backends.postgresql.operations import DatabaseOperations  # noqa: PLC0415

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"DELETE FROM {self.quote_name(table)};"  # noqa: S608  (Django's own table names)
            for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush


_flush_by_delete()
