from django.contrib import admin

from activities.models import (
    Activity,
    ActivityKind,
    Attendance,
    Certificate,
    Course,
    Enrolment,
    ScheduleSlot,
    StarterPackage,
)
from clients.admin import NoDeleteHistoryAdmin


@admin.register(Activity)
class ActivityAdmin(NoDeleteHistoryAdmin):
    list_display = ["held_on", "starts_at", "kind", "centre"]
    list_filter = ["centre", "kind"]
    raw_id_fields = ["facilitator_staff", "slot", "course", "module", "recorded_by"]


@admin.register(Attendance)
class AttendanceAdmin(NoDeleteHistoryAdmin):
    list_display = ["activity", "case", "status"]
    raw_id_fields = ["activity", "case", "service", "recorded_by"]


admin.site.register(ActivityKind, NoDeleteHistoryAdmin)
admin.site.register(ScheduleSlot, NoDeleteHistoryAdmin)
admin.site.register(Course, NoDeleteHistoryAdmin)
admin.site.register(Enrolment, NoDeleteHistoryAdmin)
admin.site.register(Certificate, NoDeleteHistoryAdmin)
admin.site.register(StarterPackage, NoDeleteHistoryAdmin)
