"""Sign-in: passwords, throttling in the shared cache, the second factor, enrolment, timeouts."""

from __future__ import annotations

import logging
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_otp.oath import totp

from cspkit.web.accounts import two_factor

pytestmark = pytest.mark.web
PASSWORD = "correct horse battery"


def _code(key: bytes, offset: int = 0) -> str:
    return f"{totp(key, drift=offset):06d}"


def _sign_in(client, username: str, password: str = PASSWORD, **extra):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


def test_a_password_signs_in_an_analyst(client, people) -> None:  # type: ignore[no-untyped-def]
    response = _sign_in(client, "t-analyst")
    assert response.status_code == 302
    assert client.get(reverse("datahub:hub")).status_code == 200


def test_a_wrong_password_is_refused_in_plain_words(client, people) -> None:  # type: ignore[no-untyped-def]
    response = _sign_in(client, "t-analyst", "wrong")
    assert response.status_code == 200
    assert "Enter a correct user name and password." in response.content.decode()


def test_sign_in_is_throttled_after_repeated_failures(client, people) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    for _ in range(5):
        _sign_in(client, "t-analyst", "wrong", REMOTE_ADDR="198.51.100.1")
    refused = _sign_in(client, "t-analyst", REMOTE_ADDR="198.51.100.1")  # the right password, too late
    assert refused.status_code == 200
    assert "Too many failed attempts" in refused.content.decode()
    # The count is per account as well as per address: another address is refused too...
    assert "Too many failed attempts" in _sign_in(client, "t-analyst", REMOTE_ADDR="198.51.100.2").content.decode()
    # ...while another account from a fresh address signs in.
    assert _sign_in(client, "t-officer", REMOTE_ADDR="198.51.100.3").status_code == 302
    cache.clear()


def test_a_manager_must_pass_the_second_factor(client, people) -> None:  # type: ignore[no-untyped-def]
    key = two_factor.confirmed_device(people["manager"]) or None
    assert key is None
    two_factor.enrol_confirmed(people["manager"])
    device = two_factor.confirmed_device(people["manager"])
    response = _sign_in(client, "t-manager")
    assert response.status_code == 302
    blocked = client.get(reverse("datahub:coverage"))
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("accounts:two-factor"))
    wrong = client.post(
        reverse("accounts:two-factor"), {"code": "000000" if _code(device.bin_key) != "000000" else "111111"}
    )
    assert "The code is not right" in wrong.content.decode()
    assert client.get(reverse("datahub:coverage")).status_code == 302
    time.sleep(1.1)  # django-otp slows guessing: after a wrong code the next try waits 2^(n-1) s
    right = client.post(reverse("accounts:two-factor"), {"code": _code(device.bin_key), "next": "/datahub/coverage/"})
    assert right.status_code == 302
    assert right["Location"] == "/datahub/coverage/"
    assert client.get(reverse("datahub:coverage")).status_code == 200


def test_a_new_manager_enrols_an_authenticator_first(client, people) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, "t-manager")
    page = client.get(reverse("accounts:two-factor"))
    text = page.content.decode()
    assert "Set up your authenticator app" in text
    assert "<svg" in text
    device = two_factor.pending_device(people["manager"])
    assert two_factor.secret(device) in text
    client.post(reverse("accounts:two-factor"), {"code": _code(device.bin_key)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("datahub:coverage")).status_code == 200


def test_an_offsite_next_is_not_followed(client, people) -> None:  # type: ignore[no-untyped-def]
    two_factor.enrol_confirmed(people["administrator"])
    device = two_factor.confirmed_device(people["administrator"])
    _sign_in(client, "t-administrator")
    response = client.post(
        reverse("accounts:two-factor"), {"code": _code(device.bin_key), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_sessions_are_short_lived_and_cookies_guarded(settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


def test_forms_need_the_csrf_token(people) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("accounts:login"), {"username": "t-analyst", "password": PASSWORD})
    assert response.status_code == 403


def test_the_logs_hold_no_names_addresses_or_passwords(client, people, caplog, sign_in) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    _sign_in(client, "t-analyst", "wrong-secret-value", REMOTE_ADDR="203.0.113.9")
    _sign_in(client, "t-analyst", REMOTE_ADDR="203.0.113.9")
    client.get(reverse("accounts:audit"))  # 403 for an analyst: logged by Django
    client.get("/datahub/batches/no-such-batch/")
    text = caplog.text
    for personal in ("t-analyst", "example.org", "203.0.113.9", "wrong-secret-value", PASSWORD):
        assert personal not in text
    cache.clear()


def test_a_session_ends_after_the_idle_timeout(client, people) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    _sign_in(client, "t-analyst")
    assert client.get(reverse("datahub:coverage")).status_code == 200
    session = Session.objects.get()
    first = session.expire_date
    assert timedelta(minutes=29) < first - timezone.now() <= timedelta(minutes=30)
    client.get(reverse("datahub:coverage"))  # within the minute: nothing written
    assert Session.objects.get().expire_date == first
    data = client.session
    data["_cspkit_seen"] = 0  # as if the last renewal were long ago
    data.save()
    Session.objects.update(expire_date=first)
    client.get(reverse("datahub:coverage"))
    assert Session.objects.get().expire_date > first  # renewed: the timeout counts from now
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))  # idle too long
    response = client.get(reverse("datahub:coverage"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
