"""Administrators keep the accounts in the browser; each change is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cspkit.web.accounts import two_factor
from cspkit.web.accounts.models import Agency, AuditEvent, User

pytestmark = pytest.mark.web


def test_an_administrator_adds_a_person_with_a_one_off_password(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["administrator"])
    fire = Agency.objects.get(slug="bedfordshire-fire-rescue")
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("accounts:person-new"),
        {
            "username": "new-officer",
            "email": "new@example.org",
            "agency": fire.pk,
            "role": "officer",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    made = User.objects.get(username="new-officer")
    assert (made.agency, made.role) == (fire, "officer")
    page = client.get(response["Location"]).content.decode()
    password = page.split("data-one-off-password>")[1].split("<")[0]
    assert made.check_password(password)
    assert password not in client.get(response["Location"]).content.decode()  # shown once
    row = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert row is not None
    assert (row.action, row.object_type, row.object_id) == ("create", "account", str(made.pk))


def test_an_agency_is_required_and_roles_are_the_partnerships(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["administrator"])
    page = client.post(reverse("accounts:person-new"), {"username": "x", "role": "superhero"}).content.decode()
    assert "There is a problem" in page
    assert not User.objects.filter(username="x").exists()


def test_an_administrator_resets_a_second_factor_and_changes_a_role(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    manager = people["manager"]
    two_factor.enrol_confirmed(manager)
    sign_in(people["administrator"])
    url = reverse("accounts:person", kwargs={"pk": manager.pk})
    client.post(url, {"action": "second-factor"})
    assert two_factor.confirmed_device(manager) is None
    form = {
        "username": manager.username,
        "agency": manager.agency.pk,
        "role": "analyst",
        "is_active": "on",
        "action": "save",
    }
    assert client.post(url, form).status_code == 302
    manager.refresh_from_db()
    assert manager.role == "analyst"


def test_an_administrator_cannot_switch_off_their_own_account(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    admin = people["administrator"]
    sign_in(admin)
    form = {"username": admin.username, "agency": admin.agency.pk, "role": "administrator", "action": "save"}
    page = client.post(reverse("accounts:person", kwargs={"pk": admin.pk}), form).content.decode()
    assert "You cannot switch off your own account." in page
    admin.refresh_from_db()
    assert admin.is_active


def test_a_manager_reads_the_people_list_but_cannot_change_anyone(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["manager"])
    assert client.get(reverse("accounts:people")).status_code == 200
    assert client.get(reverse("accounts:person", kwargs={"pk": people["analyst"].pk})).status_code == 403
    assert client.get(reverse("accounts:person-new")).status_code == 403
