"""Roles and the scope of what each sees: primitives at the ground of the project.

Each product model's QuerySet holds its own visibility rule (`Case.objects.visible_to(user)`)
and builds it from these few facts about the user; `sentra/access.py` stands above all the
models and turns those rules into answers for views (404, 403). Nothing here imports a
product app. The rules themselves are described in docs/architecture.md.
"""

from django.db import models
from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker (peksos)")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Admin")
    # Nurses and other health workers of a residential centre: they keep the residents'
    # health records. Granted, like every role, by the centre's admin on the staff page.
    HEALTH_STAFF = "health_staff", _("Health staff (petugas kesehatan)")


# A filter that matches nothing, for users who may see nothing of a kind.
NOTHING = Q(pk__in=[])


def has_role(user, *roles: str) -> bool:
    """Whether `user` is logged in with one of `roles`; superusers have every role."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.role in roles


def sees_whole_centre(user) -> bool:
    """Supervisors and admins see every case and client of their own centre (admins never
    confidential notes); superusers see every centre."""
    return has_role(user, Role.SUPERVISOR, Role.ADMIN)


def in_centre(user, field: str = "centre") -> Q:
    """Records of the user's own centre (every centre for a superuser). `field` is the
    lookup that leads from the record to its centre, e.g. "case__centre"."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    if user.centre_id is None:
        return NOTHING
    return Q(**{field: user.centre_id})


def related_model(model: type[Model], relation: str) -> type[Model]:
    """The model at the other end of `model.relation`.

    A lower app reaches a higher app's rows through the relation the higher app declared,
    never through an import, so dependencies keep running one way (an assessment reaches
    its case's visibility rule as `related_model(Assessment, "case")`)."""
    return model._meta.get_field(relation).related_model  # type: ignore[return-value]
