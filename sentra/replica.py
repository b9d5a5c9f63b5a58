"""Reports and exports read from a replica when one is configured (`REPORTS_DATABASE_URL`,
the alias `reports`); everything else, and every write, uses the primary.

The choice is made by the caller, not the model: the same Case is read from the primary
on the case page (a worker must see the note they just saved) and from the replica when a
month's figures are counted (a few seconds of replication lag do not change a month).
Code that only reads aggregates wraps itself in `reading_for_reports()`; the router sends
the reads inside it to the replica. Without the alias (the quick start, tests) nothing
changes."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

ALIAS = "reports"
_for_reports: ContextVar[bool] = ContextVar("reading_for_reports", default=False)


@contextmanager
def reading_for_reports() -> Iterator[None]:
    token = _for_reports.set(True)
    try:
        yield
    finally:
        _for_reports.reset(token)


def read_alias() -> str:
    return ALIAS if _for_reports.get() and ALIAS in settings.DATABASES else "default"


class ReportsRouter:
    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary's schema by replication
