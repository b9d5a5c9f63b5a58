"""The one list-page pattern: a queryset from `visible_to(user)`, filtered, paginated.

Lists grow without bound (a centre registers thousands of clients a year, the audit trail
millions of rows), so no list counts all its rows: `paginate` counts at most `COUNT_CAP`
and shows "of 400+" beyond, and the audit trail reads page after page by keyset
(`keyset_page`) instead of OFFSET.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property

PAGE_SIZE = 25
# Rows counted at most; a longer list shows its pages up to here and says "+". Past the
# cap a user narrows the list with its filters or the search.
COUNT_CAP = 10_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        if not hasattr(self.object_list, "order_by"):
            return len(self.object_list)
        # COUNT over `SELECT ... LIMIT cap + 1`: the cost stops growing at the cap.
        # Only the keys: annotations of the page (e.g. `can_open`) stay out of the count.
        counted = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        return min(counted, self.cap)

    @cached_property
    def is_capped(self) -> bool:
        if not hasattr(self.object_list, "order_by"):
            return False
        return (
            self.count >= self.cap and self.object_list.order_by()[self.cap : self.cap + 1].exists()
        )


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """The requested page; a page number that is not a number or out of range gives the
    nearest real page instead of an error."""
    paginator = CappedPaginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


class _CappedKeys(Paginator):
    """Pages over keys read up to `COUNT_CAP + 1`: the extra key only says there are more."""

    def __init__(self, keys: list, per_page: int):
        super().__init__(keys[:COUNT_CAP], per_page)
        self.is_capped = len(keys) > COUNT_CAP


def paginate_by_keys(request, queryset, rows, per_page: int = PAGE_SIZE):
    """`paginate` for a list that is a set built per request, whose every member is read to
    count it anyway (a social worker's own files: an IN over a UNION). One query reads the
    keys in the list's order, up to the cap; the page's rows are then read by key from
    `rows` (the same model, with its joins), so the set is built once instead of twice (for
    the count, then for the page) and the page's query does not rebuild it."""
    keys = list(queryset.values_list("pk", flat=True)[: COUNT_CAP + 1])
    return paginate_keys(request, keys, rows, per_page)


def paginate_keys(request, keys: list, rows, per_page: int = PAGE_SIZE):
    """A page of `keys`, in their order, with its rows read by key from `rows`."""
    page = _CappedKeys(keys, per_page).get_page(request.GET.get("page"))
    found = {row.pk: row for row in rows.filter(pk__in=page.object_list)}
    page.object_list = [found[key] for key in page.object_list if key in found]
    return page


@dataclass
class KeysetPage:
    """One page of a list read newest first by (`at`, `id`): `older` is the cursor of the
    next page, None on the last; `is_first` when no cursor was given."""

    rows: list
    older: str | None
    is_first: bool

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def keyset_page(request, queryset, per_page: int, field: str = "at") -> KeysetPage:
    """The page after the cursor `?older=<microseconds since 1970>_<id>` of `queryset`, ordered by
    (`field`, id) descending: each page costs one index range scan however deep it is."""
    cursor = _parse_cursor(request.GET.get("older", ""))
    rows = queryset.order_by(f"-{field}", "-id")
    if cursor:
        at, pk = cursor
        rows = rows.filter(**{f"{field}__lte": at}).filter(Q(**{f"{field}__lt": at}) | Q(pk__lt=pk))
    found = list(rows[: per_page + 1])
    older = None
    if len(found) > per_page:
        last = found[per_page - 1]
        older = f"{(getattr(last, field) - EPOCH) // timedelta(microseconds=1)}_{last.pk}"
    return KeysetPage(rows=found[:per_page], older=older, is_first=cursor is None)


def _parse_cursor(value: str) -> tuple[datetime, int] | None:
    at, _sep, pk = value.partition("_")
    try:
        return EPOCH + timedelta(microseconds=int(at)), int(pk)
    except (ValueError, OverflowError):
        return None
