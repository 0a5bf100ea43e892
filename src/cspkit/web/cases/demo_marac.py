"""The demo's MARAC: the council coordinates; the police refer victims whose (synthetic) records
they hold; the police, the fire service and probation sit at the meetings. A past meeting heard
cases (two of them repeats, flagged by the rules, not by hand), the next meeting has cases
listed and one waiting, and the domestic homicide review register holds one review."""

from __future__ import annotations

from datetime import date, timedelta

from cspkit.cases import marac
from cspkit.web.accounts.models import Agency, User
from cspkit.web.cases import marac_work
from cspkit.web.cases.access import cases_config
from cspkit.web.cases.models import (
    DhrRecommendation,
    DomesticHomicideReview,
    MaracAction,
    MaracMeeting,
    MaracReferral,
    MaracResearch,
    PersonRecord,
)
from cspkit.web.datahub.models import SharingAgreement

AT_THE_TABLE = ("bedfordshire", "bedfordshire-fire-rescue", "probation-bedfordshire")
KINDS = [kind for kind, _ in marac.ABUSE_KINDS]
RESEARCH = {
    "bedfordshire": "Three call-outs to the address in the last year; a non-molestation order is in force.",
    "bedfordshire-fire-rescue": "A home fire safety visit is due; no fire-setting history at the address.",
    "probation-bedfordshire": "The perpetrator is on licence; the offender manager will share the conditions.",
}


def _refer(
    victim: PersonRecord, on: date, kind: str, score: int, coordinator: Agency, agreement: SharingAgreement, by: User
) -> MaracReferral:
    referral = MaracReferral(
        victim=victim,
        coordinator=coordinator,
        agreement=agreement,
        referred_on=on,
        incident_on=on - timedelta(days=1),
        incident_kind=kind,
        checklist_score=score,
        professional_judgement=score < 14,
        incidents_12_months=1 + victim.pk % 3,
        relationship=("partner", "ex-partner", "family")[victim.pk % 3],
        children_in_household=victim.pk % 3,
        mappa=victim.pk % 5 == 0,
        child_safeguarding=victim.pk % 3 > 0,
        disabled=("yes", "no", "")[victim.pk % 3],
        synthetic=True,
    )
    return marac_work.refer(referral, by, cases_config())


def _meeting(on: date, coordinator: Agency, by: User) -> MaracMeeting:
    meeting = MaracMeeting.objects.create(
        held_on=on, place="Priory House, Chicksands (and online)", coordinator=coordinator, created_by=by
    )
    meeting.agencies.set(Agency.objects.filter(slug__in=AT_THE_TABLE))
    return meeting


def seed_marac(agreement: SharingAgreement) -> None:
    if MaracReferral.objects.filter(synthetic=True).exists():
        return
    police, council = Agency.objects.get(slug="bedfordshire"), Agency.objects.get(slug="central-bedfordshire-council")
    referrer = User.objects.get(username="demo-officer")
    coordinator = User.objects.get(username="demo-council-officer")
    held = PersonRecord.objects.filter(owner=police, purpose="marac", synthetic=True).order_by("pk")
    victims = sorted(held, key=lambda p: p.sex != "female")[:9]  # most MARAC victims are women
    today = date.today()
    config = cases_config()
    earlier = _meeting(today - timedelta(days=240), council, coordinator)
    past = _meeting(today - timedelta(days=21), council, coordinator)
    upcoming = _meeting(today + timedelta(days=7), council, coordinator)
    # Two victims were referred eight months ago: their new referrals are repeats.
    for victim in victims[:2]:
        first = _refer(victim, today - timedelta(days=250), "physical-violence", 16, council, agreement, referrer)
        marac_work.list_case(first, earlier, coordinator)
        marac_work.hear(first, "Safety plan agreed; IDVA support accepted.", coordinator, config)
    heard = []
    for i, victim in enumerate(victims[:6]):
        case = _refer(
            victim, today - timedelta(days=35 - i), KINDS[i % len(KINDS)], 12 + i, council, agreement, referrer
        )
        marac_work.list_case(case, past, coordinator)
        heard.append(
            marac_work.hear(case, "Safety plan agreed; target hardening; IDVA allocated.", coordinator, config)
        )
    for case in heard:
        for agency in Agency.objects.filter(slug__in=AT_THE_TABLE):
            by = referrer if agency == police else None  # the demo has no account in the other agencies
            MaracResearch.objects.create(referral=case, agency=agency, summary=RESEARCH[agency.slug], by=by)
        MaracAction.objects.create(
            referral=case,
            title="Fit a door alarm and a fire-retardant letterbox",
            agency=Agency.objects.get(slug="bedfordshire-fire-rescue"),
            due_on=today + timedelta(days=7 - case.pk % 10),
            created_by=coordinator,
        )
        MaracAction.objects.create(
            referral=case,
            title="Flag the address for an urgent response",
            agency=police,
            owner=referrer,
            due_on=today + timedelta(days=3),
            created_by=coordinator,
        )
    for victim in victims[6:8]:
        case = _refer(victim, today - timedelta(days=4), "coercive-control", 15, council, agreement, referrer)
        marac_work.list_case(case, upcoming, coordinator)
    _refer(victims[8], today - timedelta(days=1), "stalking-harassment", 14, council, agreement, referrer)
    _seed_review(police)


def _seed_review(police: Agency) -> None:
    review = DomesticHomicideReview.objects.create(
        reference="DHR-2025-01",
        pseudonym="Ruth",
        died_on=date(2025, 3, 2),
        notified_on=date(2025, 3, 10),
        decided_on=date(2025, 4, 2),
        stage="submitted",
        chair="An independent chair appointed by the partnership",
        summary="An anonymised review of a death in a household known to several agencies (a made-up example).",
    )
    for text, slug, days, status in (
        ("Train call handlers to ask about coercive control.", "bedfordshire", -20, "in-progress"),
        ("Include fire safety in MARAC safety plans.", "bedfordshire-fire-rescue", 40, "open"),
        ("Share probation licence conditions with MARAC within two days.", "probation-bedfordshire", -60, "done"),
    ):
        DhrRecommendation.objects.create(
            review=review,
            text=text,
            agency=Agency.objects.get(slug=slug) if slug != "bedfordshire" else police,
            due_on=date.today() + timedelta(days=days),
            status=status,
        )
