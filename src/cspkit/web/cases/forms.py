"""Forms for case work. Governance fields are on every person form: purpose, legal basis,
consent and its reason; the rules themselves live in cspkit.cases.governance."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cspkit.cases import governance
from cspkit.config.cases import CasesConfig
from cspkit.web.accounts.models import Agency, User
from cspkit.web.cases.models import CaseEvent, CaseLocation, CaseTask, PersonRecord
from cspkit.web.cases.policy import CASE_ROLES
from cspkit.web.datahub.models import SharingAgreement

NI_NUMBER = re.compile(r"^[A-Z]{2}\d{6}[A-D]$")
PHONE = re.compile(r"^\+?[\d ]{10,16}$")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    "application/pdf": b"%PDF",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG",
    "text/plain": b"",
}


class _Governance(forms.ModelForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, config: CasesConfig, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"] = forms.ChoiceField(
            label=_("Purpose"), choices=[(p.slug, p.label) for p in config.purposes]
        )
        self.fields["consent"].widget = forms.RadioSelect(choices=governance.CONSENT_STATUSES)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if {"legal_basis", "consent"} <= data.keys():
            special = bool(str(data.get("health", "")).strip() or str(data.get("ethnicity", "")).strip())
            problem = governance.holding_problem(
                data["legal_basis"], data["consent"], data.get("consent_reason", ""), special
            )
            if problem:
                raise forms.ValidationError(problem)
        return data


class PersonForm(_Governance):
    class Meta:
        model = PersonRecord
        fields = (
            "given_name",
            "family_name",
            "date_of_birth",
            "sex",
            "ni_number",
            "phone",
            "email",
            "address",
            "safeguarding",
            "ethnicity",
            "health",
            "purpose",
            "legal_basis",
            "consent",
            "consent_reason",
        )
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}),
            "safeguarding": forms.Textarea(attrs={"rows": 3}),
            "health": forms.Textarea(attrs={"rows": 2}),
            "consent_reason": forms.Textarea(attrs={"rows": 2}),
            "sex": forms.Select(
                choices=[("", "—"), ("female", _("Female")), ("male", _("Male")), ("other", _("Other"))]
            ),
        }
        help_texts = {
            "ni_number": _("Two letters, six digits and A, B, C or D, e.g. QQ123456C."),
            "health": _("Special category: encrypted, and seen only by the roles the partnership grants."),
            "ethnicity": _("Special category: encrypted, and seen only by the roles the partnership grants."),
            "consent_reason": _("Required when consent is not sought: the risk that made asking unsafe."),
        }

    def clean_ni_number(self) -> str:
        value = re.sub(r"\s", "", str(self.cleaned_data.get("ni_number", ""))).upper()
        if value and not NI_NUMBER.match(value):
            raise forms.ValidationError(_("A National Insurance number is two letters, six digits and A to D"))
        return value

    def clean_phone(self) -> str:
        value = str(self.cleaned_data.get("phone", "")).strip()
        if value and not PHONE.match(value):
            raise forms.ValidationError(_("A telephone number is 10 to 16 digits, spaces allowed"))
        return value

    def clean_date_of_birth(self) -> date | None:
        born: date | None = self.cleaned_data.get("date_of_birth")
        if born is not None and not date(1900, 1, 1) <= born <= date.today():
            raise forms.ValidationError(_("The date of birth must be between 1900 and today"))
        return born


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CaseEvent
        fields = ("occurred_on", "kind", "classification", "description", "abuse_kind", "location", "place")
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, agency: Agency | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the agency's own places: an event and its place have the same owner.
        self.fields["location"].queryset = CaseLocation.objects.filter(  # type: ignore[attr-defined]
            owner=agency, delete_on__gte=date.today()
        )
        self.fields["location"].label_from_instance = lambda p: f"{p.reference}: {p.name}"  # type: ignore[attr-defined]

    def clean_occurred_on(self) -> date:
        on: date = self.cleaned_data["occurred_on"]
        if not date(1900, 1, 1) <= on <= date.today():
            raise forms.ValidationError(_("The date must be between 1900 and today"))
        return on


class LocationForm(_Governance):
    class Meta:
        model = CaseLocation
        fields = ("name", "address", "lsoa21", "notes", "purpose", "legal_basis", "consent", "consent_reason")
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "consent_reason": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "name": _("What the partners call it, e.g. a block of flats, a park, an underpass."),
            "lsoa21": _("The LSOA code (E01…), so the place is counted in its neighbourhood."),
        }

    def __init__(self, *args: Any, lsoas: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lsoas = lsoas

    def clean_lsoa21(self) -> str:
        code = str(self.cleaned_data.get("lsoa21", "")).strip().upper()
        if code and code not in self.lsoas:
            raise forms.ValidationError(_("%(code)s is not an LSOA in England and Wales") % {"code": code})
        return code


class ShareForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Share with"))
    agreement = forms.ModelChoiceField(
        queryset=SharingAgreement.objects.none(),
        label=_("Under the agreement"),
        help_text=_("Only agreements in date that name both agencies are listed."),
    )
    reason = forms.CharField(label=_("Why this share is necessary"), widget=forms.Textarea(attrs={"rows": 3}))
    without_consent_reason = forms.CharField(
        label=_("If consent is refused or withdrawn: why sharing without it is necessary and proportionate"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, record: PersonRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.exclude(pk=record.owner_id)  # type: ignore[attr-defined]
        parties = SharingAgreement.objects.filter(review_date__gte=date.today()).filter(
            parties=record.owner
        ) | SharingAgreement.objects.filter(review_date__gte=date.today(), owner=record.owner)
        self.fields["agreement"].queryset = parties.distinct()  # type: ignore[attr-defined]


class TransferForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Hand over to"))
    consent = forms.ChoiceField(
        label=_("Consent, as recorded for the new owner"), choices=governance.CONSENT_STATUSES, widget=forms.RadioSelect
    )
    consent_reason = forms.CharField(
        label=_("Reason consent was not sought, or note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, record: PersonRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["agency"].queryset = Agency.objects.exclude(pk=record.owner_id)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "consent" in data:
            special = bool(self.record.health.strip() or self.record.ethnicity.strip())
            problem = governance.holding_problem(
                self.record.legal_basis, data["consent"], data.get("consent_reason", ""), special
            )
            if problem:
                raise forms.ValidationError(problem)
        return data


class TaskForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CaseTask
        fields = ("title", "assigned_to", "due_on")
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"title": _("Shown to the person it is for; e-mails carry only a link.")}

    def __init__(self, *args: Any, allowed: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=[u.pk for u in allowed]
        ).order_by("last_name", "username")

    def clean_due_on(self) -> date:
        due: date = self.cleaned_data["due_on"]
        if due < date.today():
            raise forms.ValidationError(_("The due date cannot be in the past"))
        return due


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG, PNG or plain text; up to 10 MB)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB"))
        head = upload.read(8)
        upload.seek(0)
        kind = next(
            (k for k, magic in DOCUMENT_TYPES.items() if magic and head.startswith(magic)),
            "text/plain" if _is_text(upload) else None,
        )
        if kind is None:
            raise forms.ValidationError(_("Only PDF, JPEG, PNG or plain text files can be kept on a record"))
        upload.detected_type = kind
        return upload


def _is_text(upload: Any) -> bool:
    data = upload.read(65536)
    upload.seek(0)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\0" not in data


def case_users_for(record: PersonRecord) -> list[User]:
    """Who may be given a task on `record`: case roles in the owning agency and agencies it is shared with."""
    agencies = {record.owner_id} | set(record.shares.filter(ended_at__isnull=True).values_list("agency_id", flat=True))
    return list(User.objects.filter(agency_id__in=agencies, role__in=CASE_ROLES, is_active=True))
