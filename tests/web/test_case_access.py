"""The declarative access policy (cspkit.web.cases.policy) turned into tests: one per
person-level model × channel × role × the viewer's relation to the record, each checking what
the real page, export or API lets out. A model in the cases app with no policy, or a policy
entry with no probe here, fails."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from cspkit.web.accounts.roles import ROLES
from cspkit.web.cases.policy import ANY, ASSIGNEE, CASE_ROLES, CHANNELS, NOT_PERSON_LEVEL, OWNER, POLICY, SHARED
from tests.web.case_world import World, build

pytestmark = pytest.mark.web
# The viewer's agency for each relation: A owns R, B has it shared, C has nothing.
AGENCY_OF = {OWNER: "A", SHARED: "B", "none": "C", ASSIGNEE: "B"}


def _text(response: Any) -> str:
    if response.status_code != 200:
        return ""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _page(client: Any, name: str, *args: Any, **query: str) -> str:
    return _text(client.get(reverse(name, args=args), query))


def _person_url(w: World) -> str:
    return reverse("cases:person", args=[w.record.pk])


def _everywhere_but_detail(client: Any, w: World) -> str:
    """Every list-like channel at once: lists, search, export, API, notifications."""
    return "".join(
        (
            _page(client, "cases:people"),
            _page(client, "cases:people", q=w.record.family_name),
            _page(client, "cases:export"),
            _page(client, "cases:api-people"),
            _page(client, "cases:notifications"),
            _page(client, "cases:home"),
        )
    )


def _notify(w: World, viewer: Any, url: str = "") -> None:
    from cspkit.web.cases.models import Notification

    Notification.objects.create(user=viewer, person=w.record, text="something happened", url=url or _person_url(w))


Probe = Callable[[Any, World, Any], bool]


def _marac_probes(marker: str, words: str, audit_id: Callable[[World], str]) -> dict[str, Probe]:
    """Probes for what hangs off a referral (research, actions), found by their marker text."""
    return {
        "detail": lambda c, w, v: marker in _page(c, "cases:marac-referral", w.referral.pk),
        "list": lambda c, w, v: marker in _marac_lists(c, w) + _everywhere_but_detail(c, w),
        "search": lambda c, w, v: marker in _page(c, "cases:people", q=words),  # the page echoes the query
        "export": lambda c, w, v: marker in _exports(c),
        "subject_access": lambda c, w, v: marker in _page(c, "cases:subject-access", w.record.pk),
        "also_in": lambda c, w, v: marker in _page(c, "cases:person", w.matched[v.agency_letter].pk),
        "api": lambda c, w, v: marker in _page(c, "cases:api-person", w.record.reference),
        "notifications": lambda c, w, v: marker in _page(c, "cases:notifications"),
        "audit_export": lambda c, w, v: _audited(audit_id(w)) in _page(c, "accounts:audit-export"),
    }


def _iom_probes(marker: str, words: str, audit_id: Callable[[World], str]) -> dict[str, Probe]:
    """Probes for what hangs off a cohort membership (contacts, offences), found by their marker."""
    probes = _marac_probes(marker, words, audit_id)
    probes["detail"] = lambda c, w, v: marker in _page(c, "cases:iom-member", w.member.pk)
    probes["list"] = lambda c, w, v: marker in _page(c, "cases:iom") + _everywhere_but_detail(c, w)
    probes["export"] = lambda c, w, v: marker in _exports(c) + _page(c, "cases:iom-ni30", format="csv")
    return probes


def _asb_probes(marker: str, words: str, audit_id: Callable[[World], str]) -> dict[str, Probe]:
    """Probes for an ASB case and what hangs off it (parties, incidents, interventions)."""
    probes = _marac_probes(marker, words, audit_id)
    probes["detail"] = lambda c, w, v: marker in _page(c, "cases:asb-case", w.asb.pk)
    probes["list"] = lambda c, w, v: marker in _page(c, "cases:asb") + _everywhere_but_detail(c, w)
    probes["export"] = lambda c, w, v: marker in _exports(c) + _page(c, "cases:asb-desistance", format="csv")
    return probes


def _threshold_reached(w: World) -> bool:
    """Three complaints today take A's case over the case review threshold, which tells A."""
    from cspkit.web.cases import asb_work
    from cspkit.web.cases.models import AsbIncident

    for _ in range(3):
        AsbIncident.objects.create(
            case=w.asb, occurred_on=date.today(), description="shouting", complaint=True, agency=w.agencies["A"]
        )
    return asb_work.check_threshold(w.asb, date.today())


