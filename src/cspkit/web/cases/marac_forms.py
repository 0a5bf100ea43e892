"""Forms for MARAC and the domestic homicide review register."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cspkit.cases.marac import Checklist
from cspkit.web.accounts.models import Agency, User
from cspkit.web.cases.models import (
    DhrRecommendation,
    DomesticHomicideReview,
    MaracAction,
    MaracMeeting,
    MaracReferral,
    PersonRecord,
)
from cspkit.web.cases.models.marac import YES_NO_UNKNOWN
from cspkit.web.cases.policy import CASE_ROLES
from cspkit.web.datahub.models import SharingAgreement

_DATE = forms.DateInput(attrs={"type": "date"})


def _not_future(day: date) -> date:
    if not date(1900, 1, 1) <= day <= date.today():
        raise forms.ValidationError(_("The date must be between 1900 and today"))
    return day


class ReferralForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MaracReferral
        fields = (
            "perpetrator",
            "coordinator",
            "agreement",
            "incident_on",
            "incident_kind",
            "checklist_score",
            "professional_judgement",
            "incidents_12_months",
            "relationship",
            "children_in_household",
            "mappa",
            "child_safeguarding",
            "ethnic_minority",
            "disabled",
            "lgbt",
        )
        widgets = {"incident_on": _DATE}

    def __init__(self, *args: Any, victim: PersonRecord, checklist: Checklist, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        self.fields["perpetrator"].queryset = PersonRecord.objects.filter(  # type: ignore[attr-defined]
            owner=victim.owner, delete_on__gte=date.today()
        ).exclude(pk=victim.pk)
        self.fields["perpetrator"].label_from_instance = lambda p: f"{p.reference}: {p.name}"  # type: ignore[attr-defined]
        self.fields["coordinator"].queryset = Agency.objects.all()  # type: ignore[attr-defined]
        self.fields["agreement"].queryset = SharingAgreement.objects.filter(  # type: ignore[attr-defined]
            review_date__gte=date.today()
        )
        self.fields["checklist_score"].help_text = _("%(name)s: %(items)s items; %(high)s or more is high risk.") % {
            "name": checklist.name,
            "items": checklist.items,
            "high": checklist.high_risk_at,
        }
        for name in ("ethnic_minority", "disabled", "lgbt"):
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label, choices=YES_NO_UNKNOWN, required=False, widget=forms.RadioSelect
            )

    def clean_incident_on(self) -> date:
        return _not_future(self.cleaned_data["incident_on"])

    def clean_checklist_score(self) -> int | None:
        score: int | None = self.cleaned_data["checklist_score"]
        if score is not None and score > self.checklist.items:
            raise forms.ValidationError(
                _("The score cannot be more than the checklist's %(n)s items") % {"n": self.checklist.items}
            )
        return score


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MaracMeeting
        fields = ("held_on", "place", "agencies")
        widgets = {"held_on": _DATE, "agencies": forms.CheckboxSelectMultiple}


class ResearchForm(forms.Form):
    summary = forms.CharField(label=_("What your agency knows"), widget=forms.Textarea(attrs={"rows": 4}))


class ActionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MaracAction
        fields = ("title", "agency", "owner", "due_on")
        widgets = {"due_on": _DATE}

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
            pk__in=[a.pk for a in agencies]
        )
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            agency__in=agencies, role__in=CASE_ROLES, is_active=True
        ).order_by("agency__name", "username")

    def clean_due_on(self) -> date:
        due: date = self.cleaned_data["due_on"]
        if due < date.today():
            raise forms.ValidationError(_("The due date cannot be in the past"))
        return due

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        owner, agency = data.get("owner"), data.get("agency")
        if owner is not None and agency is not None and owner.agency_id != agency.pk:
            self.add_error("owner", _("The owner must work for the agency the action is for"))
        return data


class HearingForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))
    idva = forms.ModelChoiceField(queryset=User.objects.none(), label=_("IDVA allocated"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["idva"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role__in=CASE_ROLES, is_active=True, agency__isnull=False
        ).order_by("agency__name", "username")


class ReviewForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DomesticHomicideReview
        fields = (
            "reference",
            "pseudonym",
            "died_on",
            "notified_on",
            "decided_on",
            "stage",
            "chair",
            "published_on",
            "summary",
        )
        widgets = {"died_on": _DATE, "notified_on": _DATE, "decided_on": _DATE, "published_on": _DATE}
        help_texts = {"pseudonym": _("Never the person's name: reviews are published anonymised.")}


class RecommendationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = DhrRecommendation
        fields = ("text", "agency", "action", "due_on", "status")
        widgets = {
            "due_on": _DATE,
            "text": forms.Textarea(attrs={"rows": 3}),
            "action": forms.Textarea(attrs={"rows": 2}),
        }
