"""Councillor Call for Action for the public: raise a local crime and disorder matter with the
ward councillor, follow it by a private link, take it to the council's executive if the
councillor does not respond in time, and read the public register (redacted summaries)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.errors import CspkitError
from cspkit.web.accounts import roles
from cspkit.web.accounts.models import User
from cspkit.web.engage import abuse, notify, publishing
from cspkit.web.engage.call_for_action_forms import CallForActionForm
from cspkit.web.engage.models import CallForAction, WardCouncillor


def limits_per_hour() -> int:
    return publishing.engage_config().per_hour("call_for_action")


def tracking_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def track_token(reference: str, salt: str = "call-for-action") -> str:
    """The resident's private link's key: the reference signed with the site's secret, so a
    later update can send the same link; only its hash is stored to look it up."""
    return signing.Signer(salt=salt).sign(reference)


def due(cfa: CallForAction) -> datetime:
    days = publishing.engage_config().call_for_action
    if cfa.status == CallForAction.WITH_COUNCILLOR:
        return cfa.submitted_at + timedelta(days=days.councillor_days)
    return (cfa.responded_at or cfa.submitted_at) + timedelta(days=days.committee_days)


def is_overdue(cfa: CallForAction) -> bool:
    return cfa.status in CallForAction.OPEN and timezone.now() > due(cfa)


def councillors_of(ward: str) -> list[User]:
    return [w.user for w in WardCouncillor.objects.filter(ward=ward).select_related("user")]


def _wards() -> list[tuple[str, str]]:
    return sorted(publishing.partnership_wards().items(), key=lambda w: w[1])


def call_for_action_page(request: HttpRequest) -> HttpResponse:
    try:
        wards = _wards()
        limits = publishing.engage_config().call_for_action
    except CspkitError as error:
        return render(request, "public/unavailable.html", {"reason": str(error)}, status=503)
    if request.method == "POST":
        if abuse.over_limit(request, "call-for-action", limits_per_hour()):
            return render(request, "engage/slow_down.html", status=429)
        if abuse.is_robot(request):
            return render(request, "engage/cfa_sent.html", {"reference": abuse.new_reference("CA"), "track": ""})
        existing = CallForAction.objects.filter(nonce=request.POST.get("nonce", "")).first()
        if existing is not None:  # a replay: the first answer, without a second tracking link
            return render(request, "engage/cfa_sent.html", {"reference": existing.reference, "track": ""})
        form = CallForActionForm(request.POST, wards=wards)
        if form.is_valid():
            made = form.save(commit=False)
            made.reference = abuse.new_reference("CA")
            token = track_token(made.reference)
            made.nonce = form.cleaned_data["nonce"]
            made.tracking_hash = tracking_hash(token)
            try:
                with transaction.atomic():
                    made.save()
            except IntegrityError:
                existing = get_object_or_404(CallForAction, nonce=form.cleaned_data["nonce"])
                return render(request, "engage/cfa_sent.html", {"reference": existing.reference, "track": ""})
            track = notify.link(request, "engage:cfa-track", token)
            notify.send(
                _("Your Councillor Call for Action %(ref)s") % {"ref": made.reference}, track, [made.resident_email]
            )
            notify.send(
                _("A Councillor Call for Action for your ward"),
                notify.link(request, "engage:cfa-case", made.pk),
                notify.staff_addresses(councillors_of(made.ward)),
            )
            return render(request, "engage/cfa_sent.html", {"reference": made.reference, "track": track})
    else:
        form = CallForActionForm(initial={"nonce": abuse.new_nonce()}, wards=wards)
    return render(request, "engage/call_for_action.html", {"form": form, "limits": limits})


def _tracked(token: str) -> CallForAction:
    found = CallForAction.objects.filter(tracking_hash=tracking_hash(token)).first()
    if found is None:
        raise Http404("no Call for Action has that link")
    return found


def track_page(request: HttpRequest, token: str) -> HttpResponse:
    """The resident's own view of their Call for Action (the link is the key)."""
    cfa = _tracked(token)
    context = {
        "cfa": cfa,
        "token": token,
        "due": due(cfa),
        "may_escalate": cfa.status == CallForAction.WITH_COUNCILLOR and is_overdue(cfa),
        "ward_name": publishing.partnership_wards().get(cfa.ward, cfa.ward),
    }
    return render(request, "engage/cfa_track.html", context)


@require_POST
def escalate(request: HttpRequest, token: str) -> HttpResponse:
    """The councillor did not respond in time: the resident takes it to the executive."""
    cfa = _tracked(token)
    if cfa.status == CallForAction.WITH_COUNCILLOR and is_overdue(cfa):
        cfa.status = CallForAction.EXECUTIVE
        cfa.responded_at = timezone.now()
        cfa.save(update_fields=["status", "responded_at", "updated_at"])
        managers = User.objects.filter(role__in=(roles.MANAGER, roles.SCRUTINY))
        notify.send(
            _("A Call for Action has been taken to the executive"),
            notify.link(request, "engage:cfa-case", cfa.pk),
            notify.staff_addresses(managers),
        )
    return redirect("engage:cfa-track", token=token)


def register_page(request: HttpRequest) -> HttpResponse:
    """The public register: reference, ward, heading, dates, status and the redacted summary."""
    wards = publishing.partnership_wards()
    rows = [{"cfa": c, "ward_name": wards.get(c.ward, c.ward)} for c in CallForAction.objects.all()[:500]]
    return render(request, "engage/cfa_register.html", {"rows": rows})
