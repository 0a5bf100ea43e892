"""The data hub's front page, the upload form, and each upload's progress and errors."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import Agency, AuditEvent, User
from cspkit.web.datahub.access import may_see_upload, visible_uploads
from cspkit.web.datahub.forms import UploadForm, safe_name
from cspkit.web.datahub.models import Upload


def hub(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    uploads = visible_uploads(user)
    if any(upload.restricted for upload in uploads):
        audit.record(request, AuditEvent.LIST, "upload")
    return render(request, "datahub/hub.html", {"uploads": uploads})


def _save(request: HttpRequest, form: UploadForm) -> Upload:
    """Write the file into incoming/<id>/ (private), then queue it; nothing half-written is queued."""
    user: User = request.user  # type: ignore[assignment]
    incoming = Path(settings.HOME) / "incoming"
    received = form.cleaned_data["file"]
    name = safe_name(received.name)
    # A partner extract belongs to the agency its mapping names (an analyst may load it for them).
    owner = user.agency
    if form.cleaned_data.get("mapping_agency"):
        owner = Agency.objects.filter(slug=form.cleaned_data["mapping_agency"]).first() or owner
    with transaction.atomic():
        upload = Upload.objects.create(
            uploaded_by=user,
            agency=owner,
            kind=form.cleaned_data["kind"],
            mapping=form.cleaned_data.get("mapping") or "",
            original_name=name,
            stored_path="",
            size=received.size,
            sha256="",
            status=Upload.FAILED,  # queued only once the file is whole on disk
            restricted=form.cleaned_data["kind"] == Upload.PARTNER,
        )
        folder = incoming / str(upload.pk)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        final = folder / name
        partial = folder / f".{name}.part"
        digest = hashlib.sha256()
        with open(partial, "wb") as handle:
            for chunk in received.chunks():
                digest.update(chunk)
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(partial, 0o600)
        os.replace(partial, final)
        upload.stored_path = str(final.relative_to(Path(settings.HOME)))
        upload.sha256 = digest.hexdigest()
        upload.status = Upload.WAITING
        upload.save(update_fields=["stored_path", "sha256", "status"])
    if upload.restricted:
        audit.record(request, AuditEvent.CREATE, "upload", str(upload.pk), upload.owner)
    return upload


def upload(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = UploadForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form)
        return redirect("datahub:upload-detail", pk=saved.pk)
    return render(request, "datahub/upload.html", {"form": form})


def _visible(request: HttpRequest, pk: int) -> Upload:
    found = get_object_or_404(Upload.objects.select_related("agency", "uploaded_by"), pk=pk)
    if not may_see_upload(request.user, found):  # type: ignore[arg-type]
        raise Http404("no such upload")
    return found


def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    if found.restricted:
        audit.record(request, AuditEvent.READ, "upload", str(found.pk), found.owner)
    return render(request, "datahub/upload_detail.html", {"upload": found})


def upload_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """What the upload page polls: state and percentage only (no rows, no names)."""
    found = _visible(request, pk)
    if found.restricted:
        audit.record(request, AuditEvent.API, "upload", str(found.pk), found.owner)
    return JsonResponse(
        {
            "status": found.status,
            "status_label": str(found.get_status_display()),
            "percent": found.percent,
            "step": found.step_label,
            "finished": found.status in (Upload.DONE, Upload.FAILED),
        }
    )
