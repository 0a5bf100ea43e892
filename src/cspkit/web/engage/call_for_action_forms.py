"""Forms for the Councillor Call for Action and the ASB case review."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cspkit.web.engage.abuse import add_honeypot
from cspkit.web.engage.models import AsbCaseReview, CallForAction

MAX_COMPLAINTS = 8


class CallForActionForm(forms.ModelForm):  # type: ignore[type-arg]
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)
    lives_or_works = forms.BooleanField(
        label=_("I live or work in this ward"),
        error_messages={"required": _("A Call for Action is for people who live or work in the ward")},
    )

    class Meta:
        model = CallForAction
        fields = (
            "ward",
            "topic",
            "matter",
            "how_long",
            "already_done",
            "outcome_wanted",
            "resident_name",
            "resident_email",
            "resident_telephone",
        )
        labels = {
            "topic": _("In a few words, what is it about?"),
            "matter": _("The crime and disorder matter"),
            "how_long": _("How long has it been going on?"),
            "already_done": _("What have you done about it already?"),
            "outcome_wanted": _("What would you like to happen?"),
            "resident_name": _("Your name"),
            "resident_email": _("Your e-mail address"),
            "resident_telephone": _("Your telephone number (optional)"),
        }
        help_texts = {
            "topic": _("This heading may appear in the public register; do not include names or addresses."),
            "matter": _("Crime, anti-social behaviour, misuse of drugs or alcohol, or harm to the local environment."),
            "already_done": _("Whom you reported it to (police, council, landlord) and any reference numbers."),
            "resident_email": _("We send you a private link to follow it. Your details are never published."),
        }
        widgets = {
            "matter": forms.Textarea(attrs={"rows": 5}),
            "already_done": forms.Textarea(attrs={"rows": 3}),
            "outcome_wanted": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, wards: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"] = forms.ChoiceField(label=_("Your ward"), choices=wards)
        self.fields["resident_email"].required = True
        add_honeypot(self)


RESPONSES = [
    (CallForAction.RESOLVED, _("Resolved: I have dealt with it")),
    (CallForAction.DECLINED, _("Not taken further, with my reasons")),
    (CallForAction.REFERRED, _("Referred to the crime and disorder committee")),
]


class CouncillorResponseForm(forms.Form):
    decision = forms.ChoiceField(label=_("Your response"), choices=RESPONSES, widget=forms.RadioSelect)
    response = forms.CharField(
        label=_("What you did, or why (sent to the resident)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    public_summary = forms.CharField(
        label=_("Summary for the public register"),
        help_text=_("No names, addresses or anything that identifies the resident or anyone else."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class CommitteeForm(forms.Form):
    outcome = forms.CharField(
        label=_("The committee's decision"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    recommendations = forms.CharField(
        label=_("Recommendations to the responsible authorities (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    public_summary = forms.CharField(
        label=_("Summary for the public register"),
        help_text=_("No names, addresses or anything that identifies the resident or anyone else."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class CaseReviewForm(forms.ModelForm):  # type: ignore[type-arg]
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    class Meta:
        model = AsbCaseReview
        fields = ("ward", "on_behalf", "description", "applicant_name", "applicant_email", "applicant_telephone")
        labels = {
            "on_behalf": _("I am applying for someone else, with their agreement"),
            "description": _("The anti-social behaviour, and how it affects you"),
            "applicant_name": _("Your name"),
            "applicant_email": _("Your e-mail address"),
            "applicant_telephone": _("Your telephone number (optional)"),
        }
        help_texts = {
            "applicant_email": _("We send you a private link to follow the review. Your details are never published."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, wards: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"] = forms.ChoiceField(label=_("Where does it happen? (ward)"), choices=wards)
        self.fields["applicant_email"].required = True
        for number in range(1, MAX_COMPLAINTS + 1):
            self.fields[f"complaint_{number}_date"] = forms.DateField(
                label=_("Complaint %(n)s: date") % {"n": number},
                required=False,
                help_text=_("For example, 2024-05-14") if number == 1 else "",
            )
            self.fields[f"complaint_{number}_to"] = forms.CharField(
                label=_("Complaint %(n)s: reported to (and any reference)") % {"n": number},
                required=False,
                max_length=200,
            )
        add_honeypot(self)

    def complaints(self) -> list[dict[str, str]]:
        found = []
        for number in range(1, MAX_COMPLAINTS + 1):
            day: date | None = self.cleaned_data.get(f"complaint_{number}_date")
            if day is not None:
                found.append(
                    {"date": day.isoformat(), "reported_to": self.cleaned_data.get(f"complaint_{number}_to", "")}
                )
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        for number in range(1, MAX_COMPLAINTS + 1):
            day = data.get(f"complaint_{number}_date")
            if day is not None and day > today:
                self.add_error(f"complaint_{number}_date", _("A complaint's date cannot be in the future"))
            if day is not None and not data.get(f"complaint_{number}_to"):
                self.add_error(f"complaint_{number}_to", _("Say whom you reported it to"))
        if not any(data.get(f"complaint_{n}_date") for n in range(1, MAX_COMPLAINTS + 1)):
            raise forms.ValidationError(_("List at least one complaint you made about the behaviour"))
        return data


class CaseReviewDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s, label) for s, label in AsbCaseReview.STATUSES if s != AsbCaseReview.RECEIVED],
        widget=forms.RadioSelect,
    )
    threshold_note = forms.CharField(
        label=_("Threshold decision, with reasons (sent to the applicant)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    review_date = forms.DateField(
        label=_("Review meeting date"), required=False, help_text=_("For example, 2024-05-14")
    )
    agencies = forms.CharField(label=_("Agencies at the review"), max_length=1000, required=False)
    recommendations = forms.CharField(
        label=_("Recommendations (an action plan)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    outcome = forms.CharField(
        label=_("Outcome (sent to the applicant)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == AsbCaseReview.REVIEWED and not (data.get("review_date") and data.get("outcome")):
            raise forms.ValidationError(_("A review needs its meeting date and its outcome"))
        return data
