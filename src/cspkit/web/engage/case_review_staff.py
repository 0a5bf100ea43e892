"""ASB case reviews for the partnership's staff: the applications, the threshold decision and
the review with its recommendations and outcome; the applicant is told by e-mail (a link)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import User
from cspkit.web.engage import notify, publishing, trigger
from cspkit.web.engage.call_for_action import track_token
from cspkit.web.engage.call_for_action_forms import CaseReviewDecisionForm
from cspkit.web.engage.case_review import SALT
from cspkit.web.engage.models import AsbCaseReview

OBJECT_TYPE = "asb-case-review"


def cases_page(request: HttpRequest) -> HttpResponse:
    wards = publishing.partnership_wards()
    rows = [{"review": r, "ward_name": wards.get(r.ward, r.ward)} for r in AsbCaseReview.objects.all()[:500]]
    return render(request, "engage/review_cases.html", {"rows": rows})


def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(AsbCaseReview, pk=pk)
    threshold = publishing.engage_config().asb_case_review
    dates = [date.fromisoformat(c["date"]) for c in review.complaints]
    counted = trigger.complaints_counted(dates, timezone.localdate(review.submitted_at), threshold.months)
    if request.method == "POST":
        form = CaseReviewDecisionForm(request.POST)
        if form.is_valid():
            for name in ("status", "threshold_note", "review_date", "agencies", "recommendations", "outcome"):
                setattr(review, name, form.cleaned_data[name] if form.cleaned_data[name] is not None else "")
            review.review_date = form.cleaned_data["review_date"]
            review.decided_by = request.user if isinstance(request.user, User) else None
            review.decided_at = timezone.now()
            review.save()
            audit.record(request, f"decide:{review.status}", OBJECT_TYPE, review.reference)
            notify.send(
                _("An update on your ASB case review application %(ref)s") % {"ref": review.reference},
                notify.link(request, "engage:trigger-track", track_token(review.reference, SALT)),
                [review.applicant_email],
            )
            messages.success(request, _("Decision recorded and the applicant told"))
            return redirect("engage:trigger-case", pk=review.pk)
        status = 400
    else:
        form = CaseReviewDecisionForm(
            initial={
                "status": review.status if review.status != AsbCaseReview.RECEIVED else None,
                "threshold_note": review.threshold_note,
                "review_date": review.review_date,
                "agencies": review.agencies,
                "recommendations": review.recommendations,
                "outcome": review.outcome,
            }
        )
        status = 200
        audit.record(request, "read", OBJECT_TYPE, review.reference)
    context = {
        "review": review,
        "ward_name": publishing.partnership_wards().get(review.ward, review.ward),
        "threshold": threshold,
        "counted": counted,
        "form": form,
    }
    return render(request, "engage/review_case.html", context, status=status)
