"""Tables about people: each person served in the period counted once in every total.

`groups_per_person` is the one place that knows which groups (PPKS category, ATENSI
cluster, approach, ...) a person belongs to. A client may have several PPKS categories
(one primary), fall into several clusters and have cases with several approaches: the
tables count a person in each of their groups and once in the total, with a note.
"""

from collections import defaultdict
from datetime import date

from django.utils.translation import gettext as _

from casework.models.cases import Approach
from clients import identity
from clients.models import Sex
from reports.monthly.base import PEOPLE, Scope, Table, name_field

Group = tuple[tuple[int, str], str]  # ((rank, name), label): rows read in the order of the key
LAST = (10**6, "")

# (lowest age, highest age) in years; None: no upper bound.
AGE_GROUPS = [(0, 5), (6, 12), (13, 17), (18, 59), (60, None)]


def age_label(low: int, high: int | None) -> str:
    if high is None:
        return _("%(low)s years and over") % {"low": low}
    return _("%(low)s–%(high)s years") % {"low": low, "high": high}


def _age_group(birth: date | None, on: date) -> Group | None:
    if birth is None:
        return None
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    for index, (low, high) in enumerate(AGE_GROUPS):
        if age >= low and (high is None or age <= high):
            return (index, ""), age_label(low, high)
    return None


def _reference(rows) -> list[tuple[int, Group | None]]:
    return [(pk, ((order, name), name) if name else None) for pk, order, name in rows]


def _memberships(scope: Scope, dimension: str) -> list[tuple[int, Group | None]]:
    clients = scope.clients
    if dimension == "category":
        # The primary category and the others: a person in several counts once in the total.
        return _reference(
            clients.values_list("pk", "category__sort_order", name_field("category__"))
        ) + _reference(
            clients.values_list(
                "pk", "other_categories__sort_order", name_field("other_categories__")
            )
        )
    if dimension == "cluster":
        # A person's clusters: those recorded on them by hand, and those every one of their
        # PPKS categories falls into (the mapping admins keep, clients.ClusterMapping).
        return [
            membership
            for prefix in ("clusters__", "category__clusters__", "other_categories__clusters__")
            for membership in _reference(
                clients.values_list("pk", f"{prefix}sort_order", name_field(prefix))
            )
        ]
    if dimension == "disability":
        return _reference(
            clients.values_list(
                "pk", "disability_types__sort_order", name_field("disability_types__")
            )
        )
    if dimension == "approach":
        labels = dict(Approach.choices)
        order = list(Approach.values)
        return [
            (pk, ((order.index(code), ""), str(labels[code])) if code in labels else None)
            for pk, codes in scope.served.values_list("client_id", "approaches")
            for code in codes or [None]
        ]
    if dimension == "age":
        on = scope.period.last
        return [(pk, _age_group(row["birth_date"], on)) for pk, row in scope.people.items()]
    if dimension == "province":
        return [
            (
                pk,
                ((0, name), name) if (name := identity.region_name(row["province_code"])) else None,
            )
            for pk, row in scope.people.items()
        ]
    if dimension == "regency":
        return [
            (pk, ((0, name), name) if (name := _regency(row["regency_code"])) else None)
            for pk, row in scope.people.items()
        ]
    raise ValueError(dimension)


def _regency(code: str) -> str:
    name = identity.region_name(code)
    province = identity.region_name(code[:2]) if code else ""
    return f"{name} ({province})" if name and province else name


UNCLASSIFIED = {
    "category": lambda: _("No PPKS category recorded"),
    "cluster": lambda: _("No ATENSI cluster"),
    "disability": lambda: _("No disability recorded"),
    "approach": lambda: _("No approach recorded"),
    "age": lambda: _("Date of birth unknown"),
    "province": lambda: _("Region not recorded"),
    "regency": lambda: _("Region not recorded"),
}


