"""Forms for ASB cases: opening a case (with its governance), a party, an incident, an
intervention on the ladder, linking the resident's case review application, closing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cspkit.cases.asb import AsbRules
from cspkit.config.cases import CasesConfig
from cspkit.web.cases.forms import _Governance
from cspkit.web.cases.models import AsbCase, AsbIncident, AsbIntervention, AsbParty, CaseLocation, PersonRecord

_DATE = forms.DateInput(attrs={"type": "date"})
NO_NAMES = _("Describe the behaviour and the place; people are added as parties, not named here.")


def _past(day: date) -> date:
    if not date(2000, 1, 1) <= day <= date.today():
        raise forms.ValidationError(_("The date must be between 2000 and today"))
    return day


class CaseForm(_Governance):
    class Meta:
        model = AsbCase
        fields = (
            "title",
            "summary",
            "ward",
            "location",
            "lsoa21",
            "opened_on",
            "purpose",
            "legal_basis",
            "consent",
            "consent_reason",
        )
        widgets = {
            "opened_on": _DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "consent_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "title": NO_NAMES,
            "lsoa21": _("The LSOA code (E01…) where it happens, so the case is counted in its neighbourhood."),
        }

    def __init__(
        self,
        *args: Any,
        config: CasesConfig,
        wards: list[tuple[str, str]],
        places: QuerySet[CaseLocation],
        lsoas: frozenset[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, config=config, **kwargs)
        self.lsoas = lsoas
        self.fields["ward"] = forms.ChoiceField(label=_("Ward"), choices=[("", "—"), *wards], required=False)
        self.fields["location"].queryset = places  # type: ignore[attr-defined]
        self.fields["location"].label_from_instance = lambda p: f"{p.reference}: {p.name}"  # type: ignore[attr-defined]
        if config.purpose("asb"):
            self.fields["purpose"].initial = "asb"

    def clean_opened_on(self) -> date:
        return _past(self.cleaned_data["opened_on"])

    def clean_lsoa21(self) -> str:
        code = str(self.cleaned_data.get("lsoa21", "")).strip().upper()
        if code and code not in self.lsoas:
            raise forms.ValidationError(_("%(code)s is not an LSOA in England and Wales") % {"code": code})
        return code


class PartyForm(forms.ModelForm):  # type: ignore[type-arg]
    reference = forms.CharField(
        label=_("Their person record's reference"),
        max_length=16,
        help_text=_("A record your agency holds, e.g. P-7K2M9QD. Record the person first if there is none."),
    )

    class Meta:
        model = AsbParty
        fields = ("role", "vulnerable", "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, people: QuerySet[PersonRecord], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people

    def clean_reference(self) -> PersonRecord:
        found = self.people.filter(reference=self.cleaned_data["reference"].strip().upper()).first()
        if found is None:
            raise forms.ValidationError(_("No record your agency holds has that reference"))
        return found


class IncidentForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AsbIncident
        fields = ("occurred_on", "description", "complaint", "reported_to", "perpetrator")
        widgets = {"occurred_on": _DATE, "description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "complaint": _("Tick when a complainant reported it: complaints count towards the case review threshold."),
        }

    def __init__(self, *args: Any, perpetrators: list[PersonRecord], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["perpetrator"]
        field.queryset = PersonRecord.objects.filter(pk__in=[p.pk for p in perpetrators])  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: p.reference  # type: ignore[attr-defined]
        field.empty_label = _("Not known")  # type: ignore[attr-defined]

    def clean_occurred_on(self) -> date:
        return _past(self.cleaned_data["occurred_on"])


class InterventionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AsbIntervention
        fields = ("perpetrator", "step", "on", "ends_on", "note")
        widgets = {"on": _DATE, "ends_on": _DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, perpetrators: list[PersonRecord], rules: AsbRules, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["perpetrator"]
        field.queryset = PersonRecord.objects.filter(pk__in=[p.pk for p in perpetrators])  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: p.reference  # type: ignore[attr-defined]
        self.fields["step"] = forms.ChoiceField(
            label=_("Step on the ladder"), choices=[(s.code, s.label) for s in rules.ladder]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, ends = data.get("on"), data.get("ends_on")
        if on is not None:
            try:
                _past(on)
            except forms.ValidationError as error:
                self.add_error("on", error)
        if on is not None and ends is not None and ends < on:
            self.add_error("ends_on", _("It cannot end before it was made"))
        return data


class ReviewLinkForm(forms.Form):
    application = forms.CharField(
        label=_("ASB case review application reference"),
        max_length=12,
        help_text=_("The reference the resident was given when they applied, e.g. CT-4F7K2Q."),
    )


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=_DATE)
    closure_reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))
