"""Open311 GeoReport v2 (ANCHORS.md §3.4) under `/open311/v2/`, so FixMyStreet, council back
offices and open311-adapter-style bridges exchange Safer Streets reports with no bespoke work.

- Each Safer Streets reason is a service (`service_code` = the reason's slug), type `batch`:
  a posted request waits for moderation, so POST answers with a `token` and `tokens/{token}`
  gives the `service_request_id` once the request is published.
- Reads show published requests only, at their blurred places, with the month they were sent
  (the first of the month as `requested_datetime`): the same disclosure as the public map.
- `jurisdiction_id` is the partnership's CSP code (optional; any other is refused).
- POST needs an `api_key` an administrator issued (CSRF-exempt: the key authenticates it). A
  client may send its own `token` per submission; without one, the request's own fields are
  the key, so a replayed POST returns the first answer and is never stored twice.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from cspkit.config.engage import EngageConfig
from cspkit.errors import CspkitError
from cspkit.web.dashboard.materialised import request_for
from cspkit.web.engage import abuse, publishing
from cspkit.web.engage.models import MAX_DESCRIPTION, Open311Client, SaferStreetsPin
from cspkit.web.engage.open311_format import answer, errors

FORMATS = ("json", "xml")
DEFAULT_DAYS = 90  # as servers commonly do when no dates are given
MAX_REQUESTS = 1000
GROUP = "Safer Streets"


def _jurisdiction() -> str:
    return request_for(publishing.home()).config.area.code


def _checked(request: HttpRequest, fmt: str) -> HttpResponse | None:
    """The error to answer with, if the format or jurisdiction is not ours."""
    if fmt not in FORMATS:
        return errors("json", 400, f"format must be json or xml, not {fmt!r}")
    try:
        ours = _jurisdiction()
    except CspkitError as error:
        return errors(fmt, 503, str(error))
    asked = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    if asked and asked != ours:
        return errors(fmt, 404, f"jurisdiction_id {asked!r} is not served here; this server's is {ours}")
    return None


def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    if refused := _checked(request, fmt):
        return refused
    base = request.build_absolute_uri(reverse("open311:discovery", args=["json"])).rsplit("/", 1)[0] + "/"
    body = {
        "changeset": "2024-01-01T00:00:00Z",
        "contact": "Ask the partnership's community safety team; see the site's privacy notice.",
        "key_service": "An administrator of this site issues API keys for posting requests.",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2024-01-01T00:00:00Z",
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return answer("discovery", body, fmt)


def _service(config: EngageConfig, code: str) -> dict[str, Any]:
    reason = config.reason(code)
    assert reason is not None  # noqa: S101 - callers pass a configured code
    return {
        "service_code": reason.slug,
        "service_name": reason.label,
        "description": f"A place where people feel unsafe: {reason.label.lower()}",
        "metadata": True,
        "type": "batch",
        "keywords": ["safer streets", "feeling unsafe"],
        "group": GROUP,
    }


def services(request: HttpRequest, fmt: str) -> HttpResponse:
    if refused := _checked(request, fmt):
        return refused
    config = publishing.engage_config()
    return answer("services", [_service(config, r.slug) for r in config.reasons], fmt)


def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if refused := _checked(request, fmt):
        return refused
    config = publishing.engage_config()
    if config.reason(code) is None:
        return errors(fmt, 404, f"no service {code!r}")
    others = [{"key": r.slug, "name": r.label} for r in config.reasons if r.slug != code]
    body = {
        "service_code": code,
        "attributes": [
            {
                "variable": True,
                "code": "other_reasons",
                "datatype": "multivaluelist",
                "required": False,
                "datatype_description": "Any other reasons the place feels unsafe",
                "order": 1,
                "description": "Other reasons",
                "values": others,
            }
        ],
    }
    return answer("service_definition", body, fmt)


def _month_start(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0).isoformat()


def _as_request(request: HttpRequest, pin: SaferStreetsPin, labels: dict[str, str]) -> dict[str, Any]:
    code = pin.reasons[0] if pin.reasons else ""
    photo = pin.photos.filter(approved=True).first()
    return {
        "service_request_id": pin.reference,
        "status": "closed" if pin.we_did else "open",
        "status_notes": pin.we_did or None,
        "service_name": labels.get(code, code),
        "service_code": code,
        "description": pin.public_description or None,
        "agency_responsible": pin.routed_to.name if pin.routed_to else None,
        "service_notice": None,
        "requested_datetime": _month_start(pin.submitted_at),  # the month only: public disclosure
        "updated_datetime": (pin.moderated_at or pin.updated_at).astimezone(UTC).replace(microsecond=0).isoformat(),
        "expected_datetime": None,
        "address": None,
        "address_id": None,
        "zipcode": None,
        "lat": pin.public_lat,
        "long": pin.public_lon,
        "media_url": request.build_absolute_uri(reverse("engage:photo", args=[photo.pk])) if photo else None,
    }


def _published() -> Any:
    return SaferStreetsPin.objects.filter(status=SaferStreetsPin.PUBLISHED, public_lon__isnull=False).select_related(
        "routed_to"
    )


def _date(text: str, name: str) -> datetime:
    """An ISO 8601 / RFC 3339 date and time (any case, any offset), in UTC."""
    problem = f"{name} must be an ISO 8601 date and time, e.g. 2024-05-01T00:00:00Z"
    try:
        found = parse_datetime(text.strip().upper())
    except ValueError:  # well formed, but no such day
        raise ValueError(problem) from None
    if found is None:
        raise ValueError(problem)
    found = found if found.tzinfo else found.replace(tzinfo=UTC)
    try:
        return found.astimezone(UTC)
    except OverflowError:  # the calendar's first or last day, with an offset past its edge
        return datetime.max.replace(tzinfo=UTC) if found.year > 1 else datetime.min.replace(tzinfo=UTC)


def _listing(request: HttpRequest, fmt: str) -> HttpResponse:
    config = publishing.engage_config()
    labels = {r.slug: r.label for r in config.reasons}
    pins = _published()
    ids = [i.strip() for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    try:
        if ids:
            pins = pins.filter(reference__in=ids)
        else:
            start = request.GET.get("start_date")
            end = request.GET.get("end_date")
            since = _date(start, "start_date") if start else timezone.now() - timedelta(days=DEFAULT_DAYS)
            pins = pins.filter(submitted_at__gte=since)
            if end:
                pins = pins.filter(submitted_at__lte=_date(end, "end_date"))
    except ValueError as error:
        return errors(fmt, 400, str(error))
    codes = [c.strip() for c in request.GET.get("service_code", "").split(",") if c.strip()]
    status = request.GET.get("status", "")
    if status and status not in ("open", "closed"):
        return errors(fmt, 400, "status must be open or closed")
    found = []
    for pin in pins[: MAX_REQUESTS * 2]:
        shown = _as_request(request, pin, labels)
        if codes and shown["service_code"] not in codes:
            continue
        if status and shown["status"] != status:
            continue
        found.append(shown)
    return answer("service_requests", found[:MAX_REQUESTS], fmt)


@csrf_exempt
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if refused := _checked(request, fmt):
        return refused
    if request.method == "POST":
        return _post(request, fmt)
    if request.method not in ("GET", "HEAD"):
        return errors(fmt, 405, "GET or POST")
    return _listing(request, fmt)


def request_detail(request: HttpRequest, reference: str, fmt: str) -> HttpResponse:
    if refused := _checked(request, fmt):
        return refused
    pin = _published().filter(reference=reference).first()
    if pin is None:
        return errors(fmt, 404, f"no published service request {reference!r}")
    labels = {r.slug: r.label for r in publishing.engage_config().reasons}
    return answer("service_requests", [_as_request(request, pin, labels)], fmt)


def token_view(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    """A token gives its request's id once the request is published (nothing before that)."""
    if refused := _checked(request, fmt):
        return refused
    pin = SaferStreetsPin.objects.filter(token=token).first()
    if pin is None:
        return errors(fmt, 404, "no request with that token")
    published = pin.status == SaferStreetsPin.PUBLISHED
    return answer(
        "service_requests", [{"service_request_id": pin.reference if published else None, "token": token}], fmt
    )