def groups_per_person(scope: Scope, dimension: str) -> dict[int, set[Group]]:
    """Every person served in the period and their groups under `dimension`; a person with
    none is in the 'not recorded' group, so every person is in at least one."""
    people: dict[int, set[Group]] = {pk: set() for pk in scope.people}
    for pk, group in _memberships(scope, dimension):
        if group is not None and pk in people:
            people[pk].add(group)
    for groups in people.values():
        if not groups:
            groups.add((LAST, UNCLASSIFIED[dimension]()))
    return people


def _several_note(people: dict[int, set[Group]]) -> str:
    several = sum(1 for groups in people.values() if len(groups) > 1)
    if not several:
        return ""
    return _(
        "%(count)s people belong to more than one group: they are counted in each of their "
        "groups and once in the total."
    ) % {"count": several}


def people_table(scope: Scope, *, key, title, sheet, heading, dimension) -> Table:
    """People served per group, each person once in the total."""
    people = groups_per_person(scope, dimension)
    counts: dict[Group, int] = defaultdict(int)
    for groups in people.values():
        for group in groups:
            counts[group] += 1
    return Table(
        key,
        title,
        sheet,
        [heading, _("People")],
        [[label, counts[(order, label)]] for order, label in sorted(counts)],
        counts=PEOPLE,
        total=[_("Total people served"), len(people)],
        note=_several_note(people),
    )


def by_sex_table(scope: Scope, *, key, title, sheet, heading, dimension) -> Table:
    """People served per group and sex: the sexes side by side, each person once in the
    total row."""
    people = groups_per_person(scope, dimension)
    sexes = {pk: row["sex"] for pk, row in scope.people.items()}
    codes = list(Sex.values)
    counts: dict[Group, list[int]] = defaultdict(lambda: [0] * len(codes))
    totals = [0] * len(codes)
    for pk, groups in people.items():
        column = codes.index(sexes[pk]) if sexes.get(pk) in codes else None
        if column is None:
            continue
        totals[column] += 1
        for group in groups:
            counts[group][column] += 1
    return Table(
        key,
        title,
        sheet,
        [heading, *[str(label) for label in Sex.labels], _("Total")],
        [[label, *counts[(o, label)], sum(counts[(o, label)])] for o, label in sorted(counts)],
        counts=PEOPLE,
        total=[_("Total people served"), *totals, sum(totals)],
        note=_several_note(people),
    )


def categories_by_sex(scope: Scope) -> Table:
    return by_sex_table(
        scope,
        key="categories",
        title=_("People served by PPKS category and sex"),
        sheet=_("PPKS category"),
        heading=_("PPKS category"),
        dimension="category",
    )


def clusters(scope: Scope) -> Table:
    return people_table(
        scope,
        key="clusters",
        title=_("People served by ATENSI cluster"),
        sheet=_("ATENSI cluster"),
        heading=_("ATENSI cluster"),
        dimension="cluster",
    )


def ages_by_sex(scope: Scope) -> Table:
    return by_sex_table(
        scope,
        key="age",
        title=_("People served by age group and sex"),
        sheet=_("Age group"),
        heading=_("Age group"),
        dimension="age",
    )


def approaches(scope: Scope) -> Table:
    return people_table(
        scope,
        key="approach",
        title=_("People served by approach"),
        sheet=_("Approach"),
        heading=_("Approach"),
        dimension="approach",
    )


def provinces(scope: Scope) -> Table:
    return people_table(
        scope,
        key="province",
        title=_("People served by province of origin"),
        sheet=_("Province of origin"),
        heading=_("Province"),
        dimension="province",
    )


def regencies(scope: Scope) -> Table:
    return people_table(
        scope,
        key="regency",
        title=_("People served by regency or city of origin"),
        sheet=_("Regency of origin"),
        heading=_("Regency / city"),
        dimension="regency",
    )


def disabilities(scope: Scope) -> Table:
    return people_table(
        scope,
        key="disability",
        title=_("People served by type of disability"),
        sheet=_("Disability"),
        heading=_("Type of disability"),
        dimension="disability",
    )
