import json
from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from assessments import schema
from assessments.models import Contributor, Instrument
from sentra.inputs import VersionedFormMixin

PREFIX = "q_"


class AnswerForm(VersionedFormMixin, forms.Form):
    """Fields generated from an instrument definition. The form only collects values;
    `schema.clean_answers` is the one place answers are checked. Given the `assessment` it
    edits, it carries that draft's version, so two people answering the same draft never
    overwrite each other unseen."""

    def __init__(
        self, *args, definition: dict, answers: dict | None = None, assessment=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if assessment is not None:
            self.add_version_field(assessment)
        self.definition = definition
        self.sections = []
        answers = answers or {}
        for section in definition["sections"]:
            names = []
            for question in section["questions"]:
                name = PREFIX + question["key"]
                field = self._field_for(question)
                field.initial = answers.get(question["key"])
                condition = question.get("show_if")
                if condition:
                    field.widget.attrs["data-show-if"] = PREFIX + condition["question"]
                    field.widget.attrs["data-show-if-values"] = json.dumps(
                        condition.get("in", [condition.get("equals")])
                    )
                self.fields[name] = field
                names.append(name)
            self.sections.append({"title": schema.text(section.get("title", {})), "names": names})

    def describe_change(self, change) -> None:
        """An answer the other person changed reads as its question, beside this form's."""
        name = PREFIX + change.name.removeprefix("answers.")
        if name in self.fields:
            change.label = str(self.fields[name].label).removesuffix(" *")
            value = self.cleaned_data.get(name)
            change.yours = "" if value in (None, "", []) else str(value)

    @staticmethod
    def _field_for(question: dict) -> forms.Field:
        label = schema.text(question.get("label", {}))
        if question.get("required"):
            label = f"{label} *"
        common: dict[str, Any] = {
            "label": label,
            "required": False,
            # Form templates print help text unescaped (it may hold markup in Django's
            # own forms); an instrument's help is data, so it is escaped here.
            "help_text": escape(schema.text(question.get("help", {}))),
        }
        kind = question["type"]
        choices = [(c["value"], schema.text(c["label"])) for c in question.get("choices", [])]
        if kind == "short_text":
            return forms.CharField(max_length=500, **common)
        if kind == "long_text":
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
        if kind == "yes_no":
            return forms.ChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
            )
        if kind == "single_choice":
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        if kind == "multi_choice":
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        if kind == "number":
            attrs = {"inputmode": "decimal"}
            for bound in ("min", "max"):
                if bound in question:
                    attrs[bound] = question[bound]
            return forms.CharField(widget=forms.NumberInput(attrs=attrs), **common)
        if kind == "date":
            return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        # A scale: 1 to 5, each point with its anchor when the definition names them.
        anchors = [schema.text(a) for a in question.get("anchors", [])]
        return forms.ChoiceField(
            choices=[
                (str(n), f"{n} – {anchors[n - 1]}" if len(anchors) == 5 else str(n))
                for n in range(1, 6)
            ],
            widget=forms.RadioSelect(attrs={"class": "scale"}),
            **common,
        )

    def raw_answers(self) -> dict:
        return {name[len(PREFIX) :]: value for name, value in self.cleaned_data.items()}

    def add_answer_errors(self, errors: dict) -> None:
        for key, message in errors.items():
            self.add_error(PREFIX + key, message)


class StartAssessmentForm(forms.Form):
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=Instrument.objects.none())

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        # National instruments and the case's own centre's: never another centre's.
        self.fields["instrument"].queryset = Instrument.objects.published().usable_in(centre)  # type: ignore[attr-defined]


class InstrumentImportForm(forms.Form):
    definition_file = forms.FileField(label=_("Instrument JSON file"), required=False)
    definition_text = forms.CharField(
        label=_("…or paste the JSON"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    publish = forms.BooleanField(label=_("Publish it now"), required=False)

    MAX_BYTES = 512 * 1024

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("definition_file")
        if upload and upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("An instrument file is at most 512 KB."))
        raw = (
            upload.read().decode("utf-8", errors="replace")
            if upload
            else cleaned.get("definition_text", "")
        )
        if len(raw) > self.MAX_BYTES:
            raise forms.ValidationError(_("An instrument file is at most 512 KB."))
        if not raw.strip():
            raise forms.ValidationError(_("Choose a file or paste the JSON."))
        cleaned["raw"] = raw
        return cleaned


class ContributorForm(forms.ModelForm):
    """Another profession's part in an assessment: who, in what role, which sections."""

    sections = forms.MultipleChoiceField(
        label=_("Sections they assessed"), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Contributor
        fields = ["name", "profession", "role", "sections"]

    def __init__(self, *args, definition: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [  # type: ignore[attr-defined]  # a choice field
            (section["key"], schema.text(section.get("title", {})))
            for section in definition["sections"]
        ]
