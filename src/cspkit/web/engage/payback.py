"""Community Payback for the public: nominate a project, vote in an open round (confirmed by an
e-mailed link), see the results once published, and the projects completed."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cspkit.errors import CspkitError
from cspkit.web.engage import abuse, publishing, voting
from cspkit.web.engage.models import PaybackNomination, PaybackRound
from cspkit.web.engage.payback_forms import NominationForm, VoteForm


def _wards() -> list[tuple[str, str]]:
    return sorted(publishing.partnership_wards().items(), key=lambda w: w[1])


def payback_page(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rounds = list(PaybackRound.objects.all())
    context = {
        "open_rounds": [r for r in rounds if r.voting_opens <= now <= r.voting_closes],
        "results": [(r, voting.tally(r)) for r in rounds if r.results_published],
        "completed": PaybackNomination.objects.filter(status=PaybackNomination.COMPLETED).order_by("-completed_on")[
            :50
        ],
    }
    return render(request, "engage/payback.html", context)


def nominate_page(request: HttpRequest) -> HttpResponse:
    try:
        wards = _wards()
    except CspkitError as error:
        return render(request, "public/unavailable.html", {"reason": str(error)}, status=503)
    if request.method == "POST":
        if abuse.over_limit(request, "payback-nomination", publishing.engage_config().per_hour("nominations")):
            return render(request, "engage/slow_down.html", status=429)
        if abuse.is_robot(request):
            return redirect("engage:nomination-thanks", reference=abuse.new_reference("CP"))
        existing = PaybackNomination.objects.filter(nonce=request.POST.get("nonce", "")).first()
        if existing is not None:
            return redirect("engage:nomination-thanks", reference=existing.reference)
        form = NominationForm(request.POST, wards=wards)
        if form.is_valid():
            nomination = form.save(commit=False)
            nomination.reference = abuse.new_reference("CP")
            nomination.nonce = form.cleaned_data["nonce"]
            try:
                with transaction.atomic():
                    nomination.save()
            except IntegrityError:
                nomination = get_object_or_404(PaybackNomination, nonce=form.cleaned_data["nonce"])
            return redirect("engage:nomination-thanks", reference=nomination.reference)
    else:
        form = NominationForm(initial={"nonce": abuse.new_nonce()}, wards=wards)
    return render(request, "engage/nominate.html", {"form": form})


def nomination_thanks(request: HttpRequest, reference: str) -> HttpResponse:
    return render(request, "engage/nomination_thanks.html", {"reference": reference})


def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A round: its shortlist and the vote while open; its results once published."""
    round_ = get_object_or_404(PaybackRound, pk=pk)
    now = timezone.now()
    is_open = round_.voting_opens <= now <= round_.voting_closes
    form = VoteForm(round_=round_)
    status = 200
    if request.method == "POST":
        if not is_open:
            raise Http404("voting in this round is not open")
        if abuse.over_limit(request, "payback-vote", publishing.engage_config().per_hour("votes")):
            return render(request, "engage/slow_down.html", status=429)
        if abuse.is_robot(request):
            return render(request, "engage/vote_sent.html", {"round": round_})
        form = VoteForm(request.POST, round_=round_)
        if form.is_valid():
            nomination = round_.nominations.get(pk=int(form.cleaned_data["nomination"]))
            try:
                voting.request_vote(request, round_, nomination, form.cleaned_data["email"])
            except voting.AlreadyVoted:
                return render(request, "engage/vote_refused.html", {"round": round_}, status=409)
            return render(request, "engage/vote_sent.html", {"round": round_})
        status = 400
    context = {
        "round": round_,
        "is_open": is_open,
        "shortlist": round_.nominations.filter(status=PaybackNomination.SHORTLISTED),
        "results": voting.tally(round_) if round_.results_published else None,
        "form": form,
    }
    return render(request, "engage/round.html", context, status=status)


def vote_confirm_page(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: a button to confirm (a link checker opening it counts nothing)."""
    vote = voting.vote_for_token(token)
    if vote is None:
        raise Http404("no vote waits for that link")
    return render(request, "engage/vote_confirm.html", {"vote": vote, "token": token})


@require_POST
def vote_confirm(request: HttpRequest, token: str) -> HttpResponse:
    vote = voting.vote_for_token(token)
    if vote is None:
        raise Http404("no vote waits for that link")
    counted = voting.confirm(vote)
    return render(
        request, "engage/vote_counted.html", {"vote": vote, "counted": counted}, status=200 if counted else 410
    )
