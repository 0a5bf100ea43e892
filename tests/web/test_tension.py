"""Community tension monitoring: any case worker reports and reads; only the reporting agency
or the partnership manager updates or closes a report; the history keeps each change; the
log is never public and needs the second factor like all case work."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.web.test_case_access import _verified

pytestmark = pytest.mark.web
AMPTHILL = "E05014394"


def _report(**extra: str) -> dict[str, str]:
    form = {
        "ward": AMPTHILL,
        "reported_on": date.today().isoformat(),
        "level": "2",
        "trend": "rising",
        "sources": "Community contacts; two incidents at the parade.",
        "summary": "Rumours after a fight between two groups of young people.",
        "actions": "Extra patrols on Friday and Saturday evenings.",
    }
    return form | extra


def test_a_report_is_logged_updated_and_closed_by_its_agency(db, client, people, web_store, settings) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import TensionReport

    settings.HOME = str(web_store)
    officer, other = people["officer"], people["sharing_officer"]  # police; fire
    _verified(client, officer)
    assert (
        "The date must be between 2000 and today"
        in client.post(
            reverse("cases:tension-new"), _report(reported_on=(date.today() + timedelta(days=1)).isoformat())
        ).content.decode()
    )
    assert (
        "Select a valid choice" in client.post(reverse("cases:tension-new"), _report(ward="E05999999")).content.decode()
    )
    assert not TensionReport.objects.exists()
    response = client.post(reverse("cases:tension-new"), _report())
    assert response.status_code == 302, response.content.decode()[:2000]
    report = TensionReport.objects.get()
    assert report.agency == officer.agency
    page = client.get(reverse("cases:tensions")).content.decode()
    assert "Ampthill" in page
    assert "Medium: tension is building" in page
    _verified(client, other)  # another agency reads it but may not change it
    assert "Rumours after a fight" in client.get(reverse("cases:tension", args=[report.pk])).content.decode()
    update = {"level": "3", "note": "A second fight."}
    assert client.post(reverse("cases:tension-update", args=[report.pk]), update).status_code == 404
    _verified(client, officer)
    client.post(reverse("cases:tension-update", args=[report.pk]), update)
    client.post(reverse("cases:tension-update", args=[report.pk]), {"level": "1", "note": "Calm again.", "close": "on"})
    report.refresh_from_db()
    assert (report.level, report.closed_on) == (1, date.today())
    assert [u.level for u in report.updates.order_by("id")] == [2, 3, 1]
    assert client.post(reverse("cases:tension-update", args=[report.pk]), update).status_code == 404  # closed


def test_the_log_is_never_public(db, client, people) -> None:  # type: ignore[no-untyped-def]
    for name in ("cases:tensions", "cases:tension-new"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(people["councillor"])
    assert client.get(reverse("cases:tensions")).status_code == 403