PROBES: dict[tuple[str, str], Probe] = {
    # PersonRecord R
    ("PersonRecord", "detail"): lambda c, w, v: w.record.reference in _page(c, "cases:person", w.record.pk),
    ("PersonRecord", "list"): lambda c, w, v: w.record.reference in _page(c, "cases:people"),
    ("PersonRecord", "search"): lambda c, w, v: w.record.reference in _page(c, "cases:people", q=w.record.family_name),
    ("PersonRecord", "export"): lambda c, w, v: w.record.reference in _page(c, "cases:export"),
    ("PersonRecord", "subject_access"): lambda c, w, v: (
        w.record.family_name in _page(c, "cases:subject-access", w.record.pk)
    ),
    ("PersonRecord", "also_in"): lambda c, w, v: (
        _person_url(w) in _page(c, "cases:person", w.matched[v.agency_letter].pk)
    ),
    ("PersonRecord", "api"): lambda c, w, v: (
        w.record.reference in _page(c, "cases:api-person", w.record.reference)
        and w.record.reference in _page(c, "cases:api-people")
    ),
    ("PersonRecord", "notifications"): lambda c, w, v: (
        _notify(w, v),
        _person_url(w) in _page(c, "cases:notifications"),
    )[1],
    ("PersonRecord", "audit_export"): lambda c, w, v: w.record.reference in _page(c, "accounts:audit-export"),
    # CaseEvent E about R
    ("CaseEvent", "detail"): lambda c, w, v: "EVENT-MARKER" in _page(c, "cases:person", w.record.pk),
    ("CaseEvent", "list"): lambda c, w, v: w.event.reference in _everywhere_but_detail(c, w),
    ("CaseEvent", "search"): lambda c, w, v: w.event.reference in _page(c, "cases:people", q="EVENT-MARKER"),
    ("CaseEvent", "export"): lambda c, w, v: "EVENT-MARKER" in _page(c, "cases:export"),
    ("CaseEvent", "subject_access"): lambda c, w, v: "EVENT-MARKER" in _page(c, "cases:subject-access", w.record.pk),
    ("CaseEvent", "also_in"): lambda c, w, v: "EVENT-MARKER" in _page(c, "cases:person", w.matched[v.agency_letter].pk),
    ("CaseEvent", "api"): lambda c, w, v: "EVENT-MARKER" in _page(c, "cases:api-person", w.record.reference),
    ("CaseEvent", "notifications"): lambda c, w, v: "EVENT-MARKER" in _page(c, "cases:notifications"),
    ("CaseEvent", "audit_export"): lambda c, w, v: _audited(w.event.reference) in _page(c, "accounts:audit-export"),
    # CaseTask T on R, for B's officer
    ("CaseTask", "detail"): lambda c, w, v: "TASK-MARKER" in _page(c, "cases:person", w.record.pk),
    ("CaseTask", "list"): lambda c, w, v: "TASK-MARKER" in _page(c, "cases:home"),
    ("CaseTask", "search"): lambda c, w, v: "TASK-MARKER" in _page(c, "cases:people", q="joint visit"),
    ("CaseTask", "export"): lambda c, w, v: "TASK-MARKER" in _page(c, "cases:export"),
    ("CaseTask", "subject_access"): lambda c, w, v: "TASK-MARKER" in _page(c, "cases:subject-access", w.record.pk),
    ("CaseTask", "also_in"): lambda c, w, v: "TASK-MARKER" in _page(c, "cases:person", w.matched[v.agency_letter].pk),
    ("CaseTask", "api"): lambda c, w, v: "TASK-MARKER" in _page(c, "cases:api-person", w.record.reference),
    ("CaseTask", "notifications"): lambda c, w, v: _reminded(w) and _person_url(w) in _page(c, "cases:notifications"),
    ("CaseTask", "audit_export"): lambda c, w, v: _audited(f"task-{w.task.pk}") in _page(c, "accounts:audit-export"),
    # CaseDocument on R
    ("CaseDocument", "detail"): lambda c, w, v: (
        c.get(reverse("cases:document", args=[w.document.pk])).status_code == 200
    ),
    ("CaseDocument", "list"): lambda c, w, v: "DOC-MARKER" in _everywhere_but_detail(c, w),
    ("CaseDocument", "search"): lambda c, w, v: "DOC-MARKER" in _page(c, "cases:people", q="letter"),
    ("CaseDocument", "export"): lambda c, w, v: "DOC-MARKER" in _page(c, "cases:export"),
    ("CaseDocument", "subject_access"): lambda c, w, v: "DOC-MARKER" in _page(c, "cases:subject-access", w.record.pk),
    ("CaseDocument", "also_in"): lambda c, w, v: (
        "DOC-MARKER" in _page(c, "cases:person", w.matched[v.agency_letter].pk)
    ),
    ("CaseDocument", "api"): lambda c, w, v: "DOC-MARKER" in _page(c, "cases:api-person", w.record.reference),
    ("CaseDocument", "notifications"): lambda c, w, v: "DOC-MARKER" in _page(c, "cases:notifications"),
    ("CaseDocument", "audit_export"): lambda c, w, v: (
        _audited(f"document-{w.document.pk}") in _page(c, "accounts:audit-export")
    ),
    # Share of R with B
    ("Share", "detail"): lambda c, w, v: w.agreement.title in _page(c, "cases:person", w.record.pk),
    ("Share", "list"): lambda c, w, v: w.agreement.title in _everywhere_but_detail(c, w),
    ("Share", "search"): lambda c, w, v: w.agreement.title in _page(c, "cases:people", q="agreement"),
    ("Share", "export"): lambda c, w, v: w.agreement.title in _page(c, "cases:export"),
    ("Share", "subject_access"): lambda c, w, v: w.agreement.title in _page(c, "cases:subject-access", w.record.pk),
    ("Share", "also_in"): lambda c, w, v: w.agreement.title in _page(c, "cases:person", w.matched[v.agency_letter].pk),
    ("Share", "api"): lambda c, w, v: w.agreement.title in _page(c, "cases:api-person", w.record.reference),
    ("Share", "notifications"): lambda c, w, v: _shared_again(w) and _person_url(w) in _page(c, "cases:notifications"),
    ("Share", "audit_export"): lambda c, w, v: _audited(f"share-{w.share.pk}") in _page(c, "accounts:audit-export"),
    # PossibleMatch R ~ Z (Z in agency D, seen by nobody here)
    ("PossibleMatch", "detail"): lambda c, w, v: (
        "A possible match exists in another agency" in _page(c, "cases:person", w.record.pk)
    ),
    ("PossibleMatch", "list"): lambda c, w, v: w.stranger.reference in _everywhere_but_detail(c, w),
    ("PossibleMatch", "search"): lambda c, w, v: (
        w.stranger.reference in _page(c, "cases:people", q=w.stranger.family_name)
    ),
    ("PossibleMatch", "export"): lambda c, w, v: w.stranger.reference in _page(c, "cases:export"),
    ("PossibleMatch", "subject_access"): lambda c, w, v: (
        w.stranger.reference in _page(c, "cases:subject-access", w.record.pk)
    ),
    ("PossibleMatch", "also_in"): lambda c, w, v: (
        _person_url(w) in _page(c, "cases:person", w.matched[v.agency_letter].pk)
    ),
    ("PossibleMatch", "api"): lambda c, w, v: w.stranger.reference in _page(c, "cases:api-person", w.record.reference),
    ("PossibleMatch", "notifications"): lambda c, w, v: w.stranger.reference in _page(c, "cases:notifications"),
    ("PossibleMatch", "audit_export"): lambda c, w, v: (
        _audited(f"match-{w.stranger.reference}") in _page(c, "accounts:audit-export")
    ),
    # Place L, A's, where E (about R, shared with B) happened
    ("CaseLocation", "detail"): lambda c, w, v: "LOCATION-MARKER" in _page(c, "cases:location", w.location.pk),
    ("CaseLocation", "list"): lambda c, w, v: (
        "LOCATION-MARKER" in _page(c, "cases:locations") + _everywhere_but_detail(c, w)
    ),
    ("CaseLocation", "search"): lambda c, w, v: "LOCATION-MARKER" in _page(c, "cases:locations", q="Court"),
    ("CaseLocation", "export"): lambda c, w, v: "LOCATION-MARKER" in _exports(c),
    ("CaseLocation", "subject_access"): lambda c, w, v: (
        "LOCATION-MARKER" in _page(c, "cases:subject-access", w.record.pk)
    ),
    ("CaseLocation", "also_in"): lambda c, w, v: (
        "LOCATION-MARKER" in _page(c, "cases:person", w.matched[v.agency_letter].pk)
    ),
    ("CaseLocation", "api"): lambda c, w, v: "LOCATION-MARKER" in _page(c, "cases:api-person", w.record.reference),
    ("CaseLocation", "notifications"): lambda c, w, v: "LOCATION-MARKER" in _page(c, "cases:notifications"),
    ("CaseLocation", "audit_export"): lambda c, w, v: (
        _audited(w.location.reference) in _page(c, "accounts:audit-export")
    ),
    # IOM: R on A's cohort (I), a contact and an offence
    ("IomMember", "detail"): lambda c, w, v: "IOM-MARKER" in _page(c, "cases:iom-member", w.member.pk),
    ("IomMember", "list"): lambda c, w, v: w.member.reference in _page(c, "cases:iom"),
    ("IomMember", "search"): lambda c, w, v: w.member.reference in _page(c, "cases:people", q="burglaries"),
    ("IomMember", "export"): lambda c, w, v: "IOM-MARKER" in _exports(c) + _page(c, "cases:iom-ni30", format="csv"),
    ("IomMember", "subject_access"): lambda c, w, v: "IOM-MARKER" in _page(c, "cases:subject-access", w.record.pk),
    ("IomMember", "also_in"): lambda c, w, v: (
        w.member.reference in _page(c, "cases:person", w.matched[v.agency_letter].pk)
    ),
    ("IomMember", "api"): lambda c, w, v: "IOM-MARKER" in _page(c, "cases:api-person", w.record.reference),
    ("IomMember", "notifications"): lambda c, w, v: "IOM-MARKER" in _page(c, "cases:notifications"),
    ("IomMember", "audit_export"): lambda c, w, v: _audited(w.member.reference) in _page(c, "accounts:audit-export"),
    **{
        (model, channel): probe
        for model, marker, words, audit_id in (
            ("IomEngagement", "ENGAGEMENT-MARKER", "seen at home", lambda w: f"engagement-{w.member.pk}"),
            ("IomOffence", "OFFENCE-MARKER", "burglary dwelling", lambda w: f"offence-{w.member.pk}"),
        )
        for channel, probe in _iom_probes(marker, words, audit_id).items()
    },
    # ASB: A's case S with R as perpetrator, an incident by R and an intervention with R
    **{
        ("AsbCase", c): p for c, p in _asb_probes("ASBCASE-MARKER", "noise nuisance", lambda w: w.asb.reference).items()
    },
    ("AsbCase", "list"): lambda c, w, v: w.asb.reference in _page(c, "cases:asb"),
    ("AsbCase", "search"): lambda c, w, v: w.asb.reference in _page(c, "cases:people", q="noise"),
    ("AsbCase", "also_in"): lambda c, w, v: w.asb.reference in _page(c, "cases:person", w.matched[v.agency_letter].pk),
    ("AsbCase", "notifications"): lambda c, w, v: (
        _threshold_reached(w) and reverse("cases:asb-case", args=[w.asb.pk]) in _page(c, "cases:notifications")
    ),
    **{
        (model, channel): probe
        for model, marker, words, audit_id in (
            ("AsbParty", "PARTY-MARKER", "lives at the block", lambda w: f"asb-party-{w.asb.pk}"),
            ("AsbIncident", "INCIDENT-MARKER", "loud music", lambda w: f"asb-incident-{w.asb.pk}"),
            ("AsbIntervention", "INTERVENTION-MARKER", "signed the contract", lambda w: f"asb-intervention-{w.asb.pk}"),
        )
        for channel, probe in _asb_probes(marker, words, audit_id).items()
    },
    # MARAC: referral M of R, B's research on it and an action for B
    ("MaracReferral", "detail"): lambda c, w, v: "REFERRAL-MARKER" in _page(c, "cases:marac-referral", w.referral.pk),
    ("MaracReferral", "list"): lambda c, w, v: w.referral.reference in _marac_lists(c, w),
    ("MaracReferral", "search"): lambda c, w, v: w.referral.reference in _page(c, "cases:people", q="safety plan"),
    ("MaracReferral", "export"): lambda c, w, v: "REFERRAL-MARKER" in _exports(c),
    ("MaracReferral", "subject_access"): lambda c, w, v: (
        "REFERRAL-MARKER" in _page(c, "cases:subject-access", w.record.pk)
    ),
    ("MaracReferral", "also_in"): lambda c, w, v: (
        w.referral.reference in _page(c, "cases:person", w.matched[v.agency_letter].pk)
    ),
    ("MaracReferral", "api"): lambda c, w, v: "REFERRAL-MARKER" in _page(c, "cases:api-person", w.record.reference),
    ("MaracReferral", "notifications"): lambda c, w, v: (
        _notify(w, v, reverse("cases:marac-referral", args=[w.referral.pk])),
        reverse("cases:marac-referral", args=[w.referral.pk]) in _page(c, "cases:notifications"),
    )[1],
    ("MaracReferral", "audit_export"): lambda c, w, v: (
        _audited(w.referral.reference) in _page(c, "accounts:audit-export")
    ),
    **{
        (model, channel): probe
        for model, marker, words, audit_id in (
            ("MaracResearch", "RESEARCH-MARKER", "tenancy warnings", lambda w: f"research-{w.research.pk}"),
            ("MaracAction", "ACTION-MARKER", "door alarm", lambda w: f"action-{w.action.pk}"),
        )
        for channel, probe in _marac_probes(marker, words, audit_id).items()
    },
}


