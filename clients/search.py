"""Finding a client in the registry: by name, alias, registration number or a whole NIK/KK."""

from django.conf import settings
from django.db.models import Q

from clients.services import normalise_name

IDENTITY_NUMBER_LENGTH = 16
# Names only similar to the term (a misspelling, a variant): four pages are plenty to spot
# the person meant, and the index walk that finds them stops five times sooner than at 500.
SIMILAR_LIMIT = 100


def is_identity_number(term: str) -> bool:
    """A search term that is (or looks like) a NIK or KK: never stored nor shown back."""
    return term.replace(" ", "").isdigit()


def search_clients(queryset, term: str):
    """Name, alias or registration number, partial, case- and accent-insensitive; NIK or
    KK only whole (16 digits, exact). On PostgreSQL misspelt names are found by trigram
    similarity too.

    A NIK is never matched by a prefix: the registry lists clients the searcher may not
    open, so a prefix match let a colleague recover a full NIK digit by digit.

    Every branch is served by an index at national scale: NIK and KK by equality, names
    and registration numbers by trigram GIN indexes (`LIKE '%x%'` and the word-similarity
    operator `%>`, whose threshold is set for the session in settings; the similarity
    *function* could not use the index)."""
    term = term.strip()
    digits = term.replace(" ", "")
    if digits.isdigit():
        if len(digits) != IDENTITY_NUMBER_LENGTH:
            return queryset.none()
        return queryset.filter(Q(nik=digits) | Q(kk_number=digits))
    if _is_number(term):
        if settings.IS_POSTGRES:
            # Registration numbers are written in capitals (sentra/numbering.py).
            return queryset.filter(registration_number__contains=term.upper())
        return queryset.filter(registration_number__icontains=term)
    name = normalise_name(term)
    if not name:
        return queryset.none()
    matches = Q(search_name__contains=name)
    if settings.IS_POSTGRES:
        return queryset.filter(matches | Q(search_name__trigram_word_similar=name))
    return queryset.filter(matches | Q(registration_number__icontains=term))


def find_client_ids(queryset, term: str, limit: int) -> list[int]:
    """The ids of up to `limit` clients `search_clients` finds, in `queryset`'s order but
    names that contain the term as typed before names only similar to it (at most
    SIMILAR_LIMIT of those).

    A full name of common words is similar to thousands of names (4 000 in a centre of
    150 000): kept in the registry's order alone, the first `limit` could leave out the
    very person typed in full. Two queries rather than one ordered by similarity: each
    stays a walk of the registry's index that stops at `limit` rows, where sorting every
    similar name by similarity costs 130-500 ms at that size."""
    found = search_clients(queryset, term)
    name = normalise_name(term.strip())
    if not (settings.IS_POSTGRES and name) or is_identity_number(term) or _is_number(term):
        return list(found.values_list("pk", flat=True)[:limit])
    containing = list(found.filter(search_name__contains=name).values_list("pk", flat=True)[:limit])
    if len(containing) == limit:
        return containing
    similar = found.exclude(search_name__contains=name).values_list("pk", flat=True)
    return containing + list(similar[: min(limit - len(containing), SIMILAR_LIMIT)])


def _is_number(term: str) -> bool:
    """A registration number (searched by any part, not by name)."""
    term = term.strip()
    return "-" in term and any(ch.isdigit() for ch in term)
