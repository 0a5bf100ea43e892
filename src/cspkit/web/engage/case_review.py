"""The ASB case review (Community Trigger) for the public: apply, with the complaints made;
the threshold is counted on receipt and confirmed by staff; follow it by a private link; and
the annual figures every partnership publishes."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cspkit.errors import CspkitError
from cspkit.web.accounts import roles
from cspkit.web.accounts.models import User
from cspkit.web.engage import abuse, notify, publishing, trigger
from cspkit.web.engage.call_for_action import track_token, tracking_hash
from cspkit.web.engage.call_for_action_forms import CaseReviewForm
from cspkit.web.engage.models import AsbCaseReview

SALT = "asb-case-review"


def _wards() -> list[tuple[str, str]]:
    return sorted(publishing.partnership_wards().items(), key=lambda w: w[1])


def _sent(request: HttpRequest, reference: str, track: str, met: bool | None) -> HttpResponse:
    return render(request, "engage/review_sent.html", {"reference": reference, "track": track, "met": met})


def case_review_page(request: HttpRequest) -> HttpResponse:
    try:
        wards = _wards()
        threshold = publishing.engage_config().asb_case_review
    except CspkitError as error:
        return render(request, "public/unavailable.html", {"reason": str(error)}, status=503)
    if request.method == "POST":
        if abuse.over_limit(request, "asb-case-review", publishing.engage_config().per_hour("asb_case_review")):
            return render(request, "engage/slow_down.html", status=429)
        if abuse.is_robot(request):
            return _sent(request, abuse.new_reference("CT"), "", None)
        existing = AsbCaseReview.objects.filter(nonce=request.POST.get("nonce", "")).first()
        if existing is not None:
            return _sent(request, existing.reference, "", None)
        form = CaseReviewForm(request.POST, wards=wards)
        if form.is_valid():
            made = form.save(commit=False)
            made.reference = abuse.new_reference("CT")
            made.nonce = form.cleaned_data["nonce"]
            token = track_token(made.reference, SALT)
            made.tracking_hash = tracking_hash(token)
            made.complaints = form.complaints()
            dates = [date.fromisoformat(c["date"]) for c in made.complaints]
            made.meets_threshold = trigger.meets_threshold(
                dates, timezone.localdate(), threshold.complaints, threshold.months
            )
            try:
                with transaction.atomic():
                    made.save()
            except IntegrityError:
                existing = get_object_or_404(AsbCaseReview, nonce=form.cleaned_data["nonce"])
                return _sent(request, existing.reference, "", None)
            track = notify.link(request, "engage:trigger-track", token)
            notify.send(
                _("Your ASB case review application %(ref)s") % {"ref": made.reference}, track, [made.applicant_email]
            )
            notify.send(
                _("A new ASB case review application"),
                notify.link(request, "engage:trigger-case", made.pk),
                notify.staff_addresses(User.objects.filter(role=roles.MANAGER)),
            )
            return _sent(request, made.reference, track, made.meets_threshold)
    else:
        form = CaseReviewForm(initial={"nonce": abuse.new_nonce()}, wards=wards)
    return render(request, "engage/case_review.html", {"form": form, "threshold": threshold})


def track_page(request: HttpRequest, token: str) -> HttpResponse:
    found = AsbCaseReview.objects.filter(tracking_hash=tracking_hash(token)).first()
    if found is None:
        raise Http404("no application has that link")
    return render(request, "engage/review_track.html", {"review": found})


def yearly_figures() -> list[trigger.YearFigures]:
    """Per financial year of application: what the Act asks partnerships to publish."""
    years: dict[str, list[AsbCaseReview]] = {}
    for review in AsbCaseReview.objects.all():
        years.setdefault(trigger.financial_year(timezone.localdate(review.submitted_at)), []).append(review)
    return [
        trigger.YearFigures(
            year=year,
            applications=len(found),
            threshold_not_met=sum(1 for r in found if r.status == AsbCaseReview.NOT_MET),
            reviews=sum(1 for r in found if r.status == AsbCaseReview.REVIEWED),
            with_recommendations=sum(1 for r in found if r.status == AsbCaseReview.REVIEWED and r.recommendations),
        )
        for year, found in sorted(years.items(), reverse=True)
    ]


def figures_page(request: HttpRequest) -> HttpResponse:
    return render(request, "engage/review_figures.html", {"years": yearly_figures()})
