"""The demo's IOM cohort: eight police-held (synthetic) people, three of them shared with the
council, selected over the last two years, with contacts and proven offences either side of
a snapshot a year ago, so NI 30 has something to show. One has been de-selected."""

from __future__ import annotations

import random
from datetime import date, timedelta

from cspkit.web.accounts.models import User
from cspkit.web.cases import records
from cspkit.web.cases.access import cases_config
from cspkit.web.cases.models import IomEngagement, IomMember, IomOffence, PersonRecord

STRANDS = ("catch-convict", "rehabilitate-resettle", "prevent-deter")
OFFENCES = ("Burglary (dwelling)", "Theft from a vehicle", "Shoplifting", "Theft of a pedal cycle", "Robbery")
CONTACTS = ("Home visit", "Probation appointment", "Drug test", "Housing referral", "Employment support")


def seed_iom(people: list[PersonRecord], by: User, seed: int) -> None:
    if IomMember.objects.filter(synthetic=True).exists():
        return
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    today = date.today()
    snapshot = date(today.year - 1, 4, 1)
    for i, person in enumerate(people[:8]):
        member = IomMember(
            reference=records.new_reference("I"),
            owner=person.owner,
            created_by=by,
            purpose="iom",
            legal_basis="dpa2018-part3",
            consent="not_sought",
            consent_reason="Law enforcement processing: asking would prejudice the case.",
            person=person,
            strand=STRANDS[i % 3],
            pathways=",".join(rng.sample(["accommodation", "employment", "drugs", "alcohol", "finance"], 2)),
            selected_on=snapshot - timedelta(days=30 + 40 * i),
            criteria="Local IOM matrix score of 50 or more",
            reason="Persistent acquisitive offending (made up for the demo).",
            deselected_on=today - timedelta(days=20) if i == 7 else None,
            deselection_reason="Moved out of the area." if i == 7 else "",
            synthetic=True,
        )
        records.set_schedule(member, cases_config(), today)
        member.save()
        for _ in range(rng.randint(2, 5)):  # the year before the snapshot
            committed = snapshot - timedelta(days=rng.randint(1, 360))
            IomOffence.objects.create(
                member=member,
                committed_on=committed,
                offence=rng.choice(OFFENCES),
                proven_on=committed + timedelta(days=rng.randint(10, 120)),
            )
        for _ in range(rng.randint(0, 2)):  # the year after: fewer
            committed = snapshot + timedelta(days=rng.randint(1, 300))
            if committed < today - timedelta(days=30):
                IomOffence.objects.create(
                    member=member,
                    committed_on=committed,
                    offence=rng.choice(OFFENCES),
                    proven_on=min(today, committed + timedelta(days=rng.randint(10, 120))),
                )
        for days in range(3):
            IomEngagement.objects.create(
                member=member,
                on=today - timedelta(days=7 + 21 * days),
                kind=rng.choice(CONTACTS),
                note="Attended (made up for the demo).",
                by=by,
            )
