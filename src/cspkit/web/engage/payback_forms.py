"""Community Payback's forms: the public nomination (the GOV.UK form's questions), the vote,
and staff assessment and rounds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cspkit.web.engage.abuse import add_honeypot
from cspkit.web.engage.models import PaybackNomination, PaybackRound
from cspkit.web.engage.models.payback import SCORE_MAX


class NominationForm(forms.ModelForm):  # type: ignore[type-arg]
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    class Meta:
        model = PaybackNomination
        fields = (
            "title",
            "ward",
            "location",
            "work",
            "benefit",
            "landowner",
            "landowner_agrees",
            "nominator_name",
            "nominator_email",
            "nominator_telephone",
            "organisation",
        )
        labels = {
            "title": _("A short name for the project"),
            "ward": _("Neighbourhood"),
            "location": _("Where is it?"),
            "work": _("What work needs doing?"),
            "benefit": _("How would it benefit the community?"),
            "landowner": _("Who owns or looks after the land or building? (optional)"),
            "landowner_agrees": _("Have they agreed to the work?"),
            "nominator_name": _("Your name"),
            "nominator_email": _("Your e-mail address"),
            "nominator_telephone": _("Your telephone number (optional)"),
            "organisation": _("Organisation or group, if you are nominating for one (optional)"),
        }
        help_texts = {
            "location": _("An address, or a description such as 'the footpath between Church Street and the park'"),
            "work": _("For example, clearing litter and undergrowth, painting, or repairing fences"),
            "nominator_email": _("So we can tell you what happens. It is never published."),
        }
        widgets = {
            "work": forms.Textarea(attrs={"rows": 4}),
            "benefit": forms.Textarea(attrs={"rows": 4}),
            "landowner_agrees": forms.RadioSelect,
        }

    def __init__(self, *args: Any, wards: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"] = forms.ChoiceField(label=_("Neighbourhood"), choices=wards)
        add_honeypot(self)


class VoteForm(forms.Form):
    nomination = forms.ChoiceField(label=_("Which project should be done?"), widget=forms.RadioSelect)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send a link to confirm your vote. One vote per address per round; the address is not kept."),
    )

    def __init__(self, *args: Any, round_: PaybackRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [  # type: ignore[attr-defined]
            (str(n.pk), n.title) for n in round_.nominations.filter(status=PaybackNomination.SHORTLISTED)
        ]
        add_honeypot(self)


def _score(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=SCORE_MAX, required=False)


class AssessmentForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), choices=PaybackNomination.STATUSES, widget=forms.RadioSelect)
    score_benefit = _score(_("Benefit to the community (0 to 5)"))
    score_visibility = _score(_("Seen by the public (0 to 5)"))
    score_feasibility = _score(_("Safe and practical for supervised work (0 to 5)"))
    assessment = forms.CharField(
        label=_("Assessment notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    round = forms.ModelChoiceField(
        label=_("Round to shortlist it for"), queryset=PaybackRound.objects.all(), required=False
    )
    completed_on = forms.DateField(label=_("Completed on"), required=False, help_text=_("For example, 2024-05-14"))
    hours_worked = forms.IntegerField(label=_("Hours of unpaid work"), min_value=0, required=False)
    completion_summary = forms.CharField(
        label=_("What was done, in words for the public"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        scores = [data.get(f) for f in ("score_benefit", "score_visibility", "score_feasibility")]
        if status in (PaybackNomination.SHORTLISTED, PaybackNomination.UNSUITABLE) and None in scores:
            raise forms.ValidationError(_("Score all three criteria before deciding"))
        if status == PaybackNomination.SHORTLISTED and data.get("round") is None:
            self.add_error("round", _("Choose the round it is shortlisted for"))
        if status == PaybackNomination.COMPLETED and not (data.get("completed_on") and data.get("completion_summary")):
            raise forms.ValidationError(_("A completed project needs its date and what was done"))
        return data


class RoundForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PaybackRound
        fields = ("title", "voting_opens", "voting_closes")
        labels = {
            "title": _("Title"),
            "voting_opens": _("Voting opens"),
            "voting_closes": _("Voting closes"),
        }
        help_texts = {"voting_opens": _("For example, 2024-05-14 09:00")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("voting_opens"), data.get("voting_closes")
        if opens and closes and closes <= opens:
            self.add_error("voting_closes", _("Voting must close after it opens"))
        return data
