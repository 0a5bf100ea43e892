"""Sharing a person record with another agency, ending a share, and handing a record over."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.cases import records
from cspkit.web.cases.forms import ShareForm, TransferForm
from cspkit.web.cases.models import PersonRecord, Share
from cspkit.web.cases.people import visible_person
from cspkit.web.cases.policy import CASE_ROLES, OWNER, relation
from cspkit.web.engage.notify import send


def _owned(request: HttpRequest, pk: int) -> PersonRecord:
    record = visible_person(request, pk)
    if OWNER not in relation(request.user, record):  # type: ignore[arg-type]
        raise Http404("only the owning agency shares or hands over its record")
    return record


def _tell_agency(request: HttpRequest, record: PersonRecord, agency_id: int, text: str) -> None:
    """In-app notice and a link-only e-mail to the agency's case workers."""
    people = list(User.objects.filter(agency_id=agency_id, role__in=CASE_ROLES, is_active=True))
    url = request.build_absolute_uri(reverse("cases:person", args=[record.pk]))
    records.notify(people, record, text, reverse("cases:person", args=[record.pk]))
    send(_("Case work: %(text)s") % {"text": text}, url, [u.email for u in people])


def person_share(request: HttpRequest, pk: int) -> HttpResponse:
    record = _owned(request, pk)
    user: User = request.user  # type: ignore[assignment]
    form = ShareForm(request.POST or None, record=record)
    if request.method == "POST" and form.is_valid():
        try:
            made = records.share(
                record,
                form.cleaned_data["agency"],
                form.cleaned_data["agreement"],
                form.cleaned_data["reason"],
                form.cleaned_data["without_consent_reason"],
                user,
            )
        except records.GovernanceRefused as refused:
            form.add_error(None, str(refused))
        else:
            audit.record(request, AuditEvent.SHARE, "person", record.reference, record.owner.slug)
            _tell_agency(request, record, made.agency_id, _("a record was shared with your agency"))
            messages.success(request, _("Shared with %(agency)s.") % {"agency": made.agency.name})
            return redirect("cases:person", pk=record.pk)
    return render(request, "cases/share.html", {"form": form, "record": record})


@require_POST
def share_end(request: HttpRequest, pk: int) -> HttpResponse:
    made = get_object_or_404(Share.objects.select_related("person__owner", "agency"), pk=pk, ended_at__isnull=True)
    record = _owned(request, made.person.pk)
    records.end_share(made)
    audit.record(request, AuditEvent.SHARE, "person", record.reference, record.owner.slug)
    messages.success(request, _("The share with %(agency)s has ended.") % {"agency": made.agency.name})
    return redirect("cases:person", pk=record.pk)


def person_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    record = _owned(request, pk)
    user: User = request.user  # type: ignore[assignment]
    form = TransferForm(request.POST or None, record=record)
    if request.method == "POST" and form.is_valid():
        new_owner = form.cleaned_data["agency"]
        try:
            records.transfer(record, new_owner, form.cleaned_data["consent"], form.cleaned_data["consent_reason"], user)
        except records.GovernanceRefused as refused:
            form.add_error(None, str(refused))
        else:
            audit.record(request, AuditEvent.UPDATE, "person", record.reference, new_owner.slug)
            _tell_agency(request, record, new_owner.pk, _("a record was handed over to your agency"))
            messages.success(request, _("Handed over to %(agency)s.") % {"agency": new_owner.name})
            return redirect("cases:home")
    return render(request, "cases/transfer.html", {"form": form, "record": record})
