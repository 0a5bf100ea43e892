"""The strategic assessment in the browser: the latest kept run's scanning chart with each
issue's criteria, the rule's decision and the partnership's own with its recorded reason; the
narrative per issue; the priorities and the manager's approval of them; and the form that
records a decision (a configuration change, re-exported to partnership.yaml)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cspkit.config.edit import set_issue_decision, set_issue_narrative
from cspkit.errors import CspkitError
from cspkit.web.accounts.models import User
from cspkit.web.accounts.roles import ANALYST, MANAGER
from cspkit.web.partnership import configuration
from cspkit.web.partnership.models import PrioritiesApproval

DECIDERS = frozenset({MANAGER, ANALYST})


@lru_cache(maxsize=4)
def _kept(path: str) -> dict[str, Any]:
    """A kept run's document (about 1 MB of JSON): read once per process."""
    body: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    body["run"] = Path(path).parent.name
    return body


def latest_run(home: Path) -> dict[str, Any] | None:
    """The latest kept assessment of the partnership's area, with its run id (shared: read only)."""
    from cspkit.assessment.history import FILE
    from cspkit.web.dashboard.materialised import assessment_run, request_for

    area = str(request_for(home).config.area)
    run = assessment_run(home, area)
    if not run:
        return None
    found = list((home / "assessments" / area.replace(":", "-")).glob(f"*/{run}/{FILE}"))
    return _kept(str(found[0])) if found else None


def held_years(home: Path) -> list[str]:
    """Financial years the store holds every month of (police.uk street records), latest first."""
    from cspkit.assessment.dashboard import latest_month
    from cspkit.periods import add_months, financial_year_start, month_label
    from cspkit.web.dashboard.materialised import request_for

    inputs = request_for(home)
    latest = latest_month(inputs)
    held = {p.month for p in inputs.engine.catalogue.partitions if p.dataset == "street"}
    first = financial_year_start(latest).year
    years = []
    for year in range(first, first - 6, -1):
        if all(month_label(add_months(date(year, 4, 1), i)) in held for i in range(12)):
            years.append(f"{year}/{(year + 1) % 100:02d}")
    return years


def _configured_decisions() -> dict[str, dict[str, Any]]:
    """Issue id -> the decision the configuration now records (may differ from the kept run)."""
    from cspkit.web.dashboard.materialised import request_for

    return {
        issue.id: {"decision": issue.override.decision, "reason": issue.override.reason}
        for issue in request_for(Path(settings.HOME)).config.assessment.issues
        if issue.override is not None
    }


def assessment(request: HttpRequest) -> HttpResponse:
    home = Path(settings.HOME)
    user: User = request.user  # type: ignore[assignment]
    try:
        document = latest_run(home)
        years = held_years(home)
    except CspkitError as error:
        return render(request, "dashboard/unavailable.html", {"reason": str(error)})
    context: dict[str, Any] = {
        "document": document,
        "years": years,
        "may_decide": user.role in DECIDERS,
        "may_approve": user.role == MANAGER,
        "language": get_language(),
    }
    if document is not None:
        from cspkit.web.dashboard.materialised import config_digest

        context["approval"] = PrioritiesApproval.objects.filter(assessment_run=document["run"]).first()
        context["version"] = f"{document['run']}-{config_digest(home)}"
        context["chart"] = cache(lambda: _chart(document))  # once, and only on a fragment miss
    return render(request, "partnership/assessment.html", context)


def _chart(document: dict[str, Any]) -> dict[str, Any]:
    """The scanning chart beside the decisions the configuration now records: only built when
    the page is not already rendered for this run and configuration."""
    configured = _configured_decisions()
    rows = []
    for row in document["scanning_chart"]:
        now = configured.get(row["issue"]) or {}
        then = row.get("override") or {}
        changed = now.get("decision") != then.get("decision") or now.get("reason") != then.get("reason")
        rows.append(row | {"changed": changed, "configured": now or None})
    titles = {r["issue"]: r["title"] for r in document["scanning_chart"]}
    return {
        "rows": rows,
        "criteria": document["criteria"],
        "priorities": [{"issue": i, "title": titles.get(i, i)} for i in document["priorities"]],
        "narratives": [(titles.get(k, k), v) for k, v in document["narratives"].items() if v.get("context")],
        "any_changed": any(r["changed"] for r in rows),
    }


