from django.contrib import admin

from clients.admin import NoDeleteHistoryAdmin
from residence.models import (
    AbscondingReport,
    Bed,
    Building,
    DutyShift,
    Incident,
    LeaveRequest,
    RollCall,
    Room,
    Routine,
    Stay,
)


@admin.register(Stay)
class StayAdmin(NoDeleteHistoryAdmin):
    list_display = ["case", "centre", "bed", "moved_in_on", "moved_out_on"]
    list_filter = ["centre"]
    raw_id_fields = ["case", "client", "bed", "moved_in_by", "moved_out_by"]


for model in (
    Building,
    Room,
    Bed,
    Routine,
    RollCall,
    LeaveRequest,
    AbscondingReport,
    Incident,
    DutyShift,
):
    admin.site.register(model, NoDeleteHistoryAdmin)
