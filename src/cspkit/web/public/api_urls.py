from __future__ import annotations

from django.urls import path, re_path

from cspkit.web.public import api, openapi

app_name = "api"
urlpatterns = [
    path("openapi.json", openapi.openapi, name="openapi"),
    path("forces", api.forces, name="forces"),
    path("cspkit/v1/crime-counts", api.crime_counts, name="crime-counts"),
    path("<slug:force>/neighbourhoods", api.neighbourhoods, name="neighbourhoods"),
    path("<slug:force>/<ward:ward>", api.neighbourhood, name="neighbourhood"),
    path("<slug:force>/<ward:ward>/boundary", api.boundary, name="boundary"),
    path("<slug:force>/<ward:ward>/priorities", api.priorities, name="priorities"),
    path("<slug:force>/<ward:ward>/events", api.events, name="events"),
    re_path(r"^", api.not_found, name="not-found"),  # anything else under /api/: a JSON 404
]
