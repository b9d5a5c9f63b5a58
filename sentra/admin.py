from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sentra.forms import AdminLoginForm
from sentra.models import AuditEvent, Centre, User

# The Django admin's login is throttled like the site's (sentra/logins.py).
admin.site.login_form = AdminLoginForm


@admin.register(Centre)
class CentreAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "kind", "province", "time_zone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class StaffAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "centre", "role", "is_active", "is_superuser"]
    list_filter = ["centre", "role", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["full_name", "email"]}),
        (_("Centre and role"), {"fields": ["centre", "role", "is_active"]}),
        (_("Superuser"), {"fields": ["is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    "username",
                    "full_name",
                    "email",
                    "centre",
                    "role",
                    "password1",
                    "password2",
                ]
            },
        )
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is only ever appended to."""

    list_display = ["at", "username", "centre", "action", "object_type", "object_label"]
    list_filter = ["action", "centre"]
    search_fields = ["username", "object_id", "object_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
