"""Moving in, moving rooms, moving out, belongings."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from residence.forms.common import BedChoiceField, past_date
from residence.models import AgeGroup, Bed, DepartureReason, SexGroup, Stay
from sentra.inputs import DATE_INPUT

MAX_BELONGINGS = 50


def free_beds_for(client, centre):
    """Usable, free beds of `centre` in buildings for the client's sex (and, for a child,
    not in an adults' building)."""
    beds = (
        Bed.objects.filter(room__building__centre=centre)
        .usable()
        .exclude(pk__in=Stay.objects.current().values("bed_id"))
        .filter(room__building__sex__in=[client.sex, SexGroup.MIXED])
        .select_related("room", "room__building")
    )
    if client.is_child:
        beds = beds.filter(room__building__age_group__in=[AgeGroup.CHILDREN, AgeGroup.ANY])
    return beds


class MoveInForm(forms.Form):
    bed = BedChoiceField(label=_("Bed"), queryset=Bed.objects.none())
    moved_in_on = forms.DateField(label=_("Moved in on"), widget=DATE_INPUT)
    belongings = forms.CharField(
        label=_("Belongings received"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line, e.g. 2 shirts, 1 school bag, a phone."),
    )

    def __init__(self, *args, client, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bed"].queryset = free_beds_for(client, centre)
        self.fields["moved_in_on"].initial = timezone.localdate()

    def clean_moved_in_on(self):
        return past_date(self.cleaned_data["moved_in_on"])

    def clean_belongings(self):
        lines = [line.strip() for line in self.cleaned_data["belongings"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_BELONGINGS:
            raise forms.ValidationError(
                _("At most %(n)s lines: group small things together.") % {"n": MAX_BELONGINGS}
            )
        if any(len(line) > 200 for line in lines):
            raise forms.ValidationError(_("Keep each line under 200 characters."))
        return lines


class RoomMoveForm(forms.Form):
    to_bed = BedChoiceField(label=_("New bed"), queryset=Bed.objects.none())
    moved_on = forms.DateField(label=_("Moved on"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, stay, **kwargs):
        super().__init__(*args, **kwargs)
        self.stay = stay
        self.fields["to_bed"].queryset = free_beds_for(stay.client, stay.centre).filter(
            ~Q(pk=stay.bed_id)
        )
        self.fields["moved_on"].initial = timezone.localdate()

    def clean_moved_on(self):
        moved_on = past_date(self.cleaned_data["moved_on"])
        if moved_on < self.stay.moved_in_on:
            raise forms.ValidationError(_("The move cannot be before the resident moved in."))
        return moved_on


class MoveOutForm(forms.Form):
    moved_out_on = forms.DateField(label=_("Moved out on"), widget=DATE_INPUT)
    reason = forms.ChoiceField(label=_("Reason"), choices=DepartureReason.choices)
    note = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    belongings_returned_to = forms.CharField(
        label=_("Belongings handed back to (signed by)"),
        required=False,
        max_length=200,
        help_text=_("The resident or the family member who signed for the belongings."),
    )

    def __init__(self, *args, stay, **kwargs):
        super().__init__(*args, **kwargs)
        self.stay = stay
        self.fields["moved_out_on"].initial = timezone.localdate()

    def clean_moved_out_on(self):
        moved_out_on = past_date(self.cleaned_data["moved_out_on"])
        if moved_out_on < self.stay.moved_in_on:
            raise forms.ValidationError(_("The move-out date is before the move-in date."))
        return moved_out_on


class BelongingForm(forms.Form):
    description = forms.CharField(label=_("Item"), max_length=200)
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=999,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
