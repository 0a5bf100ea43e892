"""MARAC work on the shared case core: referring (with the automatic repeat flag), listing cases
on a meeting's agenda (which shares the victim's record with the meeting's agencies), hearing
them, and the figures NI 32 and the quarterly return are made from."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from cspkit.cases import marac
from cspkit.config.cases import CasesConfig
from cspkit.web.accounts.models import Agency, User
from cspkit.web.cases import records
from cspkit.web.cases.models import CaseEvent, MaracMeeting, MaracReferral, PersonRecord, Share

_QUALIFYING = (
    "The case meets none of the four MARAC criteria: "
    "a high-risk checklist score, professional judgement, escalation or a repeat"
)


def earlier_referrals(victim: PersonRecord, before: date, exclude: int = 0) -> list[date]:
    """Dates of the victim's earlier referrals (withdrawn ones were never referrals to MARAC)."""
    found = (
        MaracReferral.objects.filter(victim=victim, referred_on__lte=before)
        .exclude(status=MaracReferral.WITHDRAWN)
        .exclude(pk=exclude)
    )
    return list(found.values_list("referred_on", flat=True))


def decide_repeat(referral: MaracReferral, rules: marac.MaracRules) -> None:
    """Set the repeat flag from the rules: the incident falls within 12 months of the victim's
    last referral and is a kind the definition in force that day counts."""
    earlier = earlier_referrals(referral.victim, referral.incident_on, exclude=referral.pk or 0)
    referral.repeat = marac.is_repeat(rules, earlier, referral.incident_on, referral.incident_kind)
    referral.repeat_definition = rules.definition_on(referral.incident_on).code if referral.repeat else ""


@transaction.atomic
def refer(referral: MaracReferral, by: User, config: CasesConfig) -> MaracReferral:
    """Save a referral the referring agency makes about its own victim record, and share the
    record with the MARAC coordinating agency under the chosen agreement."""
    victim = referral.victim
    if by.agency_id != victim.owner_id:
        raise records.GovernanceRefused("Only the agency that holds the victim's record can refer it to MARAC")
    referral.owner = victim.owner
    referral.created_by = by
    referral.reference = records.new_reference("M")
    referral.purpose = "marac" if config.purpose("marac") else victim.purpose
    referral.legal_basis, referral.consent, referral.consent_reason = (
        victim.legal_basis,
        victim.consent,
        victim.consent_reason,
    )
    decide_repeat(referral, config.marac)
    met = marac.criteria_met(
        config.marac,
        referral.checklist_score,
        referral.professional_judgement,
        referral.incidents_12_months,
        referral.repeat,
    )
    if not met:
        raise records.GovernanceRefused(_QUALIFYING)
    records.set_schedule(referral, config, date.today())
    referral.save()
    _share_with(referral, referral.coordinator, by, f"Referred to MARAC ({referral.reference})")
    _notify_coordinator(referral)
    return referral


def _share_with(referral: MaracReferral, agency: Agency, by: User, reason: str) -> Share | None:
    """Share the victim's record with `agency` under the referral's agreement, unless it is the
    owner's or already shared. The agreement must name the agency (else GovernanceRefused)."""
    victim = referral.victim
    if agency.pk == victim.owner_id or victim.shares.filter(agency=agency, ended_at__isnull=True).exists():
        return None
    if referral.agreement not in records.agreements_for(victim, agency):
        raise records.GovernanceRefused(
            f"The agreement {referral.agreement.title!r} does not name {agency.name}, or is out of date"
        )
    return Share.objects.create(
        person=victim,
        agency=agency,
        agreement=referral.agreement,
        reason=reason,
        without_consent_reason=(
            "MARAC: sharing is necessary to protect a victim at high risk of serious harm"
            if victim.consent != "given"
            else ""
        ),
        shared_by=by,
    )


def _notify_coordinator(referral: MaracReferral) -> None:
    coordinators = list(
        User.objects.filter(agency=referral.coordinator, role__in=("manager", "officer"), is_active=True)
    )
    records.notify(
        coordinators,
        referral.victim,
        _("A case has been referred to MARAC as a repeat")
        if referral.repeat
        else _("A case has been referred to MARAC"),
        reverse("cases:marac-referral", args=[referral.pk]),
    )