def _marac_lists(client: Any, w: World) -> str:
    return _page(client, "cases:marac") + _page(client, "cases:marac-meeting", w.referral.meeting_id)


def _exports(client: Any) -> str:
    """The people CSV and the quarterly return (as its page and its CSV)."""
    return "".join(
        (
            _page(client, "cases:export"),
            _page(client, "cases:marac-return"),
            _page(client, "cases:marac-return", format="csv"),
        )
    )


def _audited(object_id: str) -> str:
    """An audit row naming `object_id`; the audit export lists ids, never content."""
    from cspkit.web.accounts.models import AuditEvent

    AuditEvent.objects.create(username="x", action="read", object_type="case", object_id=object_id, path="/cases/")
    return object_id


def _reminded(w: World) -> bool:
    from cspkit.config.cases import CasesConfig
    from cspkit.web.cases import housekeeping

    housekeeping.remind(date.today(), CasesConfig())
    return True


def _shared_again(w: World) -> bool:
    """The owner shares R with B through the page (the earlier share ended), which tells B."""
    from django.test import Client

    from cspkit.web.cases.records import end_share

    end_share(w.share)
    owner = Client()
    _verified(owner, w.users[("A", "officer")])
    form = {
        "agency": w.agencies["B"].pk,
        "agreement": w.agreement.pk,
        "reason": "Joint case.",
        "without_consent_reason": "",
    }
    response = owner.post(reverse("cases:person-share", args=[w.record.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    return True


def _verified(client: Any, user: Any) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY

    from cspkit.web.accounts import two_factor

    client.force_login(user)
    two_factor.enrol_confirmed(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = two_factor.confirmed_device(user).persistent_id
    session.save()


def _relations(model: str, role: str) -> list[str]:
    """Case roles are tried in every relation. The other roles can open no /cases/ page at all
    (the permission matrix, tested in test_permissions) and the audit export regardless of
    relation, so they are tried as the owning agency's, the relation most likely to leak."""
    if role not in CASE_ROLES:
        return [OWNER]
    return [OWNER, SHARED, "none"] + ([ASSIGNEE] if model == "CaseTask" else [])


CASES = [
    (model, channel, role.key, relation)
    for model in POLICY
    if model != "Notification"
    for channel in CHANNELS
    for role in ROLES
    for relation in _relations(model, role.key)
]


def expected(model: str, channel: str, role: str, relation: str) -> bool:
    rule = POLICY[model][channel]
    if role not in rule.roles:
        return False
    if ANY in rule.relations:
        return True
    if relation == ASSIGNEE:  # the task's assignee is in B, which R is shared with
        return bool(rule.relations & {ASSIGNEE, SHARED})
    return relation in rule.relations


@pytest.mark.parametrize(("model", "channel", "role", "relation"), CASES)
def test_policy_decides_what_each_channel_lets_out(
    db, client, model: str, channel: str, role: str, relation: str
) -> None:  # type: ignore[no-untyped-def]
    world = build((AGENCY_OF[relation], role), assignee_role=role if relation == ASSIGNEE else "officer")
    viewer = world.assignee if relation == ASSIGNEE else world.users[(AGENCY_OF[relation], role)]
    viewer.agency_letter = AGENCY_OF[relation]
    _verified(client, viewer)
    shown = PROBES[(model, channel)](client, world, viewer)
    assert shown == expected(model, channel, role, relation), (
        f"{model} via {channel} to a {role} ({relation}): {'shown' if shown else 'hidden'}"
    )


@pytest.mark.parametrize("mine", [True, False])
@pytest.mark.parametrize("role", [r.key for r in ROLES])
def test_notifications_are_each_persons_own(db, client, role: str, mine: bool) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import Notification

    world = build(("A", role))
    viewer = world.users[("A", role)]
    someone = viewer if mine else world.users[("B", "officer")]
    Notification.objects.create(user=someone, person=None, text="NOTE-MARKER for you", url="/cases/")
    _verified(client, viewer)
    shown = "NOTE-MARKER" in _page(client, "cases:notifications")
    rule = POLICY["Notification"]["notifications"]
    assert shown == (mine and role in rule.roles)


def test_every_model_in_the_cases_app_has_a_policy_and_every_policy_a_probe() -> None:
    from django.apps import apps

    models = {m.__name__ for m in apps.get_app_config("cases").get_models()}
    missing = models - set(POLICY) - set(NOT_PERSON_LEVEL)
    assert not missing, f"add an access policy (cspkit.web.cases.policy.POLICY) for {sorted(missing)}"
    for model, rules in POLICY.items():
        assert set(rules) == set(CHANNELS), f"{model}'s policy must name every channel"
        if model != "Notification":
            unprobed = [c for c in CHANNELS if (model, c) not in PROBES]
            assert not unprobed, f"no probe for {model} via {unprobed}"


def test_a_new_model_without_a_policy_fails(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases import policy

    monkeypatch.delitem(policy.POLICY, "CaseTask")
    with pytest.raises(AssertionError, match="CaseTask"):
        test_every_model_in_the_cases_app_has_a_policy_and_every_policy_a_probe()