def _client(request: HttpRequest) -> Open311Client | None:
    key = request.POST.get("api_key", "")
    if not key:
        return None
    digest = hashlib.sha256(key.encode()).hexdigest()
    return Open311Client.objects.filter(key_hash=digest, active=True).first()


def _float(request: HttpRequest, name: str) -> float:
    text = request.POST.get(name, "").strip()
    if not text:
        raise ValueError(f"{name} is required (this server places requests by lat and long, not by address)")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{name} must be a number in decimal degrees, not {text!r}") from None


def _post(request: HttpRequest, fmt: str) -> HttpResponse:
    client = _client(request)
    if client is None:
        return errors(fmt, 403, "a valid api_key is required to post a request")
    config = publishing.engage_config()
    per_hour = config.per_hour("open311_client")
    if abuse.over_limit(request, f"open311:{client.pk}", per_hour, by_address=False):
        return errors(fmt, 429, f"at most {per_hour} requests an hour per client")
    code = request.POST.get("service_code", "")
    if config.reason(code) is None:
        return errors(fmt, 400, f"service_code {code!r} is not a service here; see services.{fmt}")
    others = [
        v for v in request.POST.getlist("attribute[other_reasons]") + request.POST.getlist("attribute[other_reasons][]")
    ]
    unknown = [v for v in others if config.reason(v) is None]
    if unknown:
        return errors(fmt, 400, f"attribute[other_reasons] has unknown values: {', '.join(unknown)}")
    try:
        lat, lon = _float(request, "lat"), _float(request, "long")
    except ValueError as error:
        return errors(fmt, 400, str(error))
    description = request.POST.get("description", "")
    if len(description) > MAX_DESCRIPTION:
        return errors(fmt, 400, f"description is longer than {MAX_DESCRIPTION} characters")
    place = publishing.place_of(lon, lat)
    if place is None:
        return errors(fmt, 400, "lat and long are outside the partnership's area")
    fields = ("service_code", "lat", "long", "description", "email", "first_name", "last_name")
    own = request.POST.get("token", "").strip()[:64]
    key = own or hashlib.sha256("\x1f".join(request.POST.get(f, "") for f in fields).encode()).hexdigest()
    nonce = "open311:" + hashlib.sha256(f"{client.pk}:{key}".encode()).hexdigest()[:48]
    existing = SaferStreetsPin.objects.filter(nonce=nonce).first()
    if existing is not None:
        return _posted(existing, fmt)
    name = " ".join(p for p in (request.POST.get("first_name", ""), request.POST.get("last_name", "")) if p)
    email = request.POST.get("email", "").strip()
    reasons = [code, *dict.fromkeys(v for v in others if v != code)]
    try:
        with transaction.atomic():
            pin = SaferStreetsPin.objects.create(
                reference=abuse.new_reference(),
                nonce=nonce,
                token=secrets.token_urlsafe(24),
                lon=lon,
                lat=lat,
                lsoa21=place.lsoa21,
                ward=place.ward,
                authority=place.authority,
                reasons=reasons,
                description=description,
                contact_name=name[:200],
                contact_email=email[:254] if "@" in email else "",
                via=client.name,
                routed_to=publishing.route(config, place.authority, reasons),
            )
    except IntegrityError:  # the same request posted twice at once
        pin = SaferStreetsPin.objects.get(nonce=nonce)
    return _posted(pin, fmt)


def _posted(pin: SaferStreetsPin, fmt: str) -> HttpResponse:
    notice = "Received. It is published, at a blurred place, once a moderator has read it."
    return answer("service_requests", [{"token": pin.token, "service_notice": notice, "account_id": None}], fmt)


@csrf_exempt
def not_found(request: HttpRequest) -> HttpResponse:
    fmt = "xml" if request.path.endswith(".xml") else "json"
    return errors(fmt, 404, "no such Open311 resource; see discovery.json")
