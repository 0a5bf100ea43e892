"""The plan's targets by place with the performance report's RAG beside each, the manager's
target edit (a configuration change, re-exported to partnership.yaml), and the performance
report: exceptions first, then every target and place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cspkit.config.edit import set_target_change
from cspkit.errors import CspkitError
from cspkit.web.accounts.models import User
from cspkit.web.accounts.roles import MANAGER
from cspkit.web.partnership import configuration


def _inputs() -> Any:
    from cspkit.web.dashboard.materialised import request_for

    return request_for(Path(settings.HOME))


def _leaves(inputs: Any) -> list[Any]:
    from cspkit.assessment.plan_tree import plan_tree

    return plan_tree(inputs.config, inputs.geo).leaves()


def _performance() -> dict[str, Any]:
    from cspkit.web.dashboard.materialised import performance

    return performance(Path(settings.HOME))


def plan(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    try:
        inputs = _inputs()
        report = _performance()
    except CspkitError as error:
        return render(request, "dashboard/unavailable.html", {"reason": str(error)})

    def priorities() -> list[dict[str, Any]]:
        """Only called when the page's tables are not already rendered for this version."""
        from cspkit.assessment.plan_tree import plan_tree

        tree = plan_tree(inputs.config, inputs.geo)
        rag: dict[tuple[str, str, str], Any] = {}
        for priority in report.get("priorities", []):
            for target in priority["targets"]:
                for row in target["rows"]:
                    rag[(priority["issue"], target["indicator"].split("@")[0], row["node"])] = row
        titles = {i.id: i.title for i in inputs.config.assessment.issues}
        found = []
        for priority in inputs.config.plan.priorities:
            targets = []
            for target in priority.targets:
                places = []
                for node, depth in tree.walk():
                    row = rag.get((priority.issue, target.indicator.split("@")[0], node.name), {})
                    places.append(
                        {
                            "name": node.name,
                            "title": node.title,
                            "depth": depth,
                            "leaf": not node.children,
                            "change": target.change.get(node.name),
                            "rag": row.get("rag"),
                            "fytd_actual": row.get("fytd_actual"),
                            "fytd_target": row.get("fytd_target"),
                        }
                    )
                set_name, _slash, name = target.indicator.split("@")[0].partition("/")
                targets.append({"indicator": target.indicator, "set_name": set_name, "name": name, "places": places})
            found.append(
                {
                    "issue": priority.issue,
                    "title": titles.get(priority.issue, priority.issue),
                    "owner": priority.owner,
                    "targets": targets,
                    "actions": priority.actions,
                }
            )
        return found

    from cspkit.web.dashboard.materialised import config_digest

    context = {
        "tracked": _tracked(user, inputs),
        "plan": inputs.config.plan,
        "priorities": priorities,
        "report": report,
        "may_edit": user.role == MANAGER,
        "revision": inputs.config.revision,
        "version": f"{report.get('materialised_key', '')}-{config_digest(Path(settings.HOME))}",
        "language": get_language(),
    }
    return render(request, "partnership/plan.html", context)


def _tracked(user: User, inputs: Any) -> list[dict[str, Any]]:
    """Each priority's tracked actions (owner, due, current status, updates), as the viewer may see them."""
    from cspkit.web.accounts.permissions import may_see
    from cspkit.web.partnership.models import ActionItem

    titles = {i.id: i.title for i in inputs.config.assessment.issues}
    keys = {
        key.casefold(): issue
        for issue in (p.issue for p in inputs.config.plan.priorities)
        for key in (issue, titles.get(issue, issue))
    }
    tags = {ActionItem.ON_TRACK: "green", ActionItem.COMPLETE: "green", ActionItem.AT_RISK: "amber"}
    tags[ActionItem.OFF_TRACK] = "red"
    labels = dict(ActionItem.STATES)
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in ActionItem.objects.select_related("owner").order_by("due", "title"):
        issue = keys.get(item.priority.casefold())
        if issue is not None and may_see(user, {item.owner.slug}, item.restricted):
            groups.setdefault(issue, []).append(
                {
                    "url": reverse("partnership:action-detail", args=[item.pk]),
                    "title": item.title,
                    "owner": item.owner.name,
                    "due": f"{item.due:%Y-%m-%d}" if item.due else "—",
                    "status": labels[item.status],
                    "tag": tags.get(item.status, "grey"),
                }
            )
    return [
        {"title": titles.get(p.issue, p.issue), "actions": groups[p.issue]}
        for p in inputs.config.plan.priorities
        if p.issue in groups
    ]


class TargetForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any, places: list[Any], initial: dict[str, Any]) -> None:
        super().__init__(data, initial=initial)
        for leaf in places:
            self.fields[f"change_{leaf.name}"] = forms.DecimalField(
                label=leaf.title,
                max_digits=5,
                decimal_places=1,
                min_value=-100,
                max_value=100,
                help_text=gettext_lazy("Annual % change from the baseline; negative for a reduction."),
            )


def target_edit(request: HttpRequest, issue: str, set_name: str, name: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    try:
        inputs = _inputs()
    except CspkitError as error:
        return render(request, "dashboard/unavailable.html", {"reason": str(error)})
    indicator = f"{set_name}/{name}"
    found = [
        (p, t)
        for p in inputs.config.plan.priorities
        if p.issue == issue
        for t in p.targets
        if t.indicator.split("@")[0] == indicator
    ]
    if not found:
        raise Http404("no such target")
    _priority, target = found[0]
    leaves = _leaves(inputs)
    initial: dict[str, Any] = {f"change_{leaf.name}": target.change.get(leaf.name) for leaf in leaves}
    initial["revision"] = configuration.current().revision
    form = TargetForm(request.POST or None, leaves, initial)
    if request.method == "POST" and form.is_valid():
        revision = form.cleaned_data["revision"]
        names = [leaf.name for leaf in leaves]
        changed = [
            (leaf.name, float(form.cleaned_data[f"change_{leaf.name}"]))
            for leaf in leaves
            if float(form.cleaned_data[f"change_{leaf.name}"]) != target.change.get(leaf.name)
        ]
        try:
            for place, percent in changed:
                saved = configuration.save(
                    user,
                    set_target_change(issue, indicator, place, percent, names),
                    f"target {indicator} for {place}: {percent:+g}% a year",
                    revision,
                )
                revision = saved.revision
        except CspkitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Target saved (configuration revision %(revision)s); the dashboard and performance report now "
                    "measure against it."
                )
                % {"revision": revision},
            )
            return redirect("partnership:plan")
    return render(request, "partnership/target_form.html", {"form": form, "indicator": indicator, "issue": issue})


def performance(request: HttpRequest) -> HttpResponse:
    try:
        report = _performance()
    except CspkitError as error:
        return render(request, "dashboard/unavailable.html", {"reason": str(error)})
    context = {"report": report, "language": get_language()}
    return render(request, "partnership/performance.html", context)