def _saved(request: HttpRequest, form: forms.Form, change: Any, description: str, done: str, title: str) -> bool:
    """Save a configuration change made from `form`; a refusal goes onto the form."""
    try:
        saved = configuration.save(request.user, change, description, form.cleaned_data["revision"])  # type: ignore[arg-type]
    except CspkitError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, done % {"issue": title, "revision": saved.revision})
    return True


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("include", gettext_lazy("Include as a priority")),
            ("exclude", gettext_lazy("Exclude")),
            ("rule", gettext_lazy("Follow the decision rules (remove the partnership's own decision)")),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Recorded with your name and today's date, and shown on the scanning chart."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("decision") in ("include", "exclude") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the decision"))
        return cleaned


def issue_decision(request: HttpRequest, issue: str) -> HttpResponse:
    from cspkit.web.dashboard.materialised import request_for

    user: User = request.user  # type: ignore[assignment]
    try:
        config = request_for(Path(settings.HOME)).config
    except CspkitError as error:
        return render(request, "dashboard/unavailable.html", {"reason": str(error)})
    found = [i for i in config.assessment.issues if i.id == issue]
    if not found:
        raise Http404("no such candidate issue")
    candidate = found[0]
    current = configuration.current()
    initial = {"decision": candidate.override.decision if candidate.override else "rule", "revision": current.revision}
    if candidate.override:
        initial["reason"] = candidate.override.reason
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        author = user.get_full_name() or user.username
        change = set_issue_decision(issue, data["decision"], data["reason"] or "", author, date.today())
        description = f"decision on {issue}: {data['decision']}"
        done = _(
            "Decision on %(issue)s saved (configuration revision %(revision)s). Run the assessment again to "
            "see it in the scanning chart."
        )
        if _saved(request, form, change, description, done, candidate.title):
            return redirect("partnership:assessment")
    return render(request, "partnership/issue_decision.html", {"form": form, "issue": candidate})


class NarrativeForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Written for the assessment of"))
    context = forms.CharField(label=gettext_lazy("Context"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    horizon_scan = forms.CharField(
        label=gettext_lazy("Horizon scan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
    recommendation = forms.CharField(
        label=gettext_lazy("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, years: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(y, y) for y in years]  # type: ignore[attr-defined]


def issue_narrative(request: HttpRequest, issue: str) -> HttpResponse:
    """The analyst's words on an issue: context, horizon scan, recommendation (a configuration change)."""
    from cspkit.web.dashboard.materialised import request_for

    home = Path(settings.HOME)
    try:
        config = request_for(home).config
        years = held_years(home)
    except CspkitError as error:
        return render(request, "dashboard/unavailable.html", {"reason": str(error)})
    found = [i for i in config.assessment.issues if i.id == issue]
    if not found:
        raise Http404("no such candidate issue")
    candidate = found[0]
    initial: dict[str, Any] = {"revision": configuration.current().revision}
    if candidate.narrative is not None:
        initial |= {
            "period": candidate.narrative.period,
            "context": candidate.narrative.context,
            "horizon_scan": candidate.narrative.horizon_scan,
            "recommendation": candidate.narrative.recommendation,
        }
        if candidate.narrative.period not in years:
            years = [candidate.narrative.period, *years]
    form = NarrativeForm(request.POST or None, initial=initial, years=years)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        change = set_issue_narrative(
            issue, data["period"], data["context"], data["horizon_scan"], data["recommendation"]
        )
        description = f"narrative on {issue} for {data['period']}"
        done = _(
            "Narrative on %(issue)s saved (configuration revision %(revision)s). Run the assessment again to "
            "see it in the report."
        )
        if _saved(request, form, change, description, done, candidate.title):
            return redirect("partnership:assessment")
    return render(request, "partnership/issue_narrative.html", {"form": form, "issue": candidate})


def approve_priorities(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("partnership:assessment")
    document = latest_run(Path(settings.HOME))
    if document is None:
        raise Http404("no assessment to approve")
    titles = {r["issue"]: r["title"] for r in document["scanning_chart"]}
    PrioritiesApproval.objects.create(
        assessment_run=document["run"],
        period=document["period"],
        priorities=[{"issue": i, "title": titles.get(i, i)} for i in document["priorities"]],
        approved_by=request.user,  # type: ignore[misc]
        note=(request.POST.get("note") or "")[:2000],
    )
    messages.success(request, _("Priorities approved."))
    return redirect("partnership:assessment")
