"""ASB case work that is not a page: the case review threshold on a case's complaints (and
telling the owning agency's case workers when it is reached), the ladder as each perpetrator
has climbed it, and desistance for the partnership."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from cspkit.cases import asb
from cspkit.config.engage import CaseReviewConfig
from cspkit.errors import CspkitError
from cspkit.web.accounts.models import User
from cspkit.web.cases import records
from cspkit.web.cases.models import AsbCase, AsbIncident, AsbIntervention, PersonRecord
from cspkit.web.cases.policy import CASE_ROLES
from cspkit.web.engage import trigger
from cspkit.web.engage.notify import send

NTH = (1, 2, 3, 4, 5)  # desistance is reported after each of the first five interventions


def review_threshold() -> CaseReviewConfig:
    """The partnership's ASB case review threshold (`engage.asb_case_review`); the default without one."""
    from cspkit.web.engage.publishing import engage_config

    try:
        return engage_config().asb_case_review
    except CspkitError:
        return CaseReviewConfig()


@dataclass(frozen=True)
class Threshold:
    complaints: int  # complaints on the case within the window ending today
    needed: int
    months: int

    @property
    def met(self) -> bool:
        return self.complaints >= self.needed


def threshold(case: AsbCase, today: date) -> Threshold:
    """The case's complaints counted as the ASB case review counts an application's."""
    rule = review_threshold()
    dates = case.incidents.filter(complaint=True).values_list("occurred_on", flat=True)
    return Threshold(trigger.complaints_counted(dates, today, rule.months), rule.complaints, rule.months)


def check_threshold(case: AsbCase, today: date, link: str | None = None) -> bool:
    """Record when the case's complaints reach the threshold, and tell the owning agency's case
    workers once per time it is reached, in the app and, given the page's absolute `link`, by a
    link-only e-mail; True when they were told now."""
    if case.closed_on is not None:
        return False
    found = threshold(case, today)
    if not found.met:
        if case.threshold_met_on is not None:
            case.threshold_met_on = None
            case.save(update_fields=["threshold_met_on", "updated_at"])
        return False
    if case.threshold_met_on is not None:
        return False
    case.threshold_met_on = today
    case.save(update_fields=["threshold_met_on", "updated_at"])
    workers = list(User.objects.filter(agency_id=case.owner_id, role__in=CASE_ROLES, is_active=True))
    text = f"An ASB case's complaints reached the case review threshold ({case.reference})"
    records.notify(workers, None, text, reverse("cases:asb-case", args=[case.pk]))
    if link is not None:
        send(_("Case work: %(text)s") % {"text": text}, link, [u.email for u in workers])
    return True


@dataclass(frozen=True)
class Rung:
    code: str
    label: str
    taken: list[date]  # when this step was taken with the person, oldest first


def ladder_for(rules: asb.AsbRules, made: list[AsbIntervention]) -> list[Rung]:
    """The ladder with the dates each step was taken; steps taken that are no longer on it last."""
    taken: dict[str, list[date]] = {}
    for i in made:
        taken.setdefault(i.step, []).append(i.on)
    rungs = [Rung(s.code, s.label, sorted(taken.pop(s.code, []))) for s in rules.ladder]
    return rungs + [Rung(code, code, sorted(days)) for code, days in taken.items()]


def partnership_interventions() -> list[asb.Intervention]:
    rows = AsbIntervention.objects.filter(case__delete_on__gte=date.today()).values_list("perpetrator_id", "on", "step")
    return [asb.Intervention(str(person), on, step) for person, on, step in rows]


def partnership_incidents() -> list[tuple[str, date]]:
    rows = AsbIncident.objects.filter(perpetrator__isnull=False, case__delete_on__gte=date.today()).values_list(
        "perpetrator_id", "occurred_on"
    )
    return [(str(person), on) for person, on in rows]


@dataclass(frozen=True)
class DesistanceReport:
    window_months: int
    by_number: list[asb.Desistance]
    by_step: list[tuple[str, asb.Desistance]]  # (label, result) in ladder order


def desistance_report(rules: asb.AsbRules, today: date) -> DesistanceReport:
    made = partnership_interventions()
    incidents = partnership_incidents()
    window = rules.desistance_months
    by_number = [asb.desistance(made, incidents, n, window, today) for n in NTH]
    by_code = asb.desistance_by_step(made, incidents, window, today)
    ordered = sorted(by_code, key=rules.rank)
    return DesistanceReport(window, by_number, [(rules.label(code), by_code[code]) for code in ordered])


def perpetrators(case: AsbCase) -> list[PersonRecord]:
    return [p.person for p in case.parties.filter(role="perpetrator").select_related("person")]
