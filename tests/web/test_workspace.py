"""The partnership workspace: configuration edits saved in the database and re-exported to
partnership.yaml (with a revision; stale or hand-edited files refused), scanning-chart
decisions with reasons, the priorities' approval, action status updates only by the owning
agency, and report runs the worker builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

pytestmark = pytest.mark.web


@pytest.fixture(scope="module")
def workspace(web_demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo workspace these tests may change."""
    target = tmp_path_factory.mktemp("workspace") / "workspace"
    shutil.copytree(web_demo, target, symlinks=True, ignore=shutil.ignore_patterns("materialised"))
    return target


@pytest.fixture(autouse=True)
def _web_home(settings, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    settings.HOME = workspace


def _yaml(workspace: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((workspace / "partnership.yaml").read_text(encoding="utf-8"))


def _target(workspace: Path, issue: str) -> dict:  # type: ignore[type-arg]
    priority = next(p for p in _yaml(workspace)["plan"]["priorities"] if p["issue"] == issue)
    return priority["targets"][0]["change"]


def test_a_manager_edits_a_target_and_the_yaml_is_re_exported(client, people, sign_in, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership.models import ConfigurationSave

    sign_in(people["manager"])
    url = reverse("partnership:target-edit", args=["burglary", "policeuk", "burglary"])
    form = client.get(url)
    assert form.status_code == 200
    revision = ConfigurationSave.objects.first().revision
    before = (workspace / "partnership.yaml").read_text(encoding="utf-8")
    sent = {"change_bedford": "-9", "change_mid": "-6.5", "change_south": "-8", "revision": revision}
    assert client.post(url, sent).status_code == 302
    assert _target(workspace, "burglary") == {"bedford": -9, "mid": -6.5, "south": -8}
    saved = ConfigurationSave.objects.first()
    assert saved.revision == revision + 1
    assert saved.saved_by == people["manager"]
    assert _yaml(workspace)["revision"] == revision + 1
    text = (workspace / "partnership.yaml").read_text(encoding="utf-8")
    assert text == saved.text
    # Comments and layout survive the round trip: only the changed lines differ.
    changed = [line for line in text.splitlines() if line not in before.splitlines()]
    assert len(changed) == 2, changed  # the revision and the burglary line
    assert "# Peers to compare with" in text
    # A second save from the same (now stale) form is refused, not merged.
    stale = client.post(url, sent | {"change_mid": "-1"})
    assert stale.status_code == 200
    assert "someone else saved a change" in stale.content.decode()
    assert _target(workspace, "burglary")["mid"] == -6.5


def test_a_bad_target_is_refused_with_a_message(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership.configuration import current

    sign_in(people["manager"])
    url = reverse("partnership:target-edit", args=["burglary", "policeuk", "burglary"])
    page = client.post(
        url, {"change_bedford": "-900", "change_mid": "x", "change_south": "", "revision": current().revision}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "There is a problem" in text
    assert 'href="#id_change_bedford"' in text
    assert client.get(reverse("partnership:target-edit", args=["burglary", "policeuk", "robbery"])).status_code == 404


def test_only_the_manager_edits_targets(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    url = reverse("partnership:target-edit", args=["burglary", "policeuk", "burglary"])
    for role in ("analyst", "officer", "councillor", "scrutiny"):
        sign_in(people[role])
        assert client.post(url, {"change_mid": "50"}).status_code == 403, role


def test_a_file_changed_by_hand_is_not_overwritten_and_an_older_import_is_refused(  # type: ignore[no-untyped-def]
    client, people, sign_in, workspace: Path
) -> None:
    from cspkit.web.partnership.configuration import current

    sign_in(people["manager"])
    revision = current().revision
    path = workspace / "partnership.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("tolerance_percent: 5", "tolerance_percent: 6"), encoding="utf-8")
    try:
        url = reverse("partnership:target-edit", args=["burglary", "policeuk", "burglary"])
        page = client.post(
            url, {"change_bedford": "-1", "change_mid": "-1", "change_south": "-1", "revision": revision}
        )
        assert "was changed outside cspkit" in page.content.decode()
        with pytest.raises(CommandError, match="older than the database"):
            call_command("import_configuration")
        newer = path.read_text(encoding="utf-8").replace(f"revision: {revision}", f"revision: {revision + 5}")
        path.write_text(newer, encoding="utf-8")
        call_command("import_configuration")
        assert current().revision == revision + 5
    finally:
        assert current().text == path.read_text(encoding="utf-8")


def test_a_decision_needs_a_reason_and_is_recorded_with_its_author(client, people, sign_in, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership.configuration import current

    sign_in(people["analyst"])
    url = reverse("partnership:issue-decision", args=["robbery"])
    assert client.get(url).status_code == 200
    revision = current().revision
    refused = client.post(url, {"decision": "include", "reason": " ", "revision": revision})
    assert "Give the reason for the decision" in refused.content.decode()
    assert (
        client.post(
            url, {"decision": "include", "reason": "Street robbery of young people", "revision": revision}
        ).status_code
        == 302
    )
    robbery = next(i for i in _yaml(workspace)["assessment"]["issues"] if i["id"] == "robbery")
    assert robbery["override"]["reason"] == "Street robbery of young people"
    assert robbery["override"]["author"] == "t-analyst"
    assert client.post(url, {"decision": "rule", "reason": "", "revision": current().revision}).status_code == 302
    robbery = next(i for i in _yaml(workspace)["assessment"]["issues"] if i["id"] == "robbery")
    assert "override" not in robbery
    for role in ("officer", "councillor", "scrutiny"):
        sign_in(people[role])
        assert client.post(url, {"decision": "exclude", "reason": "x"}).status_code == 403, role


def test_an_officer_updates_their_own_agencys_action_and_not_anothers(client, people, sign_in, objects) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership.models import ActionItem

    fire_action = objects["open_action"]  # owned by the fire service
    sign_in(people["officer"])  # police
    page = client.get(reverse("partnership:action-detail", args=[fire_action.pk]))
    assert "Only the owning agency" in page.content.decode()
    refused = client.post(reverse("partnership:action-update", args=[fire_action.pk]), {"status": "red", "note": "x"})
    assert refused.status_code == 403
    assert ActionItem.objects.get(pk=fire_action.pk).status == ActionItem.NOT_STARTED
    sign_in(people["fire_officer"])
    url = reverse("partnership:action-update", args=[fire_action.pk])
    assert client.post(url, {"status": "amber", "note": ""}).status_code == 400
    assert client.post(url, {"status": "amber", "note": "Two of five visits done."}).status_code == 302
    item = ActionItem.objects.get(pk=fire_action.pk)
    assert item.status == "amber"
    assert item.updates.get().author == people["fire_officer"]
    assert (
        "Two of five visits done." in client.get(reverse("partnership:action-detail", args=[item.pk])).content.decode()
    )


def test_report_runs_are_queued_checked_and_built_by_the_worker(client, people, sign_in, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership import report_runs
    from cspkit.web.partnership.models import ReportRun

    sign_in(people["analyst"])
    refused = client.post(reverse("partnership:report-new"), {"kind": "assessment", "period": "2031/32"})
    assert refused.status_code == 302
    assert not ReportRun.objects.exists()
    made = client.post(reverse("partnership:report-new"), {"kind": "plan"})
    run = ReportRun.objects.get()
    assert made["Location"] == reverse("partnership:report", args=[run.pk])
    assert report_runs.drain() == 1
    run.refresh_from_db()
    # No assessment is kept in the demo workspace yet: the plan says why instead of failing silently.
    assert run.status == ReportRun.FAILED
    assert "run the strategic assessment first" in run.error
    status = client.get(reverse("partnership:report-status", args=[run.pk])).json()
    assert status["status"] == "failed"
    assert client.get(reverse("partnership:report-file", args=[run.pk, "partnership.yaml"])).status_code == 404
    assert client.get(reverse("partnership:report", args=[run.pk]) + "..%2Fpartnership.yaml").status_code == 404
    sign_in(people["councillor"])
    assert client.post(reverse("partnership:report-new"), {"kind": "plan"}).status_code == 403
    assert client.get(reverse("partnership:report", args=[run.pk])).status_code == 200


def test_the_analyst_writes_an_issues_narrative(client, people, sign_in, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership.configuration import current

    sign_in(people["analyst"])
    url = reverse("partnership:issue-narrative", args=["vehicle-crime"])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"period": "2023/24", "context": "", "revision": current().revision})
    assert "There is a problem" in refused.content.decode()
    sent = {
        "period": "2023/24",
        "context": "Thefts from vans rose in Leighton-Linslade.",
        "horizon_scan": "A new retail park opens in 2025.",
        "recommendation": "Keep as a priority.",
        "revision": current().revision,
    }
    assert client.post(url, sent).status_code == 302
    vehicle = next(i for i in _yaml(workspace)["assessment"]["issues"] if i["id"] == "vehicle-crime")
    assert vehicle["narrative"] == {
        "period": "2023/24",
        "context": "Thefts from vans rose in Leighton-Linslade.",
        "horizon_scan": "A new retail park opens in 2025.",
        "recommendation": "Keep as a priority.",
    }
    sign_in(people["councillor"])
    assert client.post(url, sent).status_code == 403


def test_the_plan_lists_each_prioritys_tracked_actions_as_the_viewer_may_see_them(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership.models import ActionItem

    police, fire = people["officer"].agency, people["fire_officer"].agency
    ActionItem.objects.create(title="Target hardening visits", owner=fire, priority="Burglary", status="amber")
    ActionItem.objects.create(title="Burglary hotspot patrols", owner=police, priority="burglary", restricted=True)
    ActionItem.objects.create(title="Unrelated action", owner=police, priority="Something else")
    sign_in(people["fire_officer"])
    page = client.get(reverse("partnership:plan")).content.decode()
    tracked = page[page.index("Tracked actions") :]
    assert "Target hardening visits" in tracked
    assert "Burglary hotspot patrols" not in tracked  # the police's restricted action
    assert "Unrelated action" not in tracked
    sign_in(people["officer"])
    assert "Burglary hotspot patrols" in client.get(reverse("partnership:plan")).content.decode()
