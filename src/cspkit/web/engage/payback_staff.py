"""Community Payback for staff: nominations to assess and score, shortlisting into rounds,
completed projects, and publishing a round's results. Nominators' contact details are
person-level data: each view and change is audited."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import User
from cspkit.web.engage import voting
from cspkit.web.engage.models import PaybackNomination, PaybackRound
from cspkit.web.engage.payback_forms import AssessmentForm, RoundForm

OBJECT_TYPE = "payback-nomination"


def nominations_page(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", PaybackNomination.SUBMITTED)
    if status not in dict(PaybackNomination.STATUSES):
        status = PaybackNomination.SUBMITTED
    context = {
        "nominations": PaybackNomination.objects.filter(status=status).select_related("round"),
        "tabs": [
            (s, label, PaybackNomination.objects.filter(status=s).count(), s == status)
            for s, label in PaybackNomination.STATUSES
        ],
        "rounds": PaybackRound.objects.all(),
        "round_form": RoundForm(),
    }
    return render(request, "engage/nominations.html", context)


def nomination_page(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(PaybackNomination, pk=pk)
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            for name in ("status", "score_benefit", "score_visibility", "score_feasibility", "assessment"):
                setattr(nomination, name, data[name])
            nomination.round = data["round"] if data["status"] == PaybackNomination.SHORTLISTED else nomination.round
            if data["status"] == PaybackNomination.COMPLETED:
                nomination.completed_on = data["completed_on"]
                nomination.completion_summary = data["completion_summary"]
                nomination.hours_worked = data["hours_worked"]
            nomination.assessed_by = request.user if isinstance(request.user, User) else None
            nomination.assessed_at = timezone.now()
            nomination.save()
            audit.record(request, f"assess:{nomination.status}", OBJECT_TYPE, nomination.reference)
            messages.success(request, _("Assessment saved"))
            return redirect("engage:nomination", pk=nomination.pk)
        status = 400
    else:
        form = AssessmentForm(
            initial={
                "status": nomination.status,
                "score_benefit": nomination.score_benefit,
                "score_visibility": nomination.score_visibility,
                "score_feasibility": nomination.score_feasibility,
                "assessment": nomination.assessment,
                "round": nomination.round_id,
                "completed_on": nomination.completed_on,
                "hours_worked": nomination.hours_worked,
                "completion_summary": nomination.completion_summary,
            }
        )
        status = 200
        audit.record(request, "read", OBJECT_TYPE, nomination.reference)
    return render(request, "engage/nomination.html", {"nomination": nomination, "form": form}, status=status)


@require_POST
def round_new(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST)
    if not form.is_valid() or not isinstance(request.user, User):
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("engage:nominations")
    made = form.save(commit=False)
    made.created_by = request.user
    made.save()
    messages.success(request, _("Round created: shortlist nominations into it"))
    return redirect("engage:round-manage", pk=made.pk)


def round_manage_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(PaybackRound, pk=pk)
    if request.method == "POST" and request.POST.get("close") and timezone.now() < round_.voting_closes:
        round_.voting_closes = max(timezone.now(), round_.voting_opens)
        round_.save(update_fields=["voting_closes"])
        audit.record(request, "close-voting", "payback-round", str(round_.pk))
        messages.success(request, _("Voting closed"))
        return redirect("engage:round-manage", pk=round_.pk)
    if request.method == "POST":
        if timezone.now() < round_.voting_closes:
            messages.error(request, _("The results can be published once voting has closed"))
        else:
            voting.keep_tally(round_)
            round_.results_published = True
            round_.save(update_fields=["results_published"])
            messages.success(request, _("Results published"))
        return redirect("engage:round-manage", pk=round_.pk)
    context = {
        "round": round_,
        "tally": voting.tally(round_),
        "waiting": round_.votes.filter(confirmed_at__isnull=True).count(),
        "closed": timezone.now() >= round_.voting_closes,
    }
    return render(request, "engage/round_manage.html", context)
