"""The Open311 GeoReport v2 server's OpenAPI 3.0 document, written out here so it is reviewed
with the code it describes; a test has schemathesis call every operation against it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from cspkit.__about__ import __version__

_STR = {"type": "string"}
_NSTR = {"type": "string", "nullable": True}
_NUM = {"type": "number", "nullable": True}
_FORMAT = {
    "name": "format",
    "in": "path",
    "required": True,
    "description": "json or xml",
    "schema": {"type": "string", "enum": ["json", "xml"]},
}
_JURISDICTION = {
    "name": "jurisdiction_id",
    "in": "query",
    "required": False,
    "description": "The partnership's CSP code; any other is refused with 404",
    "schema": _STR,
}


def _list(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "object", "required": required, "properties": properties}}


_ERRORS = _list({"code": {"type": "integer"}, "description": _STR}, ["code", "description"])


def _content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}, "text/xml": {"schema": _STR}}


def _answers(ok: dict[str, Any], description: str, failures: dict[str, str]) -> dict[str, Any]:
    answers: dict[str, Any] = {"200": {"description": description, "content": _content(ok)}}
    for code, why in failures.items():
        answers[code] = {"description": why, "content": _content(_ERRORS)}
    return answers


_COMMON = {
    "400": "A format other than json or xml, or a parameter the server cannot use",
    "404": "Not found, or another jurisdiction",
    "503": "The site has no partnership configuration yet",
}
_REQUEST = {
    "service_request_id": _STR,
    "status": {"type": "string", "enum": ["open", "closed"]},
    "status_notes": _NSTR,
    "service_name": _STR,
    "service_code": _STR,
    "description": _NSTR,
    "agency_responsible": _NSTR,
    "service_notice": _NSTR,
    "requested_datetime": _STR,
    "updated_datetime": _STR,
    "expected_datetime": _NSTR,
    "address": _NSTR,
    "address_id": _NSTR,
    "zipcode": _NSTR,
    "lat": _NUM,
    "long": _NUM,
    "media_url": _NSTR,
}
_SERVICE = {
    "service_code": _STR,
    "service_name": _STR,
    "description": _STR,
    "metadata": {"type": "boolean"},
    "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
    "keywords": {"type": "array", "items": _STR},
    "group": _STR,
}
_POST_FIELDS = {
    "api_key": _STR,
    "jurisdiction_id": _STR,
    "service_code": _STR,
    "lat": _STR,
    "long": _STR,
    "description": _STR,
    "email": _STR,
    "first_name": _STR,
    "last_name": _STR,
    "token": {
        "type": "string",
        "description": "The client's own id for this submission: a repeat returns the first answer",
    },
    "attribute[other_reasons]": {"type": "array", "items": _STR},
}


def _get(summary: str, ok: dict[str, Any], description: str, extra: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": [_FORMAT, _JURISDICTION, *extra],
            "responses": _answers(ok, description, _COMMON),
        }
    }


def _path_param(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": _STR}


def _query(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": _STR}


def document() -> dict[str, Any]:
    requests = _get(
        "Published requests (blurred places, the month sent), the last 90 days unless dates are given",
        _list(_REQUEST, ["service_request_id", "status", "service_code", "requested_datetime"]),
        "Requests",
        [
            _query("service_request_id", "Comma-separated references"),
            _query("service_code", "Comma-separated service codes"),
            {**_query("start_date", "ISO 8601"), "schema": {"type": "string", "format": "date-time"}},
            {**_query("end_date", "ISO 8601"), "schema": {"type": "string", "format": "date-time"}},
            {
                "name": "status",
                "in": "query",
                "required": False,
                "schema": {"type": "string", "enum": ["open", "closed"]},
            },
        ],
    )
    requests["post"] = {
        "summary": "Post a request (it waits for moderation; the answer carries a token)",
        "parameters": [_FORMAT],
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "required": ["api_key", "service_code"], "properties": _POST_FIELDS}
                }
            },
        },
        "responses": _answers(
            _list({"token": _STR, "service_notice": _STR, "account_id": _NSTR}, ["token"]),
            "Received; a repeat of the same submission returns the same token",
            {**_COMMON, "403": "No valid api_key", "429": "Over the client's hourly limit"},
        ),
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "cspkit Open311 GeoReport v2",
            "version": __version__,
            "description": (
                "Safer Streets reports (places where people feel unsafe) as Open311 GeoReport v2 service "
                "requests. Each reason is a batch service. Reads show published requests only."
            ),
        },
        "paths": {
            "/open311/v2/discovery.{format}": _get(
                "Where the endpoints are",
                {"type": "object", "required": ["endpoints"], "properties": {"endpoints": {"type": "array"}}},
                "Discovery",
                [],
            ),
            "/open311/v2/services.{format}": _get(
                "The services: one per Safer Streets reason",
                _list(_SERVICE, ["service_code", "service_name", "type"]),
                "Services",
                [],
            ),
            "/open311/v2/services/{service_code}.{format}": _get(
                "A service's definition (its attributes)",
                {
                    "type": "object",
                    "required": ["service_code", "attributes"],
                    "properties": {"attributes": {"type": "array"}},
                },
                "Service definition",
                [_path_param("service_code", "A service code from services")],
            ),
            "/open311/v2/requests.{format}": requests,
            "/open311/v2/requests/{service_request_id}.{format}": _get(
                "One published request",
                _list(_REQUEST, ["service_request_id", "status"]),
                "The request",
                [_path_param("service_request_id", "A reference, e.g. SS-7KQ4MX")],
            ),
            "/open311/v2/tokens/{token}.{format}": _get(
                "A token's request id (null until the request is published)",
                _list({"service_request_id": _NSTR, "token": _STR}, ["token"]),
                "The token's request",
                [_path_param("token", "The token a POST answered with")],
            ),
        },
    }


@require_safe
def openapi(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
