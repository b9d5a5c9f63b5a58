"""The registry list: search, filters, and the PPKS categories admins extend."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clients.models import (
    AtensiCluster,
    Client,
    PPKSCategory,
)


class ClientSearchForm(forms.Form):
    """Sent by POST so names never land in URLs or server logs."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Name, alias, NIK, KK or registration number"),
                "autocomplete": "off",
            }
        ),
    )


class ClientFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("mine", _("Clients whose file I can open")), ("all", _("Whole registry"))],
    )
    category = forms.ModelChoiceField(
        label=_("PPKS category"), queryset=PPKSCategory.objects.none(), required=False
    )
    cluster = forms.ModelChoiceField(
        label=_("ATENSI cluster"), queryset=AtensiCluster.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active and archived")), *Client.Status.choices],
    )
    worker: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Social worker"), queryset=None, required=False
    )

    def __init__(self, *args, centre, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = PPKSCategory.objects.for_centre(centre)
        self.fields["cluster"].queryset = AtensiCluster.objects.for_centre(centre)
        self.fields["worker"].queryset = staff


class CategoryForm(forms.ModelForm):
    class Meta:
        model = PPKSCategory
        fields = ["code", "name_id", "name_en", "clusters"]
        widgets = {"clusters": forms.CheckboxSelectMultiple()}

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.fields["clusters"].queryset = AtensiCluster.objects.for_centre(centre).active()

    def clean_code(self):
        code = self.cleaned_data["code"]
        if PPKSCategory.objects.for_centre(self.centre).filter(code=code).exists():
            raise forms.ValidationError(_("A category with this code already exists."))
        return code
