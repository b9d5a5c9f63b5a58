"""Reference lists: the ministry's entries (no centre) and each centre's own additions."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sentra.models import Centre


class ReferenceQuerySet(models.QuerySet):
    def for_centre(self, centre):
        """The ministry's list (no centre) plus what this centre's admin added."""
        return self.filter(models.Q(centre__isnull=True) | models.Q(centre=centre))

    def active(self):
        return self.filter(is_active=True)


class ReferenceItem(models.Model):
    """An entry of a reference list: the ministry's (centre empty) or a centre's own."""

    code = models.SlugField(_("code"), max_length=40)
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, null=True, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_id"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id

    @property
    def audit_label(self) -> str:
        return self.code


class PPKSCategory(ReferenceItem):
    clusters: models.ManyToManyField = models.ManyToManyField(
        "AtensiCluster",
        verbose_name=_("ATENSI clusters"),
        through="ClusterMapping",
        related_name="categories",
        blank=True,
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("PPKS category")
        verbose_name_plural = _("PPKS categories")
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="ppks_code_unique_per_centre"),
        ]


class AtensiCluster(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("ATENSI cluster")
        verbose_name_plural = _("ATENSI clusters")


class DisabilityType(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("disability type")
        verbose_name_plural = _("disability types")


class ClusterMapping(models.Model):
    """A PPKS category falls into an ATENSI cluster. The ministry changes its directorates,
    so the mapping is data: seeded by a migration, edited by administrators."""

    category = models.ForeignKey(
        PPKSCategory, verbose_name=_("PPKS category"), on_delete=models.CASCADE
    )
    cluster = models.ForeignKey(
        AtensiCluster, verbose_name=_("ATENSI cluster"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("category to cluster mapping")
        verbose_name_plural = _("category to cluster mappings")
        constraints = [
            models.UniqueConstraint(fields=["category", "cluster"], name="cluster_mapping_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.category} → {self.cluster}"
