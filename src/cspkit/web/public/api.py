"""The police.uk-shaped public API (ANCHORS.md §3.2), so tools written for data.police.uk
read a partnership's neighbourhoods, priorities and meetings unchanged: the neighbourhood id
is the ward code. Plus cspkit's own aggregated crime counts. Open to anyone, read-only,
published data only; `openapi.json` describes every endpoint."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from cspkit.errors import CspkitError
from cspkit.geography.forces import force_by_slug
from cspkit.web.dashboard.materialised import config_digest, geography, materialise, request_for
from cspkit.web.datahub.store_view import generation
from cspkit.web.public import figures
from cspkit.web.public.models import NeighbourhoodPriority, PublicMeeting

BOUNDARY_TOLERANCE_M = 10.0  # police.uk's boundaries are a few hundred points; so are these


def _json(body: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # published data, read by anyone's page
    return response


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status)


def _home() -> Path:
    return Path(settings.HOME)


def _forces() -> list[str]:
    request = request_for(_home())
    return sorted({request.geo.force_of_authority(a) for a in _authorities()} - {""})


def _authorities() -> set[str]:
    from cspkit.indicators.areas import target_area

    request = request_for(_home())
    return set(target_area(request.geo, request.config.area, request.config).authorities)


def _ward(force: str, ward: str) -> str | JsonResponse:
    """The ward's name, or the 404 to return."""
    try:
        names = dict(figures.wards(_home()))
        forces = _forces()
    except CspkitError as error:
        return _error(str(error), 503)
    if force not in forces:
        return _error(f"unknown force {force!r}: this partnership's are {', '.join(forces)}", 404)
    if ward not in names:
        return _error(f"unknown neighbourhood {ward!r} in {force}", 404)
    return names[ward]


def not_found(request: HttpRequest) -> JsonResponse:
    return _error(f"no such API resource: {request.path}", 404)


@require_safe
def forces(request: HttpRequest) -> JsonResponse:
    try:
        slugs = _forces()
    except CspkitError as error:
        return _error(str(error), 503)
    return _json([{"id": slug, "name": force_by_slug(slug).name} for slug in slugs])


@require_safe
def neighbourhoods(request: HttpRequest, force: str) -> JsonResponse:
    try:
        if force not in _forces():
            return _error(f"unknown force {force!r}", 404)
        wards = figures.wards(_home())
    except CspkitError as error:
        return _error(str(error), 503)
    return _json([{"id": code, "name": name} for code, name in wards])


@lru_cache(maxsize=128)
def _geometry(key: str, ward: str) -> tuple[tuple[float, float], list[tuple[float, float]]]:
    """Centre (lat, lon) and the outline of the ward's largest part, in WGS84."""
    import shapely

    from cspkit.geography.tables import from_bng

    shapes = geography(_home()).ward_shapes
    shape = shapes.geometries[shapes.codes.index(ward)]
    parts = list(getattr(shape, "geoms", [shape]))
    largest = shapely.simplify(max(parts, key=lambda p: p.area), BOUNDARY_TOLERANCE_M)
    transform = from_bng()
    centre = shape.representative_point()
    lon, lat = transform.transform(centre.x, centre.y)
    xs, ys = zip(*largest.exterior.coords, strict=True)
    lons, lats = transform.transform(list(xs), list(ys))
    return (round(lat, 6), round(lon, 6)), [(round(a, 6), round(b, 6)) for a, b in zip(lats, lons, strict=True)]


def _contacts(ward: str) -> dict[str, str]:
    request = request_for(_home())
    authority = request.geo.ward_authority.get(ward, "")
    found: dict[str, str] = {}
    for contact in request.config.public.contacts_for(authority):
        for key, value in (("telephone", contact.telephone), ("email", contact.email), ("web", contact.url)):
            if value and key not in found and not contact.demo:
                found[key] = value
    return found


@require_safe
def neighbourhood(request: HttpRequest, force: str, ward: str) -> JsonResponse:
    name = _ward(force, ward)
    if isinstance(name, JsonResponse):
        return name
    (lat, lon), _outline = _geometry(str(_home()), ward)
    geo = request_for(_home()).geo
    population = sum(p for lsoa, p in geo.lsoa21_population.items() if geo.lsoa21_best_fit_ward.get(lsoa) == ward)
    return _json(
        {
            "id": ward,
            "name": name,
            "description": f"{name} ward, {geo.authority_name.get(geo.ward_authority.get(ward, ''), '')}",
            "url_force": request.build_absolute_uri(reverse("public:neighbourhood", args=[ward])),
            "population": str(population),
            "centre": {"latitude": str(lat), "longitude": str(lon)},
            "links": [],
            "locations": [],
            "contact_details": _contacts(ward),
        }
    )


@require_safe
def boundary(request: HttpRequest, force: str, ward: str) -> JsonResponse:
    name = _ward(force, ward)
    if isinstance(name, JsonResponse):
        return name
    _centre, outline = _geometry(str(_home()), ward)
    return _json([{"latitude": str(lat), "longitude": str(lon)} for lat, lon in outline])


def _stamp(day: Any) -> str | None:
    return f"{day:%Y-%m-%d}T00:00:00" if day else None


@require_safe
def priorities(request: HttpRequest, force: str, ward: str) -> JsonResponse:
    name = _ward(force, ward)
    if isinstance(name, JsonResponse):
        return name
    rows = NeighbourhoodPriority.objects.filter(ward=ward)
    return _json(
        [
            {
                "issue": p.issue,
                "issue-date": _stamp(p.issue_date),
                "action": p.action or None,
                "action-date": _stamp(p.action_date),
            }
            for p in rows
        ]
    )


@require_safe
def events(request: HttpRequest, force: str, ward: str) -> JsonResponse:
    name = _ward(force, ward)
    if isinstance(name, JsonResponse):
        return name
    from django.utils import timezone

    rows = PublicMeeting.objects.filter(ward=ward, starts_at__gte=timezone.now())
    return _json(
        [
            {
                "title": m.title,
                "type": m.kind,
                "description": m.agenda or None,
                "address": m.venue,
                "start_date": timezone.localtime(m.starts_at).isoformat(),
                "end_date": None,
                "contact_details": _contacts(ward),
                "url": request.build_absolute_uri(reverse("public:meeting", args=[m.pk])),
            }
            for m in rows
        ]
    )


@require_safe
def crime_counts(request: HttpRequest) -> JsonResponse:
    """police.uk street-level counts by category for the partnership or one of its wards."""
    from cspkit.neighbourhoods.counts import NotHeld
    from cspkit.neighbourhoods.counts import crime_counts as count

    home = _home()
    area = request.GET.get("area", "")[:40]
    period = request.GET.get("period", "")[:40]
    unknown = sorted(set(request.GET) - {"area", "period"})
    if unknown:
        return _error(f"unknown parameter {unknown[0]!r}: use area and period", 400)
    try:
        inputs = request_for(home)
    except CspkitError as error:  # no configuration or store: not the caller's fault
        return _error(str(error), 503)
    try:
        parts = ("crime-counts", generation(home), config_digest(home), area, period)
        body = materialise(home, "counts", parts, lambda: count(inputs, area or None, period or None))
    except NotHeld as error:
        return _error(str(error), 404)
    except CspkitError as error:
        return _error(str(error), 400)
    return _json({k: v for k, v in body.items() if k != "materialised_key"})
