"""Safer Streets for the public: where people feel unsafe. A resident drops a pin, chooses
reasons, adds text and up to three photos, and may leave contact details for a reply
(anonymous by default). Nothing is public until a moderator publishes it; then the pin shows
at a blurred place with what the partnership did ("we did") and how many said "me too"."""

from __future__ import annotations

import json
from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.errors import CspkitError
from cspkit.privacy.photos import MAX_BYTES, PhotoRefused, clean_photo
from cspkit.web.dashboard.materialised import geography
from cspkit.web.engage import abuse, publishing
from cspkit.web.engage.forms import PinForm
from cspkit.web.engage.models import MAX_PHOTOS, PinPhoto, PinSupport, SaferStreetsPin
from cspkit.web.engage.pin_map import pin_drop_map, pins_map
from cspkit.web.engage.staff import may_moderate

MAX_REQUEST_BYTES = MAX_PHOTOS * MAX_BYTES + 1024 * 1024
SUPPORTER_COOKIE = "cspkit_supporter"


def _unavailable(request: HttpRequest, error: CspkitError) -> HttpResponse:
    return render(request, "public/unavailable.html", {"reason": str(error)}, status=503)


def _labels(reasons: list[str]) -> list[str]:
    config = publishing.engage_config()
    found = [config.reason(code) for code in reasons]
    return [r.label for r in found if r is not None]


def _published() -> list[SaferStreetsPin]:
    return list(SaferStreetsPin.objects.filter(status=SaferStreetsPin.PUBLISHED, public_lon__isnull=False)[:500])


def safer_streets_page(request: HttpRequest) -> HttpResponse:
    try:
        wards = publishing.partnership_wards()
        config = publishing.engage_config()
    except CspkitError as error:
        return _unavailable(request, error)
    pins = _published()
    labels = {r.slug: r.label for r in config.reasons}
    reasons = [[labels[c] for c in p.reasons if c in labels] for p in pins]
    shown = [{"pin": p, "reasons": r, "ward_name": wards.get(p.ward, "")} for p, r in zip(pins, reasons, strict=True)]
    title = _("Map of published Safer Streets reports (each at a blurred place)")
    marks = [
        (p.public_lon, p.public_lat, reverse("engage:pin", args=[p.reference]), ", ".join(r))
        for p, r in zip(pins, reasons, strict=True)
        if p.public_lon is not None and p.public_lat is not None
    ]
    drawn = pins_map(geography(publishing.home()), sorted(wards), marks, title)
    return render(
        request,
        "engage/safer_streets.html",
        {"shown": shown, "map": drawn, "map_title": title, "wards": sorted(wards.items(), key=lambda w: w[1])},
    )


def _reply(pin: SaferStreetsPin) -> HttpResponse:
    return redirect("engage:thanks", reference=pin.reference)


def _point(data: dict[str, Any]) -> tuple[float, float]:
    if data.get("x_bng") is not None and data.get("y_bng") is not None:
        from cspkit.geography.tables import from_bng

        lon, lat = from_bng().transform(data["x_bng"], data["y_bng"])
        return float(lon), float(lat)
    return float(data["lon"]), float(data["lat"])


def _photos(request: HttpRequest, form: PinForm) -> list[Any]:
    uploads = request.FILES.getlist("photos")
    if len(uploads) > MAX_PHOTOS:
        form.add_error(None, _("Send up to %(n)s photos") % {"n": MAX_PHOTOS})
        return []
    cleaned = []
    for number, upload in enumerate(uploads, 1):
        try:
            cleaned.append(clean_photo(upload.read(), name=_("Photo %(n)s") % {"n": number}))
        except PhotoRefused as refused:
            form.add_error(None, str(refused))
    return cleaned


