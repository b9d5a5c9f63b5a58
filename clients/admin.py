"""Django admin for superusers: history with restore of earlier versions. Centre staff work
in the app; nothing here deletes case data."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clients.models import (
    AtensiCluster,
    Client,
    ClusterMapping,
    Consent,
    FamilyMember,
    PPKSCategory,
)


class NoDeleteHistoryAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Client)
class ClientAdmin(NoDeleteHistoryAdmin):
    list_display = ["registration_number", "centre", "status", "registered_on"]
    list_filter = ["centre", "status"]
    search_fields = ["registration_number"]
    raw_id_fields = ["registered_by", "category"]


admin.site.register(FamilyMember, NoDeleteHistoryAdmin)
admin.site.register(Consent, NoDeleteHistoryAdmin)


class ClusterMappingInline(admin.TabularInline):
    """The clusters a category falls into: the ministry changes them, administrators
    follow."""

    model = ClusterMapping
    extra = 1


@admin.register(PPKSCategory)
class PPKSCategoryAdmin(NoDeleteHistoryAdmin):
    list_display = ["code", "name_id", "centre", "is_active"]
    inlines = [ClusterMappingInline]


@admin.register(ClusterMapping)
class ClusterMappingAdmin(admin.ModelAdmin):
    list_display = ["category", "cluster"]
    list_filter = ["cluster"]


admin.site.register(AtensiCluster)
