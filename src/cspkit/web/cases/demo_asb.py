"""The demo's ASB cases: the council's ASB team holds five cases about its own (synthetic)
people, with complainants, incidents and interventions over the last two years, so desistance
has people to count. One perpetrator's record is shared with the police, who work that case
too; one case's complaints meet the case review threshold and it is linked to the demo's
application CT-DEMAA2."""

from __future__ import annotations

import random
from datetime import date, timedelta

from cspkit.geography.tables import Geography
from cspkit.web.accounts.models import User
from cspkit.web.cases import asb_work, records
from cspkit.web.cases.access import cases_config
from cspkit.web.cases.models import AsbCase, AsbIncident, AsbIntervention, AsbParty, CaseLocation, PersonRecord
from cspkit.web.datahub.models import SharingAgreement
from cspkit.web.engage.models import AsbCaseReview

BEHAVIOUR = (
    "Loud music and parties late at night",
    "Intimidation of residents on the stairwell",
    "Youths gathering and damaging the play area",
    "Abuse and threats to neighbours",
    "Drug use and litter behind the parade",
)
LADDER = ("warning-letter", "abc", "cpw", "cpn", "injunction")


def seed_asb(
    people: list[PersonRecord], by: User, police: User, agreement: SharingAgreement, geo: Geography, seed: int
) -> None:
    """`people` are the council's records: three per case (two perpetrators, then a complainant)."""
    if AsbCase.objects.filter(synthetic=True).exists() or len(people) < 3 * len(BEHAVIOUR):
        return
    council = by.agency
    if council is None:
        return
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    today = date.today()
    place = CaseLocation.objects.filter(owner=by.agency, synthetic=True).order_by("pk").first()
    for i, title in enumerate(BEHAVIOUR):
        perpetrators, complainant = people[3 * i : 3 * i + 2], people[3 * i + 2]
        opened = today - timedelta(days=700 - 90 * i)
        lsoa = complainant.lsoa21
        case = AsbCase(
            reference=records.new_reference("A"),
            owner=council,
            created_by=by,
            purpose="asb",
            legal_basis="ukgdpr-6-1-e",
            consent="not_sought",
            consent_reason="Enforcement of the council's ASB powers: asking would prejudice it.",
            title=title,
            summary="Made up for the demo.",
            ward=geo.lsoa21_best_fit_ward.get(lsoa, ""),
            lsoa21=lsoa,
            location=place if i == 1 else None,
            opened_on=opened,
            closed_on=opened + timedelta(days=300) if i < 2 else None,
            closure_reason="Behaviour stopped after the contract (made up)." if i < 2 else "",
            synthetic=True,
        )
        records.set_schedule(case, cases_config(), today)
        case.save()
        AsbParty.objects.create(case=case, person=complainant, role="complainant", vulnerable=i % 3 == 0)
        for person in perpetrators:
            AsbParty.objects.create(case=case, person=person, role="perpetrator")
            on = opened + timedelta(days=10)
            for step in LADDER[: rng.randint(1, 4)]:
                AsbIntervention.objects.create(
                    case=case, perpetrator=person, step=step, on=min(on, today), agency=council, by=by
                )
                on += timedelta(days=rng.randint(30, 90))
            for _ in range(rng.randint(0, 2)):
                when = opened + timedelta(days=rng.randint(0, 400))
                if when <= today:
                    AsbIncident.objects.create(
                        case=case,
                        occurred_on=when,
                        description="Made up for the demo.",
                        perpetrator=person,
                        complaint=rng.random() < 0.5,
                        reported_to="Council ASB team",
                        agency=council,
                        by=by,
                    )
    _threshold_case(AsbCase.objects.filter(synthetic=True).order_by("pk").last(), by, police, agreement)


def _threshold_case(case: AsbCase | None, by: User, police: User, agreement: SharingAgreement) -> None:
    """The newest case: three complaints in the last three months, the resident's application
    linked, and its first perpetrator's record shared with the police, who recorded one."""
    if case is None:
        return
    perpetrator = case.parties.filter(role="perpetrator").order_by("pk").first()
    if perpetrator is None:
        return
    force, council = police.agency, case.owner
    if force is None:
        return
    reason = "ASB case panel: the police attend the incidents and need the council's record of the case."
    records.share(perpetrator.person, force, agreement, reason, "", by)
    for days, who in ((80, by), (40, police), (12, by)):
        AsbIncident.objects.create(
            case=case,
            occurred_on=date.today() - timedelta(days=days),
            description="Complaint of noise and threats (made up for the demo).",
            perpetrator=perpetrator.person,
            complaint=True,
            reported_to="Police" if who == police else "Council ASB team",
            agency=force if who == police else council,
            by=who,
        )
    case.case_review = AsbCaseReview.objects.filter(reference="CT-DEMAA2").first()
    case.save(update_fields=["case_review"])
    asb_work.check_threshold(case, date.today())
