"""Councillor Call for Action for councillors, the crime and disorder (scrutiny) committee and
the partnership manager. A councillor sees the Calls from the wards they answer for; the
scrutiny role sees referred ones; the manager sees all. Each read and change is audited."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cspkit.web.accounts import audit, roles
from cspkit.web.accounts.models import User
from cspkit.web.engage import notify, publishing
from cspkit.web.engage.call_for_action import due, is_overdue, track_token
from cspkit.web.engage.call_for_action_forms import CommitteeForm, CouncillorResponseForm
from cspkit.web.engage.models import CallForAction, WardCouncillor

OBJECT_TYPE = "call-for-action"
COMMITTEE = (CallForAction.REFERRED, CallForAction.EXECUTIVE)


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def visible(user: User) -> QuerySet[CallForAction]:
    calls = CallForAction.objects.all()
    if user.role == roles.COUNCILLOR:
        return calls.filter(ward__in=WardCouncillor.objects.filter(user=user).values("ward"))
    if user.role == roles.SCRUTINY:
        return calls.filter(status__in=(*COMMITTEE, CallForAction.DECIDED))
    return calls  # the partnership manager


def cases_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    wards = publishing.partnership_wards()
    calls = list(visible(user))
    rows = [{"cfa": c, "ward_name": wards.get(c.ward, c.ward), "due": due(c), "overdue": is_overdue(c)} for c in calls]
    return render(request, "engage/cfa_cases.html", {"rows": rows})


def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    cfa = get_object_or_404(visible(user), pk=pk)
    response_form = CouncillorResponseForm()
    committee_form = CommitteeForm()
    status = 200
    if request.method == "POST":
        if "decision" in request.POST:
            response_form, status = _respond(request, user, cfa)
        else:
            committee_form, status = _decide(request, user, cfa)
        if status == 302:
            return redirect("engage:cfa-case", pk=cfa.pk)
    else:
        audit.record(request, "read", OBJECT_TYPE, cfa.reference)
    context = {
        "cfa": cfa,
        "ward_name": publishing.partnership_wards().get(cfa.ward, cfa.ward),
        "due": due(cfa),
        "overdue": is_overdue(cfa),
        "may_respond": cfa.status == CallForAction.WITH_COUNCILLOR and user.role in (roles.COUNCILLOR, roles.MANAGER),
        "may_decide": cfa.status in COMMITTEE and user.role in (roles.SCRUTINY, roles.MANAGER),
        "response_form": response_form,
        "committee_form": committee_form,
    }
    return render(request, "engage/cfa_case.html", context, status=status)


def _tell_resident(request: HttpRequest, cfa: CallForAction) -> None:
    notify.send(
        _("An update on your Councillor Call for Action %(ref)s") % {"ref": cfa.reference},
        notify.link(request, "engage:cfa-track", track_token(cfa.reference)),
        [cfa.resident_email],
    )


def _respond(request: HttpRequest, user: User, cfa: CallForAction) -> tuple[CouncillorResponseForm, int]:
    form = CouncillorResponseForm(request.POST)
    if cfa.status != CallForAction.WITH_COUNCILLOR or user.role not in (roles.COUNCILLOR, roles.MANAGER):
        raise PermissionDenied
    if not form.is_valid():
        return form, 400
    cfa.status = form.cleaned_data["decision"]
    cfa.councillor = user
    cfa.councillor_response = form.cleaned_data["response"]
    cfa.public_summary = form.cleaned_data["public_summary"]
    cfa.responded_at = timezone.now()
    cfa.save()
    audit.record(request, f"respond:{cfa.status}", OBJECT_TYPE, cfa.reference)
    _tell_resident(request, cfa)
    if cfa.status == CallForAction.REFERRED:
        notify.send(
            _("A Call for Action has been referred to the committee"),
            notify.link(request, "engage:cfa-case", cfa.pk),
            notify.staff_addresses(User.objects.filter(role=roles.SCRUTINY)),
        )
    messages.success(request, _("Response recorded and the resident told"))
    return form, 302


def _decide(request: HttpRequest, user: User, cfa: CallForAction) -> tuple[CommitteeForm, int]:
    form = CommitteeForm(request.POST)
    if cfa.status not in COMMITTEE or user.role not in (roles.SCRUTINY, roles.MANAGER):
        raise PermissionDenied
    if not form.is_valid():
        return form, 400
    cfa.status = CallForAction.DECIDED
    cfa.committee_outcome = form.cleaned_data["outcome"]
    cfa.committee_recommendations = form.cleaned_data["recommendations"]
    cfa.public_summary = form.cleaned_data["public_summary"]
    cfa.decided_at = timezone.now()
    cfa.save()
    audit.record(request, "committee-decision", OBJECT_TYPE, cfa.reference)
    _tell_resident(request, cfa)
    messages.success(request, _("The committee's decision is recorded and the resident told"))
    return form, 302


class CouncillorWardForm(forms.Form):
    councillor = forms.ModelChoiceField(
        label=gettext_lazy("Councillor"), queryset=User.objects.filter(role=roles.COUNCILLOR, is_active=True)
    )
    ward = forms.ChoiceField(label=gettext_lazy("Ward"))


def councillors_page(request: HttpRequest) -> HttpResponse:
    """Which councillor accounts answer for which wards (administrator or manager)."""
    wards = sorted(publishing.partnership_wards().items(), key=lambda w: w[1])
    form = CouncillorWardForm()
    form.fields["ward"].choices = wards  # type: ignore[attr-defined]
    if request.method == "POST" and "remove" in request.POST:
        WardCouncillor.objects.filter(pk=request.POST.get("remove", "")).delete()
        return redirect("engage:cfa-councillors")
    if request.method == "POST":
        form = CouncillorWardForm(request.POST)
        form.fields["ward"].choices = wards  # type: ignore[attr-defined]
        if form.is_valid():
            WardCouncillor.objects.get_or_create(user=form.cleaned_data["councillor"], ward=form.cleaned_data["ward"])
            audit.record(request, "assign-ward", "ward-councillor", form.cleaned_data["ward"])
            return redirect("engage:cfa-councillors")
    names = dict(wards)
    rows = [(w, names.get(w.ward, w.ward)) for w in WardCouncillor.objects.select_related("user").order_by("ward")]
    return render(request, "engage/cfa_councillors.html", {"rows": rows, "form": form})
