"""Open311 GeoReport v2: discovery, services and definitions, requests GET and POST, tokens, in
JSON and XML; keys issued by administrators; a FixMyStreet-style POST; a replay stored once;
nothing unmoderated readable; each kind of bad request answered with the spec's error list;
and schemathesis calling every operation against the OpenAPI document."""

from __future__ import annotations

import hashlib
from typing import Any
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from cspkit.web.engage.models import Open311Client, SaferStreetsPin

pytestmark = [pytest.mark.web, pytest.mark.django_db]

CSP = "E22000353"  # the demo partnership's CSP code: the jurisdiction_id
AMPTHILL = {"lat": "52.0270", "long": "-0.4960"}
KEY = "o311_test-key-for-the-tests"


@pytest.fixture
def key(people) -> str:  # type: ignore[no-untyped-def]
    Open311Client.objects.create(
        name="FixMyStreet", key_hash=hashlib.sha256(KEY.encode()).hexdigest(), issued_by=people["administrator"]
    )
    return KEY


def _xml(content: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(content)  # noqa: S314 - the server's own answer, in a test


def _url(name: str, fmt: str = "json", **kwargs: str) -> str:
    return reverse(f"open311:{name}", kwargs={**kwargs, "fmt": fmt})


def _post(client: Any, fmt: str = "json", **fields: Any) -> Any:
    data = {"jurisdiction_id": CSP, "service_code": "poor-lighting", **AMPTHILL, "description": "Dark", **fields}
    return client.post(_url("requests", fmt), data)


def test_discovery_and_services_in_json_and_xml(client) -> None:  # type: ignore[no-untyped-def]
    discovery = client.get(_url("discovery"), {"jurisdiction_id": CSP}).json()
    assert discovery["endpoints"][0]["url"].endswith("/open311/v2/")
    services = client.get(_url("services")).json()
    assert [s["service_code"] for s in services][:2] == ["poor-lighting", "abandoned-buildings"]
    assert {s["type"] for s in services} == {"batch"}
    xml = client.get(_url("services", "xml"))
    assert xml["Content-Type"].startswith("text/xml")
    root = _xml(xml.content)
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == [s["service_code"] for s in services]
    definition = client.get(_url("service", code="being-followed")).json()
    values = [v["key"] for v in definition["attributes"][0]["values"]]
    assert "being-followed" not in values
    assert "poor-lighting" in values


@pytest.mark.parametrize(
    ("url", "query", "status", "says"),
    [
        ("services", {"jurisdiction_id": "E22000001"}, 404, "jurisdiction_id 'E22000001' is not served here"),
        ("services-csv", {}, 400, "format must be json or xml"),
        ("no-service", {}, 404, "no service 'no-such-thing'"),
        ("requests", {"start_date": "yesterday"}, 400, "start_date must be an ISO 8601"),
        ("requests", {"status": "pending"}, 400, "status must be open or closed"),
    ],
)
def test_each_kind_of_bad_read_gets_the_spec_error_list(
    client, url: str, query: dict[str, str], status: int, says: str
) -> None:  # type: ignore[no-untyped-def]
    target = {
        "services": _url("services"),
        "services-csv": _url("services", "csv"),
        "no-service": _url("service", code="no-such-thing"),
        "requests": _url("requests"),
    }[url]
    answered = client.get(target, query)
    assert answered.status_code == status
    [error] = answered.json()
    assert error["code"] == status
    assert says in error["description"]


def test_a_fixmystreet_style_post_waits_for_moderation_then_reads_back(client, people, sign_in, key: str) -> None:  # type: ignore[no-untyped-def]
    posted = _post(
        client,
        api_key=key,
        email="someone@example.org",
        first_name="A",
        last_name="Resident",
        **{"attribute[other_reasons]": ["being-followed"]},
    )
    assert posted.status_code == 200
    [answer] = posted.json()
    pin = SaferStreetsPin.objects.get()
    assert answer["token"] == pin.token
    assert (pin.via, pin.reasons, pin.contact_name) == (
        "FixMyStreet",
        ["poor-lighting", "being-followed"],
        "A Resident",
    )
    # Before moderation: not in the list, no detail, and the token has no id yet.
    assert client.get(_url("requests")).json() == []
    assert client.get(_url("request", reference=pin.reference)).status_code == 404
    assert client.get(_url("token", token=pin.token)).json() == [{"service_request_id": None, "token": pin.token}]
    sign_in(people["officer"])
    client.post(
        reverse("engage:moderate", args=[pin.reference]),
        {"decision": "published", "reason": "Fine", "public_description": "Dark path"},
    )
    client.logout()
    pin.refresh_from_db()
    assert client.get(_url("token", token=pin.token)).json()[0]["service_request_id"] == pin.reference
    [read] = client.get(_url("requests")).json()
    assert read["service_request_id"] == pin.reference
    assert (read["lat"], read["long"]) == (pin.public_lat, pin.public_lon)  # the blurred place
    assert read["requested_datetime"].endswith("-01T00:00:00+00:00")  # the month only
    assert read["description"] == "Dark path"
    assert read["agency_responsible"] == "Central Bedfordshire Council"
    assert "someone@example.org" not in client.get(_url("requests", "xml")).content.decode()
    root = _xml(client.get(_url("request", "xml", reference=pin.reference)).content)
    assert root.find("request/service_request_id").text == pin.reference  # type: ignore[union-attr]
    assert client.get(_url("requests"), {"status": "closed"}).json() == []


def test_a_replayed_post_is_stored_once_and_a_client_token_separates_submissions(client, key: str) -> None:  # type: ignore[no-untyped-def]
    first = _post(client, api_key=key).json()
    again = _post(client, api_key=key).json()
    assert first == again
    assert SaferStreetsPin.objects.count() == 1
    _post(client, api_key=key, token="fms-1")
    _post(client, api_key=key, token="fms-2")
    _post(client, api_key=key, token="fms-2")
    assert SaferStreetsPin.objects.count() == 3


@pytest.mark.parametrize(
    ("fields", "status", "says"),
    [
        ({"api_key": ""}, 403, "a valid api_key is required"),
        ({"api_key": "o311_wrong"}, 403, "a valid api_key is required"),
        ({"service_code": "graffiti"}, 400, "service_code 'graffiti' is not a service here"),
        ({"lat": ""}, 400, "lat is required"),
        ({"long": "west"}, 400, "long must be a number"),
        ({"lat": "52.1359", "long": "-0.4664"}, 400, "outside the partnership's area"),
        ({"attribute[other_reasons]": ["ghosts"]}, 400, "unknown values: ghosts"),
        ({"description": "x" * 2001}, 400, "longer than 2000 characters"),
        ({"jurisdiction_id": "W14000001"}, 404, "is not served here"),
    ],
)
def test_each_kind_of_bad_post_is_refused_and_nothing_stored(
    client, key: str, fields: dict[str, Any], status: int, says: str
) -> None:  # type: ignore[no-untyped-def]
    answered = _post(client, **{"api_key": key, **fields})
    assert answered.status_code == status
    assert says in answered.json()[0]["description"]
    assert SaferStreetsPin.objects.count() == 0


def test_a_withdrawn_key_no_longer_posts(client, key: str) -> None:  # type: ignore[no-untyped-def]
    Open311Client.objects.update(active=False)
    assert _post(client, api_key=key).status_code == 403


def test_xml_errors_and_posts(client, key: str) -> None:  # type: ignore[no-untyped-def]
    refused = _post(client, "xml", api_key="nope")
    root = _xml(refused.content)
    assert (root.tag, root.findtext("error/code")) == ("errors", "403")
    posted = _xml(_post(client, "xml", api_key=key).content)
    assert posted.findtext("request/token") == SaferStreetsPin.objects.get().token


def test_an_administrator_issues_a_key_shown_once_and_kept_only_as_a_hash(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["administrator"])
    page = client.post(reverse("engage:open311-clients"), {"name": "Council case system"})
    issued = page.context["issued"]
    assert issued.startswith("o311_")
    assert issued in page.content.decode()
    made = Open311Client.objects.get(name="Council case system")
    assert made.key_hash == hashlib.sha256(issued.encode()).hexdigest()
    assert issued not in client.get(reverse("engage:open311-clients")).content.decode()
    assert client.post(reverse("engage:open311-clients"), {"name": "Council case system"}).context["form"].errors
    client.post(reverse("engage:open311-clients"), {"withdraw": made.pk})
    made.refresh_from_db()
    assert not made.active


def test_the_document_lists_every_open311_url(client) -> None:  # type: ignore[no-untyped-def]
    from django.urls import get_resolver

    from cspkit.web.engage.open311_openapi import document

    paths = set(document()["paths"])
    mounted = next(p for p in get_resolver().url_patterns if str(p.pattern) == "open311/v2/")
    routes = {
        "/open311/v2/"
        + str(p.pattern)
        .replace("<str:fmt>", "{format}")
        .replace("<slug:code>", "{service_code}")
        .replace("<str:reference>", "{service_request_id}")
        .replace("<str:token>", "{token}")
        for p in mounted.url_patterns  # type: ignore[attr-defined]
        if p.name not in ("openapi", "not-found")
    }
    assert routes == paths
    assert client.get(reverse("open311:openapi")).json()["openapi"].startswith("3.0")


def test_every_operation_answers_as_documented(db, settings, web_demo, key: str) -> None:  # type: ignore[no-untyped-def]
    """schemathesis against the document, driven through hypothesis (see test_public_api)."""
    import schemathesis
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings

    settings.HOME = web_demo
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/open311/v2/openapi.json", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) == 7
        for operation in operations:

            @given(case=operation.as_strategy())
            @hypothesis_settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
            def answers_as_documented(case) -> None:  # type: ignore[no-untyped-def]
                case.call_and_validate()

            answers_as_documented()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("start", ["2024-01-01t00:00:00z", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_any_valid_date_time_is_taken_even_at_the_calendars_edges(client, start: str) -> None:  # type: ignore[no-untyped-def]
    answered = client.get(_url("requests"), {"start_date": start, "end_date": "9999-12-31T23:59:59-23:59"})
    assert answered.status_code == 200
