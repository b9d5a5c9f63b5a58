"""Tables about people: each person served in the period counted once in every total.

`groups_per_person` is the one place that knows which groups (PPKS category, ATENSI
cluster, approach, ...) a person belongs to. A client may have several PPKS categories
(one primary), fall into several clusters and have cases with several approaches: the
tables count a person in each of their groups and once in the total, with a note.
"""

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from casework.models.cases import Approach
from clients import identity
from clients.models import AtensiCluster, ClusterMapping, DisabilityType, PPKSCategory, Sex
from reports.monthly.base import PEOPLE, Scope, Table, name_field

Group = tuple[tuple[int, str], str]  # ((rank, name), label): rows read in the order of the key
LAST = (10**6, "")

# (lowest age, highest age) in years; None: no upper bound.
AGE_GROUPS = [(0, 5), (6, 12), (13, 17), (18, 59), (60, None)]


def age_label(low: int, high: int | None) -> str:
    if high is None:
        return _("%(low)s years and over") % {"low": low}
    return _("%(low)s–%(high)s years") % {"low": low, "high": high}


def _age_index(birth: date | None, on: date) -> int | None:
    if birth is None:
        return None
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    for index, (low, high) in enumerate(AGE_GROUPS):
        if age >= low and (high is None or age <= high):
            return index
    return None


def _named(model) -> dict[int | None, Group]:
    """Every entry of a reference list (a few dozen) as the group it names, by id: the
    people's links are read without joining the list."""
    rows = model.objects.order_by().values_list("pk", "sort_order", name_field())
    return {pk: ((order, name), name) for pk, order, name in rows if name}


def _categories_of(scope: Scope) -> Iterator[tuple[int, int | None]]:
    """(person, category) for the primary category and the others."""
    for pk, row in scope.people.items():
        yield pk, row.category_id
    yield from scope.related("other_categories")


def _memberships(scope: Scope, dimension: str) -> Iterator[tuple[int, Group | None]]:
    """(person, group) pairs. A group is built once per table and shared by its people:
    one label per group, and no object per person for the garbage collector to walk."""
    if dimension == "category":
        # The primary category and the others: a person in several counts once in the total.
        categories = _named(PPKSCategory)
        for pk, category in _categories_of(scope):
            yield pk, categories.get(category)
    elif dimension == "cluster":
        # A person's clusters: those recorded on them by hand, and those every one of their
        # PPKS categories falls into (the mapping admins keep, clients.ClusterMapping).
        named = _named(AtensiCluster)
        mapped: dict[int | None, list[int]] = defaultdict(list)
        for category, cluster in ClusterMapping.objects.values_list("category_id", "cluster_id"):
            mapped[category].append(cluster)
        for pk, cluster in scope.related("clusters"):
            yield pk, named.get(cluster)
        for pk, category in _categories_of(scope):
            for cluster in mapped.get(category, ()):
                yield pk, named.get(cluster)
    elif dimension == "disability":
        named = _named(DisabilityType)
        for pk, kind in scope.related("disability_types"):
            yield pk, named.get(kind)
    elif dimension == "approach":
        approaches = {
            code: ((index, ""), str(label)) for index, (code, label) in enumerate(Approach.choices)
        }
        # Read as text and decoded once per distinct list (a handful), not once per case.
        as_text = Cast("approaches", TextField())
        decoded: dict[str | None, list] = {}
        for pk, text in scope.served.values_list("client_id", as_text).order_by():
            if text not in decoded:
                decoded[text] = (json.loads(text) if text else None) or [None]
            for code in decoded[text]:
                yield pk, approaches.get(code)
    elif dimension == "age":
        on = scope.period.last
        ages = [((index, ""), age_label(low, high)) for index, (low, high) in enumerate(AGE_GROUPS)]
        for pk, row in scope.people.items():
            index = _age_index(row.birth_date, on)
            yield pk, None if index is None else ages[index]
    elif dimension in ("province", "regency"):
        name_of = identity.region_name if dimension == "province" else _regency
        regions: dict[str, Group | None] = {}
        for pk, row in scope.people.items():
            code = getattr(row, f"{dimension}_code")
            if code not in regions:
                regions[code] = ((0, name), name) if (name := name_of(code)) else None
            yield pk, regions[code]
    else:
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


@dataclass
class PeopleGroups:
    """Every person served in the period and their groups under one dimension. Most people
    are in one group: they cost a dictionary entry, not a set of their own."""

    first: dict[int, Group]  # every person and one of their groups
    more: dict[int, set[Group]]  # every group of the people in several

    def __len__(self) -> int:
        return len(self.first)

    def items(self) -> Iterator[tuple[int, Iterable[Group]]]:
        for pk, group in self.first.items():
            yield pk, self.more.get(pk) or (group,)


def groups_per_person(scope: Scope, dimension: str) -> PeopleGroups:
    """Every person served in the period and their groups under `dimension`; a person with
    none is in the 'not recorded' group, so every person is in at least one."""
    people = scope.people
    first: dict[int, Group] = {}
    more: dict[int, set[Group]] = {}
    for pk, group in _memberships(scope, dimension):
        if group is None or pk not in people:
            continue
        found = first.setdefault(pk, group)
        if found is not group and found != group:
            more.setdefault(pk, {found}).add(group)
    unclassified = (LAST, UNCLASSIFIED[dimension]())
    for pk in people:
        first.setdefault(pk, unclassified)
    return PeopleGroups(first, more)


def _several_note(people: PeopleGroups) -> str:
    several = len(people.more)
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
    for _pk, groups in people.items():
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
    columns = {code: index for index, code in enumerate(Sex.values)}
    counts: dict[Group, list[int]] = defaultdict(lambda: [0] * len(columns))
    totals = [0] * len(columns)
    for pk, groups in people.items():
        column = columns.get(scope.people[pk].sex)
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
