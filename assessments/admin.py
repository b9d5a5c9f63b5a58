from django.contrib import admin

from assessments.models import Assessment, Instrument
from clients.admin import NoDeleteHistoryAdmin

admin.site.register(Instrument, NoDeleteHistoryAdmin)
admin.site.register(Assessment, NoDeleteHistoryAdmin)
