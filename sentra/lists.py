"""The one list-page pattern: a queryset from `visible_to(user)`, filtered, paginated."""

from django.core.paginator import Paginator

PAGE_SIZE = 25


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    """The requested page; a page number that is not a number or out of range gives the
    nearest real page instead of an error."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))
