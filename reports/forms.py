from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.models import ReportRun


def _last_month() -> str:
    first = timezone.localdate().replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


class MonthlyReportForm(forms.Form):
    month = forms.CharField(
        label=_("Month"), initial=_last_month, widget=forms.DateInput(attrs={"type": "month"})
    )
    kind = forms.ChoiceField(
        label=_("Format"),
        choices=[
            (ReportRun.Kind.MONTHLY_PDF, "PDF"),
            (ReportRun.Kind.MONTHLY_XLSX, "XLSX"),
            (ReportRun.Kind.MONTHLY_CSV, "CSV"),
        ],
    )

    def clean_month(self):
        raw = self.cleaned_data["month"]
        try:
            month = date.fromisoformat(f"{raw}-01")
        except ValueError:
            raise forms.ValidationError(_("Choose a month, e.g. 2026-10.")) from None
        if month > timezone.localdate():
            raise forms.ValidationError(_("That month has not started yet."))
        return month.strftime("%Y-%m")


class CaseReportForm(forms.Form):
    include_notes = forms.BooleanField(label=_("Include case notes"), required=False, initial=True)
