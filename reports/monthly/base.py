"""The shapes every table builder shares: the scope it counts over and the table it
returns."""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from django.db.models import Count, ManyToManyField, Q, QuerySet, Sum
from django.utils.text import capfirst
from django.utils.translation import get_language

from casework.models import Case, ServiceRecord
from clients.models import Client, ProcessingRestriction
from reports.monthly.period import Period
from sentra.models import Centre

# What a table counts, so readers (and the totals test) know what its total means.
PEOPLE = "people"  # each person served in the period once: the total is the people served
RECIPIENTS = "recipients"  # people who received something in the period, each once
CASES = "cases"
SERVICES = "services"
FIGURES = "figures"  # a list of separate measures: no total


@dataclass
class Table:
    key: str
    title: str
    sheet: str  # the spreadsheet tab, at most 31 characters
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    counts: str = PEOPLE
    total: list | None = None  # the total row, when the table has one
    note: str = ""
    money: tuple[int, ...] = ()  # indexes of columns in rupiah
    decimals: tuple[int, ...] = ()  # indexes of columns with one decimal

    def __post_init__(self):
        # Labels are shared with model fields ("komponen ATENSI"); a heading starts upper case.
        self.columns = [capfirst(str(column)) for column in self.columns]
        self.sheet = capfirst(self.sheet)[:31]


@dataclass
class Report:
    period: Period
    centre: Centre | None  # None: every centre
    centre_name: str
    totals: list[tuple[str, object]]  # (label, value) for the summary
    tables: list[Table]
    figures: dict = field(default_factory=dict)  # the same totals by key, for code

    @property
    def month(self) -> date:
        return self.period.first

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


@dataclass
class Scope:
    """What every builder counts over: one centre (or all) and one period."""

    centre: Centre | None
    period: Period
    start: datetime
    end: datetime
    cases: QuerySet  # the centre's cases
    served: QuerySet  # cases open at some moment of the period
    clients: QuerySet  # the people of those cases
    _related: dict[str, list] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, centre, period: Period) -> "Scope":
        start, end = period.bounds(centre.time_zone if centre else "Asia/Jakarta")
        cases = cls.records_of_cases(Case.objects.all(), centre, "")
        served = cases.filter(opened_at__lt=end).filter(
            Q(closed_at__isnull=True) | Q(closed_at__gte=start)
        )
        # No order: the registry's default order would sort the period's people per query.
        clients = Client.objects.filter(pk__in=served.values("client_id")).order_by()
        return cls(centre, period, start, end, cases, served, clients)

    @staticmethod
    def records_of_cases(records: QuerySet, centre, to_case: str = "case__") -> QuerySet:
        """`records` (cases, or rows reaching their case through `to_case`) of the centre's
        cases whose client has no processing restriction in force (UU PDP: such a client
        is not used in exports).

        A join to the case, not `case IN (the centre's cases)`: the planner then starts
        from the period's few rows through their date index instead of hashing every case
        of the centre (it cannot estimate how many cases the restriction leaves)."""
        if centre is not None:
            records = records.filter(**{f"{to_case}centre": centre})
        restricted = ProcessingRestriction.objects.in_force().values("client_id")
        return records.exclude(**{f"{to_case}client__in": restricted})

    def of_cases(self, records: QuerySet, to_case: str = "case__") -> QuerySet:
        return self.records_of_cases(records, self.centre, to_case)

    @cached_property
    def people(self) -> dict[int, Any]:
        """Each person served in the period once, with the fields of their record the people
        tables read: one query per report instead of one per table. Named tuples, not
        dictionaries: tens of thousands of dictionaries make the garbage collector walk them
        over and over while the report is built."""
        fields = ("pk", "sex", "birth_date", "province_code", "regency_code", "category_id")
        return {row.pk: row for row in self.clients.values_list(*fields, named=True)}

    def delivered(self) -> QuerySet:
        """The services delivered in the period."""
        return self.of_cases(ServiceRecord.objects.all()).filter(
            delivered_on__gte=self.period.first, delivered_on__lt=self.period.end
        )

    @cached_property
    def deliveries(self) -> list[tuple]:
        """The period's services per (component, service name, person): how many times and
        for how much. One query: the summary and every service table add these rows up."""
        grouped = ("service_type__component", name_field("service_type__"), "case__client")
        return list(
            self.delivered()
            .values_list(*grouped)
            .annotate(times=Count("id"), amount=Sum("amount"))
            .order_by()
        )

    @property
    def people_served(self) -> int:
        # The people tables read everyone served anyway; alone (the dashboard's summary),
        # a count is cheaper than reading them.
        if "people" in self.__dict__:
            return len(self.people)
        return self.served.aggregate(n=Count("client", distinct=True))["n"]

    def related(self, relation: str) -> list[tuple[int, int]]:
        """(person, related id) for the people served through the client's many-to-many
        `relation`, read once per report from the link table alone: neither the registry nor
        the reference list is joined (the tables name the few ids themselves)."""
        if relation not in self._related:
            m2m = Client._meta.get_field(relation)
            if not isinstance(m2m, ManyToManyField):
                raise ValueError(relation)
            source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
            links = getattr(Client, relation).through.objects.filter(
                **{f"{source}__in": self.served.values("client_id")}
            )
            self._related[relation] = list(links.values_list(f"{source}_id", f"{target}_id"))
        return self._related[relation]


def name_field(prefix: str = "") -> str:
    """The reference list's name column in the active language."""
    english = (get_language() or "id").startswith("en")
    return f"{prefix}name_en" if english else f"{prefix}name_id"


def with_total(rows: list[list], label: str, numeric_from: int = 1, width: int = 2) -> list:
    """A total row of `width` cells summing every column from `numeric_from` on."""
    sums = [sum(row[i] or 0 for row in rows) for i in range(numeric_from, width)]
    return [label] + [""] * (numeric_from - 1) + sums
