"""Open311 GeoReport v2 answers in either of its formats: JSON, or XML whose element names are
the spec's (`services/service`, `service_requests/request`, `errors/error`, ...)."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree

from django.http import HttpResponse

# The element a list's items take in XML, by the list's own element name.
ITEM = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "keywords": "keyword",
}


def _fill(parent: ElementTree.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ElementTree.SubElement(parent, key), inner)
    elif isinstance(value, list):
        for inner in value:
            _fill(ElementTree.SubElement(parent, ITEM.get(parent.tag, "item")), inner)
    elif isinstance(value, bool):
        parent.text = "true" if value else "false"
    elif value is not None:
        parent.text = str(value)


def answer(root: str, body: Any, fmt: str, status: int = 200) -> HttpResponse:
    """`body` (a list under `root`, or a dict that is `root`) as JSON or XML."""
    if fmt == "xml":
        element = ElementTree.Element(root)
        _fill(element, body)
        text = ElementTree.tostring(element, encoding="unicode")
        response = HttpResponse(
            '<?xml version="1.0" encoding="utf-8"?>\n' + text, content_type="text/xml; charset=utf-8", status=status
        )
    else:
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8", status=status
        )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def errors(fmt: str, status: int, description: str) -> HttpResponse:
    """The spec's error list: one `{code, description}`, with the HTTP status as the code."""
    return answer("errors", [{"code": status, "description": description}], fmt, status)
