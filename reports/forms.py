from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.models import Letter, ReportRun
from reports.monthly.period import MONTH, QUARTER, YEAR_TO_DATE


def _last_month() -> str:
    first = timezone.localdate().replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


class MonthlyReportForm(forms.Form):
    month = forms.CharField(
        label=_("Month"), initial=_last_month, widget=forms.DateInput(attrs={"type": "month"})
    )
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (MONTH, _("The month")),
            (QUARTER, _("The quarter of that month")),
            (YEAR_TO_DATE, _("January up to that month (year to date)")),
        ],
        initial=MONTH,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Format"),
        choices=[
            (ReportRun.Kind.MONTHLY_PDF, "PDF"),
            (ReportRun.Kind.MONTHLY_XLSX, "XLSX"),
            (ReportRun.Kind.MONTHLY_CSV, _("CSV (one file per table, in a ZIP)")),
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

    def clean_period(self):
        return self.cleaned_data.get("period") or MONTH


class CaseReportForm(forms.Form):
    include_notes = forms.BooleanField(label=_("Include case notes"), required=False, initial=True)


class IssueLetterForm(forms.Form):
    """Which letter, and for a referral letter or a handover record, from which record."""

    kind = forms.ChoiceField(label=_("Letter"), choices=Letter.Kind.choices)
    source = forms.ChoiceField(label=_("Issued from"), required=False)

    def __init__(self, *args, referrals=(), terminations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.records = {
            **{f"referral:{r.public_id}": r for r in referrals},
            **{f"termination:{t.public_id}": t for t in terminations},
        }
        self.fields["source"].choices = [
            ("", _("The case itself")),
            *[
                (f"referral:{r.public_id}", _("Referral to %(partner)s") % {"partner": r.partner})
                for r in referrals
            ],
            *[
                (
                    f"termination:{t.public_id}",
                    _("Termination: %(reason)s") % {"reason": t.get_reason_display()},
                )
                for t in terminations
            ],
        ]

    def clean(self):
        cleaned = super().clean()
        kind, source = cleaned.get("kind"), self.records.get(cleaned.get("source") or "")
        wanted = {Letter.Kind.REFERRAL: "referral:", Letter.Kind.HANDOVER: "termination:"}.get(kind)
        if wanted and not (cleaned.get("source") or "").startswith(wanted):
            self.add_error("source", _("Choose the record this letter is issued from."))
        cleaned["record"] = source if wanted else None
        return cleaned


class CancelLetterForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=300)


class VerifyLetterForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20)
