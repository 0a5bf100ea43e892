"""The public API's OpenAPI 3.0 document, written out here so it is reviewed with the code it
describes; a test has schemathesis call every operation against it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from cspkit.__about__ import __version__

_STR = {"type": "string"}
_NULL_STR = {"type": "string", "nullable": True}
_ERROR = {
    "description": "Not found, a parameter the API cannot use, or no data to serve yet",
    "content": {
        "application/json": {
            "schema": {"type": "object", "required": ["error"], "properties": {"error": _STR}},
        }
    },
}
_FORCE = {"name": "force", "in": "path", "required": True, "schema": {"type": "string"}, "example": "bedfordshire"}
_WARD = {
    "name": "neighbourhood",
    "in": "path",
    "required": True,
    "description": "The neighbourhood id: a ward's ONS code",
    "schema": {"type": "string"},
    "example": "E05014394",
}
_CONTACTS = {
    "type": "object",
    "properties": {"telephone": _STR, "email": _STR, "web": _STR},
    "additionalProperties": False,
}


def _ok(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _obj(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


def _get(summary: str, ok: dict[str, Any], parameters: list[dict[str, Any]], errors: tuple[str, ...]) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": ok}
    for status in (*errors, "503"):  # 503: the workspace has no configuration or store yet
        responses[status] = _ERROR
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def document() -> dict[str, Any]:
    named = _obj({"id": _STR, "name": _STR})
    neighbourhood = _obj(
        {
            "id": _STR,
            "name": _STR,
            "description": _STR,
            "url_force": _STR,
            "population": _STR,
            "centre": _obj({"latitude": _STR, "longitude": _STR}),
            "links": _list({"type": "object"}),
            "locations": _list({"type": "object"}),
            "contact_details": _CONTACTS,
        }
    )
    priority = _obj({"issue": _STR, "issue-date": _NULL_STR, "action": _NULL_STR, "action-date": _NULL_STR})
    event = _obj(
        {
            "title": _STR,
            "type": {"type": "string", "enum": ["pact", "face-the-people"]},
            "description": _NULL_STR,
            "address": _STR,
            "start_date": _STR,
            "end_date": _NULL_STR,
            "contact_details": _CONTACTS,
            "url": _STR,
        }
    )
    counts = _obj(
        {
            "area": _STR,
            "area_name": _STR,
            "period": _STR,
            "first_month": _STR,
            "last_month": _STR,
            "missing_months": _list(_STR),
            "source": _STR,
            "licence": _STR,
            "counts": _list(_obj({"category": _STR, "name": _STR, "count": {"type": "integer", "nullable": True}})),
        }
    )
    month = "20[0-9]{2}-(0[1-9]|1[0-2])"
    query = [
        {
            "name": "area",
            "in": "query",
            "required": False,
            "description": "The partnership's area (default, csp:E22…) or one of its wards (ward:E05…)",
            "schema": {"type": "string", "pattern": "^(csp:E22[0-9]{6}|ward:[EW]05[0-9]{6})$"},
        },
        {
            "name": "period",
            "in": "query",
            "required": False,
            "description": (
                "A month (2024-04), the twelve months to a month (12m-to-2024-04) or the financial year "
                "to date (fytd-2024-04); default the latest month held"
            ),
            "schema": {"type": "string", "pattern": f"^({month}|12m-to-{month}|fytd-{month})$"},
        },
    ]
    where = [_FORCE, _WARD]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "cspkit public API",
            "version": __version__,
            "description": (
                "A community safety partnership's published information, shaped like data.police.uk's API "
                "(the neighbourhood id is the ward code), and aggregated police.uk crime counts. "
                "Open Government Licence v3.0."
            ),
        },
        "paths": {
            "/api/forces": _get("Police forces of the partnership", _ok(_list(named), "Forces"), [], ()),
            "/api/{force}/neighbourhoods": _get(
                "The partnership's neighbourhoods (wards)", _ok(_list(named), "Neighbourhoods"), [_FORCE], ("404",)
            ),
            "/api/{force}/{neighbourhood}": _get(
                "A neighbourhood", _ok(neighbourhood, "The neighbourhood"), where, ("404",)
            ),
            "/api/{force}/{neighbourhood}/boundary": _get(
                "The neighbourhood's boundary (its largest part)",
                _ok(_list(_obj({"latitude": _STR, "longitude": _STR})), "Points of the outline"),
                where,
                ("404",),
            ),
            "/api/{force}/{neighbourhood}/priorities": _get(
                "You said, we did: priorities set at public meetings",
                _ok(_list(priority), "Priorities"),
                where,
                ("404",),
            ),
            "/api/{force}/{neighbourhood}/events": _get(
                "Upcoming public meetings", _ok(_list(event), "Meetings"), where, ("404",)
            ),
            "/api/cspkit/v1/crime-counts": _get(
                "police.uk crime counts by category", _ok(counts, "Counts"), query, ("400", "404")
            ),
        },
    }


@require_safe
def openapi(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
