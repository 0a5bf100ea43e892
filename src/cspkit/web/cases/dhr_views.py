"""The domestic homicide review register: reviews (by pseudonym), their stages, and each
recommendation's action and progress. The partnership manager keeps the register; an agency
updates the recommendations made to it."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.web.accounts.models import User
from cspkit.web.accounts.roles import MANAGER
from cspkit.web.cases.marac_forms import RecommendationForm, ReviewForm
from cspkit.web.cases.models import DhrRecommendation, DomesticHomicideReview
from cspkit.web.cases.shortcuts import form_errors


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def register(request: HttpRequest) -> HttpResponse:
    reviews = DomesticHomicideReview.objects.prefetch_related("recommendations")
    rows = []
    for review in reviews:
        recommendations = list(review.recommendations.all())
        open_ = [r for r in recommendations if r.status in ("open", "in-progress")]
        overdue = [r for r in open_ if r.due_on < date.today()]
        rows.append((review, len(recommendations), len(open_), len(overdue)))
    return render(request, "cases/dhr_register.html", {"rows": rows, "may_edit": _user(request).role == MANAGER})


def review_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if _user(request).role != MANAGER:
        raise Http404("the partnership manager keeps the register")
    review = get_object_or_404(DomesticHomicideReview, pk=pk) if pk else None
    form = ReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The register is updated."))
        return redirect("cases:dhr-review", pk=saved.pk)
    return render(request, "cases/dhr_form.html", {"form": form, "review": review})


def review(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = get_object_or_404(DomesticHomicideReview, pk=pk)
    recommendations = list(found.recommendations.select_related("agency"))
    may_edit = user.role == MANAGER
    form = RecommendationForm() if may_edit else None
    context = {
        "review": found,
        "recommendations": recommendations,
        "form": form,
        "may_edit": may_edit,
        "statuses": DhrRecommendation.STATUSES,
        "today": date.today(),
    }
    return render(request, "cases/dhr_review.html", context)


@require_POST
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    if _user(request).role != MANAGER:
        raise Http404("the partnership manager keeps the register")
    found = get_object_or_404(DomesticHomicideReview, pk=pk)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        made = form.save(commit=False)
        made.review = found
        made.save()
        messages.success(request, _("Recommendation added."))
    else:
        messages.error(request, _("The recommendation was not saved: %(why)s") % {"why": form_errors(form)})
    return redirect("cases:dhr-review", pk=found.pk)


@require_POST
def recommendation_update(request: HttpRequest, pk: int) -> HttpResponse:
    """The agency a recommendation is for (or the manager) says where its action stands."""
    user = _user(request)
    found = get_object_or_404(DhrRecommendation, pk=pk)
    if user.role != MANAGER and user.agency_id != found.agency_id:
        raise Http404("only the agency it is for updates a recommendation")
    status = request.POST.get("status", "")
    if status not in dict(DhrRecommendation.STATUSES):
        messages.error(request, _("Choose a status."))
    else:
        found.status = status
        found.action = request.POST.get("action", found.action).strip()[:5000]
        found.save(update_fields=["status", "action", "updated_at"])
        messages.success(request, _("Recommendation updated."))
    return redirect("cases:dhr-review", pk=found.review_id)
