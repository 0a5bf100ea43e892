"""Safer Streets on the demo partnership: a resident's pin with a photo is stored once, with
no EXIF; nothing is public on any channel before moderation; a moderator publishes it at a
blurred place inside its own LSOA and ward; "me too"; actions and "we did"; safeguarding;
routing; and each kind of bad input or abuse is refused."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cspkit.web.accounts.models import AuditEvent
from cspkit.web.engage.models import PinAction, PinPhoto, PinSupport, SaferStreetsPin
from tests.unit.test_photos import photo_with_gps, png_claiming
from tests.web.conftest import AMPTHILL

pytestmark = [pytest.mark.web, pytest.mark.django_db]

AMPTHILL_CENTRE = {"lon": "-0.4960", "lat": "52.0270"}
BEDFORD = {"lon": "-0.4664", "lat": "52.1359"}  # Bedford town centre: in the force, not the partnership


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()  # rate limits count per address, and every test client is 127.0.0.1


def _form(client: Any) -> dict[str, str]:
    page = client.get(reverse("engage:report"), {"ward": AMPTHILL})
    assert page.status_code == 200
    return {"nonce": page.context["form"].initial["nonce"], "ward": AMPTHILL}


def _send(client: Any, **extra: Any) -> Any:
    data = {**_form(client), **AMPTHILL_CENTRE, "reasons": ["poor-lighting", "being-followed"], **extra}
    return client.post(reverse("engage:report"), data)


def _public_channels(client: Any, pin: SaferStreetsPin) -> dict[str, bool]:
    """Whether the pin shows on each public channel, as a visitor."""
    listing = client.get(reverse("engage:safer-streets")).content.decode()
    geojson = json.loads(client.get(reverse("engage:geojson")).content)
    photos = [client.get(reverse("engage:photo", args=[p.pk])).status_code for p in pin.photos.all()]
    open311 = client.get(reverse("open311:requests", args=["json"])).json()
    return {
        "page": client.get(reverse("engage:pin", args=[pin.reference])).status_code == 200,
        "listing": pin.reference in listing,
        "geojson": any(f["id"] == pin.reference for f in geojson["features"]),
        "csv": pin.reference in client.get(reverse("engage:csv")).content.decode(),
        "sitemap": pin.reference in client.get(reverse("pages:sitemap")).content.decode(),
        "open311": any(r["service_request_id"] == pin.reference for r in open311),
        "open311 detail": client.get(reverse("open311:request", args=[pin.reference, "json"])).status_code == 200,
        "photos": any(code == 200 for code in photos),
    }


CHANNELS = ("page", "listing", "geojson", "csv", "sitemap", "open311", "open311 detail", "photos")


def test_a_resident_drops_a_pin_with_a_photo_and_nothing_is_public_until_moderated(client, people) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("engage:report"), {"ward": AMPTHILL})
    text = page.content.decode()
    assert 'id="pin-map"' in text
    assert "In an emergency call 999" in text
    photo = SimpleUploadedFile("IMG_0001.jpg", photo_with_gps(), content_type="image/jpeg")
    sent = _send(client, description="Dark path behind the shops", photos=[photo], contact_email="me@example.org")
    assert sent.status_code == 302
    pin = SaferStreetsPin.objects.get()
    assert sent["Location"] == reverse("engage:thanks", args=[pin.reference])
    assert "Your reference is" in client.get(sent["Location"]).content.decode()
    assert (pin.ward, pin.authority, pin.status) == (AMPTHILL, "E06000056", SaferStreetsPin.AWAITING)
    assert pin.lsoa21.startswith("E01")
    assert pin.reasons == ["poor-lighting", "being-followed"]
    assert pin.routed_to is not None
    assert pin.routed_to.slug == "central-bedfordshire-council"
    kept = PinPhoto.objects.get(pin=pin)
    image = Image.open(io.BytesIO(bytes(kept.data)))
    assert dict(image.getexif()) == {}
    assert max(image.size) == 1600
    assert _public_channels(client, pin) == dict.fromkeys(CHANNELS, False)
    assert "me@example.org" not in client.get(reverse("engage:safer-streets")).content.decode()


def test_a_replayed_form_returns_the_first_report_and_stores_nothing_twice(client) -> None:  # type: ignore[no-untyped-def]
    form = _form(client)
    data = {**form, **AMPTHILL_CENTRE, "reasons": ["verbal-abuse"]}
    first = client.post(reverse("engage:report"), data)
    again = client.post(reverse("engage:report"), data)
    assert first["Location"] == again["Location"]
    assert SaferStreetsPin.objects.count() == 1


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client) -> None:  # type: ignore[no-untyped-def]
    sent = _send(client, website="http://spam.example")
    assert sent.status_code == 302
    assert SaferStreetsPin.objects.count() == 0


def test_too_many_reports_from_one_address_are_refused_with_429(client) -> None:  # type: ignore[no-untyped-def]
    codes = [client.post(reverse("engage:report"), {"ward": AMPTHILL}).status_code for _ in range(11)]
    assert codes[:10] == [200] * 10  # the demo allows 10 an hour; these were invalid, and counted
    assert codes[10] == 429
    assert SaferStreetsPin.objects.count() == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"reasons": []}, "Choose at least one reason"),
        ({"reasons": ["not-a-reason"]}, "Select a valid choice"),
        ({"lon": "", "lat": ""}, "Show us where"),
        (BEDFORD, "outside the partnership"),
        ({"lat": "95"}, "less than or equal to 61"),
        ({"contact_email": "not an address"}, "Enter a valid email address"),
        ({"description": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_each_kind_of_bad_report_is_refused_with_its_reason(client, extra: dict[str, Any], message: str) -> None:  # type: ignore[no-untyped-def]
    sent = _send(client, **extra)
    assert sent.status_code == 200
    assert message in sent.content.decode()
    assert SaferStreetsPin.objects.count() == 0


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("notes.jpg", b"these are not pixels")], "Photo 1 is not a JPEG, PNG or WebP photo"),
        ([("bomb.png", png_claiming(60_000, 60_000))], "Photo 1 is too large to take"),
        ([(f"p{i}.jpg", photo_with_gps(40, 30)) for i in range(4)], "Send up to 3 photos"),
    ],
)
def test_each_kind_of_bad_photo_is_refused_and_nothing_is_kept(
    client, files: list[tuple[str, bytes]], message: str
) -> None:  # type: ignore[no-untyped-def]
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    sent = _send(client, photos=uploads)
    assert sent.status_code == 200
    assert message in sent.content.decode()
    assert SaferStreetsPin.objects.count() == PinPhoto.objects.count() == 0


def _moderate(client: Any, pin: SaferStreetsPin, decision: str, **extra: Any) -> Any:
    data = {"decision": decision, "reason": "Checked: no one identifiable", "public_description": "Dark path", **extra}
    return client.post(reverse("engage:moderate", args=[pin.reference]), data)


def test_a_moderator_publishes_it_at_a_blurred_place_in_its_own_lsoa_and_ward(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    from cspkit.privacy.blur import locate
    from cspkit.web.dashboard.materialised import geography
    from cspkit.web.engage.publishing import home

    photo = SimpleUploadedFile("IMG_0001.jpg", photo_with_gps(400, 300, 1), content_type="image/jpeg")
    _send(client, description="Dark path behind 4 Church Street", photos=[photo], contact_name="A Resident")
    pin = SaferStreetsPin.objects.get()
    sign_in(people["officer"])
    review = client.get(reverse("engage:review", args=[pin.reference]))
    assert "A Resident" in review.content.decode()  # staff see the contact details ...
    assert AuditEvent.objects.filter(action="read", object_id=pin.reference).count() == 1  # ... and it is audited
    photo_id = pin.photos.get().pk
    done = _moderate(client, pin, SaferStreetsPin.PUBLISHED, photos=[str(photo_id)])
    assert done.status_code == 302
    pin.refresh_from_db()
    assert pin.status == SaferStreetsPin.PUBLISHED
    assert pin.moderated_by == people["officer"]
    assert pin.public_description == "Dark path"
    assert (pin.public_lon, pin.public_lat) != (pin.lon, pin.lat)
    geo = geography(home())
    assert locate(geo, pin.public_lon, pin.public_lat) == locate(geo, pin.lon, pin.lat)
    assert AuditEvent.objects.filter(action="moderate:published", object_id=pin.reference).exists()
    client.logout()
    assert _public_channels(client, pin) == dict.fromkeys(CHANNELS, True)
    feature = next(f for f in json.loads(client.get(reverse("engage:geojson")).content)["features"])
    assert feature["geometry"]["coordinates"] == [pin.public_lon, pin.public_lat]
    assert set(feature["properties"]) == {"reference", "reasons", "ward", "month", "supporters", "we_did", "url"}
    page = client.get(reverse("engage:pin", args=[pin.reference])).content.decode()
    assert "Church Street" not in page
    assert "A Resident" not in page
    assert str(pin.lat)[:7] not in page


def test_an_unapproved_photo_stays_private_on_a_published_pin(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    _send(client, photos=[SimpleUploadedFile("a.jpg", photo_with_gps(40, 30))])
    pin = SaferStreetsPin.objects.get()
    sign_in(people["officer"])
    _moderate(client, pin, SaferStreetsPin.PUBLISHED)  # no photo ticked
    photo = pin.photos.get()
    assert client.get(reverse("engage:photo", args=[photo.pk])).status_code == 200  # a moderator sees it
    client.logout()
    assert client.get(reverse("engage:photo", args=[photo.pk])).status_code == 404


def test_a_report_disclosing_a_risk_goes_to_safeguarding_and_never_to_the_map(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    _send(client, description="My neighbour's child is left alone at night")
    pin = SaferStreetsPin.objects.get()
    sign_in(people["officer"])
    assert _moderate(client, pin, SaferStreetsPin.SAFEGUARDING).status_code == 302
    pin.refresh_from_db()
    assert pin.status == SaferStreetsPin.SAFEGUARDING
    assert pin.public_lon is None
    assert pin.public_description == ""
    queue = client.get(reverse("engage:moderation"), {"status": "safeguarding"}).content.decode()
    assert pin.reference in queue
    client.logout()
    assert not any(_public_channels(client, pin).values())


def test_a_decision_needs_a_reason(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    _send(client)
    pin = SaferStreetsPin.objects.get()
    sign_in(people["officer"])
    refused = _moderate(client, pin, SaferStreetsPin.PUBLISHED, reason="")
    assert refused.status_code == 400
    pin.refresh_from_db()
    assert pin.status == SaferStreetsPin.AWAITING


def test_me_too_counts_once_per_browser(client, objects) -> None:  # type: ignore[no-untyped-def]
    pin = objects["pin"]
    url = reverse("engage:support", args=[pin.reference])
    client.post(url)
    client.post(url)
    pin.refresh_from_db()
    assert pin.supporters == PinSupport.objects.filter(pin=pin).count() == 1
    assert "You said you feel the same" in client.get(reverse("engage:pin", args=[pin.reference])).content.decode()
    client.cookies.clear()
    client.post(url)
    pin.refresh_from_db()
    assert pin.supporters == 2


def test_staff_record_an_action_and_publish_we_did(client, people, sign_in, objects) -> None:  # type: ignore[no-untyped-def]
    pin = objects["pin"]
    sign_in(people["officer"])
    action = client.post(
        reverse("engage:action", args=[pin.reference]), {"note": "Street lights reported", "taken_on": "2024-05-20"}
    )
    assert action.status_code == 302
    assert PinAction.objects.get(pin=pin).agency.slug == "bedfordshire"
    client.post(
        reverse("engage:we-did", args=[pin.reference]), {"we_did": "Two lights fixed", "we_did_at": "2024-06-01"}
    )
    client.logout()
    page = client.get(reverse("engage:pin", args=[pin.reference])).content.decode()
    assert "Two lights fixed" in page
    assert "Street lights reported" not in page


def test_a_councillor_cannot_moderate(client, people, sign_in, objects) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["councillor"])
    assert client.get(reverse("engage:moderation")).status_code == 403
    pin = objects["pin"]
    assert _moderate(client, pin, SaferStreetsPin.REJECTED).status_code == 403


def test_what_the_public_write_is_escaped_everywhere(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    _send(client, description=attack)
    pin = SaferStreetsPin.objects.get()
    sign_in(people["officer"])
    review = client.get(reverse("engage:review", args=[pin.reference])).content.decode()
    assert "<script>alert" not in review
    assert "&lt;script&gt;" in review
    _moderate(client, pin, SaferStreetsPin.PUBLISHED, public_description=attack)
    client.logout()
    page = client.get(reverse("engage:pin", args=[pin.reference])).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    feature = json.loads(client.get(reverse("engage:geojson")).content)["features"][0]
    assert feature["id"] == pin.reference  # JSON carries text as data; pages escape it
