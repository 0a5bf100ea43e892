"""The information-sharing agreements register and each agency's designated officer."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import Agency, AuditEvent, User
from cspkit.web.accounts.roles import SHARING_OFFICER
from cspkit.web.datahub.access import may_change_agreement, may_see_agreement
from cspkit.web.datahub.forms import AgreementForm
from cspkit.web.datahub.models import SharingAgreement


def agreements(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    everything = SharingAgreement.objects.select_related("owner").prefetch_related("parties")
    shown = [a for a in everything if may_see_agreement(user, a)]
    if any(a.restricted for a in shown):
        audit.record(request, AuditEvent.LIST, "agreement")
    return render(request, "datahub/agreements.html", {"agreements": shown})


def _visible(request: HttpRequest, pk: int) -> SharingAgreement:
    agreement = get_object_or_404(SharingAgreement.objects.select_related("owner"), pk=pk)
    if not may_see_agreement(request.user, agreement):  # type: ignore[arg-type]
        raise Http404("no such agreement")
    return agreement


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible(request, pk)
    if agreement.restricted:
        audit.record(request, AuditEvent.READ, "agreement", str(agreement.pk), agreement.owner.slug)
    user: User = request.user  # type: ignore[assignment]
    context = {"agreement": agreement, "may_change": may_change_agreement(user, agreement) and user.role != "analyst"}
    return render(request, "datahub/agreement_detail.html", context)


def _edit(request: HttpRequest, agreement: SharingAgreement | None) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = AgreementForm(request.POST or None, instance=agreement, user=user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved.restricted or (agreement is not None and agreement.restricted):
            action = AuditEvent.CREATE if agreement is None else AuditEvent.UPDATE
            audit.record(request, action, "agreement", str(saved.pk), saved.owner.slug)
        return redirect("datahub:agreement-detail", pk=saved.pk)
    return render(request, "datahub/agreement_form.html", {"form": form, "agreement": agreement})


def agreement_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible(request, pk)
    if not may_change_agreement(request.user, agreement):  # type: ignore[arg-type]
        raise Http404("no such agreement")
    return _edit(request, agreement)


def officers(request: HttpRequest) -> HttpResponse:
    rows = [
        (agency, list(agency.members.filter(role=SHARING_OFFICER, is_active=True).order_by("last_name")))
        for agency in Agency.objects.all()
    ]
    return render(request, "datahub/officers.html", {"rows": rows})
