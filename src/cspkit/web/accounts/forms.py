from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts import throttle
from cspkit.web.accounts.audit import client_address
from cspkit.web.accounts.models import AuditEvent, User


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refused while the account or address is throttled."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Enter a correct user name and password."),
        "throttled": _("Too many failed attempts. Wait 15 minutes and try again."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request else None
        if throttle.refused(username, address):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.failed(username, address)
            raise
        throttle.succeeded(username, address)
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Security code"),
        help_text=_("The 6-digit code your authenticator app shows now."),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
    )


class AuditSearchForm(forms.Form):
    username = forms.CharField(label=_("User name"), required=False)
    object_type = forms.CharField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object"), required=False)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any"))] + [(a, a) for a, _label in AuditEvent.ACTIONS],
    )
    since = forms.DateField(label=_("From (YYYY-MM-DD)"), required=False)
    until = forms.DateField(label=_("To (YYYY-MM-DD)"), required=False)


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "agency", "role", "is_active"]
        labels = {
            "username": _("User name"),
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "email": _("Work e-mail address"),
            "agency": _("Agency"),
            "role": _("Role"),
            "is_active": _("May sign in"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].required = True