def report_page(request: HttpRequest) -> HttpResponse:
    """Drop a pin: choose the neighbourhood, then the place on its map, then say why."""
    try:
        wards = publishing.partnership_wards()
        config = publishing.engage_config()
    except CspkitError as error:
        return _unavailable(request, error)
    ward = request.GET.get("ward") or request.POST.get("ward") or ""
    if ward and ward not in wards:
        raise Http404("not one of the partnership's neighbourhoods")
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
            return render(
                request, "engage/too_large.html", {"max_photos": MAX_PHOTOS, "max_mb": MAX_BYTES // 1048576}, status=413
            )
        if abuse.over_limit(request, "safer-streets", config.rate_limit):
            return render(request, "engage/slow_down.html", status=429)
        if abuse.is_robot(request):
            return redirect("engage:thanks", reference=abuse.new_reference())  # looks real; nothing kept
        form = PinForm(request.POST, config=config)
        existing = SaferStreetsPin.objects.filter(nonce=request.POST.get("nonce", "")).first()
        if existing is not None:  # a replay or a double click: the first submission's answer
            return _reply(existing)
        if form.is_valid():
            photos = _photos(request, form)
            lon, lat = _point(form.cleaned_data)
            place = publishing.place_of(lon, lat)
            if place is None:
                form.add_error(None, _("That place is outside the partnership's area. Tap inside the outline."))
            if form.is_valid() and place is not None:
                return _store(form.cleaned_data, photos, lon, lat, place, config)
    else:
        form = PinForm(initial={"nonce": abuse.new_nonce()}, config=config)
    drop_map = ""
    if ward:
        drop_map = pin_drop_map(
            geography(publishing.home()), ward, _("Map of %(name)s: tap where you feel unsafe") % {"name": wards[ward]}
        )
    context = {
        "form": form,
        "ward": ward,
        "ward_name": wards.get(ward, ""),
        "wards": sorted(wards.items(), key=lambda w: w[1]),
        "drop_map": drop_map,
        "max_photos": MAX_PHOTOS,
        "max_mb": MAX_BYTES // (1024 * 1024),
    }
    return render(request, "engage/report.html", context)


def _store(data: dict[str, Any], photos: list[Any], lon: float, lat: float, place: Any, config: Any) -> HttpResponse:
    try:
        with transaction.atomic():
            pin = SaferStreetsPin.objects.create(
                reference=abuse.new_reference(),
                nonce=data["nonce"],
                lon=lon,
                lat=lat,
                lsoa21=place.lsoa21,
                ward=place.ward,
                authority=place.authority,
                reasons=list(data["reasons"]),
                description=data.get("description", ""),
                contact_name=data.get("contact_name", ""),
                contact_email=data.get("contact_email", ""),
                routed_to=publishing.route(config, place.authority, list(data["reasons"])),
            )
            for photo in photos:
                PinPhoto.objects.create(pin=pin, data=photo.data, width=photo.width, height=photo.height)
    except IntegrityError:  # the same form sent twice at once: the other request stored it
        pin = get_object_or_404(SaferStreetsPin, nonce=data["nonce"])
    return _reply(pin)


def thanks_page(request: HttpRequest, reference: str) -> HttpResponse:
    return render(request, "engage/thanks.html", {"reference": reference})


def _public_pin(reference: str) -> SaferStreetsPin:
    pin = SaferStreetsPin.objects.filter(reference=reference, status=SaferStreetsPin.PUBLISHED).first()
    if pin is None:
        raise Http404("no published report with that reference")
    return pin


def pin_page(request: HttpRequest, reference: str) -> HttpResponse:
    pin = _public_pin(reference)
    try:
        wards = publishing.partnership_wards()
        reasons = _labels(pin.reasons)
    except CspkitError as error:
        return _unavailable(request, error)
    supported = (
        request.COOKIES.get(SUPPORTER_COOKIE)
        and pin.supports.filter(supporter=abuse.hashed(request.COOKIES[SUPPORTER_COOKIE], "support")).exists()
    )
    context = {
        "pin": pin,
        "reasons": reasons,
        "ward_name": wards.get(pin.ward, ""),
        "photos": pin.photos.filter(approved=True),
        "supported": supported,
        "may_moderate": may_moderate(request),
    }
    return render(request, "engage/pin.html", context)


@require_POST
def support(request: HttpRequest, reference: str) -> HttpResponse:
    """ "Me too": one per browser per pin (a random cookie, kept only as a keyed hash)."""
    pin = _public_pin(reference)
    if abuse.over_limit(request, "support", publishing.engage_config().per_hour("support")):
        return render(request, "engage/slow_down.html", status=429)
    token = request.COOKIES.get(SUPPORTER_COOKIE) or abuse.new_nonce()
    try:
        with transaction.atomic():
            PinSupport.objects.create(pin=pin, supporter=abuse.hashed(token, "support"))
            SaferStreetsPin.objects.filter(pk=pin.pk).update(supporters=pin.supports.count())
    except IntegrityError:
        pass  # already supported: nothing to add
    response = redirect("engage:pin", reference=pin.reference)
    response.set_cookie(
        SUPPORTER_COOKIE, token, max_age=365 * 86400, httponly=True, samesite="Lax", secure=request.is_secure()
    )
    return response


def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A photo: for the public only when its pin is published and the photo approved."""
    found = get_object_or_404(PinPhoto.objects.select_related("pin"), pk=pk)
    if not may_moderate(request) and not (found.approved and found.pin.is_public):
        raise Http404("no published photo")
    response = HttpResponse(bytes(found.data), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store" if not found.approved else "public, max-age=300"
    return response


def pins_geojson(request: HttpRequest) -> HttpResponse:
    """Published pins at their blurred places, the month only (not the day or time)."""
    try:
        config = publishing.engage_config()
    except CspkitError as error:
        return JsonResponse({"error": str(error)}, status=503)
    labels = {r.slug: r.label for r in config.reasons}
    features = [
        {
            "type": "Feature",
            "id": p.reference,
            "geometry": {"type": "Point", "coordinates": [p.public_lon, p.public_lat]},
            "properties": {
                "reference": p.reference,
                "reasons": [labels[c] for c in p.reasons if c in labels],
                "ward": p.ward,
                "month": p.submitted_at.strftime("%Y-%m"),
                "supporters": p.supporters,
                "we_did": p.we_did,
                "url": request.build_absolute_uri(reverse("engage:pin", args=[p.reference])),
            },
        }
        for p in _published()
    ]
    body = {"type": "FeatureCollection", "features": features}
    return HttpResponse(json.dumps(body), content_type="application/geo+json")


def pins_csv(request: HttpRequest) -> HttpResponse:
    """The published pins as CSV: the same fields and blurred places as the GeoJSON."""
    import csv
    import io

    try:
        config = publishing.engage_config()
        wards = publishing.partnership_wards()
    except CspkitError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    labels = {r.slug: r.label for r in config.reasons}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["reference", "ward", "ward_name", "reasons", "month", "lon", "lat", "supporters", "we_did"])
    for p in _published():
        reasons = "; ".join(labels[c] for c in p.reasons if c in labels)
        writer.writerow(
            [
                p.reference,
                p.ward,
                wards.get(p.ward, ""),
                reasons,
                p.submitted_at.strftime("%Y-%m"),
                p.public_lon,
                p.public_lat,
                p.supporters,
                p.we_did,
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="safer-streets.csv"'
    return response
