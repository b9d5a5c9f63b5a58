from django.contrib import admin

from casework.models import Case, CaseNote, PlanVersion, ServiceType
from clients.admin import NoDeleteHistoryAdmin


@admin.register(Case)
class CaseAdmin(NoDeleteHistoryAdmin):
    list_display = ["number", "centre", "stage", "opened_at"]
    list_filter = ["centre", "stage"]
    search_fields = ["number"]
    raw_id_fields = ["client", "primary_worker", "supervisor", "opened_by", "first_response_by"]


admin.site.register(CaseNote, NoDeleteHistoryAdmin)
admin.site.register(PlanVersion, NoDeleteHistoryAdmin)
admin.site.register(ServiceType)
