"""The Hallmarks of Effective Partnerships self-assessment: each year the partnership scores
every element (0-3) with its evidence and an improvement action, and sees last year's score
beside it. Statutory elements are cited paraphrases shipped with cspkit; suggested practice
is the partnership's own, editable by the manager."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cspkit.web.accounts.models import Agency, User
from cspkit.web.accounts.roles import ANALYST, MANAGER
from cspkit.web.partnership.models import ActionItem, HallmarkElement, HallmarkScore, HallmarksReview

SCORERS = frozenset({MANAGER, ANALYST})
SCORES = {
    0: gettext_lazy("Not in place"),
    1: gettext_lazy("Developing"),
    2: gettext_lazy("Established"),
    3: gettext_lazy("Embedded and reviewed"),
}


def framework() -> dict[str, Any]:
    from cspkit.bundle import package_path
    from cspkit.yamlfile import read_yaml

    data: dict[str, Any] = read_yaml(package_path("hallmarks/hallmarks-2007.yaml")).data
    return data


def ensure_elements() -> None:
    """Create the elements cspkit ships; a statutory element's paraphrase follows the shipped
    file, a suggested practice the partnership has edited is left as it is."""
    data = framework()
    order = 0
    for hallmark in data["hallmarks"]:
        for element in hallmark["elements"]:
            order += 1
            cited = data["citations"].get(element.get("cites", ""), {})
            fixed = {
                "hallmark": hallmark["id"],
                "hallmark_title": hallmark["title"],
                "aspect": element["aspect"],
                "kind": element["kind"],
                "citation": cited.get("title", ""),
                "citation_url": cited.get("url", ""),
                "order": order,
            }
            made, created = HallmarkElement.objects.get_or_create(
                code=element["code"], defaults=fixed | {"text": element["text"]}
            )
            if not created and element["kind"] == HallmarkElement.STATUTORY and made.text != element["text"]:
                HallmarkElement.objects.filter(pk=made.pk).update(text=element["text"], **fixed)


def current_year(today: date | None = None) -> str:
    today = today or date.today()
    start = today.year if today.month >= 4 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def _review(year_slug: str) -> HallmarksReview:
    return get_object_or_404(HallmarksReview, year=year_slug.replace("-", "/", 1))


def _averages(review: HallmarksReview | None) -> dict[str, float]:
    if review is None:
        return {}
    totals: dict[str, list[int]] = {}
    for score in review.scores.select_related("element"):
        totals.setdefault(score.element.hallmark, []).append(score.score)
    return {k: sum(v) / len(v) for k, v in totals.items()}


def hallmarks(request: HttpRequest) -> HttpResponse:
    ensure_elements()
    user: User = request.user  # type: ignore[assignment]
    reviews = list(HallmarksReview.objects.all())
    latest = reviews[0] if reviews else None
    previous = reviews[1] if len(reviews) > 1 else None
    now, before = _averages(latest), _averages(previous)
    data = framework()
    rows = [
        {"id": h["id"], "title": h["title"], "now": now.get(h["id"]), "before": before.get(h["id"])}
        for h in data["hallmarks"]
    ]
    year = current_year()
    context = {
        "reviews": reviews,
        "latest": latest,
        "previous": previous,
        "rows": rows,
        "source": data["source"],
        "year": year,
        "may_start": user.role in SCORERS and not any(r.year == year for r in reviews),
    }
    return render(request, "partnership/hallmarks.html", context)


def start_review(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        review, created = HallmarksReview.objects.get_or_create(
            year=current_year(),
            defaults={"started_by": request.user},
        )
        if created:
            messages.success(request, _("Self-assessment %(year)s started.") % {"year": review.year})
        return redirect("partnership:hallmarks-review", year=review.slug)
    return redirect("partnership:hallmarks")


def review(request: HttpRequest, year: str) -> HttpResponse:
    ensure_elements()
    user: User = request.user  # type: ignore[assignment]
    this = _review(year)
    earlier = HallmarksReview.objects.filter(year__lt=this.year).first()
    scores = {s.element_id: s for s in this.scores.select_related("action")}
    before = {s.element_id: s.score for s in earlier.scores.all()} if earlier else {}
    aspects = {a["id"]: a["title"] for a in framework()["aspects"]}
    groups: list[dict[str, Any]] = []
    for element in HallmarkElement.objects.all():
        if not groups or groups[-1]["id"] != element.hallmark:
            groups.append({"id": element.hallmark, "title": element.hallmark_title, "elements": []})
        score = scores.get(element.pk)
        groups[-1]["elements"].append(
            {
                "element": element,
                "aspect": aspects.get(element.aspect, element.aspect),
                "score": score,
                "before": before.get(element.pk),
                "evidence": [line.strip() for line in (score.evidence if score else "").splitlines() if line.strip()],
            }
        )
    scored = len(scores)
    context = {
        "review": this,
        "earlier": earlier,
        "groups": groups,
        "scored": scored,
        "total": HallmarkElement.objects.count(),
        "may_score": user.role in SCORERS,
        "may_edit_practice": user.role == MANAGER,
        "scores": SCORES,
    }
    return render(request, "partnership/hallmarks_review.html", context)


def _links(text: str) -> None:
    """Evidence: one reference per line; a line that looks like a link must be a valid one."""
    check = URLValidator(schemes=["https"])
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line.startswith(("http:", "https:", "www.")):
            try:
                check(line)
            except ValidationError:
                raise ValidationError(_("Line %(number)s is not a valid https:// link") % {"number": number}) from None


class ScoreForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("Score"), coerce=int, choices=list(SCORES.items()), widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label=gettext_lazy("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One link (https://...) or document reference per line."),
        validators=[_links],
    )
    improvement = forms.CharField(
        label=gettext_lazy("Improvement action"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Agency to own the improvement action"),
        queryset=Agency.objects.all(),
        required=False,
        help_text=gettext_lazy("With an agency, the improvement action is added to the partnership's actions."),
    )
    due = forms.DateField(label=gettext_lazy("Due (YYYY-MM-DD)"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("owner") and not (cleaned.get("improvement") or "").strip():
            self.add_error("improvement", _("Say what the improvement action is"))
        return cleaned


def score(request: HttpRequest, year: str, code: str) -> HttpResponse:
    ensure_elements()
    this = _review(year)
    element = get_object_or_404(HallmarkElement, code=code)
    user: User = request.user  # type: ignore[assignment]
    existing = HallmarkScore.objects.filter(review=this, element=element).select_related("action").first()
    initial: dict[str, Any] = {}
    if existing:
        initial = {"score": existing.score, "evidence": existing.evidence, "improvement": existing.improvement}
        if existing.action:
            initial.update(owner=existing.action.owner, due=existing.action.due)
    form = ScoreForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            action = existing.action if existing else None
            if data["owner"] and action is None:
                action = ActionItem.objects.create(
                    title=data["improvement"][:200],
                    description=_("Improvement action from the Hallmarks self-assessment %(year)s, element %(code)s.")
                    % {"year": this.year, "code": element.code},
                    owner=data["owner"],
                    priority=element.hallmark_title,
                    due=data["due"],
                )
            elif action is not None and data["owner"]:
                action.title, action.owner, action.due = data["improvement"][:200], data["owner"], data["due"]
                action.save(update_fields=["title", "owner", "due"])
            HallmarkScore.objects.update_or_create(
                review=this,
                element=element,
                defaults={
                    "score": data["score"],
                    "evidence": data["evidence"],
                    "improvement": data["improvement"],
                    "action": action,
                    "scored_by": user,
                },
            )
        messages.success(request, _("Score for %(code)s saved.") % {"code": element.code})
        return redirect("partnership:hallmarks-review", year=this.slug)
    return render(request, "partnership/hallmark_score.html", {"form": form, "element": element, "review": this})


class PracticeForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Suggested practice"), widget=forms.Textarea(attrs={"rows": 4}))


def practice(request: HttpRequest, code: str) -> HttpResponse:
    ensure_elements()
    element = get_object_or_404(HallmarkElement, code=code)
    if element.kind != HallmarkElement.SUGGESTED:
        raise Http404("statutory elements are cited paraphrases, not edited here")
    form = PracticeForm(request.POST or None, initial={"text": element.text})
    if request.method == "POST" and form.is_valid():
        element.text = form.cleaned_data["text"].strip()
        element.save(update_fields=["text"])
        messages.success(request, _("Suggested practice %(code)s saved.") % {"code": element.code})
        return redirect("partnership:hallmarks")
    return render(request, "partnership/hallmark_practice.html", {"form": form, "element": element})
