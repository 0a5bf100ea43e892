"""The Safer Streets forms: the resident's report, and the moderator's decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cspkit.config.engage import EngageConfig
from cspkit.web.accounts.models import Agency
from cspkit.web.engage.abuse import add_honeypot
from cspkit.web.engage.models import MAX_DESCRIPTION, SaferStreetsPin


class PinForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("Why does this place feel unsafe?"),
        help_text=_("Choose all that apply."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reason")},
    )
    description = forms.CharField(
        label=_("Tell us more (optional)"),
        help_text=_("Do not include anyone's name. To report a crime, call 101, or 999 in an emergency."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_DESCRIPTION,
        required=False,
    )
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=49.0, max_value=61.0)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-9.0, max_value=2.5)
    x_bng = forms.FloatField(required=False, widget=forms.HiddenInput)
    y_bng = forms.FloatField(required=False, widget=forms.HiddenInput)
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_("Only if you would like a reply. It is never published."),
        required=False,
    )
    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, config: EngageConfig, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reasons"].choices = [(r.slug, r.label) for r in config.reasons]  # type: ignore[attr-defined]
        # Robots fill every field; people never see this one (hidden by the stylesheet and from
        # screen readers), so anything in it marks the submission as a robot's.
        add_honeypot(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_grid = data.get("x_bng") is not None and data.get("y_bng") is not None
        has_degrees = data.get("lat") is not None and data.get("lon") is not None
        if not (has_grid or has_degrees) and not self.errors.get("lat") and not self.errors.get("lon"):
            raise forms.ValidationError(_("Show us where: tap the map, or give the latitude and longitude"))
        return data


DECISIONS = [
    (SaferStreetsPin.PUBLISHED, _("Publish it (at a blurred place)")),
    (SaferStreetsPin.REJECTED, _("Do not publish it")),
    (SaferStreetsPin.SAFEGUARDING, _("It discloses a crime or a risk to someone: pass it to safeguarding")),
]


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason for the decision"),
        help_text=_("Kept with the pin, for the record and for anyone who asks."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
    public_description = forms.CharField(
        label=_("Text to publish"),
        help_text=_("Remove names, addresses and anything that identifies someone."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_DESCRIPTION,
        required=False,
    )
    photos = forms.MultipleChoiceField(
        label=_("Photos to publish"),
        help_text=_("Leave out any photo that shows a face, a number plate or a house number."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    routed_to = forms.ModelChoiceField(
        label=_("Agency that deals with it"), queryset=Agency.objects.all(), required=False
    )

    def __init__(self, *args: Any, pin: SaferStreetsPin, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["photos"].choices = [  # type: ignore[attr-defined]
            (str(p.pk), _("Photo %(n)s") % {"n": i}) for i, p in enumerate(pin.photos.all(), 1)
        ]


class ActionForm(forms.Form):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    taken_on = forms.DateField(label=_("Date"), help_text=_("For example, 2024-05-14"))


class WeDidForm(forms.Form):
    we_did = forms.CharField(
        label=_('"We did": what the partnership did, in words for the public'),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    we_did_at = forms.DateField(label=_("Date"), help_text=_("For example, 2024-05-14"))