def repeat_from_incident(event: CaseEvent, by: User, config: CasesConfig) -> list[MaracReferral]:
    """An abuse incident recorded within 12 months of a victim's last MARAC referral makes the
    case a repeat: a repeat referral is made at once, owned like the last one, for the
    coordinator to list. Returns the referrals made (none if the incident does not qualify)."""
    if not event.abuse_kind:
        return []
    made = []
    for victim in event.people.all():
        last = (
            MaracReferral.objects.filter(victim=victim, referred_on__lte=event.occurred_on)
            .exclude(status=MaracReferral.WITHDRAWN)
            .order_by("-referred_on", "-id")
            .first()
        )
        if last is None:
            continue
        # The definition is abuse between the same victim and perpetrator; an event naming only
        # the victim still counts, because agencies often record the victim alone.
        others = event.people.exclude(pk=victim.pk)
        if last.perpetrator_id and others.exists() and not others.filter(pk=last.perpetrator_id).exists():
            continue
        earlier = earlier_referrals(victim, event.occurred_on)
        if not marac.is_repeat(config.marac, earlier, event.occurred_on, event.abuse_kind):
            continue
        if MaracReferral.objects.filter(triggered_by=event, victim=victim).exists():
            continue
        referral = MaracReferral(
            victim=victim,
            perpetrator=last.perpetrator,
            coordinator=last.coordinator,
            agreement=last.agreement,
            owner=last.owner,
            created_by=by,
            reference=records.new_reference("M"),
            purpose=last.purpose,
            legal_basis=last.legal_basis,
            consent=last.consent,
            consent_reason=last.consent_reason,
            referred_on=date.today(),
            incident_on=event.occurred_on,
            incident_kind=event.abuse_kind,
            incidents_12_months=last.incidents_12_months + 1,
            relationship=last.relationship,
            children_in_household=last.children_in_household,
            mappa=last.mappa,
            child_safeguarding=last.child_safeguarding,
            ethnic_minority=last.ethnic_minority,
            disabled=last.disabled,
            lgbt=last.lgbt,
            triggered_by=event,
            repeat=True,
            repeat_definition=config.marac.definition_on(event.occurred_on).code,
        )
        records.set_schedule(referral, config, date.today())
        referral.save()
        _notify_coordinator(referral)
        made.append(referral)
    return made


@transaction.atomic
def list_case(referral: MaracReferral, meeting: MaracMeeting, by: User) -> list[Share]:
    """Put a referred case on a meeting's agenda and share the victim's record with each agency at
    the meeting (all or none: one agency the agreement does not name refuses the listing)."""
    if by.agency_id != meeting.coordinator_id or referral.coordinator_id != meeting.coordinator_id:
        raise records.GovernanceRefused("Only the coordinating agency lists cases for its meetings")
    if referral.status not in (MaracReferral.REFERRED, MaracReferral.LISTED):
        raise records.GovernanceRefused("Only a referred case can be listed")
    made = []
    for agency in meeting.agencies.all():
        share = _share_with(
            referral, agency, by, f"Listed at MARAC on {meeting.held_on:%d %B %Y} ({referral.reference})"
        )
        if share is not None:
            made.append(share)
    referral.meeting, referral.status = meeting, MaracReferral.LISTED
    referral.save(update_fields=["meeting", "status", "updated_at"])
    return made


def hear(referral: MaracReferral, outcome: str, idva: User | None, config: CasesConfig) -> MaracReferral:
    """Record that the meeting heard the case, its outcome and the IDVA allocated."""
    if referral.meeting is None:
        raise records.GovernanceRefused("A case is heard at the meeting it is listed for")
    if referral.meeting.held_on > date.today():
        raise records.GovernanceRefused("The meeting has not happened yet: record the hearing on the day")
    referral.status, referral.outcome, referral.idva = MaracReferral.HEARD, outcome.strip(), idva
    records.set_schedule(referral, config, max(date.today(), referral.meeting.held_on))
    referral.save()
    return referral


def heard_between(start: date, end: date) -> QuerySet[MaracReferral]:
    return MaracReferral.objects.filter(
        status=MaracReferral.HEARD, meeting__held_on__range=(start, end)
    ).select_related("meeting", "owner", "victim")


def heard_case(referral: MaracReferral) -> marac.HeardCase:
    """A heard referral as the return counts it: no name, no reference."""
    if referral.meeting is None:
        raise ValueError(f"{referral.reference} has not been heard at a meeting")
    heard_on = referral.meeting.held_on
    sex = referral.victim.sex.strip().lower()
    return marac.HeardCase(
        heard_on=heard_on,
        repeat=referral.repeat,
        referring_agency=str(referral.owner.get_kind_display()),
        children=referral.children_in_household,
        victim_sex=sex if sex in ("female", "male") else "",
        victim_age=marac.age_on(referral.victim.date_of_birth, heard_on),
        ethnic_minority=_yes_no(referral.ethnic_minority),
        disabled=_yes_no(referral.disabled),
        lgbt=_yes_no(referral.lgbt),
    )


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value.strip().lower())


def quarterly_return(start: date, end: date) -> marac.QuarterlyReturn:
    return marac.quarterly_return([heard_case(r) for r in heard_between(start, end)], start, end)
