from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.models import Agency, User
from cspkit.web.datahub.models import SharingAgreement, Upload
from cspkit.web.datahub.worker import MAPPINGS

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def saved_mappings() -> list[str]:
    folder = Path(settings.HOME) / MAPPINGS
    return sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []


def safe_name(name: str) -> str:
    """The uploaded file's own name, kept (police.uk names carry the month and force) but made safe."""
    cleaned = SAFE_NAME.sub("-", Path(name).name).strip(".-") or "upload"
    return cleaned[:120]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is it?"), choices=Upload.KINDS, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("File"), help_text=_("A police.uk CSV or monthly zip, or a partner agency's CSV extract.")
    )
    mapping = forms.ChoiceField(
        label=_("Mapping (partner extracts)"),
        required=False,
        help_text=_("How the extract's columns become store rows (docs/partner.md). Saved in the workspace."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["mapping"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("None (police.uk file)"))] + [(name, name) for name in saved_mappings()]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB."), params={"limit": settings.UPLOAD_MAX_BYTES // 1048576}
            )
        if Path(upload.name).suffix.lower() not in {".csv", ".zip"}:
            raise forms.ValidationError(_("Upload a .csv or .zip file."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Upload.PARTNER:
            name = data.get("mapping")
            if not name:
                self.add_error("mapping", _("Choose the mapping for this partner extract."))
                return data
            from cspkit.errors import CspkitError
            from cspkit.sources.partner import read_mapping

            try:
                mapping = read_mapping(Path(settings.HOME) / MAPPINGS / name)
            except CspkitError as error:
                self.add_error("mapping", str(error))
                return data
            agency = self.user.agency.slug if self.user.agency else None
            if not self.user.partnership_wide and mapping.agency != agency:
                self.add_error("mapping", _("This mapping is another agency's: you can upload your own agency's data."))
            data["mapping_agency"] = mapping.agency
        elif data.get("kind") == Upload.POLICEUK and data.get("mapping"):
            self.add_error("mapping", _("A police.uk file needs no mapping."))
        return data


class AgreementForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = SharingAgreement
        fields = ["title", "owner", "parties", "purpose", "legal_basis", "data_items", "review_date", "restricted"]
        widgets = {
            "parties": forms.CheckboxSelectMultiple,
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "data_items": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.partnership_wide:
            owner = self.fields["owner"]
            if isinstance(owner, forms.ModelChoiceField):
                owner.queryset = Agency.objects.filter(members=user)
