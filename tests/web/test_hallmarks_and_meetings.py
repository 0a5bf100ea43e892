"""The Hallmarks self-assessment (scores with evidence and improvement actions, last year beside
this year, editable suggested practice, fixed statutory paraphrases) and meetings (agenda from
the performance report's exceptions and open actions, decisions and actions carried forward)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.web


@pytest.fixture(autouse=True)
def _web_home(settings, assessed: Path) -> None:  # type: ignore[no-untyped-def]
    settings.HOME = assessed


def test_the_analyst_scores_an_element_with_evidence_and_an_improvement_action(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership.hallmark_views import current_year
    from cspkit.web.partnership.models import ActionItem, HallmarkElement, HallmarkScore, HallmarksReview

    sign_in(people["analyst"])
    assert client.get(reverse("partnership:hallmarks")).status_code == 200
    assert HallmarkElement.objects.count() == 20
    assert HallmarkElement.objects.filter(kind="statutory").exclude(citation="").count() == 7
    started = client.post(reverse("partnership:hallmarks-start"))
    review = HallmarksReview.objects.get(year=current_year())
    assert started["Location"] == reverse("partnership:hallmarks-review", args=[review.slug])
    url = reverse("partnership:hallmark-score", args=[review.slug, "I4"])
    bad = client.post(url, {"score": "2", "evidence": "Register of officers\nhttps://exa mple.org/x"})
    assert bad.status_code == 200
    assert "Line 2 is not a valid https:// link" in bad.content.decode()
    fire = people["fire_officer"].agency
    sent = {
        "score": "1",
        "evidence": "https://example.org/agreements\nBoard minutes, May 2024",
        "improvement": "Name a designated officer in every agency",
        "owner": fire.pk,
        "due": "2025-03-31",
    }
    assert client.post(url, sent).status_code == 302
    scored = HallmarkScore.objects.get(review=review, element__code="I4")
    assert scored.score == 1
    assert scored.action.owner == fire
    assert ActionItem.objects.filter(title="Name a designated officer in every agency").count() == 1
    page = client.get(reverse("partnership:hallmarks-review", args=[review.slug])).content.decode()
    assert 'href="https://example.org/agreements"' in page
    assert "1 of 20 elements scored" in page


def test_this_year_is_shown_beside_last_year(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership.hallmark_views import ensure_elements
    from cspkit.web.partnership.models import HallmarkElement, HallmarkScore, HallmarksReview

    ensure_elements()
    element = HallmarkElement.objects.get(code="A1")
    for year, score in (("2023/24", 1), ("2024/25", 3)):
        review = HallmarksReview.objects.create(year=year, started_by=people["manager"])
        HallmarkScore.objects.create(review=review, element=element, score=score, scored_by=people["manager"])
    sign_in(people["councillor"])
    page = client.get(reverse("partnership:hallmarks-review", args=["2024-25"])).content.decode()
    row = page[page.index('data-element="A1"') :].split("</tr>")[0]
    assert 'data-score="3"' in row
    assert '<td class="num">1</td>' in row
    summary = client.get(reverse("partnership:hallmarks")).content.decode()
    assert "2023/24" in summary
    assert "3.0" in summary
    # A councillor reads; scoring is the manager's and analyst's.
    refused = client.post(reverse("partnership:hallmark-score", args=["2024-25", "A1"]), {"score": "0"})
    assert refused.status_code == 403


def test_suggested_practice_is_editable_and_statutory_text_is_not(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.partnership.hallmark_views import ensure_elements
    from cspkit.web.partnership.models import HallmarkElement

    sign_in(people["manager"])
    url = reverse("partnership:hallmark-practice", args=["S3"])
    assert client.post(url, {"text": "Peer reviews with two similar partnerships each year."}).status_code == 302
    ensure_elements()  # a new release's file never overwrites the partnership's own practice
    assert HallmarkElement.objects.get(code="S3").text == "Peer reviews with two similar partnerships each year."
    assert client.get(reverse("partnership:hallmark-practice", args=["I1"])).status_code == 404
    sign_in(people["analyst"])
    assert client.post(url, {"text": "x"}).status_code == 403


def test_a_board_agenda_comes_from_the_exceptions_and_open_actions_carry_forward(
    client, people, sign_in, assessed
) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.dashboard.materialised import performance
    from cspkit.web.partnership.models import ActionItem, Meeting

    exceptions = performance(assessed)["exceptions"]
    assert exceptions
    sign_in(people["analyst"])
    made = client.post(reverse("partnership:meetings"), {"kind": "board", "date": "2024-05-01"})
    first = Meeting.objects.get(date=date(2024, 5, 1))
    assert made["Location"] == reverse("partnership:meeting", args=[first.pk])
    kinds = list(first.agenda.values_list("kind", flat=True))
    assert kinds.count("exception") == len(exceptions)
    assert kinds[0] == "standing"
    assert kinds[-1] == "other"
    url = reverse("partnership:meeting", args=[first.pk])
    client.post(url, {"form": "decision", "decision-text": "Priorities for 2024/25 agreed."})
    police = people["officer"].agency
    client.post(url, {"form": "action", "action-title": "Report on robbery hotspots", "action-owner": police.pk})
    client.post(url, {"form": "action", "action-title": "Publish the plan summary", "action-owner": police.pk})
    client.post(url, {"form": "minutes", "minutes-minutes": "Quorate.", "minutes-held": "on"})
    done = ActionItem.objects.get(title="Publish the plan summary")
    done.status = ActionItem.COMPLETE
    done.save()
    page = client.get(url).content.decode()
    assert "Priorities for 2024/25 agreed." in page
    assert "Quorate." in page
    client.post(reverse("partnership:meetings"), {"kind": "board", "date": "2024-06-05"})
    second = Meeting.objects.get(date=date(2024, 6, 5))
    carried = list(second.agenda.filter(kind="carried").values_list("title", flat=True))
    assert carried == ["Report on robbery hotspots"]
    assert second.agenda.filter(title__startswith="Minutes of the meeting of 2024-05-01").exists()


def test_a_delivery_group_needs_its_priority_and_sees_only_its_exceptions(client, people, sign_in, assessed) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.dashboard.materialised import performance
    from cspkit.web.partnership.models import Meeting

    sign_in(people["manager"])
    refused = client.post(reverse("partnership:meetings"), {"kind": "delivery-group", "date": "2024-05-02"})
    assert refused.status_code == 400
    assert "Choose the priority" in refused.content.decode()
    client.post(
        reverse("partnership:meetings"), {"kind": "delivery-group", "priority": "burglary", "date": "2024-05-02"}
    )
    group = Meeting.objects.get(priority="burglary")
    expected = [e for e in performance(assessed)["exceptions"] if e["priority"] == "Burglary"]
    assert group.agenda.filter(kind="exception").count() == len(expected)
    sign_in(people["scrutiny"])
    assert client.get(reverse("partnership:meeting", args=[group.pk])).status_code == 200
    assert client.post(reverse("partnership:meeting", args=[group.pk]), {"form": "decision"}).status_code == 403
    assert client.post(reverse("partnership:meetings"), {"kind": "board", "date": "2024-07-01"}).status_code == 403
